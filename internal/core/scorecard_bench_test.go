package core_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// benchOrg builds an organization with n middle managers (each with one report, under
// 100 department heads at the top), 20 published metrics across the six perspectives (half
// monthly, half quarterly) and a full quarter of values for every manager: 20 combined
// results per manager, from 40 observations.
func benchOrg(b *testing.B, engine string, n int) (*core.Core, model.Actor) {
	b.Helper()
	ctx := context.Background()
	db := dbtest.Open(b, engine)
	db.SetNow(func() time.Time { return may2026 })
	c := dbtest.NewCore(db)
	batch := model.PeopleBatch{}
	add := func(emp, mgr string) {
		batch.Rows = append(batch.Rows, model.PersonRow{Line: len(batch.Rows) + 2, PersonInput: model.PersonInput{
			EmployeeID: emp, Name: "Person " + emp, Email: emp + "@example.org", Department: "Dept " + emp[:2], ManagerEmployeeID: mgr, Active: true}})
	}
	for h := 0; h < 100; h++ {
		add(fmt.Sprintf("H%03d", h), "") // heads at the top: not middle managers
	}
	for m := 0; m < n; m++ {
		add(fmt.Sprintf("M%06d", m), fmt.Sprintf("H%03d", m%100))
		add(fmt.Sprintf("R%06d", m), fmt.Sprintf("M%06d", m))
	}
	if _, err := c.ImportPeople(ctx, model.System, batch, model.PeopleImportOptions{}); err != nil {
		b.Fatal(err)
	}
	var metrics []model.Metric
	for i := 0; i < 20; i++ {
		freq, comb := model.Monthly, model.CombineSum
		if i%2 == 1 {
			freq, comb = model.Quarterly, model.CombineLast
		}
		dir, target, floor := model.HigherIsBetter, 100.0, 50.0
		if i%5 == 4 {
			dir, target, floor = model.LowerIsBetter, 10, 40
		}
		m, err := c.CreateMetric(ctx, model.System, model.MetricInput{Name: fmt.Sprintf("Metric %02d", i), Perspective: model.Perspectives[i%6],
			Direction: dir, Target: target, Floor: floor, Weight: float64(1 + i%3), Combine: comb, Frequency: freq,
			Why: "It matters.", Status: model.MetricPublished})
		if err != nil {
			b.Fatal(err)
		}
		metrics = append(metrics, m)
	}
	var rows []model.ObservationInput
	flush := func() {
		if _, err := c.RecordObservations(ctx, model.System, rows, model.SourceAPI, core.ObservationOptions{}); err != nil {
			b.Fatal(err)
		}
		rows = rows[:0]
	}
	for mi, m := range metrics {
		for k := 0; k < n; k++ {
			emp := fmt.Sprintf("M%06d", k)
			v := float64(30 + (k*7+mi*13)%90)
			if m.Frequency == model.Monthly {
				for _, month := range model.MonthsOf("2026-Q1") {
					rows = append(rows, model.ObservationInput{MetricID: m.ID, SubjectType: model.SubjectTeam, SubjectRef: emp, Period: month, Value: v / 3})
				}
			} else {
				rows = append(rows, model.ObservationInput{MetricID: m.ID, SubjectType: model.SubjectTeam, SubjectRef: emp, Period: "2026-Q1", Value: v})
			}
		}
		if len(rows) > 60_000 {
			flush()
		}
	}
	if len(rows) > 0 {
		flush()
	}
	return c, model.System
}

// BenchmarkScorecards10k computes the scorecards of 10,000 middle managers for one
// period, as the scorecard list and the CSV export do: the people, the catalogue, every
// combined result of the period, and the arithmetic of 200,000 metric attainments,
// 60,000 perspective scores and 10,000 composites and balance checks.
func BenchmarkScorecards10k(b *testing.B) {
	for _, engine := range dbtest.EngineNames() {
		b.Run(engine, func(b *testing.B) {
			c, actor := benchOrg(b, engine, 10_000)
			ctx := context.Background()
			for b.Loop() {
				l, err := c.Scorecards(ctx, actor, core.ScorecardFilter{Period: "2026-Q1"})
				if err != nil {
					b.Fatal(err)
				}
				if len(l.Cards) != 10_000 || l.Cards[0].WithData != 20 {
					b.Fatalf("%d cards, %d metrics with data", len(l.Cards), l.Cards[0].WithData)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/10k-cards")
		})
	}
}

// BenchmarkCorrectObservation corrects one value in the 10,000-manager organization:
// the history row, the observation and the recombination of exactly one result.
func BenchmarkCorrectObservation(b *testing.B) {
	c, actor := benchOrg(b, store.SQLite, 10_000)
	ctx := context.Background()
	ms, err := c.Metrics(ctx, actor, model.MetricFilter{})
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		_, err := c.RecordObservations(ctx, actor, []model.ObservationInput{{MetricID: ms[0].ID, SubjectType: model.SubjectTeam,
			SubjectRef: "M000042", Period: "2026-02", Value: float64(i)}}, model.SourceManual, core.ObservationOptions{})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScorecardPage reads one manager's scorecard with its eight-quarter trend.
func BenchmarkScorecardPage(b *testing.B) {
	c, actor := benchOrg(b, store.SQLite, 10_000)
	ctx := context.Background()
	p, err := c.Directory(ctx, actor, model.PersonFilter{Query: "M000042"})
	if err != nil || len(p.Items) != 1 {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := c.Scorecard(ctx, actor, p.Items[0].ID, "2026-Q1"); err != nil {
			b.Fatal(err)
		}
	}
}
