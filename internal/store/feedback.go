package store

import (
	"context"

	"throughline/internal/model"
)

// CreateFeedback inserts a piece of feedback.
func (tx *Tx) CreateFeedback(ctx context.Context, fromID int64, in model.FeedbackInput) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO feedback (from_person_id, to_person_id, visibility, text, value_id, competency, request_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, fromID, in.ToID, string(in.Visibility), in.Text, nullInt64(in.ValueID), in.Competency,
		nullInt64(in.RequestID), tx.now.Unix())
	return id, wrap("create feedback", err)
}

// FeedbackFilter selects feedback. Core decides what a viewer may read; the filter only
// narrows.
type FeedbackFilter struct {
	ToID       int64
	FromID     int64
	ToIDs      []int64 // any of these recipients
	Visibility model.FeedbackVisibility
	Limit      int
}

// FindFeedback returns feedback, newest first.
func (tx *Tx) FindFeedback(ctx context.Context, f FeedbackFilter) ([]model.Feedback, error) {
	var conds []string
	var args []any
	if f.ToID != 0 {
		conds = append(conds, "f.to_person_id = ?")
		args = append(args, f.ToID)
	}
	if f.FromID != 0 {
		conds = append(conds, "f.from_person_id = ?")
		args = append(args, f.FromID)
	}
	if f.ToIDs != nil {
		if len(f.ToIDs) == 0 {
			return nil, nil
		}
		conds = append(conds, "f.to_person_id IN ("+placeholders(len(f.ToIDs))+")")
		args = append(args, int64Args(f.ToIDs)...)
	}
	if f.Visibility != "" {
		conds = append(conds, "f.visibility = ?")
		args = append(args, string(f.Visibility))
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	rows, err := tx.query(ctx, `SELECT f.id, f.from_person_id, fp.name, f.to_person_id, tp.name, f.visibility, f.text,
		COALESCE(f.value_id, 0), COALESCE(v.name, ''), f.competency, COALESCE(f.request_id, 0), f.created_at
		FROM feedback f JOIN people fp ON fp.id = f.from_person_id JOIN people tp ON tp.id = f.to_person_id
		LEFT JOIN org_values v ON v.id = f.value_id`+where(conds)+` ORDER BY f.created_at DESC, f.id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, wrap("find feedback", err)
	}
	defer rows.Close()
	var out []model.Feedback
	for rows.Next() {
		var x model.Feedback
		var vis string
		if err := rows.Scan(&x.ID, &x.FromID, &x.FromName, &x.ToID, &x.ToName, &vis, &x.Text, &x.ValueID, &x.ValueName,
			&x.Competency, &x.RequestID, &x.CreatedAt); err != nil {
			return nil, wrap("find feedback", err)
		}
		x.Visibility = model.FeedbackVisibility(vis)
		out = append(out, x)
	}
	return out, wrap("find feedback", rows.Err())
}

// CreateFeedbackRequest asks someone for feedback.
func (tx *Tx) CreateFeedbackRequest(ctx context.Context, fromID int64, in model.FeedbackRequestInput) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO feedback_requests (from_person_id, to_person_id, message, status, created_at) VALUES (?, ?, ?, 'open', ?)`,
		fromID, in.ToID, in.Message, tx.now.Unix())
	return id, wrap("create feedback request", err)
}

// FindFeedbackRequests returns requests to or from a person, newest first.
func (tx *Tx) FindFeedbackRequests(ctx context.Context, toID, fromID int64, status model.FeedbackRequestStatus) ([]model.FeedbackRequest, error) {
	var conds []string
	var args []any
	if toID != 0 {
		conds = append(conds, "q.to_person_id = ?")
		args = append(args, toID)
	}
	if fromID != 0 {
		conds = append(conds, "q.from_person_id = ?")
		args = append(args, fromID)
	}
	if status != "" {
		conds = append(conds, "q.status = ?")
		args = append(args, string(status))
	}
	rows, err := tx.query(ctx, `SELECT q.id, q.from_person_id, fp.name, q.to_person_id, tp.name, q.message, q.status, q.created_at, q.answered_at
		FROM feedback_requests q JOIN people fp ON fp.id = q.from_person_id JOIN people tp ON tp.id = q.to_person_id`+
		where(conds)+` ORDER BY q.created_at DESC, q.id DESC LIMIT 50`, args...)
	if err != nil {
		return nil, wrap("find feedback requests", err)
	}
	defer rows.Close()
	var out []model.FeedbackRequest
	for rows.Next() {
		var q model.FeedbackRequest
		var st string
		if err := rows.Scan(&q.ID, &q.FromID, &q.FromName, &q.ToID, &q.ToName, &q.Message, &st, &q.CreatedAt, &q.AnsweredAt); err != nil {
			return nil, wrap("find feedback requests", err)
		}
		q.Status = model.FeedbackRequestStatus(st)
		out = append(out, q)
	}
	return out, wrap("find feedback requests", rows.Err())
}

// FindFeedbackRequestByID returns one request.
func (tx *Tx) FindFeedbackRequestByID(ctx context.Context, id int64) (model.FeedbackRequest, error) {
	var q model.FeedbackRequest
	var st string
	err := tx.queryRow(ctx, `SELECT id, from_person_id, to_person_id, message, status, created_at, answered_at FROM feedback_requests WHERE id = ?`, id).
		Scan(&q.ID, &q.FromID, &q.ToID, &q.Message, &st, &q.CreatedAt, &q.AnsweredAt)
	q.Status = model.FeedbackRequestStatus(st)
	return q, wrap("find feedback request", err)
}

// SetFeedbackRequestStatus answers or declines a request.
func (tx *Tx) SetFeedbackRequestStatus(ctx context.Context, id int64, status model.FeedbackRequestStatus) error {
	res, err := tx.exec(ctx, `UPDATE feedback_requests SET status = ?, answered_at = ? WHERE id = ?`, string(status), tx.now.Unix(), id)
	if err != nil {
		return wrap("answer feedback request", err)
	}
	return mustAffect(res, "answer feedback request")
}

// ActiveValues lists the organization's active values (id, name and description), for
// tagging feedback.
func (tx *Tx) ActiveValues(ctx context.Context) ([]model.Value, error) {
	rows, err := tx.query(ctx, `SELECT id, name, description FROM org_values WHERE active ORDER BY position, id`)
	if err != nil {
		return nil, wrap("active values", err)
	}
	defer rows.Close()
	var out []model.Value
	for rows.Next() {
		var v model.Value
		if err := rows.Scan(&v.ID, &v.Name, &v.Description); err != nil {
			return nil, wrap("active values", err)
		}
		v.Active = true
		out = append(out, v)
	}
	return out, wrap("active values", rows.Err())
}
