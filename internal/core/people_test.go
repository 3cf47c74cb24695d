package core_test

import (
	"context"
	"testing"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

func setup(t *testing.T, db *store.DB) *core.Core {
	t.Helper()
	c := dbtest.NewCore(db)
	dbtest.MustImport(t, c, dbtest.SmallOrg)
	return c
}

// TestPersonVisibility checks the people rules role by role: everyone sees directory
// fields; a person sees themselves; a manager their whole line (direct and indirect);
// hr and admin everyone; executives see no private fields outside their line.
func TestPersonVisibility(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		c := setup(t, db)
		ctx := context.Background()
		admin := dbtest.MustAdmin(t, c)
		actors := map[string]model.Actor{
			"admin":      admin,
			"hr (Cy)":    dbtest.MustActor(t, c, "cy@example.org"),
			"exec (Ada)": dbtest.MustActor(t, c, "ada@example.org"),
			"Bo":         dbtest.MustActor(t, c, "bo@example.org"),
			"Fay":        dbtest.MustActor(t, c, "fay@example.org"),
			"Dee":        dbtest.MustActor(t, c, "dee@example.org"),
			"Gus":        dbtest.MustActor(t, c, "gus@example.org"),
		}
		// Who may see whose private fields. Ada is the CEO: everyone is in her line.
		private := map[string][]string{
			"admin":      {"E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9"},
			"hr (Cy)":    {"E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9"},
			"exec (Ada)": {"E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9"},
			"Bo":         {"E2", "E4", "E5", "E6", "E8", "E9"},
			"Fay":        {"E6", "E8", "E9"},
			"Dee":        {"E4"},
			"Gus":        {"E7"},
		}
		empOf := map[int64]string{}
		for _, emp := range []string{"E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9"} {
			empOf[dbtest.MustPerson(t, c, emp).ID] = emp
		}
		for name, actor := range actors {
			allowed := map[string]bool{}
			for _, e := range private[name] {
				allowed[e] = true
			}
			for _, emp := range []string{"E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9"} {
				p := dbtest.MustPerson(t, c, emp)
				d, err := c.Person(ctx, actor, p.ID)
				if err != nil {
					t.Fatalf("%s reads %s: %v", name, emp, err)
				}
				if d.Person.Name != p.Name || d.Person.Email != p.Email {
					t.Errorf("%s reads %s: directory fields missing", name, emp)
				}
				if got, want := !d.Person.Restricted, allowed[emp]; got != want {
					t.Errorf("%s reads %s: private fields shown = %v, want %v", name, emp, got, want)
				}
				if d.Person.Restricted && (d.Person.EmployeeID != "" || d.Person.HireDate != "" || d.Person.Path != "" || d.Person.AccountRole != "") {
					t.Errorf("%s reads %s: restricted view leaks %+v", name, emp, d.Person)
				}
				for _, r := range append(d.Reports, d.Chain...) {
					if got, want := !r.Restricted, allowed[empOf[r.ID]]; got != want {
						t.Errorf("%s reads %s's neighbour %s: private fields shown = %v, want %v", name, emp, empOf[r.ID], got, want)
					}
				}
			}
		}
	})
}

func TestDirectorySearchAndPaging(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		c := setup(t, db)
		ctx := context.Background()
		dee := dbtest.MustActor(t, c, "dee@example.org")
		l, err := c.Directory(ctx, dee, model.PersonFilter{Query: "sales rep"})
		if err != nil {
			t.Fatal(err)
		}
		if l.Total != 4 {
			t.Errorf("search 'sales rep': total %d, want 4", l.Total)
		}
		l, err = c.Directory(ctx, dee, model.PersonFilter{Page: model.Page{Limit: 4, Offset: 4}})
		if err != nil {
			t.Fatal(err)
		}
		if l.Total != 9 || len(l.Items) != 4 || !l.HasNext() || !l.HasPrev() {
			t.Errorf("page 2 of 4: total %d, %d items, next %v prev %v", l.Total, len(l.Items), l.HasNext(), l.HasPrev())
		}
		// Wildcards are literal.
		l, _ = c.Directory(ctx, dee, model.PersonFilter{Query: "%"})
		if l.Total != 0 {
			t.Errorf("search '%%' matched %d people, want 0", l.Total)
		}
		// An employee cannot list inactive people even when asking.
		dbtest.MustImport(t, c, "employee_id,name,email,status\nE9,Ivy Compton,ivy@example.org,inactive\n")
		l, _ = c.Directory(ctx, dee, model.PersonFilter{IncludeInactive: true})
		if l.Total != 8 {
			t.Errorf("employee asking for inactive people: total %d, want 8 (active only)", l.Total)
		}
		ivy := dbtest.MustPerson(t, c, "E9")
		if _, err := c.Person(ctx, dee, ivy.ID); model.ErrorCodeOf(err) != model.CodeNotFound {
			t.Errorf("employee reads an inactive person: err %v, want not_found", err)
		}
		hr := dbtest.MustActor(t, c, "cy@example.org")
		if _, err := c.Person(ctx, hr, ivy.ID); err != nil {
			t.Errorf("hr reads an inactive person: %v", err)
		}
	})
}

func TestAnonymousIsRefused(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		c := setup(t, db)
		ctx := context.Background()
		var anon model.Actor
		if _, err := c.Directory(ctx, anon, model.PersonFilter{}); model.ErrorCodeOf(err) != model.CodeUnauthenticated {
			t.Errorf("anonymous directory: %v", err)
		}
		if _, err := c.Person(ctx, anon, 1); model.ErrorCodeOf(err) != model.CodeUnauthenticated {
			t.Errorf("anonymous person: %v", err)
		}
		if _, err := c.ExportPeople(ctx, anon); model.ErrorCodeOf(err) != model.CodeUnauthenticated {
			t.Errorf("anonymous export: %v", err)
		}
	})
}

func TestRoleGates(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		c := setup(t, db)
		ctx := context.Background()
		for _, login := range []string{"ada@example.org", "bo@example.org", "dee@example.org"} {
			a := dbtest.MustActor(t, c, login)
			if _, err := c.ExportPeople(ctx, a); model.ErrorCodeOf(err) != model.CodeForbidden {
				t.Errorf("%s export people: %v, want forbidden", login, err)
			}
			if _, err := c.ImportPeople(ctx, a, model.PeopleBatch{Rows: []model.PersonRow{{Line: 2}}}, model.PeopleImportOptions{}); model.ErrorCodeOf(err) != model.CodeForbidden {
				t.Errorf("%s import people: %v, want forbidden", login, err)
			}
			if _, err := c.Accounts(ctx, a, model.AccountFilter{}); model.ErrorCodeOf(err) != model.CodeForbidden {
				t.Errorf("%s list accounts: %v, want forbidden", login, err)
			}
			if err := c.SetRole(ctx, a, a.AccountID, model.RoleAdmin); model.ErrorCodeOf(err) != model.CodeForbidden {
				t.Errorf("%s promotes themselves: %v, want forbidden", login, err)
			}
			if _, err := c.RecentImports(ctx, a, 5); model.ErrorCodeOf(err) != model.CodeForbidden {
				t.Errorf("%s recent imports: %v, want forbidden", login, err)
			}
		}
		hr := dbtest.MustActor(t, c, "cy@example.org")
		if _, err := c.ExportPeople(ctx, hr); err != nil {
			t.Errorf("hr export: %v", err)
		}
		if _, err := c.Accounts(ctx, hr, model.AccountFilter{}); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("hr lists accounts: %v, want forbidden (admin only)", err)
		}
		// hr cannot grant admin through an import.
		_, err := c.ImportPeople(ctx, hr, model.PeopleBatch{Rows: []model.PersonRow{{Line: 2, PersonInput: model.PersonInput{
			EmployeeID: "E7", Name: "Gus Grissom", Email: "gus@example.org", Role: model.RoleAdmin, Active: true}}}}, model.PeopleImportOptions{})
		if model.ErrorCodeOf(err) != model.CodeInvalid {
			t.Errorf("hr grants admin by import: %v, want invalid", err)
		}
	})
}

func TestMiddleManagers(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		c := setup(t, db)
		ctx := context.Background()
		admin := dbtest.MustAdmin(t, c)
		l, err := c.MiddleManagers(ctx, admin, model.Page{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, p := range l.Items {
			got[p.EmployeeID] = true
		}
		// Bo, Cy and Fay have a manager and reports; Ada has no manager.
		if len(got) != 3 || !got["E2"] || !got["E3"] || !got["E6"] {
			t.Errorf("middle managers = %v, want E2, E3, E6", got)
		}
		no := false
		if err := c.SetMiddleManagerOverride(ctx, admin, dbtest.MustPerson(t, c, "E3").ID, &no); err != nil {
			t.Fatal(err)
		}
		yes := true
		if err := c.SetMiddleManagerOverride(ctx, admin, dbtest.MustPerson(t, c, "E5").ID, &yes); err != nil {
			t.Fatal(err)
		}
		l, _ = c.MiddleManagers(ctx, admin, model.Page{})
		got = map[string]bool{}
		for _, p := range l.Items {
			got[p.EmployeeID] = true
		}
		if len(got) != 3 || !got["E2"] || !got["E5"] || !got["E6"] {
			t.Errorf("with overrides, middle managers = %v, want E2, E5, E6", got)
		}
		// A manager sees only the middle managers in their line.
		bo := dbtest.MustActor(t, c, "bo@example.org")
		l, _ = c.MiddleManagers(ctx, bo, model.Page{})
		if l.Total != 2 {
			t.Errorf("Bo sees %d middle managers, want 2 (E5, E6)", l.Total)
		}
	})
}

func TestOrgChart(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		c := setup(t, db)
		ctx := context.Background()
		dee := dbtest.MustActor(t, c, "dee@example.org")
		roots, _, err := c.OrgChart(ctx, dee, 0, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(roots) != 1 || roots[0].Person.EmployeeID != "" || roots[0].Total != 8 {
			t.Fatalf("roots = %+v, want Ada (restricted) with 8 below", roots)
		}
		if n := len(roots[0].Reports); n != 2 {
			t.Errorf("Ada has %d reports in the chart, want 2", n)
		}
		// Depth 2 expands Bo's reports; Fay's are counted, not expanded.
		var fay *model.OrgNode
		for _, b := range roots[0].Reports {
			for _, r := range b.Reports {
				if r.Person.Name == "Fay Wray" {
					fay = r
				}
			}
		}
		if fay == nil || fay.More != 2 || len(fay.Reports) != 0 {
			t.Errorf("Fay in the chart: %+v, want 2 more reports unexpanded", fay)
		}
	})
}
