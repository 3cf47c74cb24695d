package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"throughline/internal/bench"
	"throughline/internal/demo"
	"throughline/internal/model"
)

// runBench measures the organization in the database (generating a demo organization
// first when it is empty) and prints the table of issue 9; the same report goes to a
// JSON file.
func runBench(e *env, args []string) error {
	const summary = `Measure page and API latency through a real server (started as a child
process), its peak memory, a full recompute of scorecards and the Purpose Leadership
Index, organization-wide survey aggregation and the people import, each set beside
the database engine's own limit (the same work as plain SQL). On an empty database a
demo organization is generated first; otherwise the organization there is benched,
signing in with the demo accounts and THROUGHLINE_DEMO_PASSWORD. The benched
organization is not changed (sign-ins add sessions); the import runs in a scratch
database (SQLite) or a scratch schema (PostgreSQL) that is removed afterwards.`
	fs := e.flags("bench", "[--db URL] [--people N] [--scenario NAME] [--seed N] [--requests N] [--json FILE]", summary)
	e.cfg.DatabaseFlag(fs)
	people := fs.Int("people", 2000, "headcount of the demo organization generated on an empty database")
	scenario := fs.String("scenario", demo.DefaultScenario, "demo industry: "+strings.Join(demo.ScenarioNames, ", "))
	seed := fs.Uint64("seed", 1, "demo random seed")
	requests := fs.Int("requests", 20, "GET requests per page or API endpoint")
	importRows := fs.Int("import-rows", 10_000, "synthetic people the import measure writes")
	jsonFile := fs.String("json", "bench.json", "file the report is written to as JSON (\"-\" for none)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *requests < 1 || *importRows < 1 {
		return errors.New("--requests and --import-rows must be at least 1")
	}
	db, c, err := e.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	counts, err := c.OrgCounts(e.ctx, model.System)
	if err != nil {
		return err
	}
	if counts.People+counts.Inactive == 0 {
		start := time.Now()
		res, err := demo.Generate(e.ctx, c, demo.Options{Scenario: *scenario, People: *people, Seed: *seed, Password: e.cfg.DemoPassword,
			Progress: progressBar(e)})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "\nGenerated the demo organization (%d people) in %s.\n", res.People, time.Since(start).Round(time.Millisecond))
	} else {
		fmt.Fprintf(e.stderr, "Benching the organization already in %s (%d people).\n", db, counts.People)
	}
	rep, err := bench.Run(e.ctx, c, bench.Options{DatabaseURL: e.cfg.DatabaseURL, Password: e.cfg.DemoPassword, Requests: *requests,
		ImportRows: *importRows, CoreOptions: e.coreOptions(), Logger: e.logger()})
	if err != nil {
		return err
	}
	if err := rep.WriteText(e.stdout); err != nil {
		return err
	}
	if *jsonFile != "-" && *jsonFile != "" {
		f, err := os.Create(*jsonFile)
		if err != nil {
			return err
		}
		if err := rep.WriteJSON(f); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "\nWrote %s.\n", *jsonFile)
	}
	return nil
}
