package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// TestRatingsCannotBeJoinedToPeople is the schema test of 360 assessments (issue 6): no
// rating can be joined back to the person who gave it.
//   - assessment_tallies has exactly these columns: assessment, relation, competency,
//     level and a count. No person, account, time or sequence column, and no foreign key
//     to a table that names people.
//   - The only column it shares with a table that names people is the assessment.
//   - assessment_raters says only who was asked, as what, and whether they answered.
//   - Both tables have no rowid on SQLite; on PostgreSQL closing rewrites them in one
//     transaction, so every row carries the closing transaction and no physical order
//     follows the order of answering.
func TestRatingsCannotBeJoinedToPeople(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		cols, err := db.Columns(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(cols["assessment_tallies"]); got != "[assessment_id relation competency level n]" {
			t.Errorf("assessment_tallies has columns %s", got)
		}
		if got := fmt.Sprint(cols["assessment_raters"]); got != "[assessment_id person_id relation answered]" {
			t.Errorf("assessment_raters has columns %s: it must say only who was asked and whether they answered", got)
		}
		identity := []string{"assessment_raters", "people", "accounts", "sessions", "audit_log", "journal_entries"}
		for _, i := range identity {
			for _, ca := range cols["assessment_tallies"] {
				for _, ci := range cols[i] {
					if ca == ci && ca != "assessment_id" && !(i == "assessment_raters" && ca == "relation") {
						t.Errorf("assessment_tallies.%s could join %s.%s", ca, i, ci)
					}
				}
			}
		}
		var q string
		if db.Engine() == store.SQLite {
			q = `SELECT "table" FROM pragma_foreign_key_list('assessment_tallies')`
		} else {
			q = `SELECT ccu.table_name FROM information_schema.table_constraints tc
				JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
				WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_name = 'assessment_tallies'`
		}
		rows, err := db.QueryForTest(q)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if target := asString(r[0]); target != "assessments" {
				t.Errorf("assessment_tallies has a foreign key to %s", target)
			}
		}

		// Six direct reports answer one by one; then the 360 closes.
		db.SetNow(func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) })
		c := dbtest.NewCore(db)
		var csv strings.Builder
		csv.WriteString("employee_id,name,email,manager_id\nB,Boss,b@example.org,\nM,Manager,m@example.org,B\n")
		for i := 0; i < 6; i++ {
			fmt.Fprintf(&csv, "R%d,Report %d,r%d@example.org,M\n", i, i, i)
		}
		dbtest.MustImport(t, c, csv.String())
		m := dbtest.MustPerson(t, c, "M")
		id, err := c.StartAssessment(ctx, model.System, model.AssessmentInput{SubjectID: m.ID, ClosesOn: "2026-03-20"})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 6; i++ {
			p := dbtest.MustPerson(t, c, fmt.Sprintf("R%d", i))
			actor := model.Actor{AccountID: 1, PersonID: p.ID, Role: model.RoleEmployee}
			if err := c.SubmitRatings(ctx, actor, id, model.RatingsInput{Ratings: map[string]int{"empathy": 1 + i%5, "inclusion": 5 - i%5}}); err != nil {
				t.Fatal(err)
			}
		}
		if rows, _ := db.QueryForTest(`SELECT count(*), sum(n) FROM assessment_tallies WHERE assessment_id = ? AND relation = 'report'`, id); asInt(rows[0][1]) != 12 || asInt(rows[0][0]) >= 12 {
			t.Errorf("report tallies %v: want 12 ratings in fewer rows than ratings (counts, not answers)", rows[0])
		}
		if err := c.CloseAssessment(ctx, model.System, id); err != nil {
			t.Fatal(err)
		}
		if db.Engine() == store.SQLite {
			for _, table := range []string{"assessment_tallies", "assessment_raters"} {
				if _, err := db.QueryForTest(`SELECT rowid FROM ` + table); err == nil {
					t.Errorf("%s has a rowid that follows the order of insertion", table)
				}
			}
		} else {
			for _, table := range []string{"assessment_tallies", "assessment_raters"} {
				rows, err := db.QueryForTest(`SELECT count(DISTINCT xmin::text), count(*) FROM `+table+` WHERE assessment_id = ?`, id)
				if err != nil {
					t.Fatal(err)
				}
				if n := asInt(rows[0][0]); n != 1 {
					t.Errorf("%s rows carry %d writing transactions after close, want 1", table, n)
				}
			}
		}
	})
}
