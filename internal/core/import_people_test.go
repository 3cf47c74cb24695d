package core_test

import (
	"context"
	"strings"
	"testing"

	"throughline/internal/csvio"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

func importCSV(t *testing.T, c interface {
	ImportPeople(context.Context, model.Actor, model.PeopleBatch, model.PeopleImportOptions) (model.ImportReport, error)
}, text string, opts model.PeopleImportOptions) (model.ImportReport, error) {
	t.Helper()
	batch, err := csvio.ReadPeople(strings.NewReader(text))
	if err != nil {
		return model.ImportReport{}, err
	}
	return c.ImportPeople(context.Background(), model.System, batch, opts)
}

func lineErrors(t *testing.T, err error) []model.LineError {
	t.Helper()
	var ie *model.ImportError
	if err == nil {
		t.Fatal("import succeeded, want it rejected")
	}
	if !asImportError(err, &ie) {
		t.Fatalf("err = %v, want an *model.ImportError", err)
	}
	return ie.Lines
}

func TestImportRejectsBadRows(t *testing.T) {
	cases := []struct {
		name, csv string
		line      int
		field     string
		contains  string
	}{
		{"unknown manager", "employee_id,name,email,manager_id\nX1,A B,a@x.org,NOPE\n", 2, "manager_id", "Unknown manager \"NOPE\""},
		{"bad email", "employee_id,name,email\nX1,A B,not-an-email\n", 2, "email", "not a valid email"},
		{"bad date", "employee_id,name,email,hire_date\nX1,A B,a@x.org,2024-02-30\n", 2, "hire_date", "YYYY-MM-DD"},
		{"ambiguous date", "employee_id,name,email,hire_date\nX1,A B,a@x.org,03/04/2024\n", 2, "hire_date", "YYYY-MM-DD"},
		{"duplicate id", "employee_id,name,email\nX1,A B,a@x.org\nX1,C D,c@x.org\n", 3, "employee_id", "already on line 2"},
		{"duplicate email", "employee_id,name,email\nX1,A B,a@x.org\nX2,C D,A@x.org\n", 3, "email", "already on line 2"},
		{"self manager", "employee_id,name,email,manager_id\nX1,A B,a@x.org,X1\n", 2, "manager_id", "own manager"},
		{"cycle", "employee_id,name,email,manager_id\nX1,A B,a@x.org,X3\nX2,C D,c@x.org,X1\nX3,E F,e@x.org,X2\n", 2, "manager_id", "Reporting cycle"},
		{"missing name", "employee_id,name,email\nX1,,a@x.org\n", 2, "name", "required"},
		{"bad role", "employee_id,name,email,role\nX1,A B,a@x.org,boss\n", 2, "role", "not one of"},
		{"bad status", "employee_id,name,email,status\nX1,A B,a@x.org,maybe\n", 2, "active", "not one of"},
		{"email taken", "employee_id,name,email\nX1,A B,ada@example.org\n", 2, "email", "already belongs to employee \"E1\""},
		{"cycle with existing", "employee_id,name,email,manager_id\nE1,Ada Lovelace,ada@example.org,E9\n", 2, "manager_id", "Reporting cycle"},
		{"ragged line", "employee_id,name,email\nX1,A B,a@x.org,extra\n", 2, "", "cells"},
		{"no header columns", "id_number,who\n1,2\n", 1, "employee_id", "no employee id column"},
		{"quote", "employee_id,name,email\nX1,\"A \"B,a@x.org\n", 2, "", "quotation mark"},
	}
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		c := setup(t, db)
		before, _ := c.ExportPeople(context.Background(), model.System)
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				_, err := importCSV(t, c, tc.csv, model.PeopleImportOptions{})
				lines := lineErrors(t, err)
				found := false
				for _, l := range lines {
					if l.Line == tc.line && l.Field == tc.field && strings.Contains(l.Message, tc.contains) {
						found = true
					}
				}
				if !found {
					t.Errorf("errors %v, want line %d field %q containing %q", lines, tc.line, tc.field, tc.contains)
				}
			})
		}
		after, _ := c.ExportPeople(context.Background(), model.System)
		if len(before) != len(after) {
			t.Errorf("rejected imports changed the people: %d before, %d after", len(before), len(after))
		}
	})
}

func TestImportIsAllOrNothing(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		c := setup(t, db)
		// Nine good rows and one bad: nothing is written.
		var b strings.Builder
		b.WriteString("employee_id,name,email,manager_id\n")
		for i := 0; i < 9; i++ {
			b.WriteString("N" + string(rune('0'+i)) + ",New Person,new" + string(rune('0'+i)) + "@x.org,E1\n")
		}
		b.WriteString("N9,Bad Row,bad,E1\n")
		_, err := importCSV(t, c, b.String(), model.PeopleImportOptions{})
		if lines := lineErrors(t, err); len(lines) != 1 || lines[0].Line != 11 {
			t.Errorf("errors %v, want one on line 11", lines)
		}
		l, _ := c.Directory(context.Background(), model.System, model.PersonFilter{Query: "new person"})
		if l.Total != 0 {
			t.Errorf("%d people of a rejected file were written", l.Total)
		}
	})
}

func TestImportUpsertIsIdempotent(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		c := setup(t, db)
		rep, err := importCSV(t, c, dbtest.SmallOrg, model.PeopleImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Created != 0 || rep.Updated != 0 || rep.Unchanged != 9 {
			t.Errorf("re-import: %s, want 9 unchanged", rep.Summary())
		}
		// Move Fay (and her team) under Cy, rename Dee.
		rep, err = importCSV(t, c, "employee_id,name,email,manager_id\nE6,Fay Wray,fay@example.org,E3\nE4,Dee Ramone,dee@example.org,E2\n", model.PeopleImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Updated != 2 {
			t.Errorf("move and rename: %s, want 2 updated", rep.Summary())
		}
		cy := dbtest.MustPerson(t, c, "E3")
		hal := dbtest.MustPerson(t, c, "E8")
		if !strings.HasPrefix(hal.Path, cy.LinePrefix()) || hal.Depth != 4 {
			t.Errorf("Hal's path %q depth %d, want under Cy %q at depth 4", hal.Path, hal.Depth, cy.Path)
		}
		// A partial file leaves missing columns alone: titles stay.
		if got := dbtest.MustPerson(t, c, "E6").Title; got != "Sales Team Lead" {
			t.Errorf("title after a file without titles = %q, want it kept", got)
		}
	})
}

func TestImportDryRunAndDeactivateMissing(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		c := setup(t, db)
		full := "employee_id,name,email,manager_id\nE1,Ada Lovelace,ada@example.org,\nE2,Bo Diddley,bo@example.org,E1\nE3,Cy Twombly,cy@example.org,E1\nE4,Dee Dee,dee@example.org,E2\nE10,Jo March,jo@example.org,E3\n"
		// Fay (E6) is missing but E8 and E9 report to her: without them too, the file is
		// refused, because they would be left under an inactive manager... unless they
		// are missing as well, which they are; so the dry run deactivates E5–E9.
		rep, err := importCSV(t, c, full, model.PeopleImportOptions{DryRun: true, DeactivateMissing: true})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Created != 1 || rep.Deactivated != 5 || rep.Unchanged != 4 {
			t.Errorf("dry run: %s, want 1 created, 5 deactivated, 4 unchanged", rep.Summary())
		}
		if l, _ := c.Directory(context.Background(), model.System, model.PersonFilter{}); l.Total != 9 {
			t.Errorf("dry run changed the people: %d active", l.Total)
		}
		// Without the flag, missing people stay.
		rep, err = importCSV(t, c, full, model.PeopleImportOptions{})
		if err != nil || rep.Deactivated != 0 || rep.Created != 1 {
			t.Fatalf("partial import: %v %s", err, rep.Summary())
		}
		fay := dbtest.MustActor(t, c, "fay@example.org")
		rep, err = importCSV(t, c, full, model.PeopleImportOptions{DeactivateMissing: true})
		if err != nil || rep.Deactivated != 5 {
			t.Fatalf("full import: %v %s", err, rep.Summary())
		}
		if l, _ := c.Directory(context.Background(), model.System, model.PersonFilter{}); l.Total != 5 {
			t.Errorf("after the full import, %d active, want 5", l.Total)
		}
		// Deactivated people cannot sign in, and their open sessions stop working.
		if _, _, err := c.SignIn(context.Background(), model.SignInInput{Login: "fay@example.org", Password: dbtest.Password}); err == nil {
			t.Error("a deactivated person signed in")
		}
		_ = fay
		// Deactivating a manager whose active reports stay is refused.
		_, err = importCSV(t, c, "employee_id,name,email,status\nE2,Bo Diddley,bo@example.org,inactive\n", model.PeopleImportOptions{})
		if lines := lineErrors(t, err); len(lines) != 1 || lines[0].Field != "active" {
			t.Errorf("deactivating a manager with reports: %v", lines)
		}
	})
}

func TestExportRoundTrip(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		c := setup(t, db)
		// An awkward name survives: commas, quotes, a leading formula character.
		dbtest.MustImport(t, c, "employee_id,name,email,title\nE5,\"Eli \"\"Tuco\"\" Wallach, Jr.\",eli@example.org,=SUM(A1)\n")
		people, err := c.ExportPeople(context.Background(), model.System)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := csvio.WritePeople(&b, people); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "'=SUM(A1)") {
			t.Errorf("export does not guard a formula cell:\n%s", b.String())
		}
		rep, err := importCSV(t, c, b.String(), model.PeopleImportOptions{DeactivateMissing: true})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Unchanged != 9 || rep.Updated+rep.Created+rep.Deactivated != 0 {
			t.Errorf("round trip: %s, want 9 unchanged", rep.Summary())
		}
		again, _ := c.ExportPeople(context.Background(), model.System)
		for i := range people {
			if people[i] != again[i] {
				t.Errorf("row %d changed in the round trip:\n%+v\n%+v", i, people[i], again[i])
			}
		}
	})
}
