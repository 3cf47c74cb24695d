package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"throughline/internal/bench"
	"throughline/internal/cli"
	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/demo"
	"throughline/internal/model"
	"throughline/internal/store"
)

// serveEnv makes the test binary act as the throughline binary, so that the bench can
// start it as its server child process, as `throughline bench` starts itself.
const serveEnv = "THROUGHLINE_BENCH_TEST_AS_BINARY"

func TestMain(m *testing.M) {
	if os.Getenv(serveEnv) == "1" {
		os.Exit(cli.Run(context.Background(), os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr))
	}
	code := m.Run()
	for i := len(atExit) - 1; i >= 0; i-- {
		atExit[i]()
	}
	os.Exit(code)
}

const password = "bench-password"

// demoOrg returns a core over a fresh database of engine with a 300-person demo
// organization, and the database's URL.
func demoOrg(t testing.TB, engine string) (*core.Core, string) {
	t.Helper()
	return demoOrgN(t, engine, 300)
}

func demoOrgN(t testing.TB, engine string, people int) (*core.Core, string) {
	t.Helper()
	u := dbtest.NewURL(t, engine)
	db, err := store.Open(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c := dbtest.NewCore(db)
	if _, err := demo.Generate(context.Background(), c, demo.Options{People: people, Seed: 1, Password: password}); err != nil {
		t.Fatalf("demo: %v", err)
	}
	return c, u
}

// check asserts what every run must give: each endpoint answered 200 to every request,
// the ratios are positive and finite, and the JSON reads back the same.
func check(t *testing.T, rep bench.Report, requests int, wantRSS bool) {
	t.Helper()
	var latency, ratios, memory int
	for _, m := range rep.Measures {
		switch m.Kind {
		case bench.KindLatency:
			latency++
			// Latency is not asserted: a test machine's load is not the product's speed.
			if m.Count != requests || m.Errors != 0 {
				t.Errorf("%s: %d requests, %d errors (%s), want %d and none", m.Name, m.Count, m.Errors, m.FirstError, requests)
			}
			if !(m.P50Ms > 0 && m.P95Ms >= m.P50Ms) {
				t.Errorf("%s: p50 %v ms, p95 %v ms", m.Name, m.P50Ms, m.P95Ms)
			}
		case bench.KindRatio:
			ratios++
			for name, v := range map[string]float64{"value": m.Value, "engine limit": m.Limit, "ratio": m.Ratio} {
				if !(v > 0) || math.IsInf(v, 0) {
					t.Errorf("%s: %s %v, want positive and finite", m.Name, name, v)
				}
			}
		case bench.KindMemory:
			memory++
			if m.Available != wantRSS || (wantRSS && !(m.Value > 0)) {
				t.Errorf("%s: available %v, %v MiB; want available %v", m.Name, m.Available, m.Value, wantRSS)
			}
		default:
			t.Errorf("%s: unknown kind %q", m.Name, m.Kind)
		}
	}
	if latency != 15 || ratios != 6 || memory != 1 {
		t.Errorf("%d latency, %d ratio, %d memory measures; want 15, 6, 1", latency, ratios, memory)
	}
	if rep.People < 300 || rep.Engine == "" || rep.GoVersion == "" || rep.GOMAXPROCS < 1 || rep.Period == "" || rep.PulseID == 0 {
		t.Errorf("report header: %+v", rep)
	}
	var text bytes.Buffer
	if err := rep.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, m := range rep.Measures {
		if !strings.Contains(text.String(), m.Name) {
			t.Errorf("the table has no row %q:\n%s", m.Name, text.String())
		}
	}
	var js bytes.Buffer
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back bench.Report
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatalf("the JSON does not parse back: %v\n%s", err, js.String())
	}
	if back.Engine != rep.Engine || back.People != rep.People || len(back.Measures) != len(rep.Measures) {
		t.Fatalf("JSON round trip: got %s %d people %d measures, want %s %d %d", back.Engine, back.People, len(back.Measures),
			rep.Engine, rep.People, len(rep.Measures))
	}
	for i := range back.Measures {
		if back.Measures[i].Name != rep.Measures[i].Name || back.Measures[i].Ratio != rep.Measures[i].Ratio {
			t.Errorf("JSON round trip, measure %d: got %+v, want %+v", i, back.Measures[i], rep.Measures[i])
		}
	}
	t.Logf("\n%s", text.String())
}

// TestBench runs the whole bench on a 300-person demo organization on each engine,
// with an in-process server.
func TestBench(t *testing.T) {
	for _, engine := range dbtest.EngineNames() {
		t.Run(engine, func(t *testing.T) {
			c, u := demoOrg(t, engine)
			const requests = 3
			rep, err := bench.Run(context.Background(), c, bench.Options{DatabaseURL: u, Password: password, Requests: requests,
				ImportRows: 500, Repeats: 1, SampleTime: 50 * time.Millisecond, InProcess: true, CoreOptions: core.Options{Hasher: dbtest.FastHasher}})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Engine != engine || rep.Server != "in-process" {
				t.Errorf("engine %q, server %q", rep.Engine, rep.Server)
			}
			check(t, rep, requests, false)
			if t.Failed() {
				return
			}
			// The import ran in scratch databases: the organization is as it was.
			counts, err := c.OrgCounts(context.Background(), model.System)
			if err != nil || counts.People != rep.People {
				t.Errorf("after the bench: %d people (%v), want %d", counts.People, err, rep.People)
			}
		})
	}
}

// TestBenchChildProcess starts the server as a child process (this test binary acting
// as throughline) and reads its memory, on SQLite.
func TestBenchChildProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	c, u := demoOrg(t, store.SQLite)
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	t.Setenv(serveEnv, "1")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	rep, err := bench.Run(ctx, c, bench.Options{DatabaseURL: u, Password: password, Requests: 2, ImportRows: 200, Repeats: 1,
		Executable: exe, CoreOptions: core.Options{Hasher: dbtest.FastHasher}})
	if err != nil {
		t.Fatal(err)
	}
	check(t, rep, 2, true)
}

// TestBenchWrongPassword fails when the accounts cannot sign in, rather than
// reporting numbers of error pages.
func TestBenchWrongPassword(t *testing.T) {
	c, u := demoOrg(t, store.SQLite)
	_, err := bench.Run(context.Background(), c, bench.Options{DatabaseURL: u, Password: "not the password", Requests: 1,
		ImportRows: 10, Repeats: 1, InProcess: true})
	if err == nil || !strings.Contains(err.Error(), "sign in") {
		t.Fatalf("got %v, want a sign-in error", err)
	}
}

// TestBenchEmpty refuses an empty database.
func TestBenchEmpty(t *testing.T) {
	db := dbtest.Open(t, store.SQLite)
	_, err := bench.Run(context.Background(), dbtest.NewCore(db), bench.Options{InProcess: true})
	if err == nil || !strings.Contains(err.Error(), "no organization") {
		t.Fatalf("got %v, want an empty-database error", err)
	}
}

func TestParseStatus(t *testing.T) {
	status := "Name:\tthroughline\nVmPeak:\t  900000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t9\n"
	rss, hwm, ok := bench.ParseStatus([]byte(status))
	if !ok || rss != 100 || hwm != 200 {
		t.Errorf("got %v MiB, %v MiB, %v; want 100, 200, true", rss, hwm, ok)
	}
	if _, _, ok := bench.ParseStatus([]byte("Name:\tx\nVmRSS:\t1 kB\n")); ok {
		t.Error("a status without VmHWM parsed")
	}
}

func TestPercentile(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 20; i++ {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{50, 10 * time.Millisecond}, {95, 19 * time.Millisecond}, {100, 20 * time.Millisecond}, {1, time.Millisecond}} {
		if got := bench.Percentile(ds, c.p); got != c.want {
			t.Errorf("p%v: got %v, want %v", c.p, got, c.want)
		}
	}
	if got := bench.Percentile(nil, 95); got != 0 {
		t.Errorf("p95 of nothing: got %v", got)
	}
}
