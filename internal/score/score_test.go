package score

import (
	"math"
	"testing"

	"throughline/internal/model"
)

func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) < 1e-9
}

func TestAttainment(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name                 string
		floor, target, value float64
		want, raw            float64
	}{
		{"higher: at target", 60, 80, 80, 1, 1},
		{"higher: halfway", 60, 80, 70, 0.5, 0.5},
		{"higher: at floor", 60, 80, 60, 0, 0},
		{"higher: below floor is 0, never negative", 60, 80, 40, 0, -1},
		{"higher: above target earns more", 60, 80, 84, 1.2, 1.2},
		{"higher: capped at 120%", 60, 80, 100, 1.2, 2},
		{"lower: at target", 20, 10, 10, 1, 1},
		{"lower: halfway down from the floor", 20, 10, 15, 0.5, 0.5},
		{"lower: worse than the floor", 20, 10, 25, 0, -0.5},
		{"lower: better than target, capped", 20, 10, 0, 1.2, 2},
		{"lower: a little better than target", 20, 10, 9, 1.1, 1.1},
		{"missing value", 60, 80, nan, nan, nan},
		{"degenerate floor = target", 5, 5, 5, nan, nan},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, raw := Attainment(tt.floor, tt.target, tt.value)
			if !near(got, tt.want) || !near(raw, tt.raw) {
				t.Errorf("Attainment(%v, %v, %v) = %v (raw %v), want %v (raw %v)", tt.floor, tt.target, tt.value, got, raw, tt.want, tt.raw)
			}
		})
	}
}

func TestCombine(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		rule  model.Combine
		parts []float64
		want  float64
		n     int
	}{
		{model.CombineSum, []float64{1, 2, 3}, 6, 3},
		{model.CombineAvg, []float64{1, 2, 3}, 2, 3},
		{model.CombineLast, []float64{1, 2, 3}, 3, 3},
		{model.CombineSum, []float64{1, nan, 3}, 4, 2},
		{model.CombineAvg, []float64{nan, 2, 4}, 3, 2},
		{model.CombineLast, []float64{1, 5, nan}, 5, 2},
		{model.CombineAvg, []float64{nan, nan, nan}, nan, 0},
		{model.CombineSum, nil, nan, 0},
		{model.CombineSum, []float64{0, 0, 0}, 0, 3}, // zero is a value, not missing
	}
	for _, tt := range tests {
		got, n := Combine(tt.rule, tt.parts)
		if !near(got, tt.want) || n != tt.n {
			t.Errorf("Combine(%s, %v) = %v, %d; want %v, %d", tt.rule, tt.parts, got, n, tt.want, tt.n)
		}
	}
}

// metric builds a catalogue entry for the card tests.
func metric(id int64, p model.Perspective, dir model.Direction, floor, target, weight float64) model.Metric {
	return model.Metric{ID: id, Name: "m", Perspective: p, Direction: dir, Floor: floor, Target: target, Weight: weight}
}

func in(m model.Metric, v float64) Input {
	return Input{Metric: &m, HasData: !math.IsNaN(v), Value: v, Parts: 1, Expected: 1, From: model.SubjectTeam}
}

func TestCard(t *testing.T) {
	nan := math.NaN()
	even := model.ScoreSettings{Weights: map[model.Perspective]float64{}, FinancialHigh: 0.9, PurposeLow: 0.6}
	for _, p := range model.Perspectives {
		even.Weights[p] = 1
	}
	fin := model.PerspectiveFinancial
	ppl := model.PerspectivePeople
	eth := model.PerspectiveEthics
	cus := model.PerspectiveCustomer
	tests := []struct {
		name      string
		inputs    []Input
		settings  model.ScoreSettings
		want      map[model.Perspective]float64 // NaN: no data
		composite float64
		coverage  int
		warning   bool
	}{
		{
			name: "weights within a perspective",
			inputs: []Input{
				in(metric(1, fin, model.HigherIsBetter, 0, 100, 3), 100), // 1.0 × 3
				in(metric(2, fin, model.HigherIsBetter, 0, 100, 1), 20),  // 0.2 × 1
			},
			settings: even,
			want:     map[model.Perspective]float64{fin: 0.8},
			// Only financial has data: the composite is financial alone.
			composite: 0.8, coverage: 1,
		},
		{
			name: "missing data is left out, not counted as zero",
			inputs: []Input{
				in(metric(1, ppl, model.HigherIsBetter, 0, 100, 1), 90),
				in(metric(2, ppl, model.HigherIsBetter, 0, 100, 5), nan),
			},
			settings:  even,
			want:      map[model.Perspective]float64{ppl: 0.9},
			composite: 0.9, coverage: 1,
		},
		{
			name: "an empty perspective has no score and is left out of the composite",
			inputs: []Input{
				in(metric(1, fin, model.HigherIsBetter, 0, 100, 1), 50),
				in(metric(2, cus, model.HigherIsBetter, 0, 100, 1), nan),
				in(metric(3, ppl, model.HigherIsBetter, 0, 100, 1), 100),
			},
			settings:  even,
			want:      map[model.Perspective]float64{fin: 0.5, cus: nan, ppl: 1},
			composite: 0.75, coverage: 2,
		},
		{
			name: "lower is better and the cap",
			inputs: []Input{
				in(metric(1, eth, model.LowerIsBetter, 10, 0, 1), 5),        // 0.5
				in(metric(2, eth, model.HigherIsBetter, 50, 100, 1), 500),   // capped 1.2
				in(metric(3, ppl, model.LowerIsBetter, 30, 10, 1), 40),      // worse than floor: 0
				in(metric(4, fin, model.HigherIsBetter, 100, 200, 1), 1000), // capped 1.2
			},
			settings:  even,
			want:      map[model.Perspective]float64{eth: 0.85, ppl: 0, fin: 1.2},
			composite: (0.85 + 0 + 1.2) / 3, coverage: 3,
			warning: true, // financial 120% while people is 0%
		},
		{
			name: "organization weights in the composite",
			inputs: []Input{
				in(metric(1, fin, model.HigherIsBetter, 0, 100, 1), 100), // 1.0
				in(metric(2, ppl, model.HigherIsBetter, 0, 100, 1), 50),  // 0.5
			},
			settings:  model.DefaultScoreSettings(), // financial 25, people 20
			want:      map[model.Perspective]float64{fin: 1, ppl: 0.5},
			composite: (25*1 + 20*0.5) / 45.0, coverage: 2,
			warning: true,
		},
		{
			name: "a perspective weighted 0 is shown but not counted",
			inputs: []Input{
				in(metric(1, fin, model.HigherIsBetter, 0, 100, 1), 100),
				in(metric(2, ppl, model.HigherIsBetter, 0, 100, 1), 50),
			},
			settings: model.ScoreSettings{Weights: map[model.Perspective]float64{fin: 0, ppl: 1, cus: 1, eth: 1,
				model.PerspectiveImpact: 1, model.PerspectiveInnovation: 1}, FinancialHigh: 0.9, PurposeLow: 0.6},
			want:      map[model.Perspective]float64{fin: 1, ppl: 0.5},
			composite: 0.5, coverage: 2, warning: true,
		},
		{
			name:      "no metrics at all",
			settings:  even,
			want:      map[model.Perspective]float64{fin: nan, ppl: nan},
			composite: nan, coverage: 0,
		},
		{
			name: "strong financials with balanced purpose: no warning",
			inputs: []Input{
				in(metric(1, fin, model.HigherIsBetter, 0, 100, 1), 95),
				in(metric(2, ppl, model.HigherIsBetter, 0, 100, 1), 70),
				in(metric(3, eth, model.HigherIsBetter, 0, 100, 1), 61),
				in(metric(4, cus, model.HigherIsBetter, 0, 100, 1), 10), // customer is not a purpose perspective
			},
			settings:  even,
			want:      map[model.Perspective]float64{fin: 0.95, ppl: 0.7, eth: 0.61, cus: 0.1},
			composite: (0.95 + 0.7 + 0.61 + 0.1) / 4, coverage: 4,
		},
		{
			name: "weak purpose but financials below the threshold: no warning",
			inputs: []Input{
				in(metric(1, fin, model.HigherIsBetter, 0, 100, 1), 89),
				in(metric(2, ppl, model.HigherIsBetter, 0, 100, 1), 10),
			},
			settings:  even,
			want:      map[model.Perspective]float64{fin: 0.89, ppl: 0.1},
			composite: 0.495, coverage: 2,
		},
		{
			name: "strong financials, purpose without data: no warning",
			inputs: []Input{
				in(metric(1, fin, model.HigherIsBetter, 0, 100, 1), 100),
				in(metric(2, ppl, model.HigherIsBetter, 0, 100, 1), nan),
			},
			settings:  even,
			want:      map[model.Perspective]float64{fin: 1, ppl: nan},
			composite: 1, coverage: 1,
		},
		{
			name: "configurable thresholds",
			inputs: []Input{
				in(metric(1, fin, model.HigherIsBetter, 0, 100, 1), 80),
				in(metric(2, ppl, model.HigherIsBetter, 0, 100, 1), 65),
			},
			settings:  model.ScoreSettings{Weights: even.Weights, FinancialHigh: 0.8, PurposeLow: 0.7},
			want:      map[model.Perspective]float64{fin: 0.8, ppl: 0.65},
			composite: 0.725, coverage: 2, warning: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			card := Card(tt.inputs, tt.settings)
			if len(card.Perspectives) != 6 {
				t.Fatalf("%d perspectives, want all 6", len(card.Perspectives))
			}
			for p, want := range tt.want {
				got := card.Perspective(p)
				if math.IsNaN(want) {
					if got.HasData || !math.IsNaN(got.Score) {
						t.Errorf("%s = %v (has data %v), want no data", p, got.Score, got.HasData)
					}
					continue
				}
				if !got.HasData || !near(got.Score, want) {
					t.Errorf("%s = %v (has data %v), want %v", p, got.Score, got.HasData, want)
				}
			}
			if !near(card.Composite, tt.composite) || card.HasComposite == math.IsNaN(tt.composite) {
				t.Errorf("composite = %v (has %v), want %v", card.Composite, card.HasComposite, tt.composite)
			}
			if card.Coverage != tt.coverage {
				t.Errorf("coverage = %d, want %d", card.Coverage, tt.coverage)
			}
			if (card.Warning != nil) != tt.warning {
				t.Errorf("warning = %+v, want %v", card.Warning, tt.warning)
			}
			for _, p := range card.Perspectives {
				for _, m := range p.Metrics {
					if !m.HasData && (!math.IsNaN(m.Attainment) || m.Share != 0) {
						t.Errorf("metric %d without data has attainment %v, share %v", m.Metric.ID, m.Attainment, m.Share)
					}
				}
			}
		})
	}
}

func TestCappedFlagAndShares(t *testing.T) {
	card := Card([]Input{
		in(metric(1, model.PerspectiveImpact, model.HigherIsBetter, 0, 10, 1), 30),
		in(metric(2, model.PerspectiveImpact, model.HigherIsBetter, 0, 10, 3), 5),
	}, model.DefaultScoreSettings())
	m1, _ := card.Find(1)
	m2, _ := card.Find(2)
	if !m1.Capped || m1.Raw != 3 || m1.Attainment != 1.2 {
		t.Errorf("metric 1: capped %v raw %v attainment %v, want capped at 1.2 from 3", m1.Capped, m1.Raw, m1.Attainment)
	}
	if m2.Capped || !near(m1.Share, 0.25) || !near(m2.Share, 0.75) {
		t.Errorf("shares %v, %v; want 0.25, 0.75", m1.Share, m2.Share)
	}
	if got := card.Perspective(model.PerspectiveImpact).Score; !near(got, 0.25*1.2+0.75*0.5) {
		t.Errorf("impact = %v", got)
	}
	if card.Warning != nil {
		t.Error("no financial data, yet a warning")
	}
}

func TestWarningMessage(t *testing.T) {
	w := Balance(Card([]Input{
		in(metric(1, model.PerspectiveFinancial, model.HigherIsBetter, 0, 100, 1), 96),
		in(metric(2, model.PerspectivePeople, model.HigherIsBetter, 0, 100, 1), 41),
		in(metric(3, model.PerspectiveEthics, model.HigherIsBetter, 0, 100, 1), 52),
	}, model.DefaultScoreSettings()), model.DefaultScoreSettings())
	if w == nil {
		t.Fatal("no warning")
	}
	want := "Financial results are strong (96%) while people and engagement at 41% and ethics and integrity at 52% are below 60%. Results without purpose do not last."
	if got := w.Message(); got != want {
		t.Errorf("message:\n got %s\nwant %s", got, want)
	}
}
