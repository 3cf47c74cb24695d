package demo_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"throughline/internal/dbtest"
	"throughline/internal/demo"
	"throughline/internal/store"
)

// BenchmarkDemoStages generates a demo organization once per iteration and reports the
// seconds each stage took (people, purpose and goals, performance, collaboration,
// engagement, development). THROUGHLINE_BENCH_PEOPLE sets the headcount (default
// 10,000) and THROUGHLINE_BENCH_ENGINE=postgres runs it on PostgreSQL (a fresh database
// from THROUGHLINE_TEST_POSTGRES) instead of SQLite; run it with -benchtime=1x, for
// example:
//
//	THROUGHLINE_BENCH_PEOPLE=100000 go test ./internal/demo -run x -bench DemoStages -benchtime=1x
func BenchmarkDemoStages(b *testing.B) {
	people := 10_000
	if s := os.Getenv("THROUGHLINE_BENCH_PEOPLE"); s != "" {
		if n, err := strconv.Atoi(s); err == nil {
			people = n
		}
	}
	engine := store.SQLite
	if os.Getenv("THROUGHLINE_BENCH_ENGINE") == store.Postgres {
		engine = store.Postgres
	}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := dbtest.Open(b, engine)
		c := dbtest.NewCore(db)
		stages := map[string]time.Duration{}
		var last string
		var at time.Time
		progress := func(stage string, done, total int) {
			now := time.Now()
			if last != "" && stage != last {
				stages[last] += now.Sub(at)
			}
			if stage != last {
				last, at = stage, now
			}
		}
		b.StartTimer()
		start := time.Now()
		if _, err := demo.Generate(context.Background(), c, demo.Options{Scenario: "agriculture", People: people, Seed: 1, Password: "purpose-first",
			Now: time.Now(), Progress: progress}); err != nil {
			b.Fatal(err)
		}
		end := time.Now()
		b.StopTimer()
		stages[last] += end.Sub(at)
		for name, d := range stages {
			b.ReportMetric(d.Seconds(), strings.ReplaceAll(name, " ", "_")+"-s")
		}
		b.ReportMetric(end.Sub(start).Seconds(), "total-s")
	}
}
