package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"throughline/internal/model"
)

// middleManagerCond selects middle managers among people p: people with a manager and
// at least one active direct report, unless an explicit override says otherwise.
const middleManagerCond = `(p.mm_override = TRUE OR (p.mm_override IS NULL AND p.manager_id IS NOT NULL
	AND EXISTS (SELECT 1 FROM people r WHERE r.manager_id = p.id AND r.active)))`

const personColumns = `p.id, p.employee_id, p.name, p.email, p.title,
	COALESCE(p.department_id, 0), COALESCE(d.name, ''), COALESCE(p.location_id, 0), COALESCE(l.name, ''),
	COALESCE(p.manager_id, 0), COALESCE(m.name, ''), COALESCE(p.hire_date, ''), p.active, p.mm_override,
	p.path, p.depth, p.updated_at,
	(SELECT count(*) FROM people r WHERE r.manager_id = p.id AND r.active),
	COALESCE(a.role, '')`

const personFrom = ` FROM people p
	LEFT JOIN departments d ON d.id = p.department_id
	LEFT JOIN locations l ON l.id = p.location_id
	LEFT JOIN people m ON m.id = p.manager_id
	LEFT JOIN accounts a ON a.person_id = p.id`

func scanPerson(s interface{ Scan(...any) error }) (model.Person, error) {
	var p model.Person
	var override sql.NullBool
	var role string
	err := s.Scan(&p.ID, &p.EmployeeID, &p.Name, &p.Email, &p.Title,
		&p.DepartmentID, &p.DepartmentName, &p.LocationID, &p.LocationName,
		&p.ManagerID, &p.ManagerName, &p.HireDate, &p.Active, &override,
		&p.Path, &p.Depth, &p.UpdatedAt, &p.DirectReports, &role)
	if err != nil {
		return p, err
	}
	p.AccountRole = model.Role(role)
	if override.Valid {
		v := override.Bool
		p.MiddleManagerOverride = &v
		p.IsMiddleManager = v
	} else {
		p.IsMiddleManager = p.ManagerID != 0 && p.DirectReports > 0
	}
	return p, nil
}

// FindPersonByID returns one person, active or not.
func (tx *Tx) FindPersonByID(ctx context.Context, id int64) (model.Person, error) {
	p, err := scanPerson(tx.queryRow(ctx, `SELECT `+personColumns+personFrom+` WHERE p.id = ?`, id))
	return p, wrap("find person", err)
}

// FindPersonByEmployeeID returns the person with this employee id.
func (tx *Tx) FindPersonByEmployeeID(ctx context.Context, employeeID string) (model.Person, error) {
	p, err := scanPerson(tx.queryRow(ctx, `SELECT `+personColumns+personFrom+` WHERE p.employee_id = ?`, employeeID))
	return p, wrap("find person", err)
}

// FindPersonByEmail returns the person with this email, case-insensitively.
func (tx *Tx) FindPersonByEmail(ctx context.Context, email string) (model.Person, error) {
	p, err := scanPerson(tx.queryRow(ctx, `SELECT `+personColumns+personFrom+` WHERE p.email_key = ?`, model.FoldKey(email)))
	return p, wrap("find person", err)
}

// SubtreeRange returns the bounds of the paths that start with a line prefix: they sort
// at or after the prefix and before the prefix with its final "/" replaced by "0", the
// next byte. The column sorts bytewise on both engines (COLLATE "C" on PostgreSQL).
func SubtreeRange(prefix string) (lo, hi string) {
	return prefix, prefix[:len(prefix)-1] + "0"
}

func personWhere(f model.PersonFilter) ([]string, []any) {
	var conds []string
	var args []any
	if !f.IncludeInactive {
		conds = append(conds, "p.active")
	}
	if q := model.FoldKey(f.Query); q != "" {
		for _, word := range strings.Fields(q) {
			conds = append(conds, `p.search_key LIKE ? ESCAPE '\'`)
			args = append(args, likePattern(word))
		}
	}
	if f.DepartmentID != 0 {
		conds = append(conds, "p.department_id = ?")
		args = append(args, f.DepartmentID)
	}
	if f.LocationID != 0 {
		conds = append(conds, "p.location_id = ?")
		args = append(args, f.LocationID)
	}
	if f.ManagerID != 0 {
		conds = append(conds, "p.manager_id = ?")
		args = append(args, f.ManagerID)
	}
	if f.ManagerIDs != nil {
		if len(f.ManagerIDs) == 0 {
			conds = append(conds, "1 = 0")
		} else {
			conds = append(conds, "p.manager_id IN ("+placeholders(len(f.ManagerIDs))+")")
			args = append(args, int64Args(f.ManagerIDs)...)
		}
	}
	if f.TopLevel {
		conds = append(conds, "p.manager_id IS NULL")
	}
	if f.Under != "" {
		lo, hi := SubtreeRange(f.Under)
		conds = append(conds, "p.path >= ? AND p.path < ?")
		args = append(args, lo, hi)
	}
	if f.IDs != nil {
		if len(f.IDs) == 0 {
			conds = append(conds, "1 = 0")
		} else {
			conds = append(conds, "p.id IN ("+placeholders(len(f.IDs))+")")
			args = append(args, int64Args(f.IDs)...)
		}
	}
	if f.MiddleManagers {
		conds = append(conds, middleManagerCond)
	}
	return conds, args
}

// FindPeople returns one page of the people matching f, by name, and the total.
func (tx *Tx) FindPeople(ctx context.Context, f model.PersonFilter) ([]model.Person, int, error) {
	f.Page = f.Page.Normalize()
	conds, args := personWhere(f)
	total, err := tx.count(ctx, `SELECT count(*) FROM people p`+where(conds), args...)
	if err != nil {
		return nil, 0, wrap("find people", err)
	}
	if total == 0 {
		return nil, 0, nil
	}
	q := `SELECT ` + personColumns + personFrom + where(conds) + ` ORDER BY p.name, p.id LIMIT ? OFFSET ?`
	rows, err := tx.query(ctx, q, append(args, f.Page.Limit, f.Page.Offset)...)
	if err != nil {
		return nil, 0, wrap("find people", err)
	}
	defer rows.Close()
	out := make([]model.Person, 0, min(total, f.Page.Limit))
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, 0, wrap("find people", err)
		}
		out = append(out, p)
	}
	return out, total, wrap("find people", rows.Err())
}

// FindAllPeople returns every person matching f, without paging, by name.
func (tx *Tx) FindAllPeople(ctx context.Context, f model.PersonFilter) ([]model.Person, error) {
	conds, args := personWhere(f)
	rows, err := tx.query(ctx, `SELECT `+personColumns+personFrom+where(conds)+` ORDER BY p.name, p.id`, args...)
	if err != nil {
		return nil, wrap("find all people", err)
	}
	defer rows.Close()
	var out []model.Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, wrap("find all people", err)
		}
		out = append(out, p)
	}
	return out, wrap("find all people", rows.Err())
}

// CountPeople counts the people matching f.
func (tx *Tx) CountPeople(ctx context.Context, f model.PersonFilter) (int, error) {
	conds, args := personWhere(f)
	n, err := tx.count(ctx, `SELECT count(*) FROM people p`+where(conds), args...)
	return n, wrap("count people", err)
}

// PersonRecord is a person's row as written: names resolved to ids.
type PersonRecord struct {
	ID           int64
	EmployeeID   string
	Name         string
	Email        string
	Title        string
	DepartmentID int64
	LocationID   int64
	ManagerID    int64
	HireDate     string
	Active       bool
	Path         string
	Depth        int
}

func (r PersonRecord) searchKey() string {
	return model.FoldKey(r.Name + " " + r.Email + " " + r.Title + " " + r.EmployeeID)
}

// CreatePerson inserts one person with their placement (manager, path and depth).
func (tx *Tx) CreatePerson(ctx context.Context, r PersonRecord) (int64, error) {
	ids, err := tx.InsertPeople(ctx, []PersonRecord{r})
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// UpdatePerson writes a person's fields, except their placement in the hierarchy.
func (tx *Tx) UpdatePerson(ctx context.Context, r PersonRecord) error {
	res, err := tx.exec(ctx, `UPDATE people SET employee_id = ?, name = ?, email = ?, email_key = ?, title = ?,
		department_id = ?, location_id = ?, hire_date = ?, active = ?, search_key = ?, updated_at = ? WHERE id = ?`,
		r.EmployeeID, r.Name, r.Email, model.FoldKey(r.Email), r.Title, nullInt64(r.DepartmentID), nullInt64(r.LocationID),
		nullString(r.HireDate), r.Active, r.searchKey(), tx.now.Unix(), r.ID)
	if err != nil {
		return wrap("update person", err)
	}
	return mustAffect(res, "update person")
}

// SetPlacement sets a person's manager, path and depth, and moves everyone below them
// with them: their paths get the new prefix and their depths shift by the same amount.
func (tx *Tx) SetPlacement(ctx context.Context, id, managerID int64, oldPath, newPath string, newDepth int) error {
	self := strconv.FormatInt(id, 10) + "/"
	res, err := tx.exec(ctx, `UPDATE people SET manager_id = ?, path = ?, depth = ?, updated_at = ? WHERE id = ?`,
		nullInt64(managerID), newPath, newDepth, tx.now.Unix(), id)
	if err != nil {
		return wrap("set placement", err)
	}
	if err := mustAffect(res, "set placement"); err != nil {
		return err
	}
	if oldPath == newPath {
		return nil
	}
	oldDepth := strings.Count(oldPath, "/")
	lo, hi := SubtreeRange(oldPath + self)
	_, err = tx.exec(ctx, `UPDATE people SET path = ? || substr(path, ?), depth = depth + ? WHERE path >= ? AND path < ?`,
		newPath+self, len(oldPath+self)+1, newDepth-oldDepth, lo, hi)
	return wrap("move subtree", err)
}

// SetMiddleManagerOverride sets or clears the explicit middle-manager flag.
func (tx *Tx) SetMiddleManagerOverride(ctx context.Context, id int64, v *bool) error {
	var arg any
	if v != nil {
		arg = *v
	}
	res, err := tx.exec(ctx, `UPDATE people SET mm_override = ?, updated_at = ? WHERE id = ?`, arg, tx.now.Unix(), id)
	if err != nil {
		return wrap("set middle manager", err)
	}
	return mustAffect(res, "set middle manager")
}

// Chain returns the managers above the person with this path, nearest first.
func (tx *Tx) Chain(ctx context.Context, path string) ([]model.Person, error) {
	above := PathIDs(path)
	if len(above) == 0 {
		return nil, nil
	}
	people, err := tx.FindAllPeople(ctx, model.PersonFilter{IDs: above, IncludeInactive: true})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]model.Person, len(people))
	for _, p := range people {
		byID[p.ID] = p
	}
	out := make([]model.Person, 0, len(above))
	for i := len(above) - 1; i >= 0; i-- {
		if p, ok := byID[above[i]]; ok {
			out = append(out, p)
		}
	}
	return out, nil
}

// PathIDs splits a path ("/1/7/") into ids, top first.
func PathIDs(path string) []int64 {
	var out []int64
	for _, s := range strings.Split(strings.Trim(path, "/"), "/") {
		var id int64
		if _, err := fmt.Sscan(s, &id); err == nil {
			out = append(out, id)
		}
	}
	return out
}

// PersonRow is the compact form of every person used by imports and the org chart:
// enough to diff a file against the database and to rebuild the hierarchy.
type PersonRow struct {
	PersonRecord
	DepartmentName string
	LocationName   string
	ManagerEmpID   string
	Role           model.Role
	AccountID      int64
}

// AllPersonRows loads every person, active or not, in the compact form.
func (tx *Tx) AllPersonRows(ctx context.Context) ([]PersonRow, error) {
	rows, err := tx.query(ctx, `SELECT p.id, p.employee_id, p.name, p.email, p.title,
		COALESCE(p.department_id, 0), COALESCE(d.name, ''), COALESCE(p.location_id, 0), COALESCE(l.name, ''),
		COALESCE(p.manager_id, 0), COALESCE(m.employee_id, ''), COALESCE(p.hire_date, ''), p.active, p.path, p.depth,
		COALESCE(a.id, 0), COALESCE(a.role, '')
		FROM people p
		LEFT JOIN departments d ON d.id = p.department_id
		LEFT JOIN locations l ON l.id = p.location_id
		LEFT JOIN people m ON m.id = p.manager_id
		LEFT JOIN accounts a ON a.person_id = p.id
		ORDER BY p.id`)
	if err != nil {
		return nil, wrap("all person rows", err)
	}
	defer rows.Close()
	var out []PersonRow
	for rows.Next() {
		var r PersonRow
		var role string
		if err := rows.Scan(&r.ID, &r.EmployeeID, &r.Name, &r.Email, &r.Title, &r.DepartmentID, &r.DepartmentName,
			&r.LocationID, &r.LocationName, &r.ManagerID, &r.ManagerEmpID, &r.HireDate, &r.Active, &r.Path, &r.Depth,
			&r.AccountID, &role); err != nil {
			return nil, wrap("all person rows", err)
		}
		r.Role = model.Role(role)
		out = append(out, r)
	}
	return out, wrap("all person rows", rows.Err())
}

// InsertPeople inserts many people at once, in multi-row statements, and returns their
// ids in order. Each record carries its placement: imports insert level by level, so a
// manager's id is known before their reports are written.
func (tx *Tx) InsertPeople(ctx context.Context, recs []PersonRecord) ([]int64, error) {
	now := tx.now.Unix()
	return tx.insertReturningIDs(ctx, "insert people", `INSERT INTO people (employee_id, name, email, email_key, title, department_id, location_id,
			manager_id, hire_date, active, path, depth, search_key, created_at, updated_at) VALUES `,
		"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 15, len(recs), func(args []any, i int) []any {
			r := recs[i]
			path, depth := r.Path, r.Depth
			if path == "" {
				path, depth = "/", 1
			}
			return append(args, r.EmployeeID, r.Name, r.Email, model.FoldKey(r.Email), r.Title, nullInt64(r.DepartmentID),
				nullInt64(r.LocationID), nullInt64(r.ManagerID), nullString(r.HireDate), r.Active, path, depth, r.searchKey(), now, now)
		})
}

// UpdatePeople writes the fields of many people (not their placement).
func (tx *Tx) UpdatePeople(ctx context.Context, recs []PersonRecord) error {
	now := tx.now.Unix()
	rows := make([][]any, len(recs))
	for i, r := range recs {
		rows[i] = []any{r.ID, r.EmployeeID, r.Name, r.Email, model.FoldKey(r.Email), r.Title,
			nullInt64(r.DepartmentID), nullInt64(r.LocationID), nullString(r.HireDate), r.Active, r.searchKey(), now}
	}
	return tx.updateMany(ctx, "people", []bulkColumn{
		{"employee_id", "TEXT"}, {"name", "TEXT"}, {"email", "TEXT"}, {"email_key", "TEXT"}, {"title", "TEXT"},
		{"department_id", "BIGINT"}, {"location_id", "BIGINT"}, {"hire_date", "TEXT"}, {"active", "BOOLEAN"},
		{"search_key", "TEXT"}, {"updated_at", "BIGINT"},
	}, rows)
}

// UpdatePlacements writes manager, path and depth for many people.
func (tx *Tx) UpdatePlacements(ctx context.Context, recs []PersonRecord) error {
	rows := make([][]any, len(recs))
	for i, r := range recs {
		rows[i] = []any{r.ID, nullInt64(r.ManagerID), r.Path, r.Depth}
	}
	return tx.updateMany(ctx, "people", []bulkColumn{{"manager_id", "BIGINT"}, {"path", "TEXT"}, {"depth", "INTEGER"}}, rows)
}

// ReportCounts returns, for each of ids, the number of active direct reports.
func (tx *Tx) ReportCounts(ctx context.Context, ids []int64) (map[int64]int, error) {
	out := map[int64]int{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := tx.query(ctx, `SELECT manager_id, count(*) FROM people WHERE active AND manager_id IN (`+placeholders(len(ids))+`) GROUP BY manager_id`, int64Args(ids)...)
	if err != nil {
		return nil, wrap("report counts", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, wrap("report counts", err)
		}
		out[id] = n
	}
	return out, wrap("report counts", rows.Err())
}

// SubtreeSize counts the active people in a reporting line (below a line prefix).
func (tx *Tx) SubtreeSize(ctx context.Context, prefix string) (int, error) {
	lo, hi := SubtreeRange(prefix)
	n, err := tx.count(ctx, `SELECT count(*) FROM people WHERE active AND path >= ? AND path < ?`, lo, hi)
	return n, wrap("subtree size", err)
}

func mustAffect(res sql.Result, op string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return wrap(op, err)
	}
	if n == 0 {
		return fmt.Errorf("store: %s: %w", op, ErrNotFound)
	}
	return nil
}

// FindPersonByExternalID returns the person a provisioning system knows by this id.
func (tx *Tx) FindPersonByExternalID(ctx context.Context, externalID string) (model.Person, error) {
	p, err := scanPerson(tx.queryRow(ctx, `SELECT `+personColumns+personFrom+` WHERE p.external_id = ?`, externalID))
	return p, wrap("find person", err)
}

// ExternalIDs returns the provisioning ids of people, by person id.
func (tx *Tx) ExternalIDs(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	for _, chunk := range chunks(ids, 5000) {
		rows, err := tx.query(ctx, `SELECT id, external_id FROM people WHERE external_id IS NOT NULL AND id IN (`+placeholders(len(chunk))+`)`, int64Args(chunk)...)
		if err != nil {
			return nil, wrap("external ids", err)
		}
		for rows.Next() {
			var id int64
			var ext string
			if err := rows.Scan(&id, &ext); err != nil {
				rows.Close()
				return nil, wrap("external ids", err)
			}
			out[id] = ext
		}
		rows.Close()
	}
	return out, nil
}

// SetExternalID records the id a provisioning system uses for a person ("" clears it).
func (tx *Tx) SetExternalID(ctx context.Context, personID int64, externalID string) error {
	_, err := tx.exec(ctx, `UPDATE people SET external_id = ? WHERE id = ?`, nullString(externalID), personID)
	return wrap("set external id", err)
}

// SetDepartment moves people into a department (0: none).
func (tx *Tx) SetDepartment(ctx context.Context, personIDs []int64, departmentID int64) error {
	for _, chunk := range chunks(personIDs, 5000) {
		args := append([]any{nullInt64(departmentID), tx.now.Unix()}, int64Args(chunk)...)
		if _, err := tx.exec(ctx, `UPDATE people SET department_id = ?, updated_at = ? WHERE id IN (`+placeholders(len(chunk))+`)`, args...); err != nil {
			return wrap("set department", err)
		}
	}
	return nil
}

// RenameDepartment changes a department's name.
func (tx *Tx) RenameDepartment(ctx context.Context, id int64, name string) error {
	res, err := tx.exec(ctx, `UPDATE departments SET name = ?, name_key = ? WHERE id = ?`, name, model.FoldKey(name), id)
	if err != nil {
		return wrap("rename department", err)
	}
	return mustAffect(res, "rename department")
}

// DeleteDepartment removes a department; its people keep working without one.
func (tx *Tx) DeleteDepartment(ctx context.Context, id int64) error {
	if _, err := tx.exec(ctx, `UPDATE people SET department_id = NULL WHERE department_id = ?`, id); err != nil {
		return wrap("delete department", err)
	}
	if _, err := tx.exec(ctx, `UPDATE goals SET department_id = NULL WHERE department_id = ?`, id); err != nil {
		return wrap("delete department", err)
	}
	res, err := tx.exec(ctx, `DELETE FROM departments WHERE id = ?`, id)
	if err != nil {
		return wrap("delete department", err)
	}
	return mustAffect(res, "delete department")
}

// PersonName is a person's id and name.
type PersonName struct {
	ID   int64
	Name string
}

// MiddleManagerNames lists the active middle managers, by name, as FindAllPeople with
// MiddleManagers does, with only their ids and names.
func (tx *Tx) MiddleManagerNames(ctx context.Context) ([]PersonName, error) {
	return collectRows(ctx, tx, "middle managers", `SELECT p.id, p.name FROM people p WHERE p.active AND `+middleManagerCond+` ORDER BY p.name, p.id`, nil,
		func(s rowScanner) (PersonName, error) {
			var p PersonName
			return p, s.Scan(&p.ID, &p.Name)
		})
}
