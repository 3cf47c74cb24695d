package store

import (
	"context"
	"errors"

	"throughline/internal/model"
)

// Coaching: assignments, sessions, the coach's private notes and shared commitments.

const assignmentColumns = `a.id, a.coach_id, c.name, a.coachee_id, e.name, TRIM(e.title || CASE WHEN d.name IS NULL THEN '' ELSE ', ' || d.name END),
	a.focus, a.started_on, a.ended_on,
	(SELECT count(*) FROM coaching_sessions s WHERE s.assignment_id = a.id AND s.status <> 'cancelled'),
	COALESCE((SELECT min(s.starts_at) FROM coaching_sessions s WHERE s.assignment_id = a.id AND s.status = 'scheduled' AND s.starts_at >= ?), 0)`

const assignmentFrom = ` FROM coaching_assignments a JOIN people c ON c.id = a.coach_id JOIN people e ON e.id = a.coachee_id
	LEFT JOIN departments d ON d.id = e.department_id`

func scanAssignment(s rowScanner) (model.CoachingAssignment, error) {
	var a model.CoachingAssignment
	err := s.Scan(&a.ID, &a.CoachID, &a.CoachName, &a.CoacheeID, &a.CoacheeName, &a.CoacheeLine, &a.Focus, &a.StartedOn, &a.EndedOn, &a.Sessions, &a.NextSession)
	return a, err
}

// AssignmentFilter selects coaching assignments.
type AssignmentFilter struct {
	IDs        []int64
	CoachID    int64
	CoacheeID  int64
	ActiveOnly bool
}

// FindAssignments lists coaching assignments, active first, then by coachee.
func (tx *Tx) FindAssignments(ctx context.Context, f AssignmentFilter) ([]model.CoachingAssignment, error) {
	args := []any{tx.now.Unix()}
	var conds []string
	addIn(&conds, &args, "a.id", f.IDs)
	if f.CoachID != 0 {
		conds = append(conds, "a.coach_id = ?")
		args = append(args, f.CoachID)
	}
	if f.CoacheeID != 0 {
		conds = append(conds, "a.coachee_id = ?")
		args = append(args, f.CoacheeID)
	}
	if f.ActiveOnly {
		conds = append(conds, "a.ended_on = ''")
	}
	return collectRows(ctx, tx, "find assignments", `SELECT `+assignmentColumns+assignmentFrom+where(conds)+
		` ORDER BY CASE WHEN a.ended_on = '' THEN 0 ELSE 1 END, e.name, a.id`, args, scanAssignment)
}

// FindAssignmentByID returns one assignment.
func (tx *Tx) FindAssignmentByID(ctx context.Context, id int64) (model.CoachingAssignment, error) {
	a, err := scanAssignment(tx.queryRow(ctx, `SELECT `+assignmentColumns+assignmentFrom+` WHERE a.id = ?`, tx.now.Unix(), id))
	return a, wrap("find assignment", err)
}

// CreateAssignment pairs a coach with a coachee; an active pair exists once.
func (tx *Tx) CreateAssignment(ctx context.Context, in model.CoachingAssignmentInput, startedOn string) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO coaching_assignments (coach_id, coachee_id, focus, started_on, created_at) VALUES (?, ?, ?, ?, ?)`,
		in.CoachID, in.CoacheeID, in.Focus, startedOn, tx.now.Unix())
	return id, wrap("create assignment", err)
}

// EndAssignment ends an active assignment.
func (tx *Tx) EndAssignment(ctx context.Context, id int64, endedOn string) error {
	res, err := tx.exec(ctx, `UPDATE coaching_assignments SET ended_on = ? WHERE id = ? AND ended_on = ''`, endedOn, id)
	if err != nil {
		return wrap("end assignment", err)
	}
	return mustAffect(res, "end assignment")
}

// ActiveCoaching reports whether coach has an active assignment with coachee.
func (tx *Tx) ActiveCoaching(ctx context.Context, coachID, coacheeID int64) (bool, error) {
	n, err := tx.count(ctx, `SELECT count(*) FROM coaching_assignments WHERE coach_id = ? AND coachee_id = ? AND ended_on = ''`, coachID, coacheeID)
	return n > 0, wrap("active coaching", err)
}

// Sessions.

// CoachingSessions lists the sessions of assignments by start.
func (tx *Tx) CoachingSessions(ctx context.Context, assignmentIDs []int64) ([]model.CoachingSession, error) {
	var conds []string
	var args []any
	addIn(&conds, &args, "s.assignment_id", assignmentIDs)
	return collectRows(ctx, tx, "coaching sessions", `SELECT s.id, s.assignment_id, s.starts_at, s.ends_at, s.place, s.status, s.created_at
		FROM coaching_sessions s`+where(conds)+` ORDER BY s.starts_at, s.id`, args, scanCoachingSession)
}

func scanCoachingSession(s rowScanner) (model.CoachingSession, error) {
	var x model.CoachingSession
	var st string
	err := s.Scan(&x.ID, &x.AssignmentID, &x.StartsAt, &x.EndsAt, &x.Place, &st, &x.CreatedAt)
	x.Status = model.SessionStatus(st)
	return x, err
}

// FindCoachingSession returns one session.
func (tx *Tx) FindCoachingSession(ctx context.Context, id int64) (model.CoachingSession, error) {
	s, err := scanCoachingSession(tx.queryRow(ctx, `SELECT s.id, s.assignment_id, s.starts_at, s.ends_at, s.place, s.status, s.created_at
		FROM coaching_sessions s WHERE s.id = ?`, id))
	return s, wrap("find coaching session", err)
}

// CreateCoachingSession schedules a session.
func (tx *Tx) CreateCoachingSession(ctx context.Context, assignmentID int64, in model.CoachingSessionInput) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO coaching_sessions (assignment_id, starts_at, ends_at, place, status, created_at) VALUES (?, ?, ?, ?, 'scheduled', ?)`,
		assignmentID, in.Start, in.End, in.Place, tx.now.Unix())
	return id, wrap("create coaching session", err)
}

// SetCoachingSessionStatus marks a session held or cancelled.
func (tx *Tx) SetCoachingSessionStatus(ctx context.Context, id int64, st model.SessionStatus) error {
	res, err := tx.exec(ctx, `UPDATE coaching_sessions SET status = ? WHERE id = ?`, string(st), id)
	if err != nil {
		return wrap("session status", err)
	}
	return mustAffect(res, "session status")
}

// CoachingNote returns the note a coach wrote on a session ("" when none).
func (tx *Tx) CoachingNote(ctx context.Context, sessionID, coachID int64) (string, error) {
	var body string
	err := tx.queryRow(ctx, `SELECT body FROM coaching_notes WHERE session_id = ? AND coach_id = ?`, sessionID, coachID).Scan(&body)
	if err = wrap("coaching note", err); errors.Is(err, ErrNotFound) {
		return "", nil
	}
	return body, err
}

// SetCoachingNote writes a coach's note on a session; an empty text deletes it.
func (tx *Tx) SetCoachingNote(ctx context.Context, sessionID, coachID int64, body string) error {
	if body == "" {
		_, err := tx.exec(ctx, `DELETE FROM coaching_notes WHERE session_id = ? AND coach_id = ?`, sessionID, coachID)
		return wrap("coaching note", err)
	}
	_, err := tx.exec(ctx, `INSERT INTO coaching_notes (session_id, coach_id, body, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (session_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`, sessionID, coachID, body, tx.now.Unix())
	return wrap("coaching note", err)
}

// NotedSessions returns which of a coach's sessions carry a note of theirs.
func (tx *Tx) NotedSessions(ctx context.Context, coachID int64, sessionIDs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(sessionIDs) == 0 {
		return out, nil
	}
	conds := []string{"coach_id = ?"}
	args := []any{coachID}
	addIn(&conds, &args, "session_id", sessionIDs)
	ids, err := collectRows(ctx, tx, "noted sessions", `SELECT session_id FROM coaching_notes`+where(conds), args, func(s rowScanner) (int64, error) {
		var id int64
		return id, s.Scan(&id)
	})
	for _, id := range ids {
		out[id] = true
	}
	return out, err
}

// Commitments.

// Commitments lists an assignment's commitments, open first.
func (tx *Tx) Commitments(ctx context.Context, assignmentID int64) ([]model.Commitment, error) {
	return collectRows(ctx, tx, "commitments", `SELECT id, assignment_id, text, owner, due_on, done, created_at FROM coaching_commitments
		WHERE assignment_id = ? ORDER BY done, CASE WHEN due_on = '' THEN 1 ELSE 0 END, due_on, id`, []any{assignmentID},
		func(s rowScanner) (model.Commitment, error) {
			var c model.Commitment
			return c, s.Scan(&c.ID, &c.AssignmentID, &c.Text, &c.Owner, &c.DueOn, &c.Done, &c.CreatedAt)
		})
}

// FindCommitment returns one commitment.
func (tx *Tx) FindCommitment(ctx context.Context, id int64) (model.Commitment, error) {
	var c model.Commitment
	err := tx.queryRow(ctx, `SELECT id, assignment_id, text, owner, due_on, done, created_at FROM coaching_commitments WHERE id = ?`, id).
		Scan(&c.ID, &c.AssignmentID, &c.Text, &c.Owner, &c.DueOn, &c.Done, &c.CreatedAt)
	return c, wrap("find commitment", err)
}

// CreateCommitment adds a commitment.
func (tx *Tx) CreateCommitment(ctx context.Context, assignmentID int64, in model.CommitmentInput) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO coaching_commitments (assignment_id, text, owner, due_on, created_at) VALUES (?, ?, ?, ?, ?)`,
		assignmentID, in.Text, in.Owner, in.DueOn, tx.now.Unix())
	return id, wrap("create commitment", err)
}

// SetCommitmentDone marks a commitment done or open.
func (tx *Tx) SetCommitmentDone(ctx context.Context, id int64, done bool) error {
	res, err := tx.exec(ctx, `UPDATE coaching_commitments SET done = ? WHERE id = ?`, done, id)
	if err != nil {
		return wrap("commitment done", err)
	}
	return mustAffect(res, "commitment done")
}

// CoachingSeed is an assignment with its sessions and commitments, for the demo.
type CoachingSeed struct {
	Assignment  model.CoachingAssignmentInput
	StartedOn   string
	Sessions    []model.CoachingSession
	Commitments []model.Commitment
}

// InsertCoaching writes many assignments with their sessions and commitments.
func (tx *Tx) InsertCoaching(ctx context.Context, seeds []CoachingSeed) error {
	now := tx.now.Unix()
	rows := make([][]any, len(seeds))
	for i, s := range seeds {
		rows[i] = []any{s.Assignment.CoachID, s.Assignment.CoacheeID, s.Assignment.Focus, s.StartedOn, now}
	}
	ids, err := tx.insertManyReturning(ctx, "coaching_assignments", []string{"coach_id", "coachee_id", "focus", "started_on", "created_at"}, rows)
	if err != nil {
		return err
	}
	var sess, coms [][]any
	for i, s := range seeds {
		for _, x := range s.Sessions {
			sess = append(sess, []any{ids[i], x.StartsAt, x.EndsAt, x.Place, string(x.Status), now})
		}
		for _, c := range s.Commitments {
			coms = append(coms, []any{ids[i], c.Text, c.Owner, c.DueOn, c.Done, now})
		}
	}
	if err := tx.insertMany(ctx, "coaching_sessions", []string{"assignment_id", "starts_at", "ends_at", "place", "status", "created_at"}, sess); err != nil {
		return err
	}
	return tx.insertMany(ctx, "coaching_commitments", []string{"assignment_id", "text", "owner", "due_on", "done", "created_at"}, coms)
}
