// Package development drives the leadership development pages in headless Chromium,
// apart from the other browser tests (package e2e) so that each has its own time limit.
package development

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	. "throughline/e2e/app"

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
	for _, engine := range Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := Browser(t)
			app := Start(t, engine)
			SignIn(t, ctx, app, app.Logins["manager"][0], app.Password)
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#home-development")))
			Shot(t, ctx, engine+"-dev-home")
			Do(t, ctx, chromedp.Navigate(app.URL+"/development"), chromedp.WaitVisible(chromedp.CSS("#my-programs")))
			before, total := completed(t, Text(t, ctx, "#my-programs li:first-child"))
			Shot(t, ctx, engine+"-dev-hub")
			Click(t, ctx, "#my-programs li:first-child .next-step a")
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#reflection-form")))
			if got := Text(t, ctx, "#privacy-note"); !strings.Contains(got, "only you can read") {
				t.Errorf("privacy note %q", got)
			}
			Do(t, ctx,
				chromedp.Click(chromedp.CSS(`#reflection-form input[name="option_id"]`)),
				chromedp.SendKeys(chromedp.CSS("#refl-body"), "I would decline, and tell the supplier why: the renewal must be judged on its merits."),
			)
			Shot(t, ctx, engine+"-dev-dilemma")
			Submit(t, ctx, "#reflection-form")
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
			if got := Text(t, ctx, ".flash.success"); !strings.Contains(got, "only you can read") {
				t.Errorf("flash %q", got)
			}
			after, total2 := completed(t, Text(t, ctx, "#my-progress"))
			if after != before+1 || total2 != total {
				t.Errorf("progress %d of %d after the reflection, was %d of %d", after, total2, before, total)
			}
			Shot(t, ctx, engine+"-dev-cohort-after")
			Do(t, ctx, chromedp.Navigate(app.URL+"/journal"), chromedp.WaitVisible(chromedp.CSS("#entry-list")))
			if got := Text(t, ctx, "#entry-list"); !strings.Contains(got, "judged on its merits") {
				t.Errorf("the journal lacks the new reflection")
			}
			Shot(t, ctx, engine+"-dev-journal")
		})
	}
}

// A facilitator (the demo coach) opens the cohort they facilitate: who is behind, and
// how the cohort chose in the dilemmas, with counts only.
func TestFacilitatorOpensCohort(t *testing.T) {
	ctx := Browser(t)
	app := Start(t, Engines()[0])
	SignIn(t, ctx, app, app.Logins["coach"][0], app.Password)
	Do(t, ctx, chromedp.Navigate(app.URL+"/development"), chromedp.WaitVisible(chromedp.CSS("#facilitating")))
	Click(t, ctx, "#facilitating a")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#participant-table")))
	if n := Count(t, ctx, "#participant-table tbody tr"); n < 2 {
		t.Errorf("%d participants listed", n)
	}
	if got := Text(t, ctx, "#choices"); !strings.Contains(got, "answers") {
		t.Errorf("no dilemma spread shown: %q", got)
	}
	if got := Text(t, ctx, "main"); strings.Contains(got, "Booking the order early would hit the target") {
		t.Errorf("the facilitator sees a participant's reasoning")
	}
	Shot(t, ctx, "dev-facilitator-cohort")
}

// The coach opens their coachee's coaching page and sees the one entry shared with them,
// and not the coachee's other entries; the coach's own journal is empty.
func TestCoachSeesOnlyShared(t *testing.T) {
	ctx := Browser(t)
	app := Start(t, Engines()[0])
	SignIn(t, ctx, app, app.Logins["coach"][0], app.Password)
	Do(t, ctx, chromedp.Navigate(app.URL+"/coaching"), chromedp.WaitVisible(chromedp.CSS("#coachee-list")))
	Shot(t, ctx, "dev-coaching")
	Click(t, ctx, "#coachee-list li:Has(.shared-count) a")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#shared-list")))
	got := Text(t, ctx, "#shared")
	if !strings.Contains(got, "What I want from coaching") {
		t.Errorf("the shared entry is missing: %q", got)
	}
	for _, private := range []string{"interrupted Amira", "irrigation failed", "Booking the order early"} {
		if strings.Contains(Text(t, ctx, "main"), private) {
			t.Errorf("the coach sees an unshared entry (%q)", private)
		}
	}
	if n := Count(t, ctx, "#shared-list li"); n != 1 {
		t.Errorf("%d shared entries, want 1", n)
	}
	Shot(t, ctx, "dev-coaching-detail")
	Do(t, ctx, chromedp.Navigate(app.URL+"/journal"), chromedp.WaitVisible(chromedp.CSS("#entries")))
	if n := Count(t, ctx, "#entry-list li"); n != 0 {
		t.Errorf("the coach's own journal shows %d entries", n)
	}
}

// A tour of the other development pages, so each is rendered and looked at.
func TestDevelopmentTour(t *testing.T) {
	ctx := Browser(t)
	app := Start(t, Engines()[0])
	SignIn(t, ctx, app, app.Logins["hr"][0], app.Password)
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
		Do(t, ctx, chromedp.Navigate(app.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.wait)))
		Shot(t, ctx, p.name)
	}
	Click(t, ctx, ".sidebar form button")
	SignIn(t, ctx, app, app.Logins["manager"][0], app.Password)
	Do(t, ctx, chromedp.Navigate(app.URL+"/assessments"), chromedp.WaitVisible(chromedp.CSS("#my-360s")))
	Shot(t, ctx, "dev-assessments")
	Click(t, ctx, "#my-360s li:nth-child(2) a")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#results-table")))
	Shot(t, ctx, "dev-360-results")
	Do(t, ctx, chromedp.Navigate(app.URL+"/development/plan"), chromedp.WaitVisible(chromedp.CSS("#plan")))
	Shot(t, ctx, "dev-plan")
	Do(t, ctx, chromedp.Navigate(app.URL+"/calendar"), chromedp.WaitVisible(chromedp.CSS("#feed-status")))
	Click(t, ctx, "#make-feed")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#feed-address")))
	if got := Text(t, ctx, "#feed-address"); !strings.Contains(got, "/calendar/feed.ics?token=") {
		t.Errorf("feed address %q", got)
	}
	Shot(t, ctx, "dev-calendar")
	Click(t, ctx, ".sidebar form button")
	SignIn(t, ctx, app, app.Logins["employee"][0], app.Password)
	Do(t, ctx, chromedp.Navigate(app.URL+"/assessments"), chromedp.WaitVisible(chromedp.CSS("#to-answer")))
	Click(t, ctx, "#to-answer a.btn")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#ratings-form")))
	if got := Text(t, ctx, "#anon-note"); !strings.Contains(got, "without your name") {
		t.Errorf("anonymity note %q", got)
	}
	Do(t, ctx, chromedp.Click(chromedp.CSS(`#ratings-form input[name="r_empathy"][value="4"]`)))
	Shot(t, ctx, "dev-360-answer")
	Submit(t, ctx, "#ratings-form")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
}
