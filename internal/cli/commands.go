package cli

import (
	"bufio"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"throughline/internal/csvio"
	"throughline/internal/demo"
	"throughline/internal/model"
)

func runMigrate(e *env, args []string) error {
	fs := e.flags("migrate", "status|up [--db URL]", "Show the database migrations, or apply the pending ones.")
	e.cfg.DatabaseFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (pos[0] != "status" && pos[0] != "up") {
		fs.Usage()
		return errUsage
	}
	db, _, err := e.open(pos[0] == "up")
	if err != nil && pos[0] == "up" {
		return err
	}
	if err != nil { // status works on a database with pending migrations
		if db, _, err = e.openRaw(); err != nil {
			return err
		}
	}
	defer db.Close()
	ms, err := db.Migrations(e.ctx)
	if err != nil {
		return err
	}
	pending := 0
	fmt.Fprintf(e.stdout, "Database: %s (%s)\n", db, db.Engine())
	for _, m := range ms {
		state := "applied " + time.Unix(m.AppliedAt, 0).UTC().Format(time.RFC3339)
		if m.Pending() {
			state = "pending"
			pending++
		}
		fmt.Fprintf(e.stdout, "  %04d %-30s %s\n", m.Version, m.Name, state)
	}
	if pending == 0 {
		fmt.Fprintln(e.stdout, "The database is up to date.")
	} else {
		fmt.Fprintf(e.stdout, "%d migration(s) pending; run \"throughline migrate up\".\n", pending)
	}
	return nil
}

func runBackup(e *env, args []string) error {
	fs := e.flags("backup", "FILE [--db URL]", "Write a consistent copy of a SQLite database while it stays in use.\nFor PostgreSQL use pg_dump (see the README).")
	e.cfg.DatabaseFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return errUsage
	}
	db, c, err := e.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	_ = c
	start := time.Now()
	if err := db.Backup(e.ctx, pos[0]); err != nil {
		return err
	}
	fi, err := os.Stat(pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Backed up %s to %s (%.1f MiB) in %s.\n", db, pos[0], float64(fi.Size())/(1<<20), time.Since(start).Round(time.Millisecond))
	return nil
}

func runImport(e *env, args []string) error {
	fs := e.flags("import", "people FILE [--dry-run] [--deactivate-missing] | --all FILE", "Import people from a CSV file (every line is checked first; one problem rejects the whole file),\nor, with --all, load a whole organization written by \"export --all\" into an empty database of either engine.")
	e.cfg.DatabaseFlag(fs)
	dry := fs.Bool("dry-run", false, "show what would change and change nothing")
	full := fs.Bool("deactivate-missing", false, "the file is complete: deactivate people who are not in it")
	all := fs.Bool("all", false, "load a dump written by export --all, and check every table's count and checksum")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *all {
		if len(pos) != 1 {
			fs.Usage()
			return errUsage
		}
		return importAll(e, pos[0])
	}
	if len(pos) != 2 || pos[0] != "people" {
		fs.Usage()
		return errUsage
	}
	f, err := os.Open(pos[1])
	if err != nil {
		return err
	}
	defer f.Close()
	db, c, err := e.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	batch, err := csvio.ReadPeople(f)
	if err != nil {
		return err
	}
	rep, err := c.ImportPeople(e.ctx, model.System, batch, model.PeopleImportOptions{DryRun: *dry, DeactivateMissing: *full, Filename: pos[1]})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, rep.Summary(), fmt.Sprintf("(%s)", time.Since(start).Round(time.Millisecond)))
	if *dry {
		for _, ch := range rep.Changes {
			line := "-"
			if ch.Line > 0 {
				line = fmt.Sprint(ch.Line)
			}
			fmt.Fprintf(e.stdout, "  line %-6s %-10s %-12s %s %s\n", line, ch.Kind, ch.EmployeeID, ch.Name, strings.Join(ch.Fields, ","))
		}
		if n := rep.Created + rep.Updated + rep.Deactivated; n > len(rep.Changes) {
			fmt.Fprintf(e.stdout, "  … and %d more\n", n-len(rep.Changes))
		}
	}
	return nil
}

func runExport(e *env, args []string) error {
	fs := e.flags("export", "people [--out FILE] | --all --out FILE", "Write every person as a CSV file that \"import people\" reads back,\nor, with --all, the whole organization (every table) for \"import --all\" on either engine.")
	e.cfg.DatabaseFlag(fs)
	out := fs.String("out", "", "write to this file instead of standard output")
	all := fs.Bool("all", false, "write every table, with row counts and checksums")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *all {
		if len(pos) != 0 || *out == "" {
			fs.Usage()
			return errUsage
		}
		return exportAll(e, *out)
	}
	if len(pos) != 1 || pos[0] != "people" {
		fs.Usage()
		return errUsage
	}
	db, c, err := e.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	people, err := c.ExportPeople(e.ctx, model.System)
	if err != nil {
		return err
	}
	w := e.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	return csvio.WritePeople(w, people)
}

func runDemo(e *env, args []string) error {
	fs := e.flags("demo", "[--people N] [--scenario NAME] [--seed N] [--db URL]", "Create a demo organization in an empty database.")
	e.cfg.DatabaseFlag(fs)
	people := fs.Int("people", 300, "headcount")
	scenario := fs.String("scenario", demo.DefaultScenario, "industry: "+strings.Join(demo.ScenarioNames, ", "))
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same organization")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	db, c, err := e.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	res, err := demo.Generate(e.ctx, c, demo.Options{Scenario: *scenario, People: *people, Seed: *seed, Password: e.cfg.DemoPassword,
		Progress: progressBar(e)})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "\n")
	fmt.Fprintf(e.stdout, "Created in %s.\n", time.Since(start).Round(time.Millisecond))
	printLogins(e.stdout, &res, e.cfg.DemoPassword)
	return nil
}

// progressBar draws a one-line progress bar on standard error.
func progressBar(e *env) func(stage string, done, total int) {
	return func(stage string, done, total int) {
		if total <= 0 {
			return
		}
		const width = 30
		n := done * width / total
		fmt.Fprintf(e.stderr, "\r%-14s [%s%s] %3d%%", stage, strings.Repeat("#", n), strings.Repeat(".", width-n), done*100/total)
	}
}

func runUser(e *env, args []string) error {
	const summary = `Manage sign-in accounts.

  user create EMAIL --role ROLE [--name NAME] [--password-stdin]
  user set-password EMAIL [--password-stdin]
  user set-role EMAIL ROLE

Without --password-stdin a random password is generated and printed.
Roles: admin, hr, executive, manager, employee, coach.`
	fs := e.flags("user", "create|set-password|set-role …", summary)
	e.cfg.DatabaseFlag(fs)
	role := fs.String("role", "", "role of a new account")
	name := fs.String("name", "", "display name of a new account")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		fs.Usage()
		return errUsage
	}
	db, c, err := e.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	password := func() (string, bool, error) {
		if *fromStdin {
			line, err := bufio.NewReader(e.stdin).ReadString('\n')
			if err != nil && line == "" {
				return "", false, errors.New("no password on standard input")
			}
			return strings.TrimRight(line, "\r\n"), false, nil
		}
		b := make([]byte, 15)
		_, _ = rand.Read(b)
		return strings.ToLower(base32.StdEncoding.EncodeToString(b)), true, nil
	}
	switch pos[0] {
	case "create":
		pw, generated, err := password()
		if err != nil {
			return err
		}
		a, err := c.CreateAccount(e.ctx, model.System, model.AccountInput{Login: pos[1], DisplayName: *name, Role: model.Role(*role), Password: pw})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Created %s (%s).\n", a.Login, a.Role.Label())
		if generated {
			fmt.Fprintf(e.stdout, "Password: %s\n", pw)
		}
	case "set-password":
		pw, generated, err := password()
		if err != nil {
			return err
		}
		a, err := c.AccountByLogin(e.ctx, model.System, pos[1])
		if err != nil {
			return err
		}
		if err := c.SetPassword(e.ctx, model.System, a.ID, pw); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Password set for %s; their sessions were signed out.\n", a.Login)
		if generated {
			fmt.Fprintf(e.stdout, "Password: %s\n", pw)
		}
	case "set-role":
		if len(pos) != 3 {
			fs.Usage()
			return errUsage
		}
		a, err := c.AccountByLogin(e.ctx, model.System, pos[1])
		if err != nil {
			return err
		}
		if err := c.SetRole(e.ctx, model.System, a.ID, model.Role(strings.ToLower(pos[2]))); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s is now %s.\n", a.Login, model.Role(strings.ToLower(pos[2])).Label())
	default:
		fs.Usage()
		return errUsage
	}
	return nil
}

func exportAll(e *env, path string) error {
	db, c, err := e.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	start := time.Now()
	sums, err := c.ExportAll(e.ctx, model.System, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return err
	}
	rows := 0
	for _, s := range sums {
		rows += s.Rows
	}
	fmt.Fprintf(e.stdout, "Exported %d tables, %d rows, from %s to %s in %s.\n", len(sums), rows, db, path, time.Since(start).Round(time.Millisecond))
	return nil
}

func importAll(e *env, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	db, c, err := e.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	checks, err := c.ImportAll(e.ctx, model.System, f)
	for _, ch := range checks {
		state := "ok"
		if !ch.Match {
			state = fmt.Sprintf("MISMATCH (dump %d rows %s…, here %d rows %s…)", ch.DumpRows, ch.DumpSHA[:12], ch.Rows, ch.SHA[:12])
		}
		fmt.Fprintf(e.stdout, "  %-28s %8d rows  %s…  %s\n", ch.Name, ch.Rows, ch.SHA[:12], state)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Loaded %d tables into %s in %s; every count and checksum matches the dump.\n", len(checks), db, time.Since(start).Round(time.Millisecond))
	return nil
}
