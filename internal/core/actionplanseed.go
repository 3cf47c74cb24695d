package core

import (
	"context"
	"fmt"

	"throughline/internal/model"
	"throughline/internal/store"
)

// ActionPlanSeed is a team's action plan after a closed round as the demo writes it:
// the plan and its actions, each with its status.
type ActionPlanSeed struct {
	model.ActionPlanInput
	Items []ActionItemSeed
}

// ActionItemSeed is an action of a seeded plan and its status (open, done or dropped).
type ActionItemSeed struct {
	model.ActionItemInput
	Status string
}

// SeedActionPlans writes the action plans of one closed round in one transaction, for
// the demo organization, whose thousands of teams would otherwise cost several
// transactions each. It keeps the rules of CreateActionPlan, AddActionItem and
// SetActionItemStatus: the round has closed, each manager had a team in it and gets at
// most one plan, every owner is the manager or an active person in their line, and the
// manager is the author. The system only.
func (c *Core) SeedActionPlans(ctx context.Context, actor model.Actor, roundID int64, seeds []ActionPlanSeed) error {
	if !actor.IsSystem() {
		return model.Forbidden()
	}
	var ids []int64
	for i := range seeds {
		s := &seeds[i]
		s.RoundID = roundID
		if err := s.ActionPlanInput.Validate(); err != nil {
			return seedErr("action plan", i, err)
		}
		ids = append(ids, s.ManagerID)
		for k := range s.Items {
			it := &s.Items[k]
			if err := it.ActionItemInput.Validate(); err != nil {
				return seedErr("action", k, err)
			}
			switch it.Status {
			case "open", "done", "dropped":
			default:
				return fmt.Errorf("core: seed action plan %d: status %q", i+1, it.Status)
			}
			ids = append(ids, it.OwnerID)
		}
	}
	if len(seeds) == 0 {
		return nil
	}
	return c.write(ctx, func(tx *store.Tx) error {
		r, err := tx.FindRoundByID(ctx, roundID)
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
		hadTeam := map[int64]bool{}
		for _, g := range groups {
			hadTeam[g.TeamID] = true
		}
		people := map[int64]model.Person{}
		for _, chunk := range splitIDs(ids, 500) {
			found, err := tx.FindAllPeople(ctx, model.PersonFilter{IDs: chunk, IncludeInactive: true})
			if err != nil {
				return err
			}
			for _, p := range found {
				people[p.ID] = p
			}
		}
		planned := map[int64]bool{}
		rows := make([]store.ActionPlanSeedRow, 0, len(seeds))
		for i, s := range seeds {
			mgr, ok := people[s.ManagerID]
			if !ok || !hadTeam[mgr.ID] {
				return fmt.Errorf("core: seed action plan %d: person %d had no team in this pulse", i+1, s.ManagerID)
			}
			if planned[mgr.ID] {
				return fmt.Errorf("core: seed action plan %d: %s has a plan for this pulse already", i+1, mgr.Name)
			}
			planned[mgr.ID] = true
			row := store.ActionPlanSeedRow{ActionPlanRecord: store.ActionPlanRecord{RoundID: r.ID, ManagerID: mgr.ID, Note: s.Note, AuthorName: mgr.Name}, Focus: s.Focus}
			for _, it := range s.Items {
				owner, ok := people[it.OwnerID]
				if !ok || !owner.Active || (owner.ID != mgr.ID && !isUnder(owner.Path, mgr.LinePrefix())) {
					return fmt.Errorf("core: seed action plan %d: the owner %d is not in %s's team", i+1, it.OwnerID, mgr.Name)
				}
				row.Items = append(row.Items, store.ActionItemSeedRow{ActionItemInput: it.ActionItemInput, Status: it.Status})
			}
			rows = append(rows, row)
		}
		if _, err := tx.InsertActionPlans(ctx, rows); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "action_plans_seeded", "survey_round", r.ID, fmt.Sprintf("%d action plans", len(rows)))
	})
}
