package core

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"

	"throughline/internal/model"
	"throughline/internal/score"
	"throughline/internal/store"
)

// The goal rules, in one place:
//   - department and team goals are read by everyone signed in;
//   - individual goals are read by their owner, the owner's reporting line above them
//     (their managers), their contributors, hr and admin;
//   - a goal's owner and the owner's managers edit it; hr and admin edit any goal;
//   - contributors update the progress of the key results of goals they contribute to,
//     and add check-in updates;
//   - a goal's parents rank above it (department → team → individual, objectives above
//     all), its dates lie inside every parent goal's dates, and no goal may become its
//     own ancestor.

// canEditGoal reports whether actor may change a goal owned by someone with ownerPath.
func canEditGoal(actor model.Actor, ownerID int64, ownerPath string) bool {
	return actor.SeesEveryone() || (actor.PersonID != 0 && actor.PersonID == ownerID) || isUnder(ownerPath, actor.Line)
}

// canReadGoal reports whether actor may read a goal; contributor says whether the
// actor contributes to it.
func canReadGoal(actor model.Actor, level model.GoalLevel, ownerID int64, ownerPath string, contributor bool) bool {
	return level != model.LevelIndividual || contributor || canEditGoal(actor, ownerID, ownerPath)
}

func (c *Core) loadReadableGoal(ctx context.Context, tx *store.Tx, actor model.Actor, id int64) (model.Goal, bool, error) {
	g, err := tx.FindGoalByID(ctx, id)
	if err != nil {
		return g, false, notFound(err, "goal")
	}
	contrib := false
	if actor.PersonID != 0 {
		if contrib, err = tx.IsContributor(ctx, id, actor.PersonID); err != nil {
			return g, false, err
		}
	}
	if !canReadGoal(actor, g.Level, g.OwnerID, g.OwnerPath, contrib) {
		return g, false, model.NotFound("goal")
	}
	return g, contrib, nil
}

// GoalDetail is a goal with everything its page shows, and what the viewer may do.
type GoalDetail struct {
	model.Goal
	CanEdit     bool
	CanProgress bool // update key results and add check-ins
}

// Goal returns a goal with its parents, contributors, key results, children and updates.
func (c *Core) Goal(ctx context.Context, actor model.Actor, id int64) (GoalDetail, error) {
	if err := requireSignedIn(actor); err != nil {
		return GoalDetail{}, err
	}
	var d GoalDetail
	err := c.read(ctx, func(tx *store.Tx) error {
		g, contrib, err := c.loadReadableGoal(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if g.Parents, err = tx.ParentLinks(ctx, []int64{id}); err != nil {
			return err
		}
		contributors, err := tx.FindContributors(ctx, []int64{id})
		if err != nil {
			return err
		}
		g.Contributors = viewAll(actor, contributors[id])
		krs, err := tx.FindKeyResults(ctx, []int64{id})
		if err != nil {
			return err
		}
		g.KeyResults = krs[id]
		children, err := tx.ChildLinks(ctx, []int64{id}, false)
		if err != nil {
			return err
		}
		for _, ch := range children {
			if ch.Child.Level != model.LevelIndividual || canEditGoal(actor, ch.Child.OwnerID, ch.Child.OwnerPath) {
				g.Children = append(g.Children, ch.Child)
			}
		}
		if g.Updates, err = tx.FindGoalUpdates(ctx, id, 50); err != nil {
			return err
		}
		d.Goal = g
		d.CanEdit = canEditGoal(actor, g.OwnerID, g.OwnerPath)
		d.CanProgress = d.CanEdit || contrib
		return nil
	})
	return d, err
}

// visibleGoalsSQL is the condition that keeps individual goals inside the reader's
// reach, for lists.
func visibleGoalsSQL(actor model.Actor) (string, []any) {
	if actor.SeesEveryone() {
		return "", nil
	}
	cond := `(g.level <> 'individual' OR g.owner_person_id = ? OR EXISTS (SELECT 1 FROM goal_contributors gc WHERE gc.goal_id = g.id AND gc.person_id = ?)`
	args := []any{actor.PersonID, actor.PersonID}
	if actor.Line != "" {
		lo, hi := store.SubtreeRange(actor.Line)
		cond += ` OR (o.path >= ? AND o.path < ?)`
		args = append(args, lo, hi)
	}
	return cond + ")", args
}

// Goals lists the goals the actor may read that match f.
func (c *Core) Goals(ctx context.Context, actor model.Actor, f model.GoalFilter) (model.List[model.Goal], error) {
	if err := requireSignedIn(actor); err != nil {
		return model.List[model.Goal]{}, err
	}
	f.Page = f.Page.Normalize()
	cond, args := visibleGoalsSQL(actor)
	var out model.List[model.Goal]
	err := c.read(ctx, func(tx *store.Tx) error {
		items, total, err := tx.FindGoals(ctx, f, cond, args...)
		out = model.List[model.Goal]{Items: items, Total: total, Page: f.Page}
		return err
	})
	return out, err
}

// CreateGoal creates a goal for its owner: the actor, someone in the actor's reporting
// line, or anyone for hr and admin.
func (c *Core) CreateGoal(ctx context.Context, actor model.Actor, in model.GoalInput) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) (err error) {
		id, err = c.createGoal(ctx, tx, actor, in)
		return err
	})
	return id, err
}

// createGoal creates a validated goal in tx, with the same checks as CreateGoal; the
// development plan uses it to turn a competency gap into a goal in its own transaction.
func (c *Core) createGoal(ctx context.Context, tx *store.Tx, actor model.Actor, in model.GoalInput) (int64, error) {
	rec, err := c.checkGoal(ctx, tx, actor, 0, in)
	if err != nil {
		return 0, err
	}
	id, err := tx.CreateGoal(ctx, rec)
	if err != nil {
		return 0, err
	}
	if err := tx.ReplaceParents(ctx, id, in.Parents); err != nil {
		return 0, err
	}
	if err := tx.ReplaceContributors(ctx, id, in.Contributors); err != nil {
		return 0, err
	}
	if err := c.recompute(ctx, tx, []int64{id}); err != nil {
		return 0, err
	}
	return id, audit(ctx, tx, actor, "goal_created", "goal", id, string(in.Level))
}

// UpdateGoal changes a goal. Its owner may change only to someone the actor could create
// a goal for.
func (c *Core) UpdateGoal(ctx context.Context, actor model.Actor, id int64, in model.GoalInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		g, err := tx.FindGoalByID(ctx, id)
		if err != nil {
			return notFound(err, "goal")
		}
		if !canEditGoal(actor, g.OwnerID, g.OwnerPath) {
			return c.refuseGoal(ctx, tx, actor, g)
		}
		rec, err := c.checkGoal(ctx, tx, actor, id, in)
		if err != nil {
			return err
		}
		old, err := tx.ParentLinks(ctx, []int64{id})
		if err != nil {
			return err
		}
		if err := tx.UpdateGoal(ctx, id, rec); err != nil {
			return err
		}
		if err := tx.ReplaceParents(ctx, id, in.Parents); err != nil {
			return err
		}
		if err := tx.ReplaceContributors(ctx, id, in.Contributors); err != nil {
			return err
		}
		affected := []int64{id}
		for _, l := range old {
			if l.ParentGoalID != 0 {
				affected = append(affected, l.ParentGoalID)
			}
		}
		if err := c.recompute(ctx, tx, affected); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "goal_updated", "goal", id, "")
	})
}

// refuseGoal is forbidden for a goal the actor can read, and not_found otherwise.
func (c *Core) refuseGoal(ctx context.Context, tx *store.Tx, actor model.Actor, g model.Goal) error {
	contrib := false
	if actor.PersonID != 0 {
		contrib, _ = tx.IsContributor(ctx, g.ID, actor.PersonID)
	}
	if canReadGoal(actor, g.Level, g.OwnerID, g.OwnerPath, contrib) {
		return model.Forbidden()
	}
	return model.NotFound("goal")
}

// DeleteGoal removes a goal; its children lose that alignment.
func (c *Core) DeleteGoal(ctx context.Context, actor model.Actor, id int64) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		g, err := tx.FindGoalByID(ctx, id)
		if err != nil {
			return notFound(err, "goal")
		}
		if !canEditGoal(actor, g.OwnerID, g.OwnerPath) {
			return c.refuseGoal(ctx, tx, actor, g)
		}
		parents, err := tx.ParentLinks(ctx, []int64{id})
		if err != nil {
			return err
		}
		if err := tx.DeleteGoal(ctx, id); err != nil {
			return err
		}
		var affected []int64
		for _, l := range parents {
			if l.ParentGoalID != 0 {
				affected = append(affected, l.ParentGoalID)
			}
		}
		if err := c.recompute(ctx, tx, affected); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "goal_deleted", "goal", id, g.Title)
	})
}

// checkGoal checks the rules that need the database and returns the row to write.
func (c *Core) checkGoal(ctx context.Context, tx *store.Tx, actor model.Actor, id int64, in model.GoalInput) (store.GoalRecord, error) {
	var v model.Validator
	owner, err := tx.FindPersonByID(ctx, in.OwnerID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		v.Add("owner_id", "No such person.")
	case err != nil:
		return store.GoalRecord{}, err
	case !owner.Active:
		v.Add("owner_id", "The owner is no longer active.")
	case !canEditGoal(actor, owner.ID, owner.Path):
		v.Add("owner_id", "You can set goals for yourself and for people in your reporting line.")
	}
	for _, p := range in.Parents {
		if p.ObjectiveID != 0 {
			if _, err := tx.FindObjectiveByID(ctx, p.ObjectiveID); errors.Is(err, store.ErrNotFound) {
				v.Add("parents", "One of the objectives does not exist.")
			} else if err != nil {
				return store.GoalRecord{}, err
			}
			continue
		}
		if p.GoalID == id {
			v.Add("parents", "A goal cannot be its own parent.")
			continue
		}
		parent, err := tx.FindGoalByID(ctx, p.GoalID)
		if errors.Is(err, store.ErrNotFound) {
			v.Add("parents", "One of the parent goals does not exist.")
			continue
		}
		if err != nil {
			return store.GoalRecord{}, err
		}
		contrib := false
		if actor.PersonID != 0 {
			contrib, _ = tx.IsContributor(ctx, parent.ID, actor.PersonID)
		}
		if !canReadGoal(actor, parent.Level, parent.OwnerID, parent.OwnerPath, contrib) {
			v.Add("parents", "One of the parent goals does not exist.")
			continue
		}
		if parent.Level.Rank() >= in.Level.Rank() {
			v.Add("parents", fmt.Sprintf("A %s cannot align to “%s”, a %s: parents sit higher in the cascade.",
				lower(in.Level.Label()), parent.Title, lower(parent.Level.Label())))
		}
		if in.StartsOn < parent.StartsOn || in.EndsOn > parent.EndsOn {
			v.Add("ends_on", fmt.Sprintf("The goal's dates (%s to %s) must lie inside those of its parent “%s” (%s to %s).",
				in.StartsOn, in.EndsOn, parent.Title, parent.StartsOn, parent.EndsOn))
		}
	}
	if id != 0 {
		// The goal's own children must stay inside its dates and below its level, and no
		// new parent may be one of its descendants.
		children, err := tx.ChildLinks(ctx, []int64{id}, false)
		if err != nil {
			return store.GoalRecord{}, err
		}
		var ids []int64
		for _, ch := range children {
			ids = append(ids, ch.Child.ID)
		}
		kids, err := tx.FindGoalsByIDs(ctx, ids)
		if err != nil {
			return store.GoalRecord{}, err
		}
		for _, k := range kids {
			if k.StartsOn < in.StartsOn || k.EndsOn > in.EndsOn {
				v.Add("ends_on", fmt.Sprintf("The aligned goal “%s” runs from %s to %s, outside these dates.", k.Title, k.StartsOn, k.EndsOn))
				break
			}
			if k.Level.Rank() <= in.Level.Rank() {
				v.Add("level", fmt.Sprintf("The aligned goal “%s” is a %s; this goal must stay above it.", k.Title, lower(k.Level.Label())))
				break
			}
		}
		for _, p := range in.Parents {
			if p.GoalID == 0 || p.GoalID == id {
				continue
			}
			cyc, err := isAncestor(ctx, tx, id, p.GoalID)
			if err != nil {
				return store.GoalRecord{}, err
			}
			if cyc {
				v.Add("parents", "That alignment would make the goal its own ancestor.")
			}
		}
	}
	for _, pid := range in.Contributors {
		p, err := tx.FindPersonByID(ctx, pid)
		if errors.Is(err, store.ErrNotFound) || (err == nil && !p.Active) {
			v.Add("contributors", "One of the contributors is not an active person.")
			break
		}
		if err != nil {
			return store.GoalRecord{}, err
		}
	}
	if err := v.Err(); err != nil {
		return store.GoalRecord{}, err
	}
	for i := range in.Parents {
		if in.Parents[i].Weight == 0 {
			in.Parents[i].Weight = 1
		}
	}
	return store.GoalRecord{Level: in.Level, Title: in.Title, Description: in.Description, OwnerID: owner.ID,
		DepartmentID: owner.DepartmentID, Period: in.Period, StartsOn: in.StartsOn, EndsOn: in.EndsOn, Status: in.Status}, nil
}

// isAncestor reports whether goal a is an ancestor of goal b (or b itself), walking up
// from b through parent goals.
func isAncestor(ctx context.Context, tx *store.Tx, a, b int64) (bool, error) {
	seen := map[int64]bool{}
	frontier := []int64{b}
	for len(frontier) > 0 {
		for _, id := range frontier {
			if id == a {
				return true, nil
			}
			seen[id] = true
		}
		links, err := tx.ParentLinks(ctx, frontier)
		if err != nil {
			return false, err
		}
		frontier = frontier[:0]
		for _, l := range links {
			if l.ParentGoalID != 0 && !seen[l.ParentGoalID] {
				frontier = append(frontier, l.ParentGoalID)
				seen[l.ParentGoalID] = true
			}
		}
	}
	return false, nil
}

// recompute updates the stored progress of the given goals and, where it changed, of
// their ancestors, level by level. Progress is stored so that lists and trees read it
// without walking the cascade; TestStoredProgressEqualsFresh proves it equals a fresh
// computation.
func (c *Core) recompute(ctx context.Context, tx *store.Tx, ids []int64) error {
	frontier := uniq(ids)
	for rounds := 0; len(frontier) > 0; rounds++ {
		if rounds > 64 {
			return errors.New("core: goal progress did not settle; is there a cycle?")
		}
		in, err := tx.LoadGoalInputs(ctx, frontier)
		if err != nil {
			return err
		}
		goals, err := tx.FindGoalsByIDs(ctx, frontier)
		if err != nil {
			return err
		}
		var changed []int64
		for _, g := range goals {
			p, _ := score.GoalProgress(in.KeyResults[g.ID], in.Children[g.ID])
			if math.Abs(p-g.Progress) > 1e-12 || rounds == 0 {
				if err := tx.SetGoalProgress(ctx, g.ID, p); err != nil {
					return err
				}
				changed = append(changed, g.ID)
			}
		}
		links, err := tx.ParentLinks(ctx, changed)
		if err != nil {
			return err
		}
		frontier = frontier[:0]
		for _, l := range links {
			if l.ParentGoalID != 0 {
				frontier = append(frontier, l.ParentGoalID)
			}
		}
		frontier = uniq(frontier)
	}
	return nil
}

// RecomputeAllGoals recomputes every goal's progress from scratch, leaves first. It is
// for repairs and for the test that the incremental recompute is exact.
func (c *Core) RecomputeAllGoals(ctx context.Context, actor model.Actor) error {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		_, err := freshProgress(ctx, tx, true)
		return err
	})
}

// freshProgress computes every goal's progress from key results up, ignoring stored
// values, and optionally stores it.
func freshProgress(ctx context.Context, tx *store.Tx, save bool) (map[int64]float64, error) {
	ids, err := tx.AllGoalIDs(ctx)
	if err != nil {
		return nil, err
	}
	krs, err := tx.FindKeyResults(ctx, ids)
	if err != nil {
		return nil, err
	}
	links, err := tx.AllGoalLinks(ctx)
	if err != nil {
		return nil, err
	}
	children := map[int64][]model.GoalLink{}
	for _, l := range links {
		if l.ParentGoalID != 0 {
			children[l.ParentGoalID] = append(children[l.ParentGoalID], l)
		}
	}
	memo := map[int64]float64{}
	var prog func(id int64, depth int) float64
	prog = func(id int64, depth int) float64 {
		if p, ok := memo[id]; ok || depth > 64 {
			return p
		}
		var kids []model.GoalChild
		for _, l := range children[id] {
			kids = append(kids, model.GoalChild{ID: l.ChildID, Weight: l.Weight, Progress: prog(l.ChildID, depth+1)})
		}
		p, _ := score.GoalProgress(krs[id], kids)
		memo[id] = p
		return p
	}
	for _, id := range ids {
		prog(id, 0)
	}
	if save {
		if err := tx.SetGoalProgresses(ctx, memo); err != nil {
			return nil, err
		}
	}
	return memo, nil
}

// FreshGoalProgress returns every goal's progress computed from scratch, for tests that
// compare it with the stored values.
func (c *Core) FreshGoalProgress(ctx context.Context) (map[int64]float64, error) {
	var out map[int64]float64
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = freshProgress(ctx, tx, false)
		return err
	})
	return out, err
}

// AddKeyResult adds a key result to a goal the actor may edit.
func (c *Core) AddKeyResult(ctx context.Context, actor model.Actor, goalID int64, in model.KeyResultInput) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		g, err := tx.FindGoalByID(ctx, goalID)
		if err != nil {
			return notFound(err, "goal")
		}
		if !canEditGoal(actor, g.OwnerID, g.OwnerPath) {
			return c.refuseGoal(ctx, tx, actor, g)
		}
		if id, err = tx.CreateKeyResult(ctx, goalID, in); err != nil {
			return err
		}
		if err := c.recompute(ctx, tx, []int64{goalID}); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "key_result_added", "goal", goalID, "")
	})
	return id, err
}

// UpdateKeyResult changes a key result's definition (owner, managers, hr and admin).
func (c *Core) UpdateKeyResult(ctx context.Context, actor model.Actor, id int64, in model.KeyResultInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		k, g, err := c.keyResultGoal(ctx, tx, id)
		if err != nil {
			return err
		}
		if !canEditGoal(actor, g.OwnerID, g.OwnerPath) {
			return c.refuseGoal(ctx, tx, actor, g)
		}
		if err := tx.UpdateKeyResult(ctx, k.ID, in); err != nil {
			return err
		}
		return c.recompute(ctx, tx, []int64{g.ID})
	})
}

// DeleteKeyResult removes a key result.
func (c *Core) DeleteKeyResult(ctx context.Context, actor model.Actor, id int64) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		k, g, err := c.keyResultGoal(ctx, tx, id)
		if err != nil {
			return err
		}
		if !canEditGoal(actor, g.OwnerID, g.OwnerPath) {
			return c.refuseGoal(ctx, tx, actor, g)
		}
		if err := tx.DeleteKeyResult(ctx, k.ID); err != nil {
			return err
		}
		return c.recompute(ctx, tx, []int64{g.ID})
	})
}

// RecordProgress sets a key result's current value or done flag. Contributors may, as
// well as those who may edit the goal. The goal and every goal above it are recomputed.
func (c *Core) RecordProgress(ctx context.Context, actor model.Actor, id int64, in model.ProgressInput) (model.KeyResult, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.KeyResult{}, err
	}
	var out model.KeyResult
	err := c.write(ctx, func(tx *store.Tx) error {
		k, g, err := c.keyResultGoal(ctx, tx, id)
		if err != nil {
			return err
		}
		contrib := false
		if actor.PersonID != 0 {
			if contrib, err = tx.IsContributor(ctx, g.ID, actor.PersonID); err != nil {
				return err
			}
		}
		if !contrib && !canEditGoal(actor, g.OwnerID, g.OwnerPath) {
			return c.refuseGoal(ctx, tx, actor, g)
		}
		if in.Current != nil {
			if math.IsNaN(*in.Current) || math.IsInf(*in.Current, 0) {
				return &model.Error{Code: model.CodeInvalid, Message: "Enter a number.", Fields: map[string]string{"current": "Enter a number."}}
			}
			k.Current = *in.Current
		}
		if in.Done != nil {
			k.Done = *in.Done
		}
		upd := model.KeyResultInput{Title: k.Title, Kind: k.Kind, Start: k.Start, Target: k.Target, Current: k.Current, Unit: k.Unit, Done: k.Done, Weight: k.Weight}
		if err := tx.UpdateKeyResult(ctx, k.ID, upd); err != nil {
			return err
		}
		out = k
		return c.recompute(ctx, tx, []int64{g.ID})
	})
	return out, err
}

func (c *Core) keyResultGoal(ctx context.Context, tx *store.Tx, id int64) (model.KeyResult, model.Goal, error) {
	k, err := tx.FindKeyResultByID(ctx, id)
	if err != nil {
		return k, model.Goal{}, notFound(err, "key result")
	}
	g, err := tx.FindGoalByID(ctx, k.GoalID)
	return k, g, notFound(err, "goal")
}

// AddGoalUpdate records a check-in on a goal: its status now, its progress, and a comment.
func (c *Core) AddGoalUpdate(ctx context.Context, actor model.Actor, goalID int64, in model.GoalUpdateInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		g, err := tx.FindGoalByID(ctx, goalID)
		if err != nil {
			return notFound(err, "goal")
		}
		contrib := false
		if actor.PersonID != 0 {
			if contrib, err = tx.IsContributor(ctx, goalID, actor.PersonID); err != nil {
				return err
			}
		}
		if !contrib && !canEditGoal(actor, g.OwnerID, g.OwnerPath) {
			return c.refuseGoal(ctx, tx, actor, g)
		}
		if err := tx.SetGoalStatus(ctx, goalID, in.Status); err != nil {
			return err
		}
		return tx.AddGoalUpdate(ctx, model.GoalUpdate{GoalID: goalID, AuthorName: actor.Name, Status: in.Status, Progress: g.Progress, Comment: in.Comment}, actor.PersonID)
	})
}

func uniq(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func lower(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'A' && r[0] <= 'Z' {
		r[0] += 'a' - 'A'
	}
	return string(r)
}

// GoalChoices are what a goal form offers: possible owners and possible parents.
type GoalChoices struct {
	Owners     []model.Person
	MoreOwners bool // too many to list: the form asks for an id instead
	Objectives []model.Objective
	Goals      []model.Goal // department and team goals of the year, and the actor's line's goals
}

// GoalChoices returns the owners the actor may set goals for and the parents they may
// align to, for the forms.
func (c *Core) GoalChoices(ctx context.Context, actor model.Actor, year string) (GoalChoices, error) {
	if err := requireSignedIn(actor); err != nil {
		return GoalChoices{}, err
	}
	var gc GoalChoices
	err := c.read(ctx, func(tx *store.Tx) error {
		const limit = 400
		f := model.PersonFilter{Page: model.Page{Limit: limit}}
		if !actor.SeesEveryone() {
			if actor.Line == "" {
				f.IDs = []int64{}
			} else {
				f.Under = actor.Line
			}
		}
		people, total, err := tx.FindPeople(ctx, f)
		if err != nil {
			return err
		}
		if actor.PersonID != 0 {
			me, err := tx.FindPersonByID(ctx, actor.PersonID)
			if err != nil {
				return err
			}
			gc.Owners = append(gc.Owners, me)
		}
		for _, p := range people {
			if p.ID != actor.PersonID {
				gc.Owners = append(gc.Owners, p)
			}
		}
		gc.MoreOwners = total > limit
		if gc.Objectives, err = tx.FindObjectives(ctx, false); err != nil {
			return err
		}
		cond, args := visibleGoalsSQL(actor)
		goals, _, err := tx.FindGoals(ctx, model.GoalFilter{Year: year, Page: model.Page{Limit: model.MaxLimit}}, joinCond(cond, "g.level <> 'individual'"), args...)
		if err != nil {
			return err
		}
		gc.Goals = goals
		return nil
	})
	return gc, err
}

func joinCond(a, b string) string {
	if a == "" {
		return b
	}
	return a + " AND " + b
}

// GoalSeed is one goal of a bulk seed: its fields, parents (earlier seeds by index, or
// objectives), key results and an optional check-in.
type GoalSeed struct {
	Goal         model.GoalInput // OwnerID, Level, Title, Period, Status…; Parents hold objectives only
	DepartmentID int64
	ParentSeeds  []int // indexes of earlier seeds this goal aligns to (weight 1 each, or ParentWeight)
	ParentWeight float64
	KeyResults   []model.KeyResultInput
	Update       *model.GoalUpdateInput
}

// SeedGoals writes many goals at once, for the demo generator: one transaction, bulk
// inserts, and one fresh computation of every goal's progress at the end. Only the
// system may; people go through CreateGoal and its checks.
func (c *Core) SeedGoals(ctx context.Context, actor model.Actor, seeds []GoalSeed) error {
	if !actor.IsSystem() {
		return model.Forbidden()
	}
	for i := range seeds {
		if err := seeds[i].Goal.Validate(); err != nil {
			return fmt.Errorf("core: seed goal %d (%q): %w", i, seeds[i].Goal.Title, err)
		}
		for j := range seeds[i].KeyResults {
			if err := seeds[i].KeyResults[j].Validate(); err != nil {
				return fmt.Errorf("core: seed key result of %q: %w", seeds[i].Goal.Title, err)
			}
		}
		for _, p := range seeds[i].ParentSeeds {
			if p >= i || p < 0 {
				return fmt.Errorf("core: seed %d names parent %d, which is not an earlier seed", i, p)
			}
		}
	}
	return c.write(ctx, func(tx *store.Tx) error {
		recs := make([]store.GoalRecord, len(seeds))
		for i, s := range seeds {
			g := s.Goal
			recs[i] = store.GoalRecord{Level: g.Level, Title: g.Title, Description: g.Description, OwnerID: g.OwnerID, DepartmentID: s.DepartmentID,
				Period: g.Period, StartsOn: g.StartsOn, EndsOn: g.EndsOn, Status: g.Status}
		}
		ids, err := tx.InsertGoals(ctx, recs)
		if err != nil {
			return err
		}
		var links []model.GoalLink
		var krs []model.KeyResult
		var updates []model.GoalUpdate
		for i, s := range seeds {
			for _, p := range s.Goal.Parents {
				links = append(links, model.GoalLink{ChildID: ids[i], ObjectiveID: p.ObjectiveID, Weight: max(p.Weight, 1)})
			}
			w := s.ParentWeight
			if w <= 0 {
				w = 1
			}
			for _, p := range s.ParentSeeds {
				links = append(links, model.GoalLink{ChildID: ids[i], ParentGoalID: ids[p], Weight: w})
			}
			for j, k := range s.KeyResults {
				krs = append(krs, model.KeyResult{GoalID: ids[i], Title: k.Title, Kind: k.Kind, Start: k.Start, Target: k.Target, Current: k.Current,
					Unit: k.Unit, Done: k.Done, Weight: k.Weight, Position: j + 1})
			}
			if s.Update != nil {
				updates = append(updates, model.GoalUpdate{GoalID: ids[i], AuthorName: "Throughline demo", Status: s.Update.Status, Comment: s.Update.Comment})
			}
		}
		if err := tx.InsertGoalLinks(ctx, links); err != nil {
			return err
		}
		if err := tx.InsertKeyResults(ctx, krs); err != nil {
			return err
		}
		if _, err := freshProgress(ctx, tx, true); err != nil {
			return err
		}
		// Check-ins record the progress the goal had when they were written.
		progress, err := tx.FindGoalsByIDs(ctx, goalIDsOf(updates))
		if err != nil {
			return err
		}
		byID := map[int64]float64{}
		for _, g := range progress {
			byID[g.ID] = g.Progress
		}
		for i := range updates {
			updates[i].Progress = byID[updates[i].GoalID]
		}
		return tx.InsertGoalUpdates(ctx, updates)
	})
}

func goalIDsOf(us []model.GoalUpdate) []int64 {
	out := make([]int64, len(us))
	for i, u := range us {
		out[i] = u.GoalID
	}
	return out
}
