package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"throughline/internal/dbtest"
)

// TestMoveBetweenEngines exports a demo organization from SQLite and imports it into a
// fresh database of each engine: every table's count and checksum must match.
func TestMoveBetweenEngines(t *testing.T) {
	dir := t.TempDir()
	src := map[string]string{"THROUGHLINE_DB": filepath.Join(dir, "src.db")}
	if code, _, errs := run(t, src, "", "demo", "--people", "80"); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
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
