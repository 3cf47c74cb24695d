package model

import (
	"fmt"
	"math"
	"strings"
)

// ScoreSettings are the organization's scorecard settings: how much each perspective
// weighs in the composite, and the thresholds of the balance warning.
type ScoreSettings struct {
	Weights       map[Perspective]float64 // relative weights; they need not add up to 100
	FinancialHigh float64                 // financial attainment at or above this is "strong" (0.90)
	PurposeLow    float64                 // a purpose perspective below this is "weak" (0.60)
}

// DefaultPerspectiveWeights are the weights an organization starts with. Financial
// results weigh a quarter; the five other perspectives together weigh three quarters,
// because the product exists to put purpose outcomes beside the money:
//
//	financial 25, customer 15, people and engagement 20, social and environmental
//	impact 15, innovation 10, ethics and integrity 15 (total 100).
var DefaultPerspectiveWeights = map[Perspective]float64{
	PerspectiveFinancial:  25,
	PerspectiveCustomer:   15,
	PerspectivePeople:     20,
	PerspectiveImpact:     15,
	PerspectiveInnovation: 10,
	PerspectiveEthics:     15,
}

// Default balance-warning thresholds.
const (
	DefaultFinancialHigh = 0.90
	DefaultPurposeLow    = 0.60
)

// DefaultScoreSettings returns the defaults.
func DefaultScoreSettings() ScoreSettings {
	w := make(map[Perspective]float64, len(DefaultPerspectiveWeights))
	for k, v := range DefaultPerspectiveWeights {
		w[k] = v
	}
	return ScoreSettings{Weights: w, FinancialHigh: DefaultFinancialHigh, PurposeLow: DefaultPurposeLow}
}

// Weight returns a perspective's weight.
func (s ScoreSettings) Weight(p Perspective) float64 {
	if w, ok := s.Weights[p]; ok {
		return w
	}
	return DefaultPerspectiveWeights[p]
}

// WeightShare returns a perspective's share of the total weight, 0..1.
func (s ScoreSettings) WeightShare(p Perspective) float64 {
	total := 0.0
	for _, x := range Perspectives {
		total += s.Weight(x)
	}
	if total == 0 {
		return 0
	}
	return s.Weight(p) / total
}

// Validate checks settings entered by hr or admin. Thresholds are fractions (0.9 is 90%).
func (s *ScoreSettings) Validate() error {
	var v Validator
	total := 0.0
	for _, p := range Perspectives {
		w := s.Weight(p)
		if math.IsNaN(w) || w < 0 || w > 100 {
			v.Add("weight_"+string(p), "Enter a weight from 0 to 100.")
			continue
		}
		total += w
	}
	if v.Valid() && total <= 0 {
		v.Add("weight_"+string(PerspectiveFinancial), "At least one perspective needs a weight above 0.")
	}
	v.Check(!math.IsNaN(s.FinancialHigh) && s.FinancialHigh > 0 && s.FinancialHigh <= 1.2, "financial_high", "Enter a percentage above 0 and at most 120.")
	v.Check(!math.IsNaN(s.PurposeLow) && s.PurposeLow > 0 && s.PurposeLow <= 1.2, "purpose_low", "Enter a percentage above 0 and at most 120.")
	return v.Err()
}

// MetricScore is one metric on a scorecard: its combined value for the period, where the
// value came from, and the attainment it earns.
type MetricScore struct {
	Metric     Metric
	HasData    bool
	Value      float64     // the period's value, after combining months
	Parts      int         // months (or quarters) with a value
	Expected   int         // months (or quarters) in the period
	From       SubjectType // team, or department when the team has no value of its own
	FromName   string      // the team's manager or the department
	Attainment float64     // 0 to 1.2
	Capped     bool        // the raw attainment was above 120% or below 0% and was limited
	Raw        float64     // the attainment before limiting
	Share      float64     // the metric's share of its perspective, among metrics with data
}

// Partial reports whether some months of the period have no value yet.
func (m MetricScore) Partial() bool { return m.HasData && m.Parts < m.Expected }

// PerspectiveScore is one perspective of a scorecard.
type PerspectiveScore struct {
	Perspective Perspective
	Weight      float64 // the organization's weight
	Share       float64 // its share of the composite, among perspectives with data
	HasData     bool
	Score       float64
	Metrics     []MetricScore
	WithData    int
}

// BalanceWarning says that strong financial results came with weak purpose outcomes.
type BalanceWarning struct {
	Financial     float64
	Weak          []PerspectiveScore
	FinancialHigh float64
	PurposeLow    float64
}

// Message is the warning in one sentence.
func (w BalanceWarning) Message() string {
	names := make([]string, len(w.Weak))
	for i, p := range w.Weak {
		names[i] = fmt.Sprintf("%s at %s", strings.ToLower(p.Perspective.Label()), Percent(p.Score))
	}
	return fmt.Sprintf("Financial results are strong (%s) while %s %s below %s. Results without purpose do not last.",
		Percent(w.Financial), joinAnd(names), plural(len(names), "is", "are"), Percent(w.PurposeLow))
}

func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// Percent prints a fraction as a whole percentage: 0.874 is "87%".
func Percent(f float64) string {
	if math.IsNaN(f) {
		return "no data"
	}
	return fmt.Sprintf("%.0f%%", math.Round(f*100))
}

// Scorecard is a manager's balanced scorecard for one period.
type Scorecard struct {
	Person       Person
	Period       string
	Perspectives []PerspectiveScore // always all six, in order
	HasComposite bool
	Composite    float64
	Coverage     int // perspectives with data
	Metrics      int // metrics on the scorecard
	WithData     int // metrics with a value
	Warning      *BalanceWarning
}

// Perspective returns one perspective of the scorecard.
func (s Scorecard) Perspective(p Perspective) PerspectiveScore {
	for _, x := range s.Perspectives {
		if x.Perspective == p {
			return x
		}
	}
	return PerspectiveScore{Perspective: p}
}

// Find returns the metric with this id, and whether it is on the scorecard.
func (s Scorecard) Find(metricID int64) (MetricScore, bool) {
	for _, p := range s.Perspectives {
		for _, m := range p.Metrics {
			if m.Metric.ID == metricID {
				return m, true
			}
		}
	}
	return MetricScore{}, false
}

// ScorecardTrend is a scorecard's composite and perspectives over several periods,
// oldest first. Missing values are NaN: "no data", never zero.
type ScorecardTrend struct {
	Periods       []string
	Composite     []float64
	ByPerspective map[Perspective][]float64
}
