package store

import (
	"context"
	"strings"

	"throughline/internal/model"
)

// FindDepartments lists the departments by name with their active headcount.
func (tx *Tx) FindDepartments(ctx context.Context) ([]model.Department, error) {
	rows, err := tx.query(ctx, `SELECT d.id, d.name, (SELECT count(*) FROM people p WHERE p.department_id = d.id AND p.active)
		FROM departments d ORDER BY d.name_key`)
	if err != nil {
		return nil, wrap("find departments", err)
	}
	defer rows.Close()
	var out []model.Department
	for rows.Next() {
		var d model.Department
		if err := rows.Scan(&d.ID, &d.Name, &d.Headcount); err != nil {
			return nil, wrap("find departments", err)
		}
		out = append(out, d)
	}
	return out, wrap("find departments", rows.Err())
}

// FindDepartmentByID returns one department.
func (tx *Tx) FindDepartmentByID(ctx context.Context, id int64) (model.Department, error) {
	var d model.Department
	err := tx.queryRow(ctx, `SELECT d.id, d.name, (SELECT count(*) FROM people p WHERE p.department_id = d.id AND p.active)
		FROM departments d WHERE d.id = ?`, id).Scan(&d.ID, &d.Name, &d.Headcount)
	return d, wrap("find department", err)
}

// FindLocations lists the locations by name with their active headcount.
func (tx *Tx) FindLocations(ctx context.Context) ([]model.Location, error) {
	rows, err := tx.query(ctx, `SELECT l.id, l.name, (SELECT count(*) FROM people p WHERE p.location_id = l.id AND p.active)
		FROM locations l ORDER BY l.name_key`)
	if err != nil {
		return nil, wrap("find locations", err)
	}
	defer rows.Close()
	var out []model.Location
	for rows.Next() {
		var l model.Location
		if err := rows.Scan(&l.ID, &l.Name, &l.Headcount); err != nil {
			return nil, wrap("find locations", err)
		}
		out = append(out, l)
	}
	return out, wrap("find locations", rows.Err())
}

// FindLocationByID returns one location.
func (tx *Tx) FindLocationByID(ctx context.Context, id int64) (model.Location, error) {
	var l model.Location
	err := tx.queryRow(ctx, `SELECT l.id, l.name, (SELECT count(*) FROM people p WHERE p.location_id = l.id AND p.active)
		FROM locations l WHERE l.id = ?`, id).Scan(&l.ID, &l.Name, &l.Headcount)
	return l, wrap("find location", err)
}

// EnsureDepartment returns the id of the department with this name (case-insensitive),
// creating it if needed.
func (tx *Tx) EnsureDepartment(ctx context.Context, name string) (int64, error) {
	return tx.ensureNamed(ctx, "departments", name)
}

// EnsureLocation returns the id of the location with this name, creating it if needed.
func (tx *Tx) EnsureLocation(ctx context.Context, name string) (int64, error) {
	return tx.ensureNamed(ctx, "locations", name)
}

func (tx *Tx) ensureNamed(ctx context.Context, table, name string) (int64, error) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return 0, nil
	}
	key := model.FoldKey(name)
	var id int64
	err := tx.queryRow(ctx, `SELECT id FROM `+table+` WHERE name_key = ?`, key).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !isNoRows(err) {
		return 0, wrap("ensure "+table, err)
	}
	id, err = tx.insertID(ctx, `INSERT INTO `+table+` (name, name_key, created_at) VALUES (?, ?, ?)`, name, key, tx.now.Unix())
	return id, wrap("ensure "+table, err)
}

// NamedIDs maps the folded names of every department or location to their ids.
func (tx *Tx) NamedIDs(ctx context.Context, table string) (map[string]int64, error) {
	if table != "departments" && table != "locations" {
		panic("store: NamedIDs of " + table)
	}
	rows, err := tx.query(ctx, `SELECT name_key, id FROM `+table)
	if err != nil {
		return nil, wrap("named ids", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var k string
		var id int64
		if err := rows.Scan(&k, &id); err != nil {
			return nil, wrap("named ids", err)
		}
		out[k] = id
	}
	return out, wrap("named ids", rows.Err())
}

// OrgCounts returns the headline numbers of the organization.
func (tx *Tx) OrgCounts(ctx context.Context) (model.OrgCounts, error) {
	var c model.OrgCounts
	err := tx.queryRow(ctx, `SELECT
		(SELECT count(*) FROM people WHERE active),
		(SELECT count(*) FROM people WHERE NOT active),
		(SELECT count(*) FROM departments),
		(SELECT count(*) FROM locations),
		(SELECT count(DISTINCT manager_id) FROM people WHERE active AND manager_id IS NOT NULL),
		(SELECT count(*) FROM accounts WHERE active)`).Scan(&c.People, &c.Inactive, &c.Departments, &c.Locations, &c.Managers, &c.Accounts)
	if err != nil {
		return c, wrap("org counts", err)
	}
	c.MiddleManagers, err = tx.count(ctx, `SELECT count(*) FROM people p WHERE p.active AND `+middleManagerCond)
	return c, wrap("org counts", err)
}
