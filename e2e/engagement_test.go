package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// An employee answers the open pulse from the prompt on their home page, and cannot
// answer it twice.
func TestEmployeeAnswersPulse(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := browser(t)
			app := startApp(t, engine)
			signIn(t, ctx, app, app.Logins["employee"][0], app.Password)
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#pulse-prompt")))
			if got := text(t, ctx, "#pulse-prompt"); !strings.Contains(got, "Answer now") {
				t.Fatalf("home prompt = %q", got)
			}
			shot(t, ctx, engine+"-employee-home-pulse")
			click(t, ctx, "#pulse-prompt a.btn")
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#questionnaire")))
			// Agree with the first statement, strongly agree with the second, give an
			// eNPS of 8, skip the rest, and write a comment.
			do(t, ctx,
				chromedp.Click(chromedp.CSS(`#questionnaire fieldset.q:nth-of-type(1) .opt:nth-child(4) span`)),
				chromedp.Click(chromedp.CSS(`#questionnaire fieldset.q:nth-of-type(2) .opt:nth-child(5) span`)),
				chromedp.Click(chromedp.CSS(`#questionnaire .scale.enps .opt:nth-child(9) span`)),
				chromedp.SendKeys(chromedp.CSS(`#questionnaire textarea`), "Clearer priorities for the quarter would help."),
			)
			shot(t, ctx, engine+"-employee-questionnaire")
			navigate(t, ctx, chromedp.Click(chromedp.CSS("#submit-answers")), "/surveys")
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
			if got := text(t, ctx, ".flash.success"); !strings.Contains(got, "without your name") {
				t.Errorf("flash = %q", got)
			}
			if got := text(t, ctx, "#open-pulses"); !strings.Contains(strings.ToLower(got), "answered") {
				t.Errorf("after answering, the hub says %q", got)
			}
			shot(t, ctx, engine+"-employee-answered")
			// The pulse cannot be answered again.
			do(t, ctx, chromedp.Navigate(app.URL+"/surveys"), chromedp.WaitVisible(chromedp.CSS("#closed-pulses")))
			href := eval[string](t, ctx, `document.querySelector("#closed-pulses a").getAttribute("href")`)
			// Open the latest results: an employee sees the organization-wide summary.
			do(t, ctx, chromedp.Navigate(app.URL+href), chromedp.WaitVisible(chromedp.CSS("#summary-only")))
			if got := text(t, ctx, "#headline"); !strings.Contains(strings.ToLower(got), "engagement") {
				t.Errorf("employee results headline = %q", got)
			}
			shot(t, ctx, engine+"-employee-results-summary")
		})
	}
}

// A manager opens their team's results from the home page; the chief executive, whose
// own team (the department heads, one per department) is hidden, sees the suppression
// message instead.
func TestManagerSeesTeamResultsOrSuppression(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := browser(t)
			app := startApp(t, engine)
			signIn(t, ctx, app, app.Logins["manager"][0], app.Password)
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#team-engagement")))
			shot(t, ctx, engine+"-manager-home-engagement")
			click(t, ctx, "#team-results-link")
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#view-title")))
			shown := eval[bool](t, ctx, `!!document.querySelector("#headline")`)
			hidden := eval[bool](t, ctx, `!!document.querySelector("#results-hidden")`)
			if shown == hidden {
				t.Fatalf("team results: headline %v, hidden message %v; want exactly one", shown, hidden)
			}
			if shown {
				if got := text(t, ctx, "#headline"); !strings.Contains(strings.ToLower(got), "responses") {
					t.Errorf("headline %q", got)
				}
				do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#action-plans")))
			}
			shot(t, ctx, engine+"-manager-team-results")
			// The team's action plan, when the demo gave it one.
			if eval[bool](t, ctx, `!!document.querySelector('#action-plans a[href^="/plans/"]')`) {
				click(t, ctx, `#action-plans a[href^="/plans/"]`)
				do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#plan-items")))
				shot(t, ctx, engine+"-manager-action-plan")
			}

			// The chief executive's own team is hidden.
			click(t, ctx, ".sidebar form button")
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#login")))
			signIn(t, ctx, app, app.Logins["executive"][0], app.Password)
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#team-hidden")))
			if got := text(t, ctx, "#team-hidden"); !strings.Contains(got, "fewer than 5") {
				t.Errorf("suppression message = %q", got)
			}
			click(t, ctx, "#team-results-link")
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#results-hidden")))
			if got := text(t, ctx, "#results-hidden"); !strings.Contains(got, "fewer than 5") {
				t.Errorf("results page suppression = %q", got)
			}
			shot(t, ctx, engine+"-executive-team-hidden")
		})
	}
}

// hr walks through the engagement pages: the hub, a survey, the results heatmaps, an
// action plan, the question bank, the new-survey form, the help page and an invitation
// link answered without an account.
func TestEngagementPagesForHR(t *testing.T) {
	ctx := browser(t)
	app := startApp(t, engines()[0])
	signIn(t, ctx, app, app.Logins["hr"][0], app.Password)
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#home-grid")))
	do(t, ctx, chromedp.Navigate(app.URL+"/surveys"), chromedp.WaitVisible(chromedp.CSS("#surveys")))
	shot(t, ctx, "hr-engagement-hub")
	click(t, ctx, "#surveys tbody a")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#scorecard-feed")))
	if got := text(t, ctx, "#scorecard-feed"); !strings.Contains(got, "Insufficient") || !strings.Contains(got, "Recorded") {
		t.Errorf("scorecard feed = %.200q", got)
	}
	shot(t, ctx, "hr-survey")
	results := eval[string](t, ctx, `document.querySelector('#rounds a[href$="/results"]').getAttribute("href")`)
	for _, p := range []struct{ query, sel, name string }{
		{"", "#headline", "hr-results-organization"},
		{"?group_by=department", "#heatmap", "hr-results-heatmap-department"},
		{"?group_by=team", "#heatmap", "hr-results-heatmap-team"},
		{"?group_by=location", "#heatmap", "hr-results-heatmap-location"},
	} {
		do(t, ctx, chromedp.Navigate(app.URL+results+p.query), chromedp.WaitVisible(chromedp.CSS(p.sel)))
		shot(t, ctx, p.name)
	}
	// The team heatmap marks hidden rows.
	if got := text(t, ctx, "#heatmap-card"); !strings.Contains(got, "Hatched rows are hidden") {
		t.Errorf("heatmap card = %.200q", got)
	}
	// An action plan from the demo.
	do(t, ctx, chromedp.Navigate(app.URL+results+"?group_by=team"), chromedp.WaitReady(chromedp.CSS("body")))
	plan := eval[string](t, ctx, `(() => { const a = [...document.querySelectorAll('#heatmap a')].map(x => x.getAttribute('href')); return a.length ? a[0] : ""; })()`)
	if plan != "" {
		do(t, ctx, chromedp.Navigate(app.URL+plan), chromedp.WaitVisible(chromedp.CSS("#view-title")))
		shot(t, ctx, "hr-results-team")
	}
	do(t, ctx, chromedp.Navigate(app.URL+"/surveys/questions"), chromedp.WaitVisible(chromedp.CSS("#add-question")))
	shot(t, ctx, "hr-question-bank")
	do(t, ctx, chromedp.Navigate(app.URL+"/surveys/new"), chromedp.WaitVisible(chromedp.CSS("#survey-form")))
	shot(t, ctx, "hr-new-survey")
	do(t, ctx, chromedp.Navigate(app.URL+"/help/anonymity"), chromedp.WaitVisible(chromedp.CSS("#anonymity-rule")))
	shot(t, ctx, "help-anonymity")

	// Invitation links for the open pulse, then one answered without an account.
	do(t, ctx, chromedp.Navigate(app.URL+"/surveys/1"), chromedp.WaitVisible(chromedp.CSS("#rounds")))
	openID := eval[string](t, ctx, `(() => { const f = document.querySelector('#rounds form[action$="/invitations"]'); return f ? f.getAttribute('action') : ""; })()`)
	if openID == "" {
		t.Fatal("no open pulse to make links for")
	}
	csv := eval[string](t, ctx, `fetch("`+openID+`", {method: "POST", body: new URLSearchParams({survey: "1"})}).then(r => r.text())`, chromedp.EvalAwaitPromise)
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "employee_id,name,email,link") {
		t.Fatalf("links file: %.200q", csv)
	}
	click(t, ctx, ".sidebar form button")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#login")))
	// The file has a link for everyone invited, so it does not tell who answered; the
	// demo's early answerers see "already answered". Take the first link still open.
	link := ""
	for _, line := range lines[1:] {
		l := line[strings.LastIndex(line, ",")+1:]
		do(t, ctx, chromedp.Navigate(l), chromedp.WaitReady(chromedp.CSS("body")))
		if eval[bool](t, ctx, `document.querySelector('#questionnaire') !== null`) {
			link = l
			break
		}
	}
	if link == "" {
		t.Fatal("every invitation link is for someone who already answered")
	}
	shot(t, ctx, "invite-questionnaire")
	do(t, ctx, chromedp.Click(chromedp.CSS(`#questionnaire fieldset.q:nth-of-type(1) .opt:nth-child(2) span`)))
	click(t, ctx, "#submit-answers")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#invite-done")))
	shot(t, ctx, "invite-done")
	// The link is used up.
	do(t, ctx, chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("#invite-message")))
	if got := text(t, ctx, "#invite-message"); !strings.Contains(got, "already been used") {
		t.Errorf("reused link: %q", got)
	}
}

// eval evaluates a script in the page and returns its result.
func eval[T any](t *testing.T, ctx context.Context, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("evaluate %.80s: %v", expr, err)
	}
	return v
}
