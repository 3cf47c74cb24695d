package e2e

import (
	"strconv"
	"strings"
	"testing"
	. "throughline/e2e/app"

	"github.com/chromedp/chromedp"
)

// An employee shares an idea; another employee finds it and votes for it.
func TestIdeaPostedAndVoted(t *testing.T) {
	ctx := Browser(t)
	app := Start(t, Engines()[0])
	author, voter := app.Logins["employee"][0], app.Logins["employee"][1]

	SignIn(t, ctx, app, author, app.Password)
	Do(t, ctx, chromedp.Navigate(app.URL+"/ideas"), chromedp.WaitVisible(chromedp.CSS("#post-list")))
	Shot(t, ctx, "collab-ideas")
	Click(t, ctx, "#new-idea")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#idea-form")),
		chromedp.SendKeys(chromedp.CSS("#title"), "Rainwater tanks at every machine shed"),
		chromedp.SendKeys(chromedp.CSS("#body"), "Collect roof water to wash equipment instead of pumping groundwater. A tank pays for itself in two seasons."),
		chromedp.SendKeys(chromedp.CSS("#tags"), "water, equipment"))
	Shot(t, ctx, "collab-idea-form")
	Submit(t, ctx, "#idea-form")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
	ideaURL := Location(t, ctx)
	if !strings.Contains(ideaURL, "/ideas/") {
		t.Fatalf("after sharing, URL is %s", ideaURL)
	}
	if got := Text(t, ctx, "#vote-count"); got != "0" {
		t.Errorf("a new idea has %s votes, want 0", got)
	}

	Click(t, ctx, ".sidebar form button")
	SignIn(t, ctx, app, voter, app.Password)
	Do(t, ctx, chromedp.Navigate(app.URL+"/ideas?q=rainwater+tanks"), chromedp.WaitVisible(chromedp.CSS("#post-list")))
	Click(t, ctx, "#post-list h3 a")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#vote-form")))
	Submit(t, ctx, "#vote-form")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
	if got := Text(t, ctx, "#vote-count"); got != "1" {
		t.Errorf("after one vote the idea shows %s votes, want 1", got)
	}
	if got := Text(t, ctx, "#vote-button"); !strings.Contains(got, "You voted") {
		t.Errorf("vote button says %q after voting", got)
	}
	Do(t, ctx, chromedp.SendKeys(chromedp.CSS("#comment-body"), "We could start with the Iowa shed; I can help."))
	Submit(t, ctx, "#comment-form")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".comment")))
	Shot(t, ctx, "collab-idea-voted")
}

// An employee registers a team for the open hackathon, choosing teammates the form
// suggests from other departments; the team shows on the hackathon's page.
func TestTeamRegistersForHackathon(t *testing.T) {
	ctx := Browser(t)
	app := Start(t, Engines()[0])
	SignIn(t, ctx, app, app.Logins["employee"][0], app.Password)
	Do(t, ctx, chromedp.Navigate(app.URL+"/hackathons"), chromedp.WaitVisible(chromedp.CSS("#hackathon-list")))
	Shot(t, ctx, "collab-hackathons")
	Click(t, ctx, "#hackathon-list .hack-card:Has(.badge.blue) h2 a")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#register-team")))
	hackURL := Location(t, ctx)
	Shot(t, ctx, "collab-hackathon-open")
	Click(t, ctx, "#register-team")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#team-form")),
		chromedp.SendKeys(chromedp.CSS("#team-name"), "River Keepers"),
		chromedp.Click(chromedp.CSS(".pick-list li:nth-child(1) input")),
		chromedp.Click(chromedp.CSS(".pick-list li:nth-child(2) input")))
	Shot(t, ctx, "collab-team-form")
	Submit(t, ctx, "#team-form")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
	if got := Location(t, ctx); !strings.Contains(got, "/hackathon-teams/") {
		t.Fatalf("after registering, URL is %s", got)
	}
	if n := Count(t, ctx, "#members .member-list li"); n != 3 {
		t.Errorf("the new team has %d members, want 3 (the founder and two teammates)", n)
	}
	Shot(t, ctx, "collab-team")
	// The team hands in its submission.
	Do(t, ctx, chromedp.SendKeys(chromedp.CSS("#s-title"), "Soil tests in the cab"),
		chromedp.SendKeys(chromedp.CSS("#s-desc"), "A tablet view of each field's latest soil test while the operator works."),
		chromedp.SendKeys(chromedp.CSS("#s-impact"), "If operators see soil data in the cab, fertilizer per hectare falls 5% on pilot fields."),
		chromedp.SendKeys(chromedp.CSS("#s-links"), "https://example.org/soil-cab"))
	Submit(t, ctx, "#submission-form")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
	Do(t, ctx, chromedp.Navigate(hackURL), chromedp.WaitVisible(chromedp.CSS("#teams")))
	if got := Text(t, ctx, "#teams"); !strings.Contains(got, "River Keepers") || !strings.Contains(got, "Your team") {
		t.Errorf("the hackathon's teams do not show the new team: %.300s", got)
	}

	// hr (an organizer and a judge) moves the hackathon to judging and scores it.
	Click(t, ctx, ".sidebar form button")
	SignIn(t, ctx, app, app.Logins["hr"][0], app.Password)
	for range 2 {
		Do(t, ctx, chromedp.Navigate(hackURL), chromedp.WaitVisible(chromedp.CSS(".phase-form")))
		Submit(t, ctx, ".phase-form")
		Do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
	}
	Do(t, ctx, chromedp.Navigate(strings.TrimSuffix(hackURL, "/")+"/judging"), chromedp.WaitVisible(chromedp.CSS(".score-form")))
	Do(t, ctx, chromedp.Click(chromedp.CSS(".score-form .score-field:nth-child(1) label:nth-child(5) span")),
		chromedp.Click(chromedp.CSS(".score-form .score-field:nth-child(2) label:nth-child(3) span")),
		chromedp.Click(chromedp.CSS(".score-form .score-field:nth-child(3) label:nth-child(4) span")),
		chromedp.Click(chromedp.CSS(".score-form .score-field:nth-child(4) label:nth-child(4) span")))
	Shot(t, ctx, "collab-judging")
	Submit(t, ctx, ".score-form")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
	if got := Text(t, ctx, ".judge-row h2"); !strings.Contains(got, "Scored") {
		t.Errorf("after scoring, the sheet says %q", got)
	}
	Shot(t, ctx, "collab-judging-scored")
}

// A manager sees their network reach on the collaboration page and on their network;
// an executive sees the department matrix with its silo.
func TestManagerSeesNetworkReach(t *testing.T) {
	ctx := Browser(t)
	app := Start(t, Engines()[0])
	SignIn(t, ctx, app, app.Logins["manager"][0], app.Password)
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#home-collab")))
	if got := Text(t, ctx, "#home-collab"); !strings.Contains(got, "other departments") {
		t.Errorf("the home page's collaboration corner says %q", got)
	}
	Shot(t, ctx, "collab-home")
	Do(t, ctx, chromedp.Navigate(app.URL+"/collaborate"), chromedp.WaitVisible(chromedp.CSS("#my-reach")))
	if n, err := strconv.Atoi(strings.TrimSpace(Text(t, ctx, "#reach-departments"))); err != nil || n < 2 {
		t.Errorf("departments reached = %q, want at least 2 for the demo manager", Text(t, ctx, "#reach-departments"))
	}
	Shot(t, ctx, "collab-overview")
	Do(t, ctx, chromedp.Navigate(app.URL+"/network"), chromedp.WaitVisible(chromedp.CSS("#network-reach")))
	if got := Text(t, ctx, "#reach-summary"); !strings.Contains(got, "other departments") {
		t.Errorf("reach summary: %q", got)
	}
	Shot(t, ctx, "collab-network")

	Click(t, ctx, ".sidebar form button")
	SignIn(t, ctx, app, app.Logins["executive"][0], app.Password)
	Do(t, ctx, chromedp.Navigate(app.URL+"/network/org"), chromedp.WaitVisible(chromedp.CSS("#matrix svg")))
	if got := Text(t, ctx, "main"); !strings.Contains(got, "looks inward") {
		t.Errorf("the organization view names no silo")
	}
	Shot(t, ctx, "collab-network-org")
}

// A tour of the other collaboration pages as hr, so each is rendered and looked at.
func TestCollaborationTour(t *testing.T) {
	ctx := Browser(t)
	app := Start(t, Engines()[0])
	SignIn(t, ctx, app, app.Logins["hr"][0], app.Password)
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
		Do(t, ctx, chromedp.Navigate(app.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.wait)))
		Shot(t, ctx, p.name)
	}
}
