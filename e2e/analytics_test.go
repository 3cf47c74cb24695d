package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// An executive opens the dashboard, goes to the heatmaps, clicks a cell and sees the
// managers behind it, and opens one manager's index down to its inputs.
func TestExecutiveDashboardAndHeatmap(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := browser(t)
			app := startApp(t, engine)
			signInHome(t, ctx, app, app.Logins["executive"][0])
			click(t, ctx, `nav a[href="/analytics/dashboard"]`)
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#dash-stats")))
			if got := text(t, ctx, "#dash-stats"); !has(got, "Mean index") || !has(got, "Objectives staffed") {
				t.Errorf("dashboard stats = %q", got)
			}
			if got := text(t, ctx, "#dash-where"); !has(got, "lagging") {
				t.Errorf("where purpose is not taking root = %q, want a lagging department", got)
			}
			if n := count(t, ctx, "#dash-index svg, #dash-engagement svg"); n < 3 {
				t.Errorf("%d dashboard charts, want the index trend, its distribution and engagement", n)
			}
			shot(t, ctx, engine+"-executive-dashboard")

			click(t, ctx, `#dash-where a[href="/analytics/heatmap"]`)
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#heat-index svg")))
			if n := count(t, ctx, ".heat-card"); n != 6 {
				t.Errorf("%d small multiples, want the index and five components", n)
			}
			shot(t, ctx, engine+"-executive-heatmap")

			click(t, ctx, `#heat-index svg a`)
			waitURL(t, ctx, "/analytics/index?")
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#index-table")))
			if n := count(t, ctx, "#index-table tbody tr"); n == 0 {
				t.Fatal("the cell lists no managers")
			}
			if got := text(t, ctx, "h1"); !strings.Contains(got, ":") {
				t.Errorf("heading = %q, want the group's name", got)
			}
			shot(t, ctx, engine+"-executive-cell-managers")

			click(t, ctx, `#index-table tbody tr a[href^="/analytics/index/"]`)
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#components")))
			if got := text(t, ctx, "#component-line_of_sight"); !has(got, "Personal purpose statement") || !has(got, "Formula") {
				t.Errorf("line of sight component = %q, want its inputs and formula", got)
			}
			shot(t, ctx, engine+"-executive-manager-index")
		})
	}
}

// hr opens the calibration grid for the open review cycle, records a rating with a
// reason, and finds it in the grid; then opens a completed program's measured impact
// from the program's page.
func TestHRCalibratesAManager(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := browser(t)
			app := startApp(t, engine)
			signInHome(t, ctx, app, app.Logins["hr"][0])
			click(t, ctx, `nav a[href="/analytics/calibration"]`)
			cycle := eval[string](t, ctx, `[...document.querySelectorAll('#cycle option')].find(o => o.textContent.includes('open'))?.value || ''`)
			if cycle == "" {
				t.Fatal("no open review cycle to choose")
			}
			do(t, ctx, chromedp.SetValue(chromedp.CSS("#cycle"), cycle))
			submit(t, ctx, `form[action="/analytics/calibration"][method="get"]`)
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".calibration-grid")))
			shot(t, ctx, engine+"-hr-calibration")
			click(t, ctx, `.cg-cell a[href*="person="]`)
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#calibrate")))
			person := eval[string](t, ctx, `document.querySelector('#person_id').value`)
			if person == "" {
				t.Fatal("the form does not start with the chosen person")
			}
			do(t, ctx,
				chromedp.SetValue(chromedp.CSS("#rating"), "4"),
				chromedp.SendKeys(chromedp.CSS("#reason"), "Results held while the team's purpose work took hold."))
			submit(t, ctx, `#calibrate form`)
			if got := text(t, ctx, ".flash"); !has(got, "Exceeding expectations") {
				t.Errorf("flash = %q", got)
			}
			if got := text(t, ctx, "#person-"+person); !has(got, "rated 4") {
				t.Errorf("the grid shows %q for the person", got)
			}

			// The completed program's measured impact, from its page.
			click(t, ctx, `nav a[href="/development/programs"]`)
			href := eval[string](t, ctx, `[...document.querySelectorAll('a[href^="/development/programs/"]')].find(a => a.textContent.includes('Purpose Discovery'))?.getAttribute('href') || ''`)
			if href == "" {
				t.Fatal("no Purpose Discovery program listed")
			}
			click(t, ctx, `a[href="`+href+`"]`)
			click(t, ctx, "#program-impact")
			do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#impact-chart svg")))
			if got := text(t, ctx, "#outcome-upward"); !has(got, "+0.") {
				t.Errorf("upward ratings outcome = %q, want a modest positive estimate", got)
			}
			if got := text(t, ctx, "#impact-outcomes"); !has(got, "Index without development") {
				t.Errorf("outcomes = %q", got)
			}
			shot(t, ctx, engine+"-hr-program-impact")
		})
	}
}
