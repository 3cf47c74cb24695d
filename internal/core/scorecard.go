package core

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"throughline/internal/model"
	"throughline/internal/score"
	"throughline/internal/store"
)

// The scorecard rules, in one place:
//   - a manager reads their own scorecard; the managers above them read it (the
//     reporting line); hr, admin and executives read every scorecard;
//   - a scorecard holds the published metrics whose scope covers the person; each value
//     is the team's own, or the department's when the team has none;
//   - the arithmetic is score's; this file only gathers rows.

// TrendPeriods is how many periods a scorecard's trend shows.
const TrendPeriods = 8

// Setting keys of the scorecard.
const (
	settingWeightPrefix  = "scorecard_weight_"
	settingFinancialHigh = "scorecard_financial_high"
	settingPurposeLow    = "scorecard_purpose_low"
)

// canSeeScorecard reports whether actor may read p's scorecard.
func canSeeScorecard(actor model.Actor, p model.Person) bool {
	return actor.SeesEveryone() || actor.Is(model.RoleExecutive) || inLine(actor, p)
}

// DefaultPeriod is the scorecard period shown when none is chosen: the last complete
// quarter, so a page never opens on a quarter still being measured.
func (c *Core) DefaultPeriod() string { return model.AddQuarters(model.QuarterOfTime(c.Now()), -1) }

// CurrentPeriod is the quarter in progress.
func (c *Core) CurrentPeriod() string { return model.QuarterOfTime(c.Now()) }

// PeriodChoices lists the periods pages offer, newest first: the quarter in progress and
// the eight before it.
func (c *Core) PeriodChoices() []string {
	cur := c.CurrentPeriod()
	out := make([]string, 0, TrendPeriods+1)
	for i := 0; i <= TrendPeriods; i++ {
		out = append(out, model.AddQuarters(cur, -i))
	}
	return out
}

// period returns p when it is a quarter, else the default.
func (c *Core) period(p string) (string, error) {
	p = strings.ToUpper(strings.TrimSpace(p))
	if p == "" {
		return c.DefaultPeriod(), nil
	}
	if !model.ValidQuarter(p) {
		return "", &model.Error{Code: model.CodeInvalid, Message: "The period must be a quarter such as 2026-Q1.", Fields: map[string]string{"period": "Choose a quarter such as 2026-Q1."}}
	}
	return p, nil
}

// ScoreSettings returns the organization's scorecard settings. Everyone signed in may
// read them: the weights behind a score are part of its explanation.
func (c *Core) ScoreSettings(ctx context.Context, actor model.Actor) (model.ScoreSettings, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.ScoreSettings{}, err
	}
	var s model.ScoreSettings
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		s, err = loadScoreSettings(ctx, tx)
		return err
	})
	return s, err
}

func loadScoreSettings(ctx context.Context, tx *store.Tx) (model.ScoreSettings, error) {
	s := model.DefaultScoreSettings()
	all, err := tx.Settings(ctx)
	if err != nil {
		return s, err
	}
	num := func(k string, dst *float64) {
		if v, ok := all[k]; ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil && !math.IsNaN(f) {
				*dst = f
			}
		}
	}
	for _, p := range model.Perspectives {
		w := s.Weights[p]
		num(settingWeightPrefix+string(p), &w)
		s.Weights[p] = w
	}
	num(settingFinancialHigh, &s.FinancialHigh)
	num(settingPurposeLow, &s.PurposeLow)
	return s, nil
}

// SetScoreSettings changes the perspective weights and the balance-warning thresholds.
// hr and admin only.
func (c *Core) SetScoreSettings(ctx context.Context, actor model.Actor, s model.ScoreSettings) error {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return err
	}
	if err := s.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		for _, p := range model.Perspectives {
			if err := tx.SetSetting(ctx, settingWeightPrefix+string(p), strconv.FormatFloat(s.Weight(p), 'f', -1, 64)); err != nil {
				return err
			}
		}
		if err := tx.SetSetting(ctx, settingFinancialHigh, strconv.FormatFloat(s.FinancialHigh, 'f', -1, 64)); err != nil {
			return err
		}
		if err := tx.SetSetting(ctx, settingPurposeLow, strconv.FormatFloat(s.PurposeLow, 'f', -1, 64)); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "setting_changed", "setting", 0, "scorecard")
	})
}

// scoring is what every scorecard of a request shares: the settings and the published
// metrics.
type scoring struct {
	settings model.ScoreSettings
	metrics  []model.Metric
}

func loadScoring(ctx context.Context, tx *store.Tx) (scoring, error) {
	s, err := loadScoreSettings(ctx, tx)
	if err != nil {
		return scoring{}, err
	}
	ms, err := tx.FindMetrics(ctx, model.MetricFilter{Status: model.MetricPublished})
	if err != nil {
		return scoring{}, err
	}
	sortMetrics(ms)
	return scoring{settings: s, metrics: ms}, nil
}

// cards computes the scorecards of people for periods: out[i][j] is person i in period j.
// With whole set, it reads every result of the periods at once (a whole-organization
// list); otherwise only the people's teams and departments.
func (sc scoring) cards(ctx context.Context, tx *store.Tx, people []model.Person, periods []string, whole bool) ([][]model.Scorecard, error) {
	return sc.compute(ctx, tx, people, periods, whole, true)
}

// summaries is cards without each metric's details, for lists.
func (sc scoring) summaries(ctx context.Context, tx *store.Tx, people []model.Person, periods []string, whole bool) ([][]model.Scorecard, error) {
	return sc.compute(ctx, tx, people, periods, whole, false)
}

func (sc scoring) compute(ctx context.Context, tx *store.Tx, people []model.Person, periods []string, whole, detail bool) ([][]model.Scorecard, error) {
	var teams, depts []int64
	if !whole {
		seen := map[int64]bool{}
		for _, p := range people {
			teams = append(teams, p.ID)
			if p.DepartmentID != 0 && !seen[p.DepartmentID] {
				seen[p.DepartmentID] = true
				depts = append(depts, p.DepartmentID)
			}
		}
		if depts == nil {
			depts = []int64{}
		}
	}
	rows, err := tx.ResultsForPeriods(ctx, periods, teams, depts, len(people)*len(sc.metrics)*len(periods))
	if err != nil {
		return nil, err
	}
	// Group the results by period and subject. Rows arrive in key order (period, subject,
	// metric), so consecutive rows share a subject and the map is touched once per
	// subject, not once per row: at 200,000 results that is most of the cost.
	type subjectKey struct {
		period int
		team   bool
		id     int64
	}
	idx := make(map[subjectKey][]store.ResultRow, len(people)*len(periods)+16)
	pi, start := 0, 0
	var cur subjectKey
	for i := 0; i <= len(rows); i++ {
		var k subjectKey
		if i < len(rows) {
			r := &rows[i]
			if r.Period != periods[pi] {
				for pi = range periods {
					if periods[pi] == r.Period {
						break
					}
				}
			}
			k = subjectKey{pi, r.SubjectType == model.SubjectTeam, r.SubjectID}
			if i == 0 {
				cur = k
			}
		}
		if i == len(rows) || k != cur {
			if prev, ok := idx[cur]; ok { // out of order: join the runs
				idx[cur] = append(prev[:len(prev):len(prev)], rows[start:i]...)
			} else if i > start {
				idx[cur] = rows[start:i]
			}
			cur, start = k, i
		}
	}
	find := func(rs []store.ResultRow, metricID int64) (store.ResultRow, bool) {
		for _, r := range rs {
			if r.MetricID == metricID {
				return r, true
			}
		}
		return store.ResultRow{}, false
	}
	out := make([][]model.Scorecard, len(people))
	inputs := make([]score.Input, 0, len(sc.metrics))
	for i, p := range people {
		out[i] = make([]model.Scorecard, len(periods))
		for j, period := range periods {
			teamRows := idx[subjectKey{j, true, p.ID}]
			var deptRows []store.ResultRow
			if p.DepartmentID != 0 {
				deptRows = idx[subjectKey{j, false, p.DepartmentID}]
			}
			inputs = inputs[:0]
			for mi := range sc.metrics {
				m := &sc.metrics[mi]
				if !appliesTo(*m, p) {
					continue
				}
				in := score.Input{Metric: m, Expected: 1, From: model.SubjectTeam, FromName: p.Name}
				if m.Frequency == model.Monthly {
					in.Expected = 3
				}
				if r, ok := find(teamRows, m.ID); ok {
					in.HasData, in.Value, in.Parts, in.Expected = true, r.Value, r.Parts, r.Expected
				} else if r, ok := find(deptRows, m.ID); ok {
					in.HasData, in.Value, in.Parts, in.Expected = true, r.Value, r.Parts, r.Expected
					in.From, in.FromName = model.SubjectDepartment, p.DepartmentName
				}
				inputs = append(inputs, in)
			}
			var card model.Scorecard
			if detail {
				card = score.Card(inputs, sc.settings)
			} else {
				card = score.Summary(inputs, sc.settings)
			}
			card.Person, card.Period = p, period
			out[i][j] = card
		}
	}
	return out, nil
}

// trendPeriods returns the TrendPeriods quarters ending at period, oldest first.
func trendPeriods(period string) []string {
	out := make([]string, TrendPeriods)
	for i := range out {
		out[i] = model.AddQuarters(period, i-TrendPeriods+1)
	}
	return out
}

// trendOf turns a person's cards over periods into a trend.
func trendOf(periods []string, cards []model.Scorecard) model.ScorecardTrend {
	t := model.ScorecardTrend{Periods: periods, Composite: make([]float64, len(cards)), ByPerspective: map[model.Perspective][]float64{}}
	for _, p := range model.Perspectives {
		t.ByPerspective[p] = make([]float64, len(cards))
	}
	for i, c := range cards {
		t.Composite[i] = c.Composite
		for _, ps := range c.Perspectives {
			t.ByPerspective[ps.Perspective][i] = ps.Score
		}
	}
	return t
}

// ScorecardView is a manager's scorecard for a period, with its trend.
type ScorecardView struct {
	Card     model.Scorecard
	Trend    model.ScorecardTrend
	Settings model.ScoreSettings
	Current  bool // the period is still in progress
	Own      bool // the viewer's own scorecard
}

// Scorecard returns a person's scorecard for a quarter ("" for the last complete one)
// and its trend over the eight quarters ending there.
func (c *Core) Scorecard(ctx context.Context, actor model.Actor, personID int64, period string) (ScorecardView, error) {
	if err := requireSignedIn(actor); err != nil {
		return ScorecardView{}, err
	}
	period, err := c.period(period)
	if err != nil {
		return ScorecardView{}, err
	}
	var v ScorecardView
	err = c.read(ctx, func(tx *store.Tx) error {
		p, err := c.scorecardPerson(ctx, tx, actor, personID)
		if err != nil {
			return err
		}
		sc, err := loadScoring(ctx, tx)
		if err != nil {
			return err
		}
		periods := trendPeriods(period)
		cards, err := sc.cards(ctx, tx, []model.Person{p}, periods, false)
		if err != nil {
			return err
		}
		v = ScorecardView{Card: cards[0][len(periods)-1], Trend: trendOf(periods, cards[0]), Settings: sc.settings,
			Current: period >= c.CurrentPeriod(), Own: p.ID == actor.PersonID}
		return nil
	})
	return v, err
}

// scorecardPerson loads a person whose scorecard actor may read, or not_found.
func (c *Core) scorecardPerson(ctx context.Context, tx *store.Tx, actor model.Actor, personID int64) (model.Person, error) {
	ps, err := tx.FindScorecardPeople(ctx, store.ScorecardPeopleFilter{IDs: []int64{personID}})
	if err != nil {
		return model.Person{}, err
	}
	if len(ps) == 0 || !canSeeScorecard(actor, ps[0]) {
		return model.Person{}, model.NotFound("scorecard")
	}
	return ps[0], nil
}

// ScorecardFilter selects the scorecards of a list.
type ScorecardFilter struct {
	Period       string
	DepartmentID int64
	Warnings     bool // only scorecards with a balance warning
}

// ScorecardList is the scorecards an actor may read for one period.
type ScorecardList struct {
	Period   string
	Cards    []model.Scorecard // perspectives and composite; metric details left out
	Settings model.ScoreSettings
	Warnings int // scorecards with a balance warning, before the Warnings filter
	Total    int
}

// Scorecards lists the scorecards of every manager the actor may read: everyone's for
// hr, admin and executives; the managers in their reporting line for everyone else.
func (c *Core) Scorecards(ctx context.Context, actor model.Actor, f ScorecardFilter) (ScorecardList, error) {
	if err := requireSignedIn(actor); err != nil {
		return ScorecardList{}, err
	}
	period, err := c.period(f.Period)
	if err != nil {
		return ScorecardList{}, err
	}
	out := ScorecardList{Period: period}
	err = c.read(ctx, func(tx *store.Tx) error {
		pf := store.ScorecardPeopleFilter{DepartmentID: f.DepartmentID}
		whole := true
		if !actor.SeesEveryone() && !actor.Is(model.RoleExecutive) {
			if actor.Line == "" {
				return nil
			}
			pf.Under, whole = actor.Line, false
		}
		people, err := tx.FindScorecardPeople(ctx, pf)
		if err != nil {
			return err
		}
		if len(people) < 500 {
			whole = false // a few managers: read only their rows
		}
		sc, err := loadScoring(ctx, tx)
		if err != nil {
			return err
		}
		out.Settings = sc.settings
		cards, err := sc.summaries(ctx, tx, people, []string{period}, whole)
		if err != nil {
			return err
		}
		out.Cards = make([]model.Scorecard, 0, len(cards))
		for _, cs := range cards {
			card := cs[0]
			if card.Warning != nil {
				out.Warnings++
			}
			if f.Warnings && card.Warning == nil {
				continue
			}
			out.Cards = append(out.Cards, card)
		}
		out.Total = len(people)
		return nil
	})
	return out, err
}

// MetricDrill is one metric of a scorecard opened down to what made it: the values of
// the period (team's or department's), their corrections, the formula with its numbers,
// and the metric's values over the trend.
type MetricDrill struct {
	Card         model.Scorecard
	Score        model.MetricScore
	Perspective  model.PerspectiveScore
	Parts        []string // the months of the period (or the quarter)
	Observations []model.Observation
	History      []model.ObservationChange
	TrendPeriods []string
	TrendValues  []float64
	Settings     model.ScoreSettings
}

// ScorecardMetric opens one metric of a person's scorecard.
func (c *Core) ScorecardMetric(ctx context.Context, actor model.Actor, personID, metricID int64, period string) (MetricDrill, error) {
	if err := requireSignedIn(actor); err != nil {
		return MetricDrill{}, err
	}
	period, err := c.period(period)
	if err != nil {
		return MetricDrill{}, err
	}
	var d MetricDrill
	err = c.read(ctx, func(tx *store.Tx) error {
		p, err := c.scorecardPerson(ctx, tx, actor, personID)
		if err != nil {
			return err
		}
		sc, err := loadScoring(ctx, tx)
		if err != nil {
			return err
		}
		periods := trendPeriods(period)
		cards, err := sc.cards(ctx, tx, []model.Person{p}, periods, false)
		if err != nil {
			return err
		}
		d.Card, d.Settings = cards[0][len(periods)-1], sc.settings
		ms, ok := d.Card.Find(metricID)
		if !ok {
			return model.NotFound("metric on this scorecard")
		}
		d.Score, d.Perspective = ms, d.Card.Perspective(ms.Metric.Perspective)
		d.TrendPeriods = periods
		for _, card := range cards[0] {
			v := math.NaN()
			if m, ok := card.Find(metricID); ok && m.HasData {
				v = m.Value
			}
			d.TrendValues = append(d.TrendValues, v)
		}
		d.Parts = []string{period}
		if ms.Metric.Frequency == model.Monthly {
			d.Parts = model.MonthsOf(period)
		}
		subject := p.ID
		if ms.From == model.SubjectDepartment {
			subject = p.DepartmentID
		}
		obs, _, err := tx.FindObservations(ctx, model.ObservationFilter{MetricID: metricID, SubjectType: ms.From, SubjectID: subject,
			Periods: d.Parts, Page: model.Page{Limit: 10}})
		if err != nil {
			return err
		}
		for i := len(obs) - 1; i >= 0; i-- { // oldest month first
			d.Observations = append(d.Observations, obs[i])
		}
		ids := make([]int64, len(obs))
		for i, o := range obs {
			ids[i] = o.ID
		}
		d.History, err = tx.ObservationHistory(ctx, ids)
		return err
	})
	return d, err
}

// ExportScorecards returns the scorecards of a period for the CSV export: the same
// scope as the list.
func (c *Core) ExportScorecards(ctx context.Context, actor model.Actor, period string) ([]model.Scorecard, error) {
	l, err := c.Scorecards(ctx, actor, ScorecardFilter{Period: period})
	if err != nil {
		return nil, err
	}
	return l.Cards, nil
}

// ScorecardSummary is the home page's view of a manager's own scorecard: the last
// complete quarter, the one before, and the eight-quarter trend.
type ScorecardSummary struct {
	Card     model.Scorecard
	Previous model.Scorecard
	Trend    model.ScorecardTrend
	Has      bool
}

// MyScorecard returns the actor's own scorecard for the last complete quarter, or Has
// false when no published metric applies to them.
func (c *Core) MyScorecard(ctx context.Context, actor model.Actor) (ScorecardSummary, error) {
	if err := requireSignedIn(actor); err != nil || actor.PersonID == 0 {
		return ScorecardSummary{}, err
	}
	var s ScorecardSummary
	err := c.read(ctx, func(tx *store.Tx) error {
		ps, err := tx.FindScorecardPeople(ctx, store.ScorecardPeopleFilter{IDs: []int64{actor.PersonID}})
		if err != nil || len(ps) == 0 {
			return err
		}
		sc, err := loadScoring(ctx, tx)
		if err != nil {
			return err
		}
		periods := trendPeriods(c.DefaultPeriod())
		cards, err := sc.summaries(ctx, tx, ps, periods, false)
		if err != nil {
			return err
		}
		last := cards[0][len(periods)-1]
		if last.Metrics == 0 {
			return nil
		}
		s = ScorecardSummary{Card: last, Previous: cards[0][len(periods)-2], Trend: trendOf(periods, cards[0]), Has: true}
		return nil
	})
	return s, err
}

// FormulaLines explains an attainment with its numbers, for the drill-down page and
// the API: the formula, the values put in, and the limit when it applied.
func FormulaLines(ms model.MetricScore) []string {
	m := ms.Metric
	f := model.FormatNumber
	lines := []string{"attainment = (value − floor) ÷ (target − floor), limited to 0% … 120%"}
	if !ms.HasData {
		return append(lines, "No value was recorded for this period, so the metric shows “no data” and is left out of its perspective's score.")
	}
	lines = append(lines, fmt.Sprintf("= (%s − %s) ÷ (%s − %s) = %s ÷ %s = %s",
		f(ms.Value), f(m.Floor), f(m.Target), f(m.Floor), f(ms.Value-m.Floor), f(m.Target-m.Floor), model.Percent(ms.Raw)))
	switch {
	case ms.Capped && ms.Raw > score.MaxAttainment:
		lines = append(lines, fmt.Sprintf("Limited to 120%%: results beyond the target count, but one metric cannot carry a scorecard (%s before the limit).", model.Percent(ms.Raw)))
	case ms.Capped:
		lines = append(lines, "Limited to 0%: a result beyond the floor earns nothing, and never less than nothing.")
	}
	if m.Direction == model.LowerIsBetter {
		lines = append(lines, "Lower is better: the floor lies above the target, so the same formula mirrors itself.")
	}
	return lines
}
