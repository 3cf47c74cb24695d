package csvio

import (
	"bytes"
	"strings"
	"testing"

	"throughline/internal/model"
)

func TestReadObservations(t *testing.T) {
	file := "Metric Key;Department;Month;Actual;Comment\ngross_margin;Sales;2026-01;\"1,234.5\";from the ledger\nsafety_incidents;People;2026-02;3;\nbad;Sales;2026-02;three;\n"
	rows, problems, err := ReadObservations(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0].Value != 1234.5 || rows[0].SubjectType != model.SubjectDepartment || rows[0].SubjectRef != "Sales" ||
		rows[0].Period != "2026-01" || rows[0].Note != "from the ledger" || rows[1].Line != 3 {
		t.Errorf("rows %+v", rows)
	}
	if len(problems) != 1 || problems[0].Line != 4 || problems[0].Field != "value" {
		t.Errorf("problems %+v", problems)
	}
	_, _, err = ReadObservations(strings.NewReader("metric,period\nx,2026-01\n"))
	ie, ok := err.(*model.ImportError)
	if !ok || len(ie.Lines) != 2 {
		t.Errorf("missing columns: %v", err)
	}
}

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]float64{"12": 12, " 87% ": 87, "-3.25": -3.25, "1,234,567.8": 1234567.8, "0": 0} {
		if got, ok := ParseNumber(in); !ok || got != want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "3,5", "abc", "1e999", "NaN"} {
		if _, ok := ParseNumber(in); ok {
			t.Errorf("ParseNumber(%q) accepted", in)
		}
	}
}

func TestWriteScorecardsLeavesNoDataEmpty(t *testing.T) {
	card := model.Scorecard{Person: model.Person{Name: "=Fay", Email: "fay@example.org"}, Period: "2026-Q1", HasComposite: true, Composite: 0.8765,
		Perspectives: []model.PerspectiveScore{{Perspective: model.PerspectiveFinancial, HasData: true, Score: 1.2}, {Perspective: model.PerspectivePeople}}}
	var b bytes.Buffer
	if err := WriteScorecards(&b, []model.Scorecard{card}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if lines[1] != "'=Fay,fay@example.org,,,2026-Q1,87.7,120.0,,,,,,0,0,0," {
		t.Errorf("line %q", lines[1])
	}
}
