package score

import (
	"testing"

	"throughline/internal/model"
)

func TestPurposeLeadershipIndex(t *testing.T) {
	s := model.DefaultScoreSettings()
	full := model.IndexInputs{
		HasStatement: true, TeamGoals: 4, LinkedGoals: 3, // sight = mean(100, 75) = 87.5
		InProgram: true, ProgramProgress: 0.6, HasCompetency: true, CompetencyBefore: 3.0, CompetencyAfter: 3.4, // dev = mean(60, 70) = 65
		Perspectives: []model.PerspectiveScore{
			{Perspective: model.PerspectiveFinancial, HasData: true, Score: 1.1},
			{Perspective: model.PerspectivePeople, HasData: true, Score: 0.5},
			{Perspective: model.PerspectiveImpact, HasData: true, Score: 1.2}, // limited to 100
			{Perspective: model.PerspectiveEthics, HasData: false},
		},
		DepartmentsReached: 2, OtherDepartments: 6, Contributions: 3, // collab = 60×0.5 + 40×0.5 = 50
		HasEngagement: true, Engagement: 72, Respondents: 8,
	}
	x := PurposeLeadershipIndex(full, nil, s)
	// purpose results: weights people 20, impact 15 → (20·0.5 + 15·1.0)/35 = 0.714285…
	want := map[model.IndexComponent]float64{
		model.ComponentLineOfSight: 87.5, model.ComponentDevelopment: 65,
		model.ComponentPurposeResults: 100 * 25.0 / 35.0, model.ComponentCollaboration: 50, model.ComponentEngagement: 72,
	}
	total := 0.0
	for c, w := range want {
		got := x.Component(c)
		if !got.Has || !near(got.Value, w) {
			t.Errorf("%s = %v (has %v), want %v", c, got.Value, got.Has, w)
		}
		total += w
	}
	if !x.Has || x.Coverage != 5 || !near(x.Value, total/5) {
		t.Errorf("index %v coverage %d, want %v over 5", x.Value, x.Coverage, total/5)
	}

	// Missing components are re-weighted, never counted as zero.
	thin := model.IndexInputs{HasStatement: false, DepartmentsReached: 0, OtherDepartments: 3}
	x = PurposeLeadershipIndex(thin, nil, s)
	if x.Component(model.ComponentEngagement).Has || x.Component(model.ComponentDevelopment).Has || x.Component(model.ComponentPurposeResults).Has {
		t.Error("components without inputs are marked as present")
	}
	if x.Coverage != 2 || !near(x.Value, 0) {
		t.Errorf("thin index %v over %d components", x.Value, x.Coverage)
	}
	// Weights: engagement counts double.
	w := model.DefaultIndexWeights()
	w[model.ComponentEngagement] = 2
	x = PurposeLeadershipIndex(full, w, s)
	if !near(x.Value, (total+72)/6) || !near(x.Component(model.ComponentEngagement).Share, 2.0/6) {
		t.Errorf("weighted index %v, engagement share %v", x.Value, x.Component(model.ComponentEngagement).Share)
	}
	// Competency decline is bounded at 0.
	decline := model.IndexInputs{HasCompetency: true, CompetencyBefore: 4.5, CompetencyAfter: 2.5}
	if v := PurposeLeadershipIndex(decline, nil, s).Component(model.ComponentDevelopment); !near(v.Value, 0) {
		t.Errorf("development after a two-point decline = %v, want 0", v.Value)
	}
}
