package core_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// perfOrg is SmallOrg with a clock in May 2026 (so 2026-Q1 is the last complete
// quarter) and a small catalogue: one metric in each of four perspectives.
type perfOrg struct {
	c                      *core.Core
	hr                     model.Actor
	ids                    map[string]int64
	sales                  int64 // the Sales department
	margin, engagement     model.Metric
	incidents, ideas, nps  model.Metric
	bo, fay, dee, ada, gus model.Actor
}

var may2026 = time.Date(2026, 5, 10, 12, 0, 0, 0, time.UTC)

func newPerfOrg(t *testing.T, db *store.DB) *perfOrg {
	t.Helper()
	db.SetNow(func() time.Time { return may2026 })
	c := setup(t, db)
	ctx := context.Background()
	o := &perfOrg{c: c, ids: map[string]int64{}}
	for _, e := range []string{"E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9"} {
		o.ids[e] = dbtest.MustPerson(t, c, e).ID
	}
	o.hr = dbtest.MustActor(t, c, "cy@example.org")
	o.bo = dbtest.MustActor(t, c, "bo@example.org")
	o.fay = dbtest.MustActor(t, c, "fay@example.org")
	o.dee = dbtest.MustActor(t, c, "dee@example.org")
	o.ada = dbtest.MustActor(t, c, "ada@example.org")
	o.gus = dbtest.MustActor(t, c, "gus@example.org")
	depts, err := c.Departments(ctx, o.hr)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range depts {
		if d.Name == "Sales" {
			o.sales = d.ID
		}
	}
	mk := func(in model.MetricInput) model.Metric {
		t.Helper()
		in.Status = model.MetricPublished
		if in.Why == "" {
			in.Why = "Because " + in.Name + " shows whether we live our purpose."
		}
		if in.Weight == 0 {
			in.Weight = 1
		}
		m, err := c.CreateMetric(ctx, o.hr, in)
		if err != nil {
			t.Fatalf("create metric %s: %v", in.Name, err)
		}
		return m
	}
	o.margin = mk(model.MetricInput{Name: "Gross margin", Perspective: model.PerspectiveFinancial, Unit: "%", Direction: model.HigherIsBetter,
		Target: 30, Floor: 20, Combine: model.CombineAvg, Frequency: model.Monthly})
	o.engagement = mk(model.MetricInput{Key: "employee_engagement", Name: "Employee engagement", Perspective: model.PerspectivePeople, Unit: "%",
		Direction: model.HigherIsBetter, Target: 80, Floor: 60, Combine: model.CombineLast, Frequency: model.Quarterly})
	o.incidents = mk(model.MetricInput{Name: "Safety incidents", Perspective: model.PerspectiveEthics, Unit: "count", Direction: model.LowerIsBetter,
		Target: 0, Floor: 6, Combine: model.CombineSum, Frequency: model.Monthly})
	o.ideas = mk(model.MetricInput{Name: "Ideas implemented", Perspective: model.PerspectiveInnovation, Direction: model.HigherIsBetter,
		Target: 6, Floor: 0, Combine: model.CombineSum, Frequency: model.Monthly, Scope: model.ScopeDepartment, ScopeDepartmentID: o.sales})
	o.nps = mk(model.MetricInput{Name: "Customer NPS", Perspective: model.PerspectiveCustomer, Direction: model.HigherIsBetter,
		Target: 50, Floor: 0, Combine: model.CombineLast, Frequency: model.Quarterly, Scope: model.ScopeNamed, ManagerIDs: []int64{o.ids["E6"]}})
	return o
}

func (o *perfOrg) record(t *testing.T, actor model.Actor, src model.Source, rows ...model.ObservationInput) model.ObservationReport {
	t.Helper()
	rep, err := o.c.RecordObservations(context.Background(), actor, rows, src, core.ObservationOptions{})
	if err != nil {
		t.Fatalf("record: %v", err)
	}
	return rep
}

func obs(metric, subjType, subject, period string, v float64) model.ObservationInput {
	return model.ObservationInput{MetricKey: metric, SubjectType: model.SubjectType(subjType), SubjectRef: subject, Period: period, Value: v}
}

// TestScorecardEndToEnd records values for Bo and Fay and checks every number of their
// scorecards: monthly values combined by each rule, lower-is-better, department values
// used when a team has none, missing data as no data, scope, composite and warning.
func TestScorecardEndToEnd(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newPerfOrg(t, db)
		ctx := context.Background()
		rep := o.record(t, o.hr, model.SourceCSV,
			// Bo: margin 28, 30, 32 → average 30 → 100%; engagement 50 → 0% (below floor).
			obs("gross_margin", "team", "E2", "2026-01", 28), obs("gross_margin", "team", "E2", "2026-02", 30), obs("gross_margin", "team", "E2", "2026-03", 32),
			obs("employee_engagement", "team", "E2", "2026-Q1", 50),
			// Incidents for the Sales department: 1 + 2 = 3 of a floor of 6 → 50% (lower is better).
			obs("safety_incidents", "department", "sales", "2026-01", 1), obs("safety_incidents", "department", "Sales", "2026-02", 2),
			// Fay: her own incidents (0 → 100%), engagement 90 → 150% → capped 120%, NPS 25 → 50%.
			obs("safety_incidents", "team", "E6", "2026-03", 0),
			obs("employee_engagement", "team", "E6", "2026-Q1", 90),
			obs("customer_nps", "team", "E6", "2026-Q1", 25),
			// Ideas for Bo's team only in March: 3 of 6 → 50%.
			obs("ideas_implemented", "team", "E2", "2026-03", 3),
		)
		if rep.Created != 10 || rep.Corrected != 0 {
			t.Fatalf("report %s", rep.Summary())
		}
		v, err := o.c.Scorecard(ctx, o.bo, o.ids["E2"], "")
		if err != nil {
			t.Fatal(err)
		}
		card := v.Card
		if card.Period != "2026-Q1" {
			t.Errorf("default period %s, want the last complete quarter 2026-Q1", card.Period)
		}
		want := map[model.Perspective]string{
			model.PerspectiveFinancial: "100%", model.PerspectivePeople: "0%", model.PerspectiveEthics: "50%",
			model.PerspectiveInnovation: "50%", model.PerspectiveCustomer: "no data", model.PerspectiveImpact: "no data",
		}
		for p, w := range want {
			ps := card.Perspective(p)
			got := "no data"
			if ps.HasData {
				got = model.Percent(ps.Score)
			}
			if got != w {
				t.Errorf("Bo %s = %s, want %s", p, got, w)
			}
		}
		// NPS is named for Fay only: not on Bo's card.
		if _, ok := card.Find(o.nps.ID); ok {
			t.Error("Bo's card carries a metric named for Fay")
		}
		if card.Metrics != 4 || card.WithData != 4 {
			t.Errorf("Bo: %d metrics, %d with data; want 4, 4", card.Metrics, card.WithData)
		}
		inc, _ := card.Find(o.incidents.ID)
		if inc.From != model.SubjectDepartment || inc.Value != 3 || inc.Parts != 2 || inc.Expected != 3 || !inc.Partial() {
			t.Errorf("Bo's incidents: %+v; want the department's 3 from 2 of 3 months", inc)
		}
		// Composite: financial 25×1 + people 20×0 + ethics 15×0.5 + innovation 10×0.5 over 70.
		if got, want := card.Composite, (25+0+7.5+5)/70.0; math.Abs(got-want) > 1e-12 {
			t.Errorf("Bo composite %v, want %v", got, want)
		}
		if card.Warning == nil || len(card.Warning.Weak) != 2 {
			t.Errorf("Bo: warning %+v, want one naming people and ethics", card.Warning)
		}
		// Trend: eight quarters, only the last with data; the rest are no data (NaN), never 0.
		if n := len(v.Trend.Periods); n != 8 || v.Trend.Periods[7] != "2026-Q1" || v.Trend.Periods[0] != "2024-Q2" {
			t.Errorf("trend periods %v", v.Trend.Periods)
		}
		if !math.IsNaN(v.Trend.Composite[0]) {
			t.Errorf("trend without data = %v, want NaN", v.Trend.Composite[0])
		}

		f, err := o.c.Scorecard(ctx, o.fay, o.ids["E6"], "2026-Q1")
		if err != nil {
			t.Fatal(err)
		}
		eng, _ := f.Card.Find(o.engagement.ID)
		if eng.Attainment != 1.2 || !eng.Capped {
			t.Errorf("Fay's engagement attainment %v capped %v, want 1.2 capped", eng.Attainment, eng.Capped)
		}
		inc, _ = f.Card.Find(o.incidents.ID)
		if inc.From != model.SubjectTeam || inc.Value != 0 || inc.Attainment != 1 {
			t.Errorf("Fay's incidents %+v, want her team's own 0 → 100%%", inc)
		}
		if m, ok := f.Card.Find(o.margin.ID); !ok || m.HasData {
			t.Errorf("Fay's margin %+v, want on the card with no data", m)
		}

		// The drill-down shows the months that made a value and the formula.
		d, err := o.c.ScorecardMetric(ctx, o.bo, o.ids["E2"], o.margin.ID, "2026-Q1")
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Observations) != 3 || d.Observations[0].Period != "2026-01" || d.Score.Value != 30 {
			t.Errorf("drill: %d observations, first %v, value %v", len(d.Observations), d.Observations, d.Score.Value)
		}
		lines := strings.Join(core.FormulaLines(d.Score), "\n")
		if !strings.Contains(lines, "= (30 − 20) ÷ (30 − 20) = 10 ÷ 10 = 100%") {
			t.Errorf("formula lines:\n%s", lines)
		}
		if d.Score.Metric.Why == "" {
			t.Error("the drill-down lacks why the metric matters")
		}
	})
}

// TestObservationsIdempotentAndCorrected re-imports the same values (nothing changes),
// corrects one (history keeps the old value, who and when) and checks that the scorecard
// follows the correction at once.
func TestObservationsIdempotentAndCorrected(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newPerfOrg(t, db)
		ctx := context.Background()
		rows := []model.ObservationInput{obs("gross_margin", "team", "E2", "2026-01", 25), obs("gross_margin", "team", "E2", "2026-02", 25)}
		o.record(t, o.hr, model.SourceCSV, rows...)
		if rep := o.record(t, o.hr, model.SourceCSV, rows...); rep.Created != 0 || rep.Corrected != 0 || rep.Unchanged != 2 {
			t.Errorf("re-import: %s, want 2 unchanged", rep.Summary())
		}
		before, _ := o.c.Scorecard(ctx, o.hr, o.ids["E2"], "2026-Q1")
		if m, _ := before.Card.Find(o.margin.ID); m.Value != 25 || m.Attainment != 0.5 {
			t.Fatalf("margin before %v (%v)", m.Value, m.Attainment)
		}
		rows[1].Value = 35
		rows[1].Note = "Restated after the audit."
		if rep := o.record(t, o.hr, model.SourceManual, rows[1]); rep.Corrected != 1 {
			t.Errorf("correction: %s", rep.Summary())
		}
		after, _ := o.c.Scorecard(ctx, o.hr, o.ids["E2"], "2026-Q1")
		if m, _ := after.Card.Find(o.margin.ID); m.Value != 30 || m.Attainment != 1 {
			t.Errorf("margin after the correction %v (%v), want average 30 → 100%%", m.Value, m.Attainment)
		}
		list, err := o.c.Observations(ctx, o.hr, model.ObservationFilter{MetricID: o.margin.ID, Periods: []string{"2026-02"}})
		if err != nil || len(list.Items) != 1 {
			t.Fatalf("observations: %v %v", list, err)
		}
		ob, hist, err := o.c.ObservationHistory(ctx, o.hr, list.Items[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if ob.Value != 35 || ob.Source != model.SourceManual || len(hist) != 1 || hist[0].OldValue != 25 || hist[0].NewValue != 35 ||
			hist[0].OldSource != model.SourceCSV || hist[0].ByName == "" || hist[0].ChangedAt == 0 {
			t.Errorf("observation %+v history %+v", ob, hist)
		}
	})
}

// TestObservationBatchIsAllOrNothing sends a batch with problems on several lines: every
// line is named and nothing is written.
func TestObservationBatchIsAllOrNothing(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newPerfOrg(t, db)
		ctx := context.Background()
		rows := []model.ObservationInput{
			{Line: 2, MetricKey: "gross_margin", SubjectType: "team", SubjectRef: "E2", Period: "2026-01", Value: 25},
			{Line: 3, MetricKey: "no_such_metric", SubjectType: "team", SubjectRef: "E2", Period: "2026-01", Value: 1},
			{Line: 4, MetricKey: "gross_margin", SubjectType: "team", SubjectRef: "E99", Period: "2026-01", Value: 1},
			{Line: 5, MetricKey: "gross_margin", SubjectType: "team", SubjectRef: "E2", Period: "2026-Q1", Value: 1},
			{Line: 6, MetricKey: "gross_margin", SubjectType: "team", SubjectRef: "E2", Period: "2026-01", Value: 26},
			{Line: 7, MetricKey: "gross_margin", SubjectType: "galaxy", SubjectRef: "E2", Period: "2026-13", Value: math.NaN()},
			{Line: 8, MetricKey: "employee_engagement", SubjectType: "department", SubjectRef: "Atlantis", Period: "2026-Q1", Value: 1},
		}
		_, err := o.c.RecordObservations(ctx, o.hr, rows, model.SourceCSV, core.ObservationOptions{})
		var ie *model.ImportError
		if !asImportError(err, &ie) {
			t.Fatalf("err %v, want an import error", err)
		}
		got := map[int]bool{}
		for _, l := range ie.Lines {
			got[l.Line] = true
		}
		for _, line := range []int{3, 4, 5, 6, 7, 8} {
			if !got[line] {
				t.Errorf("no problem reported on line %d: %v", line, ie.Lines)
			}
		}
		if got[2] {
			t.Errorf("line 2 is fine but was reported: %v", ie.Lines)
		}
		list, _ := o.c.Observations(ctx, o.hr, model.ObservationFilter{})
		if list.Total != 0 {
			t.Errorf("%d observations written by a rejected batch", list.Total)
		}
	})
}

// TestCatalogueRules: publishing needs "why this matters"; only hr and admin keep the
// catalogue; values are recorded by hr, admin or the metric's owner, never by the
// managers measured; drafts are hidden from everyone else; keys are unique.
func TestCatalogueRules(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newPerfOrg(t, db)
		ctx := context.Background()
		in := model.MetricInput{Name: "Water use per tonne", Perspective: model.PerspectiveImpact, Unit: "m³/t", Direction: model.LowerIsBetter,
			Target: 3, Floor: 6, Weight: 1, Combine: model.CombineAvg, Frequency: model.Monthly, Status: model.MetricPublished, OwnerID: o.ids["E7"]}
		if _, err := o.c.CreateMetric(ctx, o.hr, in); model.FieldsOf(err)["why"] == "" {
			t.Errorf("publishing without why: %v, want a message on why", err)
		}
		in.Status = model.MetricDraft
		draft, err := o.c.CreateMetric(ctx, o.hr, in)
		if err != nil {
			t.Fatal(err)
		}
		if err := o.c.SetMetricStatus(ctx, o.hr, draft.ID, model.MetricPublished); model.FieldsOf(err)["why"] == "" {
			t.Errorf("publishing a draft without why: %v", err)
		}
		if _, err := o.c.Metric(ctx, o.dee, draft.ID); model.ErrorCodeOf(err) != model.CodeNotFound {
			t.Errorf("an employee reads a draft: %v", err)
		}
		if _, err := o.c.CreateMetric(ctx, o.bo, in); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("a manager creates a metric: %v", err)
		}
		in.Key = "gross_margin"
		if _, err := o.c.CreateMetric(ctx, o.hr, in); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("duplicate key: %v, want conflict", err)
		}
		bad := in
		bad.Key, bad.Target, bad.Floor = "", 6, 3
		if _, err := o.c.CreateMetric(ctx, o.hr, bad); model.FieldsOf(err)["floor"] == "" {
			t.Errorf("lower-is-better with the floor below the target: %v", err)
		}
		// Bo may not record his own margin; Gus owns the water metric and may record it.
		if _, err := o.c.RecordObservations(ctx, o.bo, []model.ObservationInput{obs("gross_margin", "team", "E2", "2026-01", 99)}, model.SourceManual, core.ObservationOptions{}); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("a manager records his own margin: %v, want forbidden", err)
		}
		o.record(t, o.gus, model.SourceManual, obs("water_use_per_tonne", "team", "E2", "2026-01", 4))
		if _, err := o.c.RecordObservations(ctx, o.gus, []model.ObservationInput{obs("gross_margin", "team", "E2", "2026-01", 99)}, model.SourceManual, core.ObservationOptions{}); err == nil {
			t.Error("the owner of one metric records another")
		}
		// Only the system records system values.
		if _, err := o.c.RecordObservations(ctx, o.hr, []model.ObservationInput{obs("employee_engagement", "team", "E2", "2026-Q1", 70)}, model.SourceSurvey, core.ObservationOptions{}); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("hr records a survey value: %v", err)
		}
		// Everyone reads the published catalogue, without drafts.
		ms, err := o.c.Metrics(ctx, o.dee, model.MetricFilter{})
		if err != nil || len(ms) != 5 {
			t.Errorf("employee reads %d metrics (%v), want the 5 published", len(ms), err)
		}
		// The frequency cannot change once values exist.
		upd := core.MetricInputOf(o.margin)
		upd.Frequency = model.Quarterly
		if _, err := o.c.UpdateMetric(ctx, o.hr, o.margin.ID, upd); err != nil {
			t.Errorf("changing the frequency of a metric without values: %v", err)
		}
	})
}

// TestSystemObservations is the entry point for the survey module: values by metric key,
// as the system.
func TestSystemObservations(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newPerfOrg(t, db)
		ctx := context.Background()
		rep, err := o.c.RecordSystemObservations(ctx, "employee_engagement", model.SourceSurvey, []core.SystemObservation{
			{SubjectType: model.SubjectTeam, SubjectID: o.ids["E2"], Period: "2026-Q1", Value: 74, Note: "Pulse of March, 6 answers"},
		})
		if err != nil || rep.Created != 1 {
			t.Fatalf("system observations: %v %s", err, rep.Summary())
		}
		v, _ := o.c.Scorecard(ctx, o.bo, o.ids["E2"], "2026-Q1")
		if m, _ := v.Card.Find(o.engagement.ID); m.Value != 74 {
			t.Errorf("engagement %v, want 74 from the survey", m.Value)
		}
		if _, err := o.c.RecordSystemObservations(ctx, "enps", model.SourceSurvey, nil); model.ErrorCodeOf(err) != model.CodeNotFound {
			t.Errorf("unknown key: %v, want not_found", err)
		}
	})
}

// TestScorecardVisibility: a manager reads their own scorecard and those below them;
// hr, admin and executives read all; peers and employees read none but their own.
func TestScorecardVisibility(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newPerfOrg(t, db)
		ctx := context.Background()
		admin := dbtest.MustAdmin(t, o.c)
		cases := []struct {
			name   string
			actor  model.Actor
			person string
			ok     bool
		}{
			{"Bo reads his own", o.bo, "E2", true},
			{"Bo reads Fay (his line)", o.bo, "E6", true},
			{"Fay reads Bo (her manager)", o.fay, "E2", false},
			{"Dee reads Bo", o.dee, "E2", false},
			{"Gus reads Fay", o.gus, "E6", false},
			{"hr reads Fay", o.hr, "E6", true},
			{"admin reads Bo", admin, "E2", true},
			{"executive reads Fay", o.ada, "E6", true},
		}
		for _, tc := range cases {
			_, err := o.c.Scorecard(ctx, tc.actor, o.ids[tc.person], "")
			if (err == nil) != tc.ok {
				t.Errorf("%s: err %v, want ok=%v", tc.name, err, tc.ok)
			}
			_, err = o.c.ScorecardMetric(ctx, tc.actor, o.ids[tc.person], o.engagement.ID, "")
			if (err == nil) != tc.ok {
				t.Errorf("%s (drill-down): err %v, want ok=%v", tc.name, err, tc.ok)
			}
		}
		list := func(a model.Actor) []string {
			l, err := o.c.Scorecards(ctx, a, core.ScorecardFilter{})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, c := range l.Cards {
				names = append(names, c.Person.Name)
			}
			return names
		}
		if got := fmt.Sprint(list(o.bo)); got != "[Fay Wray]" {
			t.Errorf("Bo's list %s, want the managers below him", got)
		}
		if got := fmt.Sprint(list(o.hr)); got != "[Bo Diddley Cy Twombly Fay Wray]" {
			t.Errorf("hr's list %s, want every middle manager", got)
		}
		if got := list(o.dee); len(got) != 0 {
			t.Errorf("an employee's list %v", got)
		}
	})
}

// TestIdenticalScoresOnBothEngines computes the same scorecards on SQLite and
// PostgreSQL and compares every number to the last bit.
func TestIdenticalScoresOnBothEngines(t *testing.T) {
	if dbtest.PostgresURL() == "" {
		t.Skip("THROUGHLINE_TEST_POSTGRES is not set; the comparison needs both engines")
	}
	results := map[string]string{}
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newPerfOrg(t, db)
		ctx := context.Background()
		var rows []model.ObservationInput
		for i, month := range []string{"2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"} {
			for j, emp := range []string{"E2", "E3", "E6"} {
				v := 20 + math.Sqrt(float64(3*i+j+1))*2.718281828 // values with long binary expansions
				rows = append(rows, obs("gross_margin", "team", emp, month, v), obs("safety_incidents", "team", emp, month, float64((i*j)%4)))
			}
		}
		for j, emp := range []string{"E2", "E3", "E6"} {
			rows = append(rows, obs("employee_engagement", "team", emp, "2026-Q1", 61.3+float64(j)*7.77), obs("employee_engagement", "team", emp, "2025-Q4", 59.9+float64(j)*3.1))
		}
		rows = append(rows, obs("ideas_implemented", "department", "Sales", "2026-02", 4), obs("customer_nps", "team", "E6", "2026-Q1", 37.5))
		o.record(t, o.hr, model.SourceAPI, rows...)
		var b strings.Builder
		for _, period := range []string{"2025-Q4", "2026-Q1"} {
			l, err := o.c.Scorecards(ctx, o.hr, core.ScorecardFilter{Period: period})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range l.Cards {
				fmt.Fprintf(&b, "%s %s composite=%b coverage=%d warning=%v\n", period, c.Person.Name, c.Composite, c.Coverage, c.Warning != nil)
				for _, p := range c.Perspectives {
					fmt.Fprintf(&b, "  %s %v %b\n", p.Perspective, p.HasData, p.Score)
				}
			}
			for _, emp := range []string{"E2", "E3", "E6"} {
				v, err := o.c.Scorecard(ctx, o.hr, o.ids[emp], period)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range v.Card.Perspectives {
					for _, m := range p.Metrics {
						fmt.Fprintf(&b, "  %s %s %v value=%b att=%b share=%b parts=%d/%d\n", emp, m.Metric.Key, m.HasData, m.Value, m.Attainment, m.Share, m.Parts, m.Expected)
					}
				}
			}
		}
		results[db.Engine()] = b.String()
	})
	if results[store.SQLite] == "" || results[store.SQLite] != results[store.Postgres] {
		t.Errorf("the engines disagree:\nsqlite:\n%s\npostgres:\n%s", results[store.SQLite], results[store.Postgres])
	}
}

// TestScoreSettings: hr changes the weights and thresholds; the composite and the
// warning follow; bad values name their field.
func TestScoreSettings(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newPerfOrg(t, db)
		ctx := context.Background()
		o.record(t, o.hr, model.SourceManual, obs("gross_margin", "team", "E2", "2026-03", 29), obs("employee_engagement", "team", "E2", "2026-Q1", 70))
		// Margin 29 → 90%, at the threshold; engagement 70 → 50%, weak: it warns.
		v, _ := o.c.Scorecard(ctx, o.bo, o.ids["E2"], "")
		if v.Card.Warning == nil {
			t.Error("financial 90%, people 50%: the default thresholds (≥ 90%, < 60%) should warn")
		}
		s := model.DefaultScoreSettings()
		s.Weights[model.PerspectiveFinancial] = 0
		if err := o.c.SetScoreSettings(ctx, o.bo, s); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("a manager changes settings: %v", err)
		}
		bad := s
		bad.PurposeLow = 2
		if err := o.c.SetScoreSettings(ctx, o.hr, bad); model.FieldsOf(err)["purpose_low"] == "" {
			t.Errorf("threshold 200%%: %v", err)
		}
		if err := o.c.SetScoreSettings(ctx, o.hr, s); err != nil {
			t.Fatal(err)
		}
		v, _ = o.c.Scorecard(ctx, o.bo, o.ids["E2"], "")
		if got := v.Card.Composite; math.Abs(got-0.5) > 1e-12 {
			t.Errorf("composite with financial weighted 0: %v, want people alone (0.5)", got)
		}
		s.FinancialHigh = 0.95
		if err := o.c.SetScoreSettings(ctx, o.hr, s); err != nil {
			t.Fatal(err)
		}
		if v, _ = o.c.Scorecard(ctx, o.bo, o.ids["E2"], ""); v.Card.Warning != nil {
			t.Errorf("financial 90%% under a threshold of 95%%: warning %+v", v.Card.Warning)
		}
	})
}
