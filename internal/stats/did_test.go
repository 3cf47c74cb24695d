package stats

import (
	"math"
	"testing"
)

func approx(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// TestDiDWorkedExample checks the estimate against a small example worked by hand.
//
// Treated changes: 4, 6, 5, 7, 3 → mean 5, sample variance 2.5.
// Control changes: 1, 2, 0, 3, 4 → mean 2, sample variance 2.5.
// DiD = 5 − 2 = 3. SE = sqrt(2.5/5 + 2.5/5) = 1. Welch df = (0.5+0.5)² / (0.25/4 + 0.25/4) = 8.
// t(0.975, 8) = 2.306, so the interval is 3 ± 2.306 = [0.694, 5.306].
func TestDiDWorkedExample(t *testing.T) {
	treated := []Unit{{1, 60, 64}, {2, 50, 56}, {3, 70, 75}, {4, 55, 62}, {5, 65, 68}}
	control := []Unit{{6, 60, 61}, {7, 50, 52}, {8, 70, 70}, {9, 55, 58}, {10, 65, 69}}
	d := DifferenceInDifferences(treated, control)
	if !approx(d.Estimate, 3, 1e-12) || !approx(d.SE, 1, 1e-12) || !approx(d.DF, 8, 1e-12) {
		t.Fatalf("estimate %v se %v df %v, want 3, 1, 8", d.Estimate, d.SE, d.DF)
	}
	if !approx(d.Low, 0.694, 1e-9) || !approx(d.High, 5.306, 1e-9) || !d.EnoughData {
		t.Errorf("interval [%v, %v], enough %v; want [0.694, 5.306]", d.Low, d.High, d.EnoughData)
	}
	if !approx(d.TreatedChange, 5, 1e-12) || !approx(d.ControlChange, 2, 1e-12) {
		t.Errorf("changes %v %v", d.TreatedChange, d.ControlChange)
	}
}

func TestDiDTooFew(t *testing.T) {
	d := DifferenceInDifferences([]Unit{{1, 1, 2}, {2, 1, 3}, {3, 2, 2}}, []Unit{{4, 1, 1}, {5, 2, 2}, {6, 1, 2}})
	if d.EnoughData {
		t.Error("3 teams a side counted as enough")
	}
	d = DifferenceInDifferences([]Unit{{1, 1, 2}}, nil)
	if !math.IsNaN(d.Estimate) || d.EnoughData {
		t.Errorf("one team: %+v", d)
	}
}

func TestTQuantile(t *testing.T) {
	for df, want := range map[float64]float64{1: 12.706, 8: 2.306, 30: 2.042, 40: 2.021, 60: 2.000, 120: 1.980, 1e9: 1.960} {
		if got := TQuantile975(df); !approx(got, want, 0.0015) {
			t.Errorf("t(0.975, %v) = %v, want %v", df, got, want)
		}
	}
	if got := TQuantile975(8.5); !approx(got, (2.306+2.262)/2, 1e-9) {
		t.Errorf("interpolated: %v", got)
	}
}

func TestMatch(t *testing.T) {
	treated := []MatchCandidate{{ID: 1, Group: "A", TeamSize: 6, Baseline: 60}, {ID: 2, Group: "A", TeamSize: 10, Baseline: 70}, {ID: 3, Group: "B", TeamSize: 5, Baseline: 50}}
	pool := []MatchCandidate{
		{ID: 11, Group: "A", TeamSize: 6, Baseline: 61}, // nearest to 1
		{ID: 12, Group: "A", TeamSize: 9, Baseline: 71}, // nearest to 2
		{ID: 13, Group: "A", TeamSize: 6, Baseline: 90},
		{ID: 14, Group: "C", TeamSize: 5, Baseline: 50}, // other group: never a match for 3
	}
	m := Match(treated, pool)
	if m[1] != 11 || m[2] != 12 {
		t.Errorf("matches %v, want 1→11, 2→12", m)
	}
	if _, ok := m[3]; ok {
		t.Errorf("team 3 matched across groups: %v", m)
	}
}
