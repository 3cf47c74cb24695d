// Package cli holds Throughline's subcommands. It is the only place that wires the
// packages together: configuration, the store, core, the server and the generators.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"sort"
	"strings"

	"throughline/internal/config"
	"throughline/internal/core"
	"throughline/internal/model"
	"throughline/internal/store"
	"throughline/internal/webhook"
)

// Version is set at build time with -ldflags "-X throughline/internal/cli.Version=…".
var Version = ""

// env is what every command gets.
type env struct {
	ctx    context.Context
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	cfg    config.Config
}

type command struct {
	name, args, summary string
	run                 func(e *env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "[--addr ADDR] [--db URL] [--demo]", "Run the web application and the API.", runServe},
		{"migrate", "status|up [--db URL]", "Show or apply database migrations.", runMigrate},
		{"import", "people FILE [--dry-run] [--deactivate-missing] | --all FILE", "Import people from CSV, or a whole organization.", runImport},
		{"export", "people [--out FILE] | --all --out FILE", "Write people as CSV, or the whole organization.", runExport},
		{"demo", "[--people N] [--scenario NAME] [--seed N]", "Fill an empty database with a demo organization.", runDemo},
		{"user", "create|set-password|set-role …", "Manage sign-in accounts.", runUser},
		{"backup", "FILE [--db URL]", "Write an online copy of a SQLite database.", runBackup},
		{"bench", "[--db URL] [--people N] [--json FILE] …", "Measure speed and memory against the engine's limits.", runBench},
		{"version", "", "Print the version.", runVersion},
	}
}

// errUsage means the command line was wrong; the usage has been printed.
var errUsage = errors.New("usage")

// Run runs the command line and returns the process exit code.
func Run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := config.Load(getenv)
	if err != nil {
		fmt.Fprintln(stderr, "throughline:", err)
		return 2
	}
	e := &env{ctx: ctx, getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr, cfg: cfg}
	if len(args) < 2 || args[1] == "-h" || args[1] == "--help" || args[1] == "help" {
		usage(stdout)
		if len(args) < 2 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name == args[1] {
			err := c.run(e, args[2:])
			switch {
			case err == nil:
				return 0
			case errors.Is(err, errUsage), errors.Is(err, flag.ErrHelp):
				if errors.Is(err, flag.ErrHelp) {
					return 0
				}
				return 2
			}
			fmt.Fprintln(stderr, "throughline "+c.name+":", describe(err))
			return 1
		}
	}
	fmt.Fprintf(stderr, "throughline: unknown command %q\n\n", args[1])
	usage(stderr)
	return 2
}

// describe turns an error into text for the terminal, with line errors one per line.
func describe(err error) string {
	var ie *model.ImportError
	if errors.As(err, &ie) {
		var b strings.Builder
		fmt.Fprintf(&b, "the file was not imported; nothing was changed. %d problem(s):", len(ie.Lines))
		for _, l := range ie.Lines {
			b.WriteString("\n  ")
			b.WriteString(l.String())
		}
		return b.String()
	}
	var me *model.Error
	if errors.As(err, &me) && me.Code != model.CodeInternal {
		msg := me.Message
		keys := make([]string, 0, len(me.Fields))
		for k := range me.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			msg += "\n  " + k + ": " + me.Fields[k]
		}
		return msg
	}
	return err.Error()
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Throughline grows purpose-driven leaders in middle management.")
	fmt.Fprintln(w, "\nUsage: throughline COMMAND [options]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %-48s %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"throughline COMMAND --help\" for a command's options.\n\nEnvironment:")
	for _, v := range config.Vars {
		def := v.Default
		if def == "" {
			def = "(unset)"
		}
		fmt.Fprintf(w, "  %-26s %s Default: %s\n", v.Env, v.Help, def)
	}
}

// flags returns a FlagSet that prints its usage to stdout and does not exit.
func (e *env) flags(name, args, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "Usage: throughline %s %s\n\n%s\n\nOptions:\n", name, args, summary)
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		fs.SetOutput(e.stderr)
	}
	return fs
}

// parse parses args, allowing flags after positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func (e *env) logger() *slog.Logger {
	level, _ := e.cfg.Level()
	opts := &slog.HandlerOptions{Level: level}
	if e.cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(e.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(e.stderr, opts))
}

// open connects to the database and, when migrate is set, applies pending migrations.
func (e *env) open(migrate bool) (*store.DB, *core.Core, error) {
	db, err := store.Open(e.ctx, e.cfg.DatabaseURL)
	if err != nil {
		return nil, nil, err
	}
	if migrate {
		if _, err := db.Migrate(e.ctx); err != nil {
			db.Close()
			return nil, nil, err
		}
	} else if ok, err := db.Current(e.ctx); err != nil || !ok {
		db.Close()
		if err == nil {
			err = errors.New("the database has pending migrations; run \"throughline migrate up\" (serve does it on start)")
		}
		return nil, nil, err
	}
	c := core.New(db, e.coreOptions())
	return db, c, nil
}

func runVersion(e *env, args []string) error {
	fs := e.flags("version", "", "Print the version of this binary.")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	v := Version
	if v == "" {
		v = "dev"
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 12 {
					v = "dev-" + s.Value[:12]
				}
			}
		}
	}
	fmt.Fprintln(e.stdout, "throughline", v)
	return nil
}

// coreOptions are the options of the application core, from the configuration.
func (e *env) coreOptions() core.Options {
	return core.Options{Logger: e.logger(), SessionTTL: e.cfg.SessionTTL, BaseURL: e.cfg.BaseURL,
		Webhooks: webhook.SenderOptions{AllowPrivate: e.cfg.WebhookAllowPrivate}}
}

// openRaw connects without checking migrations.
func (e *env) openRaw() (*store.DB, *core.Core, error) {
	db, err := store.Open(e.ctx, e.cfg.DatabaseURL)
	if err != nil {
		return nil, nil, err
	}
	return db, core.New(db, e.coreOptions()), nil
}
