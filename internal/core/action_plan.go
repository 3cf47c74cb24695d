package core

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"throughline/internal/model"
	"throughline/internal/store"
)

// Action plans. After a round closes, a manager (or anyone above them in their line,
// or hr and admin) picks focus areas for the manager's team and plans actions with
// owners and due dates. The team's members, the manager's line, executives, hr and
// admin can read the plan: results without visible action are what people complain
// about. At the next round, the plan shows how its focus areas changed, through the
// anonymity engine like every other figure.

// ActionPlanDetail is a plan with what the viewer may do with it.
type ActionPlanDetail struct {
	Plan    model.ActionPlan
	Round   model.Round
	CanEdit bool
	Owners  []model.Person // who can own an action: the manager and their line
}

func canEditPlan(actor model.Actor, manager model.Person) bool {
	return actor.SeesEveryone() || actor.IsSystem() || (actor.PersonID != 0 && actor.PersonID == manager.ID) || isUnder(manager.Path, actor.Line)
}

func canViewPlan(ctx context.Context, tx *store.Tx, actor model.Actor, manager model.Person) (bool, error) {
	if canEditPlan(actor, manager) || actor.Is(model.RoleExecutive) {
		return true, nil
	}
	if actor.PersonID == 0 {
		return false, nil
	}
	me, err := tx.FindPersonByID(ctx, actor.PersonID)
	if err != nil {
		return false, err
	}
	return me.ManagerID == manager.ID, nil
}

// CreateActionPlan starts a plan for a manager's team after a closed round. A team has
// one plan per round; creating it again returns a conflict naming the round.
func (c *Core) CreateActionPlan(ctx context.Context, actor model.Actor, in model.ActionPlanInput) (model.ActionPlan, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.ActionPlan{}, err
	}
	if err := in.Validate(); err != nil {
		return model.ActionPlan{}, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		mgr, err := tx.FindPersonByID(ctx, in.ManagerID)
		if err != nil {
			return notFound(err, "team")
		}
		if !canEditPlan(actor, mgr) {
			return model.Forbidden()
		}
		r, err := tx.FindRoundByID(ctx, in.RoundID)
		if err != nil {
			return notFound(err, "pulse")
		}
		if r.Status != model.RoundClosed {
			return model.Errorf(model.CodeConflict, "Plan actions once the pulse has closed and its results are in.")
		}
		groups, err := tx.FindGroups(ctx, r.ID)
		if err != nil {
			return err
		}
		had := false
		for _, g := range groups {
			had = had || g.TeamID == mgr.ID
		}
		if !had {
			return model.Errorf(model.CodeInvalid, "%s had no team in this pulse.", mgr.Name)
		}
		name := actor.Name
		if actor.IsSystem() {
			name = mgr.Name // plans written by imports and the demo are the manager's
		}
		id, err = tx.CreateActionPlan(ctx, store.ActionPlanRecord{RoundID: r.ID, ManagerID: mgr.ID, Note: in.Note, AccountID: actor.AccountID, AuthorName: name})
		if err != nil {
			return conflict(err, "focus", "This team already has an action plan for this pulse.")
		}
		if err := tx.SetActionPlanFocus(ctx, id, in.Focus); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "action_plan_created", "action_plan", id, fmt.Sprintf("team of person %d", mgr.ID))
	})
	if err != nil {
		return model.ActionPlan{}, err
	}
	d, err := c.ActionPlan(ctx, actor, id)
	return d.Plan, err
}

// UpdateActionPlan changes a plan's focus areas and note.
func (c *Core) UpdateActionPlan(ctx context.Context, actor model.Actor, planID int64, in model.ActionPlanInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		p, err := editablePlan(ctx, tx, actor, planID)
		if err != nil {
			return err
		}
		if err := tx.UpdateActionPlanNote(ctx, p.ID, in.Note); err != nil {
			return err
		}
		if err := tx.SetActionPlanFocus(ctx, p.ID, in.Focus); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "action_plan_updated", "action_plan", p.ID, "")
	})
}

func findPlan(ctx context.Context, tx *store.Tx, planID int64) (model.ActionPlan, model.Person, error) {
	ps, err := tx.FindActionPlans(ctx, store.ActionPlanFilter{IDs: []int64{planID}})
	if err != nil {
		return model.ActionPlan{}, model.Person{}, err
	}
	if len(ps) == 0 {
		return model.ActionPlan{}, model.Person{}, model.NotFound("action plan")
	}
	mgr, err := tx.FindPersonByID(ctx, ps[0].ManagerID)
	return ps[0], mgr, err
}

func editablePlan(ctx context.Context, tx *store.Tx, actor model.Actor, planID int64) (model.ActionPlan, error) {
	p, mgr, err := findPlan(ctx, tx, planID)
	if err != nil {
		return p, err
	}
	if !canEditPlan(actor, mgr) {
		if ok, err := canViewPlan(ctx, tx, actor, mgr); err != nil || !ok {
			return p, model.NotFound("action plan")
		}
		return p, model.Forbidden()
	}
	return p, nil
}

// ActionPlan returns a plan with its follow-up at the next round.
func (c *Core) ActionPlan(ctx context.Context, actor model.Actor, planID int64) (ActionPlanDetail, error) {
	if err := requireSignedIn(actor); err != nil {
		return ActionPlanDetail{}, err
	}
	var d ActionPlanDetail
	err := c.read(ctx, func(tx *store.Tx) error {
		p, mgr, err := findPlan(ctx, tx, planID)
		if err != nil {
			return err
		}
		ok, err := canViewPlan(ctx, tx, actor, mgr)
		if err != nil {
			return err
		}
		if !ok {
			return model.NotFound("action plan")
		}
		plans := []model.ActionPlan{p}
		if err := followUps(ctx, tx, c.rounds, plans); err != nil {
			return err
		}
		d.Plan = plans[0]
		d.CanEdit = canEditPlan(actor, mgr)
		if d.Round, err = tx.FindRoundByID(ctx, p.RoundID); err != nil {
			return err
		}
		if d.CanEdit {
			line, err := tx.FindAllPeople(ctx, model.PersonFilter{Under: mgr.LinePrefix()})
			if err != nil {
				return err
			}
			d.Owners = append([]model.Person{mgr}, line...)
		}
		return nil
	})
	return d, err
}

// TeamActionPlans lists the plans of a manager's team, newest first, for those who may
// read them.
func (c *Core) TeamActionPlans(ctx context.Context, actor model.Actor, managerID int64) ([]model.ActionPlan, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []model.ActionPlan
	err := c.read(ctx, func(tx *store.Tx) error {
		mgr, err := tx.FindPersonByID(ctx, managerID)
		if err != nil {
			return notFound(err, "team")
		}
		ok, err := canViewPlan(ctx, tx, actor, mgr)
		if err != nil {
			return err
		}
		if !ok {
			return model.NotFound("team")
		}
		if out, err = tx.FindActionPlans(ctx, store.ActionPlanFilter{ManagerIDs: []int64{managerID}, Limit: 12}); err != nil {
			return err
		}
		return followUps(ctx, tx, c.rounds, out)
	})
	return out, err
}

// AddActionItem adds an action with an owner (the manager or someone in their line)
// and a due date.
func (c *Core) AddActionItem(ctx context.Context, actor model.Actor, planID int64, in model.ActionItemInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		p, err := editablePlan(ctx, tx, actor, planID)
		if err != nil {
			return err
		}
		mgr, err := tx.FindPersonByID(ctx, p.ManagerID)
		if err != nil {
			return err
		}
		owner, err := tx.FindPersonByID(ctx, in.OwnerID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && (!owner.Active || (owner.ID != mgr.ID && !isUnder(owner.Path, mgr.LinePrefix())))) {
			return &model.Error{Code: model.CodeInvalid, Message: "Choose an owner from the team.", Fields: map[string]string{"owner": "Choose an owner from the team."}}
		}
		if err != nil {
			return err
		}
		id, err := tx.AddActionItem(ctx, p.ID, in)
		if err != nil {
			return err
		}
		return audit(ctx, tx, actor, "action_added", "action_item", id, fmt.Sprintf("plan %d", p.ID))
	})
}

// SetActionItemStatus marks an action open, done or dropped. The plan's editors and
// the action's owner may.
func (c *Core) SetActionItemStatus(ctx context.Context, actor model.Actor, itemID int64, status string) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	switch status {
	case "open", "done", "dropped":
	default:
		return &model.Error{Code: model.CodeInvalid, Message: "Choose open, done or dropped.", Fields: map[string]string{"status": "Choose open, done or dropped."}}
	}
	return c.write(ctx, func(tx *store.Tx) error {
		it, err := tx.FindActionItem(ctx, itemID)
		if err != nil {
			return notFound(err, "action")
		}
		if actor.PersonID == 0 || it.OwnerID != actor.PersonID {
			if _, err := editablePlan(ctx, tx, actor, it.PlanID); err != nil {
				return err
			}
		}
		if err := tx.SetActionItemStatus(ctx, itemID, status); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "action_status", "action_item", itemID, status)
	})
}

// followUps fills in, for each plan, the change in its focus areas from its round to
// the next closed round of the same survey, for the plan's team, through the engine.
func followUps(ctx context.Context, tx *store.Tx, rc *roundCache, plans []model.ActionPlan) error {
	loaded := map[int64]*roundData{}
	load := func(r model.Round) (*roundData, error) {
		if d, ok := loaded[r.ID]; ok {
			return d, nil
		}
		d, err := loadRound(ctx, tx, rc, r)
		loaded[r.ID] = d
		return d, err
	}
	for i := range plans {
		p := &plans[i]
		r, err := tx.FindRoundByID(ctx, p.RoundID)
		if err != nil {
			return err
		}
		rounds, err := tx.FindRounds(ctx, store.RoundFilter{SurveyID: r.SurveyID, Statuses: []model.RoundStatus{model.RoundClosed}})
		if err != nil {
			return err
		}
		sort.Slice(rounds, func(a, b int) bool { return rounds[a].Number < rounds[b].Number })
		var next *model.Round
		for j := range rounds {
			if rounds[j].Number > r.Number {
				next = &rounds[j]
				break
			}
		}
		if next == nil {
			continue
		}
		before, err := load(r)
		if err != nil {
			return err
		}
		after, err := load(*next)
		if err != nil {
			return err
		}
		s := model.SurveySlice{TeamID: p.ManagerID}
		b, a := before.result("", "", s, 0, false), after.result("", "", s, 0, false)
		for _, dim := range p.Focus {
			fc := model.FocusChange{Dimension: dim, RoundLabel: next.Label()}
			bv, bok := focusValue(b, dim)
			av, aok := focusValue(a, dim)
			if bok && aok {
				fc.Shown, fc.Before, fc.After, fc.Change = true, bv, av, av-bv
			}
			p.FollowUp = append(p.FollowUp, fc)
		}
	}
	return nil
}

// focusValue is a focus area's figure in a shown group: favourability, or the eNPS.
func focusValue(g model.GroupResult, d model.Dimension) (float64, bool) {
	if !g.Shown {
		return 0, false
	}
	if d == model.DimENPS {
		if g.ENPS != nil && g.ENPS.Answered > 0 {
			return g.ENPS.ENPS, true
		}
		return 0, false
	}
	r, ok := g.Dimension(d)
	return r.Favourable, ok
}
