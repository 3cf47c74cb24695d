package app

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"throughline/internal/dbtest"
)

// The browser side of the end-to-end tests: Chromium through chromedp, and the steps
// the tests take with it. Browser skips when no Chromium is installed, and fails
// instead when THROUGHLINE_E2E=1 (CI sets it). Set THROUGHLINE_SCREENSHOTS to a
// directory to keep a PNG of every page a test looks at.

// Browser returns a chromedp context for one test, or skips when there is no Chromium.
func Browser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, p := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if lp, err := exec.LookPath(p); err == nil {
			path = lp
			break
		}
	}
	if path == "" {
		if os.Getenv("THROUGHLINE_E2E") == "1" {
			t.Fatal("THROUGHLINE_E2E=1 but no Chromium is installed")
		}
		t.Skip("no Chromium installed; set THROUGHLINE_E2E=1 to make this a failure")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, chromedp.Headless,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	tctx, cancelC := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelC(); cancelB(); cancelA() })
	if err := chromedp.Do(tctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return tctx
}

// Engines are the databases the browser tests run on: SQLite, and PostgreSQL when set.
func Engines() []string { return dbtest.EngineNames() }

// Do runs steps and fails the test on error.
func Do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// Text returns the text of the first element matching sel.
func Text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// Location returns the current URL.
func Location(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Shot takes a full-page screenshot, checks that it is a real rendering (a PNG of some
// size), and keeps it when THROUGHLINE_SCREENSHOTS names a directory.
func Shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if len(png) < 8_000 || string(png[1:4]) != "PNG" {
		t.Fatalf("screenshot %s: %d bytes, not a rendered page", name, len(png))
	}
	if dir := os.Getenv("THROUGHLINE_SCREENSHOTS"); dir != "" {
		_ = os.MkdirAll(dir, 0o755)
		if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// SignIn signs in through the form.
func SignIn(t *testing.T, ctx context.Context, app *App, login, password string) {
	t.Helper()
	Do(t, ctx,
		chromedp.Navigate(app.URL+"/signin"),
		chromedp.WaitVisible(chromedp.CSS("#login")),
		chromedp.SendKeys(chromedp.CSS("#login"), login),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
	)
	Click(t, ctx, "#signin-submit")
}

// Click clicks an element that starts a navigation, and waits until the next page has
// replaced the current one.
func Click(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	NavigateBy(t, ctx, chromedp.Click(chromedp.CSS(sel)), "click "+sel)
}

// NavigateBy runs an action that makes the page navigate and waits for the new
// document: it marks the current window, and waits until the mark is gone.
func NavigateBy(t *testing.T, ctx context.Context, action chromedp.Action[chromedp.Void], what string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__tlOld = true`)); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if err := chromedp.Do(ctx, action); err != nil && !strings.Contains(err.Error(), "navigated or closed") {
		t.Fatalf("%s: %v", what, err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		old, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__tlOld === true && document.readyState !== "loading"`))
		if err == nil && !old {
			if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
				t.Fatalf("after %s: %v", what, err)
			}
			return
		}
		time.Sleep(30 * time.Millisecond)
	}
	t.Fatalf("%s: the page did not navigate within 15 s", what)
}

// WaitURL waits until the current URL contains want.
func WaitURL(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := Location(t, ctx)
		if strings.Contains(got, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("URL is %s, want it to contain %q", got, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Navigate runs an action that makes the page navigate (a click on a submit button) and
// waits for the new page, whose URL must contain want.
func Navigate(t *testing.T, ctx context.Context, action chromedp.Action[chromedp.Void], want string) {
	t.Helper()
	NavigateBy(t, ctx, action, "navigate to "+want)
	WaitURL(t, ctx, want)
}

// Submit submits a form by script (no pointer involved, so no layout shift can send the
// Click elsewhere), and waits for the next page.
func Submit(t *testing.T, ctx context.Context, formSel string) {
	t.Helper()
	NavigateBy(t, ctx, chromedp.Submit(chromedp.CSS(formSel)), "submit "+formSel)
}

func FormatInt(n int64) string { return strconv.FormatInt(n, 10) }

// Eval evaluates a script in the page and returns its result.
func Eval[T any](t *testing.T, ctx context.Context, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("evaluate %.80s: %v", expr, err)
	}
	return v
}

// Count returns the number of elements matching sel.
func Count(t *testing.T, ctx context.Context, sel string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// SignInHome signs in and waits for the home page, so the next navigation does not race
// the redirect.
func SignInHome(t *testing.T, ctx context.Context, app *App, login string) {
	t.Helper()
	SignIn(t, ctx, app, login, app.Password)
	Do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".sidebar")))
	WaitURL(t, ctx, app.URL+"/")
}

// Has reports whether s contains sub, ignoring case (headings are styled in capitals).
func Has(s, sub string) bool { return strings.Contains(strings.ToLower(s), strings.ToLower(sub)) }
