package csvio

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"throughline/internal/model"
)

// FuzzReadPeople feeds arbitrary bytes to the people reader: it must never panic, every
// error must be line-numbered, and whatever it accepts must survive a write and a
// second read unchanged.
func FuzzReadPeople(f *testing.F) {
	for _, seed := range []string{
		"employee_id,name,email\nE1,Ada,ada@x.org\n",
		"\ufeffEmployee #;First Name;Last Name;Work Email\n1;A;B;a@x.org\n",
		"employee_id,name,email,manager_id,hire_date,status,role\nE1,\"A, B\",a@x.org,,2020-01-01,active,manager\nE2,C,c@x.org,E1,2021/02/03,inactive,employee\n",
		"employee_id,name,email\nE1,\"broken,a@x.org\n",
		"employee_id,name,email\n'=cmd,=1+1,@x\n",
		"",
		"a\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadPeople(bytes.NewReader(data))
		if err != nil {
			var ie *model.ImportError
			if !errors.As(err, &ie) || len(ie.Lines) == 0 {
				t.Fatalf("error without line numbers: %v", err)
			}
			return
		}
		if len(b.Problems) > 0 {
			return
		}
		people := make([]model.PersonInput, len(b.Rows))
		for i, r := range b.Rows {
			if r.Line < 2 {
				t.Fatalf("row on line %d", r.Line)
			}
			people[i] = r.PersonInput
		}
		var out bytes.Buffer
		if err := WritePeople(&out, people); err != nil {
			t.Fatal(err)
		}
		again, err := ReadPeople(&out)
		if err != nil {
			t.Fatalf("re-read of our own output: %v\n%q", err, out.String())
		}
		if len(again.Rows) != len(people) {
			t.Fatalf("%d rows after the round trip, want %d", len(again.Rows), len(people))
		}
		for i := range people {
			got, want := again.Rows[i].PersonInput, people[i]
			// Whitespace at the edges of cells is trimmed on read.
			want.EmployeeID, want.Name, want.Email = strings.TrimSpace(want.EmployeeID), strings.TrimSpace(want.Name), strings.TrimSpace(want.Email)
			if got.EmployeeID != want.EmployeeID || got.Name != want.Name || got.Email != want.Email || got.Active != want.Active {
				t.Fatalf("row %d changed in the round trip:\n got %+v\nwant %+v", i, got, want)
			}
		}
	})
}

// FuzzReadGoals feeds arbitrary bytes to the goals reader.
func FuzzReadGoals(f *testing.F) {
	f.Add([]byte("type,ref,level,title,owner,period,parents\ngoal,G1,team,T,E1,2026-Q1,objective:Grow*2; G0\n"))
	f.Add([]byte("type,ref,title,kind,start,target,done\nkey_result,goal:12,K,measured,x,1,maybe\n"))
	f.Add([]byte("type,ref\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadGoals(bytes.NewReader(data))
		if err != nil {
			var ie *model.ImportError
			if !errors.As(err, &ie) || len(ie.Lines) == 0 {
				t.Fatalf("error without line numbers: %v", err)
			}
			return
		}
		for _, p := range b.Problems {
			if p.Line < 2 {
				t.Fatalf("problem on line %d", p.Line)
			}
		}
	})
}
