package score

import (
	"fmt"
	"math"

	"throughline/internal/model"
)

// The Purpose Leadership Index (0–100) of a middle manager for a period is a weighted
// mean of five named components, each 0–100:
//
//	line of sight    mean of: 100 if they wrote a personal purpose statement (else 0);
//	                 100 × the share of their own and their direct reports' goals that
//	                 reach a strategic objective (left out when the team has no goals)
//	development      mean of: 100 × their mean progress in the programs they take part
//	                 in; 50 + 50 × (others' mean competency rating now − in the earlier
//	                 assessment), limited to 0–100 (a full point of growth on the 1–5
//	                 scale earns 100, no change 50); missing when they are in no program
//	                 and have not been rated twice
//	purpose results  the non-financial perspectives of their scorecard (customer, people
//	                 and engagement, social and environmental impact, innovation, ethics
//	                 and integrity), weighted by the organization's perspective weights,
//	                 100 × attainment limited to 100; missing when none has data
//	collaboration    60% reach + 40% contributions: reach is 100 × departments reached
//	                 in twelve months ÷ the lesser of 4 and the number of other
//	                 departments, at most 100; contributions is 100 × activities ÷ 6, at
//	                 most 100
//	team engagement  the team's engagement score from the period's pulse, only when its
//	                 responses meet the anonymity threshold; missing otherwise
//
//	index = Σ w_c · v_c / Σ w_c   over the components with data
//
// A missing component is shown as missing and the others are re-weighted; it is never
// counted as zero.
func PurposeLeadershipIndex(in model.IndexInputs, weights model.IndexWeights, s model.ScoreSettings) model.Index {
	if weights == nil {
		weights = model.DefaultIndexWeights()
	}
	x := model.Index{Inputs: in}
	for _, c := range model.IndexComponents {
		v := component(c, in, s)
		v.Weight = weights[c]
		x.Components = append(x.Components, v)
	}
	var sum, w float64
	for _, v := range x.Components {
		if v.Has && v.Weight > 0 {
			sum += v.Weight * v.Value
			w += v.Weight
			x.Coverage++
		}
	}
	if w > 0 {
		x.Has, x.Value = true, sum/w
		for i := range x.Components {
			if x.Components[i].Has && x.Components[i].Weight > 0 {
				x.Components[i].Share = x.Components[i].Weight / w
			}
		}
	}
	return x
}

func pct(v float64) string { return fmt.Sprintf("%.0f%%", 100*v) }

func component(c model.IndexComponent, in model.IndexInputs, s model.ScoreSettings) model.ComponentValue {
	v := model.ComponentValue{Component: c}
	switch c {
	case model.ComponentLineOfSight:
		statement := 0.0
		if in.HasStatement {
			statement = 100
		}
		parts := []float64{statement}
		v.Inputs = append(v.Inputs, model.IndexInput{Label: "Personal purpose statement", Value: map[bool]string{true: "written", false: "not written"}[in.HasStatement]})
		if in.TeamGoals > 0 {
			parts = append(parts, 100*float64(in.LinkedGoals)/float64(in.TeamGoals))
			v.Inputs = append(v.Inputs, model.IndexInput{Label: "Team goals that reach an objective", Value: fmt.Sprintf("%d of %d", in.LinkedGoals, in.TeamGoals)})
		} else {
			v.Inputs = append(v.Inputs, model.IndexInput{Label: "Team goals", Value: "none this year (left out)"})
		}
		v.Has, v.Value = true, mean(parts)
		v.Formula = "mean of: 100 if a personal purpose statement is written; 100 × the share of the team's goals that reach an objective"
	case model.ComponentDevelopment:
		var parts []float64
		if in.InProgram {
			parts = append(parts, 100*clamp01(in.ProgramProgress))
			v.Inputs = append(v.Inputs, model.IndexInput{Label: "Program progress", Value: pct(clamp01(in.ProgramProgress))})
		} else {
			v.Inputs = append(v.Inputs, model.IndexInput{Label: "Programs", Value: "none (left out)"})
		}
		if in.HasCompetency {
			growth := in.CompetencyAfter - in.CompetencyBefore
			parts = append(parts, math.Max(0, math.Min(100, 50+50*growth)))
			v.Inputs = append(v.Inputs, model.IndexInput{Label: "Others' competency ratings", Value: fmt.Sprintf("%.2f → %.2f (%+.2f)", in.CompetencyBefore, in.CompetencyAfter, growth)})
		} else {
			v.Inputs = append(v.Inputs, model.IndexInput{Label: "Competency growth", Value: "not rated twice yet (left out)"})
		}
		if len(parts) > 0 {
			v.Has, v.Value = true, mean(parts)
		}
		v.Formula = "mean of: 100 × program progress; 50 + 50 × growth in others' competency ratings (1–5), limited to 0–100"
	case model.ComponentPurposeResults:
		v.Value, v.Has = PurposeResults(in.Perspectives, s)
		if v.Has {
			v.Value *= 100
		}
		for _, p := range in.Perspectives {
			if p.Perspective == model.PerspectiveFinancial || s.Weights[p.Perspective] <= 0 {
				continue
			}
			val := "no data"
			if p.HasData {
				val = pct(p.Score)
			}
			v.Inputs = append(v.Inputs, model.IndexInput{Label: p.Perspective.Label(), Value: val})
		}
		v.Formula = "the non-financial perspectives of the scorecard, weighted by the organization's perspective weights, 100 × attainment limited to 100"
	case model.ComponentCollaboration:
		target := min(4, in.OtherDepartments)
		reach := 0.0
		if target > 0 {
			reach = math.Min(1, float64(in.DepartmentsReached)/float64(target))
		}
		contrib := math.Min(1, float64(in.Contributions)/6)
		v.Has, v.Value = true, 100*(0.6*reach+0.4*contrib)
		v.Inputs = []model.IndexInput{
			{Label: "Other departments reached in 12 months", Value: fmt.Sprintf("%d (full marks at %d)", in.DepartmentsReached, target)},
			{Label: "Contributions in 12 months", Value: fmt.Sprintf("%d (full marks at 6)", in.Contributions)},
		}
		v.Formula = "60% × reach (departments reached ÷ the lesser of 4 and the other departments) + 40% × contributions ÷ 6, each at most 100%"
	case model.ComponentEngagement:
		if in.HasEngagement {
			v.Has, v.Value = true, math.Max(0, math.Min(100, in.Engagement))
			v.Inputs = []model.IndexInput{{Label: "Team engagement score", Value: fmt.Sprintf("%.0f", in.Engagement)}, {Label: "Responses", Value: fmt.Sprint(in.Respondents)}}
		} else {
			why := "no pulse in the period (left out)"
			if in.EngagementHidden {
				why = "too few answers to show (left out)"
			}
			v.Inputs = []model.IndexInput{{Label: "Team engagement", Value: why}}
		}
		v.Formula = "the team's engagement score from the period's pulse, only above the anonymity threshold"
	}
	return v
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// PurposeResults is the weighted mean attainment (0–1) of the scorecard's non-financial
// perspectives with data, each limited to 1, weighted by the organization's perspective
// weights; false when none has data.
func PurposeResults(ps []model.PerspectiveScore, s model.ScoreSettings) (float64, bool) {
	var sum, w float64
	for _, p := range ps {
		if p.Perspective == model.PerspectiveFinancial || !p.HasData {
			continue
		}
		pw := s.Weights[p.Perspective]
		if pw <= 0 {
			continue
		}
		sum += pw * math.Min(1, p.Score)
		w += pw
	}
	if w == 0 {
		return 0, false
	}
	return sum / w, true
}
