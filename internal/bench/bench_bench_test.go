package bench_test

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"throughline/internal/bench"
	"throughline/internal/core"
	"throughline/internal/csvio"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// The benchmarks share one demo organization per engine and process, of
// THROUGHLINE_BENCH_PEOPLE people (default 1,000), for example:
//
//	THROUGHLINE_BENCH_PEOPLE=10000 go test ./internal/bench -run x -bench . -benchtime=5x
var (
	benchMu   sync.Mutex
	benchOrgs = map[string]*core.Core{}
)

func benchOrg(b *testing.B, engine string) *core.Core {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if c, ok := benchOrgs[engine]; ok {
		return c
	}
	people := 1000
	if s := os.Getenv("THROUGHLINE_BENCH_PEOPLE"); s != "" {
		if n, err := strconv.Atoi(s); err == nil {
			people = n
		}
	}
	// The organization outlives the benchmark that made it: its cleanups run when
	// the process ends (TestMain).
	c, _ := demoOrgN(keepTB{TB: b}, engine, people)
	benchOrgs[engine] = c
	return c
}

// atExit holds the cleanups of the shared organizations; TestMain runs them.
var atExit []func()

// keepTB defers cleanups to the end of the process, so a shared organization
// survives the benchmark that made it.
type keepTB struct{ testing.TB }

func (keepTB) Cleanup(fn func()) { atExit = append(atExit, fn) }

func (k keepTB) TempDir() string {
	dir, err := os.MkdirTemp("", "throughline-bench-org-")
	if err != nil {
		k.Fatal(err)
	}
	atExit = append(atExit, func() { os.RemoveAll(dir) })
	return dir
}

func engines(b *testing.B, fn func(b *testing.B, c *core.Core)) {
	for _, engine := range dbtest.EngineNames() {
		b.Run(engine, func(b *testing.B) { fn(b, benchOrg(b, engine)) })
	}
}

func rawQuery(b *testing.B, c *core.Core, q string, args ...any) {
	err := c.DB().Read(context.Background(), func(tx *store.Tx) error {
		rows, err := tx.RawQuery(context.Background(), q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
		}
		return rows.Err()
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkComputeIndex computes every middle manager's scorecard and index for the
// last complete quarter (the recompute measure).
func BenchmarkComputeIndex(b *testing.B) {
	engines(b, func(b *testing.B, c *core.Core) {
		period := c.DefaultPeriod()
		for b.Loop() {
			if _, _, err := c.ComputeIndex(context.Background(), model.System, []string{period}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkScorecards computes every middle manager's scorecard for the period.
func BenchmarkScorecards(b *testing.B) {
	engines(b, func(b *testing.B, c *core.Core) {
		period := c.DefaultPeriod()
		for b.Loop() {
			if _, err := c.Scorecards(context.Background(), model.System, core.ScorecardFilter{Period: period}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkAttainmentSQL is the engine's limit of the two above: one plain query.
func BenchmarkAttainmentSQL(b *testing.B) {
	engines(b, func(b *testing.B, c *core.Core) {
		period := c.DefaultPeriod()
		for b.Loop() {
			rawQuery(b, c, bench.AttainmentSQL, period)
		}
	})
}

// BenchmarkIndexInputsSQL is the engine's limit of BenchmarkComputeIndex input by
// input: one plain query per input the index reads, in one read.
func BenchmarkIndexInputsSQL(b *testing.B) {
	engines(b, func(b *testing.B, c *core.Core) {
		period := c.DefaultPeriod()
		for b.Loop() {
			if _, err := bench.IndexInputs(context.Background(), c, period); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func newestPulse(b *testing.B, c *core.Core) int64 {
	rs, err := c.ClosedPulses(context.Background(), model.System, 1)
	if err != nil || len(rs) == 0 {
		b.Fatalf("no closed pulse: %v", err)
	}
	return rs[0].ID
}

// BenchmarkPulseResultsByTeam is the survey aggregation measure: the newest closed
// pulse by every team, through the anonymity engine.
func BenchmarkPulseResultsByTeam(b *testing.B) {
	engines(b, func(b *testing.B, c *core.Core) {
		id := newestPulse(b, c)
		for b.Loop() {
			if _, err := c.PulseResults(context.Background(), model.System, model.ResultsQuery{RoundID: id, GroupBy: model.ByTeam}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkAnswersGroupBy is its engine limit: one GROUP BY over the answers.
func BenchmarkAnswersGroupBy(b *testing.B) {
	engines(b, func(b *testing.B, c *core.Core) {
		id := newestPulse(b, c)
		for b.Loop() {
			rawQuery(b, c, bench.AnswersSQL, id)
		}
	})
}

// BenchmarkImportPeople5k imports 5,000 people into a fresh scratch database per
// iteration (the scratch setup is not timed).
func BenchmarkImportPeople5k(b *testing.B) {
	var file bytes.Buffer
	if err := csvio.WritePeople(&file, bench.SyntheticPeople(5000)); err != nil {
		b.Fatal(err)
	}
	for _, engine := range dbtest.EngineNames() {
		b.Run(engine, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				c := dbtest.NewCore(dbtest.Open(b, engine))
				b.StartTimer()
				batch, err := csvio.ReadPeople(bytes.NewReader(file.Bytes()))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := c.ImportPeople(context.Background(), model.System, batch, model.PeopleImportOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(5000*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkRawInsertPeople5k is its engine limit: the same rows as multi-row INSERTs
// in one transaction.
func BenchmarkRawInsertPeople5k(b *testing.B) {
	people := bench.SyntheticPeople(5000)
	for _, engine := range dbtest.EngineNames() {
		b.Run(engine, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				db := dbtest.Open(b, engine)
				b.StartTimer()
				if err := bench.RawInsertPeople(context.Background(), db, people); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(5000*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkEndpoints drives each page and API read of the bench through an in-process
// server, rotating ids as the bench does. Profile one with, for example:
//
//	go test ./internal/bench -run x -bench 'Endpoints/sqlite/page_home' -cpuprofile cpu.out
func BenchmarkEndpoints(b *testing.B) {
	engines(b, func(b *testing.B, c *core.Core) {
		get, names, stop, err := bench.Pages(context.Background(), c, password)
		if err != nil {
			b.Fatal(err)
		}
		defer stop()
		for _, name := range names {
			b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
				i := 0
				for b.Loop() {
					if err := get(name, i); err != nil {
						b.Fatal(err)
					}
					i++
				}
			})
		}
	})
}
