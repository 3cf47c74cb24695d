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
	ids, err := c.EmployeeIndex(ctx, sys) // employee id → person id
	if err != nil {
		return err
	}
	year := g.now.Year()
	half := fmt.Sprintf("%d-H%d", year, (int(g.now.Month())-1)/6+1)
	quarter := model.CurrentQuarter(g.now)
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
	depts, err := c.Departments(ctx, sys)
	if err != nil {
		return err
	}
	deptID := map[string]int64{}
	for _, d := range depts {
		deptID[d.Name] = d.ID
	}
	var seeds []core.GoalSeed
	measured := func(kr krText, progress float64) []model.KeyResultInput {
		if kr.Title == "" {
			return nil
		}
		cur := math.Round((kr.Start+(kr.Target-kr.Start)*progress)*10) / 10
		return []model.KeyResultInput{{Title: kr.Title, Kind: model.KRMeasured, Start: kr.Start, Target: kr.Target, Current: cur, Unit: kr.Unit}}
	}
	// Department goals: the head of each department owns the goals of the objectives
	// that name it.
	deptGoal := map[string][]int{} // department → seed indexes
	for _, head := range root.reports {
		for _, o := range st.Objectives {
			if !contains(o.Departments, head.dept) || o.Goal == "" {
				continue
			}
			title, kr := o.Goal+" ("+head.dept+")", o.KR
			if dg, ok := o.DeptGoals[head.dept]; ok {
				title, kr = dg.Title, dg.KR
			}
			deptGoal[head.dept] = append(deptGoal[head.dept], len(seeds))
			seeds = append(seeds, core.GoalSeed{Goal: model.GoalInput{Level: model.LevelDepartment, Title: title, OwnerID: ids[head.emp],
				Period: strconv.Itoa(year), Parents: []model.ParentRef{{ObjectiveID: objID[o.Title], Weight: 1}}},
				DepartmentID: deptID[head.dept], KeyResults: measured(kr, 0.35+g.rng.Float64()*0.35)})
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
			seed := core.GoalSeed{Goal: model.GoalInput{Level: model.LevelTeam, Title: gt.Title, OwnerID: ids[m.emp], Period: half}, DepartmentID: deptID[m.dept]}
			if dg := deptGoal[m.dept]; len(dg) > 0 && g.rng.Float64() > 0.12 {
				seed.ParentSeeds = []int{dg[(mi+k)%len(dg)]}
				seed.ParentWeight = float64(1 + g.rng.IntN(2))
			}
			// Some goals struggle: a lagging manager, or bad luck.
			progress := 0.25 + g.rng.Float64()*0.6
			if g.rng.Float64() < 0.22 {
				progress = 0.05 + g.rng.Float64()*0.25
				seed.Goal.Status = model.StatusAtRisk
				if g.rng.Float64() < 0.35 {
					seed.Goal.Status = model.StatusOffTrack
				}
				seed.Update = &model.GoalUpdateInput{Status: seed.Goal.Status, Comment: "Behind plan: two people were out and a dependency slipped. Re-planning the next six weeks with the team."}
			}
			seed.KeyResults = measured(gt.KR, progress)
			if g.rng.Float64() < 0.6 {
				seed.KeyResults = append(seed.KeyResults, model.KeyResultInput{Title: "Share what we learn with the department", Kind: model.KRMilestone, Done: g.rng.Float64() < progress})
			}
			team := len(seeds)
			seeds = append(seeds, seed)
			if k == 0 {
				for ri, r := range m.reports {
					if g.rng.Float64() > 0.4 {
						continue
					}
					seeds = append(seeds, core.GoalSeed{Goal: model.GoalInput{Level: model.LevelIndividual, Title: individualGoals[(ri+mi)%len(individualGoals)],
						OwnerID: ids[r.emp], Period: quarter}, DepartmentID: deptID[r.dept], ParentSeeds: []int{team},
						KeyResults: []model.KeyResultInput{{Title: "Done and shown to the team", Kind: model.KRMilestone, Done: g.rng.Float64() < 0.45}}})
				}
			}
		}
	}
	if err := c.SeedGoals(ctx, sys, seeds); err != nil {
		return err
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
		// Statements were written over the last year and a half, so line of sight
		// grows quarter by quarter as it would after the product arrived.
		written := g.now.AddDate(0, 0, -g.rng.IntN(540))
		if m.email == res.Manager.Login {
			written = g.now.AddDate(0, 0, -20)
		}
		err := at(c, written, func() error {
			return c.SeedPersonalPurpose(ctx, sys, ids[m.emp], model.PersonalPurposeInput{Statement: personalStatements[i%len(personalStatements)],
				ShareManager: g.rng.Float64() < 0.5, Values: choices})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
