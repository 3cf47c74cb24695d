package store

import (
	"context"

	"throughline/internal/model"
)

// The bulk writers below seed action plans (the demo organization's history) in a few
// multi-row statements. Core checks every plan and action before it calls them.

// ActionPlanSeedRow is an action plan as written in bulk: the plan, its focus areas and
// its actions, each with its status.
type ActionPlanSeedRow struct {
	ActionPlanRecord
	Focus []model.Dimension
	Items []ActionItemSeedRow
}

// ActionItemSeedRow is an action of a seeded plan.
type ActionItemSeedRow struct {
	model.ActionItemInput
	Status string
}

// InsertActionPlans writes plans with their focus areas and actions, the actions of a
// plan in order, and returns the plans' ids in order.
func (tx *Tx) InsertActionPlans(ctx context.Context, plans []ActionPlanSeedRow) ([]int64, error) {
	now := tx.now.Unix()
	rows := make([][]any, len(plans))
	for i, p := range plans {
		rows[i] = []any{p.RoundID, p.ManagerID, p.Note, nullInt64(p.AccountID), p.AuthorName, now, now}
	}
	ids, err := tx.insertManyReturning(ctx, "action_plans", []string{"round_id", "manager_id", "note", "account_id", "author_name", "created_at", "updated_at"}, rows)
	if err != nil {
		return nil, err
	}
	var focus, items [][]any
	for i, p := range plans {
		for _, d := range p.Focus {
			focus = append(focus, []any{ids[i], string(d)})
		}
		for k, it := range p.Items {
			items = append(items, []any{ids[i], it.Title, nullInt64(it.OwnerID), it.DueOn, it.Status, k + 1, now, now})
		}
	}
	if err := tx.insertMany(ctx, "action_plan_focus", []string{"plan_id", "dimension"}, focus); err != nil {
		return nil, err
	}
	return ids, tx.insertMany(ctx, "action_items", []string{"plan_id", "title", "owner_person_id", "due_on", "status", "position", "created_at", "updated_at"}, items)
}
