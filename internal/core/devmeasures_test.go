package core_test

import (
	"context"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/demo"
	"throughline/internal/model"
	"throughline/internal/store"
)

// TestAssessmentMeansEqualResults holds the analytics' fast path for 360 means (rating
// sums by relation and competency) equal to the means taken from the full results
// through the anonymity engine, on random assessments around every threshold: the same
// groups hidden, the same competencies left out, the same figures to the last bit.
func TestAssessmentMeansEqualResults(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	shown, hidden := 0, 0
	for i := 0; i < 5000; i++ {
		a := model.Assessment{ID: 1, MinGroup: 3 + rng.IntN(8), Status: model.AssessmentClosed}
		answered := map[model.Relation]int{}
		var counts []store.RatingCount
		for _, rel := range []model.Relation{model.RelSelf, model.RelManager, model.RelPeer, model.RelReport} {
			raters := 1
			if rel == model.RelPeer || rel == model.RelReport {
				raters = rng.IntN(13)
			}
			if rng.IntN(8) == 0 {
				raters = 0
			}
			answered[rel] = raters
			for _, comp := range model.Competencies {
				// Each rater rates a competency or skips it.
				for r := 0; r < raters; r++ {
					if rng.IntN(4) == 0 {
						continue
					}
					counts = addCount(counts, rel, comp.Key, 1+rng.IntN(5))
				}
			}
		}
		if rng.IntN(20) == 0 {
			counts = addCount(counts, model.RelReport, "not_a_competency", 3)
		}
		full := core.MeansOfResults(core.AssessmentResultsOf(a, counts, answered))
		fast := core.MeansOfCounts(a.MinGroup, counts, answered)
		if fast != full {
			t.Fatalf("k=%d answered %v counts %v: fast %+v, full %+v", a.MinGroup, answered, counts, fast, full)
		}
		if full.ReportsShown {
			shown++
		} else {
			hidden++
		}
	}
	if shown == 0 || hidden == 0 {
		t.Fatalf("reports shown %d times, hidden %d: the cases do not reach both sides", shown, hidden)
	}
}

func addCount(counts []store.RatingCount, rel model.Relation, comp string, level int) []store.RatingCount {
	for i := range counts {
		if c := &counts[i]; c.Relation == rel && c.Competency == comp && c.Level == level {
			c.N++
			return counts
		}
	}
	return append(counts, store.RatingCount{AssessmentID: 1, Relation: rel, Competency: comp, Level: level, N: 1})
}

// TestDevelopmentMeasuresEqualBefore holds the index's read of development (every
// period at once, 360 means from rating sums) equal to DevelopmentMeasures as it was
// computed before, period by period through each 360's full results, on the demo
// organization on each engine.
func TestDevelopmentMeasuresEqualBefore(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := dbtest.NewCore(db)
		if _, err := demo.Generate(ctx, c, demo.Options{Scenario: "maritime", People: 300, Seed: 3, Password: "purpose-first", Now: time.Now()}); err != nil {
			t.Fatal(err)
		}
		fast, full, err := core.ClosedAssessmentMeans(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if len(fast) != len(full) || len(full) == 0 {
			t.Fatalf("%d assessments by rating sums, %d by full results", len(fast), len(full))
		}
		for id, f := range full {
			if fast[id] != f {
				t.Errorf("assessment %d: fast %+v, full %+v", id, fast[id], f)
			}
		}
		periods := c.IndexPeriodList()
		all, err := core.DevelopmentMeasuresOf(ctx, c, periods)
		if err != nil {
			t.Fatal(err)
		}
		withGrowth, withUpward, withProgress := 0, 0, 0
		for _, p := range periods {
			before, err := core.DevelopmentMeasuresBefore(ctx, c, p)
			if err != nil {
				t.Fatal(err)
			}
			one, err := c.DevelopmentMeasures(ctx, model.System, p)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(all[p], before) || !reflect.DeepEqual(one, before) {
				t.Errorf("%s: the measures differ from before", p)
				for i := range min(len(before), len(all[p])) {
					if all[p][i] != before[i] {
						t.Errorf("  now %+v\n  was %+v", all[p][i], before[i])
					}
				}
			}
			for _, m := range before {
				if m.HasGrowth {
					withGrowth++
				}
				if m.HasUpward {
					withUpward++
				}
				if m.HasProgress {
					withProgress++
				}
			}
		}
		if withGrowth == 0 || withUpward == 0 || withProgress == 0 {
			t.Errorf("the demo reaches too little: growth %d, upward %d, progress %d", withGrowth, withUpward, withProgress)
		}
		ups, err := c.UpwardRatings(ctx, model.System)
		if err != nil || len(ups) == 0 {
			t.Fatalf("upward ratings: %d, %v", len(ups), err)
		}
		for _, u := range ups {
			if f := full[u.AssessmentID]; !f.ReportsShown || f.Reports != u.Mean || f.Respondents != u.Respondents {
				t.Errorf("upward rating %+v, full results %+v", u, f)
			}
		}
	})
}
