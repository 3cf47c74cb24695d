package bench

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"throughline/internal/core"
	"throughline/internal/csvio"
	"throughline/internal/model"
	"throughline/internal/store"
)

// attainmentSQL is the engine's own limit for the scorecard recompute: every middle
// manager's weighted attainment for one period, straight from the combined results
// (metric_results, which every observation write keeps current and which scorecards
// read) and the catalogue, in one query. Attainment is (value − floor) ÷ (target −
// floor) clipped to [0, 1]: the same formula serves both directions, because for
// lower-is-better metrics both differences are negative.
const attainmentSQL = `SELECT subject_id, SUM(weight * CASE WHEN a < 0 THEN 0 WHEN a > 1 THEN 1 ELSE a END) / SUM(weight), COUNT(*)
FROM (SELECT r.subject_id, m.weight,
		CASE WHEN m.target = m.floor THEN 1.0 ELSE (r.value - m.floor) / (m.target - m.floor) END AS a
	FROM metric_results r JOIN metrics m ON m.id = r.metric_id
	WHERE r.period = ? AND r.subject_type = 'team' AND m.status = 'published') x
GROUP BY subject_id`

// measureRecompute times a full computation of every middle manager's scorecard and
// Purpose Leadership Index for the last complete quarter (core.ComputeIndex: the
// catalogue, the combined results, goals, collaboration, development and engagement,
// and the arithmetic of package score), against attainmentSQL for the same period.
func measureRecompute(ctx context.Context, c *core.Core, opts Options) ([]Measure, string, error) {
	db := c.DB()
	period := c.DefaultPeriod()
	plain := func() (int, error) {
		n := 0
		err := db.Read(ctx, func(tx *store.Tx) error {
			rows, err := tx.RawQuery(ctx, attainmentSQL, period)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id int64
				var att float64
				var k int
				if err := rows.Scan(&id, &att, &k); err != nil {
					return err
				}
				n++
			}
			return rows.Err()
		})
		return n, err
	}
	subjects, err := plain()
	if err != nil {
		return nil, period, errf("plain attainment query: %w", err)
	}
	var managers int
	engine, err := timeIt(opts.Repeats, opts.SampleTime, func() error {
		v, _, err := c.ComputeIndex(ctx, model.System, []string{period})
		managers = len(v[period])
		return err
	})
	if err != nil {
		return nil, period, errf("recompute: %w", err)
	}
	limit, err := timeIt(opts.Repeats, opts.SampleTime, func() error { _, err := plain(); return err })
	if err != nil {
		return nil, period, errf("plain attainment query: %w", err)
	}
	m := ratioMeasure("recompute scorecards+index", engine, limit)
	m.Note = fmt.Sprintf("period %s: %d managers computed; plain SQL: weighted attainment of %d teams over metric_results", period, managers, subjects)
	// The scorecards alone (the list every scorecard page and export reads) are the
	// part of the recompute the plain query does the same work as.
	var cards int
	sc, err := timeIt(opts.Repeats, opts.SampleTime, func() error {
		l, err := c.Scorecards(ctx, model.System, core.ScorecardFilter{Period: period})
		cards = len(l.Cards)
		return err
	})
	if err != nil {
		return nil, period, errf("scorecards: %w", err)
	}
	s := ratioMeasure("recompute scorecards only", sc, limit)
	s.Note = fmt.Sprintf("period %s: %d scorecards; the same plain SQL", period, cards)
	// The index reads far more than the combined results: set it beside one plain query
	// per input as well, timed together. The row above stays, so that neither ratio
	// hides the other.
	qs, err := indexInputQueries(period)
	if err != nil {
		return nil, period, err
	}
	inputs := func() (int, error) { return readInputs(ctx, db, qs) }
	rowsRead, err := inputs()
	if err != nil {
		return nil, period, errf("plain index inputs: %w", err)
	}
	all, err := timeIt(opts.Repeats, opts.SampleTime, func() error { _, err := inputs(); return err })
	if err != nil {
		return nil, period, errf("plain index inputs: %w", err)
	}
	f := ratioMeasure("recompute scorecards+index, all inputs", engine, all)
	names := make([]string, len(qs))
	for i, q := range qs {
		names[i] = q.name
	}
	f.Note = fmt.Sprintf("period %s: the same recompute beside %d plain queries in one read, one per input the index reads (%s), %d rows; the network's ties and constraint, and the anonymity rules, have no plain-SQL form and are not in them",
		period, len(qs), strings.Join(names, "; "), rowsRead)
	return []Measure{m, s, f}, period, nil
}

// plainQuery is one plain SQL query of the engine's limit.
type plainQuery struct {
	name string
	sql  string
	args []any
}

// indexInputQueries are the engine's limit for the index of a period, one plain query
// per input it reads, each returning the rows or the sums a simple reading needs:
// attainment (attainmentSQL); each manager's active reports; goals per owner in the
// period's year, with how many have a parent link; when each personal purpose was
// written; activities per person over the twelve months ending with the period
// (initiatives, hackathon teams, selected service projects, posts and co-authorships);
// completions per cohort and participant by the period's end; each closed 360's count
// and sum of ratings by relation (self left out), and raters who answered by relation;
// and the team results of the pulses in the period's months.
func indexInputQueries(period string) ([]plainQuery, error) {
	_, to, err := model.PeriodDates(period)
	if err != nil {
		return nil, errf("period %q: %w", period, err)
	}
	end, _ := time.Parse("2006-01-02", to)
	winFrom := end.AddDate(-1, 0, 1).Format("2006-01-02")
	endAt := end.Add(24 * time.Hour).Unix()
	winAt, _ := time.Parse("2006-01-02", winFrom)
	months := model.MonthsOf(period)
	if len(months) != 3 {
		return nil, errf("period %q is not a quarter", period)
	}
	return []plainQuery{
		{"attainment", attainmentSQL, []any{period}},
		{"reports per manager", `SELECT manager_id, COUNT(*) FROM people WHERE active AND manager_id IS NOT NULL GROUP BY manager_id`, nil},
		{"goals per owner", `SELECT g.owner_person_id, COUNT(*), COUNT(l.child_id) FROM goals g
			LEFT JOIN (SELECT DISTINCT child_id FROM goal_links) l ON l.child_id = g.id
			WHERE g.period LIKE ? GROUP BY g.owner_person_id`, []any{period[:4] + "%"}},
		{"purposes written", `SELECT person_id, written_at FROM personal_purposes WHERE statement <> ''`, nil},
		{"activities per person", `SELECT person_id, COUNT(*) FROM (
			SELECT m.person_id FROM initiatives i JOIN initiative_members m ON m.initiative_id = i.id
				WHERE i.starts_on <= ? AND (i.ends_on = '' OR i.ends_on >= ?)
			UNION ALL SELECT r.person_id FROM hackathon_teams t JOIN hackathons h ON h.id = t.hackathon_id
				JOIN hackathon_registrations r ON r.team_id = t.id WHERE h.starts_on <= ? AND h.ends_on >= ?
			UNION ALL SELECT a.person_id FROM service_projects pr JOIN service_applications a ON a.project_id = pr.id AND a.status = 'selected'
				WHERE pr.starts_on <= ? AND pr.ends_on >= ?
			UNION ALL SELECT author_person_id FROM posts WHERE created_at >= ? AND created_at < ?
			UNION ALL SELECT c.person_id FROM posts po JOIN post_coauthors c ON c.post_id = po.id WHERE po.created_at >= ? AND po.created_at < ?
			) x GROUP BY person_id`, []any{to, winFrom, to, winFrom, to, winFrom, winAt.Unix(), endAt, winAt.Unix(), endAt}},
		{"completions", `SELECT cohort_id, person_id, COUNT(*) FROM dev_completions WHERE completed_at < ? GROUP BY cohort_id, person_id`, []any{endAt}},
		{"360 rating sums", `SELECT t.assessment_id, t.relation, SUM(t.n), SUM(t.n * t.level)
			FROM assessments a JOIN assessment_tallies t ON t.assessment_id = a.id
			WHERE a.status = 'closed' AND a.closes_on <= ? AND t.relation <> 'self' GROUP BY t.assessment_id, t.relation`, []any{to}},
		{"360 raters answered", `SELECT r.assessment_id, r.relation, COUNT(*) FROM assessments a JOIN assessment_raters r ON r.assessment_id = a.id
			WHERE a.status = 'closed' AND a.closes_on <= ? AND r.answered GROUP BY r.assessment_id, r.relation`, []any{to}},
		{"team results", `SELECT manager_id, period, respondents, engagement FROM survey_team_results WHERE period IN (?, ?, ?)`,
			[]any{months[0], months[1], months[2]}},
	}, nil
}

// readInputs runs the plain queries in one read and returns the rows they gave.
func readInputs(ctx context.Context, db *store.DB, qs []plainQuery) (int, error) {
	n := 0
	err := db.Read(ctx, func(tx *store.Tx) error {
		for _, q := range qs {
			k, err := drain(ctx, tx, q.sql, q.args...)
			if err != nil {
				return fmt.Errorf("%s: %w", q.name, err)
			}
			n += k
		}
		return nil
	})
	return n, err
}

// drain runs a query and reads every row, returning how many.
func drain(ctx context.Context, tx *store.Tx, q string, args ...any) (int, error) {
	rows, err := tx.RawQuery(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return 0, err
		}
		n++
	}
	return n, rows.Err()
}

// answersSQL is the engine's limit for survey aggregation: every answer of the pulse
// counted and summed per group and question, in one GROUP BY.
const answersSQL = `SELECT group_id, question_id, COUNT(*), SUM(value) FROM survey_answers WHERE round_id = ? GROUP BY group_id, question_id`

// measureSurvey times the results of the newest closed pulse broken down by team
// (every group, each through the anonymity engine), against answersSQL.
//
// A closed pulse never changes, so Core keeps the last rounds it loaded: the first
// measure is what every read after the first costs. The second times the first read,
// with a new Core (nothing kept) each time.
func measureSurvey(ctx context.Context, c *core.Core, t targets, opts Options) ([]Measure, error) {
	db := c.DB()
	round := t.pulses[0]
	plain := func() (int, error) {
		n := 0
		err := db.Read(ctx, func(tx *store.Tx) error {
			rows, err := tx.RawQuery(ctx, answersSQL, round)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var g, q, cnt, sum int64
				if err := rows.Scan(&g, &q, &cnt, &sum); err != nil {
					return err
				}
				n += int(cnt)
			}
			return rows.Err()
		})
		return n, err
	}
	answers, err := plain()
	if err != nil {
		return nil, errf("plain answers query: %w", err)
	}
	var groups, trend int
	engine, err := timeIt(opts.Repeats, opts.SampleTime, func() error {
		res, err := c.PulseResults(ctx, model.System, model.ResultsQuery{RoundID: round, GroupBy: model.ByTeam})
		groups, trend = len(res.Groups), len(res.Trend)
		return err
	})
	if err != nil {
		return nil, errf("survey results: %w", err)
	}
	limit, err := timeIt(opts.Repeats, opts.SampleTime, func() error { _, err := plain(); return err })
	if err != nil {
		return nil, errf("plain answers query: %w", err)
	}
	m := ratioMeasure("survey aggregation by team", engine, limit)
	m.Note = fmt.Sprintf("pulse %d: %d team groups, with the change since the previous pulse and a trend over %d pulses (each pulse's groups and block tallies read, then kept); plain SQL: one GROUP BY over this pulse's %d answers",
		round, groups, trend, answers)
	cold, err := timeIt(opts.Repeats, opts.SampleTime, func() error {
		_, err := core.New(db, core.Options{}).PulseResults(ctx, model.System, model.ResultsQuery{RoundID: round, GroupBy: model.ByTeam})
		return err
	})
	if err != nil {
		return nil, errf("survey results: %w", err)
	}
	f := ratioMeasure("survey aggregation by team, first read", cold, limit)
	f.Note = "the same, with nothing kept: every pulse's groups and block tallies read from the database"
	return []Measure{m, f}, nil
}

// ratioMeasure builds a compute measure: engine time ÷ plain SQL time, at most
// TargetComputeRatio.
func ratioMeasure(name string, engine, limit time.Duration) Measure {
	m := Measure{Name: name, Kind: KindRatio, Unit: "ms", Value: ms(engine), Limit: ms(limit), Available: true,
		Target: fmt.Sprintf("<= %gx plain SQL", TargetComputeRatio)}
	if limit > 0 {
		m.Ratio = float64(engine) / float64(limit)
	}
	m.Met = m.Ratio > 0 && m.Ratio <= TargetComputeRatio
	return m
}

// measureImport imports n synthetic people, as `throughline import people` does (the
// CSV read, every check, departments, locations, managers' placement, the import
// record), into a fresh scratch database, and writes the same rows with a raw
// multi-row INSERT into the people table of a second fresh scratch database, in one
// transaction. The raw rows carry the same column values but no department, location
// or manager: it is the floor of writing those rows, which nothing can beat.
//
// The benched organization is never touched: on SQLite the scratch databases are
// files in a temporary directory; on PostgreSQL they are schemas of their own in the
// same database (CREATE SCHEMA, search_path), dropped afterwards.
func measureImport(ctx context.Context, c *core.Core, opts Options) (Measure, error) {
	n := opts.ImportRows
	people := syntheticPeople(n)
	var file bytes.Buffer
	if err := csvio.WritePeople(&file, people); err != nil {
		return Measure{}, err
	}
	// Each repeat writes into two fresh scratch databases (made and warmed untimed);
	// the medians count.
	var engines, limits []time.Duration
	for range opts.Repeats {
		e, l, err := importOnce(ctx, c.DB(), opts, file.Bytes(), people)
		if err != nil {
			return Measure{}, err
		}
		engines, limits = append(engines, e), append(limits, l)
	}
	engine, limit := median(engines), median(limits)

	rate := func(d time.Duration) float64 { return float64(n) / d.Seconds() }
	m := Measure{Name: "import people", Kind: KindRatio, Unit: "rows/s", Value: rate(engine), Limit: rate(limit), Available: true,
		Target: fmt.Sprintf(">= %.0f%% of raw INSERT", TargetImportRatio*100)}
	m.Ratio = m.Value / m.Limit
	m.Met = m.Ratio >= TargetImportRatio
	m.Note = fmt.Sprintf("%d rows, median of %d: import %s, raw multi-row INSERT %s", n, opts.Repeats, engine.Round(time.Millisecond), limit.Round(time.Millisecond))
	return m, nil
}

// importOnce times one import and one raw insert of the rows, each into a fresh
// scratch database.
func importOnce(ctx context.Context, main *store.DB, opts Options, file []byte, people []model.PersonInput) (engine, limit time.Duration, err error) {
	scratchA, closeA, err := openScratch(ctx, main, opts.DatabaseURL)
	if err != nil {
		return 0, 0, err
	}
	defer closeA()
	scratchB, closeB, err := openScratch(ctx, main, opts.DatabaseURL)
	if err != nil {
		return 0, 0, err
	}
	defer closeB()
	// The same first read on both, so that neither pays alone for a cold connection
	// or catalogue cache.
	for _, db := range []*store.DB{scratchA, scratchB} {
		if err := warm(ctx, db); err != nil {
			return 0, 0, errf("warm scratch database: %w", err)
		}
	}
	sc := core.New(scratchA, opts.CoreOptions)
	t0 := time.Now()
	batch, err := csvio.ReadPeople(bytes.NewReader(file))
	if err != nil {
		return 0, 0, errf("read people: %w", err)
	}
	if _, err := sc.ImportPeople(ctx, model.System, batch, model.PeopleImportOptions{Filename: "bench.csv"}); err != nil {
		return 0, 0, errf("import people: %w", err)
	}
	engine = time.Since(t0)
	t0 = time.Now()
	if err := rawInsertPeople(ctx, scratchB, people); err != nil {
		return 0, 0, errf("raw insert: %w", err)
	}
	return engine, time.Since(t0), nil
}

func warm(ctx context.Context, db *store.DB) error {
	return db.Write(ctx, func(tx *store.Tx) error {
		rows, err := tx.RawQuery(ctx, `SELECT COUNT(*) FROM people`)
		if err != nil {
			return err
		}
		return rows.Close()
	})
}

// syntheticPeople is an organization of n people in a tree with spans of eight, no
// role column (so no accounts), six departments and four locations.
func syntheticPeople(n int) []model.PersonInput {
	depts := []string{"Field Operations", "Agronomy", "Supply Chain", "Sales", "Finance", "People"}
	locs := []string{"Iowa", "Nebraska", "Saskatchewan", "Ontario"}
	out := make([]model.PersonInput, n)
	for i := range out {
		mgr := ""
		if i > 0 {
			mgr = fmt.Sprintf("B%07d", (i-1)/8)
		}
		out[i] = model.PersonInput{EmployeeID: fmt.Sprintf("B%07d", i), Name: fmt.Sprintf("Bench Person %d", i),
			Email: fmt.Sprintf("bench.person%d@example.org", i), Title: "Specialist", Department: depts[i%len(depts)],
			Location: locs[i%len(locs)], ManagerEmployeeID: mgr, HireDate: "2020-01-02", Active: true}
	}
	return out
}

// rawInsertPeople writes the people rows with multi-row INSERTs of as many rows as the
// parameter limit allows, in one transaction: the statement shape the store itself
// uses, without anything around it.
func rawInsertPeople(ctx context.Context, db *store.DB, people []model.PersonInput) error {
	const cols = 15
	per := store.MaxParams / cols
	now := time.Now().Unix()
	return db.Write(ctx, func(tx *store.Tx) error {
		for start := 0; start < len(people); start += per {
			chunk := people[start:min(start+per, len(people))]
			var b strings.Builder
			b.WriteString(`INSERT INTO people (employee_id, name, email, email_key, title, department_id, location_id,
				manager_id, hire_date, active, path, depth, search_key, created_at, updated_at) VALUES `)
			args := make([]any, 0, len(chunk)*cols)
			for i, p := range chunk {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				args = append(args, p.EmployeeID, p.Name, p.Email, model.FoldKey(p.Email), p.Title, nil, nil, nil, p.HireDate, true,
					"/", 1, strings.ToLower(p.Name+" "+p.EmployeeID+" "+p.Email), now, now)
			}
			if _, err := tx.RawExec(ctx, b.String(), args...); err != nil {
				return err
			}
		}
		return nil
	})
}

// openScratch opens a fresh, migrated, empty database beside the benched one and
// returns it with the function that removes it.
func openScratch(ctx context.Context, main *store.DB, mainURL string) (*store.DB, func(), error) {
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "tl_bench_" + hex.EncodeToString(b[:])
	var u string
	var drop func()
	switch main.Engine() {
	case store.SQLite:
		dir, err := os.MkdirTemp("", "throughline-bench-")
		if err != nil {
			return nil, nil, err
		}
		u = filepath.Join(dir, "scratch.db")
		drop = func() { _ = os.RemoveAll(dir) }
	case store.Postgres:
		pu, err := url.Parse(mainURL)
		if err != nil || mainURL == "" {
			return nil, nil, errf("the scratch schema needs the database URL (postgres://…): %v", err)
		}
		// The name is ours (hex digits), so it is safe to write into the statement.
		if err := main.Write(ctx, func(tx *store.Tx) error {
			_, err := tx.RawExec(ctx, "CREATE SCHEMA "+name)
			return err
		}); err != nil {
			return nil, nil, errf("create scratch schema: %w", err)
		}
		q := pu.Query()
		q.Set("search_path", name)
		pu.RawQuery = q.Encode()
		u = pu.String()
		drop = func() {
			_ = main.Write(context.Background(), func(tx *store.Tx) error {
				_, err := tx.RawExec(context.Background(), "DROP SCHEMA IF EXISTS "+name+" CASCADE")
				return err
			})
		}
	default:
		return nil, nil, errf("unknown engine %q", main.Engine())
	}
	db, err := store.Open(ctx, u)
	if err != nil {
		drop()
		return nil, nil, errf("open scratch database: %w", err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		drop()
		return nil, nil, errf("migrate scratch database: %w", err)
	}
	return db, func() { db.Close(); drop() }, nil
}
