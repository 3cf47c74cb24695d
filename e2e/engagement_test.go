package e2e

import (
	"strings"
	"testing"
	. "throughline/e2e/app"

	"github.com/chromedp/chromedp"
)

// An employee answers the open pulse from the prompt on their home page, and cannot
// answer it twice.
func TestEmployeeAnswersPulse(t *testing.T) {
	for _, engine := range Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := Browser(t)
			app := Start(t, engine)
			SignIn(t, ctx, app, app.Logins["employee"][0], app.Password)
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#pulse-prompt")))
			if got := Text(t, ctx, "#pulse-prompt"); !strings.Contains(got, "Answer now") {
				t.Fatalf("home prompt = %q", got)
			}
			Shot(t, ctx, engine+"-employee-home-pulse")
			Click(t, ctx, "#pulse-prompt a.btn")
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#questionnaire")))
			// Agree with the first statement, strongly agree with the second, give an
			// eNPS of 8, skip the rest, and write a comment.
			Do(t, ctx,
				chromedp.Click(chromedp.CSS(`#questionnaire fieldset.q:nth-of-type(1) .opt:nth-child(4) span`)),
				chromedp.Click(chromedp.CSS(`#questionnaire fieldset.q:nth-of-type(2) .opt:nth-child(5) span`)),
				chromedp.Click(chromedp.CSS(`#questionnaire .scale.enps .opt:nth-child(9) span`)),
				chromedp.SendKeys(chromedp.CSS(`#questionnaire textarea`), "Clearer priorities for the quarter would help."),
			)
			Shot(t, ctx, engine+"-employee-questionnaire")
			Navigate(t, ctx, chromedp.Click(chromedp.CSS("#submit-answers")), "/surveys")
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
			if got := Text(t, ctx, ".flash.success"); !strings.Contains(got, "without your name") {
				t.Errorf("flash = %q", got)
			}
			if got := Text(t, ctx, "#open-pulses"); !strings.Contains(strings.ToLower(got), "answered") {
				t.Errorf("after answering, the hub says %q", got)
			}
			Shot(t, ctx, engine+"-employee-answered")
			// The pulse cannot be answered again.
			Do(t, ctx, chromedp.Navigate(app.URL+"/surveys"), chromedp.WaitVisible(chromedp.CSS("#closed-pulses")))
			href := Eval[string](t, ctx, `document.querySelector("#closed-pulses a").getAttribute("href")`)
			// Open the latest results: an employee sees the organization-wide summary.
			Do(t, ctx, chromedp.Navigate(app.URL+href), chromedp.WaitVisible(chromedp.CSS("#summary-only")))
			if got := Text(t, ctx, "#headline"); !strings.Contains(strings.ToLower(got), "engagement") {
				t.Errorf("employee results headline = %q", got)
			}
			Shot(t, ctx, engine+"-employee-results-summary")
		})
	}
}

// A manager opens their team's results from the home page; the chief executive, whose
// own team (the department heads, one per department) is hidden, sees the suppression
// message instead.
func TestManagerSeesTeamResultsOrSuppression(t *testing.T) {
	for _, engine := range Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := Browser(t)
			app := Start(t, engine)
			SignIn(t, ctx, app, app.Logins["manager"][0], app.Password)
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#team-engagement")))
			Shot(t, ctx, engine+"-manager-home-engagement")
			Click(t, ctx, "#team-results-link")
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#view-title")))
			shown := Eval[bool](t, ctx, `!!document.querySelector("#headline")`)
			hidden := Eval[bool](t, ctx, `!!document.querySelector("#results-hidden")`)
			if shown == hidden {
				t.Fatalf("team results: headline %v, hidden message %v; want exactly one", shown, hidden)
			}
			if shown {
				if got := Text(t, ctx, "#headline"); !strings.Contains(strings.ToLower(got), "responses") {
					t.Errorf("headline %q", got)
				}
				Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#action-plans")))
			}
			Shot(t, ctx, engine+"-manager-team-results")
			// The team's action plan, when the demo gave it one.
			if Eval[bool](t, ctx, `!!document.querySelector('#action-plans a[href^="/plans/"]')`) {
				Click(t, ctx, `#action-plans a[href^="/plans/"]`)
				Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#plan-items")))
				Shot(t, ctx, engine+"-manager-action-plan")
			}

			// The chief executive's own team is hidden.
			Click(t, ctx, ".sidebar form button")
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#login")))
			SignIn(t, ctx, app, app.Logins["executive"][0], app.Password)
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#team-hidden")))
			if got := Text(t, ctx, "#team-hidden"); !strings.Contains(got, "fewer than 5") {
				t.Errorf("suppression message = %q", got)
			}
			Click(t, ctx, "#team-results-link")
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#results-hidden")))
			if got := Text(t, ctx, "#results-hidden"); !strings.Contains(got, "fewer than 5") {
				t.Errorf("results page suppression = %q", got)
			}
			Shot(t, ctx, engine+"-executive-team-hidden")
		})
	}
}

// hr walks through the engagement pages: the hub, a survey, the results heatmaps, an
// action plan, the question bank, the new-survey form, the help page and an invitation
// link answered without an account.
func TestEngagementPagesForHR(t *testing.T) {
	ctx := Browser(t)
	app := Start(t, Engines()[0])
	SignIn(t, ctx, app, app.Logins["hr"][0], app.Password)
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#home-grid")))
	Do(t, ctx, chromedp.Navigate(app.URL+"/surveys"), chromedp.WaitVisible(chromedp.CSS("#surveys")))
	Shot(t, ctx, "hr-engagement-hub")
	Click(t, ctx, "#surveys tbody a")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#scorecard-feed")))
	if got := Text(t, ctx, "#scorecard-feed"); !strings.Contains(got, "Insufficient") || !strings.Contains(got, "Recorded") {
		t.Errorf("scorecard feed = %.200q", got)
	}
	Shot(t, ctx, "hr-survey")
	results := Eval[string](t, ctx, `document.querySelector('#rounds a[href$="/results"]').getAttribute("href")`)
	for _, p := range []struct{ query, sel, name string }{
		{"", "#headline", "hr-results-organization"},
		{"?group_by=department", "#heatmap", "hr-results-heatmap-department"},
		{"?group_by=team", "#heatmap", "hr-results-heatmap-team"},
		{"?group_by=location", "#heatmap", "hr-results-heatmap-location"},
	} {
		Do(t, ctx, chromedp.Navigate(app.URL+results+p.query), chromedp.WaitVisible(chromedp.CSS(p.sel)))
		Shot(t, ctx, p.name)
	}
	// The team heatmap marks hidden rows.
	if got := Text(t, ctx, "#heatmap-card"); !strings.Contains(got, "Hatched rows are hidden") {
		t.Errorf("heatmap card = %.200q", got)
	}
	// An action plan from the demo.
	Do(t, ctx, chromedp.Navigate(app.URL+results+"?group_by=team"), chromedp.WaitReady(chromedp.CSS("body")))
	plan := Eval[string](t, ctx, `(() => { const a = [...document.querySelectorAll('#heatmap a')].map(x => x.getAttribute('href')); return a.length ? a[0] : ""; })()`)
	if plan != "" {
		Do(t, ctx, chromedp.Navigate(app.URL+plan), chromedp.WaitVisible(chromedp.CSS("#view-title")))
		Shot(t, ctx, "hr-results-team")
	}
	Do(t, ctx, chromedp.Navigate(app.URL+"/surveys/questions"), chromedp.WaitVisible(chromedp.CSS("#add-question")))
	Shot(t, ctx, "hr-question-bank")
	Do(t, ctx, chromedp.Navigate(app.URL+"/surveys/new"), chromedp.WaitVisible(chromedp.CSS("#survey-form")))
	Shot(t, ctx, "hr-new-survey")
	Do(t, ctx, chromedp.Navigate(app.URL+"/help/anonymity"), chromedp.WaitVisible(chromedp.CSS("#anonymity-rule")))
	Shot(t, ctx, "help-anonymity")

	// Invitation links for the open pulse, then one answered without an account.
	Do(t, ctx, chromedp.Navigate(app.URL+"/surveys/1"), chromedp.WaitVisible(chromedp.CSS("#rounds")))
	openID := Eval[string](t, ctx, `(() => { const f = document.querySelector('#rounds form[action$="/invitations"]'); return f ? f.getAttribute('action') : ""; })()`)
	if openID == "" {
		t.Fatal("no open pulse to make links for")
	}
	csv := Eval[string](t, ctx, `fetch("`+openID+`", {method: "POST", body: new URLSearchParams({survey: "1"})}).then(r => r.text())`, chromedp.EvalAwaitPromise)
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "employee_id,name,email,link") {
		t.Fatalf("links file: %.200q", csv)
	}
	Click(t, ctx, ".sidebar form button")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#login")))
	// The file has a link for everyone invited, so it does not tell who answered; the
	// demo's early answerers see "already answered". Take the first link still open.
	link := ""
	for _, line := range lines[1:] {
		l := line[strings.LastIndex(line, ",")+1:]
		Do(t, ctx, chromedp.Navigate(l), chromedp.WaitReady(chromedp.CSS("body")))
		if Eval[bool](t, ctx, `document.querySelector('#questionnaire') !== null`) {
			link = l
			break
		}
	}
	if link == "" {
		t.Fatal("every invitation link is for someone who already answered")
	}
	Shot(t, ctx, "invite-questionnaire")
	Do(t, ctx, chromedp.Click(chromedp.CSS(`#questionnaire fieldset.q:nth-of-type(1) .opt:nth-child(2) span`)))
	Click(t, ctx, "#submit-answers")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#invite-done")))
	Shot(t, ctx, "invite-done")
	// The link is used up.
	Do(t, ctx, chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("#invite-message")))
	if got := Text(t, ctx, "#invite-message"); !strings.Contains(got, "already been used") {
		t.Errorf("reused link: %q", got)
	}
}
