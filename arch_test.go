package throughline_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestArrows keeps the dependency arrows of ARCHITECTURE.md: pages, API, CSV and demo
// go through core; core is the only caller of store; the pure packages import only the
// standard library and model.
func TestArrows(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "./internal/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "throughline/internal/"
	forbidden := map[string][]string{
		"web":     {"store", "dbtest"},
		"api":     {"store", "dbtest"},
		"csvio":   {"store", "core", "dbtest"},
		"demo":    {"store", "dbtest"},
		"model":   {"*"},
		"score":   {"*"},
		"stats":   {"*"},
		"chart":   {"*"},
		"store":   {"core", "web", "api", "cli", "server"},
		"core":    {"web", "api", "cli", "server", "csvio", "demo"},
		"httpx":   {"core", "store", "web", "api"},
		"webhook": {"core", "store", "web", "api", "cli", "server", "httpx"},
		"config":  {"*"},
	}
	pure := map[string]bool{"model": true, "score": true, "stats": true, "chart": true, "config": true}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(fields[0], mod)
		top, _, _ := strings.Cut(pkg, "/")
		for _, imp := range fields[1:] {
			if pure[top] {
				if strings.Contains(strings.Split(imp, "/")[0], ".") {
					t.Errorf("%s imports %s; it may import only the standard library and model", pkg, imp)
				}
				if strings.HasPrefix(imp, mod) && imp != mod+"model" {
					t.Errorf("%s imports %s; it may import only the standard library and model", pkg, imp)
				}
				continue
			}
			for _, f := range forbidden[top] {
				if imp == mod+f || strings.HasPrefix(imp, mod+f+"/") {
					t.Errorf("%s imports %s, against the arrows of ARCHITECTURE.md", pkg, imp)
				}
			}
		}
	}
}
