package e2e

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	. "throughline/e2e/app"
	"time"

	"github.com/chromedp/chromedp"
)

// A manager signs in, sees their team, searches the directory and signs out; a failed
// sign-in shows its message.
func TestManagerJourney(t *testing.T) {
	for _, engine := range Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := Browser(t)
			app := Start(t, engine)
			manager := app.Logins["manager"][0]

			// A wrong password shows the message and keeps the email.
			SignIn(t, ctx, app, manager, "not-the-password")
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#signin-error")))
			if got := Text(t, ctx, "#signin-error"); !strings.Contains(got, "incorrect") {
				t.Errorf("failed sign-in message = %q, want it to say the password is incorrect", got)
			}
			Shot(t, ctx, engine+"-signin-failed")

			SignIn(t, ctx, app, manager, app.Password)
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#my-team")))
			team := Text(t, ctx, "#my-team")
			if !strings.Contains(team, "Your team") || !strings.Contains(team, "direct report") {
				t.Errorf("home shows %q, want the manager's team", team)
			}
			Shot(t, ctx, engine+"-manager-home")

			// The team page lists the members with private fields (the manager's own line).
			Click(t, ctx, `#my-team a[href$="/team"]`)
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#team-members")))
			if got := strings.ToLower(Text(t, ctx, "#team-members thead")); !strings.Contains(got, "hire date") {
				t.Errorf("team header = %q, want hire dates for the manager's own team", got)
			}

			// Search the directory for the manager's own surname.
			surname := manager[strings.Index(manager, ".")+1 : strings.Index(manager, "@")]
			Do(t, ctx,
				chromedp.Navigate(app.URL+"/people"),
				chromedp.WaitVisible(chromedp.CSS("#q")),
				chromedp.SendKeys(chromedp.CSS("#q"), surname),
			)
			Navigate(t, ctx, chromedp.Click(chromedp.CSS(`form[role=search] button[type=submit]`)), "q="+surname)
			if got := strings.ToLower(Text(t, ctx, "#directory tbody")); !strings.Contains(got, surname) {
				t.Errorf("directory results %q do not contain %q", got, surname)
			}
			Shot(t, ctx, engine+"-directory-search")

			// Sign out.
			Click(t, ctx, ".sidebar form button")
			Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#login")))
			if got := Location(t, ctx); !strings.HasSuffix(got, "/signin") {
				t.Errorf("after signing out, URL = %s, want /signin", got)
			}
			// The session is gone: home sends us back to sign-in.
			Do(t, ctx, chromedp.Navigate(app.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#login")))
		})
	}
}

// The admin's home shows the organization's counts and the recent imports; the org
// chart renders.
func TestAdminPages(t *testing.T) {
	ctx := Browser(t)
	app := Start(t, Engines()[0])
	SignIn(t, ctx, app, app.Logins["admin"][0], app.Password)
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#org-stats")))
	if got := Text(t, ctx, "#imports-h"); !strings.Contains(got, "Recent imports") {
		t.Errorf("admin home: %q", got)
	}
	Shot(t, ctx, "admin-home")
	for _, p := range []struct{ path, sel, name string }{
		{"/org", "#org-chart", "org-chart"},
		{"/admin/accounts", "#accounts", "accounts"},
		{"/admin/import", "#upload-h", "import"},
		{"/account", "#tokens-h", "account"},
	} {
		Do(t, ctx, chromedp.Navigate(app.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.sel)))
		Shot(t, ctx, p.name)
	}

	// Webhooks: create a Slack endpoint (its secret shown once), send a test to a
	// receiver, and read the delivery log.
	got := make(chan string, 4)
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- r.Header.Get("X-Throughline-Event") + " " + string(b)
		_, _ = io.WriteString(w, "ok")
	}))
	defer rcv.Close()
	Do(t, ctx, chromedp.Navigate(app.URL+"/admin/webhooks"), chromedp.WaitVisible(chromedp.CSS("#webhook-form")))
	Shot(t, ctx, "webhooks-empty")
	Do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#wh-name"), "Slack #people-leaders"),
		chromedp.SendKeys(chromedp.CSS("#wh-url"), rcv.URL+"/services/T0/B0/demo"),
	)
	Submit(t, ctx, "#webhook-form")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#new-secret")))
	if s := Text(t, ctx, "#new-secret"); !strings.HasPrefix(s, "whsec_") {
		t.Errorf("the new endpoint's secret is %q", s)
	}
	Shot(t, ctx, "webhook-created")
	Click(t, ctx, "#send-test")
	select {
	case body := <-got:
		if !strings.HasPrefix(body, "webhook.test ") || !strings.Contains(body, `"text":"Test message from Throughline`) {
			t.Errorf("the receiver got %s", body)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the test message did not arrive within 20 s")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		Do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("h1")))
		if strings.Contains(Text(t, ctx, ".page-head"), "Delivered") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the delivery page does not say Delivered: %q", Text(t, ctx, ".page-head"))
		}
		time.Sleep(200 * time.Millisecond)
	}
	Shot(t, ctx, "webhook-delivery")
	for _, p := range []struct{ path, sel, name string }{
		{"/admin/webhook-deliveries", "#deliveries", "webhook-log"},
		{"/admin/webhooks", "#webhooks", "webhooks"},
	} {
		Do(t, ctx, chromedp.Navigate(app.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.sel)))
		Shot(t, ctx, p.name)
	}
	Click(t, ctx, "#webhooks a")
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#recent-deliveries")))
	Shot(t, ctx, "webhook")
}
