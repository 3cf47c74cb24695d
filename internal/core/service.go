package core

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"throughline/internal/model"
	"throughline/internal/stats"
	"throughline/internal/store"
)

// ServicePrograms lists the service corps programs with their projects.
func (c *Core) ServicePrograms(ctx context.Context, actor model.Actor) ([]model.ServiceProgram, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []model.ServiceProgram
	err := c.read(ctx, func(tx *store.Tx) error {
		progs, err := tx.FindPrograms(ctx)
		if err != nil {
			return err
		}
		ids := make([]int64, len(progs))
		for i, p := range progs {
			ids[i] = p.ID
		}
		projects, err := tx.FindProjects(ctx, ids)
		if err != nil {
			return err
		}
		for i := range progs {
			for _, pr := range projects {
				if pr.ProgramID == progs[i].ID {
					progs[i].Projects = append(progs[i].Projects, pr)
				}
			}
		}
		out = progs
		return nil
	})
	return out, err
}

// ProgramDetail is a service corps program's page.
type ProgramDetail struct {
	model.ServiceProgram
	CanOrganize bool
	Mine        map[int64]model.ServiceApplication // the viewer's applications, by project
}

// ServiceProgram returns a program with its projects, their teams and mixes.
func (c *Core) ServiceProgram(ctx context.Context, actor model.Actor, id int64) (ProgramDetail, error) {
	if err := requireSignedIn(actor); err != nil {
		return ProgramDetail{}, err
	}
	d := ProgramDetail{Mine: map[int64]model.ServiceApplication{}, CanOrganize: canOrganize(actor)}
	err := c.read(ctx, func(tx *store.Tx) error {
		p, err := tx.FindProgramByID(ctx, id)
		if err != nil {
			return notFound(err, "service program")
		}
		if p.Projects, err = tx.FindProjects(ctx, []int64{id}); err != nil {
			return err
		}
		ids := make([]int64, len(p.Projects))
		for i, pr := range p.Projects {
			ids[i] = pr.ID
		}
		teams, err := tx.ProjectTeams(ctx, ids)
		if err != nil {
			return err
		}
		for i := range p.Projects {
			pr := &p.Projects[i]
			pr.Mix = model.MixOf(teams[pr.ID])
			pr.Team = viewPeople(actor, teams[pr.ID])
		}
		d.ServiceProgram = p
		if actor.PersonID != 0 {
			apps, err := tx.ApplicationsOf(ctx, actor.PersonID)
			if err != nil {
				return err
			}
			for _, a := range apps {
				d.Mine[a.ProjectID] = a
			}
		}
		return nil
	})
	return d, err
}

// CreateServiceProgram opens a program for applications.
func (c *Core) CreateServiceProgram(ctx context.Context, actor model.Actor, in model.ServiceProgramInput) (int64, error) {
	if err := requireOrganizer(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) (err error) {
		if id, err = tx.CreateProgram(ctx, in, model.ServiceOpen, 0); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "service_program_created", "service_program", id, "")
	})
	return id, err
}

// SetServiceProgramStatus moves a program to a status.
func (c *Core) SetServiceProgramStatus(ctx context.Context, actor model.Actor, id int64, s model.ServiceStatus) error {
	if err := requireOrganizer(actor); err != nil {
		return err
	}
	if !s.Valid() {
		return &model.Error{Code: model.CodeInvalid, Message: "Choose a status.", Fields: map[string]string{"status": "Choose open, selecting, running or closed."}}
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if err := tx.SetProgramStatus(ctx, id, s); err != nil {
			return notFound(err, "service program")
		}
		return audit(ctx, tx, actor, "service_program_"+string(s), "service_program", id, "")
	})
}

// AddServiceProject adds a community project to a program.
func (c *Core) AddServiceProject(ctx context.Context, actor model.Actor, programID int64, in model.ServiceProjectInput) (int64, error) {
	if err := requireOrganizer(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) (err error) {
		if _, err := tx.FindProgramByID(ctx, programID); err != nil {
			return notFound(err, "service program")
		}
		id, err = tx.CreateProject(ctx, programID, in, 0)
		return err
	})
	return id, err
}

// ProjectDetail is a service project's page.
type ProjectDetail struct {
	model.ServiceProject
	CanOrganize   bool
	IsMember      bool // selected for the team
	MyApplication *model.ServiceApplication
	Applications  []model.ServiceApplication  // organizers only
	Logs          []model.ServiceLog          // the team and the organizers, latest first
	ByPerson      []model.ServiceContribution // the logs summed by person, most hours first
	Reflections   []model.Reflection          // own, and shared ones for the team and organizers
	MySkills      []model.PersonSkill
	CanApply      bool
}

// ServiceProject returns a project's page as actor may see it: applications and their
// motivations only for organizers; hours for the team and organizers; a reflection only
// for its author, or, once shared, for the team and the organizers.
func (c *Core) ServiceProject(ctx context.Context, actor model.Actor, id int64) (ProjectDetail, error) {
	if err := requireSignedIn(actor); err != nil {
		return ProjectDetail{}, err
	}
	d := ProjectDetail{CanOrganize: canOrganize(actor)}
	err := c.read(ctx, func(tx *store.Tx) error {
		p, err := tx.FindProjectByID(ctx, id)
		if err != nil {
			return notFound(err, "service project")
		}
		teams, err := tx.ProjectTeams(ctx, []int64{id})
		if err != nil {
			return err
		}
		p.Mix = model.MixOf(teams[id])
		p.Team = viewPeople(actor, teams[id])
		d.ServiceProject = p
		if actor.PersonID != 0 {
			a, err := tx.ApplicationOf(ctx, id, actor.PersonID)
			if err == nil {
				d.MyApplication = &a
				d.IsMember = a.Status == model.AppSelected
			} else if !errors.Is(err, store.ErrNotFound) {
				return err
			}
			d.CanApply = d.MyApplication == nil && p.ProgramStatus == model.ServiceOpen
		}
		if d.CanOrganize {
			if d.Applications, err = tx.FindApplications(ctx, []int64{id}); err != nil {
				return err
			}
			for i := range d.Applications {
				d.Applications[i].Person = viewPeople(actor, []model.Person{d.Applications[i].Person})[0]
			}
		}
		if d.CanOrganize || d.IsMember {
			if d.Logs, err = tx.FindServiceLogs(ctx, id); err != nil {
				return err
			}
			d.ByPerson = contributions(d.Logs)
		}
		if actor.PersonID != 0 || d.CanOrganize {
			if d.Reflections, err = tx.FindReflections(ctx, id, actor.PersonID, d.CanOrganize || d.IsMember); err != nil {
				return err
			}
		}
		if actor.PersonID != 0 {
			skills, err := tx.FindSkills(ctx, []int64{actor.PersonID})
			if err != nil {
				return err
			}
			for _, s := range skills[actor.PersonID] {
				if s.Source == model.SkillFromService && s.SourceID == id {
					d.MySkills = append(d.MySkills, s)
				}
			}
		}
		return nil
	})
	return d, err
}

// contributions sums a project's logs by person, most hours first.
func contributions(logs []model.ServiceLog) []model.ServiceContribution {
	index := map[int64]int{}
	var out []model.ServiceContribution
	for _, l := range logs {
		i, ok := index[l.PersonID]
		if !ok {
			i = len(out)
			index[l.PersonID] = i
			out = append(out, model.ServiceContribution{PersonID: l.PersonID, Name: l.PersonName})
		}
		out[i].Days++
		out[i].Hours += l.Hours
		out[i].Beneficiaries += l.Beneficiaries
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Hours > out[b].Hours })
	return out
}

// ApplyToProject applies the actor to a project of an open program.
func (c *Core) ApplyToProject(ctx context.Context, actor model.Actor, projectID int64, in model.ApplicationInput) (int64, error) {
	if err := requirePerson(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		p, err := tx.FindProjectByID(ctx, projectID)
		if err != nil {
			return notFound(err, "service project")
		}
		if p.ProgramStatus != model.ServiceOpen {
			return &model.Error{Code: model.CodeConflict, Message: "Applications for this program are closed."}
		}
		id, err = tx.CreateApplication(ctx, projectID, actor.PersonID, in.Motivation)
		if errors.Is(err, store.ErrUnique) {
			return &model.Error{Code: model.CodeConflict, Message: "You have already applied to this project.", Err: err}
		}
		if err != nil {
			return err
		}
		return audit(ctx, tx, actor, "service_applied", "service_project", projectID, "")
	})
	return id, err
}

// WithdrawApplication withdraws the actor's application to a project.
func (c *Core) WithdrawApplication(ctx context.Context, actor model.Actor, projectID int64) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		a, err := tx.ApplicationOf(ctx, projectID, actor.PersonID)
		if err != nil {
			return notFound(err, "application")
		}
		return tx.SetApplicationStatus(ctx, []int64{a.ID}, model.AppWithdrawn)
	})
}

// SelectionMethod explains the selection assistant to the organizers who use it.
const SelectionMethod = "Seats are filled one at a time, visiting the projects in turn, so no project takes every shared applicant first. " +
	"For each seat the assistant picks, among the project's applicants not yet placed anywhere in the program, the one whose department is " +
	"least represented in that project so far; ties go to the location least represented in the project, then the department and the " +
	"location least represented across the whole program, then the earliest application. Within a project, department counts therefore " +
	"never differ by more than one while every department still has applicants. Organizers review the proposal and confirm it; nothing " +
	"is decided until they do."

// ProposeSelection proposes a cohort for a program, balanced across departments and
// locations (see SelectionMethod and stats.BalancedSelect). It decides nothing.
func (c *Core) ProposeSelection(ctx context.Context, actor model.Actor, programID int64) (model.SelectionProposal, error) {
	if err := requireOrganizer(actor); err != nil {
		return model.SelectionProposal{}, err
	}
	var sp model.SelectionProposal
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		sp, err = proposeSelection(ctx, tx, actor, programID)
		return err
	})
	return sp, err
}

func proposeSelection(ctx context.Context, tx *store.Tx, actor model.Actor, programID int64) (model.SelectionProposal, error) {
	sp := model.SelectionProposal{Method: SelectionMethod}
	p, err := tx.FindProgramByID(ctx, programID)
	if err != nil {
		return sp, notFound(err, "service program")
	}
	projects, err := tx.FindProjects(ctx, []int64{programID})
	if err != nil {
		return sp, err
	}
	ids := make([]int64, len(projects))
	for i, pr := range projects {
		ids[i] = pr.ID
	}
	apps, err := tx.FindApplications(ctx, ids)
	if err != nil {
		return sp, err
	}
	sp.Program = p
	depts, locs := map[int64]int{}, map[int64]int{}
	byApp := map[int64]model.ServiceApplication{}
	slots := make([]stats.Slot, len(projects))
	for _, a := range apps {
		if a.Status == model.AppWithdrawn || a.Status == model.AppDeclined {
			continue
		}
		byApp[a.ID] = a
		for i, pr := range projects {
			if pr.ID == a.ProjectID {
				slots[i].Candidates = append(slots[i].Candidates, stats.Candidate{ID: a.ID, Person: a.Person.ID,
					Group: indexOf(depts, a.Person.DepartmentID), Place: indexOf(locs, a.Person.LocationID), Order: a.CreatedAt})
			}
		}
	}
	for i, pr := range projects {
		slots[i].Capacity = pr.Capacity
	}
	chosen := stats.BalancedSelect(slots)
	placed := map[int64]bool{}
	var everyone []model.Person
	for i, pr := range projects {
		pp := model.ProjectProposal{Project: pr}
		sel := map[int64]bool{}
		var people []model.Person
		for _, id := range chosen[i] {
			a := byApp[id]
			sel[id] = true
			placed[a.Person.ID] = true
			people = append(people, a.Person)
			pp.Selected = append(pp.Selected, a)
		}
		pp.Mix = model.MixOf(people)
		everyone = append(everyone, people...)
		sp.Projects = append(sp.Projects, pp)
	}
	for i := range sp.Projects {
		pp := &sp.Projects[i]
		sel := map[int64]bool{}
		for _, a := range pp.Selected {
			sel[a.ID] = true
		}
		for _, c := range slots[i].Candidates {
			switch {
			case sel[c.ID]:
			case placed[c.Person]:
				pp.Elsewhere = append(pp.Elsewhere, byApp[c.ID])
			default:
				pp.Waitlist = append(pp.Waitlist, byApp[c.ID])
			}
		}
	}
	sp.Mix = model.MixOf(everyone)
	seen := map[int64]bool{}
	for _, a := range apps {
		if _, ok := byApp[a.ID]; ok && !placed[a.Person.ID] && !seen[a.Person.ID] {
			seen[a.Person.ID] = true
			sp.Unplaced = append(sp.Unplaced, a)
		}
	}
	for i := range sp.Projects {
		for j := range sp.Projects[i].Selected {
			sp.Projects[i].Selected[j].Person = viewPeople(actor, []model.Person{sp.Projects[i].Selected[j].Person})[0]
		}
		for j := range sp.Projects[i].Waitlist {
			sp.Projects[i].Waitlist[j].Person = viewPeople(actor, []model.Person{sp.Projects[i].Waitlist[j].Person})[0]
		}
		for j := range sp.Projects[i].Elsewhere {
			sp.Projects[i].Elsewhere[j].Person = viewPeople(actor, []model.Person{sp.Projects[i].Elsewhere[j].Person})[0]
		}
	}
	return sp, nil
}

func indexOf(m map[int64]int, id int64) int {
	if i, ok := m[id]; ok {
		return i
	}
	m[id] = len(m)
	return m[id]
}

// ConfirmSelection selects the given applications of a program (the organizers'
// reviewed proposal), puts every other open application on the waiting list, and starts
// the program. No project may take more people than its capacity, and nobody is
// selected twice.
func (c *Core) ConfirmSelection(ctx context.Context, actor model.Actor, programID int64, applicationIDs []int64) error {
	if err := requireOrganizer(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if _, err := tx.FindProgramByID(ctx, programID); err != nil {
			return notFound(err, "service program")
		}
		projects, err := tx.FindProjects(ctx, []int64{programID})
		if err != nil {
			return err
		}
		capacity := map[int64]int{}
		ids := make([]int64, len(projects))
		for i, pr := range projects {
			ids[i] = pr.ID
			capacity[pr.ID] = pr.Capacity
		}
		apps, err := tx.FindApplications(ctx, ids)
		if err != nil {
			return err
		}
		want := map[int64]bool{}
		for _, id := range applicationIDs {
			want[id] = true
		}
		var sel, wait []int64
		taken := map[int64]int{}
		person := map[int64]bool{}
		for _, a := range apps {
			if a.Status == model.AppWithdrawn || a.Status == model.AppDeclined {
				if want[a.ID] {
					return &model.Error{Code: model.CodeConflict, Message: a.Person.Name + " withdrew or was declined and cannot be selected."}
				}
				continue
			}
			if !want[a.ID] {
				wait = append(wait, a.ID)
				continue
			}
			delete(want, a.ID)
			taken[a.ProjectID]++
			if taken[a.ProjectID] > capacity[a.ProjectID] {
				return &model.Error{Code: model.CodeConflict, Message: fmt.Sprintf("%s would have more people than its %d places.", a.ProjectTitle, capacity[a.ProjectID])}
			}
			if person[a.Person.ID] {
				return &model.Error{Code: model.CodeConflict, Message: a.Person.Name + " is selected for two projects; choose one."}
			}
			person[a.Person.ID] = true
			sel = append(sel, a.ID)
		}
		if len(want) > 0 {
			return &model.Error{Code: model.CodeInvalid, Message: "Some of the chosen applications are not in this program."}
		}
		if err := tx.SetApplicationStatus(ctx, sel, model.AppSelected); err != nil {
			return err
		}
		if err := tx.SetApplicationStatus(ctx, wait, model.AppWaitlisted); err != nil {
			return err
		}
		if err := tx.SetProgramStatus(ctx, programID, model.ServiceRunning); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "service_selection_confirmed", "service_program", programID, fmt.Sprintf("%d selected", len(sel)))
	})
}

// loadMemberProject loads a project the actor serves on (selected).
func loadMemberProject(ctx context.Context, tx *store.Tx, actor model.Actor, projectID int64) (model.ServiceProject, error) {
	p, err := tx.FindProjectByID(ctx, projectID)
	if err != nil {
		return p, notFound(err, "service project")
	}
	a, err := tx.ApplicationOf(ctx, projectID, actor.PersonID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && a.Status != model.AppSelected) {
		return p, &model.Error{Code: model.CodeForbidden, Message: "Only the project's team can do this."}
	}
	return p, err
}

// LogService records the actor's hours and the people they helped on a project.
func (c *Core) LogService(ctx context.Context, actor model.Actor, projectID int64, in model.ServiceLogInput) (int64, error) {
	if err := requirePerson(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		if _, err := loadMemberProject(ctx, tx, actor, projectID); err != nil {
			return err
		}
		if in.WorkedOn > today(tx) {
			return &model.Error{Code: model.CodeInvalid, Message: "Log days that have happened.", Fields: map[string]string{"worked_on": "Choose today or an earlier day."}}
		}
		var err error
		id, err = tx.CreateServiceLog(ctx, projectID, actor.PersonID, in)
		return err
	})
	return id, err
}

// AddReflection records the actor's reflection on a project they serve on; it stays
// private unless they share it.
func (c *Core) AddReflection(ctx context.Context, actor model.Actor, projectID int64, in model.ReflectionInput) (int64, error) {
	if err := requirePerson(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		if _, err := loadMemberProject(ctx, tx, actor, projectID); err != nil {
			return err
		}
		var err error
		id, err = tx.CreateReflection(ctx, projectID, actor.PersonID, in)
		return err
	})
	return id, err
}

// ShareReflection shares or unshares one of the actor's own reflections.
func (c *Core) ShareReflection(ctx context.Context, actor model.Actor, reflectionID int64, shared bool) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		return notFound(tx.SetReflectionShared(ctx, reflectionID, actor.PersonID, shared), "reflection")
	})
}

// RecordSkills records skills the actor developed serving on a project. They appear on
// the person's development profile (PersonSkills).
func (c *Core) RecordSkills(ctx context.Context, actor model.Actor, projectID int64, in model.SkillsInput) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if _, err := loadMemberProject(ctx, tx, actor, projectID); err != nil {
			return err
		}
		return tx.AddSkills(ctx, actor.PersonID, in.Skills, model.SkillFromService, projectID, today(tx))
	})
}

// PersonSkills returns the skills a person developed, for their development profile:
// the person, their managers, hr and admin may read them.
func (c *Core) PersonSkills(ctx context.Context, actor model.Actor, personID int64) ([]model.PersonSkill, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []model.PersonSkill
	err := c.read(ctx, func(tx *store.Tx) error {
		p, err := tx.FindPersonByID(ctx, personID)
		if err != nil {
			return notFound(err, "person")
		}
		if !canSeePrivate(actor, p) {
			if _, err := view(actor, p); err != nil {
				return err
			}
			return model.Forbidden()
		}
		skills, err := tx.FindSkills(ctx, []int64{personID})
		out = skills[personID]
		return err
	})
	return out, err
}

// ServiceTotals sums the service hours and beneficiaries logged in a period by the
// members of each team (named by the team's manager; see teamOf), for the scorecard's
// service observations. Executives, hr and admin may read them, and the system.
func (c *Core) ServiceTotals(ctx context.Context, actor model.Actor, period string) ([]model.ServiceTotal, error) {
	if err := requireRole(actor, model.RoleExecutive, model.RoleHR, model.RoleAdmin); err != nil {
		return nil, err
	}
	from, to, err := model.PeriodDates(period)
	if err != nil {
		return nil, &model.Error{Code: model.CodeInvalid, Message: err.Error(), Fields: map[string]string{"period": err.Error()}}
	}
	var out []model.ServiceTotal
	err = c.read(ctx, func(tx *store.Tx) error {
		rows, err := tx.ServiceHours(ctx, from, to)
		if err != nil {
			return err
		}
		ids := make([]int64, len(rows))
		for i, r := range rows {
			ids[i] = r.PersonID
		}
		people, err := tx.FindAllPeople(ctx, model.PersonFilter{IDs: ids, IncludeInactive: true})
		if err != nil {
			return err
		}
		team := map[int64]int64{}
		for _, p := range people {
			team[p.ID] = teamOf(p)
		}
		byTeam := map[int64]*model.ServiceTotal{}
		for _, r := range rows {
			t := team[r.PersonID]
			st, ok := byTeam[t]
			if !ok {
				st = &model.ServiceTotal{ManagerID: t, Period: period}
				byTeam[t] = st
			}
			st.Hours += r.Hours
			st.Beneficiaries += r.Beneficiaries
		}
		for _, st := range byTeam {
			out = append(out, *st)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].ManagerID < out[j].ManagerID })
		return nil
	})
	return out, err
}
