package store

import (
	"context"
	"errors"
	"strings"

	"throughline/internal/model"
)

// Leadership development: programs and modules, cohorts, completions and action
// projects. Journal, workshops, coaching and 360 assessments are in their own files.

// insertManyReturning inserts rows in multi-row statements and returns their ids in
// order: both engines return the rows of a multi-row INSERT … RETURNING in VALUES order.
func (tx *Tx) insertManyReturning(ctx context.Context, table string, cols []string, rows [][]any) ([]int64, error) {
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	return tx.insertReturningIDs(ctx, "insert "+table, head, "("+placeholders(len(cols))+")", len(cols), len(rows), rowsOf(rows))
}

// addIn appends "col IN (…)" for ids to conds: nil adds nothing, empty matches nothing.
func addIn(conds *[]string, args *[]any, col string, ids []int64) {
	if ids == nil {
		return
	}
	if len(ids) == 0 {
		*conds = append(*conds, "1 = 0")
		return
	}
	*conds = append(*conds, col+" IN ("+placeholders(len(ids))+")")
	*args = append(*args, int64Args(ids)...)
}

// Programs.

const devProgramColumns = `p.id, COALESCE(p.key, ''), p.title, p.summary, p.audience, p.builtin, COALESCE(p.copied_from_id, 0), p.active,
	p.created_at, p.updated_at,
	(SELECT count(*) FROM dev_modules m WHERE m.program_id = p.id),
	(SELECT count(*) FROM dev_cohorts c WHERE c.program_id = p.id)`

func scanDevProgram(s rowScanner) (model.DevProgram, error) {
	var p model.DevProgram
	err := s.Scan(&p.ID, &p.Key, &p.Title, &p.Summary, &p.Audience, &p.Builtin, &p.CopiedFromID, &p.Active,
		&p.CreatedAt, &p.UpdatedAt, &p.Modules, &p.Cohorts)
	return p, err
}

// FindDevPrograms lists the programs: built-in ones first, then by title.
func (tx *Tx) FindDevPrograms(ctx context.Context) ([]model.DevProgram, error) {
	return collectRows(ctx, tx, "find programs", `SELECT `+devProgramColumns+` FROM dev_programs p ORDER BY p.builtin DESC, p.id`, nil, scanDevProgram)
}

// FindDevProgramByID returns one program.
func (tx *Tx) FindDevProgramByID(ctx context.Context, id int64) (model.DevProgram, error) {
	p, err := scanDevProgram(tx.queryRow(ctx, `SELECT `+devProgramColumns+` FROM dev_programs p WHERE p.id = ?`, id))
	return p, wrap("find program", err)
}

// CreateDevProgram writes a program made here (never built in).
func (tx *Tx) CreateDevProgram(ctx context.Context, in model.DevProgramInput, copiedFrom int64) (int64, error) {
	now := tx.now.Unix()
	id, err := tx.insertID(ctx, `INSERT INTO dev_programs (title, summary, audience, builtin, copied_from_id, active, created_at, updated_at)
		VALUES (?, ?, ?, FALSE, ?, ?, ?, ?)`, in.Title, in.Summary, in.Audience, nullInt64(copiedFrom), in.Active, now, now)
	return id, wrap("create program", err)
}

// UpdateDevProgram changes a program.
func (tx *Tx) UpdateDevProgram(ctx context.Context, id int64, in model.DevProgramInput) error {
	res, err := tx.exec(ctx, `UPDATE dev_programs SET title = ?, summary = ?, audience = ?, active = ?, updated_at = ? WHERE id = ?`,
		in.Title, in.Summary, in.Audience, in.Active, tx.now.Unix(), id)
	if err != nil {
		return wrap("update program", err)
	}
	return mustAffect(res, "update program")
}

// CopyDevProgram copies a program with its modules, their prerequisites and options
// into a new program made here, and returns its id. Module keys are not copied, so the
// built-in keys stay unique.
func (tx *Tx) CopyDevProgram(ctx context.Context, srcID int64, in model.DevProgramInput) (int64, error) {
	id, err := tx.CreateDevProgram(ctx, in, srcID)
	if err != nil {
		return 0, err
	}
	mods, err := tx.DevModules(ctx, []int64{srcID})
	if err != nil {
		return 0, err
	}
	src := mods[srcID]
	now := tx.now.Unix()
	rows := make([][]any, len(src))
	for i, m := range src {
		rows[i] = []any{id, m.Position, string(m.Kind), m.Title, m.Body, m.Prompt, m.Required, m.DueDays, m.DueOn, m.Competency, now}
	}
	ids, err := tx.insertManyReturning(ctx, "dev_modules", []string{"program_id", "position", "kind", "title", "body", "prompt",
		"required", "due_days", "due_on", "competency", "created_at"}, rows)
	if err != nil {
		return 0, err
	}
	newID := map[int64]int64{}
	for i, m := range src {
		newID[m.ID] = ids[i]
	}
	var pre, opts [][]any
	for i, m := range src {
		for _, p := range m.Prereqs {
			pre = append(pre, []any{ids[i], newID[p]})
		}
		for _, o := range m.Options {
			opts = append(opts, []any{ids[i], o.Position, o.Label})
		}
	}
	if err := tx.insertMany(ctx, "dev_module_prereqs", []string{"module_id", "requires_id"}, pre); err != nil {
		return 0, err
	}
	return id, tx.insertMany(ctx, "dev_module_options", []string{"module_id", "position", "label"}, opts)
}

// Modules.

const devModuleColumns = `m.id, m.program_id, m.key, m.position, m.kind, m.title, m.body, m.prompt, m.required, m.due_days, m.due_on, m.competency`

func scanDevModule(s rowScanner) (model.DevModule, error) {
	var m model.DevModule
	var kind string
	err := s.Scan(&m.ID, &m.ProgramID, &m.Key, &m.Position, &kind, &m.Title, &m.Body, &m.Prompt, &m.Required, &m.DueDays, &m.DueOn, &m.Competency)
	m.Kind = model.ModuleKind(kind)
	return m, err
}

// DevModules returns the modules of programs in order, with their prerequisites and
// options, by program.
func (tx *Tx) DevModules(ctx context.Context, programIDs []int64) (map[int64][]model.DevModule, error) {
	out := map[int64][]model.DevModule{}
	if len(programIDs) == 0 {
		return out, nil
	}
	var conds []string
	var args []any
	addIn(&conds, &args, "m.program_id", programIDs)
	mods, err := collectRows(ctx, tx, "modules", `SELECT `+devModuleColumns+` FROM dev_modules m`+where(conds)+` ORDER BY m.program_id, m.position, m.id`, args, scanDevModule)
	if err != nil {
		return nil, err
	}
	if err := tx.loadModuleParts(ctx, mods); err != nil {
		return nil, err
	}
	for _, m := range mods {
		out[m.ProgramID] = append(out[m.ProgramID], m)
	}
	return out, nil
}

func (tx *Tx) loadModuleParts(ctx context.Context, mods []model.DevModule) error {
	if len(mods) == 0 {
		return nil
	}
	ids := make([]int64, len(mods))
	idx := map[int64]int{}
	for i, m := range mods {
		ids[i] = m.ID
		idx[m.ID] = i
	}
	var conds []string
	var args []any
	addIn(&conds, &args, "module_id", ids)
	type pair struct{ a, b int64 }
	pres, err := collectRows(ctx, tx, "prerequisites", `SELECT module_id, requires_id FROM dev_module_prereqs`+where(conds)+` ORDER BY module_id, requires_id`, args,
		func(s rowScanner) (pair, error) {
			var p pair
			return p, s.Scan(&p.a, &p.b)
		})
	if err != nil {
		return err
	}
	for _, p := range pres {
		mods[idx[p.a]].Prereqs = append(mods[idx[p.a]].Prereqs, p.b)
	}
	type opt struct {
		module int64
		o      model.DilemmaOption
	}
	opts, err := collectRows(ctx, tx, "options", `SELECT module_id, id, position, label FROM dev_module_options`+where(conds)+` ORDER BY module_id, position, id`, args,
		func(s rowScanner) (opt, error) {
			var o opt
			return o, s.Scan(&o.module, &o.o.ID, &o.o.Position, &o.o.Label)
		})
	if err != nil {
		return err
	}
	for _, o := range opts {
		mods[idx[o.module]].Options = append(mods[idx[o.module]].Options, o.o)
	}
	return nil
}

// FindDevModuleByID returns one module with its prerequisites and options.
func (tx *Tx) FindDevModuleByID(ctx context.Context, id int64) (model.DevModule, error) {
	m, err := scanDevModule(tx.queryRow(ctx, `SELECT `+devModuleColumns+` FROM dev_modules m WHERE m.id = ?`, id))
	if err != nil {
		return m, wrap("find module", err)
	}
	ms := []model.DevModule{m}
	err = tx.loadModuleParts(ctx, ms)
	return ms[0], err
}

// CreateDevModule adds a module at the end of a program.
func (tx *Tx) CreateDevModule(ctx context.Context, programID int64, in model.DevModuleInput) (int64, error) {
	var pos int
	if err := tx.queryRow(ctx, `SELECT COALESCE(max(position), 0) + 1 FROM dev_modules WHERE program_id = ?`, programID).Scan(&pos); err != nil {
		return 0, wrap("create module", err)
	}
	id, err := tx.insertID(ctx, `INSERT INTO dev_modules (program_id, position, kind, title, body, prompt, required, due_days, due_on, competency, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, programID, pos, string(in.Kind), in.Title, in.Body, in.Prompt, in.Required, in.DueDays, in.DueOn,
		in.Competency, tx.now.Unix())
	if err != nil {
		return 0, wrap("create module", err)
	}
	return id, tx.setModuleParts(ctx, id, in, true)
}

// UpdateDevModule changes a module; options are replaced only when replaceOptions is set.
func (tx *Tx) UpdateDevModule(ctx context.Context, id int64, in model.DevModuleInput, replaceOptions bool) error {
	res, err := tx.exec(ctx, `UPDATE dev_modules SET kind = ?, title = ?, body = ?, prompt = ?, required = ?, due_days = ?, due_on = ?, competency = ?
		WHERE id = ?`, string(in.Kind), in.Title, in.Body, in.Prompt, in.Required, in.DueDays, in.DueOn, in.Competency, id)
	if err != nil {
		return wrap("update module", err)
	}
	if err := mustAffect(res, "update module"); err != nil {
		return err
	}
	return tx.setModuleParts(ctx, id, in, replaceOptions)
}

func (tx *Tx) setModuleParts(ctx context.Context, id int64, in model.DevModuleInput, replaceOptions bool) error {
	if _, err := tx.exec(ctx, `DELETE FROM dev_module_prereqs WHERE module_id = ?`, id); err != nil {
		return wrap("module prerequisites", err)
	}
	pre := make([][]any, 0, len(in.Prereqs))
	for _, p := range in.Prereqs {
		pre = append(pre, []any{id, p})
	}
	if err := tx.insertMany(ctx, "dev_module_prereqs", []string{"module_id", "requires_id"}, pre); err != nil {
		return err
	}
	if !replaceOptions {
		return nil
	}
	if _, err := tx.exec(ctx, `DELETE FROM dev_module_options WHERE module_id = ?`, id); err != nil {
		return wrap("module options", err)
	}
	opts := make([][]any, len(in.Options))
	for i, o := range in.Options {
		opts[i] = []any{id, i + 1, o}
	}
	return tx.insertMany(ctx, "dev_module_options", []string{"module_id", "position", "label"}, opts)
}

// DeleteDevModule removes a module; modules that required it lose that prerequisite.
func (tx *Tx) DeleteDevModule(ctx context.Context, id int64) error {
	res, err := tx.exec(ctx, `DELETE FROM dev_modules WHERE id = ?`, id)
	if err != nil {
		return wrap("delete module", err)
	}
	return mustAffect(res, "delete module")
}

// ModuleCompletions counts the completions of a module in every cohort.
func (tx *Tx) ModuleCompletions(ctx context.Context, moduleID int64) (int, error) {
	n, err := tx.count(ctx, `SELECT count(*) FROM dev_completions WHERE module_id = ?`, moduleID)
	return n, wrap("module completions", err)
}

// ModulesByCompetency lists the modules of active programs that develop a competency.
func (tx *Tx) ModulesByCompetency(ctx context.Context) (map[string][]model.ModuleRef, error) {
	type row struct {
		comp string
		ref  model.ModuleRef
	}
	rows, err := collectRows(ctx, tx, "modules by competency", `SELECT m.competency, m.id, m.title, p.id, p.title
		FROM dev_modules m JOIN dev_programs p ON p.id = m.program_id
		WHERE p.active AND m.competency <> '' ORDER BY p.builtin DESC, p.id, m.position`, nil,
		func(s rowScanner) (row, error) {
			var r row
			return r, s.Scan(&r.comp, &r.ref.ID, &r.ref.Title, &r.ref.ProgramID, &r.ref.ProgramTitle)
		})
	out := map[string][]model.ModuleRef{}
	for _, r := range rows {
		out[r.comp] = append(out[r.comp], r.ref)
	}
	return out, err
}

// Cohorts.

const cohortColumns = `c.id, c.program_id, p.title, c.name, c.starts_on, c.ends_on, c.created_at,
	(SELECT count(*) FROM dev_cohort_members x WHERE x.cohort_id = c.id AND x.role = 'participant'),
	(SELECT count(*) FROM dev_cohort_members x WHERE x.cohort_id = c.id AND x.role = 'facilitator')`

func scanCohort(s rowScanner) (model.Cohort, error) {
	var c model.Cohort
	err := s.Scan(&c.ID, &c.ProgramID, &c.ProgramTitle, &c.Name, &c.StartsOn, &c.EndsOn, &c.CreatedAt, &c.Participants, &c.Facilitators)
	return c, err
}

// CohortFilter selects cohorts.
type CohortFilter struct {
	IDs       []int64
	ProgramID int64
	MemberID  int64  // cohorts this person belongs to
	EndsFrom  string // cohorts ending on or after this day
	Limit     int
}

// FindCohorts lists cohorts, the latest start first.
func (tx *Tx) FindCohorts(ctx context.Context, f CohortFilter) ([]model.Cohort, error) {
	var conds []string
	var args []any
	addIn(&conds, &args, "c.id", f.IDs)
	if f.ProgramID != 0 {
		conds = append(conds, "c.program_id = ?")
		args = append(args, f.ProgramID)
	}
	if f.MemberID != 0 {
		conds = append(conds, "c.id IN (SELECT cohort_id FROM dev_cohort_members WHERE person_id = ?)")
		args = append(args, f.MemberID)
	}
	if f.EndsFrom != "" {
		conds = append(conds, "c.ends_on >= ?")
		args = append(args, f.EndsFrom)
	}
	q := `SELECT ` + cohortColumns + ` FROM dev_cohorts c JOIN dev_programs p ON p.id = c.program_id` + where(conds) + ` ORDER BY c.starts_on DESC, c.id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	return collectRows(ctx, tx, "find cohorts", q, args, scanCohort)
}

// FindCohortByID returns one cohort.
func (tx *Tx) FindCohortByID(ctx context.Context, id int64) (model.Cohort, error) {
	c, err := scanCohort(tx.queryRow(ctx, `SELECT `+cohortColumns+` FROM dev_cohorts c JOIN dev_programs p ON p.id = c.program_id WHERE c.id = ?`, id))
	return c, wrap("find cohort", err)
}

// CreateCohort writes a cohort.
func (tx *Tx) CreateCohort(ctx context.Context, in model.CohortInput) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO dev_cohorts (program_id, name, starts_on, ends_on, created_at) VALUES (?, ?, ?, ?, ?)`,
		in.ProgramID, in.Name, in.StartsOn, in.EndsOn, tx.now.Unix())
	return id, wrap("create cohort", err)
}

// UpdateCohort changes a cohort's name and dates.
func (tx *Tx) UpdateCohort(ctx context.Context, id int64, in model.CohortInput) error {
	res, err := tx.exec(ctx, `UPDATE dev_cohorts SET name = ?, starts_on = ?, ends_on = ? WHERE id = ?`, in.Name, in.StartsOn, in.EndsOn, id)
	if err != nil {
		return wrap("update cohort", err)
	}
	return mustAffect(res, "update cohort")
}

// CohortMemberRow is a member of a cohort.
type CohortMemberRow struct {
	CohortID int64
	Role     model.CohortRole
	Person   model.Person
}

// AddCohortMembers adds people to a cohort in a role; people already in it keep theirs.
func (tx *Tx) AddCohortMembers(ctx context.Context, cohortID int64, role model.CohortRole, personIDs []int64) error {
	now := tx.now.Unix()
	per := maxParams / 4
	for start := 0; start < len(personIDs); start += per {
		chunk := personIDs[start:min(start+per, len(personIDs))]
		var b strings.Builder
		b.WriteString(`INSERT INTO dev_cohort_members (cohort_id, person_id, role, added_at) VALUES `)
		args := make([]any, 0, len(chunk)*4)
		for i, p := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(?, ?, ?, ?)")
			args = append(args, cohortID, p, string(role), now)
		}
		b.WriteString(` ON CONFLICT (cohort_id, person_id) DO NOTHING`)
		if _, err := tx.exec(ctx, b.String(), args...); err != nil {
			return wrap("add cohort members", err)
		}
	}
	return nil
}

// RemoveCohortMember takes a person out of a cohort; their completions stay, and come
// back if they rejoin.
func (tx *Tx) RemoveCohortMember(ctx context.Context, cohortID, personID int64) error {
	res, err := tx.exec(ctx, `DELETE FROM dev_cohort_members WHERE cohort_id = ? AND person_id = ?`, cohortID, personID)
	if err != nil {
		return wrap("remove cohort member", err)
	}
	return mustAffect(res, "remove cohort member")
}

// CohortMembers lists the members of cohorts by name, with their directory fields and
// path.
func (tx *Tx) CohortMembers(ctx context.Context, cohortIDs []int64) ([]CohortMemberRow, error) {
	var conds []string
	var args []any
	addIn(&conds, &args, "x.cohort_id", cohortIDs)
	return collectRows(ctx, tx, "cohort members", `SELECT x.cohort_id, x.role, p.id, p.name, p.title, COALESCE(d.name, ''), COALESCE(p.manager_id, 0), p.path, p.active
		FROM dev_cohort_members x JOIN people p ON p.id = x.person_id LEFT JOIN departments d ON d.id = p.department_id`+where(conds)+`
		ORDER BY x.cohort_id, x.role, p.name, p.id`, args, func(s rowScanner) (CohortMemberRow, error) {
		var r CohortMemberRow
		var role string
		err := s.Scan(&r.CohortID, &role, &r.Person.ID, &r.Person.Name, &r.Person.Title, &r.Person.DepartmentName, &r.Person.ManagerID, &r.Person.Path, &r.Person.Active)
		r.Role = model.CohortRole(role)
		return r, err
	})
}

// CohortRole returns a person's role in a cohort, or "" when they are not in it.
func (tx *Tx) CohortRole(ctx context.Context, cohortID, personID int64) (model.CohortRole, error) {
	var role string
	err := tx.queryRow(ctx, `SELECT role FROM dev_cohort_members WHERE cohort_id = ? AND person_id = ?`, cohortID, personID).Scan(&role)
	if err != nil {
		if err = wrap("cohort role", err); errors.Is(err, ErrNotFound) {
			return "", nil
		}
		return "", err
	}
	return model.CohortRole(role), nil
}

// MemberCohortRow is one cohort membership of many people, for measures and analytics.
type MemberCohortRow struct {
	PersonID int64
	Name     string
	Role     model.CohortRole
	Cohort   model.Cohort
}

// MemberCohorts lists every membership of cohorts (of one program when programID is
// set), ordered by cohort and person.
func (tx *Tx) MemberCohorts(ctx context.Context, programID int64, role model.CohortRole) ([]MemberCohortRow, error) {
	var conds []string
	var args []any
	if programID != 0 {
		conds = append(conds, "c.program_id = ?")
		args = append(args, programID)
	}
	if role != "" {
		conds = append(conds, "x.role = ?")
		args = append(args, string(role))
	}
	return collectRows(ctx, tx, "member cohorts", `SELECT x.person_id, p.name, x.role, c.id, c.program_id, pr.title, c.name, c.starts_on, c.ends_on
		FROM dev_cohort_members x JOIN dev_cohorts c ON c.id = x.cohort_id JOIN people p ON p.id = x.person_id
		JOIN dev_programs pr ON pr.id = c.program_id`+where(conds)+` ORDER BY c.id, x.person_id`, args,
		func(s rowScanner) (MemberCohortRow, error) {
			var r MemberCohortRow
			var role string
			err := s.Scan(&r.PersonID, &r.Name, &role, &r.Cohort.ID, &r.Cohort.ProgramID, &r.Cohort.ProgramTitle, &r.Cohort.Name, &r.Cohort.StartsOn, &r.Cohort.EndsOn)
			r.Role = model.CohortRole(role)
			return r, err
		})
}

// Completions.

// CompletionRow is one completed module of a participant.
type CompletionRow struct {
	CohortID, PersonID, ModuleID int64
	OptionID                     int64
	RecordedBy                   string
	CompletedAt                  int64
}

// Completions lists the completions in cohorts, of some people (nil: everyone).
func (tx *Tx) Completions(ctx context.Context, cohortIDs, personIDs []int64) ([]CompletionRow, error) {
	var conds []string
	var args []any
	addIn(&conds, &args, "cohort_id", cohortIDs)
	addIn(&conds, &args, "person_id", personIDs)
	return collectRows(ctx, tx, "completions", `SELECT cohort_id, person_id, module_id, COALESCE(option_id, 0), recorded_by, completed_at
		FROM dev_completions`+where(conds), args, func(s rowScanner) (CompletionRow, error) {
		var r CompletionRow
		return r, s.Scan(&r.CohortID, &r.PersonID, &r.ModuleID, &r.OptionID, &r.RecordedBy, &r.CompletedAt)
	})
}

// Complete records that a participant completed a module (again: the choice of a
// dilemma is updated, the first completion time kept).
func (tx *Tx) Complete(ctx context.Context, r CompletionRow) error {
	_, err := tx.exec(ctx, `INSERT INTO dev_completions (cohort_id, person_id, module_id, option_id, recorded_by, completed_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (cohort_id, person_id, module_id) DO UPDATE SET option_id = excluded.option_id`,
		r.CohortID, r.PersonID, r.ModuleID, nullInt64(r.OptionID), r.RecordedBy, r.CompletedAt)
	return wrap("complete module", err)
}

// Uncomplete removes a completion.
func (tx *Tx) Uncomplete(ctx context.Context, cohortID, personID, moduleID int64) error {
	_, err := tx.exec(ctx, `DELETE FROM dev_completions WHERE cohort_id = ? AND person_id = ? AND module_id = ?`, cohortID, personID, moduleID)
	return wrap("uncomplete module", err)
}

// InsertCompletions writes many completions at once (the demo generator).
func (tx *Tx) InsertCompletions(ctx context.Context, rows []CompletionRow) error {
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{r.CohortID, r.PersonID, r.ModuleID, nullInt64(r.OptionID), r.RecordedBy, r.CompletedAt}
	}
	return tx.insertMany(ctx, "dev_completions", []string{"cohort_id", "person_id", "module_id", "option_id", "recorded_by", "completed_at"}, out)
}

// OptionCounts counts a cohort's choices per dilemma and option: module → option → n.
func (tx *Tx) OptionCounts(ctx context.Context, cohortID int64) (map[int64]map[int64]int, error) {
	type row struct {
		module, option int64
		n              int
	}
	rows, err := collectRows(ctx, tx, "option counts", `SELECT module_id, option_id, count(*) FROM dev_completions
		WHERE cohort_id = ? AND option_id IS NOT NULL GROUP BY module_id, option_id`, []any{cohortID},
		func(s rowScanner) (row, error) {
			var r row
			return r, s.Scan(&r.module, &r.option, &r.n)
		})
	out := map[int64]map[int64]int{}
	for _, r := range rows {
		if out[r.module] == nil {
			out[r.module] = map[int64]int{}
		}
		out[r.module][r.option] = r.n
	}
	return out, err
}

// Action projects.

const actionProjectColumns = `a.cohort_id, a.person_id, a.module_id, a.plan, a.outcome, COALESCE(a.goal_id, 0), COALESCE(g.title, ''),
	COALESCE(a.metric_id, 0), COALESCE(mt.name, ''), a.submitted_at, a.updated_at`

func scanActionProject(s rowScanner) (model.ActionProject, error) {
	var a model.ActionProject
	err := s.Scan(&a.CohortID, &a.PersonID, &a.ModuleID, &a.Plan, &a.Outcome, &a.GoalID, &a.GoalTitle, &a.MetricID, &a.MetricName, &a.SubmittedAt, &a.UpdatedAt)
	return a, err
}

// ActionProjects lists the action projects of a cohort (of one person when personID is
// set).
func (tx *Tx) ActionProjects(ctx context.Context, cohortID, personID int64) ([]model.ActionProject, error) {
	conds := []string{"a.cohort_id = ?"}
	args := []any{cohortID}
	if personID != 0 {
		conds = append(conds, "a.person_id = ?")
		args = append(args, personID)
	}
	return collectRows(ctx, tx, "action projects", `SELECT `+actionProjectColumns+` FROM dev_action_projects a
		LEFT JOIN goals g ON g.id = a.goal_id LEFT JOIN metrics mt ON mt.id = a.metric_id`+where(conds)+` ORDER BY a.person_id, a.module_id`, args, scanActionProject)
}

// SaveActionProject writes a participant's action project.
func (tx *Tx) SaveActionProject(ctx context.Context, a model.ActionProject) error {
	_, err := tx.exec(ctx, `INSERT INTO dev_action_projects (cohort_id, person_id, module_id, plan, outcome, goal_id, metric_id, submitted_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (cohort_id, person_id, module_id) DO UPDATE SET plan = excluded.plan, outcome = excluded.outcome, goal_id = excluded.goal_id,
		metric_id = excluded.metric_id, submitted_at = excluded.submitted_at, updated_at = excluded.updated_at`,
		a.CohortID, a.PersonID, a.ModuleID, a.Plan, a.Outcome, nullInt64(a.GoalID), nullInt64(a.MetricID), a.SubmittedAt, tx.now.Unix())
	return wrap("save action project", err)
}

// Development plans.

// CreatePlanItem writes an item of a development plan.
func (tx *Tx) CreatePlanItem(ctx context.Context, personID int64, competency string, goalID, moduleID int64) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO dev_plan_items (person_id, competency, goal_id, module_id, created_at) VALUES (?, ?, ?, ?, ?)`,
		personID, competency, nullInt64(goalID), nullInt64(moduleID), tx.now.Unix())
	return id, wrap("create plan item", err)
}

// PlanItems lists a person's development plan, oldest first.
func (tx *Tx) PlanItems(ctx context.Context, personID int64) ([]model.PlanItem, error) {
	return collectRows(ctx, tx, "plan items", `SELECT i.id, i.person_id, i.competency, COALESCE(i.goal_id, 0), COALESCE(g.title, ''), COALESCE(g.progress, 0),
		COALESCE(g.status, ''), COALESCE(i.module_id, 0), COALESCE(m.title, ''), COALESCE(m.program_id, 0), i.created_at
		FROM dev_plan_items i LEFT JOIN goals g ON g.id = i.goal_id LEFT JOIN dev_modules m ON m.id = i.module_id
		WHERE i.person_id = ? ORDER BY i.id`, []any{personID}, func(s rowScanner) (model.PlanItem, error) {
		var p model.PlanItem
		return p, s.Scan(&p.ID, &p.PersonID, &p.Competency, &p.GoalID, &p.GoalTitle, &p.GoalProgress, &p.GoalStatus, &p.ModuleID, &p.ModuleTitle, &p.ProgramID, &p.CreatedAt)
	})
}

// InsertPlanItems writes many plan items (the demo generator).
func (tx *Tx) InsertPlanItems(ctx context.Context, items []model.PlanItem) error {
	rows := make([][]any, len(items))
	for i, it := range items {
		rows[i] = []any{it.PersonID, it.Competency, nullInt64(it.GoalID), nullInt64(it.ModuleID), it.CreatedAt}
	}
	return tx.insertMany(ctx, "dev_plan_items", []string{"person_id", "competency", "goal_id", "module_id", "created_at"}, rows)
}

// InsertCohorts writes many cohorts and returns their ids (the demo generator).
func (tx *Tx) InsertCohorts(ctx context.Context, cs []model.CohortInput, createdAt int64) ([]int64, error) {
	rows := make([][]any, len(cs))
	for i, c := range cs {
		rows[i] = []any{c.ProgramID, c.Name, c.StartsOn, c.EndsOn, createdAt}
	}
	return tx.insertManyReturning(ctx, "dev_cohorts", []string{"program_id", "name", "starts_on", "ends_on", "created_at"}, rows)
}

// InsertCohortMembers writes many memberships (the demo generator).
func (tx *Tx) InsertCohortMembers(ctx context.Context, rows []CohortMemberRow, addedAt int64) error {
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{r.CohortID, r.Person.ID, string(r.Role), addedAt}
	}
	return tx.insertMany(ctx, "dev_cohort_members", []string{"cohort_id", "person_id", "role", "added_at"}, out)
}

// InsertActionProjects writes many action projects (the demo generator).
func (tx *Tx) InsertActionProjects(ctx context.Context, as []model.ActionProject) error {
	rows := make([][]any, len(as))
	for i, a := range as {
		rows[i] = []any{a.CohortID, a.PersonID, a.ModuleID, a.Plan, a.Outcome, nullInt64(a.GoalID), nullInt64(a.MetricID), a.SubmittedAt, a.UpdatedAt}
	}
	return tx.insertMany(ctx, "dev_action_projects", []string{"cohort_id", "person_id", "module_id", "plan", "outcome", "goal_id", "metric_id", "submitted_at", "updated_at"}, rows)
}
