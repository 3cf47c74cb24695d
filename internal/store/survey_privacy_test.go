package store_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// answerTables hold people's answers; identityTables name people.
var (
	answerTables   = []string{"survey_responses", "survey_answers", "survey_comments"}
	identityTables = []string{"survey_participation", "survey_members", "survey_invitations", "people", "accounts", "sessions"}
)

// TestAnswersCannotBeJoinedToPeople is the schema test of issue 5: no answer row can be
// joined back to a person.
//   - The answer tables have exactly these columns: random id, round, frozen group,
//     question, value or text. No person, account, time or sequence column.
//   - The only column they share with a table that names people is the round, and,
//     while a round is open, the frozen group in survey_members; that table is emptied
//     when the round closes.
//   - No foreign key leads from them to a table that names people.
//   - Ids are random, so the order of ids is not the order of answering. On SQLite the
//     answer tables have no rowid and are stored in key order; on PostgreSQL, whose
//     heap keeps insertion order, closing rewrites the rows with new ids in shuffled
//     order in one transaction, so every row carries the same writing transaction.
//   - Who was frozen into which group is forgotten at close.
func TestAnswersCannotBeJoinedToPeople(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		cols, err := db.Columns(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]string{
			"survey_responses": {"id", "round_id", "group_id"},
			"survey_answers":   {"id", "round_id", "group_id", "question_id", "value"},
			"survey_comments":  {"id", "round_id", "group_id", "question_id", "body"},
		}
		for table, w := range want {
			if fmt.Sprint(cols[table]) != fmt.Sprint(w) {
				t.Errorf("%s has columns %v, want exactly %v", table, cols[table], w)
			}
		}
		for _, a := range answerTables {
			for _, i := range identityTables {
				for _, ca := range cols[a] {
					for _, ci := range cols[i] {
						// survey_members.group_id is the frozen audience, needed while a
						// round is open so that an answer lands in the group frozen at
						// launch; it is emptied at close (checked below).
						if ca == ci && ca != "round_id" && ca != "id" && !(i == "survey_members" && ca == "group_id") {
							t.Errorf("%s.%s could join %s.%s", a, ca, i, ci)
						}
					}
				}
			}
		}
		if got := cols["survey_participation"]; fmt.Sprint(got) != "[round_id person_id channel]" {
			t.Errorf("survey_participation has %v: it must say only that a person answered", got)
		}
		// Foreign keys out of the answer tables.
		for _, a := range answerTables {
			var q string
			if db.Engine() == store.SQLite {
				q = `SELECT "table" FROM pragma_foreign_key_list('` + a + `')`
			} else {
				q = `SELECT ccu.table_name FROM information_schema.table_constraints tc
					JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
					WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_name = '` + a + `'`
			}
			rows, err := db.QueryForTest(q)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				target := fmt.Sprint(asString(r[0]))
				for _, i := range identityTables {
					if target == i {
						t.Errorf("%s has a foreign key to %s", a, target)
					}
				}
			}
		}

		// Answer one by one, signed in, and watch the ids.
		db.SetNow(func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) })
		c := dbtest.NewCore(db)
		var csv strings.Builder
		csv.WriteString("employee_id,name,email,manager_id\nM,Manager,m@example.org,\n")
		for i := 0; i < 20; i++ {
			fmt.Fprintf(&csv, "P%02d,Person %d,p%d@example.org,M\n", i, i, i)
		}
		dbtest.MustImport(t, c, csv.String())
		bank, err := c.QuestionBank(ctx, model.System)
		if err != nil {
			t.Fatal(err)
		}
		var qids []int64
		var likert, comment int64
		for _, q := range bank {
			if q.InPulse {
				qids = append(qids, q.ID)
			}
			if q.Key == "eng_energy" {
				likert = q.ID
			}
			if q.Key == "cmt_better" {
				comment = q.ID
			}
		}
		s, err := c.CreateSurvey(ctx, model.System, model.SurveyInput{Title: "Pulse", Audience: model.AudienceEveryone,
			QuestionIDs: qids, OpensOn: "2026-03-02", OpenDays: 7})
		if err != nil {
			t.Fatal(err)
		}
		rounds, err := c.Survey(ctx, model.System, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		roundID := rounds.Rounds[0].ID
		ids := func() map[int64]bool {
			rows, err := db.QueryForTest(`SELECT id FROM survey_responses WHERE round_id = ?`, roundID)
			if err != nil {
				t.Fatal(err)
			}
			out := map[int64]bool{}
			for _, r := range rows {
				out[asInt(r[0])] = true
			}
			return out
		}
		var order []int64
		prev := ids()
		for i := 0; i < 20; i++ {
			p := dbtest.MustPerson(t, c, fmt.Sprintf("P%02d", i))
			actor := model.Actor{AccountID: 1, PersonID: p.ID, Role: model.RoleEmployee}
			sub := model.PulseAnswers{Answers: map[int64]int{likert: 1 + i%5}, Comments: map[int64]string{comment: fmt.Sprintf("note %d", i)}}
			if err := c.SubmitPulse(ctx, actor, roundID, sub); err != nil {
				t.Fatal(err)
			}
			now := ids()
			for id := range now {
				if !prev[id] {
					order = append(order, id)
				}
			}
			prev = now
		}
		if len(order) != 20 {
			t.Fatalf("%d new response ids, want 20", len(order))
		}
		if sort.SliceIsSorted(order, func(i, j int) bool { return order[i] < order[j] }) ||
			sort.SliceIsSorted(order, func(i, j int) bool { return order[i] > order[j] }) {
			t.Errorf("response ids follow the order of answering: %v", order)
		}
		if err := c.CloseRound(ctx, model.System, roundID); err != nil {
			t.Fatal(err)
		}
		after := ids()
		if len(after) != 20 {
			t.Errorf("%d responses after close, want 20", len(after))
		}
		if db.Engine() == store.Postgres {
			// The heap keeps insertion order: closing rewrote every row with a new id.
			for _, id := range order {
				if after[id] {
					t.Errorf("response id %d survived the shuffle at close", id)
				}
			}
		} else {
			// WITHOUT ROWID tables: no hidden rowid in insertion order, and rows are
			// stored in primary-key order (round, group, question, value, random id).
			for _, table := range answerTables {
				if _, err := db.QueryForTest(`SELECT rowid FROM ` + table); err == nil {
					t.Errorf("%s has a rowid that follows the order of insertion", table)
				}
			}
			rows, err := db.QueryForTest(`SELECT group_id, question_id, value, id FROM survey_answers WHERE round_id = ?`, roundID)
			if err != nil {
				t.Fatal(err)
			}
			if !sort.SliceIsSorted(rows, func(i, j int) bool {
				for c := 0; c < 4; c++ {
					if a, b := asInt(rows[i][c]), asInt(rows[j][c]); a != b {
						return a < b
					}
				}
				return false
			}) {
				t.Errorf("survey_answers rows are not stored in key order")
			}
		}
		if rows, _ := db.QueryForTest(`SELECT count(*) FROM survey_members WHERE round_id = ?`, roundID); asInt(rows[0][0]) != 0 {
			t.Errorf("the frozen person-to-group mapping outlived the round")
		}
		if db.Engine() == store.Postgres {
			for _, table := range answerTables {
				rows, err := db.QueryForTest(`SELECT count(DISTINCT xmin::text) FROM `+table+` WHERE round_id = ?`, roundID)
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

func asInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int32:
		return int64(x)
	case int:
		return int64(x)
	}
	return -1
}

func asString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return fmt.Sprint(v)
}

func TestTalliesCodec(t *testing.T) {
	in := map[int64][11]int{7: {0, 3, 0, 2, 1, 9}, 1234567: {10: 4, 0: 1}, 3: {}}
	enc := store.EncodeTalliesForTest(in)
	out, err := store.DecodeTalliesForTest([]byte(enc))
	if err != nil {
		t.Fatalf("decode %q: %v", enc, err)
	}
	if fmt.Sprint(out) != fmt.Sprint(in) {
		t.Errorf("round trip: %v → %q → %v", in, enc, out)
	}
	for _, bad := range []string{"x", "1:", "1:2", "1:11=3", "1:2=", ":"} {
		if _, err := store.DecodeTalliesForTest([]byte(bad)); err == nil && bad != "1:" {
			t.Errorf("decode %q: no error", bad)
		}
	}
}
