package cli

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"throughline/internal/core"
	"throughline/internal/demo"
	"throughline/internal/server"
	"throughline/internal/sso"
)

func runServe(e *env, args []string) error {
	fs := e.flags("serve", "[--addr ADDR] [--db URL] [--demo]", "Run the web application and the API. Migrates the database on start.")
	fs.StringVar(&e.cfg.Addr, "addr", e.cfg.Addr, "address to listen on (THROUGHLINE_ADDR)")
	e.cfg.DatabaseFlag(fs)
	withDemo := fs.Bool("demo", false, "on an empty database, create the demo organization first")
	scenario := fs.String("scenario", demo.DefaultScenario, "demo scenario: "+strings.Join(demo.ScenarioNames, ", "))
	people := fs.Int("people", 300, "demo headcount")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if err := e.cfg.Validate(); err != nil {
		return err
	}
	log := e.logger()
	if os.Getenv("GOMEMLIMIT") == "" {
		// A soft limit keeps the heap's garbage in check: the server holds kept pulse
		// rounds and stored views, and without a limit Go lets the heap grow to twice
		// what is live before it collects. GOMEMLIMIT overrides it.
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	db, c, err := e.open(true)
	if err != nil {
		return err
	}
	defer db.Close()

	var result *demo.Result
	if *withDemo {
		start := time.Now()
		res, err := demo.Generate(e.ctx, c, demo.Options{Scenario: *scenario, People: *people, Seed: 1, Password: e.cfg.DemoPassword})
		switch {
		case err == nil:
			result = &res
			log.Info("demo organization created", "scenario", *scenario, "people", res.People, "seconds", time.Since(start).Seconds())
		case errors.Is(err, demo.ErrNotEmpty):
			log.Info("the database already has an organization; --demo left it as it is")
		default:
			return err
		}
	}
	var provider *sso.Provider
	if e.cfg.OIDCIssuer != "" {
		provider = sso.New(sso.Config{Issuer: e.cfg.OIDCIssuer, ClientID: e.cfg.OIDCClientID, ClientSecret: e.cfg.OIDCClientSecret,
			RedirectURL: e.cfg.OIDCRedirectURL(), Name: e.cfg.OIDCName})
	}
	h, _, err := server.Handler(c, server.Options{Logger: log, CookieSecure: e.cfg.CookieSecure, TrustProxy: e.cfg.TrustProxy, SSO: provider})
	if err != nil {
		return err
	}
	go maintenance(e, c)
	// Scheduled work (pulses opening, reminders, closing, and the kinds other areas add)
	// is claimed from the jobs table: any number of servers may run this.
	go c.RunJobs(e.ctx, e.cfg.JobInterval)
	return server.Serve(e.ctx, e.cfg.Addr, h, log, func(a net.Addr) {
		url := "http://" + a.String()
		if tcp, ok := a.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
			url = fmt.Sprintf("http://localhost:%d", tcp.Port)
		}
		fmt.Fprintf(e.stdout, "Throughline is running at %s (database: %s)\n", url, db)
		if result != nil {
			printLogins(e.stdout, result, e.cfg.DemoPassword)
		}
	})
}

// maintenance removes expired sessions and stale rate-limit windows every hour. Any
// number of servers may run it: the deletes are idempotent.
func maintenance(e *env, c *core.Core) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if err := c.PurgeExpired(e.ctx); err != nil && e.ctx.Err() == nil {
			e.logger().Warn("purge expired sessions", "err", err.Error())
		}
		select {
		case <-e.ctx.Done():
			return
		case <-t.C:
		}
	}
}

func printLogins(w io.Writer, res *demo.Result, password string) {
	fmt.Fprintf(w, "\nDemo organization: %s, %d people.\nSign in with any of these accounts; the password is %q for all:\n\n", res.OrgName, res.People, password)
	for _, l := range res.Logins {
		fmt.Fprintf(w, "  %-10s %-38s %s (%s)\n", l.Role, l.Login, l.Name, l.Note)
	}
	fmt.Fprintln(w)
}

// defaultMemoryLimit is serve's soft memory limit unless GOMEMLIMIT sets another.
const defaultMemoryLimit = 256 << 20
