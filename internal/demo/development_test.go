package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/demo"
	"throughline/internal/model"
	"throughline/internal/store"
)

// TestDemoDevelopment checks the demo organization's development on both engines: the
// program managers (demo.InProgram) and only they are participants; one program's cohorts
// have completed and the other's are running; the completed season's 360s show a modest
// improvement for participants and hardly any for the others; workshops lie in the past
// with attendance and in the future with registrations; coaching pairs exist; and only
// the demo manager has journal entries, one of them shared with the demo coach.
func TestDemoDevelopment(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := dbtest.NewCore(db)
		now := time.Date(2026, 5, 20, 10, 0, 0, 0, time.UTC)
		db.SetNow(func() time.Time { return now })
		res, err := demo.Generate(ctx, c, demo.Options{Scenario: "maritime", People: 700, Seed: 3, Password: "purpose-first", Now: now})
		if err != nil {
			t.Fatal(err)
		}
		db.SetNow(func() time.Time { return now }) // the performance generator leaves the real clock
		sys := model.System
		ids, err := c.PersonIDsByEmployeeID(ctx, sys)
		if err != nil {
			t.Fatal(err)
		}
		emp := map[int64]string{}
		for e, id := range ids {
			emp[id] = e
		}
		members, err := c.CohortMembers(ctx, sys, 0)
		if err != nil {
			t.Fatal(err)
		}
		programs := map[int64]bool{}
		participants := map[int64]bool{}
		for _, m := range members {
			programs[m.ProgramID] = true
			if m.Role == model.CohortParticipant {
				participants[m.PersonID] = true
				if !demo.InProgram(emp[m.PersonID]) {
					t.Errorf("%s (%s) is a participant but not in the program", m.Name, emp[m.PersonID])
				}
			}
		}
		if len(programs) != 2 {
			t.Errorf("%d programs have cohorts, want 2", len(programs))
		}
		ms, err := c.DevelopmentMeasures(ctx, sys, "2026")
		if err != nil {
			t.Fatal(err)
		}
		var growIn, growOut float64
		var nIn, nOut, upward int
		for _, m := range ms {
			if m.HasUpward {
				upward++
			}
			if !m.HasGrowth {
				continue
			}
			if participants[m.PersonID] {
				growIn += m.Growth
				nIn++
			} else {
				growOut += m.Growth
				nOut++
			}
		}
		if nIn < 10 || nOut < 10 || upward < len(ms)/3 {
			t.Fatalf("growth measured for %d participants and %d others; upward shown for %d of %d", nIn, nOut, upward, len(ms))
		}
		growIn, growOut = growIn/float64(nIn), growOut/float64(nOut)
		if d := growIn - growOut; d < 0.08 || d > 0.5 {
			t.Errorf("others' ratings grew %.3f for participants and %.3f for the rest (difference %.3f): want a modest effect", growIn, growOut, d)
		}
		t.Logf("growth: participants %.3f (n=%d), others %.3f (n=%d)", growIn, nIn, growOut, nOut)

		// The completed program's impact, measured against matched managers, shows
		// participants ahead on upward ratings: the demo's 360s were built that way.
		impacts, err := c.ComputeProgramImpacts(ctx, sys)
		if err != nil {
			t.Fatal(err)
		}
		var completed *core.ProgramImpact
		for i, p := range impacts {
			for _, o := range p.Outcomes {
				t.Logf("%s (%d participants): %s est=%v %.3f [%.3f, %.3f] treated=%d controls=%d", p.Title, p.Participants, o.Key, o.HasEst, o.Estimate, o.Low, o.High, o.Treated, o.Controls)
			}
			if o, ok := p.Outcome("upward"); ok && o.HasEst {
				completed = &impacts[i]
			}
		}
		if len(impacts) != 2 || completed == nil {
			t.Fatalf("%d programs with impacts, none with an upward estimate", len(impacts))
		}
		if o, _ := completed.Outcome("upward"); o.Estimate <= 0 || o.Estimate > 0.6 {
			t.Errorf("%s: upward effect %.3f, want a modest positive one", completed.Title, o.Estimate)
		}

		// hr: one program's cohorts completed, the other's running.
		hr, err := c.AccountByLogin(ctx, sys, res.HR.Login)
		if err != nil {
			t.Fatal(err)
		}
		hrActor := model.Actor{AccountID: hr.ID, PersonID: hr.PersonID, Role: model.RoleHR, Name: "hr"}
		sums, err := c.CohortsOverview(ctx, hrActor)
		if err != nil {
			t.Fatal(err)
		}
		status := map[model.CohortStatus]int{}
		for _, s := range sums {
			status[s.Status]++
		}
		if status[model.CohortCompleted] == 0 || status[model.CohortRunning] == 0 || status[model.CohortCompleted] != status[model.CohortRunning] {
			t.Errorf("cohorts by status %v", status)
		}
		cal, err := c.Workshops(ctx, hrActor)
		if err != nil {
			t.Fatal(err)
		}
		if len(cal.Upcoming) < 2 || len(cal.Past) < 1 {
			t.Errorf("workshops: %d to come, %d past", len(cal.Upcoming), len(cal.Past))
		}
		ov, err := c.Coaching(ctx, hrActor)
		if err != nil || len(ov.All) < 4 {
			t.Errorf("coaching pairs %d (%v)", len(ov.All), err)
		}

		// The demo manager: in the program, with a journal and a shared entry.
		if !participants[res.Manager.PersonID] {
			t.Fatalf("the demo manager is not a participant")
		}
		actor := func(l demo.Login, role model.Role) model.Actor {
			a, err := c.AccountByLogin(ctx, sys, l.Login)
			if err != nil {
				t.Fatal(err)
			}
			return model.Actor{AccountID: a.ID, PersonID: a.PersonID, Role: role, Name: l.Name}
		}
		mgr, coach, employee := actor(res.Manager, model.RoleManager), actor(res.Coach, model.RoleCoach), actor(res.Employee, model.RoleEmployee)
		j, err := c.Journal(ctx, mgr)
		if err != nil || len(j) < 5 {
			t.Fatalf("the demo manager's journal: %d entries (%v)", len(j), err)
		}
		shared := 0
		for _, e := range j {
			if e.SharedWithID == res.Coach.PersonID {
				shared++
			}
		}
		home, err := c.MyDevelopment(ctx, mgr)
		if err != nil || len(home.Enrolments) != 2 || home.Coach == nil || home.Coach.CoachID != res.Coach.PersonID {
			t.Fatalf("the demo manager's development: %+v %v", home, err)
		}
		var running model.Enrolment
		for _, e := range home.Enrolments {
			if e.Status == model.CohortRunning {
				running = e
			}
		}
		if n := running.Progress.Next(); n == nil || n.Module.Kind != model.ModuleReflection {
			t.Errorf("the demo manager's next module %+v, want a reflection to complete", n)
		}
		cd, err := c.CoachingRelationship(ctx, coach, home.Coach.ID)
		if err != nil || shared != 1 || len(cd.Shared) != 1 {
			t.Errorf("the coach sees %d shared entries (%d shared), %v", len(cd.Shared), shared, err)
		}
		v, err := c.Cohort(ctx, coach, running.Cohort.ID)
		if err != nil || !v.CanFacilitate || len(v.Participants) == 0 {
			t.Errorf("the coach facilitates the demo manager's cohort: %v", err)
		}
		shownSpread := false
		for _, s := range v.Spreads {
			shownSpread = shownSpread || s.Shown
		}
		if !shownSpread {
			t.Errorf("no dilemma spread is shown in the demo manager's cohort")
		}
		hub, err := c.Assessments(ctx, employee)
		if err != nil || len(hub.ToAnswer) != 1 || hub.ToAnswer[0].SubjectID != res.Manager.PersonID || hub.ToAnswer[0].IAnswered {
			t.Errorf("the demo employee's 360s to answer: %+v %v", hub.ToAnswer, err)
		}
		plan, err := c.DevelopmentPlan(ctx, mgr, res.Manager.PersonID)
		if err != nil || plan.Results == nil || !plan.Results.ReportsShown || len(plan.Items) != 1 {
			t.Errorf("the demo manager's plan: results %v, items %d (%v)", plan.Results != nil, len(plan.Items), err)
		}
		// Journal entries exist for the demo manager alone.
		var dump strings.Builder
		if _, err := db.Dump(ctx, &dump); err != nil {
			t.Fatal(err)
		}
		rows, in := 0, false
		for _, l := range strings.Split(dump.String(), "\n") {
			if strings.HasPrefix(l, `{"table":`) {
				in = l == `{"table":"journal_entries"}`
				continue
			}
			if in && l != "" {
				rows++
			}
		}
		if rows != len(j) {
			t.Errorf("%d journal entries in the database, %d of them the demo manager's", rows, len(j))
		}
	})
}
