package core

import (
	"context"
	"errors"
	"sort"

	"throughline/internal/model"
	"throughline/internal/score"
	"throughline/internal/store"
)

// LineOfSight builds one person's view from the organization's purpose, through the
// strategic objectives, down the goals their team contributes to, to their own goals
// and key results. The person, their managers, hr and admin may open it.
func (c *Core) LineOfSight(ctx context.Context, actor model.Actor, personID int64, year string) (model.LineOfSight, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.LineOfSight{}, err
	}
	var los model.LineOfSight
	err := c.read(ctx, func(tx *store.Tx) error {
		p, err := tx.FindPersonByID(ctx, personID)
		if err != nil {
			return notFound(err, "person")
		}
		if !canSeePrivate(actor, p) {
			if p.Active {
				return model.Forbidden()
			}
			return model.NotFound("person")
		}
		los.Person = p
		if pv, err := tx.CurrentPurpose(ctx); err == nil {
			los.Purpose = &pv
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		team, err := tx.FindAllPeople(ctx, model.PersonFilter{ManagerID: p.ID})
		if err != nil {
			return err
		}
		teamIDs := map[int64]bool{}
		owners := []int64{p.ID}
		for _, m := range team {
			teamIDs[m.ID] = true
			owners = append(owners, m.ID)
		}
		start, _, err := tx.FindGoals(ctx, model.GoalFilter{OwnerIDs: owners, Year: year, Page: model.Page{Limit: model.MaxLimit}}, "")
		if err != nil {
			return err
		}
		// Walk up from the person's and the team's goals to every ancestor goal and
		// objective.
		goals := map[int64]model.Goal{}
		for _, g := range start {
			goals[g.ID] = g
		}
		var links []model.GoalLink
		frontier := make([]int64, 0, len(start))
		for _, g := range start {
			frontier = append(frontier, g.ID)
		}
		seen := map[int64]bool{}
		for len(frontier) > 0 {
			for _, id := range frontier {
				seen[id] = true
			}
			ls, err := tx.ParentLinks(ctx, frontier)
			if err != nil {
				return err
			}
			links = append(links, ls...)
			var next []int64
			for _, l := range ls {
				if l.ParentGoalID != 0 && !seen[l.ParentGoalID] {
					next = append(next, l.ParentGoalID)
					seen[l.ParentGoalID] = true
				}
			}
			more, err := tx.FindGoalsByIDs(ctx, next)
			if err != nil {
				return err
			}
			for _, g := range more {
				goals[g.ID] = g
			}
			frontier = next
		}
		objectives, err := tx.FindObjectives(ctx, false)
		if err != nil {
			return err
		}
		children := map[int64][]model.GoalLink{}    // parent goal → links
		objChildren := map[int64][]model.GoalLink{} // objective → links
		for _, l := range links {
			if l.ParentGoalID != 0 {
				children[l.ParentGoalID] = append(children[l.ParentGoalID], l)
			} else {
				objChildren[l.ObjectiveID] = append(objChildren[l.ObjectiveID], l)
			}
		}
		var build func(id int64, weight float64, depth int) model.SightGoal
		build = func(id int64, weight float64, depth int) model.SightGoal {
			g := goals[id]
			sg := model.SightGoal{Goal: g, Mine: g.OwnerID == p.ID, Team: teamIDs[g.OwnerID], Weight: weight}
			if !canReadGoal(actor, g.Level, g.OwnerID, g.OwnerPath, false) {
				sg.Goal = model.Goal{ID: g.ID, Level: g.Level, Title: "A private individual goal", Progress: g.Progress, Status: g.Status}
			}
			if depth < 8 {
				for _, l := range children[id] {
					sg.Children = append(sg.Children, build(l.ChildID, l.Weight, depth+1))
				}
			}
			sort.Slice(sg.Children, func(i, j int) bool { return sg.Children[i].Goal.Title < sg.Children[j].Goal.Title })
			return sg
		}
		reaches := map[int64]bool{}
		var mark func(id int64)
		mark = func(id int64) {
			if reaches[id] {
				return
			}
			reaches[id] = true
			for _, l := range children[id] {
				mark(l.ChildID)
			}
		}
		for _, o := range objectives {
			ls := objChildren[o.ID]
			if len(ls) == 0 {
				continue
			}
			so := model.SightObjective{Objective: o}
			for _, l := range ls {
				mark(l.ChildID)
				so.Goals = append(so.Goals, build(l.ChildID, l.Weight, 0))
			}
			los.Objectives = append(los.Objectives, so)
		}
		for _, g := range start {
			if g.OwnerID == p.ID {
				los.Own++
			} else {
				los.Team++
			}
			if reaches[g.ID] {
				los.Linked++
			} else {
				los.Unlinked = append(los.Unlinked, build(g.ID, 1, 0))
			}
		}
		return nil
	})
	return los, err
}

// StrategyView is what executives look at to see where the strategy has no one working
// on it.
type StrategyView struct {
	Year        string
	Objectives  []model.Objective // with goal counts and progress
	Unstaffed   []model.Objective // objectives no goal serves
	Orphans     []DepartmentOrphans
	GoalCount   int
	OrphanCount int
}

// DepartmentOrphans are the goals of one department that reach no objective. Individual
// goals are counted but not listed: their titles belong to their owners' lines.
type DepartmentOrphans struct {
	Department string
	Goals      []store.GoalSummary
	Individual int
	Total      int // goals of the department in the year
}

// Strategy returns the unstaffed objectives and the orphan goals by department, for
// executives, hr and admin.
func (c *Core) Strategy(ctx context.Context, actor model.Actor, year string) (StrategyView, error) {
	if err := requireRole(actor, model.RoleExecutive, model.RoleHR, model.RoleAdmin); err != nil {
		return StrategyView{}, err
	}
	v := StrategyView{Year: year}
	err := c.read(ctx, func(tx *store.Tx) error {
		objectives, err := tx.FindObjectives(ctx, false)
		if err != nil {
			return err
		}
		all, err := tx.AllGoalSummaries(ctx, year)
		if err != nil {
			return err
		}
		links, err := tx.AllGoalLinks(ctx)
		if err != nil {
			return err
		}
		inYear := map[int64]bool{}
		goals := all
		for _, g := range all {
			inYear[g.ID] = true
		}
		parents := map[int64][]model.GoalLink{}
		direct := map[int64][]model.GoalChild{}
		progress := map[int64]float64{}
		for _, g := range all {
			progress[g.ID] = g.Progress
		}
		for _, l := range links {
			parents[l.ChildID] = append(parents[l.ChildID], l)
			if l.ObjectiveID != 0 && inYear[l.ChildID] {
				direct[l.ObjectiveID] = append(direct[l.ObjectiveID], model.GoalChild{ID: l.ChildID, Weight: l.Weight, Progress: progress[l.ChildID]})
			}
		}
		reaches := goalReach(parents)
		for _, o := range objectives {
			o.GoalCount = len(direct[o.ID])
			o.Progress, _ = score.ObjectiveProgress(direct[o.ID])
			v.Objectives = append(v.Objectives, o)
			if o.GoalCount == 0 && o.Status == model.ObjectiveActive {
				v.Unstaffed = append(v.Unstaffed, o)
			}
		}
		byDept := map[string]*DepartmentOrphans{}
		for _, g := range goals {
			v.GoalCount++
			d := byDept[g.Department]
			if d == nil {
				name := g.Department
				if name == "" {
					name = "No department"
				}
				d = &DepartmentOrphans{Department: name}
				byDept[g.Department] = d
			}
			d.Total++
			if reaches(g.ID) {
				continue
			}
			v.OrphanCount++
			if g.Level == model.LevelIndividual {
				d.Individual++
			} else {
				d.Goals = append(d.Goals, g)
			}
		}
		for _, d := range byDept {
			v.Orphans = append(v.Orphans, *d)
		}
		sort.Slice(v.Orphans, func(i, j int) bool {
			a, b := v.Orphans[i], v.Orphans[j]
			if na, nb := len(a.Goals)+a.Individual, len(b.Goals)+b.Individual; na != nb {
				return na > nb
			}
			return a.Department < b.Department
		})
		return nil
	})
	return v, err
}

// goalReach returns a function that reports whether a goal reaches a strategic
// objective: it links to one, or to a goal that does. parents holds each goal's links
// up; cycles, which the goal rules forbid, end the search rather than loop.
func goalReach(parents map[int64][]model.GoalLink) func(id int64) bool {
	memo := map[int64]int{} // 0 unknown, 1 yes, 2 no, 3 visiting
	var reaches func(id int64) bool
	reaches = func(id int64) bool {
		switch memo[id] {
		case 1:
			return true
		case 2, 3:
			return false
		}
		memo[id] = 3
		ok := false
		for _, l := range parents[id] {
			if l.ObjectiveID != 0 || reaches(l.ParentGoalID) {
				ok = true
				break
			}
		}
		memo[id] = 2
		if ok {
			memo[id] = 1
		}
		return ok
	}
	return reaches
}
