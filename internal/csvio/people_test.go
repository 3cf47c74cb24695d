package csvio

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"throughline/internal/model"
)

func TestHeaderKey(t *testing.T) {
	for in, want := range map[string]string{
		"Employee #":      "employee number",
		"employee_id":     "employee id",
		"\ufeffE-Mail":    "e mail",
		"  Work  Email ":  "work email",
		"Supervisor EID":  "supervisor eid",
		"Hire_Date (UTC)": "hire date utc",
	} {
		if got := HeaderKey(in); got != want {
			t.Errorf("HeaderKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadPeopleFindsColumnsByHeader(t *testing.T) {
	// A BambooHR-like export with a BOM, semicolons, first and last names, an unknown
	// column, and a cell spanning two lines.
	in := "\ufeffEmployee #;First Name;Last Name;Work Email;Job Title;Division;Office;Supervisor EID;Hire Date;Status;Shoe size\n" +
		"101;Ada;Lovelace;ada@x.org;CEO;Exec;London;;2015-01-05;Active;38\n" +
		"102;Bo;Diddley;bo@x.org;\"Head of\nSales\";Sales;London;101;2016/02/01;Terminated;44\n"
	b, err := ReadPeople(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []model.PersonRow{
		{Line: 2, PersonInput: model.PersonInput{EmployeeID: "101", Name: "Ada Lovelace", Email: "ada@x.org", Title: "CEO", Department: "Exec", Location: "London", HireDate: "2015-01-05", Active: true}},
		{Line: 3, PersonInput: model.PersonInput{EmployeeID: "102", Name: "Bo Diddley", Email: "bo@x.org", Title: "Head of\nSales", Department: "Sales", Location: "London", ManagerEmployeeID: "101", HireDate: "2016-02-01", Active: false}},
	}
	if diff := cmp.Diff(want, b.Rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	for _, k := range []string{"employee_id", "name", "email", "title", "department", "location", "manager_id", "hire_date", "active"} {
		if !b.Columns[k] {
			t.Errorf("column %s not found", k)
		}
	}
	if b.Columns["role"] {
		t.Error("role column found in a file without one")
	}
}

func TestReadPeopleLineNumbersAfterMultilineCells(t *testing.T) {
	in := "employee_id,name,email,hire_date\n1,\"A\nB\",a@x.org,2020-01-01\n2,C D,c@x.org,31/12/2020\n"
	b, err := ReadPeople(strings.NewReader(in))
	if err != nil || len(b.Problems) != 1 || b.Problems[0].Line != 4 || b.Problems[0].Field != "hire_date" {
		t.Fatalf("err = %v, problems %v, want one hire_date problem on line 4", err, b.Problems)
	}
}

func TestReadPeopleStructuralErrors(t *testing.T) {
	for name, in := range map[string]string{
		"empty":          "",
		"no email":       "employee_id,name\n1,A\n",
		"duplicate cols": "employee_id,name,email,Work Email\n1,A,a@x.org,b@x.org\n",
		"bad utf8":       "employee_id,name,email\n1,\xff\xfe,a@x.org\n",
	} {
		_, err := ReadPeople(strings.NewReader(in))
		var ie *model.ImportError
		if !errors.As(err, &ie) || len(ie.Lines) == 0 || ie.Lines[0].Line == 0 {
			t.Errorf("%s: err = %v, want line-numbered errors", name, err)
		}
	}
}

func TestWriteGuardsFormulas(t *testing.T) {
	var b strings.Builder
	w := NewWriter(&b)
	_ = w.Write([]string{"=1+1", "+x", "-3", "@a", "plain", "'=kept"})
	_ = w.Flush()
	if got, want := b.String(), "'=1+1,'+x,'-3,'@a,plain,''=kept\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, s := range []string{"=1+1", "+x", "-3", "@a", "'=kept", "''+x", "plain"} {
		if unescapeCell(escapeCell(s)) != s {
			t.Errorf("%q does not round-trip", s)
		}
	}
}

// TestFileOverTheLimit: reading past the limit fails as too large, so a file over it is
// refused, not imported cut short (the command line has no HTTP limit in front).
func TestFileOverTheLimit(t *testing.T) {
	for _, c := range []struct {
		in      string
		n       int64
		tooBig  bool
		wantLen int
	}{
		{"0123456789", 10, false, 10},
		{"0123456789", 9, true, 9},
		{"", 0, false, 0},
	} {
		b, err := io.ReadAll(&limited{r: strings.NewReader(c.in), n: c.n})
		if (tooLarge(err) != nil) != c.tooBig || len(b) != c.wantLen {
			t.Errorf("%q limited to %d: %d bytes, err %v", c.in, c.n, len(b), err)
		}
	}
	if err := tooLarge(errFileTooLarge); model.ErrorCodeOf(err) != model.CodeTooLarge || model.ErrorMessageOf(err) != "The file is larger than 64 MiB." {
		t.Errorf("tooLarge = %v", err)
	}
}
