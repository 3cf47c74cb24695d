package score

import (
	"math"

	"throughline/internal/model"
)

// KeyResultProgress is a key result's progress, 0 to 1.
//
// A milestone counts 1 when done and 0 otherwise. A measured key result counts the
// share of the way from its start value to its target:
//
//	progress = clamp((current − start) / (target − start), 0, 1)
//
// which works for targets below the start (a reduction) as well as above it.
func KeyResultProgress(k model.KeyResult) float64 {
	if k.Kind == model.KRMilestone {
		if k.Done {
			return 1
		}
		return 0
	}
	span := k.Target - k.Start
	if span == 0 {
		if k.Current == k.Target {
			return 1
		}
		return 0
	}
	return clamp01((k.Current - k.Start) / span)
}

// GoalProgress rolls a goal's progress up from its key results and its child goals:
// the weighted mean of every key result's progress (weighted by the key result's
// weight) and every child's progress (weighted by the weight of the child's link to
// this goal). A child aligned to several parents counts in each, with each link's
// weight. A goal with neither has no measured progress: ok is false and the progress 0.
//
//	progress = Σ wᵢ·pᵢ / Σ wᵢ   over key results and child goals
func GoalProgress(krs []model.KeyResult, children []model.GoalChild) (progress float64, ok bool) {
	var sum, weights float64
	for _, k := range krs {
		w := k.Weight
		if w <= 0 {
			w = 1
		}
		sum += w * KeyResultProgress(k)
		weights += w
	}
	for _, c := range children {
		w := c.Weight
		if w <= 0 {
			w = 1
		}
		sum += w * clamp01(c.Progress)
		weights += w
	}
	if weights == 0 {
		return 0, false
	}
	return sum / weights, true
}

// ObjectiveProgress is the weighted mean of the progress of the goals linked directly
// to an objective, by link weight.
func ObjectiveProgress(children []model.GoalChild) (float64, bool) {
	return GoalProgress(nil, children)
}

// rankWeight is the weight of a value chosen at rank r (1..5): 5 for the first, 1 for
// the fifth.
func rankWeight(r int) float64 { return float64(6 - r) }

// ValuesAlignment measures how a person's top values overlap with the organization's:
// the rank-weighted share of their chosen values that are organization values.
//
//	alignment = Σ_{r ∈ organization values} (6 − r) / Σ_{r ∈ chosen} (6 − r)
//
// Choosing the organization's values in first place counts most. A person who chose
// nothing has no alignment (ok is false).
func ValuesAlignment(chosen, orgRanks []int) (float64, bool) {
	var num, den float64
	for _, r := range chosen {
		if r >= 1 && r <= 5 {
			den += rankWeight(r)
		}
	}
	for _, r := range orgRanks {
		if r >= 1 && r <= 5 {
			num += rankWeight(r)
		}
	}
	if den == 0 {
		return 0, false
	}
	return num / den, true
}

func clamp01(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return math.Max(0, math.Min(1, v))
}
