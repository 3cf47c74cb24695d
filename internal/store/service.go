package store

import (
	"context"
	"strings"

	"throughline/internal/model"
)

const programColumns = `sp.id, sp.name, sp.description, sp.starts_on, sp.ends_on, sp.apply_by, sp.status,
	(SELECT count(*) FROM service_applications a JOIN service_projects pr ON pr.id = a.project_id WHERE pr.program_id = sp.id AND a.status <> 'withdrawn'),
	(SELECT count(*) FROM service_applications a JOIN service_projects pr ON pr.id = a.project_id WHERE pr.program_id = sp.id AND a.status = 'selected'),
	(SELECT COALESCE(sum(l.hours), 0) FROM service_logs l JOIN service_projects pr ON pr.id = l.project_id WHERE pr.program_id = sp.id),
	(SELECT COALESCE(sum(l.beneficiaries), 0) FROM service_logs l JOIN service_projects pr ON pr.id = l.project_id WHERE pr.program_id = sp.id)`

func scanProgram(s rowScanner) (model.ServiceProgram, error) {
	var p model.ServiceProgram
	var status string
	err := s.Scan(&p.ID, &p.Name, &p.Description, &p.StartsOn, &p.EndsOn, &p.ApplyBy, &status, &p.Applications, &p.Selected, &p.Hours, &p.Beneficiaries)
	p.Status = model.ServiceStatus(status)
	return p, err
}

// FindPrograms lists the service corps programs, the latest first.
func (tx *Tx) FindPrograms(ctx context.Context) ([]model.ServiceProgram, error) {
	return collectRows(ctx, tx, "find programs", `SELECT `+programColumns+` FROM service_programs sp ORDER BY sp.starts_on DESC, sp.id DESC`, nil, scanProgram)
}

// FindProgramByID returns one program without its projects.
func (tx *Tx) FindProgramByID(ctx context.Context, id int64) (model.ServiceProgram, error) {
	p, err := scanProgram(tx.queryRow(ctx, `SELECT `+programColumns+` FROM service_programs sp WHERE sp.id = ?`, id))
	return p, wrap("find program", err)
}

// CreateProgram inserts a program.
func (tx *Tx) CreateProgram(ctx context.Context, in model.ServiceProgramInput, status model.ServiceStatus, at int64) (int64, error) {
	if at == 0 {
		at = tx.now.Unix()
	}
	id, err := tx.insertID(ctx, `INSERT INTO service_programs (name, description, starts_on, ends_on, apply_by, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, in.Name, in.Description, in.StartsOn, in.EndsOn, in.ApplyBy, string(status), at, at)
	return id, wrap("create program", err)
}

// SetProgramStatus moves a program to a status.
func (tx *Tx) SetProgramStatus(ctx context.Context, id int64, s model.ServiceStatus) error {
	res, err := tx.exec(ctx, `UPDATE service_programs SET status = ?, updated_at = ? WHERE id = ?`, string(s), tx.now.Unix(), id)
	if err != nil {
		return wrap("set program status", err)
	}
	return mustAffect(res, "set program status")
}

const projectColumns = `pr.id, pr.program_id, sp.name, sp.status, pr.title, pr.description, pr.place, pr.partner, pr.starts_on, pr.ends_on, pr.capacity, pr.skills,
	(SELECT count(*) FROM service_applications a WHERE a.project_id = pr.id AND a.status <> 'withdrawn'),
	(SELECT count(*) FROM service_applications a WHERE a.project_id = pr.id AND a.status = 'selected'),
	(SELECT COALESCE(sum(l.hours), 0) FROM service_logs l WHERE l.project_id = pr.id),
	(SELECT COALESCE(sum(l.beneficiaries), 0) FROM service_logs l WHERE l.project_id = pr.id)`

const projectFrom = ` FROM service_projects pr JOIN service_programs sp ON sp.id = pr.program_id`

func scanProject(s rowScanner) (model.ServiceProject, error) {
	var p model.ServiceProject
	var status, skills string
	err := s.Scan(&p.ID, &p.ProgramID, &p.ProgramName, &status, &p.Title, &p.Description, &p.Place, &p.Partner, &p.StartsOn, &p.EndsOn, &p.Capacity, &skills,
		&p.Applicants, &p.Selected, &p.Hours, &p.Beneficiaries)
	p.ProgramStatus, p.Skills = model.ServiceStatus(status), model.SplitList(skills)
	return p, err
}

// FindProjects returns the projects of programs in order.
func (tx *Tx) FindProjects(ctx context.Context, programIDs []int64) ([]model.ServiceProject, error) {
	cond, args := inIDs("pr.program_id", programIDs)
	return collectRows(ctx, tx, "find projects", `SELECT `+projectColumns+projectFrom+` WHERE `+cond+` ORDER BY pr.program_id, pr.position, pr.id`, args, scanProject)
}

// FindProjectByID returns one project.
func (tx *Tx) FindProjectByID(ctx context.Context, id int64) (model.ServiceProject, error) {
	p, err := scanProject(tx.queryRow(ctx, `SELECT `+projectColumns+projectFrom+` WHERE pr.id = ?`, id))
	return p, wrap("find project", err)
}

// CreateProject adds a project at the end of its program.
func (tx *Tx) CreateProject(ctx context.Context, programID int64, in model.ServiceProjectInput, at int64) (int64, error) {
	if at == 0 {
		at = tx.now.Unix()
	}
	id, err := tx.insertID(ctx, `INSERT INTO service_projects (program_id, title, description, place, partner, starts_on, ends_on, capacity, skills, position, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(max(position), 0) + 1 FROM service_projects WHERE program_id = ?), ?)`,
		programID, in.Title, in.Description, in.Place, in.Partner, in.StartsOn, in.EndsOn, in.Capacity, strings.Join(in.Skills, "\n"), programID, at)
	return id, wrap("create project", err)
}

const applicationColumns = `sa.id, sa.project_id, pr.title, sa.motivation, sa.status, sa.created_at, sa.decided_at, `

// FindApplications returns the applications to projects, oldest first.
func (tx *Tx) FindApplications(ctx context.Context, projectIDs []int64) ([]model.ServiceApplication, error) {
	cond, args := inIDs("sa.project_id", projectIDs)
	return tx.applicationsWhere(ctx, cond, args)
}

// ApplicationsOf returns a person's applications, newest first.
func (tx *Tx) ApplicationsOf(ctx context.Context, personID int64) ([]model.ServiceApplication, error) {
	return tx.applicationsWhere(ctx, "sa.person_id = ?", []any{personID})
}

func (tx *Tx) applicationsWhere(ctx context.Context, cond string, args []any) ([]model.ServiceApplication, error) {
	var out []model.ServiceApplication
	var a model.ServiceApplication
	var status string
	err := tx.scanPeopleWith(ctx, "find applications", `SELECT `+applicationColumns+personColumns+personFrom+
		` JOIN service_applications sa ON sa.person_id = p.id JOIN service_projects pr ON pr.id = sa.project_id WHERE `+cond+` ORDER BY sa.created_at, sa.id`, args,
		[]any{&a.ID, &a.ProjectID, &a.ProjectTitle, &a.Motivation, &status, &a.CreatedAt, &a.DecidedAt}, func(p model.Person) {
			a.Person, a.Status = p, model.ApplicationStatus(status)
			out = append(out, a)
		})
	return out, err
}

// ApplicationOf returns a person's application to a project.
func (tx *Tx) ApplicationOf(ctx context.Context, projectID, personID int64) (model.ServiceApplication, error) {
	as, err := tx.applicationsWhere(ctx, "sa.project_id = ? AND sa.person_id = ?", []any{projectID, personID})
	if err != nil {
		return model.ServiceApplication{}, err
	}
	if len(as) == 0 {
		return model.ServiceApplication{}, wrap("application of", errNoRows)
	}
	return as[0], nil
}

// CreateApplication records an application. A second application of the same person
// to the same project is a unique violation.
func (tx *Tx) CreateApplication(ctx context.Context, projectID, personID int64, motivation string) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO service_applications (project_id, person_id, motivation, status, created_at) VALUES (?, ?, ?, 'applied', ?)`,
		projectID, personID, motivation, tx.now.Unix())
	return id, wrap("create application", err)
}

// SetApplicationStatus decides applications.
func (tx *Tx) SetApplicationStatus(ctx context.Context, ids []int64, s model.ApplicationStatus) error {
	for _, chunk := range chunks(ids, 5000) {
		cond, args := inIDs("id", chunk)
		if _, err := tx.exec(ctx, `UPDATE service_applications SET status = ?, decided_at = ? WHERE `+cond,
			append([]any{string(s), tx.now.Unix()}, args...)...); err != nil {
			return wrap("set application status", err)
		}
	}
	return nil
}

// ProjectTeams returns the selected members of projects, by project, by name.
func (tx *Tx) ProjectTeams(ctx context.Context, projectIDs []int64) (map[int64][]model.Person, error) {
	out := map[int64][]model.Person{}
	cond, args := inIDs("sa.project_id", projectIDs)
	var pid int64
	err := tx.scanPeopleWith(ctx, "project teams", `SELECT sa.project_id, `+personColumns+personFrom+
		` JOIN service_applications sa ON sa.person_id = p.id WHERE sa.status = 'selected' AND `+cond+` ORDER BY p.name, p.id`, args, []any{&pid},
		func(p model.Person) { out[pid] = append(out[pid], p) })
	return out, err
}

// CreateServiceLog records hours and beneficiaries.
func (tx *Tx) CreateServiceLog(ctx context.Context, projectID, personID int64, in model.ServiceLogInput) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO service_logs (project_id, person_id, worked_on, hours, beneficiaries, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		projectID, personID, in.WorkedOn, in.Hours, in.Beneficiaries, in.Note, tx.now.Unix())
	return id, wrap("log service", err)
}

// FindServiceLogs returns a project's logs, the latest day first.
func (tx *Tx) FindServiceLogs(ctx context.Context, projectID int64) ([]model.ServiceLog, error) {
	return collectRows(ctx, tx, "find service logs", `SELECT l.id, l.project_id, l.person_id, p.name, l.worked_on, l.hours, l.beneficiaries, l.note, l.created_at
		FROM service_logs l JOIN people p ON p.id = l.person_id WHERE l.project_id = ? ORDER BY l.worked_on DESC, l.id DESC`, []any{projectID},
		func(s rowScanner) (model.ServiceLog, error) {
			var l model.ServiceLog
			err := s.Scan(&l.ID, &l.ProjectID, &l.PersonID, &l.PersonName, &l.WorkedOn, &l.Hours, &l.Beneficiaries, &l.Note, &l.CreatedAt)
			return l, err
		})
}

// ServiceHoursRow is the hours one person served in a span of days.
type ServiceHoursRow struct {
	PersonID      int64
	Hours         float64
	Beneficiaries int
}

// ServiceHours sums the hours and beneficiaries logged between two dates, by person.
func (tx *Tx) ServiceHours(ctx context.Context, from, to string) ([]ServiceHoursRow, error) {
	return collectRows(ctx, tx, "service hours", `SELECT person_id, COALESCE(sum(hours), 0), COALESCE(sum(beneficiaries), 0) FROM service_logs
		WHERE worked_on >= ? AND worked_on <= ? GROUP BY person_id ORDER BY person_id`, []any{from, to}, func(s rowScanner) (ServiceHoursRow, error) {
		var r ServiceHoursRow
		err := s.Scan(&r.PersonID, &r.Hours, &r.Beneficiaries)
		return r, err
	})
}

// FindReflections returns a project's reflections that a viewer may read: their own,
// and, when shared is true, the ones their authors shared. An unshared reflection of
// someone else is never selected, so it cannot leak through a later change in core.
func (tx *Tx) FindReflections(ctx context.Context, projectID, viewerID int64, shared bool) ([]model.Reflection, error) {
	cond := `r.person_id = ?`
	if shared {
		cond = `(r.person_id = ? OR r.shared = TRUE)`
	}
	return collectRows(ctx, tx, "find reflections", `SELECT r.id, r.project_id, r.person_id, p.name, r.body, r.shared, r.created_at
		FROM service_reflections r JOIN people p ON p.id = r.person_id WHERE r.project_id = ? AND `+cond+` ORDER BY r.created_at DESC, r.id DESC`,
		[]any{projectID, viewerID}, func(s rowScanner) (model.Reflection, error) {
			var r model.Reflection
			err := s.Scan(&r.ID, &r.ProjectID, &r.PersonID, &r.PersonName, &r.Body, &r.Shared, &r.CreatedAt)
			r.Mine = r.PersonID == viewerID
			return r, err
		})
}

// CreateReflection records a reflection.
func (tx *Tx) CreateReflection(ctx context.Context, projectID, personID int64, in model.ReflectionInput) (int64, error) {
	now := tx.now.Unix()
	id, err := tx.insertID(ctx, `INSERT INTO service_reflections (project_id, person_id, body, shared, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
		projectID, personID, in.Body, in.Shared, now, now)
	return id, wrap("create reflection", err)
}

// SetReflectionShared shares or unshares a reflection of its author.
func (tx *Tx) SetReflectionShared(ctx context.Context, id, authorID int64, shared bool) error {
	res, err := tx.exec(ctx, `UPDATE service_reflections SET shared = ?, updated_at = ? WHERE id = ? AND person_id = ?`, shared, tx.now.Unix(), id, authorID)
	if err != nil {
		return wrap("share reflection", err)
	}
	return mustAffect(res, "share reflection")
}

// AddSkills records skills a person developed; skills already recorded from the same
// source are kept as they are.
func (tx *Tx) AddSkills(ctx context.Context, personID int64, skills []string, source model.SkillSource, sourceID int64, notedOn string) error {
	for _, s := range skills {
		if _, err := tx.exec(ctx, `INSERT INTO person_skills (person_id, skill, skill_key, source, source_id, noted_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (person_id, skill_key, source, source_id) DO NOTHING`, personID, s, model.FoldKey(s), string(source), sourceID, notedOn, tx.now.Unix()); err != nil {
			return wrap("add skills", err)
		}
	}
	return nil
}

// FindSkills returns the skills people developed, by person, the latest first, with
// the title of where they were developed.
func (tx *Tx) FindSkills(ctx context.Context, personIDs []int64) (map[int64][]model.PersonSkill, error) {
	out := map[int64][]model.PersonSkill{}
	cond, args := inIDs("s.person_id", personIDs)
	rs, err := collectRows(ctx, tx, "find skills", `SELECT s.id, s.person_id, s.skill, s.source, s.source_id,
		COALESCE(CASE s.source WHEN 'service' THEN (SELECT title FROM service_projects WHERE id = s.source_id)
			WHEN 'initiative' THEN (SELECT title FROM initiatives WHERE id = s.source_id)
			ELSE (SELECT title FROM hackathons WHERE id = s.source_id) END, ''), s.noted_on
		FROM person_skills s WHERE `+cond+` ORDER BY s.noted_on DESC, s.skill_key`, args, func(r rowScanner) (model.PersonSkill, error) {
		var s model.PersonSkill
		var src string
		err := r.Scan(&s.ID, &s.PersonID, &s.Skill, &src, &s.SourceID, &s.SourceTitle, &s.NotedOn)
		s.Source = model.SkillSource(src)
		return s, err
	})
	for _, s := range rs {
		out[s.PersonID] = append(out[s.PersonID], s)
	}
	return out, err
}
