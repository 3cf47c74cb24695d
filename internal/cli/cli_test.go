package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"throughline/internal/dbtest"
)

func run(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), append([]string{"throughline"}, args...), func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestEveryCommandHasHelp(t *testing.T) {
	for _, c := range commands() {
		code, out, _ := run(t, nil, "", c.name, "--help")
		if code != 0 || !strings.Contains(out, "Usage: throughline "+c.name) {
			t.Errorf("%s --help: exit %d, output %q", c.name, code, out)
		}
	}
	if code, out, _ := run(t, nil, "", "--help"); code != 0 || !strings.Contains(out, "THROUGHLINE_DB") {
		t.Errorf("--help: exit %d, output %q", code, out)
	}
	if code, _, errs := run(t, nil, "", "frobnicate"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("unknown command: exit %d, %q", code, errs)
	}
}

func TestCommandsOnADatabase(t *testing.T) {
	for _, engine := range dbtest.EngineNames() {
		t.Run(engine, func(t *testing.T) {
			dir := t.TempDir()
			env := map[string]string{"THROUGHLINE_DB": dbtest.NewURL(t, engine)}
			if code, out, errs := run(t, env, "", "migrate", "status"); code != 0 || !strings.Contains(out, "up to date") {
				t.Fatalf("migrate status: %d %s %s", code, out, errs)
			}
			file := filepath.Join(dir, "people.csv")
			if err := os.WriteFile(file, []byte(dbtest.SmallOrg), 0o644); err != nil {
				t.Fatal(err)
			}
			if code, out, errs := run(t, env, "", "import", "people", file, "--dry-run"); code != 0 || !strings.Contains(out, "Dry run: 9 rows: 9 created") {
				t.Fatalf("dry run: %d %q %q", code, out, errs)
			}
			if code, out, errs := run(t, env, "", "import", "people", file); code != 0 || !strings.Contains(out, "9 created") {
				t.Fatalf("import: %d %q %q", code, out, errs)
			}
			bad := filepath.Join(dir, "bad.csv")
			_ = os.WriteFile(bad, []byte("employee_id,name,email,manager_id\nE10,New Person,new@example.org,E99\n"), 0o644)
			if code, _, errs := run(t, env, "", "import", "people", bad); code != 1 || !strings.Contains(errs, "line 2: manager_id: Unknown manager \"E99\"") {
				t.Errorf("bad file: exit %d, %q", code, errs)
			}
			code, out, _ := run(t, env, "", "export", "people")
			if code != 0 || !strings.HasPrefix(out, "employee_id,name,email,title") || strings.Count(out, "\n") != 10 {
				t.Errorf("export: %d %q", code, out)
			}
			if code, out, errs := run(t, env, "s3cret-enough-pw\n", "user", "create", "ops@example.org", "--role", "admin", "--password-stdin"); code != 0 || !strings.Contains(out, "Created ops@example.org") || strings.Contains(out, "Password:") {
				t.Errorf("user create: %d %q %q", code, out, errs)
			}
			if code, out, _ := run(t, env, "", "user", "set-password", "dee@example.org"); code != 0 || !strings.Contains(out, "Password: ") {
				t.Errorf("user set-password: %d %q", code, out)
			}
			if code, out, _ := run(t, env, "", "user", "set-role", "dee@example.org", "coach"); code != 0 || !strings.Contains(out, "is now Coach") {
				t.Errorf("user set-role: %d %q", code, out)
			}
			if code, _, errs := run(t, env, "", "user", "set-role", "dee@example.org", "emperor"); code != 1 || !strings.Contains(errs, "Choose a role") {
				t.Errorf("bad role: %d %q", code, errs)
			}
			if engine == "sqlite" {
				backup := filepath.Join(dir, "copy.db")
				if code, out, errs := run(t, env, "", "backup", backup); code != 0 || !strings.Contains(out, "Backed up") {
					t.Errorf("backup: %d %q %q", code, out, errs)
				}
				env2 := map[string]string{"THROUGHLINE_DB": backup}
				if code, out, _ := run(t, env2, "", "export", "people"); code != 0 || strings.Count(out, "\n") != 10 {
					t.Errorf("export from the backup: %d %q", code, out)
				}
			} else if code, _, errs := run(t, env, "", "backup", filepath.Join(dir, "x")); code != 1 || !strings.Contains(errs, "pg_dump") {
				t.Errorf("backup on postgres: %d %q", code, errs)
			}
		})
	}
}

func TestDemoCommand(t *testing.T) {
	env := map[string]string{"THROUGHLINE_DB": filepath.Join(t.TempDir(), "demo.db")}
	code, out, errs := run(t, env, "", "demo", "--people", "120", "--scenario", "maritime")
	if code != 0 || !strings.Contains(out, "Northwind Shipping, 120 people") || !strings.Contains(out, "manager") {
		t.Fatalf("demo: %d %q %q", code, out, errs)
	}
	if code, _, errs := run(t, env, "", "demo"); code != 1 || !strings.Contains(errs, "already has people") {
		t.Errorf("demo twice: %d %q", code, errs)
	}
	if code, _, errs := run(t, map[string]string{"THROUGHLINE_DB": filepath.Join(t.TempDir(), "x.db")}, "", "demo", "--scenario", "mining"); code != 1 || !strings.Contains(errs, "unknown scenario") {
		t.Errorf("unknown scenario: %d %q", code, errs)
	}
}
