package dbtest

import (
	"context"
	"strings"
	"testing"

	"throughline/internal/core"
	"throughline/internal/csvio"
	"throughline/internal/model"
	"throughline/internal/store"
	"throughline/internal/webhook"
)

// FastHasher is an argon2id hasher with tiny parameters, so tests that create many
// accounts stay fast. Production uses core.DefaultHasher.
var FastHasher core.Hasher = core.Argon2id{Memory: 64, Time: 1, Threads: 1, KeyLen: 32}

// NewCore returns a core over db with the fast hasher. Its webhooks may reach loopback
// addresses, where tests run their receivers (httptest servers).
func NewCore(db *store.DB) *core.Core {
	return core.New(db, core.Options{Hasher: FastHasher, Webhooks: webhook.SenderOptions{AllowPrivate: true}})
}

// SmallOrg is a fixed organization for tests, as a people file:
//
//	E1 Ada (CEO)
//	├── E2 Bo (head of Sales) ── E4 Dee, E5 Eli (Sales reps)
//	│                         └─ E6 Fay (Sales team lead) ── E8 Hal, E9 Ivy
//	└── E3 Cy (head of People) ── E7 Gus (HR partner)
const SmallOrg = `employee_id,name,email,title,department,location,manager_id,hire_date,role
E1,Ada Lovelace,ada@example.org,Chief Executive,Executive,London,,2015-01-05,executive
E2,Bo Diddley,bo@example.org,Head of Sales,Sales,London,E1,2016-02-01,manager
E3,Cy Twombly,cy@example.org,Head of People,People,Paris,E1,2017-03-01,hr
E4,Dee Dee,dee@example.org,Sales Rep,Sales,London,E2,2020-04-01,employee
E5,Eli Wallach,eli@example.org,Sales Rep,Sales,Paris,E2,2021-05-01,employee
E6,Fay Wray,fay@example.org,Sales Team Lead,Sales,London,E2,2019-06-01,manager
E7,Gus Grissom,gus@example.org,HR Partner,People,Paris,E3,2022-07-01,employee
E8,Hal Holbrook,hal@example.org,Sales Rep,Sales,London,E6,2023-08-01,employee
E9,Ivy Compton,ivy@example.org,Sales Rep,Sales,Berlin,E6,2024-09-01,employee
`

// MustImport imports a people file as the system and fails the test on error.
func MustImport(t testing.TB, c *core.Core, csvText string) model.ImportReport {
	t.Helper()
	batch, err := csvio.ReadPeople(strings.NewReader(csvText))
	if err != nil {
		t.Fatalf("dbtest: read people: %v", err)
	}
	rep, err := c.ImportPeople(context.Background(), model.System, batch, model.PeopleImportOptions{Filename: "fixture.csv"})
	if err != nil {
		t.Fatalf("dbtest: import people: %v", err)
	}
	return rep
}

// Password is the password MustActor gives accounts.
const Password = "correct horse battery"

// MustActor signs in as the account with this login (setting its password first) and
// returns the actor, exactly as a request would see it.
func MustActor(t testing.TB, c *core.Core, login string) model.Actor {
	t.Helper()
	ctx := context.Background()
	a, err := c.AccountByLogin(ctx, model.System, login)
	if err != nil {
		t.Fatalf("dbtest: account %s: %v", login, err)
	}
	if err := c.SetPassword(ctx, model.System, a.ID, Password); err != nil {
		t.Fatalf("dbtest: set password: %v", err)
	}
	token, _, err := c.SignIn(ctx, model.SignInInput{Login: login, Password: Password, Address: "192.0.2.1"})
	if err != nil {
		t.Fatalf("dbtest: sign in %s: %v", login, err)
	}
	actor, err := c.Authenticate(ctx, token)
	if err != nil {
		t.Fatalf("dbtest: authenticate %s: %v", login, err)
	}
	return actor
}

// MustAdmin creates an admin account outside the org chart and returns its actor.
func MustAdmin(t testing.TB, c *core.Core) model.Actor {
	t.Helper()
	if _, err := c.CreateAccount(context.Background(), model.System, model.AccountInput{Login: "admin@example.org", Role: model.RoleAdmin, DisplayName: "Admin"}); err != nil {
		t.Fatalf("dbtest: create admin: %v", err)
	}
	return MustActor(t, c, "admin@example.org")
}

// MustPerson returns the person with an employee id.
func MustPerson(t testing.TB, c *core.Core, employeeID string) model.Person {
	t.Helper()
	l, err := c.Directory(context.Background(), model.System, model.PersonFilter{Query: employeeID, IncludeInactive: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range l.Items {
		if p.EmployeeID == employeeID {
			return p
		}
	}
	t.Fatalf("dbtest: no person %s", employeeID)
	return model.Person{}
}
