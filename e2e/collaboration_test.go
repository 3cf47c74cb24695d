package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// An employee shares an idea; another employee finds it and votes for it.
func TestIdeaPostedAndVoted(t *testing.T) {
	ctx := browser(t)
	app := startApp(t, engines()[0])
	author, voter := app.Logins["employee"][0], app.Logins["employee"][1]

	signIn(t, ctx, app, author, app.Password)
	do(t, ctx, chromedp.Navigate(app.URL+"/ideas"), chromedp.WaitVisible(chromedp.CSS("#post-list")))
	shot(t, ctx, "collab-ideas")
	click(t, ctx, "#new-idea")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#idea-form")),
		chromedp.SendKeys(chromedp.CSS("#title"), "Rainwater tanks at every machine shed"),
		chromedp.SendKeys(chromedp.CSS("#body"), "Collect roof water to wash equipment instead of pumping groundwater. A tank pays for itself in two seasons."),
		chromedp.SendKeys(chromedp.CSS("#tags"), "water, equipment"))
	shot(t, ctx, "collab-idea-form")
	submit(t, ctx, "#idea-form")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
	ideaURL := location(t, ctx)
	if !strings.Contains(ideaURL, "/ideas/") {
		t.Fatalf("after sharing, URL is %s", ideaURL)
	}
	if got := text(t, ctx, "#vote-count"); got != "0" {
		t.Errorf("a new idea has %s votes, want 0", got)
	}

	click(t, ctx, ".sidebar form button")
	signIn(t, ctx, app, voter, app.Password)
	do(t, ctx, chromedp.Navigate(app.URL+"/ideas?q=rainwater+tanks"), chromedp.WaitVisible(chromedp.CSS("#post-list")))
	click(t, ctx, "#post-list h3 a")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#vote-form")))
	submit(t, ctx, "#vote-form")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
	if got := text(t, ctx, "#vote-count"); got != "1" {
		t.Errorf("after one vote the idea shows %s votes, want 1", got)
	}
	if got := text(t, ctx, "#vote-button"); !strings.Contains(got, "You voted") {
		t.Errorf("vote button says %q after voting", got)
	}
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#comment-body"), "We could start with the Iowa shed; I can help."))
	submit(t, ctx, "#comment-form")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".comment")))
	shot(t, ctx, "collab-idea-voted")
}

// An employee registers a team for the open hackathon, choosing teammates the form
// suggests from other departments; the team shows on the hackathon's page.
func TestTeamRegistersForHackathon(t *testing.T) {
	ctx := browser(t)
	app := startApp(t, engines()[0])
	signIn(t, ctx, app, app.Logins["employee"][0], app.Password)
	do(t, ctx, chromedp.Navigate(app.URL+"/hackathons"), chromedp.WaitVisible(chromedp.CSS("#hackathon-list")))
	shot(t, ctx, "collab-hackathons")
	click(t, ctx, "#hackathon-list .hack-card:has(.badge.blue) h2 a")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#register-team")))
	hackURL := location(t, ctx)
	shot(t, ctx, "collab-hackathon-open")
	click(t, ctx, "#register-team")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#team-form")),
		chromedp.SendKeys(chromedp.CSS("#team-name"), "River Keepers"),
		chromedp.Click(chromedp.CSS(".pick-list li:nth-child(1) input")),
		chromedp.Click(chromedp.CSS(".pick-list li:nth-child(2) input")))
	shot(t, ctx, "collab-team-form")
	submit(t, ctx, "#team-form")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
	if got := location(t, ctx); !strings.Contains(got, "/hackathon-teams/") {
		t.Fatalf("after registering, URL is %s", got)
	}
	if n := count(t, ctx, "#members .member-list li"); n != 3 {
		t.Errorf("the new team has %d members, want 3 (the founder and two teammates)", n)
	}
	shot(t, ctx, "collab-team")
	// The team hands in its submission.
	do(t, ctx, chromedp.SendKeys(chromedp.CSS("#s-title"), "Soil tests in the cab"),
		chromedp.SendKeys(chromedp.CSS("#s-desc"), "A tablet view of each field's latest soil test while the operator works."),
		chromedp.SendKeys(chromedp.CSS("#s-impact"), "If operators see soil data in the cab, fertilizer per hectare falls 5% on pilot fields."),
		chromedp.SendKeys(chromedp.CSS("#s-links"), "https://example.org/soil-cab"))
	submit(t, ctx, "#submission-form")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
	do(t, ctx, chromedp.Navigate(hackURL), chromedp.WaitVisible(chromedp.CSS("#teams")))
	if got := text(t, ctx, "#teams"); !strings.Contains(got, "River Keepers") || !strings.Contains(got, "Your team") {
		t.Errorf("the hackathon's teams do not show the new team: %.300s", got)
	}

	// hr (an organizer and a judge) moves the hackathon to judging and scores it.
	click(t, ctx, ".sidebar form button")
	signIn(t, ctx, app, app.Logins["hr"][0], app.Password)
	for range 2 {
		do(t, ctx, chromedp.Navigate(hackURL), chromedp.WaitVisible(chromedp.CSS(".phase-form")))
		submit(t, ctx, ".phase-form")
		do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
	}
	do(t, ctx, chromedp.Navigate(strings.TrimSuffix(hackURL, "/")+"/judging"), chromedp.WaitVisible(chromedp.CSS(".score-form")))
	do(t, ctx, chromedp.Click(chromedp.CSS(".score-form .score-field:nth-child(1) label:nth-child(5) span")),
		chromedp.Click(chromedp.CSS(".score-form .score-field:nth-child(2) label:nth-child(3) span")),
		chromedp.Click(chromedp.CSS(".score-form .score-field:nth-child(3) label:nth-child(4) span")),
		chromedp.Click(chromedp.CSS(".score-form .score-field:nth-child(4) label:nth-child(4) span")))
	shot(t, ctx, "collab-judging")
	submit(t, ctx, ".score-form")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
	if got := text(t, ctx, ".judge-row h2"); !strings.Contains(got, "Scored") {
		t.Errorf("after scoring, the sheet says %q", got)
	}
	shot(t, ctx, "collab-judging-scored")
}

// A manager sees their network reach on the collaboration page and on their network;
// an executive sees the department matrix with its silo.
func TestManagerSeesNetworkReach(t *testing.T) {
	ctx := browser(t)
	app := startApp(t, engines()[0])
	signIn(t, ctx, app, app.Logins["manager"][0], app.Password)
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#home-collab")))
	if got := text(t, ctx, "#home-collab"); !strings.Contains(got, "other departments") {
		t.Errorf("the home page's collaboration corner says %q", got)
	}
	shot(t, ctx, "collab-home")
	do(t, ctx, chromedp.Navigate(app.URL+"/collaborate"), chromedp.WaitVisible(chromedp.CSS("#my-reach")))
	if n, err := strconv.Atoi(strings.TrimSpace(text(t, ctx, "#reach-departments"))); err != nil || n < 2 {
		t.Errorf("departments reached = %q, want at least 2 for the demo manager", text(t, ctx, "#reach-departments"))
	}
	shot(t, ctx, "collab-overview")
	do(t, ctx, chromedp.Navigate(app.URL+"/network"), chromedp.WaitVisible(chromedp.CSS("#network-reach")))
	if got := text(t, ctx, "#reach-summary"); !strings.Contains(got, "other departments") {
		t.Errorf("reach summary: %q", got)
	}
	shot(t, ctx, "collab-network")

	click(t, ctx, ".sidebar form button")
	signIn(t, ctx, app, app.Logins["executive"][0], app.Password)
	do(t, ctx, chromedp.Navigate(app.URL+"/network/org"), chromedp.WaitVisible(chromedp.CSS("#matrix svg")))
	if got := text(t, ctx, "main"); !strings.Contains(got, "looks inward") {
		t.Errorf("the organization view names no silo")
	}
	shot(t, ctx, "collab-network-org")
}

// A tour of the other collaboration pages as hr, so each is rendered and looked at.
func TestCollaborationTour(t *testing.T) {
	ctx := browser(t)
	app := startApp(t, engines()[0])
	signIn(t, ctx, app, app.Logins["hr"][0], app.Password)
	for _, p := range []struct{ path, wait, name string }{
		{"/initiatives", "#initiative-list", "collab-initiatives"},
		{"/initiatives/1", "#team", "collab-initiative"},
		{"/initiatives/7", "#team", "collab-initiative-silo"},
		{"/initiatives/new", "#initiative-form", "collab-initiative-form"},
		{"/hackathons/1", "#winners", "collab-hackathon-finished"},
		{"/hackathons/1/results", "#results-table", "collab-results"},
		{"/hackathons/new", "form", "collab-hackathon-form"},
		{"/service", ".program", "collab-service"},
		{"/service/programs/1", ".project-cards", "collab-program"},
		{"/service/projects/1", "#applications", "collab-project"},
		{"/service/programs/1/selection", "#selection-form", "collab-selection"},
		{"/ideas/3", "#comments", "collab-idea"},
	} {
		do(t, ctx, chromedp.Navigate(app.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.wait)))
		shot(t, ctx, p.name)
	}
}

// count returns the number of elements matching sel.
func count(t *testing.T, ctx context.Context, sel string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
	if err != nil {
		t.Fatal(err)
	}
	return n
}
