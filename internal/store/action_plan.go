package store

import (
	"context"
	"strings"

	"throughline/internal/model"
)

// ActionPlanRecord is an action plan as written.
type ActionPlanRecord struct {
	RoundID    int64
	ManagerID  int64
	Note       string
	AccountID  int64
	AuthorName string
}

// CreateActionPlan writes a plan for a manager's team after a round.
func (tx *Tx) CreateActionPlan(ctx context.Context, r ActionPlanRecord) (int64, error) {
	now := tx.now.Unix()
	id, err := tx.insertID(ctx, `INSERT INTO action_plans (round_id, manager_id, note, account_id, author_name, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, r.RoundID, r.ManagerID, r.Note, nullInt64(r.AccountID), r.AuthorName, now, now)
	return id, wrap("create action plan", err)
}

// UpdateActionPlanNote changes a plan's note.
func (tx *Tx) UpdateActionPlanNote(ctx context.Context, id int64, note string) error {
	res, err := tx.exec(ctx, `UPDATE action_plans SET note = ?, updated_at = ? WHERE id = ?`, note, tx.now.Unix(), id)
	if err != nil {
		return wrap("update action plan", err)
	}
	return mustAffect(res, "update action plan")
}

// SetActionPlanFocus replaces a plan's focus areas.
func (tx *Tx) SetActionPlanFocus(ctx context.Context, id int64, focus []model.Dimension) error {
	if _, err := tx.exec(ctx, `DELETE FROM action_plan_focus WHERE plan_id = ?`, id); err != nil {
		return wrap("set focus", err)
	}
	rows := make([][]any, len(focus))
	for i, d := range focus {
		rows[i] = []any{id, string(d)}
	}
	return tx.insertMany(ctx, "action_plan_focus", []string{"plan_id", "dimension"}, rows)
}

// ActionPlanFilter selects plans.
type ActionPlanFilter struct {
	IDs        []int64
	RoundIDs   []int64
	ManagerIDs []int64
	Limit      int
}

// FindActionPlans returns plans with their focus areas and actions, newest first.
func (tx *Tx) FindActionPlans(ctx context.Context, f ActionPlanFilter) ([]model.ActionPlan, error) {
	var conds []string
	var args []any
	in := func(col string, ids []int64) {
		if ids == nil {
			return
		}
		if len(ids) == 0 {
			conds = append(conds, "1 = 0")
			return
		}
		conds = append(conds, col+" IN ("+placeholders(len(ids))+")")
		args = append(args, int64Args(ids)...)
	}
	in("a.id", f.IDs)
	in("a.round_id", f.RoundIDs)
	in("a.manager_id", f.ManagerIDs)
	q := `SELECT a.id, a.round_id, r.opens_on, a.manager_id, p.name, a.note, a.author_name, a.created_at, a.updated_at
		FROM action_plans a JOIN survey_rounds r ON r.id = a.round_id JOIN people p ON p.id = a.manager_id` + where(conds) +
		` ORDER BY r.opens_on DESC, a.id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, wrap("find action plans", err)
	}
	var out []model.ActionPlan
	for rows.Next() {
		var p model.ActionPlan
		var opens string
		if err := rows.Scan(&p.ID, &p.RoundID, &opens, &p.ManagerID, &p.ManagerName, &p.Note, &p.AuthorName, &p.CreatedAt, &p.UpdatedAt); err != nil {
			rows.Close()
			return nil, wrap("find action plans", err)
		}
		p.RoundLabel = model.Round{OpensOn: opens}.Label()
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, wrap("find action plans", err)
	}
	ids := make([]int64, len(out))
	byID := map[int64]*model.ActionPlan{}
	for i := range out {
		ids[i] = out[i].ID
		byID[out[i].ID] = &out[i]
	}
	rows, err = tx.query(ctx, `SELECT plan_id, dimension FROM action_plan_focus WHERE plan_id IN (`+placeholders(len(ids))+`)`, int64Args(ids)...)
	if err != nil {
		return nil, wrap("find focus", err)
	}
	for rows.Next() {
		var id int64
		var d string
		if err := rows.Scan(&id, &d); err != nil {
			rows.Close()
			return nil, wrap("find focus", err)
		}
		byID[id].Focus = append(byID[id].Focus, model.Dimension(d))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, wrap("find focus", err)
	}
	for i := range out {
		sortDims(out[i].Focus)
	}
	rows, err = tx.query(ctx, `SELECT i.id, i.plan_id, i.title, COALESCE(i.owner_person_id, 0), COALESCE(o.name, ''), i.due_on, i.status
		FROM action_items i LEFT JOIN people o ON o.id = i.owner_person_id WHERE i.plan_id IN (`+placeholders(len(ids))+`)
		ORDER BY i.position, i.id`, int64Args(ids)...)
	if err != nil {
		return nil, wrap("find action items", err)
	}
	defer rows.Close()
	for rows.Next() {
		var it model.ActionItem
		if err := rows.Scan(&it.ID, &it.PlanID, &it.Title, &it.OwnerID, &it.OwnerName, &it.DueOn, &it.Status); err != nil {
			return nil, wrap("find action items", err)
		}
		byID[it.PlanID].Items = append(byID[it.PlanID].Items, it)
	}
	return out, wrap("find action items", rows.Err())
}

func sortDims(ds []model.Dimension) {
	order := map[model.Dimension]int{}
	for i, d := range model.FocusDimensions {
		order[d] = i
	}
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && order[ds[j]] < order[ds[j-1]]; j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}

// AddActionItem adds an action to a plan.
func (tx *Tx) AddActionItem(ctx context.Context, planID int64, in model.ActionItemInput) (int64, error) {
	now := tx.now.Unix()
	var pos int
	if err := tx.queryRow(ctx, `SELECT COALESCE(max(position), 0) + 1 FROM action_items WHERE plan_id = ?`, planID).Scan(&pos); err != nil {
		return 0, wrap("add action", err)
	}
	id, err := tx.insertID(ctx, `INSERT INTO action_items (plan_id, title, owner_person_id, due_on, status, position, created_at, updated_at)
		VALUES (?, ?, ?, ?, 'open', ?, ?, ?)`, planID, in.Title, nullInt64(in.OwnerID), in.DueOn, pos, now, now)
	if err == nil {
		_, err = tx.exec(ctx, `UPDATE action_plans SET updated_at = ? WHERE id = ?`, now, planID)
	}
	return id, wrap("add action", err)
}

// FindActionItem returns one action.
func (tx *Tx) FindActionItem(ctx context.Context, id int64) (model.ActionItem, error) {
	var it model.ActionItem
	err := tx.queryRow(ctx, `SELECT i.id, i.plan_id, i.title, COALESCE(i.owner_person_id, 0), COALESCE(o.name, ''), i.due_on, i.status
		FROM action_items i LEFT JOIN people o ON o.id = i.owner_person_id WHERE i.id = ?`, id).
		Scan(&it.ID, &it.PlanID, &it.Title, &it.OwnerID, &it.OwnerName, &it.DueOn, &it.Status)
	return it, wrap("find action", err)
}

// SetActionItemStatus sets an action open, done or dropped.
func (tx *Tx) SetActionItemStatus(ctx context.Context, id int64, status string) error {
	status = strings.ToLower(status)
	res, err := tx.exec(ctx, `UPDATE action_items SET status = ?, updated_at = ? WHERE id = ?`, status, tx.now.Unix(), id)
	if err != nil {
		return wrap("set action status", err)
	}
	return mustAffect(res, "set action status")
}
