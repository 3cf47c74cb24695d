package store

import (
	"context"
	"fmt"

	"throughline/internal/model"
)

const metricColumns = `m.id, m.key, m.name, m.perspective, m.unit, m.direction, m.target, m.floor, m.weight, m.combine, m.frequency,
	COALESCE(m.objective_id, 0), COALESCE(o.title, ''), COALESCE(m.owner_person_id, 0), COALESCE(op.name, ''), COALESCE(op.email, ''), m.why, m.description,
	m.scope, COALESCE(m.scope_department_id, 0), COALESCE(d.name, ''), m.status, m.position, m.created_at, m.updated_at`

const metricFrom = ` FROM metrics m
	LEFT JOIN objectives o ON o.id = m.objective_id
	LEFT JOIN people op ON op.id = m.owner_person_id
	LEFT JOIN departments d ON d.id = m.scope_department_id`

func scanMetric(s interface{ Scan(...any) error }) (model.Metric, error) {
	var m model.Metric
	var persp, dir, comb, freq, scope, status string
	err := s.Scan(&m.ID, &m.Key, &m.Name, &persp, &m.Unit, &dir, &m.Target, &m.Floor, &m.Weight, &comb, &freq,
		&m.ObjectiveID, &m.ObjectiveTitle, &m.OwnerID, &m.OwnerName, &m.OwnerEmail, &m.Why, &m.Description,
		&scope, &m.ScopeDepartmentID, &m.ScopeDepartmentName, &status, &m.Position, &m.CreatedAt, &m.UpdatedAt)
	m.Perspective, m.Direction, m.Combine, m.Frequency = model.Perspective(persp), model.Direction(dir), model.Combine(comb), model.Frequency(freq)
	m.Scope, m.Status = model.MetricScope(scope), model.MetricStatus(status)
	return m, err
}

// perspectiveOrder sorts metrics by the perspectives' display order.
const perspectiveOrder = `CASE m.perspective WHEN 'financial' THEN 1 WHEN 'customer' THEN 2 WHEN 'people' THEN 3
	WHEN 'impact' THEN 4 WHEN 'innovation' THEN 5 ELSE 6 END`

// FindMetrics lists the catalogue in perspective order, with the named managers of
// metrics scoped to named managers.
func (tx *Tx) FindMetrics(ctx context.Context, f model.MetricFilter) ([]model.Metric, error) {
	var conds []string
	var args []any
	switch {
	case f.Status != "":
		conds = append(conds, "m.status = ?")
		args = append(args, string(f.Status))
	case !f.WithRetired:
		conds = append(conds, "m.status <> 'retired'")
	}
	if f.Perspective != "" {
		conds = append(conds, "m.perspective = ?")
		args = append(args, string(f.Perspective))
	}
	if f.IDs != nil {
		if len(f.IDs) == 0 {
			return nil, nil
		}
		conds = append(conds, "m.id IN ("+placeholders(len(f.IDs))+")")
		args = append(args, int64Args(f.IDs)...)
	}
	rows, err := tx.query(ctx, `SELECT `+metricColumns+metricFrom+where(conds)+` ORDER BY `+perspectiveOrder+`, m.position, m.name, m.id`, args...)
	if err != nil {
		return nil, wrap("find metrics", err)
	}
	var out []model.Metric
	for rows.Next() {
		m, err := scanMetric(rows)
		if err != nil {
			rows.Close()
			return nil, wrap("find metrics", err)
		}
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, wrap("find metrics", err)
	}
	return out, tx.loadMetricManagers(ctx, out)
}

// loadMetricManagers fills ManagerIDs and ManagerNames of named-scope metrics, in one query.
func (tx *Tx) loadMetricManagers(ctx context.Context, ms []model.Metric) error {
	var ids []int64
	idx := map[int64]int{}
	for i, m := range ms {
		if m.Scope == model.ScopeNamed {
			ids = append(ids, m.ID)
			idx[m.ID] = i
		}
	}
	if len(ids) == 0 {
		return nil
	}
	rows, err := tx.query(ctx, `SELECT mm.metric_id, p.id, p.name FROM metric_managers mm JOIN people p ON p.id = mm.person_id
		WHERE mm.metric_id IN (`+placeholders(len(ids))+`) ORDER BY p.name, p.id`, int64Args(ids)...)
	if err != nil {
		return wrap("metric managers", err)
	}
	defer rows.Close()
	for rows.Next() {
		var mid, pid int64
		var name string
		if err := rows.Scan(&mid, &pid, &name); err != nil {
			return wrap("metric managers", err)
		}
		m := &ms[idx[mid]]
		m.ManagerIDs = append(m.ManagerIDs, pid)
		m.ManagerNames = append(m.ManagerNames, name)
	}
	return wrap("metric managers", rows.Err())
}

// FindMetricByID returns one metric.
func (tx *Tx) FindMetricByID(ctx context.Context, id int64) (model.Metric, error) {
	m, err := scanMetric(tx.queryRow(ctx, `SELECT `+metricColumns+metricFrom+` WHERE m.id = ?`, id))
	if err != nil {
		return m, wrap("find metric", err)
	}
	ms := []model.Metric{m}
	err = tx.loadMetricManagers(ctx, ms)
	return ms[0], err
}

// FindMetricByKey returns the metric with a stable key.
func (tx *Tx) FindMetricByKey(ctx context.Context, key string) (model.Metric, error) {
	m, err := scanMetric(tx.queryRow(ctx, `SELECT `+metricColumns+metricFrom+` WHERE m.key = ?`, key))
	if err != nil {
		return m, wrap("find metric", err)
	}
	ms := []model.Metric{m}
	err = tx.loadMetricManagers(ctx, ms)
	return ms[0], err
}

// CreateMetric inserts a metric and its named managers.
func (tx *Tx) CreateMetric(ctx context.Context, in model.MetricInput) (int64, error) {
	now := tx.now.Unix()
	id, err := tx.insertID(ctx, `INSERT INTO metrics (key, name, perspective, unit, direction, target, floor, weight, combine, frequency,
		objective_id, owner_person_id, why, description, scope, scope_department_id, status, position, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		in.Key, in.Name, string(in.Perspective), in.Unit, string(in.Direction), in.Target, in.Floor, in.Weight, string(in.Combine), string(in.Frequency),
		nullInt64(in.ObjectiveID), nullInt64(in.OwnerID), in.Why, in.Description, string(in.Scope), nullInt64(in.ScopeDepartmentID),
		string(in.Status), in.Position, now, now)
	if err != nil {
		return 0, wrap("create metric", err)
	}
	return id, tx.setMetricManagers(ctx, id, in.ManagerIDs)
}

// UpdateMetric writes every field of a metric and replaces its named managers.
func (tx *Tx) UpdateMetric(ctx context.Context, id int64, in model.MetricInput) error {
	res, err := tx.exec(ctx, `UPDATE metrics SET key = ?, name = ?, perspective = ?, unit = ?, direction = ?, target = ?, floor = ?,
		weight = ?, combine = ?, frequency = ?, objective_id = ?, owner_person_id = ?, why = ?, description = ?, scope = ?,
		scope_department_id = ?, status = ?, position = ?, updated_at = ? WHERE id = ?`,
		in.Key, in.Name, string(in.Perspective), in.Unit, string(in.Direction), in.Target, in.Floor, in.Weight, string(in.Combine),
		string(in.Frequency), nullInt64(in.ObjectiveID), nullInt64(in.OwnerID), in.Why, in.Description, string(in.Scope),
		nullInt64(in.ScopeDepartmentID), string(in.Status), in.Position, tx.now.Unix(), id)
	if err != nil {
		return wrap("update metric", err)
	}
	if err := mustAffect(res, "update metric"); err != nil {
		return err
	}
	return tx.setMetricManagers(ctx, id, in.ManagerIDs)
}

func (tx *Tx) setMetricManagers(ctx context.Context, id int64, people []int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM metric_managers WHERE metric_id = ?`, id); err != nil {
		return wrap("set metric managers", err)
	}
	seen := map[int64]bool{}
	var rows [][]any
	for _, p := range people {
		if !seen[p] {
			seen[p] = true
			rows = append(rows, []any{id, p})
		}
	}
	return tx.insertMany(ctx, "metric_managers", []string{"metric_id", "person_id"}, rows)
}

// SetMetricStatus changes a metric's status.
func (tx *Tx) SetMetricStatus(ctx context.Context, id int64, status model.MetricStatus) error {
	res, err := tx.exec(ctx, `UPDATE metrics SET status = ?, updated_at = ? WHERE id = ?`, string(status), tx.now.Unix(), id)
	if err != nil {
		return wrap("set metric status", err)
	}
	return mustAffect(res, "set metric status")
}

// CountObservationsOf counts a metric's observations.
func (tx *Tx) CountObservationsOf(ctx context.Context, metricID int64) (int, error) {
	n, err := tx.count(ctx, `SELECT count(*) FROM observations WHERE metric_id = ?`, metricID)
	return n, wrap("count observations", err)
}

// ExistingIDs returns which of ids exist in table (people, departments, objectives).
func (tx *Tx) ExistingIDs(ctx context.Context, table string, ids []int64) (map[int64]bool, error) {
	switch table {
	case "people", "departments", "objectives", "goals", "metrics", "org_values":
	default:
		return nil, fmt.Errorf("store: existing ids: unknown table %q", table)
	}
	out := map[int64]bool{}
	for start := 0; start < len(ids); start += 1000 {
		chunk := ids[start:min(start+1000, len(ids))]
		rows, err := tx.query(ctx, `SELECT id FROM `+table+` WHERE id IN (`+placeholders(len(chunk))+`)`, int64Args(chunk)...)
		if err != nil {
			return nil, wrap("existing ids", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, wrap("existing ids", err)
			}
			out[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, wrap("existing ids", err)
		}
	}
	return out, nil
}
