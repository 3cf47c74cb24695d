package store

import (
	"context"
	"errors"
	"fmt"

	"throughline/internal/model"
)

// ErrFull is returned when a workshop session has no seat left.
var ErrFull = errors.New("store: the session is full")

const workshopColumns = `w.id, COALESCE(w.cohort_id, 0), COALESCE(c.name, ''), COALESCE(w.module_id, 0), COALESCE(m.title, ''), w.title, w.description,
	w.starts_at, w.ends_at, w.place, w.video_url, w.capacity, w.registered, COALESCE(w.facilitator_id, 0), COALESCE(f.name, ''), w.created_at`

const workshopFrom = ` FROM workshop_sessions w LEFT JOIN dev_cohorts c ON c.id = w.cohort_id LEFT JOIN dev_modules m ON m.id = w.module_id
	LEFT JOIN people f ON f.id = w.facilitator_id`

func scanWorkshop(s rowScanner) (model.WorkshopSession, error) {
	var w model.WorkshopSession
	err := s.Scan(&w.ID, &w.CohortID, &w.CohortName, &w.ModuleID, &w.ModuleTitle, &w.Title, &w.Description, &w.StartsAt, &w.EndsAt,
		&w.Place, &w.VideoURL, &w.Capacity, &w.Registered, &w.FacilitatorID, &w.FacilitatorName, &w.CreatedAt)
	return w, err
}

// WorkshopFilter selects workshop sessions.
type WorkshopFilter struct {
	IDs          []int64
	CohortIDs    []int64
	RegisteredID int64 // sessions this person registered for
	From, To     int64 // sessions starting at or after From, and before To (0: open)
	Limit        int
	Descending   bool
}

// FindWorkshops lists workshop sessions by start.
func (tx *Tx) FindWorkshops(ctx context.Context, f WorkshopFilter) ([]model.WorkshopSession, error) {
	var conds []string
	var args []any
	addIn(&conds, &args, "w.id", f.IDs)
	addIn(&conds, &args, "w.cohort_id", f.CohortIDs)
	if f.RegisteredID != 0 {
		conds = append(conds, "w.id IN (SELECT session_id FROM workshop_registrations WHERE person_id = ?)")
		args = append(args, f.RegisteredID)
	}
	if f.From != 0 {
		conds = append(conds, "w.starts_at >= ?")
		args = append(args, f.From)
	}
	if f.To != 0 {
		conds = append(conds, "w.starts_at < ?")
		args = append(args, f.To)
	}
	order := " ORDER BY w.starts_at, w.id"
	if f.Descending {
		order = " ORDER BY w.starts_at DESC, w.id DESC"
	}
	q := `SELECT ` + workshopColumns + workshopFrom + where(conds) + order
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	return collectRows(ctx, tx, "find workshops", q, args, scanWorkshop)
}

// FindWorkshopByID returns one session.
func (tx *Tx) FindWorkshopByID(ctx context.Context, id int64) (model.WorkshopSession, error) {
	w, err := scanWorkshop(tx.queryRow(ctx, `SELECT `+workshopColumns+workshopFrom+` WHERE w.id = ?`, id))
	return w, wrap("find workshop", err)
}

// CreateWorkshop writes a session.
func (tx *Tx) CreateWorkshop(ctx context.Context, in model.WorkshopInput) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO workshop_sessions (cohort_id, module_id, title, description, starts_at, ends_at, place, video_url, capacity,
		facilitator_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, nullInt64(in.CohortID), nullInt64(in.ModuleID), in.Title, in.Description,
		in.Start, in.End, in.Place, in.VideoURL, in.Capacity, nullInt64(in.FacilitatorID), tx.now.Unix())
	return id, wrap("create workshop", err)
}

// UpdateWorkshop changes a session. The capacity cannot fall below the registrations
// (the table's CHECK refuses it).
func (tx *Tx) UpdateWorkshop(ctx context.Context, id int64, in model.WorkshopInput) error {
	res, err := tx.exec(ctx, `UPDATE workshop_sessions SET cohort_id = ?, module_id = ?, title = ?, description = ?, starts_at = ?, ends_at = ?,
		place = ?, video_url = ?, capacity = ?, facilitator_id = ? WHERE id = ?`, nullInt64(in.CohortID), nullInt64(in.ModuleID), in.Title,
		in.Description, in.Start, in.End, in.Place, in.VideoURL, in.Capacity, nullInt64(in.FacilitatorID), id)
	if err != nil {
		return wrap("update workshop", err)
	}
	return mustAffect(res, "update workshop")
}

// RegisterSeat takes a seat for a person. The seat is taken by one conditional UPDATE of
// the session's count, which the database serializes: PostgreSQL re-checks the
// condition after a concurrent registration commits, and SQLite has one writer. So two
// people can never take the last seat. A second registration of the same person fails
// with ErrUnique, and the caller's transaction rolls the count back.
func (tx *Tx) RegisterSeat(ctx context.Context, sessionID, personID int64) error {
	res, err := tx.exec(ctx, `UPDATE workshop_sessions SET registered = registered + 1 WHERE id = ? AND registered < capacity`, sessionID)
	if err != nil {
		return wrap("register", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return wrap("register", err)
	} else if n == 0 {
		return fmt.Errorf("store: register: %w", ErrFull)
	}
	_, err = tx.exec(ctx, `INSERT INTO workshop_registrations (session_id, person_id, registered_at) VALUES (?, ?, ?)`, sessionID, personID, tx.now.Unix())
	return wrap("register", err)
}

// ReleaseSeat gives a seat back.
func (tx *Tx) ReleaseSeat(ctx context.Context, sessionID, personID int64) error {
	res, err := tx.exec(ctx, `DELETE FROM workshop_registrations WHERE session_id = ? AND person_id = ?`, sessionID, personID)
	if err != nil {
		return wrap("unregister", err)
	}
	if err := mustAffect(res, "unregister"); err != nil {
		return err
	}
	_, err = tx.exec(ctx, `UPDATE workshop_sessions SET registered = registered - 1 WHERE id = ?`, sessionID)
	return wrap("unregister", err)
}

// SeatHolders lists the people registered for a session.
func (tx *Tx) SeatHolders(ctx context.Context, sessionID int64) ([]model.Registration, error) {
	return collectRows(ctx, tx, "registrations", `SELECT r.person_id, p.name, p.title, r.attendance, r.registered_at
		FROM workshop_registrations r JOIN people p ON p.id = r.person_id WHERE r.session_id = ? ORDER BY p.name, p.id`, []any{sessionID},
		func(s rowScanner) (model.Registration, error) {
			var r model.Registration
			var a string
			err := s.Scan(&r.PersonID, &r.Name, &r.Title, &a, &r.RegisteredAt)
			r.Attendance = model.Attendance(a)
			return r, err
		})
}

// MyRegistrations returns a person's attendance in the sessions they registered for,
// among sessionIDs.
func (tx *Tx) MyRegistrations(ctx context.Context, personID int64, sessionIDs []int64) (map[int64]model.Attendance, error) {
	out := map[int64]model.Attendance{}
	if len(sessionIDs) == 0 {
		return out, nil
	}
	conds := []string{"person_id = ?"}
	args := []any{personID}
	addIn(&conds, &args, "session_id", sessionIDs)
	type row struct {
		id int64
		a  string
	}
	rows, err := collectRows(ctx, tx, "my registrations", `SELECT session_id, attendance FROM workshop_registrations`+where(conds), args,
		func(s rowScanner) (row, error) {
			var r row
			return r, s.Scan(&r.id, &r.a)
		})
	for _, r := range rows {
		out[r.id] = model.Attendance(r.a)
	}
	return out, err
}

// SetAttendance records whether a registered person attended.
func (tx *Tx) SetAttendance(ctx context.Context, sessionID, personID int64, a model.Attendance) error {
	res, err := tx.exec(ctx, `UPDATE workshop_registrations SET attendance = ? WHERE session_id = ? AND person_id = ?`, string(a), sessionID, personID)
	if err != nil {
		return wrap("set attendance", err)
	}
	return mustAffect(res, "set attendance")
}

// WorkshopSeed is a session with its registrations, for the demo generator.
type WorkshopSeed struct {
	model.WorkshopInput
	Registrations []model.Registration
}

// InsertWorkshops writes sessions with their registrations and returns their ids.
func (tx *Tx) InsertWorkshops(ctx context.Context, ws []WorkshopSeed) ([]int64, error) {
	now := tx.now.Unix()
	rows := make([][]any, len(ws))
	for i, w := range ws {
		rows[i] = []any{nullInt64(w.CohortID), nullInt64(w.ModuleID), w.Title, w.Description, w.Start, w.End, w.Place, w.VideoURL, w.Capacity,
			len(w.Registrations), nullInt64(w.FacilitatorID), now}
	}
	ids, err := tx.insertManyReturning(ctx, "workshop_sessions", []string{"cohort_id", "module_id", "title", "description", "starts_at", "ends_at",
		"place", "video_url", "capacity", "registered", "facilitator_id", "created_at"}, rows)
	if err != nil {
		return nil, err
	}
	var regs [][]any
	for i, w := range ws {
		for _, r := range w.Registrations {
			regs = append(regs, []any{ids[i], r.PersonID, string(r.Attendance), r.RegisteredAt})
		}
	}
	return ids, tx.insertMany(ctx, "workshop_registrations", []string{"session_id", "person_id", "attendance", "registered_at"}, regs)
}

// Calendar feeds.

// SetCalendarFeed stores the hash of a person's new feed token, replacing the old one.
func (tx *Tx) SetCalendarFeed(ctx context.Context, personID int64, hash string) error {
	_, err := tx.exec(ctx, `INSERT INTO calendar_feeds (person_id, token_hash, created_at) VALUES (?, ?, ?)
		ON CONFLICT (person_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`, personID, hash, tx.now.Unix())
	return wrap("set calendar feed", err)
}

// DeleteCalendarFeed revokes a person's feed.
func (tx *Tx) DeleteCalendarFeed(ctx context.Context, personID int64) error {
	_, err := tx.exec(ctx, `DELETE FROM calendar_feeds WHERE person_id = ?`, personID)
	return wrap("delete calendar feed", err)
}

// CalendarFeed returns whether a person has a feed and since when.
func (tx *Tx) CalendarFeed(ctx context.Context, personID int64) (model.CalendarFeed, error) {
	var f model.CalendarFeed
	err := tx.queryRow(ctx, `SELECT created_at FROM calendar_feeds WHERE person_id = ?`, personID).Scan(&f.CreatedAt)
	if err = wrap("calendar feed", err); errors.Is(err, ErrNotFound) {
		return f, nil
	}
	f.Active = err == nil
	return f, err
}

// FeedOwner returns the person whose feed token has this hash.
func (tx *Tx) FeedOwner(ctx context.Context, hash string) (int64, error) {
	var id int64
	err := tx.queryRow(ctx, `SELECT person_id FROM calendar_feeds WHERE token_hash = ?`, hash).Scan(&id)
	return id, wrap("feed owner", err)
}
