package e2e

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

var completedRe = regexp.MustCompile(`(\d+) of (\d+) required`)

// completed reads "N of M required" from an element.
func completed(t *testing.T, s string) (int, int) {
	t.Helper()
	m := completedRe.FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no progress in %q", s)
	}
	n, _ := strconv.Atoi(m[1])
	total, _ := strconv.Atoi(m[2])
	return n, total
}

// A manager in the program opens their next module from the development hub, a dilemma,
// chooses, writes why, and sees their progress move; the reflection is in their journal.
func TestManagerCompletesReflection(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := browser(t)
			app := startApp(t, engine)
			signIn(t, ctx, app, app.Logins["manager"][0], app.Password)
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#home-development")))
			shot(t, ctx, engine+"-dev-home")
			do(t, ctx, chromedp.Navigate(app.URL+"/development"), chromedp.WaitVisible(chromedp.CSS("#my-programs")))
			before, total := completed(t, text(t, ctx, "#my-programs li:first-child"))
			shot(t, ctx, engine+"-dev-hub")
			click(t, ctx, "#my-programs li:first-child .next-step a")
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#reflection-form")))
			if got := text(t, ctx, "#privacy-note"); !strings.Contains(got, "only you can read") {
				t.Errorf("privacy note %q", got)
			}
			do(t, ctx,
				chromedp.Click(chromedp.CSS(`#reflection-form input[name="option_id"]`)),
				chromedp.SendKeys(chromedp.CSS("#refl-body"), "I would decline, and tell the supplier why: the renewal must be judged on its merits."),
			)
			shot(t, ctx, engine+"-dev-dilemma")
			submit(t, ctx, "#reflection-form")
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
			if got := text(t, ctx, ".flash.success"); !strings.Contains(got, "only you can read") {
				t.Errorf("flash %q", got)
			}
			after, total2 := completed(t, text(t, ctx, "#my-progress"))
			if after != before+1 || total2 != total {
				t.Errorf("progress %d of %d after the reflection, was %d of %d", after, total2, before, total)
			}
			shot(t, ctx, engine+"-dev-cohort-after")
			do(t, ctx, chromedp.Navigate(app.URL+"/journal"), chromedp.WaitVisible(chromedp.CSS("#entry-list")))
			if got := text(t, ctx, "#entry-list"); !strings.Contains(got, "judged on its merits") {
				t.Errorf("the journal lacks the new reflection")
			}
			shot(t, ctx, engine+"-dev-journal")
		})
	}
}

// A facilitator (the demo coach) opens the cohort they facilitate: who is behind, and
// how the cohort chose in the dilemmas, with counts only.
func TestFacilitatorOpensCohort(t *testing.T) {
	ctx := browser(t)
	app := startApp(t, engines()[0])
	signIn(t, ctx, app, app.Logins["coach"][0], app.Password)
	do(t, ctx, chromedp.Navigate(app.URL+"/development"), chromedp.WaitVisible(chromedp.CSS("#facilitating")))
	click(t, ctx, "#facilitating a")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#participant-table")))
	if n := count(t, ctx, "#participant-table tbody tr"); n < 2 {
		t.Errorf("%d participants listed", n)
	}
	if got := text(t, ctx, "#choices"); !strings.Contains(got, "answers") {
		t.Errorf("no dilemma spread shown: %q", got)
	}
	if got := text(t, ctx, "main"); strings.Contains(got, "Booking the order early would hit the target") {
		t.Errorf("the facilitator sees a participant's reasoning")
	}
	shot(t, ctx, "dev-facilitator-cohort")
}

// The coach opens their coachee's coaching page and sees the one entry shared with them,
// and not the coachee's other entries; the coach's own journal is empty.
func TestCoachSeesOnlyShared(t *testing.T) {
	ctx := browser(t)
	app := startApp(t, engines()[0])
	signIn(t, ctx, app, app.Logins["coach"][0], app.Password)
	do(t, ctx, chromedp.Navigate(app.URL+"/coaching"), chromedp.WaitVisible(chromedp.CSS("#coachee-list")))
	shot(t, ctx, "dev-coaching")
	click(t, ctx, "#coachee-list li:has(.shared-count) a")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#shared-list")))
	got := text(t, ctx, "#shared")
	if !strings.Contains(got, "What I want from coaching") {
		t.Errorf("the shared entry is missing: %q", got)
	}
	for _, private := range []string{"interrupted Amira", "irrigation failed", "Booking the order early"} {
		if strings.Contains(text(t, ctx, "main"), private) {
			t.Errorf("the coach sees an unshared entry (%q)", private)
		}
	}
	if n := count(t, ctx, "#shared-list li"); n != 1 {
		t.Errorf("%d shared entries, want 1", n)
	}
	shot(t, ctx, "dev-coaching-detail")
	do(t, ctx, chromedp.Navigate(app.URL+"/journal"), chromedp.WaitVisible(chromedp.CSS("#entries")))
	if n := count(t, ctx, "#entry-list li"); n != 0 {
		t.Errorf("the coach's own journal shows %d entries", n)
	}
}

// A tour of the other development pages, so each is rendered and looked at.
func TestDevelopmentTour(t *testing.T) {
	ctx := browser(t)
	app := startApp(t, engines()[0])
	signIn(t, ctx, app, app.Logins["hr"][0], app.Password)
	for _, p := range []struct{ path, wait, name string }{
		{"/development", "#cohorts-overview", "dev-hr-overview"},
		{"/development/programs", "#program-list", "dev-programs"},
		{"/development/programs/3", "#modules", "dev-program-ethics"},
		{"/workshops", "#upcoming", "dev-workshops"},
		{"/workshops/1", "#attendance", "dev-workshop-past"},
		{"/coaching", "#all-coaching", "dev-coaching-hr"},
		{"/competencies", "#empathy", "dev-competencies"},
		{"/development/cohorts/new", "#cohort-form", "dev-cohort-new"},
	} {
		do(t, ctx, chromedp.Navigate(app.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.wait)))
		shot(t, ctx, p.name)
	}
	click(t, ctx, ".sidebar form button")
	signIn(t, ctx, app, app.Logins["manager"][0], app.Password)
	do(t, ctx, chromedp.Navigate(app.URL+"/assessments"), chromedp.WaitVisible(chromedp.CSS("#my-360s")))
	shot(t, ctx, "dev-assessments")
	click(t, ctx, "#my-360s li:nth-child(2) a")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#results-table")))
	shot(t, ctx, "dev-360-results")
	do(t, ctx, chromedp.Navigate(app.URL+"/development/plan"), chromedp.WaitVisible(chromedp.CSS("#plan")))
	shot(t, ctx, "dev-plan")
	do(t, ctx, chromedp.Navigate(app.URL+"/calendar"), chromedp.WaitVisible(chromedp.CSS("#feed-status")))
	click(t, ctx, "#make-feed")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#feed-address")))
	if got := text(t, ctx, "#feed-address"); !strings.Contains(got, "/calendar/feed.ics?token=") {
		t.Errorf("feed address %q", got)
	}
	shot(t, ctx, "dev-calendar")
	click(t, ctx, ".sidebar form button")
	signIn(t, ctx, app, app.Logins["employee"][0], app.Password)
	do(t, ctx, chromedp.Navigate(app.URL+"/assessments"), chromedp.WaitVisible(chromedp.CSS("#to-answer")))
	click(t, ctx, "#to-answer a.btn")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#ratings-form")))
	if got := text(t, ctx, "#anon-note"); !strings.Contains(got, "without your name") {
		t.Errorf("anonymity note %q", got)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`#ratings-form input[name="r_empathy"][value="4"]`)))
	shot(t, ctx, "dev-360-answer")
	submit(t, ctx, "#ratings-form")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
}
