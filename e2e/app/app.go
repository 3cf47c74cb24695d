// Package app starts the real program for the end-to-end tests: `throughline serve
// --demo` in-process on 127.0.0.1:0, with a fresh database of either engine.
package app

import (
	"bufio"
	"context"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"throughline/internal/cli"
	"throughline/internal/dbtest"
)

// App is a running Throughline.
type App struct {
	URL      string
	DB       string // the database URL, for tests that seed data directly
	Password string
	Logins   map[string][]string // role → logins, in the order printed
}

var loginLine = regexp.MustCompile(`^\s+(admin|executive|hr|manager|employee|coach)\s+(\S+@\S+)`)

// Start runs `throughline serve --demo` on a fresh database of the given engine, and
// stops it when the test ends.
func Start(t *testing.T, engine string) *App {
	t.Helper()
	dbURL := dbtest.NewURL(t, engine)
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	// Webhook receivers in the tests listen on loopback, which servers refuse by default.
	env := map[string]string{"THROUGHLINE_DEMO_PASSWORD": "purpose-first", "THROUGHLINE_LOG_LEVEL": "warn", "THROUGHLINE_WEBHOOK_ALLOW_PRIVATE": "1"}
	getenv := func(k string) string { return env[k] }
	done := make(chan int, 1)
	go func() {
		done <- cli.Run(ctx, []string{"throughline", "serve", "--addr", "127.0.0.1:0", "--db", dbURL, "--demo"}, getenv, strings.NewReader(""), pw, io.Discard)
		pw.Close()
	}()
	app := &App{Password: "purpose-first", Logins: map[string][]string{}, DB: dbURL}
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(pr)
		var once sync.Once
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "Throughline is running at ") {
				app.URL = strings.Fields(strings.TrimPrefix(line, "Throughline is running at "))[0]
			}
			if m := loginLine.FindStringSubmatch(line); m != nil {
				app.Logins[m[1]] = append(app.Logins[m[1]], m[2])
				if m[1] == "coach" {
					once.Do(func() { close(ready) })
				}
			}
		}
	}()
	select {
	case <-ready:
	case code := <-done:
		t.Fatalf("serve exited with %d before it was ready", code)
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start within 60 s")
	}
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Error("serve did not shut down within 30 s")
		}
	})
	return app
}
