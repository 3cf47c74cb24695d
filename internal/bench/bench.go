// Package bench measures a Throughline organization the way people use it, and sets
// each measure beside the limit of the database engine underneath: the latency of the
// main pages and API reads through a real server, the server's peak memory, a full
// recompute of scorecards and the Purpose Leadership Index against the same aggregate
// as one plain SQL query, the organization-wide survey aggregation against one plain
// GROUP BY, and the people import against a raw multi-row INSERT.
//
// It is the engine of `throughline bench`. Like cli it is a wiring place: it drives
// core, starts a server, and reads the store directly only for its engine-limit
// queries (store.Tx.RawQuery), never to change the benched organization.
package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"sort"
	"time"

	"throughline/internal/core"
	"throughline/internal/model"
)

// Options control a run.
type Options struct {
	// DatabaseURL is the database of db, as the server child process opens it, and the
	// base of the scratch database of the import measure on PostgreSQL.
	DatabaseURL string
	// Password is the password of the sign-in accounts (the demo password).
	Password string
	// Requests is how many GETs each endpoint gets (default 20).
	Requests int
	// ImportRows is how many synthetic people the import measure writes (default 10,000).
	ImportRows int
	// Repeats is how many times each computation is timed at least, and SampleTime
	// how long at least (up to 100 runs); the median counts. Defaults: 3 and 300 ms,
	// so that a query of a millisecond is not judged on three noisy samples.
	Repeats    int
	SampleTime time.Duration
	// InProcess serves the pages from an in-process httptest server built by
	// internal/server over the same core, instead of the real binary as a child
	// process. Tests use it, where os.Executable is the test binary; peak memory is
	// then reported as unavailable.
	InProcess bool
	// Executable is the throughline binary to start as the server (default
	// os.Executable()).
	Executable string
	// CoreOptions are the options of the scratch core of the import measure.
	CoreOptions core.Options
	// Logger receives progress notes and the server's failures (default: discarded).
	Logger *slog.Logger
	// Now is the date of the report (default time.Now).
	Now func() time.Time
}

func (o *Options) defaults() {
	if o.Requests <= 0 {
		o.Requests = 20
	}
	if o.ImportRows <= 0 {
		o.ImportRows = 10_000
	}
	if o.Repeats <= 0 {
		o.Repeats = 3
	}
	if o.SampleTime <= 0 {
		o.SampleTime = 300 * time.Millisecond
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// Report is the result of a run. The same value is printed as a table and written as
// JSON.
type Report struct {
	Engine     string    `json:"engine"`
	Database   string    `json:"database"`
	People     int       `json:"people"`
	GoVersion  string    `json:"go_version"`
	GOMAXPROCS int       `json:"gomaxprocs"`
	NumCPU     int       `json:"num_cpu"`
	Date       time.Time `json:"date"`
	Server     string    `json:"server"` // "child process" or "in-process"
	Period     string    `json:"period"` // the scorecard period recomputed
	PulseID    int64     `json:"pulse_id"`
	Measures   []Measure `json:"measures"`
	Seconds    float64   `json:"seconds"` // how long the whole run took
}

// Measure kinds.
const (
	KindLatency = "latency"
	KindMemory  = "memory"
	KindRatio   = "ratio"
)

// Measure is one row of the report. Latency rows fill P50, P95, Count and Errors;
// ratio rows fill Value and Limit (the same work as plain SQL, in the same unit) and
// Ratio; the memory row fills Value in MiB.
type Measure struct {
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Path   string `json:"path,omitempty"` // the first URL of a latency row
	Role   string `json:"role,omitempty"` // who signed in for it
	Count  int    `json:"count,omitempty"`
	Errors int    `json:"errors"`
	// FirstError describes the first failed request, if any.
	FirstError string  `json:"first_error,omitempty"`
	P50Ms      float64 `json:"p50_ms,omitempty"`
	P95Ms      float64 `json:"p95_ms,omitempty"`
	Value      float64 `json:"value"`
	Unit       string  `json:"unit"`
	Limit      float64 `json:"engine_limit,omitempty"`
	Ratio      float64 `json:"ratio,omitempty"`
	Target     string  `json:"target"`
	Available  bool    `json:"available"`
	Met        bool    `json:"met"`
	Note       string  `json:"note,omitempty"`
}

// Targets of issue 9.
const (
	TargetP95Ms          = 50.0  // every page and API read, p95
	TargetDashboardP95Ms = 200.0 // the executive dashboard, page and API, p95
	TargetRSSMiB         = 300.0 // peak resident memory of the server during the page run
	TargetComputeRatio   = 2.0   // recompute or aggregation ÷ plain SQL, at most
	TargetImportRatio    = 0.5   // import rows/s ÷ raw INSERT rows/s, at least
)

// Run benches the organization in db. It writes nothing to it: sign-ins create
// sessions, and the import measure writes to a scratch database.
func Run(ctx context.Context, c *core.Core, opts Options) (Report, error) {
	opts.defaults()
	db := c.DB()
	start := time.Now()
	rep := Report{Engine: db.Engine(), Database: db.String(), GoVersion: runtime.Version(), GOMAXPROCS: runtime.GOMAXPROCS(0),
		NumCPU: runtime.NumCPU(), Date: opts.Now().UTC().Truncate(time.Second), Server: "child process"}
	if opts.InProcess {
		rep.Server = "in-process"
	}
	counts, err := c.OrgCounts(ctx, model.System)
	if err != nil {
		return rep, err
	}
	if counts.People == 0 {
		return rep, errors.New("bench: the database has no organization; generate one first")
	}
	rep.People = counts.People

	t, err := findTargets(ctx, c)
	if err != nil {
		return rep, err
	}
	rep.PulseID = t.pulses[0]
	opts.Logger.Info("bench: pages and API reads", "requests per endpoint", opts.Requests)
	pages, err := runPages(ctx, c, t, opts)
	if err != nil {
		return rep, err
	}
	rep.Measures = append(rep.Measures, pages...)

	opts.Logger.Info("bench: recompute")
	rc, period, err := measureRecompute(ctx, c, opts)
	if err != nil {
		return rep, err
	}
	rep.Period = period
	rep.Measures = append(rep.Measures, rc...)

	opts.Logger.Info("bench: survey aggregation")
	ms, err := measureSurvey(ctx, c, t, opts)
	if err != nil {
		return rep, err
	}
	rep.Measures = append(rep.Measures, ms...)
	var m Measure

	opts.Logger.Info("bench: import", "rows", opts.ImportRows)
	if m, err = measureImport(ctx, c, opts); err != nil {
		return rep, err
	}
	rep.Measures = append(rep.Measures, m)
	rep.Seconds = time.Since(start).Seconds()
	return rep, nil
}

// timeIt runs fn at least n times and for at least minTime (up to 100 runs), and returns
// the median duration.
func timeIt(n int, minTime time.Duration, fn func() error) (time.Duration, error) {
	ds := make([]time.Duration, 0, n)
	start := time.Now()
	for i := 0; i < n || (time.Since(start) < minTime && i < 100); i++ {
		t0 := time.Now()
		if err := fn(); err != nil {
			return 0, err
		}
		ds = append(ds, time.Since(t0))
	}
	return median(ds), nil
}

// median returns the median of ds (the upper one of an even count).
func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// percentile returns the p-th percentile (0-100) of sorted durations, nearest rank.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p/100*float64(len(sorted))+0.999999) - 1
	i = max(0, min(i, len(sorted)-1))
	return sorted[i]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// errf prefixes bench errors.
func errf(format string, args ...any) error { return fmt.Errorf("bench: "+format, args...) }
