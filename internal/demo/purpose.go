package demo

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"throughline/internal/core"
	"throughline/internal/model"
)

// purpose writes the scenario's purpose, values and objectives, a goal cascade for every
// manager (some goals at risk, some not linked to anything, one objective left without
// goals on purpose) and personal purpose statements for about 70% of middle managers.
func (g *gen) purpose(ctx context.Context, c *core.Core, root *person, res *Result) error {
	st, ok := strategies[g.sc.Key]
	if !ok {
		return fmt.Errorf("demo: no strategy written for scenario %q", g.sc.Key)
	}
	sys := model.System
	if _, err := c.SetPurpose(ctx, sys, model.PurposeInput{Statement: st.Purpose, Explanation: st.Explanation}); err != nil {
		return err
	}
	var valueIDs []int64
	for i, v := range st.Values {
		id, err := c.CreateValue(ctx, sys, model.ValueInput{Name: v.Name, Description: v.Description, Behaviours: v.Behaviours, Position: i + 1})
		if err != nil {
			return err
		}
		valueIDs = append(valueIDs, id)
	}
	ids := map[string]int64{} // employee id → person id
	for _, p := range g.flatten(root) {
		ids[p.emp] = 0
	}
	people, err := c.Directory(ctx, sys, model.PersonFilter{Page: model.Page{Limit: model.MaxLimit}})
	if err != nil {
		return err
	}
	for offset := 0; ; offset += model.MaxLimit {
		for _, p := range people.Items {
			ids[p.EmployeeID] = p.ID
		}
		if !people.HasNext() {
			break
		}
		if people, err = c.Directory(ctx, sys, model.PersonFilter{Page: model.Page{Limit: model.MaxLimit, Offset: offset + model.MaxLimit}}); err != nil {
			return err
		}
	}
	year := g.now.Year()
	half := fmt.Sprintf("%d-H%d", year, (int(g.now.Month())-1)/6+1)
	quarter := model.CurrentQuarter(g.now)
	deptGoal := map[string][]int64{}
	for i, o := range st.Objectives {
		if _, err := c.CreateObjective(ctx, sys, model.ObjectiveInput{Title: o.Title, Why: o.Why, Horizon: o.Horizon, OwnerID: ids[root.emp], Position: i + 1}); err != nil {
			return err
		}
	}
	objectives, err := c.Objectives(ctx, sys)
	if err != nil {
		return err
	}
	objID := map[string]int64{}
	for _, o := range objectives {
		objID[o.Title] = o.ID
	}
	// Department goals: the head of each department owns the goals of the objectives
	// that name it.
	for _, head := range root.reports {
		for _, o := range st.Objectives {
			if !contains(o.Departments, head.dept) || o.Goal == "" {
				continue
			}
			title, kr := o.Goal+" ("+head.dept+")", o.KR
			if dg, ok := o.DeptGoals[head.dept]; ok {
				title, kr = dg.Title, dg.KR
			}
			id, err := c.CreateGoal(ctx, sys, model.GoalInput{Level: model.LevelDepartment, Title: title, OwnerID: ids[head.emp],
				Period: strconv.Itoa(year), Parents: []model.ParentRef{{ObjectiveID: objID[o.Title], Weight: 1}}})
			if err != nil {
				return err
			}
			deptGoal[head.dept] = append(deptGoal[head.dept], id)
			if err := g.keyResult(ctx, c, id, kr, 0.35+g.rng.Float64()*0.35); err != nil {
				return err
			}
		}
	}
	// Team goals for every middle manager, aligned to their department's goals (about
	// one in eight left unaligned), and individual goals for some of their reports.
	var managers []*person
	var walk func(p *person)
	walk = func(p *person) {
		if p.role == model.RoleManager && len(p.reports) > 0 && p.reports[0].role == model.RoleEmployee {
			managers = append(managers, p)
		}
		for _, r := range p.reports {
			walk(r)
		}
	}
	walk(root)
	for mi, m := range managers {
		choices := st.TeamGoals[m.dept]
		if len(choices) == 0 {
			choices = genericTeamGoals
		}
		n := 1 + g.rng.IntN(2)
		for k := 0; k < n; k++ {
			gt := choices[(mi+k)%len(choices)]
			in := model.GoalInput{Level: model.LevelTeam, Title: gt.Title, OwnerID: ids[m.emp], Period: half}
			if dg := deptGoal[m.dept]; len(dg) > 0 && g.rng.Float64() > 0.12 {
				in.Parents = []model.ParentRef{{GoalID: dg[(mi+k)%len(dg)], Weight: float64(1 + g.rng.IntN(2))}}
			}
			// Some goals struggle: a lagging manager, or bad luck.
			progress := 0.25 + g.rng.Float64()*0.6
			if g.rng.Float64() < 0.22 {
				progress = 0.05 + g.rng.Float64()*0.25
				in.Status = model.StatusAtRisk
				if g.rng.Float64() < 0.35 {
					in.Status = model.StatusOffTrack
				}
			}
			id, err := c.CreateGoal(ctx, sys, in)
			if err != nil {
				return err
			}
			if err := g.keyResult(ctx, c, id, gt.KR, progress); err != nil {
				return err
			}
			if g.rng.Float64() < 0.6 {
				if _, err := c.AddKeyResult(ctx, sys, id, model.KeyResultInput{Title: "Share what we learn with the department", Kind: model.KRMilestone, Done: g.rng.Float64() < progress}); err != nil {
					return err
				}
			}
			if in.Status != "" && in.Status != model.StatusOnTrack {
				if err := c.AddGoalUpdate(ctx, sys, id, model.GoalUpdateInput{Status: in.Status, Comment: "Behind plan: two people were out and a dependency slipped. Re-planning the next six weeks with the team."}); err != nil {
					return err
				}
			}
			if k == 0 {
				for ri, r := range m.reports {
					if g.rng.Float64() > 0.4 {
						continue
					}
					iid, err := c.CreateGoal(ctx, sys, model.GoalInput{Level: model.LevelIndividual, Title: individualGoals[(ri+mi)%len(individualGoals)],
						OwnerID: ids[r.emp], Period: quarter, Parents: []model.ParentRef{{GoalID: id, Weight: 1}}})
					if err != nil {
						return err
					}
					if _, err := c.AddKeyResult(ctx, sys, iid, model.KeyResultInput{Title: "Done and shown to the team", Kind: model.KRMilestone, Done: g.rng.Float64() < 0.45}); err != nil {
						return err
					}
				}
			}
		}
	}
	// Personal purpose for about 70% of middle managers, and for the demo manager.
	for i, m := range managers {
		if g.rng.Float64() > 0.7 && m.email != res.Manager.Login {
			continue
		}
		var choices []model.ValueChoice
		perm := g.rng.Perm(len(valueIDs))
		nOrg := 1 + g.rng.IntN(4)
		for _, j := range perm[:min(nOrg, len(perm))] {
			choices = append(choices, model.ValueChoice{ValueID: valueIDs[j]})
		}
		for len(choices) < 5 {
			choices = append(choices, model.ValueChoice{OwnWords: ownWordsValues[(i+len(choices))%len(ownWordsValues)]})
		}
		g.rng.Shuffle(len(choices), func(a, b int) { choices[a], choices[b] = choices[b], choices[a] })
		if err := c.SeedPersonalPurpose(ctx, sys, ids[m.emp], model.PersonalPurposeInput{Statement: personalStatements[i%len(personalStatements)],
			ShareManager: g.rng.Float64() < 0.5, Values: choices}); err != nil {
			return err
		}
	}
	return nil
}

// keyResult adds a measured key result with its current value set progress of the way.
func (g *gen) keyResult(ctx context.Context, c *core.Core, goalID int64, kr krText, progress float64) error {
	if kr.Title == "" {
		return nil
	}
	cur := kr.Start + (kr.Target-kr.Start)*progress
	cur = math.Round(cur*10) / 10
	_, err := c.AddKeyResult(ctx, model.System, goalID, model.KeyResultInput{Title: kr.Title, Kind: model.KRMeasured, Start: kr.Start, Target: kr.Target, Current: cur, Unit: kr.Unit})
	return err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
