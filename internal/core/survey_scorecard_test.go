package core_test

import (
	"context"
	"testing"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// A closed pulse records each shown team's engagement and eNPS on its manager's
// scorecard, and nothing for a team below the threshold.
func TestEngagementFeedsTheScorecard(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		p := newPulse(t, db, attackOrg())
		ctx := context.Background()
		metric := func(key string, unit string, target, floor float64) model.Metric {
			m, err := p.c.CreateMetric(ctx, model.System, model.MetricInput{Key: key, Name: key, Unit: unit,
				Perspective: model.PerspectivePeople, Direction: model.HigherIsBetter, Target: target, Floor: floor, Weight: 1,
				Combine: model.CombineLast, Frequency: model.Quarterly, Why: "Engaged teams stay and learn.", Status: model.MetricPublished})
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
		eng := metric(core.EngagementMetric, "%", 80, 50)
		enps := metric(core.ENPSMetric, "", 30, -10)
		p.answerAll(t, p.everyone(), varied)
		p.close(t)

		results, err := p.c.TeamEngagementResults(ctx, model.System, p.round.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[int64]model.TeamResult{}
		for _, r := range results {
			want[r.ManagerID] = r
		}
		if r := want[p.people["S3"].ID]; r.Status != model.TeamResultInsufficient {
			t.Fatalf("S3's team of four: %+v, want insufficient", r)
		}
		for _, tc := range []struct {
			m     model.Metric
			value func(model.TeamResult) float64
		}{{eng, func(r model.TeamResult) float64 { return r.Engagement }}, {enps, func(r model.TeamResult) float64 { return r.ENPS }}} {
			obs, err := p.c.Observations(ctx, model.System, model.ObservationFilter{MetricID: tc.m.ID})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]model.Observation{}
			for _, o := range obs.Items {
				got[p.byID[o.SubjectID]] = o
				if o.Source != model.SourceSurvey || o.Period != "2026-Q1" || o.SubjectType != model.SubjectTeam {
					t.Errorf("%s: %+v, want a survey value for 2026-Q1", tc.m.Key, o)
				}
			}
			shown := 0
			for _, r := range results {
				emp := p.byID[r.ManagerID]
				o, ok := got[emp]
				if r.Status != model.TeamResultOK {
					if ok {
						t.Errorf("%s: %s's team is below the threshold but has %+v", tc.m.Key, emp, o)
					}
					continue
				}
				shown++
				if !ok {
					t.Errorf("%s: %s's team is shown but has no observation", tc.m.Key, emp)
					continue
				}
				if d := o.Value - tc.value(r); d > 0.05 || d < -0.05 {
					t.Errorf("%s: %s's team recorded %v, result %v", tc.m.Key, emp, o.Value, tc.value(r))
				}
			}
			if shown < 2 || len(got) != shown {
				t.Errorf("%s: %d teams shown, %d observations; want at least S1's and S2's", tc.m.Key, shown, len(got))
			}
		}
		// Syncing again changes nothing; an employee may not.
		rep, err := p.c.SyncEngagement(ctx, model.System, p.round.ID)
		if err != nil || rep.Created != 0 || rep.Corrected != 0 {
			t.Errorf("second sync: %+v %v", rep, err)
		}
		a1 := model.Actor{AccountID: 1, PersonID: p.people["A1"].ID, Role: model.RoleEmployee}
		if _, err := p.c.SyncEngagement(ctx, a1, p.round.ID); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("employee sync: %v, want forbidden", err)
		}
	})
}
