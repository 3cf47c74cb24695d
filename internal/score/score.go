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
	Metric   model.Metric
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
func Card(inputs []Input, s model.ScoreSettings) model.Scorecard {
	var card model.Scorecard
	byP := make(map[model.Perspective]*model.PerspectiveScore, len(model.Perspectives))
	card.Perspectives = make([]model.PerspectiveScore, len(model.Perspectives))
	for i, p := range model.Perspectives {
		card.Perspectives[i] = model.PerspectiveScore{Perspective: p, Weight: s.Weight(p), Score: math.NaN()}
		byP[p] = &card.Perspectives[i]
	}
	for _, in := range inputs {
		ps := byP[in.Metric.Perspective]
		if ps == nil {
			continue
		}
		ms := model.MetricScore{Metric: in.Metric, Parts: in.Parts, Expected: in.Expected, From: in.From, FromName: in.FromName,
			Value: math.NaN(), Attainment: math.NaN(), Raw: math.NaN()}
		if in.HasData && !math.IsNaN(in.Value) {
			ms.HasData = true
			ms.Value = in.Value
			ms.Attainment, ms.Raw = Attainment(in.Metric.Floor, in.Metric.Target, in.Value)
			ms.HasData = !math.IsNaN(ms.Attainment)
			ms.Capped = ms.HasData && ms.Raw != ms.Attainment
		}
		ps.Metrics = append(ps.Metrics, ms)
		card.Metrics++
		if ms.HasData {
			card.WithData++
		}
	}
	// Perspectives: the weighted mean of the metrics with data.
	for i := range card.Perspectives {
		ps := &card.Perspectives[i]
		num, den := 0.0, 0.0
		for _, m := range ps.Metrics {
			if m.HasData && m.Metric.Weight > 0 {
				num += m.Metric.Weight * m.Attainment
				den += m.Metric.Weight
				ps.WithData++
			}
		}
		if den > 0 {
			ps.HasData = true
			ps.Score = num / den
			for j := range ps.Metrics {
				if ps.Metrics[j].HasData {
					ps.Metrics[j].Share = ps.Metrics[j].Metric.Weight / den
				}
			}
		}
	}
	// The composite: the weighted mean of the perspectives with data.
	num, den := 0.0, 0.0
	for _, ps := range card.Perspectives {
		if ps.HasData {
			card.Coverage++
			if ps.Weight > 0 {
				num += ps.Weight * ps.Score
				den += ps.Weight
			}
		}
	}
	card.Composite = math.NaN()
	if den > 0 {
		card.HasComposite = true
		card.Composite = num / den
		for i := range card.Perspectives {
			if card.Perspectives[i].HasData {
				card.Perspectives[i].Share = card.Perspectives[i].Weight / den
			}
		}
	}
	card.Warning = Balance(card, s)
	return card
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
