package store

import (
	"context"

	"throughline/internal/model"
)

// ScorecardPeopleFilter selects the people who have scorecards: active middle managers,
// and anyone a metric names.
type ScorecardPeopleFilter struct {
	Under        string  // a line prefix: only people below it
	IDs          []int64 // only these people (whether or not they are middle managers)
	DepartmentID int64
}

// FindScorecardPeople returns the people with scorecards, by name, in a compact form:
// directory fields, path and depth.
func (tx *Tx) FindScorecardPeople(ctx context.Context, f ScorecardPeopleFilter) ([]model.Person, error) {
	conds := []string{"p.active"}
	var args []any
	if f.IDs != nil {
		if len(f.IDs) == 0 {
			return nil, nil
		}
		conds = append(conds, "p.id IN ("+placeholders(len(f.IDs))+")")
		args = append(args, int64Args(f.IDs)...)
	} else {
		conds = append(conds, "("+middleManagerCond+" OR p.id IN (SELECT person_id FROM metric_managers))")
	}
	if f.Under != "" {
		lo, hi := SubtreeRange(f.Under)
		conds = append(conds, "p.path >= ? AND p.path < ?")
		args = append(args, lo, hi)
	}
	if f.DepartmentID != 0 {
		conds = append(conds, "p.department_id = ?")
		args = append(args, f.DepartmentID)
	}
	rows, err := tx.query(ctx, `SELECT p.id, p.name, p.email, p.title, COALESCE(p.department_id, 0), COALESCE(d.name, ''),
		COALESCE(p.location_id, 0), COALESCE(l.name, ''), COALESCE(p.manager_id, 0), COALESCE(m.name, ''), p.path, p.depth, p.active,
		p.mm_override, (SELECT count(*) FROM people r WHERE r.manager_id = p.id AND r.active)
		FROM people p
		LEFT JOIN departments d ON d.id = p.department_id
		LEFT JOIN locations l ON l.id = p.location_id
		LEFT JOIN people m ON m.id = p.manager_id`+where(conds)+` ORDER BY p.name, p.id`, args...)
	if err != nil {
		return nil, wrap("scorecard people", err)
	}
	defer rows.Close()
	var out []model.Person
	for rows.Next() {
		var p model.Person
		var override *bool
		if err := rows.Scan(&p.ID, &p.Name, &p.Email, &p.Title, &p.DepartmentID, &p.DepartmentName, &p.LocationID, &p.LocationName,
			&p.ManagerID, &p.ManagerName, &p.Path, &p.Depth, &p.Active, &override, &p.DirectReports); err != nil {
			return nil, wrap("scorecard people", err)
		}
		p.MiddleManagerOverride = override
		if override != nil {
			p.IsMiddleManager = *override
		} else {
			p.IsMiddleManager = p.ManagerID != 0 && p.DirectReports > 0
		}
		out = append(out, p)
	}
	return out, wrap("scorecard people", rows.Err())
}
