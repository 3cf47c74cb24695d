package store

import (
	"context"

	"throughline/internal/model"
)

// CreateReviewCycle inserts a cycle in draft.
func (tx *Tx) CreateReviewCycle(ctx context.Context, in model.ReviewCycleInput, byName string) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO review_cycles (name, period, status, self_due, manager_due, signoff_due, created_by_name, created_at)
		VALUES (?, ?, 'draft', ?, ?, ?, ?, ?)`, in.Name, in.Period, in.SelfDue, in.ManagerDue, in.SignoffDue, byName, tx.now.Unix())
	return id, wrap("create review cycle", err)
}

const cycleColumns = `c.id, c.name, c.period, c.status, c.self_due, c.manager_due, c.signoff_due, c.created_by_name, c.created_at, c.opened_at, c.closed_at`

func scanCycle(s interface{ Scan(...any) error }) (model.ReviewCycle, error) {
	var c model.ReviewCycle
	var status string
	err := s.Scan(&c.ID, &c.Name, &c.Period, &status, &c.SelfDue, &c.ManagerDue, &c.SignoffDue, &c.CreatedByName, &c.CreatedAt, &c.OpenedAt, &c.ClosedAt)
	c.Status = model.ReviewCycleStatus(status)
	return c, err
}

// FindReviewCycles lists the cycles, newest first, with their reviews counted by state.
func (tx *Tx) FindReviewCycles(ctx context.Context, ids []int64) ([]model.ReviewCycle, error) {
	q := `SELECT ` + cycleColumns + ` FROM review_cycles c`
	var args []any
	if ids != nil {
		if len(ids) == 0 {
			return nil, nil
		}
		q += ` WHERE c.id IN (` + placeholders(len(ids)) + `)`
		args = int64Args(ids)
	}
	rows, err := tx.query(ctx, q+` ORDER BY c.period DESC, c.id DESC`, args...)
	if err != nil {
		return nil, wrap("find review cycles", err)
	}
	var out []model.ReviewCycle
	for rows.Next() {
		c, err := scanCycle(rows)
		if err != nil {
			rows.Close()
			return nil, wrap("find review cycles", err)
		}
		c.ByState = map[model.ReviewState]int{}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, wrap("find review cycles", err)
	}
	return out, tx.countReviews(ctx, out)
}

func (tx *Tx) countReviews(ctx context.Context, cs []model.ReviewCycle) error {
	if len(cs) == 0 {
		return nil
	}
	idx := map[int64]int{}
	ids := make([]int64, len(cs))
	for i, c := range cs {
		idx[c.ID], ids[i] = i, c.ID
	}
	rows, err := tx.query(ctx, `SELECT cycle_id, state, count(*) FROM reviews WHERE cycle_id IN (`+placeholders(len(ids))+`) GROUP BY cycle_id, state`, int64Args(ids)...)
	if err != nil {
		return wrap("count reviews", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var state string
		var n int
		if err := rows.Scan(&id, &state, &n); err != nil {
			return wrap("count reviews", err)
		}
		c := &cs[idx[id]]
		c.ByState[model.ReviewState(state)] = n
		c.Total += n
	}
	return wrap("count reviews", rows.Err())
}

// FindReviewCycleByID returns one cycle with its counts.
func (tx *Tx) FindReviewCycleByID(ctx context.Context, id int64) (model.ReviewCycle, error) {
	cs, err := tx.FindReviewCycles(ctx, []int64{id})
	if err != nil {
		return model.ReviewCycle{}, err
	}
	if len(cs) == 0 {
		return model.ReviewCycle{}, wrap("find review cycle", ErrNotFound)
	}
	return cs[0], nil
}

// SetReviewCycleStatus opens or closes a cycle.
func (tx *Tx) SetReviewCycleStatus(ctx context.Context, id int64, status model.ReviewCycleStatus) error {
	col := "opened_at"
	if status == model.CycleClosed {
		col = "closed_at"
	}
	res, err := tx.exec(ctx, `UPDATE review_cycles SET status = ?, `+col+` = ? WHERE id = ?`, string(status), tx.now.Unix(), id)
	if err != nil {
		return wrap("set cycle status", err)
	}
	return mustAffect(res, "set cycle status")
}

// ReviewPair is a person reviewed in a cycle and their reviewer.
type ReviewPair struct {
	PersonID, ReviewerID int64
}

// InsertReviews creates the reviews of a cycle, in draft.
func (tx *Tx) InsertReviews(ctx context.Context, cycleID int64, pairs []ReviewPair) error {
	now := tx.now.Unix()
	rows := make([][]any, len(pairs))
	for i, p := range pairs {
		rows[i] = []any{cycleID, p.PersonID, nullInt64(p.ReviewerID), string(model.ReviewDraft), now}
	}
	return tx.insertMany(ctx, "reviews", []string{"cycle_id", "person_id", "reviewer_id", "state", "updated_at"}, rows)
}

// LaunchReviews moves a cycle's draft reviews to the self-review step.
func (tx *Tx) LaunchReviews(ctx context.Context, cycleID int64) error {
	_, err := tx.exec(ctx, `UPDATE reviews SET state = 'self_review', updated_at = ? WHERE cycle_id = ? AND state = 'draft'`, tx.now.Unix(), cycleID)
	return wrap("launch reviews", err)
}

// ReviewFilter selects reviews. Zero fields do not filter; Anyone matches reviews
// where the person is either the one reviewed or the reviewer.
type ReviewFilter struct {
	CycleID    int64
	PersonID   int64
	ReviewerID int64
	Anyone     int64
	Under      string // a line prefix: reviews of people below it
	States     []model.ReviewState
}

const reviewColumns = `r.id, r.cycle_id, c.name, c.period, c.status, c.self_due, c.manager_due, c.signoff_due,
	r.person_id, p.name, p.title, COALESCE(r.reviewer_id, 0), COALESCE(rv.name, ''), r.state, r.self_text, r.manager_text,
	r.self_submitted_at, r.manager_submitted_at, r.person_signed_at, r.reviewer_signed_at, r.scorecard_snapshot, r.updated_at`

const reviewFrom = ` FROM reviews r JOIN review_cycles c ON c.id = r.cycle_id JOIN people p ON p.id = r.person_id
	LEFT JOIN people rv ON rv.id = r.reviewer_id`

func scanReview(s interface{ Scan(...any) error }) (model.Review, error) {
	var r model.Review
	var cs, st string
	err := s.Scan(&r.ID, &r.CycleID, &r.CycleName, &r.CyclePeriod, &cs, &r.SelfDue, &r.ManagerDue, &r.SignoffDue,
		&r.PersonID, &r.PersonName, &r.PersonTitle, &r.ReviewerID, &r.ReviewerName, &st, &r.SelfText, &r.ManagerText,
		&r.SelfSubmittedAt, &r.ManagerSubmittedAt, &r.PersonSignedAt, &r.ReviewerSignedAt, &r.Snapshot, &r.UpdatedAt)
	r.CycleStatus, r.State = model.ReviewCycleStatus(cs), model.ReviewState(st)
	return r, err
}

// FindReviews returns the reviews matching f, newest cycle first, then by name.
func (tx *Tx) FindReviews(ctx context.Context, f ReviewFilter) ([]model.Review, error) {
	var conds []string
	var args []any
	if f.CycleID != 0 {
		conds = append(conds, "r.cycle_id = ?")
		args = append(args, f.CycleID)
	}
	if f.PersonID != 0 {
		conds = append(conds, "r.person_id = ?")
		args = append(args, f.PersonID)
	}
	if f.ReviewerID != 0 {
		conds = append(conds, "r.reviewer_id = ?")
		args = append(args, f.ReviewerID)
	}
	if f.Anyone != 0 {
		conds = append(conds, "(r.person_id = ? OR r.reviewer_id = ?)")
		args = append(args, f.Anyone, f.Anyone)
	}
	if f.Under != "" {
		lo, hi := SubtreeRange(f.Under)
		conds = append(conds, "p.path >= ? AND p.path < ?")
		args = append(args, lo, hi)
	}
	if len(f.States) > 0 {
		ss := make([]string, len(f.States))
		for i, s := range f.States {
			ss[i] = string(s)
		}
		conds = append(conds, "r.state IN ("+placeholders(len(ss))+")")
		args = append(args, stringArgs(ss)...)
	}
	rows, err := tx.query(ctx, `SELECT `+reviewColumns+reviewFrom+where(conds)+` ORDER BY c.period DESC, c.id DESC, p.name, r.id`, args...)
	if err != nil {
		return nil, wrap("find reviews", err)
	}
	defer rows.Close()
	var out []model.Review
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, wrap("find reviews", err)
		}
		out = append(out, r)
	}
	return out, wrap("find reviews", rows.Err())
}

// FindReviewByID returns one review, with every text; core decides what the viewer sees.
func (tx *Tx) FindReviewByID(ctx context.Context, id int64) (model.Review, error) {
	r, err := scanReview(tx.queryRow(ctx, `SELECT `+reviewColumns+reviewFrom+` WHERE r.id = ?`, id))
	return r, wrap("find review", err)
}

// UpdateReview writes a review's state, texts and timestamps.
func (tx *Tx) UpdateReview(ctx context.Context, r model.Review) error {
	res, err := tx.exec(ctx, `UPDATE reviews SET state = ?, self_text = ?, manager_text = ?, self_submitted_at = ?, manager_submitted_at = ?,
		person_signed_at = ?, reviewer_signed_at = ?, updated_at = ? WHERE id = ?`, string(r.State), r.SelfText, r.ManagerText,
		r.SelfSubmittedAt, r.ManagerSubmittedAt, r.PersonSignedAt, r.ReviewerSignedAt, tx.now.Unix(), r.ID)
	if err != nil {
		return wrap("update review", err)
	}
	return mustAffect(res, "update review")
}

// SetReviewSnapshots stores the frozen scorecards of reviews.
func (tx *Tx) SetReviewSnapshots(ctx context.Context, snaps map[int64]string) error {
	rows := make([][]any, 0, len(snaps))
	for id, s := range snaps {
		rows = append(rows, []any{id, s})
	}
	return tx.updateMany(ctx, "reviews", []bulkColumn{{"scorecard_snapshot", "TEXT"}}, rows)
}

// CreateReviewAction adds an agreed action.
func (tx *Tx) CreateReviewAction(ctx context.Context, reviewID int64, in model.ReviewActionInput) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO review_actions (review_id, text, owner_person_id, due_on, created_at) VALUES (?, ?, ?, ?, ?)`,
		reviewID, in.Text, nullInt64(in.OwnerID), in.DueOn, tx.now.Unix())
	return id, wrap("create review action", err)
}

// FindReviewActions lists a review's agreed actions.
func (tx *Tx) FindReviewActions(ctx context.Context, reviewID int64) ([]model.ReviewAction, error) {
	rows, err := tx.query(ctx, `SELECT a.id, a.review_id, a.text, COALESCE(a.owner_person_id, 0), COALESCE(p.name, ''), a.due_on, a.done, a.created_at
		FROM review_actions a LEFT JOIN people p ON p.id = a.owner_person_id WHERE a.review_id = ? ORDER BY a.id`, reviewID)
	if err != nil {
		return nil, wrap("review actions", err)
	}
	defer rows.Close()
	var out []model.ReviewAction
	for rows.Next() {
		var a model.ReviewAction
		if err := rows.Scan(&a.ID, &a.ReviewID, &a.Text, &a.OwnerID, &a.OwnerName, &a.DueOn, &a.Done, &a.CreatedAt); err != nil {
			return nil, wrap("review actions", err)
		}
		out = append(out, a)
	}
	return out, wrap("review actions", rows.Err())
}

// SetReviewActionDone marks an agreed action done or not.
func (tx *Tx) SetReviewActionDone(ctx context.Context, reviewID, actionID int64, done bool) error {
	res, err := tx.exec(ctx, `UPDATE review_actions SET done = ? WHERE id = ? AND review_id = ?`, done, actionID, reviewID)
	if err != nil {
		return wrap("review action done", err)
	}
	return mustAffect(res, "review action done")
}

// ReviewGoals returns a person's goals whose dates overlap a period, for the goals
// section of a review and the agenda of a check-in.
func (tx *Tx) ReviewGoals(ctx context.Context, personIDs []int64, starts, ends string) ([]model.ReviewGoal, error) {
	if len(personIDs) == 0 {
		return nil, nil
	}
	rows, err := tx.query(ctx, `SELECT id, title, progress, status FROM goals WHERE owner_person_id IN (`+placeholders(len(personIDs))+`)
		AND starts_on <= ? AND ends_on >= ? ORDER BY ends_on, id LIMIT 50`, append(int64Args(personIDs), ends, starts)...)
	if err != nil {
		return nil, wrap("review goals", err)
	}
	defer rows.Close()
	var out []model.ReviewGoal
	for rows.Next() {
		var g model.ReviewGoal
		if err := rows.Scan(&g.ID, &g.Title, &g.Progress, &g.Status); err != nil {
			return nil, wrap("review goals", err)
		}
		out = append(out, g)
	}
	return out, wrap("review goals", rows.Err())
}
