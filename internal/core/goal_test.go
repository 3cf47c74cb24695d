package core_test

import (
	"context"
	"math"
	"testing"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

type goalWorld struct {
	c                   *core.Core
	admin, ada, bo, fay model.Actor
	dee, hal, gus, cy   model.Actor
	obj, obj2           int64
	salesGoal, teamGoal int64
	halGoal, deeGoal    int64
	p                   map[string]int64
}

// newGoalWorld builds a small cascade:
//
//	objective "Grow"  ← Bo's department goal "Sales up" ← Fay's team goal "Team sales" ← Hal's individual goal
//	objective "Care"  (unstaffed)
//	Dee's individual goal → Bo's department goal (weight 1)
func newGoalWorld(t *testing.T, db *store.DB) *goalWorld {
	t.Helper()
	c := setup(t, db)
	ctx := context.Background()
	w := &goalWorld{c: c, p: map[string]int64{}}
	w.admin = dbtest.MustAdmin(t, c)
	for name, login := range map[string]*model.Actor{"ada@example.org": &w.ada, "bo@example.org": &w.bo, "fay@example.org": &w.fay,
		"dee@example.org": &w.dee, "hal@example.org": &w.hal, "gus@example.org": &w.gus, "cy@example.org": &w.cy} {
		*login = dbtest.MustActor(t, c, name)
	}
	for _, e := range []string{"E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9"} {
		w.p[e] = dbtest.MustPerson(t, c, e).ID
	}
	var err error
	w.obj, err = c.CreateObjective(ctx, w.ada, model.ObjectiveInput{Title: "Grow", Why: "Growth pays for the mission.", OwnerID: w.p["E1"]})
	if err != nil {
		t.Fatal(err)
	}
	w.obj2, err = c.CreateObjective(ctx, w.ada, model.ObjectiveInput{Title: "Care", Why: "People first."})
	if err != nil {
		t.Fatal(err)
	}
	mk := func(a model.Actor, in model.GoalInput) int64 {
		t.Helper()
		id, err := c.CreateGoal(ctx, a, in)
		if err != nil {
			t.Fatalf("create %q: %v", in.Title, err)
		}
		return id
	}
	w.salesGoal = mk(w.bo, model.GoalInput{Level: model.LevelDepartment, Title: "Sales up", OwnerID: w.p["E2"], Period: "2026",
		Parents: []model.ParentRef{{ObjectiveID: w.obj, Weight: 1}}})
	w.teamGoal = mk(w.fay, model.GoalInput{Level: model.LevelTeam, Title: "Team sales", OwnerID: w.p["E6"], Period: "2026-H1",
		Parents: []model.ParentRef{{GoalID: w.salesGoal, Weight: 3}}})
	w.halGoal = mk(w.fay, model.GoalInput{Level: model.LevelIndividual, Title: "Hal's accounts", OwnerID: w.p["E8"], Period: "2026-Q1",
		Parents: []model.ParentRef{{GoalID: w.teamGoal, Weight: 1}}})
	w.deeGoal = mk(w.bo, model.GoalInput{Level: model.LevelIndividual, Title: "Dee's pipeline", OwnerID: w.p["E4"], Period: "2026-Q2",
		Parents: []model.ParentRef{{GoalID: w.salesGoal, Weight: 1}}})
	return w
}

func progressOf(t *testing.T, c *core.Core, id int64) float64 {
	t.Helper()
	d, err := c.Goal(context.Background(), model.System, id)
	if err != nil {
		t.Fatal(err)
	}
	return d.Progress
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestGoalRollUp(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newGoalWorld(t, db)
		c, ctx := w.c, context.Background()
		kr, err := c.AddKeyResult(ctx, w.fay, w.halGoal, model.KeyResultInput{Title: "Calls", Kind: model.KRMeasured, Start: 0, Target: 40})
		if err != nil {
			t.Fatal(err)
		}
		cur := 30.0
		if _, err := c.RecordProgress(ctx, w.hal, kr, model.ProgressInput{Current: &cur}); err != nil {
			t.Fatalf("owner records progress: %v", err)
		}
		// Hal 0.75 → Team sales 0.75 (its only child) → Sales up = (3·0.75 + 1·0) / 4.
		if got := progressOf(t, c, w.halGoal); !near(got, 0.75) {
			t.Errorf("Hal's goal %v, want 0.75", got)
		}
		if got := progressOf(t, c, w.teamGoal); !near(got, 0.75) {
			t.Errorf("team goal %v, want 0.75", got)
		}
		if got := progressOf(t, c, w.salesGoal); !near(got, 0.5625) {
			t.Errorf("department goal %v, want 0.5625", got)
		}
		// A milestone on the department goal itself now counts beside the children.
		ms, err := c.AddKeyResult(ctx, w.bo, w.salesGoal, model.KeyResultInput{Title: "Launch", Kind: model.KRMilestone, Weight: 4})
		if err != nil {
			t.Fatal(err)
		}
		done := true
		if _, err := c.RecordProgress(ctx, w.bo, ms, model.ProgressInput{Done: &done}); err != nil {
			t.Fatal(err)
		}
		// (4·1 + 3·0.75 + 1·0) / 8
		if got := progressOf(t, c, w.salesGoal); !near(got, 6.25/8) {
			t.Errorf("with a milestone %v, want %v", got, 6.25/8)
		}
		// Dee's goal also aligns to the team goal: several parents.
		in := model.GoalInput{Level: model.LevelIndividual, Title: "Dee's pipeline", OwnerID: w.p["E4"], Period: "2026-Q2",
			Parents: []model.ParentRef{{GoalID: w.salesGoal, Weight: 1}, {GoalID: w.teamGoal, Weight: 1}}}
		if err := c.UpdateGoal(ctx, w.bo, w.deeGoal, in); err != nil {
			t.Fatal(err)
		}
		k2, _ := c.AddKeyResult(ctx, w.bo, w.deeGoal, model.KeyResultInput{Title: "Deals", Kind: model.KRMeasured, Start: 0, Target: 10})
		five := 5.0
		if _, err := c.RecordProgress(ctx, w.dee, k2, model.ProgressInput{Current: &five}); err != nil {
			t.Fatal(err)
		}
		// Team = (0.75 + 0.5)/2 = 0.625; Sales = (4 + 3·0.625 + 0.5)/8.
		if got := progressOf(t, c, w.teamGoal); !near(got, 0.625) {
			t.Errorf("team goal with two children %v, want 0.625", got)
		}
		if got := progressOf(t, c, w.salesGoal); !near(got, (4+3*0.625+0.5)/8) {
			t.Errorf("department goal %v, want %v", got, (4+3*0.625+0.5)/8)
		}
		// The stored (incremental) progress equals a fresh computation.
		fresh, err := c.FreshGoalProgress(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for id, want := range fresh {
			if got := progressOf(t, c, id); !near(got, want) {
				t.Errorf("goal %d: stored %v, fresh %v", id, got, want)
			}
		}
		// The objective's progress is the weighted mean of its goals.
		od, err := c.ObjectiveDetail(ctx, w.dee, w.obj)
		if err != nil || !od.Staffed || !near(od.Progress, progressOf(t, c, w.salesGoal)) {
			t.Errorf("objective: %+v %v", od.Progress, err)
		}
	})
}

func TestGoalRules(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newGoalWorld(t, db)
		c, ctx := w.c, context.Background()
		fieldErr := func(err error, field string) bool { return model.FieldsOf(err)[field] != "" }
		// Dates inside the parent's.
		_, err := c.CreateGoal(ctx, w.fay, model.GoalInput{Level: model.LevelIndividual, Title: "Too long", OwnerID: w.p["E9"], Period: "2026",
			Parents: []model.ParentRef{{GoalID: w.teamGoal}}})
		if !fieldErr(err, "ends_on") {
			t.Errorf("a year-long goal under a half-year goal: %v", err)
		}
		// Parents rank above.
		_, err = c.CreateGoal(ctx, w.bo, model.GoalInput{Level: model.LevelDepartment, Title: "Upside down", OwnerID: w.p["E2"], Period: "2026-Q1",
			Parents: []model.ParentRef{{GoalID: w.teamGoal}}})
		if !fieldErr(err, "parents") {
			t.Errorf("a department goal under a team goal: %v", err)
		}
		// No goal may become its own ancestor (team goal under Hal's goal, its child).
		err = c.UpdateGoal(ctx, w.fay, w.teamGoal, model.GoalInput{Level: model.LevelTeam, Title: "Team sales", OwnerID: w.p["E6"], Period: "2026-H1",
			Parents: []model.ParentRef{{GoalID: w.salesGoal, Weight: 3}, {GoalID: w.halGoal}}})
		if !fieldErr(err, "parents") {
			t.Errorf("a cycle: %v", err)
		}
		// Shrinking a parent's dates below a child's is refused.
		err = c.UpdateGoal(ctx, w.fay, w.teamGoal, model.GoalInput{Level: model.LevelTeam, Title: "Team sales", OwnerID: w.p["E6"], Period: "2026-Q2",
			Parents: []model.ParentRef{{GoalID: w.salesGoal, Weight: 3}}})
		if !fieldErr(err, "ends_on") {
			t.Errorf("a parent no longer covering its child: %v", err)
		}
		_, err = c.CreateGoal(ctx, w.fay, model.GoalInput{Level: model.LevelTeam, Title: "Bad period", OwnerID: w.p["E6"], Period: "2026-Q5"})
		if !fieldErr(err, "period") {
			t.Errorf("period 2026-Q5: %v", err)
		}
	})
}

func TestGoalPermissions(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newGoalWorld(t, db)
		c, ctx := w.c, context.Background()
		code := model.ErrorCodeOf
		// Everyone reads department and team goals; individual goals only along the line.
		for name, a := range map[string]model.Actor{"dee": w.dee, "gus": w.gus, "hal": w.hal} {
			if _, err := c.Goal(ctx, a, w.salesGoal); err != nil {
				t.Errorf("%s reads the department goal: %v", name, err)
			}
			if _, err := c.Goal(ctx, a, w.teamGoal); err != nil {
				t.Errorf("%s reads the team goal: %v", name, err)
			}
		}
		readers := map[string]bool{"hal": true, "fay": true, "bo": true, "ada": true, "admin": true, "cy": true, "dee": false, "gus": false}
		actors := map[string]model.Actor{"hal": w.hal, "fay": w.fay, "bo": w.bo, "ada": w.ada, "admin": w.admin, "cy": w.cy, "dee": w.dee, "gus": w.gus}
		for name, a := range actors {
			_, err := c.Goal(ctx, a, w.halGoal)
			if got := err == nil; got != readers[name] {
				t.Errorf("%s reads Hal's individual goal: %v, want readable=%v", name, err, readers[name])
			}
			if !readers[name] && code(err) != model.CodeNotFound {
				t.Errorf("%s gets %v for a goal they may not read, want not_found", name, err)
			}
			l, err := c.Goals(ctx, a, model.GoalFilter{})
			if err != nil {
				t.Fatal(err)
			}
			listed := false
			for _, g := range l.Items {
				listed = listed || g.ID == w.halGoal
			}
			if listed != readers[name] {
				t.Errorf("%s lists Hal's goal: %v, want %v", name, listed, readers[name])
			}
		}
		// Editing: owner and managers; a peer may not.
		in := model.GoalInput{Level: model.LevelTeam, Title: "Team sales, renamed", OwnerID: w.p["E6"], Period: "2026-H1", Parents: []model.ParentRef{{GoalID: w.salesGoal, Weight: 3}}}
		if err := c.UpdateGoal(ctx, w.dee, w.teamGoal, in); code(err) != model.CodeForbidden {
			t.Errorf("Dee edits Fay's team goal: %v, want forbidden", err)
		}
		if err := c.UpdateGoal(ctx, w.bo, w.teamGoal, in); err != nil {
			t.Errorf("Bo (Fay's manager) edits it: %v", err)
		}
		// A manager cannot set goals for someone outside their line.
		_, err := c.CreateGoal(ctx, w.fay, model.GoalInput{Level: model.LevelIndividual, Title: "For Gus", OwnerID: w.p["E7"], Period: "2026-Q1"})
		if model.FieldsOf(err)["owner_id"] == "" {
			t.Errorf("Fay sets a goal for Gus: %v", err)
		}
		// Contributors update key results but cannot edit the goal.
		kr, _ := c.AddKeyResult(ctx, w.bo, w.salesGoal, model.KeyResultInput{Title: "Revenue", Kind: model.KRMeasured, Start: 0, Target: 100})
		v := 10.0
		if _, err := c.RecordProgress(ctx, w.gus, kr, model.ProgressInput{Current: &v}); code(err) != model.CodeForbidden {
			t.Errorf("Gus (not a contributor) records progress: %v, want forbidden", err)
		}
		in2 := model.GoalInput{Level: model.LevelDepartment, Title: "Sales up", OwnerID: w.p["E2"], Period: "2026", Parents: []model.ParentRef{{ObjectiveID: w.obj}}, Contributors: []int64{w.p["E7"]}}
		if err := c.UpdateGoal(ctx, w.bo, w.salesGoal, in2); err != nil {
			t.Fatal(err)
		}
		if _, err := c.RecordProgress(ctx, w.gus, kr, model.ProgressInput{Current: &v}); err != nil {
			t.Errorf("Gus as a contributor records progress: %v", err)
		}
		if err := c.UpdateGoal(ctx, w.gus, w.salesGoal, in2); code(err) != model.CodeForbidden {
			t.Errorf("a contributor edits the goal: %v, want forbidden", err)
		}
		if err := c.AddGoalUpdate(ctx, w.gus, w.salesGoal, model.GoalUpdateInput{Status: model.StatusAtRisk, Comment: "Two deals slipped."}); err != nil {
			t.Errorf("a contributor adds a check-in: %v", err)
		}
		d, _ := c.Goal(ctx, w.dee, w.salesGoal)
		if d.Status != model.StatusAtRisk || len(d.Updates) != 1 || d.Updates[0].Comment != "Two deals slipped." {
			t.Errorf("after the check-in: status %s, updates %+v", d.Status, d.Updates)
		}
		// Only executives and admins shape the strategy.
		if _, err := c.CreateObjective(ctx, w.cy, model.ObjectiveInput{Title: "x", Why: "y"}); code(err) != model.CodeForbidden {
			t.Errorf("hr creates an objective: %v", err)
		}
		if _, err := c.SetPurpose(ctx, w.bo, model.PurposeInput{Statement: "x"}); code(err) != model.CodeForbidden {
			t.Errorf("a manager sets the purpose: %v", err)
		}
	})
}

func TestLineOfSightAndStrategy(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newGoalWorld(t, db)
		c, ctx := w.c, context.Background()
		if _, err := c.SetPurpose(ctx, w.ada, model.PurposeInput{Statement: "Feed the future."}); err != nil {
			t.Fatal(err)
		}
		// An orphan team goal of Fay's.
		if _, err := c.CreateGoal(ctx, w.fay, model.GoalInput{Level: model.LevelTeam, Title: "Tidy the CRM", OwnerID: w.p["E6"], Period: "2026-Q1"}); err != nil {
			t.Fatal(err)
		}
		los, err := c.LineOfSight(ctx, w.fay, w.p["E6"], "2026")
		if err != nil {
			t.Fatal(err)
		}
		if los.Purpose == nil || los.Purpose.Statement != "Feed the future." {
			t.Errorf("purpose %+v", los.Purpose)
		}
		if len(los.Objectives) != 1 || los.Objectives[0].Objective.Title != "Grow" {
			t.Fatalf("objectives %+v", los.Objectives)
		}
		top := los.Objectives[0].Goals[0]
		if top.Goal.Title != "Sales up" || len(top.Children) == 0 || top.Children[0].Goal.Title != "Team sales" || !top.Children[0].Mine {
			t.Errorf("tree: %+v", top)
		}
		if len(top.Children[0].Children) != 1 || !top.Children[0].Children[0].Team {
			t.Errorf("Hal's goal under Fay's team goal: %+v", top.Children[0].Children)
		}
		if los.Own != 2 || los.Team != 1 || los.Linked != 2 || len(los.Unlinked) != 1 {
			t.Errorf("counts own %d team %d linked %d unlinked %d", los.Own, los.Team, los.Linked, len(los.Unlinked))
		}
		if _, err := c.LineOfSight(ctx, w.dee, w.p["E6"], "2026"); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("Dee opens Fay's line of sight: %v", err)
		}
		v, err := c.Strategy(ctx, w.ada, "2026")
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Unstaffed) != 1 || v.Unstaffed[0].Title != "Care" {
			t.Errorf("unstaffed %+v", v.Unstaffed)
		}
		if v.OrphanCount != 1 || v.Orphans[0].Department != "Sales" || v.Orphans[0].Goals[0].Title != "Tidy the CRM" {
			t.Errorf("orphans %d %+v", v.OrphanCount, v.Orphans)
		}
		if _, err := c.Strategy(ctx, w.bo, "2026"); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("a manager opens the strategy view: %v", err)
		}
	})
}

func TestPersonalPurposePrivacy(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newGoalWorld(t, db)
		c, ctx := w.c, context.Background()
		care, err := c.CreateValue(ctx, w.ada, model.ValueInput{Name: "Care", Behaviours: []string{"Asks how people are"}})
		if err != nil {
			t.Fatal(err)
		}
		in := model.PersonalPurposeInput{Statement: "I help farmers sleep at night.", Values: []model.ValueChoice{{ValueID: care}, {OwnWords: "Curiosity"}}}
		if err := c.SavePersonalPurpose(ctx, w.hal, in); err != nil {
			t.Fatal(err)
		}
		mine, err := c.MyPurpose(ctx, w.hal)
		if err != nil || mine.Statement != in.Statement || len(mine.Values) != 2 || !near(mine.Alignment.Score, 5.0/9) {
			t.Fatalf("own purpose %+v %v", mine, err)
		}
		// Not shared: nobody else reads it, not his manager, not hr, not admin.
		for name, a := range map[string]model.Actor{"fay (manager)": w.fay, "bo": w.bo, "cy (hr)": w.cy, "admin": w.admin, "ada": w.ada, "dee": w.dee} {
			if _, err := c.PersonalPurposeOf(ctx, a, w.p["E8"]); model.ErrorCodeOf(err) != model.CodeForbidden {
				t.Errorf("%s reads an unshared statement: %v", name, err)
			}
		}
		in.ShareManager = true
		if err := c.SavePersonalPurpose(ctx, w.hal, in); err != nil {
			t.Fatal(err)
		}
		if pp, err := c.PersonalPurposeOf(ctx, w.fay, w.p["E8"]); err != nil || pp.Statement != in.Statement {
			t.Errorf("his manager reads the shared statement: %v", err)
		}
		for name, a := range map[string]model.Actor{"bo (skip-level)": w.bo, "cy (hr)": w.cy, "admin": w.admin} {
			if _, err := c.PersonalPurposeOf(ctx, a, w.p["E8"]); model.ErrorCodeOf(err) != model.CodeForbidden {
				t.Errorf("%s reads a statement shared with the manager only: %v", name, err)
			}
		}
		// hr sees aggregates only; Sales has 6 people, the others are below 5 and hidden
		// together with... Executive (1), People (2): hidden sum 3 < 5, so Sales hides too.
		agg, err := c.PurposeAggregates(ctx, w.cy)
		if err != nil {
			t.Fatal(err)
		}
		if agg.People != 9 || agg.Written != 1 {
			t.Errorf("totals %d people, %d written", agg.People, agg.Written)
		}
		for _, d := range agg.Departments {
			if !d.Suppressed {
				t.Errorf("department %s shown (%d people): its complement would reveal a small group", d.Name, d.People)
			}
		}
		if agg.HasAlignment {
			t.Error("alignment of 1 person shown")
		}
		if _, err := c.PurposeAggregates(ctx, w.bo); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("a manager reads aggregates: %v", err)
		}
	})
}
