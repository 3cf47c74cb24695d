package core_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/ical/icaltest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// devOrg is the small organization with every account signed in, on 1 April 2026.
type devOrg struct {
	c   *core.Core
	db  *store.DB
	ids map[string]int64
	a   map[string]model.Actor // by first name, and "admin"
}

var devDay = time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)

func newDevOrg(t *testing.T, db *store.DB) *devOrg {
	t.Helper()
	db.SetNow(func() time.Time { return devDay })
	c := dbtest.NewCore(db)
	dbtest.MustImport(t, c, dbtest.SmallOrg)
	o := &devOrg{c: c, db: db, ids: map[string]int64{}, a: map[string]model.Actor{"admin": dbtest.MustAdmin(t, c)}}
	for _, p := range []struct{ emp, name string }{{"E1", "ada"}, {"E2", "bo"}, {"E3", "cy"}, {"E4", "dee"}, {"E5", "eli"}, {"E6", "fay"}, {"E7", "gus"}, {"E8", "hal"}, {"E9", "ivy"}} {
		o.ids[p.emp] = dbtest.MustPerson(t, c, p.emp).ID
		o.a[p.name] = dbtest.MustActor(t, c, p.name+"@example.org")
	}
	return o
}

func (o *devOrg) program(t *testing.T, key string) core.DevProgramDetail {
	t.Helper()
	ps, err := o.c.DevPrograms(context.Background(), o.a["dee"])
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Key == key {
			d, err := o.c.DevProgram(context.Background(), o.a["dee"], p.ID)
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
	}
	t.Fatalf("no built-in program %q", key)
	return core.DevProgramDetail{}
}

func moduleByKey(t *testing.T, d core.DevProgramDetail, key string) model.DevModule {
	t.Helper()
	for _, m := range d.Modules {
		if m.Key == key {
			return m
		}
	}
	t.Fatalf("program %s has no module %s", d.Program.Key, key)
	return model.DevModule{}
}

// TestBuiltinCurriculum checks the curriculum the migration seeds: five programs in our
// own words, at least six dilemmas with options in Ethical Decision-Making, an action
// project in Purpose in Practice, and lessons that render as Markdown.
func TestBuiltinCurriculum(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newDevOrg(t, db)
		ctx := context.Background()
		ps, err := o.c.DevPrograms(ctx, o.a["dee"])
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, p := range ps {
			if p.Builtin {
				keys = append(keys, p.Key)
			}
		}
		if got := strings.Join(keys, " "); got != "purpose_discovery empathy_ei ethical_decisions inclusive_teams purpose_in_practice" {
			t.Errorf("built-in programs %q", got)
		}
		eth := o.program(t, "ethical_decisions")
		dilemmas := 0
		for _, m := range eth.Modules {
			if m.IsDilemma() {
				dilemmas++
				if len(m.Options) < 2 || m.Prompt == "" || m.Body == "" {
					t.Errorf("dilemma %q: %d options, prompt %q", m.Title, len(m.Options), m.Prompt)
				}
			}
		}
		if dilemmas < 6 {
			t.Errorf("%d dilemmas, want at least six", dilemmas)
		}
		pip := o.program(t, "purpose_in_practice")
		if m := moduleByKey(t, pip, "pp_project"); m.Kind != model.ModuleActionProject || len(m.Prereqs) != 1 {
			t.Errorf("action project %+v", m)
		}
		for _, p := range ps {
			d, err := o.c.DevProgram(ctx, o.a["dee"], p.ID)
			if err != nil {
				t.Fatal(err)
			}
			kinds := map[model.ModuleKind]bool{}
			for _, m := range d.Modules {
				kinds[m.Kind] = true
				if m.Competency == "" || model.CompetencyLabel(m.Competency) == "" {
					t.Errorf("%s/%s develops no known competency", p.Key, m.Key)
				}
			}
			if !kinds[model.ModuleLesson] || !kinds[model.ModuleWorkshop] || !kinds[model.ModuleReflection] {
				t.Errorf("%s lacks a lesson, a workshop or a reflection: %v", p.Key, kinds)
			}
			if d.CanEdit || d.CanCopy {
				t.Errorf("an employee may edit or copy %s", p.Key)
			}
		}
	})
}

// TestCopyAndEditProgram: built-in programs are copied, never edited; the copy is
// editable, and prerequisites cannot make a circle.
func TestCopyAndEditProgram(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newDevOrg(t, db)
		ctx := context.Background()
		pd := o.program(t, "purpose_discovery")
		if err := o.c.UpdateDevProgram(ctx, o.a["admin"], pd.Program.ID, model.DevProgramInput{Title: "Mine"}); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("editing a built-in program: %v", err)
		}
		if _, err := o.c.CopyDevProgram(ctx, o.a["fay"], pd.Program.ID, ""); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("a manager copies a program: %v", err)
		}
		id, err := o.c.CopyDevProgram(ctx, o.a["cy"], pd.Program.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		cp, err := o.c.DevProgram(ctx, o.a["cy"], id)
		if err != nil {
			t.Fatal(err)
		}
		if cp.Program.Title != "Purpose Discovery (our version)" || cp.Program.Builtin || !cp.CanEdit || len(cp.Modules) != len(pd.Modules) || cp.Program.CopiedFromID != pd.Program.ID {
			t.Fatalf("copy %+v with %d modules", cp.Program, len(cp.Modules))
		}
		for i, m := range cp.Modules {
			if m.Key != "" || m.Title != pd.Modules[i].Title || len(m.Prereqs) != len(pd.Modules[i].Prereqs) {
				t.Errorf("copied module %d: %+v", i, m)
			}
		}
		first, second := cp.Modules[0], cp.Modules[1]
		in := model.DevModuleInput{Kind: first.Kind, Title: "Why purpose matters", Body: first.Body, Required: true, Prereqs: []int64{second.ID}}
		if err := o.c.UpdateDevModule(ctx, o.a["cy"], first.ID, in); model.FieldsOf(err)["prereqs"] == "" {
			t.Errorf("a circle of prerequisites: %v", err)
		}
		in.Prereqs = nil
		if err := o.c.UpdateDevModule(ctx, o.a["cy"], first.ID, in); err != nil {
			t.Fatal(err)
		}
		if _, err := o.c.AddDevModule(ctx, o.a["cy"], id, model.DevModuleInput{Kind: model.ModuleReflection, Title: "No prompt"}); model.FieldsOf(err)["prompt"] == "" {
			t.Errorf("a reflection without a prompt: %v", err)
		}
		if _, err := o.c.AddDevModule(ctx, o.a["cy"], id, model.DevModuleInput{Kind: model.ModuleLesson, Title: "Odd", Options: []string{"a", "b"}}); model.FieldsOf(err)["options"] == "" {
			t.Errorf("options on a lesson: %v", err)
		}
		if _, err := o.c.AddDevModule(ctx, o.a["cy"], id, model.DevModuleInput{Kind: model.ModuleLesson, Title: "Extra", Prereqs: []int64{pd.Modules[0].ID}}); model.FieldsOf(err)["prereqs"] == "" {
			t.Errorf("a prerequisite from another program: %v", err)
		}
		if _, err := o.c.AddDevModule(ctx, o.a["cy"], id, model.DevModuleInput{Kind: model.ModuleLesson, Title: "Extra", DueOn: "2026-13-01"}); model.FieldsOf(err)["due_on"] == "" {
			t.Errorf("a bad due date: %v", err)
		}
		mid, err := o.c.AddDevModule(ctx, o.a["admin"], id, model.DevModuleInput{Kind: model.ModuleLesson, Title: "Our values in the field", Body: "Read *this*.", Prereqs: []int64{first.ID}, DueDays: 10})
		if err != nil {
			t.Fatal(err)
		}
		if err := o.c.DeleteDevModule(ctx, o.a["admin"], mid); err != nil {
			t.Fatal(err)
		}
	})
}

// cohortFixture makes a running cohort of Purpose Discovery (started 1 April 2026) with
// Fay, Bo, Dee and Eli as participants and Gus facilitating.
func cohortFixture(t *testing.T, o *devOrg) (int64, core.DevProgramDetail) {
	t.Helper()
	pd := o.program(t, "purpose_discovery")
	id, err := o.c.CreateCohort(context.Background(), o.a["cy"], model.CohortInput{ProgramID: pd.Program.ID, Name: "Spring cohort", StartsOn: "2026-04-01", EndsOn: "2026-06-30",
		ParticipantIDs: []int64{o.ids["E6"], o.ids["E2"], o.ids["E4"], o.ids["E5"]}, FacilitatorIDs: []int64{o.ids["E7"]}})
	if err != nil {
		t.Fatal(err)
	}
	return id, pd
}

func TestCohortProgress(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newDevOrg(t, db)
		ctx := context.Background()
		if _, err := o.c.CreateCohort(ctx, o.a["bo"], model.CohortInput{}); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("a manager creates a cohort: %v", err)
		}
		if _, err := o.c.CreateCohort(ctx, o.a["cy"], model.CohortInput{Name: "x", StartsOn: "2026-05-01", EndsOn: "2026-04-01", ProgramID: 1,
			ParticipantIDs: []int64{o.ids["E4"]}, FacilitatorIDs: []int64{o.ids["E4"]}}); model.FieldsOf(err)["ends_on"] == "" || model.FieldsOf(err)["facilitator_ids"] == "" {
			t.Errorf("a cohort that ends before it starts, with a participant facilitating: %v", err)
		}
		cid, pd := cohortFixture(t, o)
		welcome, story, statement := moduleByKey(t, pd, "pd_welcome"), moduleByKey(t, pd, "pd_story"), moduleByKey(t, pd, "pd_statement")

		// Fay reads the first lesson; the reflection then opens, the statement does not.
		if err := o.c.CompleteModule(ctx, o.a["fay"], cid, statement.ID); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("a locked module: %v", err)
		}
		if err := o.c.CompleteModule(ctx, o.a["fay"], cid, welcome.ID); err != nil {
			t.Fatal(err)
		}
		if err := o.c.CompleteModule(ctx, o.a["fay"], cid, story.ID); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("a reflection marked done without writing it: %v", err)
		}
		if _, err := o.c.SubmitReflection(ctx, o.a["fay"], cid, story.ID, model.ModuleReflectionInput{Body: "  "}); model.FieldsOf(err)["body"] == "" {
			t.Errorf("an empty reflection: %v", err)
		}
		if _, err := o.c.SubmitReflection(ctx, o.a["fay"], cid, story.ID, model.ModuleReflectionInput{Body: "When the harvest failed I learned to ask first."}); err != nil {
			t.Fatal(err)
		}
		if err := o.c.CompleteModule(ctx, o.a["hal"], cid, welcome.ID); model.ErrorCodeOf(err) != model.CodeNotFound {
			t.Errorf("someone outside the cohort completes a module: %v", err)
		}
		if err := o.c.CompleteModule(ctx, o.a["gus"], cid, welcome.ID); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("the facilitator completes a module as a participant: %v", err)
		}
		v, err := o.c.Cohort(ctx, o.a["fay"], cid)
		if err != nil {
			t.Fatal(err)
		}
		required := 0
		for _, m := range pd.Modules {
			if m.Required {
				required++
			}
		}
		if v.Mine == nil || v.Mine.Completed != 2 || v.Mine.Required != required || v.Participants != nil || v.CanFacilitate {
			t.Fatalf("Fay's view: mine %+v, participants %d, facilitate %v", v.Mine, len(v.Participants), v.CanFacilitate)
		}
		if want := 100 * 2 / float64(required); v.Mine.Percent != want {
			t.Errorf("Fay's progress %.2f%%, want %.2f%%", v.Mine.Percent, want)
		}
		if n := v.Mine.Next(); n == nil || n.Module.Key != "pd_statement" {
			t.Errorf("Fay's next module %+v", n)
		}
		if _, err := o.c.Cohort(ctx, o.a["hal"], cid); model.ErrorCodeOf(err) != model.CodeNotFound {
			t.Errorf("an outsider opens the cohort: %v", err)
		}

		// Three weeks later, the others are behind on the first lesson (due after 7 days).
		db.SetNow(func() time.Time { return devDay.AddDate(0, 0, 21) })
		fv, err := o.c.Cohort(ctx, o.a["gus"], cid)
		if err != nil {
			t.Fatal(err)
		}
		if !fv.CanFacilitate || len(fv.Participants) != 4 || fv.Mine != nil {
			t.Fatalf("facilitator view: %d participants", len(fv.Participants))
		}
		behind := map[string]bool{}
		for _, p := range fv.Participants {
			behind[p.Person.Name] = p.Progress.Behind
		}
		if behind["Fay Wray"] || !behind["Bo Diddley"] || !behind["Dee Dee"] || !behind["Eli Wallach"] {
			t.Errorf("who is behind: %v (Fay did the first two modules; the others nothing)", behind)
		}
		if fv.OnTrack || fv.Behind != 3 {
			t.Errorf("cohort with 3 of 4 behind: on track %v, behind %d", fv.OnTrack, fv.Behind)
		}
		if fv.Participants[len(fv.Participants)-1].Person.Name != "Fay Wray" {
			t.Errorf("those behind come first: %v", fv.Participants)
		}
		sums, err := o.c.CohortsOverview(ctx, o.a["cy"])
		if err != nil || len(sums) != 1 || sums[0].Behind != 3 || sums[0].OnTrack {
			t.Errorf("hr overview %+v %v", sums, err)
		}
		if _, err := o.c.CohortsOverview(ctx, o.a["ada"]); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("an executive reads the cohorts overview: %v", err)
		}
		// The facilitator records a workshop for Bo, but cannot write Bo's reflection.
		ws := moduleByKey(t, pd, "pd_workshop")
		if err := o.c.RecordCompletion(ctx, o.a["gus"], cid, o.ids["E2"], ws.ID, true); err != nil {
			t.Fatal(err)
		}
		if err := o.c.RecordCompletion(ctx, o.a["gus"], cid, o.ids["E2"], story.ID, true); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("a facilitator records a reflection: %v", err)
		}
		if err := o.c.RecordCompletion(ctx, o.a["fay"], cid, o.ids["E2"], ws.ID, true); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("a participant records for another: %v", err)
		}
		// Fay's reflection is in her journal, and the facilitator's view has no text.
		j, err := o.c.Journal(ctx, o.a["fay"])
		if err != nil || len(j) != 1 || j[0].ModuleID != story.ID || j[0].Prompt != story.Prompt {
			t.Fatalf("Fay's journal %+v %v", j, err)
		}
		if strings.Contains(fmt.Sprintf("%+v", fv), "harvest failed") {
			t.Errorf("the facilitator's view holds Fay's reflection")
		}
	})
}

// TestDilemmaSpread: facilitators see counts per option, and nothing below three answers.
func TestDilemmaSpread(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newDevOrg(t, db)
		ctx := context.Background()
		eth := o.program(t, "ethical_decisions")
		cid, err := o.c.CreateCohort(ctx, o.a["cy"], model.CohortInput{ProgramID: eth.Program.ID, Name: "Ethics", StartsOn: "2026-04-01", EndsOn: "2026-06-30",
			ParticipantIDs: []int64{o.ids["E6"], o.ids["E2"], o.ids["E4"]}, FacilitatorIDs: []int64{o.ids["E7"]}})
		if err != nil {
			t.Fatal(err)
		}
		intro, d1 := moduleByKey(t, eth, "eth_intro"), moduleByKey(t, eth, "eth_d1")
		answer := func(who string, opt int) {
			t.Helper()
			if err := o.c.CompleteModule(ctx, o.a[who], cid, intro.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := o.c.SubmitReflection(ctx, o.a[who], cid, d1.ID, model.ModuleReflectionInput{Body: "Because the customer has not signed.", OptionID: d1.Options[opt].ID}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := o.c.SubmitReflection(ctx, o.a["fay"], cid, d1.ID, model.ModuleReflectionInput{Body: "x", OptionID: d1.Options[0].ID}); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("a dilemma before its introduction: %v", err)
		}
		if err := o.c.CompleteModule(ctx, o.a["fay"], cid, intro.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := o.c.SubmitReflection(ctx, o.a["fay"], cid, d1.ID, model.ModuleReflectionInput{Body: "x"}); model.FieldsOf(err)["option_id"] == "" {
			t.Errorf("a dilemma without a choice: %v", err)
		}
		if _, err := o.c.SubmitReflection(ctx, o.a["fay"], cid, d1.ID, model.ModuleReflectionInput{Body: "x", OptionID: 999999}); model.FieldsOf(err)["option_id"] == "" {
			t.Errorf("a choice from nowhere: %v", err)
		}
		if _, err := o.c.SubmitReflection(ctx, o.a["fay"], cid, d1.ID, model.ModuleReflectionInput{Body: "Wait.", OptionID: d1.Options[1].ID}); err != nil {
			t.Fatal(err)
		}
		answer("bo", 1)
		spread := func() model.DilemmaSpread {
			v, err := o.c.Cohort(ctx, o.a["gus"], cid)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range v.Spreads {
				if s.Module.ID == d1.ID {
					return s
				}
			}
			t.Fatal("no spread for dilemma 1")
			return model.DilemmaSpread{}
		}
		if s := spread(); s.Shown || s.Answers != 0 || s.Options != nil {
			t.Errorf("two answers: %+v, want nothing shown", s)
		}
		answer("dee", 3)
		s := spread()
		if !s.Shown || s.Answers != 3 || s.Options[1].Count != 2 || s.Options[3].Count != 1 || s.Options[0].Count != 0 {
			t.Errorf("three answers: %+v", s)
		}
		// Changing one's answer replaces the choice; it is not counted twice.
		if _, err := o.c.SubmitReflection(ctx, o.a["fay"], cid, d1.ID, model.ModuleReflectionInput{Body: "On reflection, ask finance.", OptionID: d1.Options[2].ID}); err != nil {
			t.Fatal(err)
		}
		if s := spread(); s.Answers != 3 || s.Options[1].Count != 1 || s.Options[2].Count != 1 {
			t.Errorf("after Fay changed her answer: %+v", s)
		}
		j, _ := o.c.Journal(ctx, o.a["fay"])
		if len(j) != 1 || j[0].Body != "On reflection, ask finance." {
			t.Errorf("Fay's journal after changing her answer: %+v", j)
		}
	})
}

// TestActionProject: the outcome report links to a goal or a metric, and handing it in
// completes the module.
func TestActionProject(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newDevOrg(t, db)
		ctx := context.Background()
		pip := o.program(t, "purpose_in_practice")
		cid, err := o.c.CreateCohort(ctx, o.a["admin"], model.CohortInput{ProgramID: pip.Program.ID, Name: "Practice", StartsOn: "2026-04-01", EndsOn: "2026-07-31",
			ParticipantIDs: []int64{o.ids["E6"]}, FacilitatorIDs: []int64{o.ids["E3"]}})
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"pp_intro", "pp_choose"} {
			if err := o.c.CompleteModule(ctx, o.a["fay"], cid, moduleByKey(t, pip, k).ID); err != nil {
				t.Fatal(err)
			}
		}
		goal, err := o.c.CreateGoal(ctx, o.a["fay"], model.GoalInput{Level: model.LevelTeam, Title: "Halve complaint response time", OwnerID: o.ids["E6"], Period: "2026-Q2"})
		if err != nil {
			t.Fatal(err)
		}
		hals, err := o.c.CreateGoal(ctx, o.a["bo"], model.GoalInput{Level: model.LevelIndividual, Title: "Hal's own", OwnerID: o.ids["E8"], Period: "2026-Q2"})
		if err != nil {
			t.Fatal(err)
		}
		pp := moduleByKey(t, pip, "pp_project")
		if err := o.c.SaveActionProject(ctx, o.a["fay"], cid, pp.ID, model.ActionProjectInput{Plan: "Review complaints weekly", Submit: true}); model.FieldsOf(err)["outcome"] == "" || model.FieldsOf(err)["goal_id"] == "" {
			t.Errorf("handing in without outcome or link: %v", err)
		}
		if err := o.c.SaveActionProject(ctx, o.a["fay"], cid, pp.ID, model.ActionProjectInput{Plan: "p", Outcome: "o", GoalID: hals, Submit: true}); model.FieldsOf(err)["goal_id"] != "" {
			// Fay leads Hal: she may read his individual goal, so linking it is allowed.
			t.Errorf("linking her report's goal: %v", err)
		}
		if err := o.c.SaveActionProject(ctx, o.a["fay"], cid, pp.ID, model.ActionProjectInput{Plan: "Review complaints weekly with the team", Outcome: "Response time fell from 4 to 2 days.", GoalID: goal, Submit: true}); err != nil {
			t.Fatal(err)
		}
		v, err := o.c.Cohort(ctx, o.a["cy"], cid)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Projects) != 1 || v.Projects[0].GoalTitle != "Halve complaint response time" || v.Participants[0].Progress.Completed != 3 {
			t.Errorf("facilitator sees projects %+v, progress %+v", v.Projects, v.Participants[0].Progress)
		}
		mv, err := o.c.ModuleInCohort(ctx, o.a["fay"], cid, pp.ID)
		if err != nil || mv.Project == nil || mv.Progress.State != model.StateDone || len(mv.Goals) == 0 {
			t.Errorf("Fay's module view %+v %v", mv, err)
		}
	})
}

// TestWorkshopCapacityUnderConcurrency: many people registering at once never take more
// seats than there are, on both engines.
func TestWorkshopCapacityUnderConcurrency(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newDevOrg(t, db)
		ctx := context.Background()
		id, err := o.c.CreateWorkshop(ctx, o.a["cy"], model.WorkshopInput{Title: "Open session: listening", StartsAt: "2026-04-20T14:00", EndsAt: "2026-04-20T16:00",
			Place: "Room 4", Capacity: 3})
		if err != nil {
			t.Fatal(err)
		}
		names := []string{"ada", "bo", "cy", "dee", "eli", "fay", "gus", "hal", "ivy"}
		var wg sync.WaitGroup
		errs := make([]error, len(names))
		for i, n := range names {
			wg.Add(1)
			go func(i int, a model.Actor) {
				defer wg.Done()
				errs[i] = o.c.RegisterWorkshop(ctx, a, id)
			}(i, o.a[n])
		}
		wg.Wait()
		ok, full := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case model.ErrorCodeOf(err) == model.CodeConflict:
				full++
			default:
				t.Errorf("register: %v", err)
			}
		}
		d, err := o.c.Workshop(ctx, o.a["cy"], id)
		if err != nil {
			t.Fatal(err)
		}
		if ok != 3 || full != 6 || d.Session.Registered != 3 || len(d.Registrations) != 3 {
			t.Errorf("%d registered, %d refused; session counts %d with %d registrations; want 3, 6, 3, 3", ok, full, d.Session.Registered, len(d.Registrations))
		}
		// A seat given back can be taken again; registering twice is refused.
		who := d.Registrations[0].PersonID
		var a model.Actor
		for _, n := range names {
			if o.a[n].PersonID == who {
				a = o.a[n]
			}
		}
		if err := o.c.RegisterWorkshop(ctx, a, id); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("registering twice: %v", err)
		}
		if err := o.c.UnregisterWorkshop(ctx, a, id); err != nil {
			t.Fatal(err)
		}
		if d, _ := o.c.Workshop(ctx, o.a["cy"], id); d.Session.Registered != 2 {
			t.Errorf("after giving a seat back: %d registered", d.Session.Registered)
		}
		if err := o.c.UpdateWorkshop(ctx, o.a["cy"], id, model.WorkshopInput{Title: "x", StartsAt: "2026-04-20T14:00", EndsAt: "2026-04-20T16:00", Place: "Room 4", Capacity: 1}); model.FieldsOf(err)["capacity"] == "" {
			t.Errorf("capacity below the registrations: %v", err)
		}
	})
}

// TestWorkshopAttendanceCompletesModule: attending a workshop module's session completes
// the module; marking absent undoes it.
func TestWorkshopAttendanceCompletesModule(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newDevOrg(t, db)
		ctx := context.Background()
		cid, pd := cohortFixture(t, o)
		ws := moduleByKey(t, pd, "pd_workshop")
		if _, err := o.c.CreateWorkshop(ctx, o.a["bo"], model.WorkshopInput{CohortID: cid, Title: "Circle", StartsAt: "2026-04-10T09:00", EndsAt: "2026-04-10T11:00", Place: "x", Capacity: 5}); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("a participant schedules a session: %v", err)
		}
		id, err := o.c.CreateWorkshop(ctx, o.a["gus"], model.WorkshopInput{CohortID: cid, ModuleID: ws.ID, Title: "Purpose circle", StartsAt: "2026-04-10T09:00",
			EndsAt: "2026-04-10T11:00", VideoURL: "https://video.example/circle", Capacity: 8, FacilitatorID: o.ids["E7"]})
		if err != nil {
			t.Fatal(err)
		}
		if err := o.c.RegisterWorkshop(ctx, o.a["hal"], id); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("an outsider registers for a cohort's session: %v", err)
		}
		for _, n := range []string{"fay", "dee"} {
			if err := o.c.RegisterWorkshop(ctx, o.a[n], id); err != nil {
				t.Fatal(err)
			}
		}
		if err := o.c.RecordAttendance(ctx, o.a["gus"], id, model.AttendanceInput{Attendance: map[int64]model.Attendance{o.ids["E6"]: model.AttendancePresent}}); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("attendance before the session: %v", err)
		}
		db.SetNow(func() time.Time { return devDay.AddDate(0, 0, 10) })
		if err := o.c.RegisterWorkshop(ctx, o.a["eli"], id); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("registering after the start: %v", err)
		}
		if err := o.c.RecordAttendance(ctx, o.a["gus"], id, model.AttendanceInput{Attendance: map[int64]model.Attendance{o.ids["E8"]: model.AttendancePresent}}); model.FieldsOf(err) == nil {
			t.Errorf("attendance of someone not registered: %v", err)
		}
		if err := o.c.RecordAttendance(ctx, o.a["gus"], id, model.AttendanceInput{Attendance: map[int64]model.Attendance{o.ids["E6"]: model.AttendancePresent, o.ids["E4"]: model.AttendanceAbsent}}); err != nil {
			t.Fatal(err)
		}
		done := func(who string) bool {
			v, err := o.c.ModuleInCohort(ctx, o.a[who], cid, ws.ID)
			if err != nil {
				t.Fatal(err)
			}
			return v.Progress.State == model.StateDone
		}
		if !done("fay") || done("dee") {
			t.Errorf("after attendance: Fay done %v, Dee done %v", done("fay"), done("dee"))
		}
		if err := o.c.RecordAttendance(ctx, o.a["cy"], id, model.AttendanceInput{Attendance: map[int64]model.Attendance{o.ids["E6"]: model.AttendanceAbsent}}); err != nil {
			t.Fatal(err)
		}
		if done("fay") {
			t.Errorf("marked absent, Fay's workshop is still done")
		}
		data, err := o.c.WorkshopICS(ctx, o.a["hal"], id)
		if err != nil {
			t.Fatal(err)
		}
		cal := icaltest.Check(t, data)
		if e := cal.Events(); len(e) != 1 || e[0].Props.Get("SUMMARY").Value != "Purpose circle" || e[0].Props.Get("LOCATION").Value != "https://video.example/circle" {
			t.Errorf("workshop .ics:\n%s", data)
		}
	})
}

// TestCalendarFeed: the feed opens with its token alone, lists the person's workshops and
// coaching sessions, and a new token (or revoking) shuts the old one out.
func TestCalendarFeed(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newDevOrg(t, db)
		ctx := context.Background()
		ws, err := o.c.CreateWorkshop(ctx, o.a["cy"], model.WorkshopInput{Title: "Open session, part 1; listening", StartsAt: "2026-04-20T14:00", EndsAt: "2026-04-20T16:00", Place: "Room 4, Harbour House", Capacity: 10})
		if err != nil {
			t.Fatal(err)
		}
		if err := o.c.RegisterWorkshop(ctx, o.a["fay"], ws); err != nil {
			t.Fatal(err)
		}
		aid, err := o.c.AssignCoach(ctx, o.a["cy"], model.CoachingAssignmentInput{CoachID: o.ids["E7"], CoacheeID: o.ids["E6"]})
		if err != nil {
			t.Fatal(err)
		}
		sid, err := o.c.ScheduleCoachingSession(ctx, o.a["gus"], aid, model.CoachingSessionInput{StartsAt: "2026-04-15T10:00", EndsAt: "2026-04-15T11:00", Place: "Café"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := o.c.CalendarFeedICS(ctx, "nope"); model.ErrorCodeOf(err) != model.CodeNotFound {
			t.Errorf("an unknown token: %v", err)
		}
		tok, err := o.c.NewCalendarFeed(ctx, o.a["fay"])
		if err != nil {
			t.Fatal(err)
		}
		data, err := o.c.CalendarFeedICS(ctx, tok)
		if err != nil {
			t.Fatal(err)
		}
		cal := icaltest.Check(t, data)
		var summaries []string
		for _, e := range cal.Events() {
			s, _ := e.Props.Text("SUMMARY")
			summaries = append(summaries, s)
		}
		if got := strings.Join(summaries, " | "); got != "Open session, part 1; listening | Coaching with Gus Grissom" {
			t.Errorf("feed events %q", got)
		}
		gusTok, err := o.c.NewCalendarFeed(ctx, o.a["gus"])
		if err != nil {
			t.Fatal(err)
		}
		if data, err := o.c.CalendarFeedICS(ctx, gusTok); err != nil || !strings.Contains(string(data), "Coaching with Fay Wray") {
			t.Errorf("the coach's feed: %v\n%s", err, data)
		}
		tok2, err := o.c.NewCalendarFeed(ctx, o.a["fay"])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := o.c.CalendarFeedICS(ctx, tok); model.ErrorCodeOf(err) != model.CodeNotFound {
			t.Errorf("the old token after a new one: %v", err)
		}
		if _, err := o.c.CalendarFeedICS(ctx, tok2); err != nil {
			t.Errorf("the new token: %v", err)
		}
		if err := o.c.RevokeCalendarFeed(ctx, o.a["fay"]); err != nil {
			t.Fatal(err)
		}
		if _, err := o.c.CalendarFeedICS(ctx, tok2); model.ErrorCodeOf(err) != model.CodeNotFound {
			t.Errorf("a revoked token: %v", err)
		}
		if f, _ := o.c.MyCalendarFeed(ctx, o.a["fay"]); f.Active {
			t.Errorf("feed still active after revoking")
		}
		if data, err := o.c.CoachingSessionICS(ctx, o.a["fay"], sid); err != nil {
			t.Error(err)
		} else {
			icaltest.Check(t, data)
		}
		if _, err := o.c.CoachingSessionICS(ctx, o.a["cy"], sid); model.ErrorCodeOf(err) != model.CodeNotFound {
			t.Errorf("hr downloads a coaching session: %v", err)
		}
		// The tokens are stored only as hashes: they appear nowhere in a dump of the database.
		if dump := dumpLines(t, db, ""); strings.Contains(dump, tok) || strings.Contains(dump, gusTok) {
			t.Errorf("a feed token is stored in clear")
		}
	})
}

// dumpLines dumps the database (as export --all does) and returns the lines of a table,
// or every line when table is "".
func dumpLines(t *testing.T, db *store.DB, table string) string {
	t.Helper()
	var b strings.Builder
	if _, err := db.Dump(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	if table == "" {
		return b.String()
	}
	// A table's name comes on a line of its own, followed by its rows.
	var out strings.Builder
	in := false
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(l, `{"table":`) {
			in = l == `{"table":"`+table+`"}`
			continue
		}
		if in {
			out.WriteString(l + "\n")
		}
	}
	return out.String()
}

// TestCoachingPrivacy: session notes are the coach's alone; commitments are both's; the
// coach reads only the journal entries shared with them, while coaching is active; a
// personal purpose shared with the coach becomes readable by the coach.
func TestCoachingPrivacy(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newDevOrg(t, db)
		ctx := context.Background()
		if _, err := o.c.AssignCoach(ctx, o.a["bo"], model.CoachingAssignmentInput{CoachID: o.ids["E7"], CoacheeID: o.ids["E6"]}); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("a manager assigns a coach: %v", err)
		}
		if _, err := o.c.AssignCoach(ctx, o.a["cy"], model.CoachingAssignmentInput{CoachID: o.ids["E6"], CoacheeID: o.ids["E6"]}); model.FieldsOf(err)["coachee_id"] == "" {
			t.Errorf("coaching oneself: %v", err)
		}
		aid, err := o.c.AssignCoach(ctx, o.a["cy"], model.CoachingAssignmentInput{CoachID: o.ids["E7"], CoacheeID: o.ids["E6"], Focus: "Purpose"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := o.c.AssignCoach(ctx, o.a["cy"], model.CoachingAssignmentInput{CoachID: o.ids["E7"], CoacheeID: o.ids["E6"]}); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("the same pair twice: %v", err)
		}
		// Personal purpose shared with the coach.
		if err := o.c.SavePersonalPurpose(ctx, o.a["fay"], model.PersonalPurposeInput{Statement: "I grow people who grow food.", ShareCoach: true}); err != nil {
			t.Fatal(err)
		}
		if pp, err := o.c.PersonalPurposeOf(ctx, o.a["gus"], o.ids["E6"]); err != nil || pp.Statement != "I grow people who grow food." {
			t.Errorf("the coach reads the purpose shared with coaches: %+v %v", pp, err)
		}
		if _, err := o.c.PersonalPurposeOf(ctx, o.a["cy"], o.ids["E6"]); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("hr reads Fay's purpose: %v", err)
		}
		sid, err := o.c.ScheduleCoachingSession(ctx, o.a["fay"], aid, model.CoachingSessionInput{StartsAt: "2026-03-25T10:00", EndsAt: "2026-03-25T11:00"})
		if err != nil {
			t.Fatal(err)
		}
		if err := o.c.SetCoachingSessionStatus(ctx, o.a["gus"], sid, model.SessionHeld); err != nil {
			t.Fatal(err)
		}
		const note = "Fay seems tired of her director"
		if err := o.c.SaveCoachingNote(ctx, o.a["gus"], sid, model.CoachingNoteInput{Body: note}); err != nil {
			t.Fatal(err)
		}
		tokenGus := o.a["gus"]
		tokenGus.TokenID = 7
		if err := o.c.SaveCoachingNote(ctx, tokenGus, sid, model.CoachingNoteInput{Body: "x"}); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("a note written with an API token: %v", err)
		}
		if got, err := o.c.CoachingNote(ctx, o.a["gus"], sid); err != nil || got != note {
			t.Errorf("the coach's note %q %v", got, err)
		}
		for _, who := range []string{"fay", "cy", "admin", "bo", "ada"} {
			if got, err := o.c.CoachingNote(ctx, o.a[who], sid); model.ErrorCodeOf(err) != model.CodeNotFound || got != "" {
				t.Errorf("%s reads the session note: %q %v", who, got, err)
			}
			if err := o.c.SaveCoachingNote(ctx, o.a[who], sid, model.CoachingNoteInput{Body: "overwrite"}); model.ErrorCodeOf(err) != model.CodeNotFound {
				t.Errorf("%s writes the session note: %v", who, err)
			}
		}
		if _, err := o.c.AddCommitment(ctx, o.a["fay"], aid, model.CommitmentInput{Text: "Ask my team what gets in their way", DueOn: "2026-04-10"}); err != nil {
			t.Fatal(err)
		}
		// Journal entries: one shared with the coach, one not.
		shared, err := o.c.WriteJournal(ctx, o.a["fay"], model.JournalInput{Body: "SHARED: what I want from coaching"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := o.c.WriteJournal(ctx, o.a["fay"], model.JournalInput{Body: "PRIVATE: my doubts"}); err != nil {
			t.Fatal(err)
		}
		if err := o.c.ShareJournal(ctx, o.a["fay"], shared, o.ids["E3"]); model.FieldsOf(err)["coach_id"] == "" {
			t.Errorf("sharing with someone who is not her coach: %v", err)
		}
		if err := o.c.ShareJournal(ctx, o.a["gus"], shared, o.ids["E7"]); model.ErrorCodeOf(err) != model.CodeNotFound {
			t.Errorf("someone else shares Fay's entry: %v", err)
		}
		if err := o.c.ShareJournal(ctx, o.a["fay"], shared, o.ids["E7"]); err != nil {
			t.Fatal(err)
		}
		for who, want := range map[string][]string{"gus": {"SHARED"}, "fay": nil, "cy": nil, "admin": nil} {
			d, err := o.c.CoachingRelationship(ctx, o.a[who], aid)
			if err != nil {
				t.Fatalf("%s: %v", who, err)
			}
			var got []string
			for _, e := range d.Shared {
				got = append(got, e.Body[:6])
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s sees shared entries %v, want %v", who, got, want)
			}
			if strings.Contains(fmt.Sprintf("%+v", d), "PRIVATE") || strings.Contains(fmt.Sprintf("%+v", d), note) {
				t.Errorf("%s's view holds the unshared entry or the note", who)
			}
			if (who == "cy" || who == "admin") && d.Commitments != nil {
				t.Errorf("%s sees the commitments", who)
			}
		}
		if _, err := o.c.CoachingRelationship(ctx, o.a["bo"], aid); model.ErrorCodeOf(err) != model.CodeNotFound {
			t.Errorf("Fay's manager opens her coaching: %v", err)
		}
		if err := o.c.EndCoaching(ctx, o.a["fay"], aid); err != nil {
			t.Fatal(err)
		}
		d, err := o.c.CoachingRelationship(ctx, o.a["gus"], aid)
		if err != nil || len(d.Shared) != 0 {
			t.Errorf("after the coaching ended the coach still reads %d entries (%v)", len(d.Shared), err)
		}
		if _, err := o.c.PersonalPurposeOf(ctx, o.a["gus"], o.ids["E6"]); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("a former coach reads the purpose: %v", err)
		}
	})
}

// TestJournalAuthorAlone: every role other than the author gets not found for an entry;
// the author exports their own journal.
func TestJournalAuthorAlone(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newDevOrg(t, db)
		ctx := context.Background()
		id, err := o.c.WriteJournal(ctx, o.a["fay"], model.JournalInput{Prompt: "What, today?", Body: "=cmd|' /C calc'!A0, then a comma; and \"quotes\""})
		if err != nil {
			t.Fatal(err)
		}
		for name, a := range o.a {
			if name == "fay" {
				continue
			}
			// Someone with a person gets not found; the admin account, linked to no
			// person, is refused before anything is looked up.
			refused := func(err error) bool {
				code := model.ErrorCodeOf(err)
				return code == model.CodeNotFound || (a.PersonID == 0 && code == model.CodeForbidden)
			}
			if e, err := o.c.JournalEntry(ctx, a, id); !refused(err) || e.Body != "" {
				t.Errorf("%s reads Fay's entry: %v", name, err)
			}
			if err := o.c.UpdateJournal(ctx, a, id, model.JournalInput{Body: "x"}); !refused(err) {
				t.Errorf("%s changes Fay's entry: %v", name, err)
			}
			if err := o.c.DeleteJournal(ctx, a, id); !refused(err) {
				t.Errorf("%s deletes Fay's entry: %v", name, err)
			}
			if j, err := o.c.Journal(ctx, a); err == nil && len(j) != 0 {
				t.Errorf("%s's journal holds %d entries", name, len(j))
			}
		}
		if _, err := o.c.Journal(ctx, model.System); err == nil {
			t.Errorf("the system account, linked to no person, reads a journal")
		}
		csvData, name, err := o.c.ExportJournal(ctx, o.a["fay"], core.ExportCSV)
		if err != nil || !strings.HasSuffix(name, ".csv") || !strings.Contains(string(csvData), `"'=cmd|' /C calc'!A0, then a comma; and ""quotes"""`) {
			t.Errorf("CSV export %s %v:\n%s", name, err, csvData)
		}
		md, _, err := o.c.ExportJournal(ctx, o.a["fay"], core.ExportMarkdown)
		if err != nil || !strings.Contains(string(md), "> What, today?") {
			t.Errorf("Markdown export %v:\n%s", err, md)
		}
		if _, _, err := o.c.ExportJournal(ctx, o.a["fay"], "pdf"); model.FieldsOf(err)["format"] == "" {
			t.Errorf("an unknown format: %v", err)
		}
		// Nothing of the text reached the audit log; the engine move carries it.
		if a := dumpLines(t, db, "audit_log"); a == "" || strings.Contains(a, "calc") {
			t.Errorf("the audit log is empty or holds journal text:\n%s", a)
		}
		if j := dumpLines(t, db, "journal_entries"); !strings.Contains(j, "calc") {
			t.Errorf("the full export lacks the journal, which would be lost moving engines")
		}
	})
}
