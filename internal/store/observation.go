package store

import (
	"context"

	"throughline/internal/model"
)

// ObservationRow is an observation as stored, for diffing batches and recombining
// results.
type ObservationRow struct {
	ID          int64
	MetricID    int64
	SubjectType model.SubjectType
	SubjectID   int64
	Period      string
	Value       float64
	Source      model.Source
	Note        string
}

// ObservationKey identifies an observation: a metric, a subject and a period.
type ObservationKey struct {
	MetricID    int64
	SubjectType model.SubjectType
	SubjectID   int64
	Period      string
}

// Key returns the row's key.
func (r ObservationRow) Key() ObservationKey {
	return ObservationKey{r.MetricID, r.SubjectType, r.SubjectID, r.Period}
}

// ObservationRows returns the observations of some metrics in some periods, optionally
// only for some subject ids (of either type; callers filter exactly). Long lists of
// subjects are queried in chunks.
func (tx *Tx) ObservationRows(ctx context.Context, metricIDs []int64, periods []string, subjectIDs []int64) ([]ObservationRow, error) {
	if len(metricIDs) == 0 || len(periods) == 0 {
		return nil, nil
	}
	base := `SELECT id, metric_id, subject_type, subject_id, period, value, source, note FROM observations
		WHERE metric_id IN (` + placeholders(len(metricIDs)) + `) AND period IN (` + placeholders(len(periods)) + `)`
	args := append(int64Args(metricIDs), stringArgs(periods)...)
	var out []ObservationRow
	run := func(q string, args []any) error {
		rows, err := tx.query(ctx, q, args...)
		if err != nil {
			return wrap("observation rows", err)
		}
		defer rows.Close()
		for rows.Next() {
			var r ObservationRow
			var st, src string
			if err := rows.Scan(&r.ID, &r.MetricID, &st, &r.SubjectID, &r.Period, &r.Value, &src, &r.Note); err != nil {
				return wrap("observation rows", err)
			}
			r.SubjectType, r.Source = model.SubjectType(st), model.Source(src)
			out = append(out, r)
		}
		return wrap("observation rows", rows.Err())
	}
	if subjectIDs == nil {
		return out, run(base, args)
	}
	const chunk = 2000
	for start := 0; start < len(subjectIDs); start += chunk {
		part := subjectIDs[start:min(start+chunk, len(subjectIDs))]
		if err := run(base+` AND subject_id IN (`+placeholders(len(part))+`)`, append(append([]any{}, args...), int64Args(part)...)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// InsertObservations writes new observations.
func (tx *Tx) InsertObservations(ctx context.Context, rows []ObservationRow, accountID int64, byName string) error {
	now := tx.now.Unix()
	vals := make([][]any, len(rows))
	for i, r := range rows {
		vals[i] = []any{r.MetricID, string(r.SubjectType), r.SubjectID, r.Period, r.Value, string(r.Source), r.Note, nullInt64(accountID), byName, now, now}
	}
	return tx.insertMany(ctx, "observations", []string{"metric_id", "subject_type", "subject_id", "period", "value", "source", "note",
		"account_id", "by_name", "created_at", "updated_at"}, vals)
}

// CorrectObservations writes new values, sources and notes to existing observations.
func (tx *Tx) CorrectObservations(ctx context.Context, rows []ObservationRow, accountID int64, byName string) error {
	now := tx.now.Unix()
	vals := make([][]any, len(rows))
	for i, r := range rows {
		vals[i] = []any{r.ID, r.Value, string(r.Source), r.Note, nullInt64(accountID), byName, now}
	}
	return tx.updateMany(ctx, "observations", []bulkColumn{{"value", "DOUBLE PRECISION"}, {"source", "TEXT"}, {"note", "TEXT"},
		{"account_id", "BIGINT"}, {"by_name", "TEXT"}, {"updated_at", "BIGINT"}}, vals)
}

// InsertObservationHistory records corrections: the old value, who changed it and when.
func (tx *Tx) InsertObservationHistory(ctx context.Context, changes []model.ObservationChange, accountID int64) error {
	now := tx.now.Unix()
	vals := make([][]any, len(changes))
	for i, c := range changes {
		vals[i] = []any{c.ObservationID, c.OldValue, c.NewValue, string(c.OldSource), c.OldNote, nullInt64(accountID), c.ByName, now}
	}
	return tx.insertMany(ctx, "observation_history", []string{"observation_id", "old_value", "new_value", "old_source", "old_note",
		"account_id", "by_name", "changed_at"}, vals)
}

const observationSelect = `SELECT o.id, o.metric_id, m.key, m.name, o.subject_type, o.subject_id,
	COALESCE(CASE WHEN o.subject_type = 'team' THEN sp.name ELSE sd.name END, ''),
	o.period, o.value, o.source, o.note, o.by_name, o.created_at, o.updated_at,
	(SELECT count(*) FROM observation_history h WHERE h.observation_id = o.id)
	FROM observations o JOIN metrics m ON m.id = o.metric_id
	LEFT JOIN people sp ON o.subject_type = 'team' AND sp.id = o.subject_id
	LEFT JOIN departments sd ON o.subject_type = 'department' AND sd.id = o.subject_id`

func scanObservation(s interface{ Scan(...any) error }) (model.Observation, error) {
	var o model.Observation
	var st, src string
	err := s.Scan(&o.ID, &o.MetricID, &o.MetricKey, &o.MetricName, &st, &o.SubjectID, &o.SubjectName, &o.Period, &o.Value, &src,
		&o.Note, &o.ByName, &o.CreatedAt, &o.UpdatedAt, &o.Corrections)
	o.SubjectType, o.Source = model.SubjectType(st), model.Source(src)
	return o, err
}

func observationWhere(f model.ObservationFilter) ([]string, []any) {
	var conds []string
	var args []any
	if f.MetricID != 0 {
		conds = append(conds, "o.metric_id = ?")
		args = append(args, f.MetricID)
	}
	if f.SubjectType != "" {
		conds = append(conds, "o.subject_type = ?")
		args = append(args, string(f.SubjectType))
	}
	if f.SubjectID != 0 {
		conds = append(conds, "o.subject_id = ?")
		args = append(args, f.SubjectID)
	}
	if f.Periods != nil {
		if len(f.Periods) == 0 {
			conds = append(conds, "1 = 0")
		} else {
			conds = append(conds, "o.period IN ("+placeholders(len(f.Periods))+")")
			args = append(args, stringArgs(f.Periods)...)
		}
	}
	return conds, args
}

// FindObservations returns one page of observations, newest period first, and the total.
func (tx *Tx) FindObservations(ctx context.Context, f model.ObservationFilter) ([]model.Observation, int, error) {
	f.Page = f.Page.Normalize()
	conds, args := observationWhere(f)
	total, err := tx.count(ctx, `SELECT count(*) FROM observations o`+where(conds), args...)
	if err != nil || total == 0 {
		return nil, total, wrap("find observations", err)
	}
	rows, err := tx.query(ctx, observationSelect+where(conds)+` ORDER BY o.period DESC, o.subject_type DESC, 7, o.id LIMIT ? OFFSET ?`,
		append(args, f.Page.Limit, f.Page.Offset)...)
	if err != nil {
		return nil, 0, wrap("find observations", err)
	}
	defer rows.Close()
	var out []model.Observation
	for rows.Next() {
		o, err := scanObservation(rows)
		if err != nil {
			return nil, 0, wrap("find observations", err)
		}
		out = append(out, o)
	}
	return out, total, wrap("find observations", rows.Err())
}

// FindObservationByID returns one observation.
func (tx *Tx) FindObservationByID(ctx context.Context, id int64) (model.Observation, error) {
	o, err := scanObservation(tx.queryRow(ctx, observationSelect+` WHERE o.id = ?`, id))
	return o, wrap("find observation", err)
}

// ObservationHistory returns the corrections of observations, newest first.
func (tx *Tx) ObservationHistory(ctx context.Context, ids []int64) ([]model.ObservationChange, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := tx.query(ctx, `SELECT observation_id, old_value, new_value, old_source, old_note, by_name, changed_at
		FROM observation_history WHERE observation_id IN (`+placeholders(len(ids))+`) ORDER BY id DESC`, int64Args(ids)...)
	if err != nil {
		return nil, wrap("observation history", err)
	}
	defer rows.Close()
	var out []model.ObservationChange
	for rows.Next() {
		var c model.ObservationChange
		var src string
		if err := rows.Scan(&c.ObservationID, &c.OldValue, &c.NewValue, &src, &c.OldNote, &c.ByName, &c.ChangedAt); err != nil {
			return nil, wrap("observation history", err)
		}
		c.OldSource = model.Source(src)
		out = append(out, c)
	}
	return out, wrap("observation history", rows.Err())
}

// ResultRow is a metric's combined value for a subject in a scorecard period.
type ResultRow struct {
	MetricID    int64
	SubjectType model.SubjectType
	SubjectID   int64
	Period      string
	Value       float64
	Parts       int
	Expected    int
}

// UpsertResults writes combined results, replacing the ones with the same key.
func (tx *Tx) UpsertResults(ctx context.Context, rs []ResultRow) error {
	now := tx.now.Unix()
	return tx.batch(ctx, "upsert results", `INSERT INTO metric_results (metric_id, subject_type, subject_id, period, value, parts, expected, updated_at) VALUES `,
		"(?, ?, ?, ?, ?, ?, ?, ?)", ` ON CONFLICT (period, subject_type, subject_id, metric_id) DO UPDATE SET value = excluded.value,
			parts = excluded.parts, expected = excluded.expected, updated_at = excluded.updated_at`, 8, len(rs),
		func(args []any, i int) []any {
			r := rs[i]
			return append(args, r.MetricID, string(r.SubjectType), r.SubjectID, r.Period, r.Value, r.Parts, r.Expected, now)
		}, nil)
}

// DeleteMetricResults removes every result of a metric (before recombining it).
func (tx *Tx) DeleteMetricResults(ctx context.Context, metricID int64) error {
	_, err := tx.exec(ctx, `DELETE FROM metric_results WHERE metric_id = ?`, metricID)
	return wrap("delete results", err)
}

// AllObservationRowsOf returns every observation of a metric.
func (tx *Tx) AllObservationRowsOf(ctx context.Context, metricID int64) ([]ObservationRow, error) {
	rows, err := tx.query(ctx, `SELECT id, metric_id, subject_type, subject_id, period, value, source, note FROM observations WHERE metric_id = ?`, metricID)
	if err != nil {
		return nil, wrap("observation rows", err)
	}
	defer rows.Close()
	var out []ObservationRow
	for rows.Next() {
		var r ObservationRow
		var st, src string
		if err := rows.Scan(&r.ID, &r.MetricID, &st, &r.SubjectID, &r.Period, &r.Value, &src, &r.Note); err != nil {
			return nil, wrap("observation rows", err)
		}
		r.SubjectType, r.Source = model.SubjectType(st), model.Source(src)
		out = append(out, r)
	}
	return out, wrap("observation rows", rows.Err())
}

// ResultsForPeriods returns the combined results of some periods. With team or
// department ids, only those subjects; with both nil, every subject (a whole-organization
// list reads one contiguous key range per period). The query selects no text column:
// reading 200,000 results for 10,000 scorecards is dominated by per-value costs. The
// size hint (the most rows expected) saves growing the result slice.
func (tx *Tx) ResultsForPeriods(ctx context.Context, periods []string, teams, depts []int64, sizeHint int) ([]ResultRow, error) {
	out := make([]ResultRow, 0, min(max(sizeHint, 16), 4_000_000))
	// One subject type per query, so that no row carries it.
	run := func(period string, typ model.SubjectType, q string, args []any) error {
		rows, err := tx.query(ctx, q, args...)
		if err != nil {
			return wrap("results", err)
		}
		defer rows.Close()
		for rows.Next() {
			r := ResultRow{Period: period, SubjectType: typ}
			if err := rows.Scan(&r.MetricID, &r.SubjectID, &r.Value, &r.Parts, &r.Expected); err != nil {
				return wrap("results", err)
			}
			out = append(out, r)
		}
		return wrap("results", rows.Err())
	}
	const sel = `SELECT metric_id, subject_id, value, parts, expected FROM metric_results WHERE period = ? AND subject_type = ?`
	const order = ` ORDER BY subject_id, metric_id`                          // the key order: free on SQLite
	types := []model.SubjectType{model.SubjectDepartment, model.SubjectTeam} // the key order of subject_type
	for _, period := range periods {
		if teams == nil && depts == nil {
			for _, typ := range types {
				if err := run(period, typ, sel+order, []any{period, string(typ)}); err != nil {
					return nil, err
				}
			}
			continue
		}
		for _, group := range []struct {
			typ model.SubjectType
			ids []int64
		}{{model.SubjectTeam, teams}, {model.SubjectDepartment, depts}} {
			for start := 0; start < len(group.ids); start += 2000 {
				part := group.ids[start:min(start+2000, len(group.ids))]
				args := append([]any{period, string(group.typ)}, int64Args(part)...)
				if err := run(period, group.typ, sel+` AND subject_id IN (`+placeholders(len(part))+`)`+order, args); err != nil {
					return nil, err
				}
			}
		}
	}
	return out, nil
}

func stringArgs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// PersonIDsByEmployeeID maps employee ids to person ids; unknown ids are left out.
func (tx *Tx) PersonIDsByEmployeeID(ctx context.Context, emps []string) (map[string]int64, error) {
	out := map[string]int64{}
	for start := 0; start < len(emps); start += 2000 {
		part := emps[start:min(start+2000, len(emps))]
		rows, err := tx.query(ctx, `SELECT employee_id, id FROM people WHERE employee_id IN (`+placeholders(len(part))+`)`, stringArgs(part)...)
		if err != nil {
			return nil, wrap("people by employee id", err)
		}
		for rows.Next() {
			var e string
			var id int64
			if err := rows.Scan(&e, &id); err != nil {
				rows.Close()
				return nil, wrap("people by employee id", err)
			}
			out[e] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, wrap("people by employee id", err)
		}
	}
	return out, nil
}
