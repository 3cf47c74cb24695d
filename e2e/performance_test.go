package e2e

import (
	"context"
	"strings"
	"testing"
	. "throughline/e2e/app"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// printMedia switches the page to print styles (on) or back to screen (off).
func printMedia(on bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		media := ""
		if on {
			media = "print"
		}
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	})
}

// A middle manager opens their scorecard from the home page, sees the balance warning,
// drills into a purpose metric and reads why it matters and how the score was made.
func TestManagerOpensScorecard(t *testing.T) {
	for _, engine := range Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := Browser(t)
			app := Start(t, engine)
			SignInHome(t, ctx, app, app.Logins["manager"][0])
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#home-scorecard")))
			if got := Text(t, ctx, "#due"); !strings.Contains(got, "Write your self review") {
				t.Errorf("what's due = %q, want the self review of the open cycle", got)
			}
			Shot(t, ctx, engine+"-manager-home-performance")

			Click(t, ctx, `#home-scorecard a.btn`)
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#composite")))
			if got := Text(t, ctx, "#composite"); !strings.HasSuffix(strings.TrimSpace(got), "%") {
				t.Errorf("composite = %q, want a percentage", got)
			}
			if got := Text(t, ctx, "#balance-warning"); !strings.Contains(got, "Financial results are strong") {
				t.Errorf("balance warning = %q", got)
			}
			if got := Text(t, ctx, "#p-people"); !Has(got, "Why this matters") || !Has(got, "Engaged teams stay") {
				t.Errorf("people perspective %q lacks why its metrics matter", got)
			}
			Shot(t, ctx, engine+"-scorecard")
			if engine == Engines()[0] {
				Do(t, ctx, printMedia(true))
				Shot(t, ctx, "scorecard-print")
				Do(t, ctx, printMedia(false))
			}

			// Drill into employee engagement.
			Click(t, ctx, `#p-people a.metric-link`)
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#why-matters")))
			if got := Text(t, ctx, "#why-matters"); !Has(got, "Why this matters") || len(got) < 60 {
				t.Errorf("why it matters = %q", got)
			}
			if got := Text(t, ctx, "#formula"); !strings.Contains(got, "(value − floor) ÷ (target − floor)") || !strings.Contains(got, "= (") {
				t.Errorf("formula = %q, want the formula with the numbers", got)
			}
			if got := Text(t, ctx, "#observations"); !strings.Contains(got, "Pulse survey") && !strings.Contains(got, "CSV import") {
				t.Errorf("values behind it = %q, want their source", got)
			}
			Shot(t, ctx, engine+"-scorecard-metric")
		})
	}
}

// Another manager holds a check-in with a report: adds an action item, marks the
// meeting held, and finds the action carried into the next check-in.
func TestManagerCarriesCheckinAction(t *testing.T) {
	for _, engine := range Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := Browser(t)
			app := Start(t, engine)
			SignInHome(t, ctx, app, app.Logins["manager"][1])
			Do(t, ctx, chromedp.Navigate(app.URL+"/checkins"), chromedp.WaitVisible(chromedp.CSS("#with-reports")))
			Shot(t, ctx, engine+"-checkins")
			Click(t, ctx, "#with-reports a.next-checkin")
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#agenda")))
			Shot(t, ctx, engine+"-checkin")

			action := "Write up the cold-storage pilot " + time.Now().Format("150405")
			Do(t, ctx,
				chromedp.SendKeys(chromedp.CSS("#point-text"), "How the pilot went"),
			)
			Navigate(t, ctx, chromedp.Click(chromedp.CSS("#add-point")), "#agenda")
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#action-text")), chromedp.SendKeys(chromedp.CSS("#action-text"), action))
			Navigate(t, ctx, chromedp.Click(chromedp.CSS("#add-action")), "#actions")
			if got := Text(t, ctx, "#actions"); !strings.Contains(got, action) {
				t.Fatalf("actions = %q, want the new one", got)
			}
			Do(t, ctx, chromedp.SendKeys(chromedp.CSS("#private_note"), "Only mine: ask about the move."))
			Navigate(t, ctx, chromedp.Click(chromedp.CSS("#save-private")), "#private-note")
			before := Location(t, ctx)
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#complete-checkin"))); err != nil && !strings.Contains(err.Error(), "navigated or closed") {
				t.Fatal(err)
			}
			deadline := time.Now().Add(10 * time.Second)
			for Location(t, ctx) == before && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond)
			}
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#actions")))
			got := Text(t, ctx, "#actions")
			if !strings.Contains(got, action) || !strings.Contains(got, "carried from") {
				t.Errorf("next check-in's actions = %q, want %q carried forward", got, action)
			}
			if note := Text(t, ctx, "#private_note"); strings.Contains(note, "Only mine") {
				t.Errorf("the next check-in shows the last one's private note: %q", note)
			}
			Shot(t, ctx, engine+"-checkin-carried")
		})
	}
}

// hr's view of every performance page renders; each is kept as a screenshot.
func TestPerformancePages(t *testing.T) {
	ctx := Browser(t)
	app := Start(t, Engines()[0])
	SignInHome(t, ctx, app, app.Logins["hr"][0])
	for _, p := range []struct{ path, sel, name string }{
		{"/scorecards", "#scorecards", "scorecards"},
		{"/scorecards?warnings=1", "#scorecards", "scorecards-warnings"},
		{"/catalogue", "#g-financial", "catalogue"},
		{"/catalogue/1", "#values", "metric"},
		{"/catalogue/new", "#save-metric", "metric-new"},
		{"/catalogue/import", "#upload-h", "values-import"},
		{"/catalogue/settings", "#w-h", "scorecard-settings"},
		{"/help/scorecard", "#weights", "help-scorecard"},
		{"/reviews", "#cycles", "reviews"},
		{"/reviews/cycles/2", "#cycle-reviews", "review-cycle"},
		{"/reviews/1", "#section-scorecard", "review-closed"},
		{"/feedback", "#give", "feedback"},
	} {
		Do(t, ctx, chromedp.Navigate(app.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.sel)))
		Shot(t, ctx, p.name)
	}
	// A metric published without why it matters is refused, with the message on the field.
	Do(t, ctx, chromedp.Navigate(app.URL+"/catalogue/new"), chromedp.WaitVisible(chromedp.CSS("#name")),
		chromedp.SendKeys(chromedp.CSS("#name"), "Volunteer hours"),
		chromedp.SendKeys(chromedp.CSS("#target"), "40"), chromedp.SendKeys(chromedp.CSS("#floor"), "0"),
		chromedp.Click(chromedp.CSS(`input[name=perspective], #perspective`)),
		chromedp.SetValue(chromedp.CSS("#perspective"), "impact"),
		chromedp.Click(chromedp.CSS(`input[name=status][value=published]`)),
	)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#save-metric"))); err != nil && !strings.Contains(err.Error(), "navigated or closed") {
		t.Fatal(err)
	}
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#why-err")))
	if got := Text(t, ctx, "#why-err"); !strings.Contains(got, "cannot be published") {
		t.Errorf("why error = %q", got)
	}
	Shot(t, ctx, "metric-new-invalid")
	// The manager of the open review writes a self review.
	ctx2 := Browser(t)
	SignInHome(t, ctx2, app, app.Logins["manager"][0])
	Do(t, ctx2, chromedp.Navigate(app.URL+"/reviews"), chromedp.WaitVisible(chromedp.CSS("#own-reviews")))
	Click(t, ctx2, "#own-reviews tbody tr:first-child a")
	Do(t, ctx2, chromedp.WaitVisible(chromedp.CSS("#section-self")))
	Shot(t, ctx2, "review-self")
}
