package demo_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"throughline/internal/dbtest"
	"throughline/internal/demo"
	"throughline/internal/store"
)

// fingerprints are queries whose rows describe a generated organization: who is in it
// and where, its purpose, metrics and their values, goals, pulse answers, programs and
// collaboration. Surrogate ids are left out where insertion order might number them.
var fingerprints = []struct{ name, sql string }{
	{"people", `SELECT p.employee_id, p.name, p.title, COALESCE(m.employee_id, ''), COALESCE(d.name, ''), COALESCE(l.name, '') FROM people p
		LEFT JOIN people m ON m.id = p.manager_id LEFT JOIN departments d ON d.id = p.department_id LEFT JOIN locations l ON l.id = p.location_id ORDER BY p.employee_id`},
	{"purpose", `SELECT statement FROM purpose_versions ORDER BY statement`},
	{"objectives", `SELECT title FROM objectives ORDER BY title`},
	{"metrics", `SELECT name, unit, why FROM metrics ORDER BY name`},
	{"observations", `SELECT m.name, o.period, o.subject_type, COUNT(*), ROUND(SUM(o.value), 3) FROM observations o JOIN metrics m ON m.id = o.metric_id
		GROUP BY m.name, o.period, o.subject_type ORDER BY m.name, o.period, o.subject_type`},
	{"goals", `SELECT level, title, period FROM goals ORDER BY level, title, period`},
	{"answers", `SELECT r.opens_on, q.key, COUNT(*), SUM(a.value) FROM survey_answers a JOIN survey_rounds r ON r.id = a.round_id
		JOIN survey_questions q ON q.id = a.question_id GROUP BY r.opens_on, q.key ORDER BY r.opens_on, q.key`},
	{"cohorts", `SELECT c.name, c.starts_on, COUNT(m.person_id) FROM dev_cohorts c LEFT JOIN dev_cohort_members m ON m.cohort_id = c.id GROUP BY c.name, c.starts_on ORDER BY c.name, c.starts_on`},
	{"initiatives", `SELECT title FROM initiatives ORDER BY title`},
	{"posts", `SELECT kind, title FROM posts ORDER BY kind, title`},
}

func fingerprint(t *testing.T, db *store.DB) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := db.Read(context.Background(), func(tx *store.Tx) error {
		for _, f := range fingerprints {
			rows, err := tx.RawQuery(context.Background(), f.sql)
			if err != nil {
				return fmt.Errorf("%s: %w", f.name, err)
			}
			cols, _ := rows.Columns()
			h := sha256.New()
			n := 0
			for rows.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					rows.Close()
					return err
				}
				fmt.Fprintf(h, "%v\n", vals)
				n++
			}
			rows.Close()
			if n == 0 {
				return fmt.Errorf("%s: no rows", f.name)
			}
			out[f.name] = fmt.Sprintf("%d rows %s", n, hex.EncodeToString(h.Sum(nil))[:16])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDemoScenariosAreDistinctAndDeterministic generates every scenario: each has its
// own purpose, objectives, metrics, initiatives and posts, and the same scenario and
// seed give the same organization twice, row for row.
func TestDemoScenariosAreDistinctAndDeterministic(t *testing.T) {
	now := time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC)
	gen := func(t *testing.T, scenario string, seed uint64) map[string]string {
		db := dbtest.Open(t, store.SQLite)
		db.SetNow(func() time.Time { return now })
		c := dbtest.NewCore(db)
		if _, err := demo.Generate(context.Background(), c, demo.Options{Scenario: scenario, People: 150, Seed: seed, Password: "purpose-first", Now: now}); err != nil {
			t.Fatalf("%s: %v", scenario, err)
		}
		return fingerprint(t, db)
	}
	seen := map[string]map[string]string{}
	for _, name := range demo.ScenarioNames {
		fp := gen(t, name, 7)
		for other, ofp := range seen {
			for _, k := range []string{"purpose", "objectives", "metrics", "initiatives", "posts"} {
				if fp[k] == ofp[k] {
					t.Errorf("%s and %s share the same %s", name, other, k)
				}
			}
		}
		seen[name] = fp
	}
	again := gen(t, "fashion", 7)
	for k, v := range seen["fashion"] {
		if again[k] != v {
			t.Errorf("fashion, seed 7, generated twice: %s differ (%s, then %s)", k, v, again[k])
		}
	}
	other := gen(t, "fashion", 8)
	if other["people"] == seen["fashion"]["people"] && other["answers"] == seen["fashion"]["answers"] {
		t.Errorf("seeds 7 and 8 gave the same people and answers")
	}
}
