package core

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"throughline/internal/model"
	"throughline/internal/score"
	"throughline/internal/store"
)

// Leadership development: programs, cohorts and progress. The rules, in one place:
//   - everyone signed in reads the programs and their modules (the curriculum is meant to
//     be seen); hr and admin make, copy and edit programs, and built-in programs are
//     never edited, only copied;
//   - hr and admin create cohorts and choose their participants and facilitators;
//   - a participant sees their own progress; the cohort's facilitators, hr and admin see
//     everyone's, who is behind, the action projects handed in, and the spread of the
//     cohort's choices in each dilemma (counts only, from model.MinChoices answers);
//   - nobody but the author reads a reflection (journal.go), not even a facilitator;
//   - progress is computed in Go from the completions (score.ProgramProgress).

// canManageDevelopment reports whether actor runs programs and cohorts: hr and admin.
func canManageDevelopment(actor model.Actor) bool { return actor.Is(model.RoleHR, model.RoleAdmin) }

func requireDevelopmentAdmin(actor model.Actor) error {
	return requireRole(actor, model.RoleHR, model.RoleAdmin)
}

// DevProgramDetail is a program with its modules.
type DevProgramDetail struct {
	Program model.DevProgram
	Modules []model.DevModule
	Cohorts []model.Cohort
	CanEdit bool // hr and admin, programs made here
	CanCopy bool // hr and admin
	// CanSeeImpact: hr, admin and executives may open the program's measured impact.
	CanSeeImpact bool
}

// DevPrograms lists the programs; everyone signed in may read them.
func (c *Core) DevPrograms(ctx context.Context, actor model.Actor) ([]model.DevProgram, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []model.DevProgram
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindDevPrograms(ctx)
		return err
	})
	return out, err
}

// DevProgram returns a program with its modules, and for hr and admin its cohorts.
func (c *Core) DevProgram(ctx context.Context, actor model.Actor, id int64) (DevProgramDetail, error) {
	if err := requireSignedIn(actor); err != nil {
		return DevProgramDetail{}, err
	}
	var d DevProgramDetail
	err := c.read(ctx, func(tx *store.Tx) error {
		p, err := tx.FindDevProgramByID(ctx, id)
		if err != nil {
			return notFound(err, "program")
		}
		mods, err := tx.DevModules(ctx, []int64{id})
		if err != nil {
			return err
		}
		d.Program, d.Modules = p, mods[id]
		d.CanCopy = canManageDevelopment(actor)
		d.CanEdit = d.CanCopy && !p.Builtin
		d.CanSeeImpact = requireRole(actor, model.RoleAdmin, model.RoleHR, model.RoleExecutive) == nil
		if d.CanCopy {
			d.Cohorts, err = tx.FindCohorts(ctx, store.CohortFilter{ProgramID: id})
		}
		return err
	})
	return d, err
}

// DevModule returns one module of a program.
func (c *Core) DevModule(ctx context.Context, actor model.Actor, id int64) (model.DevModule, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.DevModule{}, err
	}
	var m model.DevModule
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		m, err = tx.FindDevModuleByID(ctx, id)
		return notFound(err, "module")
	})
	return m, err
}

// CreateDevProgram makes an empty program. hr and admin.
func (c *Core) CreateDevProgram(ctx context.Context, actor model.Actor, in model.DevProgramInput) (int64, error) {
	if err := requireDevelopmentAdmin(actor); err != nil {
		return 0, err
	}
	in.Active = true
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) (err error) {
		if id, err = tx.CreateDevProgram(ctx, in, 0); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "program_created", "program", id, in.Title)
	})
	return id, err
}

// CopyDevProgram copies a program (built in or not) with its modules into a new program
// that hr and admin can edit. The title defaults to "… (our version)".
func (c *Core) CopyDevProgram(ctx context.Context, actor model.Actor, id int64, title string) (int64, error) {
	if err := requireDevelopmentAdmin(actor); err != nil {
		return 0, err
	}
	var newID int64
	err := c.write(ctx, func(tx *store.Tx) error {
		src, err := tx.FindDevProgramByID(ctx, id)
		if err != nil {
			return notFound(err, "program")
		}
		in := model.DevProgramInput{Title: title, Summary: src.Summary, Audience: src.Audience, Active: true}
		if in.Title == "" {
			in.Title = src.Title + " (our version)"
		}
		if err := in.Validate(); err != nil {
			return err
		}
		if newID, err = tx.CopyDevProgram(ctx, id, in); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "program_copied", "program", newID, fmt.Sprintf("from %d", id))
	})
	return newID, err
}

func editableProgram(ctx context.Context, tx *store.Tx, id int64) (model.DevProgram, error) {
	p, err := tx.FindDevProgramByID(ctx, id)
	if err != nil {
		return p, notFound(err, "program")
	}
	if p.Builtin {
		return p, model.Errorf(model.CodeConflict, "Built-in programs cannot be changed. Copy the program to make your own version, then edit the copy.")
	}
	return p, nil
}

// UpdateDevProgram changes a program made here. hr and admin.
func (c *Core) UpdateDevProgram(ctx context.Context, actor model.Actor, id int64, in model.DevProgramInput) error {
	if err := requireDevelopmentAdmin(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if _, err := editableProgram(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.UpdateDevProgram(ctx, id, in); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "program_updated", "program", id, in.Title)
	})
}

// checkPrereqs checks that the prerequisites of a module (moduleID 0 for a new one) are
// other modules of the same program and that they form no cycle.
func checkPrereqs(mods []model.DevModule, moduleID int64, prereqs []int64) error {
	byID := map[int64]model.DevModule{}
	for _, m := range mods {
		byID[m.ID] = m
	}
	var v model.Validator
	for _, p := range prereqs {
		if _, ok := byID[p]; !ok || p == moduleID {
			v.Add("prereqs", "Choose prerequisites among the other modules of this program.")
		}
	}
	if !v.Valid() || moduleID == 0 {
		return v.Err()
	}
	// A cycle would pass through the module: look for it among what its prerequisites need.
	seen := map[int64]bool{}
	var reaches func(id int64) bool
	reaches = func(id int64) bool {
		if id == moduleID {
			return true
		}
		if seen[id] {
			return false
		}
		seen[id] = true
		for _, p := range byID[id].Prereqs {
			if reaches(p) {
				return true
			}
		}
		return false
	}
	for _, p := range prereqs {
		if reaches(p) {
			v.Add("prereqs", "These prerequisites would make a circle: a module would need itself.")
			break
		}
	}
	return v.Err()
}

// AddDevModule adds a module at the end of a program made here. hr and admin.
func (c *Core) AddDevModule(ctx context.Context, actor model.Actor, programID int64, in model.DevModuleInput) (int64, error) {
	if err := requireDevelopmentAdmin(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		if _, err := editableProgram(ctx, tx, programID); err != nil {
			return err
		}
		mods, err := tx.DevModules(ctx, []int64{programID})
		if err != nil {
			return err
		}
		if err := checkPrereqs(mods[programID], 0, in.Prereqs); err != nil {
			return err
		}
		if id, err = tx.CreateDevModule(ctx, programID, in); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "module_created", "module", id, in.Title)
	})
	return id, err
}

// UpdateDevModule changes a module of a program made here. The options of a dilemma
// cannot change once someone has answered it, since that would change what their
// answer means. hr and admin.
func (c *Core) UpdateDevModule(ctx context.Context, actor model.Actor, id int64, in model.DevModuleInput) error {
	if err := requireDevelopmentAdmin(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		m, err := tx.FindDevModuleByID(ctx, id)
		if err != nil {
			return notFound(err, "module")
		}
		if _, err := editableProgram(ctx, tx, m.ProgramID); err != nil {
			return err
		}
		mods, err := tx.DevModules(ctx, []int64{m.ProgramID})
		if err != nil {
			return err
		}
		if err := checkPrereqs(mods[m.ProgramID], id, in.Prereqs); err != nil {
			return err
		}
		same := len(m.Options) == len(in.Options)
		for i := 0; same && i < len(in.Options); i++ {
			same = m.Options[i].Label == in.Options[i]
		}
		if !same {
			n, err := tx.ModuleCompletions(ctx, id)
			if err != nil {
				return err
			}
			if n > 0 && len(m.Options) > 0 {
				msg := "Participants have already answered this dilemma, so its options cannot change. Add a new module instead."
				return &model.Error{Code: model.CodeConflict, Message: msg, Fields: map[string]string{"options": msg}}
			}
		}
		if err := tx.UpdateDevModule(ctx, id, in, !same); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "module_updated", "module", id, in.Title)
	})
}

// DeleteDevModule removes a module nobody has completed from a program made here.
func (c *Core) DeleteDevModule(ctx context.Context, actor model.Actor, id int64) error {
	if err := requireDevelopmentAdmin(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		m, err := tx.FindDevModuleByID(ctx, id)
		if err != nil {
			return notFound(err, "module")
		}
		if _, err := editableProgram(ctx, tx, m.ProgramID); err != nil {
			return err
		}
		n, err := tx.ModuleCompletions(ctx, id)
		if err != nil {
			return err
		}
		if n > 0 {
			return model.Errorf(model.CodeConflict, "Participants have completed this module, so it cannot be removed.")
		}
		if err := tx.DeleteDevModule(ctx, id); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "module_deleted", "module", id, m.Title)
	})
}

// Cohorts.

// cohortData is what a cohort's views and rules need.
type cohortData struct {
	cohort  model.Cohort
	program model.DevProgram
	modules []model.DevModule
	members []store.CohortMemberRow
	done    map[int64]map[int64]int64 // person → module → completed at
	choice  map[int64]map[int64]int64 // person → module → option
	by      map[int64]map[int64]string
}

func loadCohort(ctx context.Context, tx *store.Tx, id int64) (cohortData, error) {
	var d cohortData
	var err error
	if d.cohort, err = tx.FindCohortByID(ctx, id); err != nil {
		return d, notFound(err, "cohort")
	}
	if d.program, err = tx.FindDevProgramByID(ctx, d.cohort.ProgramID); err != nil {
		return d, err
	}
	mods, err := tx.DevModules(ctx, []int64{d.cohort.ProgramID})
	if err != nil {
		return d, err
	}
	d.modules = mods[d.cohort.ProgramID]
	if d.members, err = tx.CohortMembers(ctx, []int64{id}); err != nil {
		return d, err
	}
	rows, err := tx.Completions(ctx, []int64{id}, nil)
	if err != nil {
		return d, err
	}
	d.done, d.choice, d.by = map[int64]map[int64]int64{}, map[int64]map[int64]int64{}, map[int64]map[int64]string{}
	for _, r := range rows {
		if d.done[r.PersonID] == nil {
			d.done[r.PersonID], d.choice[r.PersonID], d.by[r.PersonID] = map[int64]int64{}, map[int64]int64{}, map[int64]string{}
		}
		d.done[r.PersonID][r.ModuleID] = r.CompletedAt
		d.choice[r.PersonID][r.ModuleID] = r.OptionID
		d.by[r.PersonID][r.ModuleID] = r.RecordedBy
	}
	return d, nil
}

func (d cohortData) roleOf(personID int64) model.CohortRole {
	if personID == 0 {
		return ""
	}
	for _, m := range d.members {
		if m.Person.ID == personID {
			return m.Role
		}
	}
	return ""
}

func (d cohortData) module(id int64) (model.DevModule, bool) {
	for _, m := range d.modules {
		if m.ID == id {
			return m, true
		}
	}
	return model.DevModule{}, false
}

func (d cohortData) progress(personID int64, today string) model.Progress {
	return score.ProgramProgress(d.modules, d.done[personID], d.cohort.StartsOn, today)
}

// canFacilitate reports whether actor sees everyone's progress in the cohort.
func (d cohortData) canFacilitate(actor model.Actor) bool {
	return canManageDevelopment(actor) || d.roleOf(actor.PersonID) == model.CohortFacilitator
}

// CohortView is a cohort as the actor may see it.
type CohortView struct {
	Cohort        model.Cohort
	Status        model.CohortStatus
	Program       model.DevProgram
	Modules       []model.DevModule
	Role          model.CohortRole // the actor's part, "" for hr and admin outside it
	Mine          *model.Progress  // a participant's own progress
	CanFacilitate bool
	CanManage     bool
	Facilitators  []model.Person
	Participants  []model.Participant // facilitators, hr and admin
	Spreads       []model.DilemmaSpread
	Projects      []model.ActionProject // handed-in outcome reports
	Sessions      []model.WorkshopSession
	Mean          float64
	Behind        int
	Complete      int
	OnTrack       bool
	Today         string
}

// Cohort returns a cohort for its members, hr and admin. Participants see their own
// progress and who facilitates; facilitators, hr and admin see everyone's progress, who
// is behind, the spread of choices in each dilemma, and the action projects.
func (c *Core) Cohort(ctx context.Context, actor model.Actor, id int64) (CohortView, error) {
	if err := requireSignedIn(actor); err != nil {
		return CohortView{}, err
	}
	var v CohortView
	err := c.read(ctx, func(tx *store.Tx) error {
		d, err := loadCohort(ctx, tx, id)
		if err != nil {
			return err
		}
		v.Role = d.roleOf(actor.PersonID)
		if v.Role == "" && !canManageDevelopment(actor) {
			return model.NotFound("cohort")
		}
		v.Today = today(tx)
		v.Cohort, v.Program, v.Modules, v.Status = d.cohort, d.program, d.modules, d.cohort.StatusOn(v.Today)
		v.CanFacilitate, v.CanManage = d.canFacilitate(actor), canManageDevelopment(actor)
		for _, m := range d.members {
			if m.Role == model.CohortFacilitator {
				v.Facilitators = append(v.Facilitators, m.Person)
			}
		}
		if v.Role == model.CohortParticipant {
			p := d.progress(actor.PersonID, v.Today)
			v.Mine = &p
		}
		if v.Sessions, err = tx.FindWorkshops(ctx, store.WorkshopFilter{CohortIDs: []int64{id}}); err != nil {
			return err
		}
		if err := markMine(ctx, tx, actor, v.Sessions); err != nil {
			return err
		}
		if !v.CanFacilitate {
			return nil
		}
		var ps []model.Progress
		for _, m := range d.members {
			if m.Role != model.CohortParticipant {
				continue
			}
			p := d.progress(m.Person.ID, v.Today)
			ps = append(ps, p)
			v.Participants = append(v.Participants, model.Participant{Person: m.Person, Progress: p})
			if p.Behind {
				v.Behind++
			}
			if p.Complete {
				v.Complete++
			}
		}
		// Who is behind first, then the least progress.
		sort.SliceStable(v.Participants, func(i, j int) bool {
			a, b := v.Participants[i].Progress, v.Participants[j].Progress
			if a.Behind != b.Behind {
				return a.Behind
			}
			return a.Percent < b.Percent
		})
		v.Mean = score.MeanPercent(ps)
		v.OnTrack = score.CohortOnTrack(len(ps), v.Behind)
		counts, err := tx.OptionCounts(ctx, id)
		if err != nil {
			return err
		}
		for _, m := range d.modules {
			if !m.IsDilemma() {
				continue
			}
			s := model.DilemmaSpread{Module: m}
			s.Shown, s.Answers, s.Options = score.Spread(m.Options, counts[m.ID])
			v.Spreads = append(v.Spreads, s)
		}
		projects, err := tx.ActionProjects(ctx, id, 0)
		if err != nil {
			return err
		}
		for _, p := range projects {
			if p.SubmittedAt > 0 {
				v.Projects = append(v.Projects, p)
			}
		}
		return nil
	})
	return v, err
}

// CohortChoices is what the cohort form offers.
type CohortChoices struct {
	Programs []model.DevProgram
	People   PeopleChoices
	Today    string
}

// NewCohortChoices returns the choices of the cohort form. hr and admin.
func (c *Core) NewCohortChoices(ctx context.Context, actor model.Actor) (CohortChoices, error) {
	if err := requireDevelopmentAdmin(actor); err != nil {
		return CohortChoices{}, err
	}
	var out CohortChoices
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out.Today = today(tx)
		if out.Programs, err = tx.FindDevPrograms(ctx); err != nil {
			return err
		}
		people, total, err := tx.FindPeople(ctx, model.PersonFilter{Page: model.Page{Limit: 1000}})
		for _, p := range people {
			out.People.People = append(out.People.People, p.Directory())
		}
		out.People.More = total > 1000
		return err
	})
	return out, err
}

// checkCohortPeople checks that participants and facilitators are active people.
func checkCohortPeople(ctx context.Context, tx *store.Tx, in model.CohortInput) error {
	var v model.Validator
	for _, id := range in.ParticipantIDs {
		if _, err := activePerson(ctx, tx, &v, id, "participant_ids", "Every participant must be an active person."); err != nil {
			return err
		}
	}
	for _, id := range in.FacilitatorIDs {
		if _, err := activePerson(ctx, tx, &v, id, "facilitator_ids", "Every facilitator must be an active person."); err != nil {
			return err
		}
	}
	return v.Err()
}

// CreateCohort creates a cohort of a program with its participants and facilitators.
// hr and admin.
func (c *Core) CreateCohort(ctx context.Context, actor model.Actor, in model.CohortInput) (int64, error) {
	if err := requireDevelopmentAdmin(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		if _, err := tx.FindDevProgramByID(ctx, in.ProgramID); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return &model.Error{Code: model.CodeInvalid, Message: "Please correct the highlighted fields.", Fields: map[string]string{"program_id": "Choose one of the programs."}}
			}
			return err
		}
		if err := checkCohortPeople(ctx, tx, in); err != nil {
			return err
		}
		var err error
		if id, err = tx.CreateCohort(ctx, in); err != nil {
			return err
		}
		if err := tx.AddCohortMembers(ctx, id, model.CohortParticipant, in.ParticipantIDs); err != nil {
			return err
		}
		if err := tx.AddCohortMembers(ctx, id, model.CohortFacilitator, in.FacilitatorIDs); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "cohort_created", "cohort", id, fmt.Sprintf("%s; %d participants", in.Name, len(in.ParticipantIDs)))
	})
	return id, err
}

// AddCohortMembers adds participants and facilitators to a cohort; people already in it
// keep their part. hr and admin.
func (c *Core) AddCohortMembers(ctx context.Context, actor model.Actor, id int64, participants, facilitators []int64) error {
	if err := requireDevelopmentAdmin(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if _, err := tx.FindCohortByID(ctx, id); err != nil {
			return notFound(err, "cohort")
		}
		in := model.CohortInput{ParticipantIDs: participants, FacilitatorIDs: facilitators}
		if err := checkCohortPeople(ctx, tx, in); err != nil {
			return err
		}
		if err := tx.AddCohortMembers(ctx, id, model.CohortParticipant, in.ParticipantIDs); err != nil {
			return err
		}
		if err := tx.AddCohortMembers(ctx, id, model.CohortFacilitator, in.FacilitatorIDs); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "cohort_members_added", "cohort", id, fmt.Sprintf("%d participants, %d facilitators", len(participants), len(facilitators)))
	})
}

// RemoveCohortMember takes a person out of a cohort. hr and admin.
func (c *Core) RemoveCohortMember(ctx context.Context, actor model.Actor, id, personID int64) error {
	if err := requireDevelopmentAdmin(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if err := tx.RemoveCohortMember(ctx, id, personID); err != nil {
			return notFound(err, "cohort member")
		}
		return audit(ctx, tx, actor, "cohort_member_removed", "cohort", id, fmt.Sprintf("person %d", personID))
	})
}

// CohortsOverview lists every cohort with how it is doing: the mean progress of its
// participants, how many are behind, and whether it is on track (score.CohortOnTrack).
// hr and admin.
func (c *Core) CohortsOverview(ctx context.Context, actor model.Actor) ([]model.CohortSummary, error) {
	if err := requireDevelopmentAdmin(actor); err != nil {
		return nil, err
	}
	var out []model.CohortSummary
	err := c.read(ctx, func(tx *store.Tx) error {
		cohorts, err := tx.FindCohorts(ctx, store.CohortFilter{})
		if err != nil {
			return err
		}
		out, err = summarize(ctx, tx, cohorts, today(tx))
		return err
	})
	return out, err
}

// summarize computes the summaries of cohorts with three queries in all.
func summarize(ctx context.Context, tx *store.Tx, cohorts []model.Cohort, today string) ([]model.CohortSummary, error) {
	if len(cohorts) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(cohorts))
	progs := map[int64]bool{}
	var progIDs []int64
	for i, ch := range cohorts {
		ids[i] = ch.ID
		if !progs[ch.ProgramID] {
			progs[ch.ProgramID] = true
			progIDs = append(progIDs, ch.ProgramID)
		}
	}
	mods, err := tx.DevModules(ctx, progIDs)
	if err != nil {
		return nil, err
	}
	members, err := tx.CohortMembers(ctx, ids)
	if err != nil {
		return nil, err
	}
	rows, err := tx.Completions(ctx, ids, nil)
	if err != nil {
		return nil, err
	}
	type key struct{ cohort, person int64 }
	done := map[key]map[int64]int64{}
	for _, r := range rows {
		k := key{r.CohortID, r.PersonID}
		if done[k] == nil {
			done[k] = map[int64]int64{}
		}
		done[k][r.ModuleID] = r.CompletedAt
	}
	byCohort := map[int64][]int64{}
	for _, m := range members {
		if m.Role == model.CohortParticipant {
			byCohort[m.CohortID] = append(byCohort[m.CohortID], m.Person.ID)
		}
	}
	out := make([]model.CohortSummary, 0, len(cohorts))
	for _, ch := range cohorts {
		s := model.CohortSummary{Cohort: ch, Status: ch.StatusOn(today)}
		var ps []model.Progress
		for _, pid := range byCohort[ch.ID] {
			p := score.ProgramProgress(mods[ch.ProgramID], done[key{ch.ID, pid}], ch.StartsOn, today)
			ps = append(ps, p)
			if p.Behind {
				s.Behind++
			}
			if p.Complete {
				s.Complete++
			}
		}
		s.Mean = score.MeanPercent(ps)
		s.OnTrack = score.CohortOnTrack(len(ps), s.Behind)
		out = append(out, s)
	}
	return out, nil
}

// MyDevelopment is the development hub of the actor: their cohorts with progress, the
// cohorts they facilitate, their next workshop session, their coach, and the 360s they
// are asked to answer or are the subject of.
func (c *Core) MyDevelopment(ctx context.Context, actor model.Actor) (model.DevelopmentHome, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.DevelopmentHome{}, err
	}
	var h model.DevelopmentHome
	if actor.PersonID == 0 {
		return h, nil
	}
	err := c.read(ctx, func(tx *store.Tx) error {
		day := today(tx)
		cohorts, err := tx.FindCohorts(ctx, store.CohortFilter{MemberID: actor.PersonID})
		if err != nil {
			return err
		}
		for _, ch := range cohorts {
			d, err := loadCohort(ctx, tx, ch.ID)
			if err != nil {
				return err
			}
			e := model.Enrolment{Cohort: d.cohort, Role: d.roleOf(actor.PersonID), Status: ch.StatusOn(day)}
			if e.Role == model.CohortParticipant {
				e.Progress = d.progress(actor.PersonID, day)
				h.Enrolments = append(h.Enrolments, e)
			} else {
				h.Facilitating = append(h.Facilitating, e)
			}
		}
		next, err := tx.FindWorkshops(ctx, store.WorkshopFilter{RegisteredID: actor.PersonID, From: tx.Now().Unix(), Limit: 1})
		if err != nil {
			return err
		}
		if len(next) == 1 {
			next[0].Mine = true
			h.NextSession = &next[0]
		}
		coaches, err := tx.FindAssignments(ctx, store.AssignmentFilter{CoacheeID: actor.PersonID, ActiveOnly: true})
		if err != nil {
			return err
		}
		if len(coaches) > 0 {
			h.Coach = &coaches[0]
		}
		coachees, err := tx.FindAssignments(ctx, store.AssignmentFilter{CoachID: actor.PersonID, ActiveOnly: true})
		if err != nil {
			return err
		}
		h.Coachees = len(coachees)
		if h.ToAnswer, err = tx.RaterAssessments(ctx, actor.PersonID); err != nil {
			return err
		}
		h.Mine, err = tx.FindAssessments(ctx, store.AssessmentFilter{SubjectIDs: []int64{actor.PersonID}, Limit: 10})
		return err
	})
	hideAnswered(h.Mine, h.ToAnswer)
	return h, err
}

// ModuleView is one module of a cohort as a participant works on it.
type ModuleView struct {
	Cohort     model.Cohort
	Program    model.DevProgram
	Module     model.DevModule
	Role       model.CohortRole
	Progress   *model.ModuleProgress // participants
	Entry      *model.JournalEntry   // the participant's own reflection, to them alone
	Choice     int64                 // their choice in a dilemma
	Project    *model.ActionProject
	Sessions   []model.WorkshopSession
	SelfRated  bool // assessment modules: the participant submitted their own ratings
	CanMark    bool // lessons, coaching and (once rated) assessments can be marked done
	Goals      []model.Goal
	Metrics    []model.Metric
	Coaches    []model.CoachingAssignment // active coaches, to share a reflection with
	Prereqs    []model.DevModule
	Today      string
	DoneByOthr string // how a completion was recorded, when not by the participant
}

// ModuleInCohort returns a module of a cohort for a member, hr or admin. The reflection
// a participant wrote is in it only for that participant.
func (c *Core) ModuleInCohort(ctx context.Context, actor model.Actor, cohortID, moduleID int64) (ModuleView, error) {
	if err := requireSignedIn(actor); err != nil {
		return ModuleView{}, err
	}
	var v ModuleView
	err := c.read(ctx, func(tx *store.Tx) error {
		d, err := loadCohort(ctx, tx, cohortID)
		if err != nil {
			return err
		}
		v.Role = d.roleOf(actor.PersonID)
		if v.Role == "" && !canManageDevelopment(actor) {
			return model.NotFound("cohort")
		}
		m, ok := d.module(moduleID)
		if !ok {
			return model.NotFound("module")
		}
		v.Cohort, v.Program, v.Module, v.Today = d.cohort, d.program, m, today(tx)
		for _, p := range m.Prereqs {
			if pm, ok := d.module(p); ok {
				v.Prereqs = append(v.Prereqs, pm)
			}
		}
		if m.Kind == model.ModuleWorkshop {
			all, err := tx.FindWorkshops(ctx, store.WorkshopFilter{CohortIDs: []int64{cohortID}})
			if err != nil {
				return err
			}
			for _, s := range all {
				if s.ModuleID == moduleID || s.ModuleID == 0 {
					v.Sessions = append(v.Sessions, s)
				}
			}
			if err := markMine(ctx, tx, actor, v.Sessions); err != nil {
				return err
			}
		}
		if v.Role != model.CohortParticipant {
			return nil
		}
		p := d.progress(actor.PersonID, v.Today)
		v.Progress = p.Module(moduleID)
		v.Choice = d.choice[actor.PersonID][moduleID]
		if by := d.by[actor.PersonID][moduleID]; by != "" && by != "self" {
			v.DoneByOthr = by
		}
		switch m.Kind {
		case model.ModuleReflection:
			e, err := tx.LatestEntryFor(ctx, actor.PersonID, cohortID, moduleID)
			switch {
			case err == nil:
				v.Entry = &e
			case !errors.Is(err, store.ErrNotFound):
				return err
			}
			if v.Coaches, err = tx.FindAssignments(ctx, store.AssignmentFilter{CoacheeID: actor.PersonID, ActiveOnly: true}); err != nil {
				return err
			}
		case model.ModuleActionProject:
			ps, err := tx.ActionProjects(ctx, cohortID, actor.PersonID)
			if err != nil {
				return err
			}
			for i := range ps {
				if ps[i].ModuleID == moduleID {
					v.Project = &ps[i]
				}
			}
			if v.Goals, err = c.goalChoices(ctx, tx, actor); err != nil {
				return err
			}
			if v.Metrics, err = tx.FindMetrics(ctx, model.MetricFilter{Status: model.MetricPublished}); err != nil {
				return err
			}
		case model.ModuleAssessment:
			if v.SelfRated, err = selfRatedSince(ctx, tx, actor.PersonID, d.cohort.StartsOn); err != nil {
				return err
			}
		}
		avail := v.Progress != nil && v.Progress.State == model.StateAvailable
		switch m.Kind {
		case model.ModuleLesson, model.ModuleCoaching:
			v.CanMark = avail
		case model.ModuleAssessment:
			v.CanMark = avail && v.SelfRated
		}
		return nil
	})
	return v, err
}

// goalChoices are the goals a participant may link an outcome report to: their own and
// their direct reports' goals of this year and last.
func (c *Core) goalChoices(ctx context.Context, tx *store.Tx, actor model.Actor) ([]model.Goal, error) {
	me, err := tx.FindPersonByID(ctx, actor.PersonID)
	if err != nil {
		return nil, err
	}
	year := tx.Now().Year()
	var out []model.Goal
	for _, y := range []int{year, year - 1} {
		l, _, err := tx.FindGoals(ctx, model.GoalFilter{OwnerIDs: []int64{me.ID}, Year: fmt.Sprint(y), Page: model.Page{Limit: 100}}, "")
		if err != nil {
			return nil, err
		}
		out = append(out, l...)
	}
	return out, nil
}

// selfRatedSince reports whether a person submitted their own ratings in a 360 that
// opened no earlier than 30 days before a day.
func selfRatedSince(ctx context.Context, tx *store.Tx, personID int64, since string) (bool, error) {
	as, err := tx.FindAssessments(ctx, store.AssessmentFilter{SubjectIDs: []int64{personID}})
	if err != nil {
		return false, err
	}
	from := since
	if t, err := time.Parse("2006-01-02", since); err == nil {
		from = t.AddDate(0, 0, -30).Format("2006-01-02")
	}
	for _, a := range as {
		if a.OpensOn < from {
			continue
		}
		r, err := tx.RaterOf(ctx, a.ID, personID)
		if err == nil && r.Relation == model.RelSelf && r.Answered {
			return true, nil
		}
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return false, err
		}
	}
	return false, nil
}

// participantModule loads a cohort for a write by one of its participants and checks
// that the module is in its program and available (or already done, to be redone).
func participantModule(ctx context.Context, tx *store.Tx, actor model.Actor, cohortID, moduleID int64, kinds ...model.ModuleKind) (cohortData, model.DevModule, error) {
	d, err := loadCohort(ctx, tx, cohortID)
	if err != nil {
		return d, model.DevModule{}, err
	}
	role := d.roleOf(actor.PersonID)
	if role == "" && !canManageDevelopment(actor) {
		return d, model.DevModule{}, model.NotFound("cohort")
	}
	if role != model.CohortParticipant {
		return d, model.DevModule{}, model.Errorf(model.CodeForbidden, "Only the cohort's participants work through its modules.")
	}
	m, ok := d.module(moduleID)
	if !ok {
		return d, m, model.NotFound("module")
	}
	okKind := len(kinds) == 0
	for _, k := range kinds {
		okKind = okKind || m.Kind == k
	}
	if !okKind {
		return d, m, model.Errorf(model.CodeConflict, "A %s module is not completed this way.", m.Kind.Label())
	}
	if d.done[actor.PersonID][moduleID] == 0 && !score.Available(m, d.done[actor.PersonID]) {
		return d, m, model.Errorf(model.CodeConflict, "Complete this module's prerequisites first.")
	}
	return d, m, nil
}

// CompleteModule marks a lesson or a coaching module done, or an assessment module once
// the participant has submitted their own ratings. Workshops are completed by recorded
// attendance, reflections by SubmitReflection and action projects by their report.
func (c *Core) CompleteModule(ctx context.Context, actor model.Actor, cohortID, moduleID int64) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		d, m, err := participantModule(ctx, tx, actor, cohortID, moduleID, model.ModuleLesson, model.ModuleCoaching, model.ModuleAssessment)
		if err != nil {
			return err
		}
		if m.Kind == model.ModuleAssessment {
			ok, err := selfRatedSince(ctx, tx, actor.PersonID, d.cohort.StartsOn)
			if err != nil {
				return err
			}
			if !ok {
				return model.Errorf(model.CodeConflict, "Submit your own ratings in a 360 assessment first; then this module is done.")
			}
		}
		if err := tx.Complete(ctx, store.CompletionRow{CohortID: cohortID, PersonID: actor.PersonID, ModuleID: moduleID, RecordedBy: "self", CompletedAt: tx.Now().Unix()}); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "module_completed", "module", moduleID, fmt.Sprintf("cohort %d", cohortID))
	})
}

// SubmitReflection answers a reflection module: the text goes into the participant's
// private journal (a new entry, or the module's entry changed), and a dilemma's choice
// is recorded with the completion. The audit log records that it happened, never what
// was written.
func (c *Core) SubmitReflection(ctx context.Context, actor model.Actor, cohortID, moduleID int64, in model.ModuleReflectionInput) (int64, error) {
	if err := requirePerson(actor); err != nil {
		return 0, err
	}
	var entryID int64
	err := c.write(ctx, func(tx *store.Tx) error {
		_, m, err := participantModule(ctx, tx, actor, cohortID, moduleID, model.ModuleReflection)
		if err != nil {
			return err
		}
		if err := in.Validate(m.IsDilemma()); err != nil {
			return err
		}
		if m.IsDilemma() {
			found := false
			for _, o := range m.Options {
				found = found || o.ID == in.OptionID
			}
			if !found {
				return &model.Error{Code: model.CodeInvalid, Message: "Please correct the highlighted fields.", Fields: map[string]string{"option_id": "Choose one of the options."}}
			}
		} else {
			in.OptionID = 0
		}
		e, err := tx.LatestEntryFor(ctx, actor.PersonID, cohortID, moduleID)
		switch {
		case err == nil:
			entryID = e.ID
			err = tx.UpdateJournalEntry(ctx, e.ID, actor.PersonID, m.Prompt, in.Body)
		case errors.Is(err, store.ErrNotFound):
			entryID, err = tx.CreateJournalEntry(ctx, store.JournalRecord{PersonID: actor.PersonID, ModuleID: moduleID, CohortID: cohortID, Prompt: m.Prompt, Body: in.Body})
		}
		if err != nil {
			return err
		}
		if err := tx.Complete(ctx, store.CompletionRow{CohortID: cohortID, PersonID: actor.PersonID, ModuleID: moduleID, OptionID: in.OptionID, RecordedBy: "self", CompletedAt: tx.Now().Unix()}); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "module_completed", "module", moduleID, fmt.Sprintf("cohort %d", cohortID))
	})
	return entryID, err
}

// SaveActionProject saves a participant's action project; handing in the outcome report
// (Submit) completes the module. The outcome links to a goal the participant may read
// or to a published metric.
func (c *Core) SaveActionProject(ctx context.Context, actor model.Actor, cohortID, moduleID int64, in model.ActionProjectInput) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if _, _, err := participantModule(ctx, tx, actor, cohortID, moduleID, model.ModuleActionProject); err != nil {
			return err
		}
		var v model.Validator
		if in.GoalID != 0 {
			if _, _, err := c.loadReadableGoal(ctx, tx, actor, in.GoalID); model.ErrorCodeOf(err) == model.CodeNotFound {
				v.Add("goal_id", "Choose one of your goals.")
			} else if err != nil {
				return err
			}
		}
		if in.MetricID != 0 {
			mt, err := tx.FindMetricByID(ctx, in.MetricID)
			if errors.Is(err, store.ErrNotFound) || (err == nil && mt.Status != model.MetricPublished) {
				v.Add("metric_id", "Choose one of the published metrics.")
			} else if err != nil {
				return err
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		a := model.ActionProject{CohortID: cohortID, PersonID: actor.PersonID, ModuleID: moduleID, Plan: in.Plan, Outcome: in.Outcome, GoalID: in.GoalID, MetricID: in.MetricID}
		if in.Submit {
			a.SubmittedAt = tx.Now().Unix()
		}
		if err := tx.SaveActionProject(ctx, a); err != nil {
			return err
		}
		if in.Submit {
			if err := tx.Complete(ctx, store.CompletionRow{CohortID: cohortID, PersonID: actor.PersonID, ModuleID: moduleID, RecordedBy: "self", CompletedAt: tx.Now().Unix()}); err != nil {
				return err
			}
		}
		return audit(ctx, tx, actor, "action_project_saved", "module", moduleID, fmt.Sprintf("cohort %d; submitted %v", cohortID, in.Submit))
	})
}

// RecordCompletion lets a facilitator (or hr and admin) record that a participant
// completed a lesson, workshop, coaching or assessment module (done), or undo it.
// Reflections and action projects are the participant's own work and cannot be recorded
// for them.
func (c *Core) RecordCompletion(ctx context.Context, actor model.Actor, cohortID, personID, moduleID int64, done bool) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		d, err := loadCohort(ctx, tx, cohortID)
		if err != nil {
			return err
		}
		if !d.canFacilitate(actor) {
			if d.roleOf(actor.PersonID) == "" {
				return model.NotFound("cohort")
			}
			return model.Forbidden()
		}
		if d.roleOf(personID) != model.CohortParticipant {
			return model.NotFound("participant")
		}
		m, ok := d.module(moduleID)
		if !ok {
			return model.NotFound("module")
		}
		if m.Kind == model.ModuleReflection || m.Kind == model.ModuleActionProject {
			return model.Errorf(model.CodeConflict, "Reflections and action projects are completed by the participant's own work.")
		}
		if done {
			err = tx.Complete(ctx, store.CompletionRow{CohortID: cohortID, PersonID: personID, ModuleID: moduleID, RecordedBy: "facilitator", CompletedAt: tx.Now().Unix()})
		} else {
			err = tx.Uncomplete(ctx, cohortID, personID, moduleID)
		}
		if err != nil {
			return err
		}
		return audit(ctx, tx, actor, "completion_recorded", "module", moduleID, fmt.Sprintf("cohort %d; person %d; done %v", cohortID, personID, done))
	})
}
