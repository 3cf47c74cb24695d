// Package score holds the arithmetic of Throughline's measures as pure functions:
// attainment of a metric, the combination of months into a period, perspective scores,
// the weighted composite and the balance warning. It imports only the standard library
// and model, so every number can be tested and explained on its own, and both database
// engines give identical results (SQL only returns rows; the arithmetic is here).
//
// The formulas, as the help page states them:
//
//	attainment  a = (value − floor) / (target − floor), limited to 0 … 1.2
//
// The floor is the value that earns nothing and the target the value that earns 100%.
// When lower is better the floor lies above the target, and the same formula mirrors
// itself: a value halfway from the floor down to the target earns 50%. Results beyond
// the target earn up to 120% and no more, so one exceptional metric cannot hide weak
// ones; results beyond the floor earn 0%, never less.
//
//	perspective  P = Σ wᵢ·aᵢ / Σ wᵢ   over the perspective's metrics that have data
//	composite    C = Σ Wₚ·Pₚ / Σ Wₚ   over the perspectives that have data
//
// wᵢ are the metrics' weights in the catalogue and Wₚ the organization's perspective
// weights. A metric without data is left out of both sums and shown as "no data", never
// as zero; a perspective without any data is left out of the composite, and the
// scorecard says how many perspectives the composite covers.
//
//	balance warning  financial ≥ FinancialHigh (90%) and some purpose perspective
//	                 (people and engagement, social and environmental impact, ethics
//	                 and integrity) with data < PurposeLow (60%)
package score

import (
	"math"

	"throughline/internal/model"
)

// MaxAttainment caps attainment at 120%.
const MaxAttainment = 1.2

// Attainment returns the attainment of a value, limited to 0 … MaxAttainment, and the
// raw attainment before the limit. It is linear between floor (0) and target (1); the
// same formula serves both directions, because a lower-is-better metric has its floor
// above its target.
func Attainment(floor, target, value float64) (limited, raw float64) {
	if target == floor || math.IsNaN(value) {
		return math.NaN(), math.NaN()
	}
	raw = (value - floor) / (target - floor)
	return math.Max(0, math.Min(MaxAttainment, raw)), raw
}

// Combine combines the values of a period's parts (its months, oldest first) by a rule:
// their sum, their mean, or the latest. Missing parts (NaN) are skipped; with no value at
// all the result is NaN.
func Combine(rule model.Combine, parts []float64) (value float64, n int) {
	sum, last := 0.0, math.NaN()
	for _, v := range parts {
		if math.IsNaN(v) {
			continue
		}
		sum += v
		last = v
		n++
	}
	if n == 0 {
		return math.NaN(), 0
	}
	switch rule {
	case model.CombineSum:
		return sum, n
	case model.CombineLast:
		return last, n
	}
	return sum / float64(n), n
}

// Input is one metric of a scorecard with its value for the period, if any.
type Input struct {
	Metric   *model.Metric
	HasData  bool
	Value    float64
	Parts    int
	Expected int
	From     model.SubjectType
	FromName string
}

// Card computes a scorecard from its metrics' values: attainment per metric, the
// weighted mean per perspective, the weighted composite and the balance warning. The
// person and period are left for the caller to fill.
func Card(inputs []Input, s model.ScoreSettings) model.Scorecard { return card(inputs, s, true) }

// Summary computes the same scorecard without keeping each metric's details (the
// perspectives' Metrics are nil): for lists of thousands of scorecards.
func Summary(inputs []Input, s model.ScoreSettings) model.Scorecard { return card(inputs, s, false) }

func card(inputs []Input, s model.ScoreSettings, detail bool) model.Scorecard {
	var c model.Scorecard
	c.Perspectives = make([]model.PerspectiveScore, len(model.Perspectives))
	var num, den [8]float64 // per perspective, by index
	for i, p := range model.Perspectives {
		c.Perspectives[i] = model.PerspectiveScore{Perspective: p, Weight: s.Weight(p), Score: math.NaN()}
	}
	for _, in := range inputs {
		pi := perspectiveIndex(in.Metric.Perspective)
		if pi < 0 {
			continue
		}
		ps := &c.Perspectives[pi]
		att, raw := math.NaN(), math.NaN()
		has := false
		if in.HasData && !math.IsNaN(in.Value) {
			att, raw = Attainment(in.Metric.Floor, in.Metric.Target, in.Value)
			has = !math.IsNaN(att)
		}
		c.Metrics++
		if has {
			c.WithData++
			if in.Metric.Weight > 0 {
				num[pi] += in.Metric.Weight * att
				den[pi] += in.Metric.Weight
				ps.WithData++
			}
		}
		if detail {
			ms := model.MetricScore{Metric: *in.Metric, HasData: has, Value: math.NaN(), Parts: in.Parts, Expected: in.Expected,
				From: in.From, FromName: in.FromName, Attainment: att, Raw: raw}
			if has {
				ms.Value = in.Value
				ms.Capped = raw != att
			}
			ps.Metrics = append(ps.Metrics, ms)
		}
	}
	// Perspectives: the weighted mean of the metrics with data.
	for i := range c.Perspectives {
		ps := &c.Perspectives[i]
		if den[i] > 0 {
			ps.HasData = true
			ps.Score = num[i] / den[i]
			for j := range ps.Metrics {
				if ps.Metrics[j].HasData {
					ps.Metrics[j].Share = ps.Metrics[j].Metric.Weight / den[i]
				}
			}
		}
	}
	// The composite: the weighted mean of the perspectives with data.
	cn, cd := 0.0, 0.0
	for _, ps := range c.Perspectives {
		if ps.HasData {
			c.Coverage++
			if ps.Weight > 0 {
				cn += ps.Weight * ps.Score
				cd += ps.Weight
			}
		}
	}
	c.Composite = math.NaN()
	if cd > 0 {
		c.HasComposite = true
		c.Composite = cn / cd
		for i := range c.Perspectives {
			if c.Perspectives[i].HasData {
				c.Perspectives[i].Share = c.Perspectives[i].Weight / cd
			}
		}
	}
	c.Warning = Balance(c, s)
	return c
}

func perspectiveIndex(p model.Perspective) int {
	for i, x := range model.Perspectives {
		if x == p {
			return i
		}
	}
	return -1
}

// Balance returns the balance warning of a scorecard, or nil: financial attainment at or
// above the high threshold while some purpose perspective with data is below the low
// one. A purpose perspective without data does not trigger it (no data is not a weak
// result), and neither does a scorecard without financial data.
func Balance(card model.Scorecard, s model.ScoreSettings) *model.BalanceWarning {
	fin := card.Perspective(model.PerspectiveFinancial)
	if !fin.HasData || fin.Score < s.FinancialHigh {
		return nil
	}
	var weak []model.PerspectiveScore
	for _, p := range card.Perspectives {
		if p.Perspective.Purpose() && p.HasData && p.Score < s.PurposeLow {
			weak = append(weak, model.PerspectiveScore{Perspective: p.Perspective, Score: p.Score, HasData: true, Weight: p.Weight})
		}
	}
	if len(weak) == 0 {
		return nil
	}
	return &model.BalanceWarning{Financial: fin.Score, Weak: weak, FinancialHigh: s.FinancialHigh, PurposeLow: s.PurposeLow}
}
