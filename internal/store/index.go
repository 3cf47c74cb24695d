package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"throughline/internal/model"
)

// indexColumns are the component columns of index_values, in model.IndexComponents
// order.
var indexColumns = map[model.IndexComponent]string{
	model.ComponentLineOfSight:    "line_of_sight",
	model.ComponentDevelopment:    "development",
	model.ComponentPurposeResults: "purpose_results",
	model.ComponentCollaboration:  "collaboration",
	model.ComponentEngagement:     "team_engagement",
}

// indexRunSettings is what index_runs.weights holds: the index weights and the
// perspective weights the run was computed with.
type indexRunSettings struct {
	Index        model.IndexWeights            `json:"index"`
	Perspectives map[model.Perspective]float64 `json:"perspectives"`
	Thresholds   map[string]float64            `json:"thresholds,omitempty"`
}

// ReplaceIndexRun stores one period's precomputed index: every manager's values and the
// run's settings, replacing what was there.
func (tx *Tx) ReplaceIndexRun(ctx context.Context, run model.IndexRun, values []model.Index) error {
	if _, err := tx.exec(ctx, `DELETE FROM index_values WHERE period = ?`, run.Period); err != nil {
		return wrap("replace index run", err)
	}
	rows := make([][]any, 0, len(values))
	for _, x := range values {
		inputs, err := json.Marshal(x.Inputs)
		if err != nil {
			return fmt.Errorf("store: index inputs: %w", err)
		}
		row := []any{run.Period, x.Person.ID, x.Person.DepartmentID, x.Person.LocationID, x.Person.Depth, x.Has, x.Value, x.Coverage}
		for _, c := range model.IndexComponents {
			v := x.Component(c)
			if v.Has {
				row = append(row, v.Value)
			} else {
				row = append(row, nil)
			}
		}
		respondents := 0
		if x.Inputs.HasEngagement {
			respondents = x.Inputs.Respondents
		}
		row = append(row, x.Inputs.EngagementStatus(), respondents, string(inputs))
		rows = append(rows, row)
	}
	cols := []string{"period", "person_id", "department_id", "location_id", "depth", "has", "value", "coverage"}
	for _, c := range model.IndexComponents {
		cols = append(cols, indexColumns[c])
	}
	cols = append(cols, "engagement_status", "respondents", "inputs")
	if err := tx.insertMany(ctx, "index_values", cols, rows); err != nil {
		return err
	}
	settings, err := json.Marshal(indexRunSettings{Index: run.Weights, Perspectives: run.Settings.Weights,
		Thresholds: map[string]float64{"financial_high": run.Settings.FinancialHigh, "purpose_low": run.Settings.PurposeLow}})
	if err != nil {
		return fmt.Errorf("store: index settings: %w", err)
	}
	_, err = tx.exec(ctx, `INSERT INTO index_runs (period, computed_at, managers, weights) VALUES (?, ?, ?, ?)
		ON CONFLICT (period) DO UPDATE SET computed_at = excluded.computed_at, managers = excluded.managers, weights = excluded.weights`,
		run.Period, run.ComputedAt, len(values), string(settings))
	return wrap("replace index run", err)
}

// FindIndexRuns returns the precomputed periods, oldest first.
func (tx *Tx) FindIndexRuns(ctx context.Context) ([]model.IndexRun, error) {
	return collectRows(ctx, tx, "index runs", `SELECT period, computed_at, managers, weights FROM index_runs ORDER BY period`, nil,
		func(s rowScanner) (model.IndexRun, error) {
			var r model.IndexRun
			var w string
			if err := s.Scan(&r.Period, &r.ComputedAt, &r.Managers, &w); err != nil {
				return r, err
			}
			var rs indexRunSettings
			if err := json.Unmarshal([]byte(w), &rs); err != nil {
				return r, fmt.Errorf("index run %s settings: %w", r.Period, err)
			}
			r.Weights, r.Settings.Weights = rs.Index, rs.Perspectives
			r.Settings.FinancialHigh, r.Settings.PurposeLow = rs.Thresholds["financial_high"], rs.Thresholds["purpose_low"]
			return r, nil
		})
}

// ExpireIndexRuns marks every precomputed period as out of date, so the next reader
// has it recomputed; the values stay readable until then.
func (tx *Tx) ExpireIndexRuns(ctx context.Context) error {
	_, err := tx.exec(ctx, `UPDATE index_runs SET computed_at = 0`)
	return wrap("expire index runs", err)
}

// DeleteIndexRunsExcept drops precomputed periods that are no longer kept.
func (tx *Tx) DeleteIndexRunsExcept(ctx context.Context, keep []string) error {
	if len(keep) == 0 {
		return nil
	}
	args := make([]any, len(keep))
	for i, p := range keep {
		args[i] = p
	}
	in := placeholders(len(keep))
	if _, err := tx.exec(ctx, `DELETE FROM index_values WHERE period NOT IN (`+in+`)`, args...); err != nil {
		return wrap("delete index runs", err)
	}
	_, err := tx.exec(ctx, `DELETE FROM index_runs WHERE period NOT IN (`+in+`)`, args...)
	return wrap("delete index runs", err)
}

func indexConds(f model.IndexFilter) ([]string, []any) {
	var conds []string
	var args []any
	if len(f.Periods) > 0 {
		conds = append(conds, "v.period IN ("+placeholders(len(f.Periods))+")")
		for _, p := range f.Periods {
			args = append(args, p)
		}
	}
	if f.PersonIDs != nil {
		if len(f.PersonIDs) == 0 {
			conds = append(conds, "1 = 0")
		} else {
			conds = append(conds, "v.person_id IN ("+placeholders(len(f.PersonIDs))+")")
			args = append(args, int64Args(f.PersonIDs)...)
		}
	}
	if f.Under != "" {
		lo, hi := SubtreeRange(f.Under)
		conds = append(conds, "p.path >= ? AND p.path < ?")
		args = append(args, lo, hi)
	}
	if f.DepartmentID != 0 {
		conds = append(conds, "v.department_id = ?")
		args = append(args, f.DepartmentID)
	}
	if f.LocationID != 0 {
		conds = append(conds, "v.location_id = ?")
		args = append(args, f.LocationID)
	}
	if f.Depth != 0 {
		conds = append(conds, "v.depth = ?")
		args = append(args, f.Depth)
	}
	return conds, args
}

// FindIndexValues returns managers' precomputed index values with their inputs, best
// first within a period, and the total before paging.
func (tx *Tx) FindIndexValues(ctx context.Context, f model.IndexFilter) ([]model.Index, int, error) {
	conds, args := indexConds(f)
	from := ` FROM index_values v JOIN people p ON p.id = v.person_id
		LEFT JOIN departments d ON d.id = p.department_id LEFT JOIN locations l ON l.id = p.location_id
		LEFT JOIN people m ON m.id = p.manager_id` + where(conds)
	total, err := tx.count(ctx, `SELECT count(*)`+from, args...)
	if err != nil {
		return nil, 0, wrap("find index values", err)
	}
	q := `SELECT v.period, p.id, p.name, p.title, COALESCE(p.department_id, 0), COALESCE(d.name, ''), COALESCE(p.location_id, 0),
		COALESCE(l.name, ''), COALESCE(p.manager_id, 0), COALESCE(m.name, ''), p.path, p.depth, v.has, v.value, v.coverage, v.inputs` +
		from + ` ORDER BY v.period, v.has DESC, v.value DESC, p.name, p.id`
	qargs := args
	if f.Page.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		qargs = append(append([]any(nil), args...), f.Page.Limit, f.Page.Offset)
	}
	out, err := collectRows(ctx, tx, "find index values", q, qargs, func(s rowScanner) (model.Index, error) {
		var x model.Index
		var inputs string
		p := &x.Person
		if err := s.Scan(&x.Period, &p.ID, &p.Name, &p.Title, &p.DepartmentID, &p.DepartmentName, &p.LocationID, &p.LocationName,
			&p.ManagerID, &p.ManagerName, &p.Path, &p.Depth, &x.Has, &x.Value, &x.Coverage, &inputs); err != nil {
			return x, err
		}
		p.Active, p.IsMiddleManager = true, true
		if err := json.Unmarshal([]byte(inputs), &x.Inputs); err != nil {
			return x, fmt.Errorf("index inputs of %d: %w", p.ID, err)
		}
		return x, nil
	})
	return out, total, err
}

// IndexSums adds up the precomputed values by period and group (department, location
// or level): for the index and each component, the sum and the count of managers with
// a value; for team engagement, also the teams hidden below the threshold and the
// respondents of the shown ones. The means are taken in Go.
func (tx *Tx) IndexSums(ctx context.Context, f model.IndexFilter, by model.IndexGroupBy) ([]model.IndexCellSums, error) {
	group := "v.department_id"
	switch by {
	case model.IndexByLocation:
		group = "v.location_id"
	case model.IndexByLevel:
		group = "v.depth"
	}
	conds, args := indexConds(f)
	var b strings.Builder
	b.WriteString(`SELECT v.period, ` + group + `, count(*), COALESCE(SUM(CASE WHEN v.has THEN v.value END), 0), SUM(CASE WHEN v.has THEN 1 ELSE 0 END)`)
	for _, c := range model.IndexComponents {
		col := "v." + indexColumns[c]
		b.WriteString(`, COALESCE(SUM(` + col + `), 0), COUNT(` + col + `)`)
	}
	b.WriteString(`, SUM(CASE WHEN v.engagement_status = 'insufficient' THEN 1 ELSE 0 END), COALESCE(SUM(v.respondents), 0)
		FROM index_values v`)
	if f.Under != "" {
		b.WriteString(` JOIN people p ON p.id = v.person_id`)
	}
	b.WriteString(where(conds) + ` GROUP BY v.period, ` + group + ` ORDER BY v.period, ` + group)
	return collectRows(ctx, tx, "index sums", b.String(), args, func(s rowScanner) (model.IndexCellSums, error) {
		x := model.IndexCellSums{Sum: map[string]float64{}, N: map[string]int{}}
		var idxSum float64
		var idxN int
		dest := []any{&x.Period, &x.GroupID, &x.Managers, &idxSum, &idxN}
		sums := make([]float64, len(model.IndexComponents))
		ns := make([]int, len(model.IndexComponents))
		for i := range model.IndexComponents {
			dest = append(dest, &sums[i], &ns[i])
		}
		dest = append(dest, &x.Hidden, &x.Answered)
		if err := s.Scan(dest...); err != nil {
			return x, err
		}
		x.Sum["index"], x.N["index"] = idxSum, idxN
		for i, c := range model.IndexComponents {
			x.Sum[string(c)], x.N[string(c)] = sums[i], ns[i]
		}
		return x, nil
	})
}

// SaveSnapshot stores a named whole-organization view as JSON.
func (tx *Tx) SaveSnapshot(ctx context.Context, name, body string) error {
	_, err := tx.exec(ctx, `INSERT INTO analytics_snapshots (name, computed_at, body) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET computed_at = excluded.computed_at, body = excluded.body`, name, tx.now.Unix(), body)
	return wrap("save snapshot", err)
}

// SnapshotVersion returns when a stored view was computed and its length in characters
// (what length() counts in a TEXT column on both engines): together
// they tell a reader whether the copy it holds is still the stored one.
func (tx *Tx) SnapshotVersion(ctx context.Context, name string) (SnapshotVersion, error) {
	var v SnapshotVersion
	err := tx.queryRow(ctx, `SELECT computed_at, length(body) FROM analytics_snapshots WHERE name = ?`, name).Scan(&v.At, &v.Length)
	return v, wrap("snapshot version", err)
}

// SnapshotVersion identifies one stored computation of a view.
type SnapshotVersion struct {
	At     int64
	Length int64
}

// FindSnapshot returns a stored view and when it was computed.
func (tx *Tx) FindSnapshot(ctx context.Context, name string) (string, int64, error) {
	var body string
	var at int64
	err := tx.queryRow(ctx, `SELECT body, computed_at FROM analytics_snapshots WHERE name = ?`, name).Scan(&body, &at)
	return body, at, wrap("find snapshot", err)
}

// IndexValuesOf returns the index values of a period (managers with a value only),
// for distributions.
func (tx *Tx) IndexValuesOf(ctx context.Context, period string) ([]float64, error) {
	return collectRows(ctx, tx, "index values", `SELECT value FROM index_values WHERE period = ? AND has ORDER BY value`, []any{period},
		func(s rowScanner) (float64, error) {
			var v float64
			err := s.Scan(&v)
			return v, err
		})
}

// FindSnapshots returns the stored views whose names start with prefix, by name.
func (tx *Tx) FindSnapshots(ctx context.Context, prefix string) ([]string, error) {
	return collectRows(ctx, tx, "find snapshots", `SELECT body FROM analytics_snapshots WHERE name LIKE ? ORDER BY name`,
		[]any{prefix + "%"}, func(s rowScanner) (string, error) {
			var b string
			err := s.Scan(&b)
			return b, err
		})
}
