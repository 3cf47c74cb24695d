package e2e

import (
	"context"
	"net/url"
	"strings"
	"testing"
	. "throughline/e2e/app"
	"time"

	"github.com/chromedp/chromedp"

	"throughline/internal/core"
	"throughline/internal/model"
	"throughline/internal/store"
)

// payloads are stored cross-site-scripting attempts; each sets window.__xss if it runs.
var payloads = []string{
	`<script>window.__xss=1</script>`,
	`"><img src=x onerror="window.__xss=1">`,
	`'><svg onload=window.__xss=1>`,
	`</title><script>window.__xss=1</script>`,
	`javascript:window.__xss=1`,
}

// TestStoredXSS writes script payloads into every free-text field a person can set
// and renders the pages that show them in Chromium: nothing runs, and the payloads
// show as text.
func TestStoredXSS(t *testing.T) {
	ctx := Browser(t)
	app := Start(t, Engines()[0])
	db, err := store.Open(context.Background(), app.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := core.New(db, core.Options{})
	bg := context.Background()
	sys := model.System
	p := func(i int) string { return "X" + payloads[i%len(payloads)] }

	// People, departments, locations, titles: through an import.
	batch := model.PeopleBatch{Rows: []model.PersonRow{{Line: 2, PersonInput: model.PersonInput{
		EmployeeID: "XSS1", Name: p(0), Email: "xss@example.org", Title: p(1), Department: p(2), Location: p(3), Active: true, Role: model.RoleEmployee}}}}
	if _, err := c.ImportPeople(bg, sys, batch, model.PeopleImportOptions{Filename: p(4)}); err != nil {
		t.Fatal(err)
	}
	must := func(id int64, err error) int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	must(c.SetPurpose(bg, sys, model.PurposeInput{Statement: p(0), Explanation: p(1)}))
	must(c.CreateValue(bg, sys, model.ValueInput{Name: "V" + p(2)[:20], Description: p(3), Behaviours: []string{p(4)}}))
	obj := must(c.CreateObjective(bg, sys, model.ObjectiveInput{Title: p(1), Why: p(2), Description: p(3), Horizon: "2026"}))
	// The manager's own goal, key result and check-in.
	mgr, err := c.AccountByLogin(bg, sys, app.Logins["manager"][0])
	if err != nil {
		t.Fatal(err)
	}
	goal := must(c.CreateGoal(bg, sys, model.GoalInput{Level: model.LevelTeam, Title: p(0), Description: p(1), OwnerID: mgr.PersonID,
		Period: model.CurrentQuarter(c.Now()), Parents: []model.ParentRef{{ObjectiveID: obj}}}))
	must(c.AddKeyResult(bg, sys, goal, model.KeyResultInput{Title: p(2), Kind: model.KRMeasured, Start: 0, Target: 1, Unit: "u<b>"}))
	if err := c.AddGoalUpdate(bg, sys, goal, model.GoalUpdateInput{Status: model.StatusAtRisk, Comment: p(3)}); err != nil {
		t.Fatal(err)
	}
	if err := c.SeedPersonalPurpose(bg, sys, mgr.PersonID, model.PersonalPurposeInput{Statement: p(4), Values: []model.ValueChoice{{OwnWords: "O" + p(1)[:30]}}}); err != nil {
		t.Fatal(err)
	}
	xss, _ := c.Directory(bg, sys, model.PersonFilter{Query: "XSS1"})
	// A webhook endpoint's name (admin pages). It stays off, so nothing is sent.
	hook, _, err := c.CreateWebhook(bg, sys, model.WebhookInput{Name: p(1), URL: "https://hooks.example.com/x?q=" + url.QueryEscape(p(2)),
		Format: model.FormatSlack, Events: []string{model.EventIdeaAdopted}})
	if err != nil {
		t.Fatal(err)
	}
	// Development (issue 6): a copied program whose new module holds the payloads in its
	// Markdown, prompt and dilemma options; a cohort, a workshop and a journal entry.
	progs, err := c.DevPrograms(bg, sys)
	if err != nil {
		t.Fatal(err)
	}
	prog := must(c.CopyDevProgram(bg, sys, progs[0].ID, p(0)))
	mod := must(c.AddDevModule(bg, sys, prog, model.DevModuleInput{Kind: model.ModuleReflection, Title: p(1), Prompt: p(3), Options: []string{p(4), p(0)},
		Body: "## " + p(2) + "\n\n" + strings.Join(payloads, "\n\n") + "\n\n[link](javascript:window.__xss=1) <a href=\"javascript:window.__xss=1\">a</a>"}))
	today := c.Now().UTC()
	cohort := must(c.CreateCohort(bg, sys, model.CohortInput{ProgramID: prog, Name: p(1), StartsOn: today.Format("2006-01-02"), EndsOn: today.AddDate(0, 1, 0).Format("2006-01-02"),
		ParticipantIDs: []int64{mgr.PersonID}}))
	ws := must(c.CreateWorkshop(bg, sys, model.WorkshopInput{CohortID: cohort, Title: p(2), Description: p(3), Place: p(4), Capacity: 5,
		StartsAt: today.AddDate(0, 0, 2).Format(model.LocalTimeLayout), EndsAt: today.AddDate(0, 0, 2).Add(time.Hour).Format(model.LocalTimeLayout)}))
	must(c.WriteJournal(bg, model.Actor{AccountID: mgr.ID, PersonID: mgr.PersonID, Role: model.RoleManager, Name: "m"}, model.JournalInput{Prompt: p(0), Body: p(1)}))
	// A calibrated rating's reason (issue 8), on a review in the open cycle.
	cycles, err := c.ReviewCycles(bg, sys)
	if err != nil {
		t.Fatal(err)
	}
	var review, cycleID int64
	for _, cy := range cycles {
		if cy.Status != model.CycleOpen {
			continue
		}
		d, err := c.ReviewCycle(bg, sys, cy.ID)
		if err != nil || len(d.Reviews) == 0 {
			t.Fatalf("open cycle %d: %d reviews (%v)", cy.ID, len(d.Reviews), err)
		}
		review, cycleID = d.Reviews[0].ID, cy.ID
		if _, err := c.Calibrate(bg, sys, model.CalibrationInput{CycleID: cy.ID, PersonID: d.Reviews[0].PersonID, Rating: 3, Reason: p(2)}); err != nil {
			t.Fatal(err)
		}
		break
	}
	if review == 0 {
		t.Fatal("the demo has no open review cycle")
	}

	check := func(who, path string) {
		t.Helper()
		Do(t, ctx, chromedp.Navigate(app.URL+path), chromedp.WaitReady(chromedp.CSS("body")))
		ran, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__xss === 1`))
		if err != nil {
			t.Fatal(err)
		}
		if ran {
			t.Errorf("%s %s: a stored payload ran", who, path)
		}
		bad, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("[onerror],[onload],script:not([src])").length`))
		if err != nil {
			t.Fatal(err)
		}
		if bad > 0 {
			t.Errorf("%s %s: %d injected elements in the page", who, path, bad)
		}
	}
	SignIn(t, ctx, app, app.Logins["manager"][0], app.Password)
	for _, path := range []string{"/", "/purpose", "/purpose/edit", "/objectives/" + itoa64(obj), "/goals", "/goals/" + itoa64(goal),
		"/goals/" + itoa64(goal) + "/edit", "/line-of-sight", "/me/purpose", "/people?q=XSS1", "/people/" + itoa64(xss.Items[0].ID), "/org",
		"/development", "/development/programs/" + itoa64(prog), "/development/cohorts/" + itoa64(cohort), "/development/cohorts/" + itoa64(cohort) + "/modules/" + itoa64(mod),
		"/workshops", "/workshops/" + itoa64(ws), "/journal"} {
		check("manager", path)
	}
	// The payload is shown as text.
	Do(t, ctx, chromedp.Navigate(app.URL+"/goals/"+itoa64(goal)), chromedp.WaitVisible(chromedp.CSS("h1")))
	if got := Text(t, ctx, "h1"); !strings.Contains(got, "<script>") {
		t.Errorf("the goal title %q is not shown as text", got)
	}
	Click(t, ctx, ".sidebar form button")
	SignIn(t, ctx, app, app.Logins["admin"][0], app.Password)
	for _, path := range []string{"/", "/admin/import", "/admin/accounts", "/admin/audit", "/strategy", "/people?inactive=1&q=xss",
		"/admin/webhooks", "/admin/webhooks/" + itoa64(hook.ID), "/admin/webhook-deliveries",
		"/reviews/" + itoa64(review), "/analytics/calibration?cycle=" + itoa64(cycleID)} {
		check("admin", path)
	}
	// The reason is on the review, as text.
	Do(t, ctx, chromedp.Navigate(app.URL+"/reviews/"+itoa64(review)), chromedp.WaitVisible(chromedp.CSS("h1")))
	if got := Text(t, ctx, "main"); !strings.Contains(got, `'><svg onload=window.__xss=1>`) {
		t.Errorf("the review does not show the calibration reason as text")
	}
}

func itoa64(n int64) string { return FormatInt(n) }
