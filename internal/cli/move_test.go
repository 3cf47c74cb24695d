package cli

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// webhookRows gives the database an endpoint with a delivered test event, so the
// move carries rows of every webhook table.
func webhookRows(t *testing.T, url string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer rcv.Close()
	c := dbtest.NewCore(db)
	w, _, err := c.CreateWebhook(ctx, model.System, model.WebhookInput{Name: "Moved", URL: rcv.URL, Format: model.FormatJSON, Events: []string{model.EventReviewDue}, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.SendTestWebhook(ctx, model.System, w.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RunDueJobs(ctx, "move-test"); err != nil {
		t.Fatal(err)
	}
}

// TestMoveBetweenEngines exports a demo organization from SQLite and imports it into a
// fresh database of each engine: every table's count and checksum must match.
func TestMoveBetweenEngines(t *testing.T) {
	dir := t.TempDir()
	src := map[string]string{"THROUGHLINE_DB": filepath.Join(dir, "src.db")}
	if code, _, errs := run(t, src, "", "demo", "--people", "80"); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	webhookRows(t, src["THROUGHLINE_DB"])
	dump := filepath.Join(dir, "org.dump")
	code, out, errs := run(t, src, "", "export", "--all", "--out", dump)
	if code != 0 || !strings.Contains(out, "Exported") {
		t.Fatalf("export --all: %d %s %s", code, out, errs)
	}
	for _, engine := range dbtest.EngineNames() {
		t.Run(engine, func(t *testing.T) {
			dst := map[string]string{"THROUGHLINE_DB": dbtest.NewURL(t, engine)}
			code, out, errs := run(t, dst, "", "import", "--all", dump)
			if code != 0 || !strings.Contains(out, "every count and checksum matches") {
				t.Fatalf("import --all into %s: %d\n%s\n%s", engine, code, out, errs)
			}
			for _, table := range []string{"webhooks", "webhook_events", "webhook_deliveries", "webhook_attempts"} {
				if !regexp.MustCompile(`(?m)^\s*` + table + `\s+[1-9]`).MatchString(out) {
					t.Errorf("the move does not carry rows of %s:\n%s", table, out)
				}
			}
			if !strings.Contains(out, "people ") || strings.Contains(out, "MISMATCH") {
				t.Errorf("checks:\n%s", out)
			}
			// The moved organization works: its people export matches the source's.
			_, a, _ := run(t, src, "", "export", "people")
			_, b, _ := run(t, dst, "", "export", "people")
			if a != b {
				t.Error("the people export differs after the move")
			}
			// New rows get fresh ids (sequences moved past the loaded ones).
			if code, _, errs := run(t, dst, "another long pw\n", "user", "create", "new@example.org", "--role", "hr", "--password-stdin"); code != 0 {
				t.Errorf("a new account after the move: %s", errs)
			}
			// Loading twice is refused: the database is no longer empty.
			if code, _, errs := run(t, dst, "", "import", "--all", dump); code == 0 || !strings.Contains(errs, "empty database") {
				t.Errorf("second load: %d %s", code, errs)
			}
		})
	}
}
