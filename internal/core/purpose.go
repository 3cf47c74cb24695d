package core

import (
	"context"
	"errors"
	"sort"

	"throughline/internal/model"
	"throughline/internal/score"
	"throughline/internal/store"
)

// Objectives lists the organization's strategic objectives. Everyone signed in may read
// them: the strategy is meant to be seen.
func (c *Core) Objectives(ctx context.Context, actor model.Actor) ([]model.Objective, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []model.Objective
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindObjectives(ctx, false)
		return err
	})
	return out, err
}

// Objective returns one strategic objective.
func (c *Core) Objective(ctx context.Context, actor model.Actor, id int64) (model.Objective, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.Objective{}, err
	}
	var out model.Objective
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindObjectiveByID(ctx, id)
		return notFound(err, "objective")
	})
	return out, err
}

// canShapeStrategy reports whether actor may set the purpose, the values and the
// objectives: executives and administrators.
func canShapeStrategy(actor model.Actor) bool { return actor.Is(model.RoleExecutive, model.RoleAdmin) }

// Purpose returns the current purpose statement; ok is false before one is written.
func (c *Core) Purpose(ctx context.Context, actor model.Actor) (model.PurposeVersion, bool, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.PurposeVersion{}, false, err
	}
	var p model.PurposeVersion
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		p, err = tx.CurrentPurpose(ctx)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return p, false, nil
	}
	return p, err == nil, err
}

// PurposeHistory lists every version of the purpose statement, newest first.
func (c *Core) PurposeHistory(ctx context.Context, actor model.Actor) ([]model.PurposeVersion, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []model.PurposeVersion
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.PurposeHistory(ctx)
		return err
	})
	return out, err
}

// SetPurpose records a new version of the purpose statement; the old ones stay as history.
func (c *Core) SetPurpose(ctx context.Context, actor model.Actor, in model.PurposeInput) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	if !canShapeStrategy(actor) {
		return 0, model.Forbidden()
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) (err error) {
		if id, err = tx.AddPurposeVersion(ctx, in, actor.AccountID, actor.Name); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "purpose_set", "purpose", id, "")
	})
	return id, err
}

// Values lists the organization's values.
func (c *Core) Values(ctx context.Context, actor model.Actor) ([]model.Value, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []model.Value
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindValues(ctx, false)
		return err
	})
	return out, err
}

// CreateValue adds a value.
func (c *Core) CreateValue(ctx context.Context, actor model.Actor, in model.ValueInput) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	if !canShapeStrategy(actor) {
		return 0, model.Forbidden()
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) (err error) {
		if id, err = tx.CreateValue(ctx, in); err != nil {
			return conflict(err, "name", "There is already a value with that name.")
		}
		return audit(ctx, tx, actor, "value_created", "value", id, in.Name)
	})
	return id, err
}

// UpdateValue changes a value; active false retires it (people who chose it keep it).
func (c *Core) UpdateValue(ctx context.Context, actor model.Actor, id int64, in model.ValueInput, active bool) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if !canShapeStrategy(actor) {
		return model.Forbidden()
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if err := tx.UpdateValue(ctx, id, in, active); err != nil {
			return conflict(notFound(err, "value"), "name", "There is already a value with that name.")
		}
		return audit(ctx, tx, actor, "value_updated", "value", id, in.Name)
	})
}

// CreateObjective adds a strategic objective.
func (c *Core) CreateObjective(ctx context.Context, actor model.Actor, in model.ObjectiveInput) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	if !canShapeStrategy(actor) {
		return 0, model.Forbidden()
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) (err error) {
		if err := checkObjectiveOwner(ctx, tx, in.OwnerID); err != nil {
			return err
		}
		if id, err = tx.CreateObjective(ctx, in); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "objective_created", "objective", id, in.Title)
	})
	return id, err
}

// UpdateObjective changes a strategic objective.
func (c *Core) UpdateObjective(ctx context.Context, actor model.Actor, id int64, in model.ObjectiveInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if !canShapeStrategy(actor) {
		return model.Forbidden()
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if err := checkObjectiveOwner(ctx, tx, in.OwnerID); err != nil {
			return err
		}
		if err := tx.UpdateObjective(ctx, id, in); err != nil {
			return notFound(err, "objective")
		}
		return audit(ctx, tx, actor, "objective_updated", "objective", id, in.Title)
	})
}

func checkObjectiveOwner(ctx context.Context, tx *store.Tx, ownerID int64) error {
	if ownerID == 0 {
		return nil
	}
	p, err := tx.FindPersonByID(ctx, ownerID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !p.Active) {
		return &model.Error{Code: model.CodeInvalid, Message: "Please correct the highlighted fields.", Fields: map[string]string{"owner_id": "Choose an active person as the owner."}}
	}
	return err
}

// ObjectiveDetail is an objective with the goals linked to it and its progress.
type ObjectiveDetail struct {
	model.Objective
	Goals    []model.GoalChild
	CanEdit  bool
	Staffed  bool
	Progress float64
}

// ObjectiveDetail returns an objective with its directly linked goals (individual goals
// only where the actor may read them) and their weighted progress.
func (c *Core) ObjectiveDetail(ctx context.Context, actor model.Actor, id int64) (ObjectiveDetail, error) {
	if err := requireSignedIn(actor); err != nil {
		return ObjectiveDetail{}, err
	}
	var d ObjectiveDetail
	err := c.read(ctx, func(tx *store.Tx) error {
		o, err := tx.FindObjectiveByID(ctx, id)
		if err != nil {
			return notFound(err, "objective")
		}
		d.Objective = o
		links, err := tx.ChildLinks(ctx, []int64{id}, true)
		if err != nil {
			return err
		}
		var all []model.GoalChild
		for _, l := range links {
			all = append(all, l.Child)
			if l.Child.Level != model.LevelIndividual || canEditGoal(actor, l.Child.OwnerID, l.Child.OwnerPath) {
				d.Goals = append(d.Goals, l.Child)
			}
		}
		d.Progress, d.Staffed = score.ObjectiveProgress(all)
		d.CanEdit = canShapeStrategy(actor)
		return nil
	})
	return d, err
}

// ObjectivesWithProgress lists the objectives with their goal counts and progress.
func (c *Core) ObjectivesWithProgress(ctx context.Context, actor model.Actor) ([]model.Objective, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []model.Objective
	err := c.read(ctx, func(tx *store.Tx) error {
		var err error
		if out, err = tx.FindObjectives(ctx, false); err != nil {
			return err
		}
		ids := make([]int64, len(out))
		for i, o := range out {
			ids[i] = o.ID
		}
		links, err := tx.ChildLinks(ctx, ids, true)
		if err != nil {
			return err
		}
		kids := map[int64][]model.GoalChild{}
		for _, l := range links {
			kids[l.ObjectiveID] = append(kids[l.ObjectiveID], l.Child)
		}
		for i := range out {
			out[i].GoalCount = len(kids[out[i].ID])
			out[i].Progress, _ = score.ObjectiveProgress(kids[out[i].ID])
		}
		return nil
	})
	return out, err
}

// MyPurpose returns the actor's own statement and values with their alignment.
func (c *Core) MyPurpose(ctx context.Context, actor model.Actor) (model.PersonalPurpose, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.PersonalPurpose{}, err
	}
	if actor.PersonID == 0 {
		return model.PersonalPurpose{}, model.NotFound("person")
	}
	var pp model.PersonalPurpose
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		pp, err = tx.FindPersonalPurpose(ctx, actor.PersonID)
		return err
	})
	withAlignment(&pp)
	return pp, err
}

func withAlignment(pp *model.PersonalPurpose) {
	var chosen, org []int
	for _, v := range pp.Values {
		chosen = append(chosen, v.Rank)
		if v.OrgValue {
			org = append(org, v.Rank)
			pp.Alignment.Matched++
		}
	}
	pp.Alignment.Chosen = len(chosen)
	pp.Alignment.Score, _ = score.ValuesAlignment(chosen, org)
}

// SavePersonalPurpose stores the actor's own statement, sharing choices and top values.
func (c *Core) SavePersonalPurpose(ctx context.Context, actor model.Actor, in model.PersonalPurposeInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if actor.PersonID == 0 {
		return &model.Error{Code: model.CodeInvalid, Message: "Your account is not linked to a person, so it has no personal purpose."}
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		values, err := tx.FindValues(ctx, false)
		if err != nil {
			return err
		}
		known := map[int64]bool{}
		for _, v := range values {
			known[v.ID] = true
		}
		for _, ch := range in.Values {
			if ch.ValueID != 0 && !known[ch.ValueID] {
				return &model.Error{Code: model.CodeInvalid, Message: "Please correct the highlighted fields.", Fields: map[string]string{"values": "One of the chosen values does not exist."}}
			}
		}
		if err := tx.SavePersonalPurpose(ctx, actor.PersonID, in); err != nil {
			return err
		}
		// The audit log records that it changed, never what it says.
		return audit(ctx, tx, actor, "personal_purpose_saved", "person", actor.PersonID, "")
	})
}

// SeedPersonalPurpose writes a person's statement on their behalf. Only the system may,
// for the demo generator: in the product, a statement is written by its author alone.
func (c *Core) SeedPersonalPurpose(ctx context.Context, actor model.Actor, personID int64, in model.PersonalPurposeInput) error {
	if !actor.IsSystem() {
		return model.Forbidden()
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error { return tx.SavePersonalPurpose(ctx, personID, in) })
}

// PersonalPurposeOf returns someone's statement and values when they shared it with the
// actor: with their direct manager (ShareManager), or their coach (ShareCoach: an active
// coaching assignment, see isCoachOf in coaching.go). No one else, hr and admin included, may read it.
func (c *Core) PersonalPurposeOf(ctx context.Context, actor model.Actor, personID int64) (model.PersonalPurpose, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.PersonalPurpose{}, err
	}
	if actor.PersonID != 0 && actor.PersonID == personID {
		return c.MyPurpose(ctx, actor)
	}
	var pp model.PersonalPurpose
	err := c.read(ctx, func(tx *store.Tx) error {
		p, err := tx.FindPersonByID(ctx, personID)
		if err != nil {
			return notFound(err, "person")
		}
		if pp, err = tx.FindPersonalPurpose(ctx, personID); err != nil {
			return err
		}
		isManager := actor.PersonID != 0 && p.ManagerID == actor.PersonID
		isCoach, err := c.isCoachOf(ctx, tx, actor, personID)
		if err != nil {
			return err
		}
		if (isManager && pp.ShareManager) || (isCoach && pp.ShareCoach) {
			return nil
		}
		return &model.Error{Code: model.CodeForbidden, Message: "This personal purpose has not been shared with you."}
	})
	if err != nil {
		return model.PersonalPurpose{}, err
	}
	withAlignment(&pp)
	return pp, nil
}

// PurposeAggregates are the counts hr and executives see: how many have written a
// personal purpose, and values alignment, overall and by department. A department with
// fewer people than the anonymity threshold is suppressed, and so are further small
// departments until the suppressed ones together hold none or at least the threshold,
// so no suppressed figure can be worked out from the total by subtraction.
func (c *Core) PurposeAggregates(ctx context.Context, actor model.Actor) (model.PurposeAggregates, error) {
	if err := requireRole(actor, model.RoleHR, model.RoleAdmin, model.RoleExecutive); err != nil {
		return model.PurposeAggregates{}, err
	}
	var out model.PurposeAggregates
	err := c.read(ctx, func(tx *store.Tx) error {
		k, err := threshold(ctx, tx)
		if err != nil {
			return err
		}
		out.Threshold = k
		facts, err := tx.PurposeFacts(ctx)
		if err != nil {
			return err
		}
		type acc struct {
			name          string
			people, wrote int
			align         float64
			aligned       int
		}
		byDept := map[int64]*acc{}
		var order []int64
		var total acc
		add := func(a *acc, f store.PurposeFact) {
			a.people++
			if f.Written {
				a.wrote++
			}
			if s, ok := score.ValuesAlignment(f.Chosen, f.OrgRanks); ok {
				a.align += s
				a.aligned++
			}
		}
		for _, f := range facts {
			a := byDept[f.DepartmentID]
			if a == nil {
				name := f.Department
				if name == "" {
					name = "No department"
				}
				a = &acc{name: name}
				byDept[f.DepartmentID] = a
				order = append(order, f.DepartmentID)
			}
			add(a, f)
			add(&total, f)
		}
		out.People, out.Written = total.people, total.wrote
		if total.aligned >= k {
			out.Alignment, out.HasAlignment = total.align/float64(total.aligned), true
		}
		sizes := make([]int, len(order))
		for i, id := range order {
			sizes[i] = byDept[id].people
		}
		hidden := complementarySuppression(sizes, k)
		for i, id := range order {
			a := byDept[id]
			row := model.DepartmentPurpose{Name: a.name, Suppressed: hidden[i]}
			if !row.Suppressed {
				row.People, row.Written = a.people, a.wrote
				if a.aligned >= k {
					row.Alignment, row.HasAlignment = a.align/float64(a.aligned), true
				}
			}
			out.Departments = append(out.Departments, row)
		}
		sort.SliceStable(out.Departments, func(i, j int) bool { return out.Departments[i].Name < out.Departments[j].Name })
		return nil
	})
	return out, err
}

// complementarySuppression decides which groups of a partition to hide: every group
// smaller than k, and then, while the hidden groups together hold between 1 and k−1
// people (so the total minus the shown groups would reveal a small group), the smallest
// shown group as well.
func complementarySuppression(sizes []int, k int) []bool {
	hidden := make([]bool, len(sizes))
	sum := 0
	for i, n := range sizes {
		if n < k {
			hidden[i] = true
			sum += n
		}
	}
	for sum > 0 && sum < k {
		best := -1
		for i, n := range sizes {
			if !hidden[i] && (best < 0 || n < sizes[best]) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		hidden[best] = true
		sum += sizes[best]
	}
	return hidden
}
