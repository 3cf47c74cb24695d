package chart

import (
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// golden compares got with testdata/name.svg, and checks that it is well-formed XML
// with a title and a description.
func golden(t *testing.T, name string, got string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(got))
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed: %v", name, err)
		}
	}
	for _, want := range []string{"<title id=", "<desc id=", `role="img"`} {
		if !strings.Contains(got, want) {
			t.Errorf("%s lacks %s", name, want)
		}
	}
	if strings.Contains(got, "style=") {
		t.Errorf("%s has a style attribute, which the Content Security Policy blocks", name)
	}
	path := filepath.Join("testdata", name+".svg")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from its golden file; run go test ./internal/chart -update and review the diff", name)
	}
}

func TestLine(t *testing.T) {
	target := 80.0
	c := Line{ID: "trend", Title: "Composite score", Labels: []string{"2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"},
		Series:    []Series{{Name: "Composite", Values: []float64{62, 68, Missing, 74, 81}}, {Name: "Purpose", Values: []float64{55, 57, 60, 58, 66}, Dashed: true}},
		Reference: &target, RefLabel: "Target 80", Format: Format(0, "%")}
	got := string(c.SVG())
	golden(t, "line", got)
	// A missing value is a gap: the first series' path starts twice ("M").
	start := strings.Index(got, `<path d="`) + len(`<path d="`)
	d := got[start : start+strings.Index(got[start:], `"`)]
	if n := strings.Count(d, "M"); n != 2 {
		t.Errorf("path %q has %d segments for a series with one gap, want 2", d, n)
	}
	if !strings.Contains(got, "2025-Q3 no data") {
		t.Error("the description does not say the missing period has no data")
	}
}

func TestHeatmap(t *testing.T) {
	m := Heatmap{ID: "heat", Title: "Engagement by department", Rows: []string{"Sales", "Agronomy", "People"},
		Cols: []string{"Engagement", "Purpose", "Psychological safety"},
		Cells: [][]Cell{
			{{Value: 72, Href: "/x?a=1&b=2"}, {Value: 64}, {Value: 58}},
			{{Suppressed: true}, {Suppressed: true}, {Suppressed: true}},
			{{Value: 81}, {Missing: true}, {Value: 40}},
		}, Min: 0, Max: 100, Diverging: true, Format: Format(0, "")}
	got := string(m.SVG())
	golden(t, "heatmap", got)
	if strings.Contains(got, "/x?a=1&b=2") {
		t.Error("an href is not escaped")
	}
	if !strings.Contains(got, "hidden to protect anonymity") {
		t.Error("suppressed cells are not described")
	}
}

func TestBars(t *testing.T) {
	c := Bars{ID: "enps", Title: "eNPS by team", Items: []Bar{{Label: "Field Operations", Value: 24}, {Label: "Sales", Value: -12, Color: "#b42318"}, {Label: "People", Value: Missing}},
		Format: Format(0, "")}
	golden(t, "bars", string(c.SVG()))
	s := Stacked{ID: "fav", Title: "Favourability", Rows: []StackedRow{
		{Label: "I see how my work serves our purpose", Segments: []Segment{{"Unfavourable", 0.12, "#b42318"}, {"Neutral", 0.25, "#9aa5b1"}, {"Favourable", 0.63, "#0f766e"}}},
		{Label: "Small team", Note: "Fewer than 5 responses"},
	}}
	golden(t, "stacked", string(s.SVG()))
}

func TestNiceRange(t *testing.T) {
	lo, hi, ticks := niceRange(3, 97, 5)
	if lo != 0 || hi != 100 || len(ticks) != 6 {
		t.Errorf("niceRange(3, 97) = %v %v %v", lo, hi, ticks)
	}
}

func TestContrast(t *testing.T) {
	if textOn("#0f766e") != "#ffffff" || textOn("#f4f6f8") != inkColor {
		t.Error("text colour does not contrast with its background")
	}
}

func TestForest(t *testing.T) {
	c := Forest{ID: "impact", Title: "Effect of the program", Format: Format(1, ""), Items: []Estimate{
		{Label: "Purpose Leadership Index", Value: 3, Low: 0.694, High: 5.306},
		{Label: "Team engagement", Value: 1.2, Low: -2.5, High: 4.9},
		{Label: "Upward ratings", Value: Missing, Text: "not enough data"},
	}}
	golden(t, "forest", string(c.SVG()))
}
