package core

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"throughline/internal/model"
	"throughline/internal/store"
)

// pnode is one person in an import plan: their final record and where it came from.
type pnode struct {
	rec        store.PersonRecord
	managerEmp string
	line       int // the file line, 0 for people not in the file
	existing   *store.PersonRow
	dept, loc  string // final names
	role       model.Role
	changed    []string
	inFile     bool
	deactivate bool // not in a full file, so deactivated
}

// ImportPeople imports a people file: an upsert by employee id, all or nothing, in one
// transaction. Every problem is reported with its line; if there is any, nothing
// changes. With DryRun it reports what would change and writes nothing. People missing
// from the file are deactivated only with DeactivateMissing.
func (c *Core) ImportPeople(ctx context.Context, actor model.Actor, batch model.PeopleBatch, opts model.PeopleImportOptions) (model.ImportReport, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return model.ImportReport{}, err
	}
	cols := batch.Columns
	if cols == nil {
		cols = map[string]bool{}
		for _, k := range model.PeopleColumns {
			cols[k] = true
		}
	}
	var bad model.ImportError
	add := func(line int, field, format string, args ...any) {
		if len(bad.Lines) < model.MaxReportedLineErrors*2 {
			bad.Lines = append(bad.Lines, model.LineError{Line: line, Field: field, Message: fmt.Sprintf(format, args...)})
		}
	}
	if len(batch.Rows) == 0 {
		add(1, "", "The file has no people in it.")
		return model.ImportReport{}, bad.AsError()
	}
	bad.Lines = append(bad.Lines, batch.Problems...)
	unparsed := map[[2]any]bool{}
	for _, p := range batch.Problems {
		unparsed[[2]any{p.Line, p.Field}] = true
	}
	// Rows on their own.
	firstEmp := make(map[string]int, len(batch.Rows))
	firstEmail := make(map[string]int, len(batch.Rows))
	for i := range batch.Rows {
		r := &batch.Rows[i]
		r.Normalize()
		if err := r.Validate(); err != nil {
			fields := model.FieldsOf(err)
			keys := make([]string, 0, len(fields))
			for k := range fields {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if !unparsed[[2]any{r.Line, k}] { // the reader already explained this cell
					add(r.Line, k, "%s", fields[k])
				}
			}
		}
		if r.EmployeeID != "" {
			if first, dup := firstEmp[r.EmployeeID]; dup {
				add(r.Line, "employee_id", "Duplicate employee id %q: it is already on line %d.", model.Clip(r.EmployeeID, 40), first)
			} else {
				firstEmp[r.EmployeeID] = r.Line
			}
		}
		if r.Email != "" {
			k := model.FoldKey(r.Email)
			if first, dup := firstEmail[k]; dup {
				add(r.Line, "email", "Duplicate email %q: it is already on line %d.", model.Clip(r.Email, 80), first)
			} else {
				firstEmail[k] = r.Line
			}
		}
		if r.Role == model.RoleAdmin && !actor.Is(model.RoleAdmin) {
			add(r.Line, "role", "Only an administrator can grant the admin role.")
		}
	}
	report := model.ImportReport{Kind: "people", Filename: opts.Filename, DryRun: opts.DryRun, Rows: len(batch.Rows), ByName: actor.Name}
	run := c.write
	if opts.DryRun {
		run = c.read
	}
	err := run(ctx, func(tx *store.Tx) error {
		existing, err := tx.AllPersonRows(ctx)
		if err != nil {
			return err
		}
		logins, err := tx.AllAccountLogins(ctx)
		if err != nil {
			return err
		}
		nodes := make([]*pnode, 0, len(existing)+len(batch.Rows))
		byEmp := make(map[string]*pnode, len(existing)+len(batch.Rows))
		for i := range existing {
			e := &existing[i]
			n := &pnode{rec: e.PersonRecord, managerEmp: e.ManagerEmpID, existing: e, dept: e.DepartmentName, loc: e.LocationName, role: e.Role}
			nodes = append(nodes, n)
			byEmp[e.EmployeeID] = n
		}
		// Apply the file.
		for i := range batch.Rows {
			r := &batch.Rows[i]
			n := byEmp[r.EmployeeID]
			if n == nil {
				n = &pnode{rec: store.PersonRecord{EmployeeID: r.EmployeeID, Active: true}}
				nodes = append(nodes, n)
				byEmp[r.EmployeeID] = n
			}
			n.line, n.inFile = r.Line, true
			set := func(field string, dst *string, v string, fold bool) {
				same := *dst == v
				if fold {
					same = model.FoldKey(*dst) == model.FoldKey(v)
				}
				if !same {
					*dst = v
					n.changed = append(n.changed, field)
				}
			}
			set("name", &n.rec.Name, r.Name, false)
			set("email", &n.rec.Email, r.Email, false)
			if cols["title"] {
				set("title", &n.rec.Title, r.Title, false)
			}
			if cols["department"] {
				set("department", &n.dept, r.Department, true)
			}
			if cols["location"] {
				set("location", &n.loc, r.Location, true)
			}
			if cols["manager_id"] {
				set("manager_id", &n.managerEmp, r.ManagerEmployeeID, false)
			}
			if cols["hire_date"] {
				set("hire_date", &n.rec.HireDate, r.HireDate, false)
			}
			active := true
			if cols["active"] {
				active = r.Active
			}
			if n.rec.Active != active {
				n.rec.Active = active
				n.changed = append(n.changed, "active")
			}
			if cols["role"] && r.Role != "" && r.Role != n.role {
				if n.role == model.RoleAdmin && !actor.Is(model.RoleAdmin) {
					add(r.Line, "role", "Only an administrator can change an administrator's role.")
				}
				n.role = r.Role
				n.changed = append(n.changed, "role")
			}
		}
		if opts.DeactivateMissing {
			for _, n := range nodes {
				if !n.inFile && n.rec.Active {
					n.rec.Active = false
					n.deactivate = true
				}
			}
		}
		// Emails are unique across everyone, in the file or not.
		byEmail := make(map[string]*pnode, len(nodes))
		for _, n := range nodes {
			k := model.FoldKey(n.rec.Email)
			if other, dup := byEmail[k]; dup {
				line, who := n.line, other
				if line == 0 {
					line, who = other.line, n
				}
				add(line, "email", "Email %q already belongs to employee %q.", model.Clip(n.rec.Email, 80), who.rec.EmployeeID)
				continue
			}
			byEmail[k] = n
		}
		// Accounts: a login may already exist without a person; it is linked. A login
		// that belongs to someone else is a conflict.
		loginByKey := make(map[string]store.AccountLogin, len(logins))
		for _, l := range logins {
			loginByKey[l.LoginKey] = l
		}
		for _, n := range nodes {
			if !n.inFile || n.role == "" || (n.existing != nil && n.existing.AccountID != 0) {
				continue
			}
			if l, ok := loginByKey[model.FoldKey(n.rec.Email)]; ok && l.PersonID != 0 && (n.existing == nil || l.PersonID != n.existing.ID) {
				add(n.line, "email", "Email %q is the login of another person's account.", model.Clip(n.rec.Email, 80))
			}
		}
		// Managers must exist and be active when their reports are.
		reportsOf := map[*pnode][]*pnode{}
		for _, n := range nodes {
			if n.managerEmp == "" {
				continue
			}
			m := byEmp[n.managerEmp]
			switch {
			case m == nil:
				add(n.line, "manager_id", "Unknown manager %q: no one in the file or in Throughline has that employee id.", model.Clip(n.managerEmp, 40))
			case n.rec.Active && !m.rec.Active:
				line := n.line
				if line == 0 {
					line = m.line
				}
				if n.line != 0 {
					add(line, "manager_id", "Manager %q is inactive; an active person needs an active manager.", model.Clip(n.managerEmp, 40))
				} else if m.line != 0 || m.deactivate {
					reportsOf[m] = append(reportsOf[m], n)
				}
			}
		}
		for m, rs := range reportsOf {
			names := make([]string, 0, 3)
			for i, r := range rs {
				if i == 3 {
					names = append(names, "…")
					break
				}
				names = append(names, r.rec.EmployeeID)
			}
			if m.line != 0 {
				add(m.line, "active", "%s cannot be deactivated while %d active people not in this file report to them (%s). Give them a new manager in the same file.",
					m.rec.EmployeeID, len(rs), strings.Join(names, ", "))
			} else {
				add(rs[0].line, "", "%s would be deactivated (missing from the file) while %d active people report to them (%s).",
					m.rec.EmployeeID, len(rs), strings.Join(names, ", "))
			}
		}
		// No one may end up managing themselves through a chain.
		for _, cyc := range findCycles(nodes, byEmp) {
			line := 0
			var ids []string
			for _, n := range cyc {
				ids = append(ids, n.rec.EmployeeID)
				if n.line != 0 && (line == 0 || n.line < line) {
					line = n.line
				}
			}
			ids = append(ids, cyc[0].rec.EmployeeID)
			add(line, "manager_id", "Reporting cycle: %s.", strings.Join(ids, " → "))
		}
		if len(bad.Lines) > 0 {
			return bad.AsError()
		}

		// Count and describe the changes.
		var created, changedRecs []*pnode
		for _, n := range nodes {
			switch {
			case n.existing == nil:
				created = append(created, n)
				report.Created++
				addChange(&report, n, "create")
			case n.deactivate:
				report.Deactivated++
				addChange(&report, n, "deactivate")
				changedRecs = append(changedRecs, n)
			case n.inFile && len(n.changed) > 0:
				report.Updated++
				addChange(&report, n, "update")
				changedRecs = append(changedRecs, n)
			case n.inFile:
				report.Unchanged++
			}
		}
		if opts.DryRun {
			return nil
		}

		// Write: departments and locations, new people, changed people, placements,
		// accounts, and the record of the import.
		deptIDs, err := ensureNames(ctx, tx, nodes, func(n *pnode) string { return n.dept }, tx.EnsureDepartment)
		if err != nil {
			return err
		}
		locIDs, err := ensureNames(ctx, tx, nodes, func(n *pnode) string { return n.loc }, tx.EnsureLocation)
		if err != nil {
			return err
		}
		for _, n := range nodes {
			n.rec.DepartmentID = deptIDs[model.FoldKey(n.dept)]
			n.rec.LocationID = locIDs[model.FoldKey(n.loc)]
		}
		// Changed people first, so an email a person gives up is free for a new one.
		recs := make([]store.PersonRecord, 0, len(changedRecs))
		for _, n := range changedRecs {
			recs = append(recs, n.rec)
		}
		if err := tx.UpdatePeople(ctx, recs); err != nil {
			return conflict(err, "email", "An email in the file is already taken.")
		}
		moved, err := placeAndInsert(ctx, tx, nodes, byEmp)
		if err != nil {
			return conflict(err, "employee_id", "An employee id or email in the file is already taken.")
		}
		if err := tx.UpdatePlacements(ctx, moved); err != nil {
			return err
		}
		if err := applyAccounts(ctx, tx, nodes, loginByKey); err != nil {
			return err
		}
		if opts.Single {
			return audit(ctx, tx, actor, "person_saved", "person", byEmp[batch.Rows[0].EmployeeID].rec.ID, "")
		}
		if report.ID, err = tx.CreateImportRecord(ctx, report, actor.AccountID); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "people_imported", "import", report.ID, report.Summary())
	})
	if err != nil {
		return model.ImportReport{}, err
	}
	return report, nil
}

func addChange(r *model.ImportReport, n *pnode, kind string) {
	if len(r.Changes) >= model.MaxReportedChanges {
		return
	}
	r.Changes = append(r.Changes, model.Change{Line: n.line, EmployeeID: n.rec.EmployeeID, Name: n.rec.Name, Kind: kind, Fields: n.changed})
}

// ensureNames creates the departments or locations the plan names and returns their
// ids by folded name.
func ensureNames(ctx context.Context, tx *store.Tx, nodes []*pnode, name func(*pnode) string, ensure func(context.Context, string) (int64, error)) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, n := range nodes {
		v := name(n)
		k := model.FoldKey(v)
		if k == "" {
			continue
		}
		if _, ok := ids[k]; ok {
			continue
		}
		id, err := ensure(ctx, v)
		if err != nil {
			return nil, err
		}
		ids[k] = id
	}
	return ids, nil
}

// findCycles returns every reporting cycle in the plan, each as its members in order.
// It walks each chain once, colouring people as it goes (white, on the current walk,
// done), so the whole check is linear in the number of people.
func findCycles(nodes []*pnode, byEmp map[string]*pnode) [][]*pnode {
	const (
		white = iota
		walking
		done
	)
	state := make(map[*pnode]int, len(nodes))
	var cycles [][]*pnode
	for _, start := range nodes {
		if state[start] != white {
			continue
		}
		var walk []*pnode
		n := start
		for n != nil && state[n] == white {
			state[n] = walking
			walk = append(walk, n)
			n = byEmp[n.managerEmp]
		}
		if n != nil && state[n] == walking {
			for i, w := range walk {
				if w == n {
					cycles = append(cycles, append([]*pnode(nil), walk[i:]...))
					break
				}
			}
		}
		for _, w := range walk {
			state[w] = done
		}
	}
	return cycles
}

// placeAndInsert gives everyone their final manager id, path and depth, top-down, and
// inserts the new people one level at a time, so each level's managers already have
// ids. It returns the existing people whose placement changed.
func placeAndInsert(ctx context.Context, tx *store.Tx, nodes []*pnode, byEmp map[string]*pnode) ([]store.PersonRecord, error) {
	depth := make(map[*pnode]int, len(nodes))
	var depthOf func(n *pnode) int
	depthOf = func(n *pnode) int {
		if d, ok := depth[n]; ok {
			return d
		}
		d := 1
		if m := byEmp[n.managerEmp]; m != nil {
			d = depthOf(m) + 1
		}
		depth[n] = d
		return d
	}
	var levels [][]*pnode
	for _, n := range nodes {
		d := depthOf(n)
		for len(levels) < d {
			levels = append(levels, nil)
		}
		levels[d-1] = append(levels[d-1], n)
	}
	var moved []store.PersonRecord
	for _, level := range levels {
		var fresh []*pnode
		var recs []store.PersonRecord
		for _, n := range level {
			if m := byEmp[n.managerEmp]; m == nil {
				n.rec.ManagerID, n.rec.Path, n.rec.Depth = 0, "/", 1
			} else {
				n.rec.ManagerID, n.rec.Path, n.rec.Depth = m.rec.ID, m.rec.Path+strconv.FormatInt(m.rec.ID, 10)+"/", m.rec.Depth+1
			}
			switch e := n.existing; {
			case e == nil:
				fresh = append(fresh, n)
				recs = append(recs, n.rec)
			case e.ManagerID != n.rec.ManagerID || e.Path != n.rec.Path || e.Depth != n.rec.Depth:
				moved = append(moved, n.rec)
			}
		}
		ids, err := tx.InsertPeople(ctx, recs)
		if err != nil {
			return nil, err
		}
		for i, n := range fresh {
			n.rec.ID = ids[i]
		}
	}
	return moved, nil
}

// applyAccounts creates, links, re-roles, disables and re-enables the accounts the plan
// implies: a role in the file gives the person an account (without a password, until
// one is set or single sign-on links it); a person's account follows their active flag.
func applyAccounts(ctx context.Context, tx *store.Tx, nodes []*pnode, loginByKey map[string]store.AccountLogin) error {
	var newAccounts []model.AccountInput
	roles := map[int64]model.Role{}
	var disable, enable []int64
	for _, n := range nodes {
		e := n.existing
		if n.inFile && n.role != "" {
			switch {
			case e != nil && e.AccountID != 0:
				if e.Role != n.role {
					roles[e.AccountID] = n.role
				}
			default:
				if l, ok := loginByKey[model.FoldKey(n.rec.Email)]; ok {
					if err := tx.LinkAccount(ctx, l.ID, n.rec.ID); err != nil {
						return err
					}
					if model.Role(l.Role) != n.role {
						roles[l.ID] = n.role
					}
				} else {
					newAccounts = append(newAccounts, model.AccountInput{Login: n.rec.Email, DisplayName: n.rec.Name, Role: n.role, PersonID: n.rec.ID})
				}
			}
		}
		if e != nil && e.AccountID != 0 && e.Active != n.rec.Active {
			if n.rec.Active {
				enable = append(enable, n.rec.ID)
			} else {
				disable = append(disable, n.rec.ID)
			}
		}
	}
	if err := tx.InsertAccounts(ctx, newAccounts); err != nil {
		return conflict(err, "email", "An account with one of these emails already exists.")
	}
	if err := tx.SetAccountRoles(ctx, roles); err != nil {
		return err
	}
	if err := tx.SetAccountsActiveForPeople(ctx, disable, false); err != nil {
		return err
	}
	return tx.SetAccountsActiveForPeople(ctx, enable, true)
}

// ExportPeople returns every person in the shape of a people file, for hr and admin.
func (c *Core) ExportPeople(ctx context.Context, actor model.Actor) ([]model.PersonInput, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return nil, err
	}
	var out []model.PersonInput
	err := c.write(ctx, func(tx *store.Tx) error {
		rows, err := tx.AllPersonRows(ctx)
		if err != nil {
			return err
		}
		out = make([]model.PersonInput, len(rows))
		for i, r := range rows {
			out[i] = model.PersonInput{
				EmployeeID: r.EmployeeID, Name: r.Name, Email: r.Email, Title: r.Title,
				Department: r.DepartmentName, Location: r.LocationName, ManagerEmployeeID: r.ManagerEmpID,
				HireDate: r.HireDate, Active: r.Active, Role: r.Role,
			}
		}
		return audit(ctx, tx, actor, "people_exported", "people", 0, fmt.Sprintf("%d people", len(rows)))
	})
	return out, err
}

// SavePerson creates or updates one person, by employee id, through the same rules as
// an import of a one-line file.
func (c *Core) SavePerson(ctx context.Context, actor model.Actor, in model.PersonInput) (int64, error) {
	_, err := c.ImportPeople(ctx, actor, model.PeopleBatch{Rows: []model.PersonRow{{Line: 1, PersonInput: in, HasRole: in.Role != ""}}}, model.PeopleImportOptions{Single: true})
	if err != nil {
		var me *model.Error
		var ie *model.ImportError
		if errors.As(err, &me) && errors.As(err, &ie) {
			fields := map[string]string{}
			for _, l := range ie.Lines {
				if _, ok := fields[l.Field]; !ok {
					fields[l.Field] = l.Message
				}
			}
			return 0, &model.Error{Code: model.CodeInvalid, Message: "Please correct the highlighted fields.", Fields: fields}
		}
		return 0, err
	}
	var id int64
	err = c.read(ctx, func(tx *store.Tx) error {
		p, err := tx.FindPersonByEmployeeID(ctx, strings.TrimSpace(in.EmployeeID))
		id = p.ID
		return err
	})
	return id, err
}
