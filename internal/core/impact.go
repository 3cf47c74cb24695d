package core

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"throughline/internal/model"
	"throughline/internal/stats"
	"throughline/internal/store"
)

// ImpactMethod explains how a program's impact is measured, on the page and in the API.
const ImpactMethod = `Each participant is compared with one comparable middle manager who was never in the program. ` +
	`Comparison managers come from the same department and level when one is left (otherwise the same level), ` +
	`and the nearest by team size and by the outcome's value before the program (standardized distance, without replacement). ` +
	`For every outcome, each manager's change is their value in the follow-up quarter (the quarter after their cohort ends, ` +
	`or the last complete quarter while it runs) minus their value in the baseline quarter (the quarter before it starts); ` +
	`a comparison manager is measured over the same two quarters as their participant. ` +
	`The index outcome leaves out the index's development component, which counts program progress itself and would credit the program by construction; its other components are re-weighted. ` +
	`Upward ratings come from 360 rounds, not quarters: the last round that closed by the quarter the cohort started in, and the first that closed from the quarter it ended in. ` +
	`The estimate is the difference in differences: the participants' mean change minus the comparison managers' mean change. ` +
	`Its 95% confidence interval uses Welch's standard error and Student's t with the Welch–Satterthwaite degrees of freedom. ` +
	`Only team-level values that met the anonymity threshold enter: a team whose pulse had too few answers has no engagement value and is left out of that outcome. ` +
	`With fewer than 5 managers on either side the verdict is "not enough data to say". ` +
	`The estimate assumes both groups would have changed alike without the program; matching on the baseline makes that more plausible, but it is not proof.`

// ImpactOutcome is the estimated effect of a program on one outcome.
type ImpactOutcome struct {
	Key, Label     string
	Unit           string // "points" on 0–100, or "rating points" on 1–5
	HasEst         bool   // at least two managers on each side
	Enough         bool   // at least stats.MinUnits on each side
	Estimate       float64
	Low, High      float64
	SE             float64
	Treated        int
	Controls       int
	TreatedBase    float64
	TreatedFollow  float64
	ControlBase    float64
	ControlFollow  float64
	Relaxed        int // matched within the level only
	Unmatched      int // participants with no comparison manager left
	Verdict        string
	ExcludedNoData int // participants without a baseline or follow-up value
}

// ProgramImpact is a program's measured impact.
type ProgramImpact struct {
	ProgramID    int64
	Title        string
	Cohorts      int
	Participants int
	Outcomes     []ImpactOutcome
	Method       string
	ComputedAt   int64
}

// Outcome returns one outcome by key.
func (p ProgramImpact) Outcome(key string) (ImpactOutcome, bool) {
	for _, o := range p.Outcomes {
		if o.Key == key {
			return o, true
		}
	}
	return ImpactOutcome{}, false
}

// impactParticipant is one manager's participation in a program.
type impactParticipant struct {
	PersonID   int64
	Start, End string // the cohort's dates
}

// upwardPoint is a manager's mean upward (direct reports') rating from one 360 round,
// present only where the anonymity engine showed it.
type upwardPoint struct {
	Period string // the quarter of the round
	Mean   float64
}

// impactOutcomes are the outcomes measured, in order.
var impactOutcomes = []struct{ key, label, unit string }{
	{"index", "Index without development", "points"},
	{string(model.ComponentEngagement), "Team engagement", "points"},
	{"upward", "Upward competency ratings", "rating points"},
	{string(model.ComponentPurposeResults), "Purpose-metric attainment", "points"},
}

// programImpactOf estimates a program's effect from managers' index values by quarter,
// the development module's participants and 360 results; last is the last complete
// quarter. It is pure, so the worked example in its test needs no database.
func programImpactOf(prog impactProgram, last string, values map[int64]map[string]model.Index,
	people map[int64]model.Person, upward map[int64][]upwardPoint) ProgramImpact {
	out := ProgramImpact{ProgramID: prog.ID, Title: prog.Title, Cohorts: prog.Cohorts, Participants: len(prog.Participants), Method: ImpactMethod}
	inProgram := map[int64]bool{}
	for _, id := range prog.Ever {
		inProgram[id] = true
	}
	type window struct{ base, follow, start, end string }
	windows := map[int64]window{}
	for _, p := range prog.Participants {
		start, err1 := time.Parse("2006-01-02", p.Start)
		end, err2 := time.Parse("2006-01-02", p.End)
		if err1 != nil || err2 != nil {
			continue
		}
		w := window{base: model.AddQuarters(model.QuarterOfTime(start), -1), follow: model.AddQuarters(model.QuarterOfTime(end), 1),
			start: model.QuarterOfTime(start), end: model.QuarterOfTime(end)}
		if w.follow > last {
			w.follow = last
		}
		if w.follow <= w.base {
			continue
		}
		windows[p.PersonID] = w
	}
	valueOf := func(key string, id int64, period string) (float64, bool) {
		if key == "upward" {
			for _, u := range upward[id] {
				if u.Period == period {
					return u.Mean, true
				}
			}
			return 0, false
		}
		x, ok := values[id][period]
		if !ok {
			return 0, false
		}
		if key == "index" {
			return indexWithoutDevelopment(x)
		}
		cv := x.Component(model.IndexComponent(key))
		return cv.Value, cv.Has
	}
	// For upward ratings the quarters are those of the 360 rounds nearest the cohort: the
	// last that closed by the quarter it started in, the first that closed from the
	// quarter it ended in.
	nearest := func(id int64, period string, before bool) string {
		best := ""
		for _, u := range upward[id] {
			if before && u.Period <= period && u.Period > best {
				best = u.Period
			}
			if !before && u.Period >= period && (best == "" || u.Period < best) {
				best = u.Period
			}
		}
		return best
	}
	var ids []int64
	for id := range windows {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(a, b int) bool { return ids[a] < ids[b] })
	for _, oc := range impactOutcomes {
		o := ImpactOutcome{Key: oc.key, Label: oc.label, Unit: oc.unit}
		var treated []stats.MatchCandidate
		var pool []stats.MatchCandidate
		win := map[int64]window{}
		for _, id := range ids {
			w := windows[id]
			if oc.key == "upward" {
				w = window{base: nearest(id, w.start, true), follow: nearest(id, w.end, false)}
				if w.base == "" || w.follow == "" || w.follow <= w.base {
					o.ExcludedNoData++
					continue
				}
			}
			b, okB := valueOf(oc.key, id, w.base)
			_, okF := valueOf(oc.key, id, w.follow)
			if !okB || !okF {
				o.ExcludedNoData++
				continue
			}
			p := people[id]
			treated = append(treated, stats.MatchCandidate{ID: id, Group: groupKey(p), TeamSize: float64(p.DirectReports), Baseline: b})
			win[id] = w
		}
		// Candidates: middle managers never in the program, with values in the windows
		// they would be compared over. Their baseline for the distance is taken in the
		// first window they can serve; matching then checks the exact window.
		for id, p := range people {
			if inProgram[id] {
				continue
			}
			pool = append(pool, stats.MatchCandidate{ID: id, Group: groupKey(p), TeamSize: float64(p.DirectReports)})
		}
		sort.Slice(pool, func(a, b int) bool { return pool[a].ID < pool[b].ID })
		byLevel := map[string][]stats.MatchCandidate{} // every match stays within a level
		for _, cand := range pool {
			k := levelKey(people[cand.ID])
			byLevel[k] = append(byLevel[k], cand)
		}
		var tUnits, cUnits []stats.Unit
		used := map[int64]bool{}
		for _, t := range treated {
			w := win[t.ID]
			var cands []stats.MatchCandidate
			for _, cand := range byLevel[levelKey(people[t.ID])] {
				if used[cand.ID] {
					continue
				}
				cw := w
				if oc.key == "upward" {
					cw = window{base: nearest(cand.ID, w.base, true), follow: nearest(cand.ID, w.follow, false)}
				}
				b, okB := valueOf(oc.key, cand.ID, cw.base)
				_, okF := valueOf(oc.key, cand.ID, cw.follow)
				if okB && okF {
					cand.Baseline = b
					cands = append(cands, cand)
				}
			}
			m := stats.Match([]stats.MatchCandidate{t}, cands)
			match, ok := m[t.ID]
			if !ok { // relax to the same level in any department
				relaxed := make([]stats.MatchCandidate, len(cands))
				tt := t
				tt.Group = levelKey(people[t.ID])
				for i, cand := range cands {
					cand.Group = levelKey(people[cand.ID])
					relaxed[i] = cand
				}
				m = stats.Match([]stats.MatchCandidate{tt}, relaxed)
				if match, ok = m[t.ID]; ok {
					o.Relaxed++
				}
			}
			if !ok {
				o.Unmatched++
				continue
			}
			used[match] = true
			cw := w
			if oc.key == "upward" {
				cw = window{base: nearest(match, w.base, true), follow: nearest(match, w.follow, false)}
			}
			tb, _ := valueOf(oc.key, t.ID, w.base)
			tf, _ := valueOf(oc.key, t.ID, w.follow)
			cb, _ := valueOf(oc.key, match, cw.base)
			cf, _ := valueOf(oc.key, match, cw.follow)
			tUnits = append(tUnits, stats.Unit{ID: t.ID, Base: tb, Follow: tf})
			cUnits = append(cUnits, stats.Unit{ID: match, Base: cb, Follow: cf})
		}
		d := stats.DifferenceInDifferences(tUnits, cUnits)
		o.Treated, o.Controls, o.Enough = d.NTreated, d.NControl, d.EnoughData
		if !math.IsNaN(d.Estimate) {
			o.HasEst, o.Estimate, o.Low, o.High, o.SE = true, d.Estimate, d.Low, d.High, d.SE
			o.TreatedBase, o.TreatedFollow = meanOf(tUnits, true), meanOf(tUnits, false)
			o.ControlBase, o.ControlFollow = meanOf(cUnits, true), meanOf(cUnits, false)
		}
		o.Verdict = verdict(o)
		out.Outcomes = append(out.Outcomes, o)
	}
	return out
}

func groupKey(p model.Person) string {
	return strconv.FormatInt(p.DepartmentID, 10) + "|" + strconv.Itoa(p.Depth)
}

func levelKey(p model.Person) string { return strconv.Itoa(p.Depth) }

func meanOf(us []stats.Unit, base bool) float64 {
	s := 0.0
	for _, u := range us {
		if base {
			s += u.Base
		} else {
			s += u.Follow
		}
	}
	return s / float64(len(us))
}

// verdict says in plain words what an estimate means, and when it means nothing yet.
func verdict(o ImpactOutcome) string {
	f := func(v float64) string {
		out := fmt.Sprintf("%+.1f", v)
		if o.Unit == "rating points" {
			out = fmt.Sprintf("%+.2f", v)
		}
		if strings.Trim(out, "+-0.") == "" {
			return out[1:] // a rounded zero has no sign
		}
		return out
	}
	switch {
	case !o.Enough:
		return fmt.Sprintf("Not enough data to say: %d program and %d comparison managers have values before and after; at least %d of each are needed.",
			o.Treated, o.Controls, stats.MinUnits)
	case o.Low > 0:
		return fmt.Sprintf("The program likely helped: %s %s against comparable managers (95%% interval %s to %s).", f(o.Estimate), o.Unit, f(o.Low), f(o.High))
	case o.High < 0:
		return fmt.Sprintf("Participants fell behind comparable managers: %s %s (95%% interval %s to %s).", f(o.Estimate), o.Unit, f(o.Low), f(o.High))
	}
	return fmt.Sprintf("No clear effect yet: %s %s, but the 95%% interval runs from %s to %s, so the program may have helped, done nothing or hurt.",
		f(o.Estimate), o.Unit, f(o.Low), f(o.High))
}

// impactProgram is a program and its participants, for the impact estimate.
type impactProgram struct {
	ID           int64
	Title        string
	Cohorts      int
	Participants []impactParticipant // each participant once, in their earliest cohort
	Ever         []int64             // everyone ever enrolled, facilitators excluded
}

func impactSnapshot(id int64) string { return "program_impact:" + strconv.FormatInt(id, 10) }

// refreshProgramImpacts computes every program's impact from the stored index and
// stores it; the dashboard lists the summaries.
func (c *Core) refreshProgramImpacts(ctx context.Context) ([]ProgramImpact, error) {
	impacts, err := c.ComputeProgramImpacts(ctx, model.System)
	if err != nil {
		return nil, err
	}
	err = c.write(ctx, func(tx *store.Tx) error {
		for _, p := range impacts {
			b, err := json.Marshal(p)
			if err != nil {
				return fmt.Errorf("core: program impact: %w", err)
			}
			if err := tx.SaveSnapshot(ctx, impactSnapshot(p.ProgramID), string(b)); err != nil {
				return err
			}
		}
		return nil
	})
	return impacts, err
}

// ComputeProgramImpacts estimates every program's impact afresh. The system only.
func (c *Core) ComputeProgramImpacts(ctx context.Context, actor model.Actor) ([]ProgramImpact, error) {
	if !actor.IsSystem() {
		return nil, model.Forbidden()
	}
	var out []ProgramImpact
	err := c.read(ctx, func(tx *store.Tx) error {
		progs, err := c.impactPrograms(ctx, tx)
		if err != nil || len(progs) == 0 {
			return err
		}
		all, err := tx.FindScorecardPeople(ctx, store.ScorecardPeopleFilter{})
		if err != nil {
			return err
		}
		people := map[int64]model.Person{}
		for _, p := range all {
			if p.IsMiddleManager {
				people[p.ID] = p
			}
		}
		xs, _, err := tx.FindIndexValues(ctx, model.IndexFilter{Periods: c.IndexPeriodList()})
		if err != nil {
			return err
		}
		runs, err := tx.FindIndexRuns(ctx)
		if err != nil {
			return err
		}
		runOf := map[string]model.IndexRun{}
		for _, r := range runs {
			runOf[r.Period] = r
		}
		values := map[int64]map[string]model.Index{}
		for _, x := range xs {
			if values[x.Person.ID] == nil {
				values[x.Person.ID] = map[string]model.Index{}
			}
			values[x.Person.ID][x.Period] = explain(x, runOf[x.Period])
		}
		upward, err := c.upwardByQuarter(ctx, tx)
		if err != nil {
			return err
		}
		for _, p := range progs {
			out = append(out, programImpactOf(p, c.DefaultPeriod(), values, people, upward))
		}
		return nil
	})
	return out, err
}

// ProgramImpact returns a program's measured impact, as last computed with the index.
// Executives, hr and admin.
func (c *Core) ProgramImpact(ctx context.Context, actor model.Actor, programID int64) (ProgramImpact, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR, model.RoleExecutive); err != nil {
		return ProgramImpact{}, err
	}
	if _, err := c.indexRuns(ctx); err != nil {
		return ProgramImpact{}, err
	}
	return c.impacts.read(ctx, c, impactSnapshot(programID), func() (ProgramImpact, error) {
		impacts, err := c.refreshProgramImpacts(ctx)
		if err != nil {
			return ProgramImpact{}, err
		}
		for _, p := range impacts {
			if p.ProgramID == programID {
				return p, nil
			}
		}
		return ProgramImpact{}, model.NotFound("program")
	}, func(p *ProgramImpact, at int64) { p.ComputedAt = at })
}

// programImpactSummaries are the index outcome of every program, for the dashboard,
// from the stored estimates (refreshed just before the dashboard).
func (c *Core) programImpactSummaries(ctx context.Context) ([]ProgramImpactSummary, error) {
	var bodies []string
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		bodies, err = tx.FindSnapshots(ctx, "program_impact:")
		return err
	})
	if err != nil {
		return nil, err
	}
	var out []ProgramImpactSummary
	for _, b := range bodies {
		var p ProgramImpact
		if err := json.Unmarshal([]byte(b), &p); err != nil {
			return nil, fmt.Errorf("core: program impact snapshot: %w", err)
		}
		o, _ := p.Outcome("index")
		out = append(out, ProgramImpactSummary{ProgramID: p.ProgramID, Title: p.Title, Verdict: o.Verdict, Estimate: o.Estimate,
			Low: o.Low, High: o.High, HasEst: o.HasEst && o.Enough, Treated: o.Treated, Controls: o.Controls})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Title < out[b].Title })
	return out, nil
}

// indexWithoutDevelopment is a manager's index with its development component left out
// and the other components re-weighted: program progress is part of that component, so
// keeping it would make any program look effective. An index stored without components
// is taken whole.
func indexWithoutDevelopment(x model.Index) (float64, bool) {
	if len(x.Components) == 0 {
		return x.Value, x.Has
	}
	var sum, weights float64
	for _, c := range x.Components {
		if c.Has && c.Component != model.ComponentDevelopment && c.Weight > 0 {
			sum += c.Value * c.Weight
			weights += c.Weight
		}
	}
	if weights == 0 {
		return 0, false
	}
	return sum / weights, true
}
