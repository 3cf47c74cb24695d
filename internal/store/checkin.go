package store

import (
	"context"
	"database/sql"
	"errors"

	"throughline/internal/model"
)

// CreateCheckinSeries starts a series between a manager and a report.
func (tx *Tx) CreateCheckinSeries(ctx context.Context, managerID, reportID int64, cadence int) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO checkin_series (manager_id, report_id, cadence_days, active, created_at) VALUES (?, ?, ?, TRUE, ?)`,
		managerID, reportID, cadence, tx.now.Unix())
	return id, wrap("create check-in series", err)
}

const seriesColumns = `s.id, s.manager_id, m.name, s.report_id, r.name, r.title, s.cadence_days, s.active, s.created_at,
	COALESCE((SELECT min(c.id) FROM checkins c WHERE c.series_id = s.id AND c.status = 'planned'), 0),
	COALESCE((SELECT min(c.scheduled_on) FROM checkins c WHERE c.series_id = s.id AND c.status = 'planned'), ''),
	COALESCE((SELECT max(c.scheduled_on) FROM checkins c WHERE c.series_id = s.id AND c.status = 'done'), ''),
	(SELECT count(*) FROM checkins c WHERE c.series_id = s.id AND c.status = 'done'),
	(SELECT count(*) FROM checkin_actions a WHERE a.series_id = s.id AND a.done_at = 0)`

const seriesFrom = ` FROM checkin_series s JOIN people m ON m.id = s.manager_id JOIN people r ON r.id = s.report_id`

func scanSeries(s interface{ Scan(...any) error }) (model.CheckinSeries, error) {
	var x model.CheckinSeries
	err := s.Scan(&x.ID, &x.ManagerID, &x.ManagerName, &x.ReportID, &x.ReportName, &x.ReportTitle, &x.CadenceDays, &x.Active, &x.CreatedAt,
		&x.NextID, &x.NextOn, &x.LastOn, &x.Held, &x.OpenActions)
	return x, err
}

// FindCheckinSeriesOf lists the series a person takes part in, as manager or report.
func (tx *Tx) FindCheckinSeriesOf(ctx context.Context, personID int64) ([]model.CheckinSeries, error) {
	rows, err := tx.query(ctx, `SELECT `+seriesColumns+seriesFrom+` WHERE s.manager_id = ? OR s.report_id = ? ORDER BY r.name, s.id`, personID, personID)
	if err != nil {
		return nil, wrap("find check-in series", err)
	}
	defer rows.Close()
	var out []model.CheckinSeries
	for rows.Next() {
		x, err := scanSeries(rows)
		if err != nil {
			return nil, wrap("find check-in series", err)
		}
		out = append(out, x)
	}
	return out, wrap("find check-in series", rows.Err())
}

// FindCheckinSeriesByID returns one series.
func (tx *Tx) FindCheckinSeriesByID(ctx context.Context, id int64) (model.CheckinSeries, error) {
	x, err := scanSeries(tx.queryRow(ctx, `SELECT `+seriesColumns+seriesFrom+` WHERE s.id = ?`, id))
	return x, wrap("find check-in series", err)
}

// FindCheckinSeriesPair returns the series of a manager and a report, if there is one.
func (tx *Tx) FindCheckinSeriesPair(ctx context.Context, managerID, reportID int64) (model.CheckinSeries, error) {
	x, err := scanSeries(tx.queryRow(ctx, `SELECT `+seriesColumns+seriesFrom+` WHERE s.manager_id = ? AND s.report_id = ?`, managerID, reportID))
	return x, wrap("find check-in series", err)
}

// CreateCheckin plans a check-in of a series.
func (tx *Tx) CreateCheckin(ctx context.Context, seriesID int64, on string) (int64, error) {
	now := tx.now.Unix()
	id, err := tx.insertID(ctx, `INSERT INTO checkins (series_id, scheduled_on, status, created_at, updated_at) VALUES (?, ?, 'planned', ?, ?)`,
		seriesID, on, now, now)
	return id, wrap("create check-in", err)
}

// FindCheckinByID returns a check-in with its series' people, without its agenda.
func (tx *Tx) FindCheckinByID(ctx context.Context, id int64) (model.Checkin, error) {
	var c model.Checkin
	var status string
	err := tx.queryRow(ctx, `SELECT c.id, c.series_id, s.manager_id, m.name, s.report_id, r.name, r.title, s.cadence_days,
		c.scheduled_on, c.status, c.shared_notes, c.completed_at, c.updated_at,
		COALESCE((SELECT p.id FROM checkins p WHERE p.series_id = c.series_id AND (p.scheduled_on < c.scheduled_on OR (p.scheduled_on = c.scheduled_on AND p.id < c.id)) ORDER BY p.scheduled_on DESC, p.id DESC LIMIT 1), 0),
		COALESCE((SELECT n.id FROM checkins n WHERE n.series_id = c.series_id AND (n.scheduled_on > c.scheduled_on OR (n.scheduled_on = c.scheduled_on AND n.id > c.id)) ORDER BY n.scheduled_on, n.id LIMIT 1), 0)
		FROM checkins c JOIN checkin_series s ON s.id = c.series_id JOIN people m ON m.id = s.manager_id JOIN people r ON r.id = s.report_id
		WHERE c.id = ?`, id).Scan(&c.ID, &c.SeriesID, &c.ManagerID, &c.ManagerName, &c.ReportID, &c.ReportName, &c.ReportTitle, &c.CadenceDays,
		&c.ScheduledOn, &status, &c.SharedNotes, &c.CompletedAt, &c.UpdatedAt, &c.PrevID, &c.NextID)
	c.Status = model.CheckinStatus(status)
	return c, wrap("find check-in", err)
}

// FindCheckinsOfSeries lists the check-ins of a series, newest first.
func (tx *Tx) FindCheckinsOfSeries(ctx context.Context, seriesID int64, limit int) ([]model.Checkin, error) {
	rows, err := tx.query(ctx, `SELECT c.id, c.scheduled_on, c.status, c.completed_at,
		(SELECT count(*) FROM checkin_points p WHERE p.checkin_id = c.id)
		FROM checkins c WHERE c.series_id = ? ORDER BY c.scheduled_on DESC, c.id DESC LIMIT ?`, seriesID, limit)
	if err != nil {
		return nil, wrap("check-ins of series", err)
	}
	defer rows.Close()
	var out []model.Checkin
	for rows.Next() {
		var c model.Checkin
		var status string
		var points int
		if err := rows.Scan(&c.ID, &c.ScheduledOn, &status, &c.CompletedAt, &points); err != nil {
			return nil, wrap("check-ins of series", err)
		}
		c.Status, c.SeriesID = model.CheckinStatus(status), seriesID
		c.Points = make([]model.CheckinPoint, points) // only the count is used in lists
		out = append(out, c)
	}
	return out, wrap("check-ins of series", rows.Err())
}

// CheckinPoints lists a check-in's talking points.
func (tx *Tx) CheckinPoints(ctx context.Context, checkinID int64) ([]model.CheckinPoint, error) {
	rows, err := tx.query(ctx, `SELECT p.id, p.checkin_id, p.author_id, a.name, p.text, COALESCE(p.goal_id, 0), COALESCE(g.title, ''),
		COALESCE(p.metric_id, 0), COALESCE(m.name, ''), p.discussed, p.created_at
		FROM checkin_points p JOIN people a ON a.id = p.author_id
		LEFT JOIN goals g ON g.id = p.goal_id LEFT JOIN metrics m ON m.id = p.metric_id
		WHERE p.checkin_id = ? ORDER BY p.id`, checkinID)
	if err != nil {
		return nil, wrap("check-in points", err)
	}
	defer rows.Close()
	var out []model.CheckinPoint
	for rows.Next() {
		var p model.CheckinPoint
		if err := rows.Scan(&p.ID, &p.CheckinID, &p.AuthorID, &p.AuthorName, &p.Text, &p.GoalID, &p.GoalTitle, &p.MetricID, &p.MetricName,
			&p.Discussed, &p.CreatedAt); err != nil {
			return nil, wrap("check-in points", err)
		}
		out = append(out, p)
	}
	return out, wrap("check-in points", rows.Err())
}

// AddCheckinPoint adds a talking point.
func (tx *Tx) AddCheckinPoint(ctx context.Context, checkinID, authorID int64, in model.CheckinPointInput, discussed bool) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO checkin_points (checkin_id, author_id, text, goal_id, metric_id, discussed, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, checkinID, authorID, in.Text, nullInt64(in.GoalID), nullInt64(in.MetricID), discussed, tx.now.Unix())
	return id, wrap("add talking point", err)
}

// SetPointDiscussed ticks a talking point.
func (tx *Tx) SetPointDiscussed(ctx context.Context, checkinID, pointID int64, discussed bool) error {
	res, err := tx.exec(ctx, `UPDATE checkin_points SET discussed = ? WHERE id = ? AND checkin_id = ?`, discussed, pointID, checkinID)
	if err != nil {
		return wrap("tick talking point", err)
	}
	return mustAffect(res, "tick talking point")
}

// SetSharedNotes saves a check-in's shared notes.
func (tx *Tx) SetSharedNotes(ctx context.Context, checkinID int64, text string) error {
	res, err := tx.exec(ctx, `UPDATE checkins SET shared_notes = ?, updated_at = ? WHERE id = ?`, text, tx.now.Unix(), checkinID)
	if err != nil {
		return wrap("shared notes", err)
	}
	return mustAffect(res, "shared notes")
}

// PrivateNote returns the note one author wrote on a check-in, or "". It is the only
// query that reads private notes, and it always names the author: core passes the
// viewer's own person id, so no one reads anyone else's note.
func (tx *Tx) PrivateNote(ctx context.Context, checkinID, authorID int64) (string, error) {
	var s string
	err := tx.queryRow(ctx, `SELECT text FROM checkin_private_notes WHERE checkin_id = ? AND author_person_id = ?`, checkinID, authorID).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return s, wrap("private note", err)
}

// SetPrivateNote saves (or, when empty, deletes) an author's private note.
func (tx *Tx) SetPrivateNote(ctx context.Context, checkinID, authorID int64, text string) error {
	if text == "" {
		_, err := tx.exec(ctx, `DELETE FROM checkin_private_notes WHERE checkin_id = ? AND author_person_id = ?`, checkinID, authorID)
		return wrap("private note", err)
	}
	_, err := tx.exec(ctx, `INSERT INTO checkin_private_notes (checkin_id, author_person_id, text, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (checkin_id, author_person_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
		checkinID, authorID, text, tx.now.Unix())
	return wrap("private note", err)
}

// CheckinActions lists the action items sitting in a check-in: those created there and
// those carried into it, open ones first.
func (tx *Tx) CheckinActions(ctx context.Context, checkinID int64) ([]model.CheckinAction, error) {
	return tx.findActions(ctx, `a.checkin_id = ?`, checkinID)
}

// OpenActionsOwnedBy lists the open action items a person owns, across their series.
func (tx *Tx) OpenActionsOwnedBy(ctx context.Context, personID int64) ([]model.CheckinAction, error) {
	return tx.findActions(ctx, `a.owner_person_id = ? AND a.done_at = 0`, personID)
}

func (tx *Tx) findActions(ctx context.Context, cond string, args ...any) ([]model.CheckinAction, error) {
	rows, err := tx.query(ctx, `SELECT a.id, a.series_id, a.checkin_id, a.origin_checkin_id, o.scheduled_on, a.text, a.owner_person_id, p.name,
		a.due_on, a.carried, a.done_at, a.created_at
		FROM checkin_actions a JOIN people p ON p.id = a.owner_person_id JOIN checkins o ON o.id = a.origin_checkin_id
		WHERE `+cond+` ORDER BY a.done_at <> 0, a.due_on = '', a.due_on, a.id`, args...)
	if err != nil {
		return nil, wrap("check-in actions", err)
	}
	defer rows.Close()
	var out []model.CheckinAction
	for rows.Next() {
		var a model.CheckinAction
		if err := rows.Scan(&a.ID, &a.SeriesID, &a.CheckinID, &a.OriginCheckinID, &a.OriginOn, &a.Text, &a.OwnerID, &a.OwnerName,
			&a.DueOn, &a.Carried, &a.DoneAt, &a.CreatedAt); err != nil {
			return nil, wrap("check-in actions", err)
		}
		out = append(out, a)
	}
	return out, wrap("check-in actions", rows.Err())
}

// AddCheckinAction adds an action item to a check-in.
func (tx *Tx) AddCheckinAction(ctx context.Context, seriesID, checkinID int64, in model.CheckinActionInput) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO checkin_actions (series_id, checkin_id, origin_checkin_id, text, owner_person_id, due_on, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, seriesID, checkinID, checkinID, in.Text, in.OwnerID, in.DueOn, tx.now.Unix())
	return id, wrap("add action", err)
}

// SetActionDone marks an action item of a series done (now) or open again.
func (tx *Tx) SetActionDone(ctx context.Context, seriesID, actionID int64, done bool) error {
	var at int64
	if done {
		at = tx.now.Unix()
	}
	res, err := tx.exec(ctx, `UPDATE checkin_actions SET done_at = ? WHERE id = ? AND series_id = ?`, at, actionID, seriesID)
	if err != nil {
		return wrap("action done", err)
	}
	return mustAffect(res, "action done")
}

// CompleteCheckin marks a check-in held and carries its open action items into the
// next one.
func (tx *Tx) CompleteCheckin(ctx context.Context, checkinID, nextID int64) error {
	now := tx.now.Unix()
	res, err := tx.exec(ctx, `UPDATE checkins SET status = 'done', completed_at = ?, updated_at = ? WHERE id = ? AND status = 'planned'`, now, now, checkinID)
	if err != nil {
		return wrap("complete check-in", err)
	}
	if err := mustAffect(res, "complete check-in"); err != nil {
		return err
	}
	_, err = tx.exec(ctx, `UPDATE checkin_actions SET checkin_id = ?, carried = carried + 1 WHERE checkin_id = ? AND done_at = 0`, nextID, checkinID)
	return wrap("carry actions", err)
}

// PlannedCheckinsFor lists the planned check-ins a person takes part in, up to a date.
func (tx *Tx) PlannedCheckinsFor(ctx context.Context, personID int64, until string) ([]model.Checkin, error) {
	rows, err := tx.query(ctx, `SELECT c.id, c.series_id, s.manager_id, m.name, s.report_id, r.name, c.scheduled_on
		FROM checkins c JOIN checkin_series s ON s.id = c.series_id JOIN people m ON m.id = s.manager_id JOIN people r ON r.id = s.report_id
		WHERE c.status = 'planned' AND s.active AND (s.manager_id = ? OR s.report_id = ?) AND c.scheduled_on <= ?
		ORDER BY c.scheduled_on, c.id`, personID, personID, until)
	if err != nil {
		return nil, wrap("planned check-ins", err)
	}
	defer rows.Close()
	var out []model.Checkin
	for rows.Next() {
		var c model.Checkin
		if err := rows.Scan(&c.ID, &c.SeriesID, &c.ManagerID, &c.ManagerName, &c.ReportID, &c.ReportName, &c.ScheduledOn); err != nil {
			return nil, wrap("planned check-ins", err)
		}
		out = append(out, c)
	}
	return out, wrap("planned check-ins", rows.Err())
}

// InsertCheckinIDs inserts check-ins and returns their ids in order.
func (tx *Tx) InsertCheckinIDs(ctx context.Context, rows [][]any) ([]int64, error) {
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		id, err := tx.insertID(ctx, `INSERT INTO checkins (series_id, scheduled_on, status, shared_notes, completed_at, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, r...)
		if err != nil {
			return nil, wrap("insert check-ins", err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// InsertCheckinParts writes the points, private notes and actions of seeded check-ins.
func (tx *Tx) InsertCheckinParts(ctx context.Context, points, notes, actions [][]any) error {
	if err := tx.insertMany(ctx, "checkin_points", []string{"checkin_id", "author_id", "text", "goal_id", "metric_id", "discussed", "created_at"}, points); err != nil {
		return err
	}
	if err := tx.insertMany(ctx, "checkin_private_notes", []string{"checkin_id", "author_person_id", "text", "updated_at"}, notes); err != nil {
		return err
	}
	return tx.insertMany(ctx, "checkin_actions", []string{"series_id", "checkin_id", "origin_checkin_id", "text", "owner_person_id", "due_on",
		"carried", "done_at", "created_at"}, actions)
}
