package score

import (
	"testing"

	"throughline/internal/model"
)

func TestKeyResultProgress(t *testing.T) {
	for _, tc := range []struct {
		name string
		k    model.KeyResult
		want float64
	}{
		{"halfway up", model.KeyResult{Kind: model.KRMeasured, Start: 0, Target: 200, Current: 100}, 0.5},
		{"reduction", model.KeyResult{Kind: model.KRMeasured, Start: 40, Target: 20, Current: 35}, 0.25},
		{"past the target", model.KeyResult{Kind: model.KRMeasured, Start: 0, Target: 10, Current: 14}, 1},
		{"went backwards", model.KeyResult{Kind: model.KRMeasured, Start: 50, Target: 80, Current: 45}, 0},
		{"milestone done", model.KeyResult{Kind: model.KRMilestone, Done: true}, 1},
		{"milestone open", model.KeyResult{Kind: model.KRMilestone}, 0},
	} {
		if got := KeyResultProgress(tc.k); !near(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestGoalProgress(t *testing.T) {
	krs := []model.KeyResult{
		{Kind: model.KRMeasured, Start: 0, Target: 100, Current: 60, Weight: 1}, // 0.6
		{Kind: model.KRMilestone, Done: true, Weight: 2},                        // 1.0, counts twice
	}
	children := []model.GoalChild{{Progress: 0.3, Weight: 1}, {Progress: 0.9, Weight: 3}}
	// (0.6 + 2·1 + 0.3 + 3·0.9) / (1 + 2 + 1 + 3) = 5.6 / 7 = 0.8
	got, ok := GoalProgress(krs, children)
	if !ok || !near(got, 0.8) {
		t.Errorf("mixed: %v %v, want 0.8", got, ok)
	}
	if got, ok := GoalProgress(nil, nil); ok || got != 0 {
		t.Errorf("empty goal: %v %v, want no progress", got, ok)
	}
	// Only children: their weighted mean.
	if got, _ := GoalProgress(nil, []model.GoalChild{{Progress: 1, Weight: 1}, {Progress: 0, Weight: 3}}); !near(got, 0.25) {
		t.Errorf("children only: %v, want 0.25", got)
	}
}

func TestValuesAlignment(t *testing.T) {
	for _, tc := range []struct {
		chosen, org []int
		want        float64
		ok          bool
	}{
		{[]int{1, 2, 3, 4, 5}, []int{1, 2, 3, 4, 5}, 1, true},
		{[]int{1, 2, 3, 4, 5}, nil, 0, true},
		{[]int{1, 2, 3, 4, 5}, []int{1}, 5.0 / 15, true},
		{[]int{1, 2, 3, 4, 5}, []int{5}, 1.0 / 15, true},
		{[]int{1, 2}, []int{2}, 4.0 / 9, true},
		{nil, nil, 0, false},
	} {
		got, ok := ValuesAlignment(tc.chosen, tc.org)
		if ok != tc.ok || !near(got, tc.want) {
			t.Errorf("ValuesAlignment(%v, %v) = %v %v, want %v %v", tc.chosen, tc.org, got, ok, tc.want, tc.ok)
		}
	}
}
