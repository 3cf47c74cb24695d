package core

import (
	"context"
	"time"

	"throughline/internal/model"
	"throughline/internal/store"
)

// developmentFacts returns each middle manager's development inputs for the periods,
// from the leadership development module (DevelopmentMeasures): program progress, and
// the growth in others' competency ratings between their last two 360s. A manager in no
// program and with fewer than two 360s has no development inputs, and the index
// re-weights the other components.
func developmentFacts(ctx context.Context, tx *store.Tx, periods []string, managers []store.PersonName) (map[string]map[int64]devFacts, error) {
	all, err := developmentMeasures(ctx, tx, periods, managers)
	if err != nil {
		return nil, err
	}
	out := make(map[string]map[int64]devFacts, len(periods))
	for _, period := range periods {
		ms := all[period]
		m := make(map[int64]devFacts, len(ms))
		for _, x := range ms {
			if !x.HasProgress && !x.HasGrowth && !x.HasUpward {
				continue
			}
			m[x.PersonID] = devFacts{
				InProgram: x.HasProgress, Progress: x.Progress,
				HasCompetency: x.HasGrowth, Before: x.OthersBefore, After: x.OthersAfter,
				HasUpward: x.HasUpward, Upward: x.Upward, UpwardRespondent: x.UpwardRespondents,
			}
		}
		out[period] = m
	}
	return out, nil
}

// impactPrograms returns the programs that have had participants, each with its
// participants (once, in their earliest cohort, with that cohort's dates) and everyone
// ever enrolled as a participant, who can never serve as a comparison.
func (c *Core) impactPrograms(ctx context.Context, tx *store.Tx) ([]impactProgram, error) {
	progs, err := tx.FindDevPrograms(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := tx.MemberCohorts(ctx, 0, model.CohortParticipant)
	if err != nil {
		return nil, err
	}
	type acc struct {
		cohorts map[int64]bool
		first   map[int64]impactParticipant
		order   []int64
	}
	by := map[int64]*acc{}
	for _, r := range rows {
		a := by[r.Cohort.ProgramID]
		if a == nil {
			a = &acc{cohorts: map[int64]bool{}, first: map[int64]impactParticipant{}}
			by[r.Cohort.ProgramID] = a
		}
		a.cohorts[r.Cohort.ID] = true
		p, seen := a.first[r.PersonID]
		if !seen {
			a.order = append(a.order, r.PersonID)
		}
		if !seen || r.Cohort.StartsOn < p.Start {
			a.first[r.PersonID] = impactParticipant{PersonID: r.PersonID, Start: r.Cohort.StartsOn, End: r.Cohort.EndsOn}
		}
	}
	var out []impactProgram
	for _, p := range progs {
		a := by[p.ID]
		if a == nil {
			continue
		}
		ip := impactProgram{ID: p.ID, Title: p.Title, Cohorts: len(a.cohorts), Ever: a.order}
		for _, id := range a.order {
			ip.Participants = append(ip.Participants, a.first[id])
		}
		out = append(out, ip)
	}
	return out, nil
}

// upwardByQuarter returns each manager's mean upward rating per 360 round, by the
// quarter the round closed in (the latest round where a quarter has two), only where the
// anonymity engine showed it.
func (c *Core) upwardByQuarter(ctx context.Context, tx *store.Tx) (map[int64][]upwardPoint, error) {
	rs, err := upwardRatings(ctx, tx)
	if err != nil {
		return nil, err
	}
	out := map[int64][]upwardPoint{}
	for _, r := range rs { // oldest first
		day, err := time.Parse("2006-01-02", r.ClosedOn)
		if err != nil {
			continue
		}
		q := model.QuarterOfTime(day)
		pts := out[r.PersonID]
		if n := len(pts); n > 0 && pts[n-1].Period == q {
			pts[n-1].Mean = r.Mean
			continue
		}
		out[r.PersonID] = append(pts, upwardPoint{Period: q, Mean: r.Mean})
	}
	return out, nil
}
