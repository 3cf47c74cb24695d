package core_test

import (
	"context"
	"testing"
	"time"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// TestInnovationFeedsTheScorecard: implementing an idea and adopting a practice write
// the team's count as a system observation on the innovation metric, for the month.
func TestInnovationFeedsTheScorecard(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newCollabWorld(t, db, 0)
		ctx := context.Background()
		m, err := w.c.CreateMetric(ctx, model.System, model.MetricInput{Key: core.InnovationMetric, Name: "Ideas implemented",
			Perspective: model.PerspectiveInnovation, Direction: model.HigherIsBetter, Target: 3, Floor: 0, Weight: 1,
			Combine: model.CombineSum, Frequency: model.Monthly, Why: "Ideas that reach the work show a team that learns.", Status: model.MetricPublished})
		if err != nil {
			t.Fatal(err)
		}
		hal := w.actor("E8")
		id := must(w.c.CreatePost(ctx, hal, model.PostInput{Kind: model.KindIdea, Title: "Share tractor routes", Body: "Plan routes together."}))
		for _, s := range []model.PostStatus{model.PostUnderReview, model.PostAdopted, model.PostImplemented} {
			if err := w.c.MovePost(ctx, w.actor("E6"), id, model.PostStatusInput{Status: s}); err != nil {
				t.Fatal(err)
			}
		}
		practice := must(w.c.CreatePost(ctx, w.actor("E7"), model.PostInput{Kind: model.KindPractice, Title: "Walk-and-talk 1:1s", Body: "On foot."}))
		today := time.Now().UTC().Format("2006-01-02")
		if err := w.c.RecordAdoption(ctx, w.actor("E6"), practice, model.AdoptionInput{AdoptedOn: today}); err != nil {
			t.Fatal(err)
		}
		obs, err := w.c.Observations(ctx, model.System, model.ObservationFilter{MetricID: m.ID})
		if err != nil {
			t.Fatal(err)
		}
		var fay *model.Observation
		for i := range obs.Items {
			if obs.Items[i].SubjectID == w.p["E6"].ID {
				fay = &obs.Items[i]
			}
		}
		if fay == nil || fay.Value != 2 || fay.Source != model.SourceSystem || fay.Period != time.Now().UTC().Format("2006-01") {
			t.Fatalf("Fay's team's innovation observation: %+v (all %+v)", fay, obs.Items)
		}
		// Syncing again changes nothing.
		rep, err := w.c.SyncInnovation(ctx, model.System, today)
		if err != nil || rep.Corrected != 0 || rep.Created != 0 {
			t.Errorf("second sync: %+v %v", rep, err)
		}
	})
}
