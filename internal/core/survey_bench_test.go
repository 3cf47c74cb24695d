package core_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// surveyOrg is an organization of n people in a tree with spans of eight: six
// departments under the chief executive, locations that mostly follow the manager,
// hire dates over twelve years.
func surveyOrg(n int, rng *rand.Rand) model.PeopleBatch {
	depts := []string{"Field Operations", "Agronomy", "Supply Chain", "Sales", "Finance", "People"}
	locs := []string{"Iowa", "Nebraska", "Saskatchewan", "Ontario"}
	b := model.PeopleBatch{Rows: make([]model.PersonRow, n)}
	dept := make([]int, n)
	loc := make([]int, n)
	start := time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range b.Rows {
		mgr := ""
		if i > 0 {
			m := (i - 1) / 8
			mgr = fmt.Sprintf("E%06d", m)
			dept[i], loc[i] = dept[m], loc[m]
			if m == 0 {
				dept[i] = (i - 1) % len(depts)
			}
			if rng.Float64() < 0.2 {
				loc[i] = rng.IntN(len(locs))
			}
		}
		b.Rows[i] = model.PersonRow{Line: i + 2, PersonInput: model.PersonInput{
			EmployeeID: fmt.Sprintf("E%06d", i), Name: fmt.Sprintf("Person %d", i), Email: fmt.Sprintf("p%d@example.org", i),
			Title: "Specialist", Department: depts[dept[i]], Location: locs[loc[i]], ManagerEmployeeID: mgr,
			HireDate: start.AddDate(0, 0, rng.IntN(12*365)).Format("2006-01-02"), Active: true,
		}}
	}
	return b
}

// BenchmarkPulseHeatmap1M measures the whole organization's heatmap (departments ×
// dimensions, with eNPS, every question's figures, the comments and the filter
// options, through the anonymity engine) of a closed pulse with about 1,000,000
// answers: 58,000 people, 90% of whom answered 19 scale questions. The setup (import,
// answers, closing) is not timed.
func BenchmarkPulseHeatmap1M(b *testing.B) {
	for _, engine := range dbtest.EngineNames() {
		b.Run(engine, func(b *testing.B) {
			ctx := context.Background()
			db := dbtest.Open(b, engine)
			db.SetNow(func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) })
			c := dbtest.NewCore(db)
			rng := rand.New(rand.NewPCG(1, 2))
			const people = 58_000
			if _, err := c.ImportPeople(ctx, model.System, surveyOrg(people, rng), model.PeopleImportOptions{}); err != nil {
				b.Fatal(err)
			}
			qs, err := c.QuestionBank(ctx, model.System)
			if err != nil {
				b.Fatal(err)
			}
			var qids []int64
			var scale []model.Question
			for _, q := range qs {
				if q.Kind != model.KindComment {
					qids = append(qids, q.ID)
					scale = append(scale, q)
				}
			}
			s, err := c.CreateSurvey(ctx, model.System, model.SurveyInput{Title: "Engagement survey", Audience: model.AudienceEveryone,
				QuestionIDs: qids, OpensOn: "2026-03-02", OpenDays: 14})
			if err != nil {
				b.Fatal(err)
			}
			d, err := c.Survey(ctx, model.System, s.ID)
			if err != nil {
				b.Fatal(err)
			}
			round := d.Rounds[0]
			all, err := c.ExportPeopleIDsForBench(ctx)
			if err != nil {
				b.Fatal(err)
			}
			answers := 0
			for start := 0; start < len(all); start += 5000 {
				var ids []int64
				var subs []model.PulseAnswers
				for _, id := range all[start:min(start+5000, len(all))] {
					if rng.Float64() >= 0.9 {
						continue
					}
					sub := model.PulseAnswers{Answers: map[int64]int{}}
					base := rng.IntN(3)
					for _, q := range scale {
						lo, hi := q.Kind.Range()
						sub.Answers[q.ID] = min(hi, lo+base+rng.IntN(hi-lo-1))
					}
					answers += len(sub.Answers)
					ids = append(ids, id)
					subs = append(subs, sub)
				}
				if err := c.SeedResponses(ctx, model.System, round.ID, ids, subs); err != nil {
					b.Fatal(err)
				}
			}
			t0 := time.Now()
			if err := c.CloseRound(ctx, model.System, round.ID); err != nil {
				b.Fatal(err)
			}
			b.Logf("%s: %d answers; closing (shuffle, blocks, team results) took %v", engine, answers, time.Since(t0).Round(time.Millisecond))
			q := model.ResultsQuery{RoundID: round.ID, GroupBy: model.ByDepartment}
			for b.Loop() {
				res, err := c.PulseResults(ctx, model.System, q)
				if err != nil {
					b.Fatal(err)
				}
				if !res.Main.Shown || len(res.Groups) != 6 {
					b.Fatalf("heatmap: main shown %v, %d rows", res.Main.Shown, len(res.Groups))
				}
			}
			b.ReportMetric(float64(answers), "answers")
		})
	}
}

var _ = core.MaxComments
var _ = store.SQLite
