package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"
	. "throughline/e2e/app"

	"github.com/chromedp/chromedp"
)

// A manager adds a key result to a team goal, records progress on it, and sees the
// department goal above it move; an executive opens the unstaffed objectives.
func TestGoalsCascadeInTheBrowser(t *testing.T) {
	ctx := Browser(t)
	app := Start(t, Engines()[0])
	SignIn(t, ctx, app, app.Logins["manager"][0], app.Password)
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#home-purpose")))
	Shot(t, ctx, "purpose-manager-home")

	// The line of sight shows the purpose, objectives and the manager's goals.
	Do(t, ctx, chromedp.Navigate(app.URL+"/line-of-sight"), chromedp.WaitVisible(chromedp.CSS("#line-of-sight")))
	if got := Text(t, ctx, "#line-of-sight"); !strings.Contains(got, "PURPOSE") && !strings.Contains(got, "Purpose") {
		t.Errorf("line of sight: %.200s", got)
	}
	Shot(t, ctx, "line-of-sight")

	// Open the manager's first team goal that serves a department goal.
	Do(t, ctx, chromedp.Navigate(app.URL+"/goals?view=mine"), chromedp.WaitVisible(chromedp.CSS("#goal-list")))
	Shot(t, ctx, "goals")
	// The first of the manager's goals that has a parent goal (without waiting for one
	// on goals that have none).
	goals := Eval[[]string](t, ctx, `[...document.querySelectorAll('#goal-list tbody tr a[href^="/goals/"]')].map(a => a.getAttribute('href'))`)
	var goalURL, parent string
	for _, g := range goals {
		Do(t, ctx, chromedp.Navigate(app.URL+g), chromedp.WaitVisible(chromedp.CSS("#key-results")))
		if parent = Eval[string](t, ctx, `document.querySelector(".stat ul.plain a[href^='/goals/']")?.getAttribute('href') || ''`); parent != "" {
			goalURL = Location(t, ctx)
			break
		}
	}
	if goalURL == "" {
		t.Fatalf("none of the manager's %d goals serves a parent goal", len(goals))
	}
	before := parentProgress(t, ctx, app.URL+parent)

	// Add a measured key result and complete it.
	Do(t, ctx, chromedp.Navigate(goalURL), chromedp.WaitVisible(chromedp.CSS("details.add-kr summary")))
	Do(t, ctx, chromedp.Click(chromedp.CSS("details.add-kr summary")),
		chromedp.SendKeys(chromedp.CSS("#kr-title"), "Pilot fields signed up"),
		chromedp.SetValue(chromedp.CSS("#kr-start"), "0"),
		chromedp.SendKeys(chromedp.CSS("#kr-target"), "10"),
		chromedp.SendKeys(chromedp.CSS("#kr-unit"), "fields"))
	Submit(t, ctx, "#kr-form")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#kr-table")))
	if got := Text(t, ctx, "#kr-table"); !strings.Contains(got, "Pilot fields signed up") {
		t.Fatalf("the key result is not listed: %s", got)
	}
	// Record progress: the new key result is the last row.
	Do(t, ctx, chromedp.SetValue(chromedp.CSS("#kr-table tbody tr:last-child input[name=current]"), "10"))
	Submit(t, ctx, "#kr-table tbody tr:last-child form.inline-form")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".flash.success")))
	Shot(t, ctx, "goal-detail")
	after := parentProgress(t, ctx, app.URL+parent)
	if after <= before {
		t.Errorf("the parent goal's progress went from %d%% to %d%%; completing a key result should raise it", before, after)
	}

	// The executive sees the objective that no one works on.
	Click(t, ctx, ".sidebar form button")
	SignIn(t, ctx, app, app.Logins["executive"][0], app.Password)
	Do(t, ctx, chromedp.Navigate(app.URL+"/strategy"), chromedp.WaitVisible(chromedp.CSS("#unstaffed")))
	if got := Text(t, ctx, "#unstaffed"); !strings.Contains(got, "pollinators") {
		t.Errorf("unstaffed objectives: %s", got)
	}
	Shot(t, ctx, "strategy")
	Click(t, ctx, "#unstaffed a")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#unstaffed-notice")))
	Do(t, ctx, chromedp.Navigate(app.URL+"/purpose"), chromedp.WaitVisible(chromedp.CSS("#objectives")))
	Shot(t, ctx, "purpose")
	Do(t, ctx, chromedp.Navigate(app.URL+"/me/purpose"), chromedp.WaitVisible(chromedp.CSS("#alignment")))
	Shot(t, ctx, "my-purpose")
}

// parentProgress opens a goal page and reads its progress percentage.
func parentProgress(t *testing.T, ctx context.Context, url string) int {
	t.Helper()
	Do(t, ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("#goal-progress")))
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(Text(t, ctx, "#goal-progress")), "%"))
	if err != nil {
		t.Fatalf("progress of %s: %v", url, err)
	}
	return n
}
