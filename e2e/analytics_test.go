package e2e

import (
	"strings"
	"testing"
	. "throughline/e2e/app"

	"github.com/chromedp/chromedp"
)

// An executive opens the dashboard, goes to the heatmaps, clicks a cell and sees the
// managers behind it, and opens one manager's index down to its inputs.
func TestExecutiveDashboardAndHeatmap(t *testing.T) {
	for _, engine := range Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := Browser(t)
			app := Start(t, engine)
			SignInHome(t, ctx, app, app.Logins["executive"][0])
			Click(t, ctx, `nav a[href="/analytics/dashboard"]`)
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#dash-stats")))
			if got := Text(t, ctx, "#dash-stats"); !Has(got, "Mean index") || !Has(got, "Objectives staffed") {
				t.Errorf("dashboard stats = %q", got)
			}
			if got := Text(t, ctx, "#dash-where"); !Has(got, "lagging") {
				t.Errorf("where purpose is not taking root = %q, want a lagging department", got)
			}
			if n := Count(t, ctx, "#dash-index svg, #dash-engagement svg"); n < 3 {
				t.Errorf("%d dashboard charts, want the index trend, its distribution and engagement", n)
			}
			Shot(t, ctx, engine+"-executive-dashboard")

			Click(t, ctx, `#dash-where a[href="/analytics/heatmap"]`)
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#heat-index svg")))
			if n := Count(t, ctx, ".heat-card"); n != 6 {
				t.Errorf("%d small multiples, want the index and five components", n)
			}
			Shot(t, ctx, engine+"-executive-heatmap")

			Click(t, ctx, `#heat-index svg a`)
			WaitURL(t, ctx, "/analytics/index?")
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#index-table")))
			if n := Count(t, ctx, "#index-table tbody tr"); n == 0 {
				t.Fatal("the cell lists no managers")
			}
			if got := Text(t, ctx, "h1"); !strings.Contains(got, ":") {
				t.Errorf("heading = %q, want the group's name", got)
			}
			Shot(t, ctx, engine+"-executive-cell-managers")

			Click(t, ctx, `#index-table tbody tr a[href^="/analytics/index/"]`)
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#components")))
			if got := Text(t, ctx, "#component-line_of_sight"); !Has(got, "Personal purpose statement") || !Has(got, "Formula") {
				t.Errorf("line of sight component = %q, want its inputs and formula", got)
			}
			Shot(t, ctx, engine+"-executive-manager-index")
		})
	}
}

// hr opens the calibration grid for the open review cycle, records a rating with a
// reason, and finds it in the grid; then opens a completed program's measured impact
// from the program's page.
func TestHRCalibratesAManager(t *testing.T) {
	for _, engine := range Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := Browser(t)
			app := Start(t, engine)
			SignInHome(t, ctx, app, app.Logins["hr"][0])
			Click(t, ctx, `nav a[href="/analytics/calibration"]`)
			cycle := Eval[string](t, ctx, `[...document.querySelectorAll('#cycle option')].find(o => o.textContent.includes('open'))?.value || ''`)
			if cycle == "" {
				t.Fatal("no open review cycle to choose")
			}
			Do(t, ctx, chromedp.SetValue(chromedp.CSS("#cycle"), cycle))
			Submit(t, ctx, `form[action="/analytics/calibration"][method="get"]`)
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".calibration-grid")))
			Shot(t, ctx, engine+"-hr-calibration")
			Click(t, ctx, `.cg-cell a[href*="person="]`)
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#calibrate")))
			person := Eval[string](t, ctx, `document.querySelector('#person_id').value`)
			if person == "" {
				t.Fatal("the form does not start with the chosen person")
			}
			Do(t, ctx,
				chromedp.SetValue(chromedp.CSS("#rating"), "4"),
				chromedp.SendKeys(chromedp.CSS("#reason"), "Results held while the team's purpose work took hold."))
			Submit(t, ctx, `#calibrate form`)
			if got := Text(t, ctx, ".flash"); !Has(got, "Exceeding expectations") {
				t.Errorf("flash = %q", got)
			}
			if got := Text(t, ctx, "#person-"+person); !Has(got, "rated 4") {
				t.Errorf("the grid shows %q for the person", got)
			}

			// The completed program's measured impact, from its page.
			Click(t, ctx, `nav a[href="/development/programs"]`)
			href := Eval[string](t, ctx, `[...document.querySelectorAll('a[href^="/development/programs/"]')].find(a => a.textContent.includes('Purpose Discovery'))?.getAttribute('href') || ''`)
			if href == "" {
				t.Fatal("no Purpose Discovery program listed")
			}
			Click(t, ctx, `a[href="`+href+`"]`)
			Click(t, ctx, "#program-impact")
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#impact-chart svg")))
			if got := Text(t, ctx, "#outcome-upward"); !Has(got, "+0.") {
				t.Errorf("upward ratings outcome = %q, want a modest positive estimate", got)
			}
			if got := Text(t, ctx, "#impact-outcomes"); !Has(got, "Index without development") {
				t.Errorf("outcomes = %q", got)
			}
			Shot(t, ctx, engine+"-hr-program-impact")
		})
	}
}
