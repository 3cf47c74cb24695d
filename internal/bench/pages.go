package bench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"throughline/internal/core"
	"throughline/internal/httpx"
	"throughline/internal/model"
	"throughline/internal/server"
	"throughline/internal/store"
)

// targets are the concrete ids the pages are driven with: several of each, rotated,
// so that no cache of one answer flatters the numbers.
type targets struct {
	managers []int64            // middle managers, spread over the organization
	pulses   []int64            // closed pulses, newest first
	logins   map[string][]login // by role: executive, hr, manager
}

type login struct {
	login    string
	personID int64
}

// spread picks up to n items evenly spaced through xs.
func spread[T any](xs []T, n int) []T {
	if len(xs) <= n {
		return xs
	}
	out := make([]T, 0, n)
	for i := range n {
		out = append(out, xs[i*len(xs)/n])
	}
	return out
}

func findTargets(ctx context.Context, c *core.Core) (targets, error) {
	db := c.DB()
	t := targets{logins: map[string][]login{}}
	mm, err := c.MiddleManagers(ctx, model.System, model.Page{Limit: 200})
	if err != nil {
		return t, err
	}
	for _, p := range mm.Items {
		t.managers = append(t.managers, p.ID)
	}
	t.managers = spread(t.managers, 8)
	if len(t.managers) == 0 {
		return t, errf("the organization has no middle managers")
	}
	rounds, err := c.ClosedPulses(ctx, model.System, 10)
	if err != nil {
		return t, err
	}
	for _, r := range rounds {
		t.pulses = append(t.pulses, r.ID)
	}
	t.pulses = spread(t.pulses, 4)
	if len(t.pulses) == 0 {
		return t, errf("the organization has no closed pulse")
	}
	// The sign-in accounts are those with a password: in a demo organization, exactly
	// the listed demo logins, all with the demo password.
	err = db.Read(ctx, func(tx *store.Tx) error {
		rows, err := tx.RawQuery(ctx, `SELECT login, role, COALESCE(person_id, 0) FROM accounts
			WHERE password_hash IS NOT NULL AND role IN ('executive', 'hr', 'manager') ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var l login
			var role string
			if err := rows.Scan(&l.login, &role, &l.personID); err != nil {
				return err
			}
			t.logins[role] = append(t.logins[role], l)
		}
		return rows.Err()
	})
	if err != nil {
		return t, err
	}
	for _, role := range []string{"executive", "hr", "manager"} {
		if len(t.logins[role]) == 0 {
			return t, errf("no %s account with a password: bench a demo organization (throughline demo) or give one a password", role)
		}
	}
	return t, nil
}

// endpoint is one page or API read, with the URLs its requests rotate through.
type endpoint struct {
	name, role string
	paths      []string
}

func endpoints(t targets) []endpoint {
	each := func(ids []int64, format string) []string {
		var out []string
		for _, id := range ids {
			out = append(out, fmt.Sprintf(format, id))
		}
		return out
	}
	return []endpoint{
		{"page home", "manager", []string{"/"}},
		{"page scorecard", "hr", each(t.managers, "/scorecards/%d")},
		{"page line of sight", "hr", each(t.managers, "/line-of-sight?person=%d")},
		{"page survey results", "hr", each(t.pulses, "/pulses/%d/results")},
		{"page survey heatmap", "hr", each(t.pulses, "/pulses/%d/results?group_by=team")},
		{"page index heatmap", "executive", []string{"/analytics/heatmap?by=department", "/analytics/heatmap?by=location", "/analytics/heatmap?by=level"}},
		{"page exec dashboard", "executive", []string{"/analytics/dashboard"}},
		{"page collab network", "executive", []string{"/network/org"}},
		{"api scorecard", "hr", each(t.managers, "/api/v1/scorecards/%d")},
		{"api line of sight", "hr", each(t.managers, "/api/v1/line-of-sight?person_id=%d")},
		{"api survey results", "hr", each(t.pulses, "/api/v1/pulses/%d/results")},
		{"api survey heatmap", "hr", each(t.pulses, "/api/v1/pulses/%d/results?group_by=team")},
		{"api index heatmap", "executive", []string{"/api/v1/analytics/heatmap?by=department", "/api/v1/analytics/heatmap?by=location", "/api/v1/analytics/heatmap?by=level"}},
		{"api exec dashboard", "executive", []string{"/api/v1/analytics/dashboard"}},
		{"api collab network", "executive", []string{"/api/v1/network/organization"}},
	}
}

// runPages starts the server, signs in one session per account, drives every
// endpoint, and reads the server's memory.
func runPages(ctx context.Context, c *core.Core, t targets, opts Options) ([]Measure, error) {
	srv, err := startServer(ctx, c, opts)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	client := &http.Client{Timeout: 2 * time.Minute, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	// Up to three sessions per role, from the accounts that sign in with the password;
	// in an organization that is not a demo, some accounts have passwords of their own.
	sessions := map[string][]string{}
	for role, ls := range t.logins {
		var firstErr error
		for _, l := range ls[:min(len(ls), 5)] { // few tries: failures count against the address's sign-in limit
			cookie, err := signIn(ctx, client, srv.url, l.login, opts.Password)
			if err != nil {
				if firstErr == nil {
					firstErr = fmt.Errorf("sign in as %s (%s): %w", l.login, role, err)
				}
				continue
			}
			if sessions[role] = append(sessions[role], cookie); len(sessions[role]) == 3 {
				break
			}
		}
		if len(sessions[role]) == 0 {
			return nil, errf("no %s account signs in with the demo password: %w%s", role, firstErr, srv.tail())
		}
	}
	var out []Measure
	for _, ep := range endpoints(t) {
		target := TargetP95Ms
		if strings.HasSuffix(ep.name, "dashboard") {
			target = TargetDashboardP95Ms
		}
		m := Measure{Name: ep.name, Kind: KindLatency, Path: ep.paths[0], Role: ep.role, Unit: "ms", Target: fmt.Sprintf("p95 < %g ms, all 200", target), Available: true}
		cookies := sessions[ep.role]
		durs := make([]time.Duration, 0, opts.Requests)
		for i := range opts.Requests {
			path := ep.paths[i%len(ep.paths)]
			cookie := cookies[(i/len(ep.paths))%len(cookies)]
			d, err := get(ctx, client, srv.url+path, cookie)
			m.Count++
			if err != nil {
				m.Errors++
				if m.FirstError == "" {
					m.FirstError = path + ": " + err.Error()
				}
				continue
			}
			durs = append(durs, d)
		}
		sort.Slice(durs, func(i, j int) bool { return durs[i] < durs[j] })
		m.P50Ms, m.P95Ms = ms(percentile(durs, 50)), ms(percentile(durs, 95))
		m.Value = m.P95Ms
		m.Met = m.Errors == 0 && m.Count > 0 && m.P95Ms < target
		out = append(out, m)
	}
	mem := Measure{Name: "server peak RSS", Kind: KindMemory, Unit: "MiB", Target: fmt.Sprintf("< %.0f MiB", TargetRSSMiB)}
	if rss, hwm, ok := srv.memory(); ok {
		mem.Available, mem.Value, mem.Met = true, hwm, hwm < TargetRSSMiB
		mem.Note = fmt.Sprintf("VmRSS %.1f MiB after the page run", rss)
	} else {
		mem.Note = "unavailable: in-process server"
		if !opts.InProcess {
			mem.Note = "unavailable: /proc/PID/status cannot be read"
		}
	}
	out = append(out, mem)
	return out, nil
}

// signIn posts the sign-in form and returns the session cookie's value.
func signIn(ctx context.Context, client *http.Client, base, user, password string) (string, error) {
	form := url.Values{"login": {user}, "password": {password}, "next": {"/"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/signin", strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	for _, ck := range resp.Cookies() {
		if ck.Name == httpx.SessionCookie && ck.Value != "" {
			return ck.Value, nil
		}
	}
	return "", fmt.Errorf("status %d and no session cookie (is the password the demo password?)", resp.StatusCode)
}

// get fetches a URL with the session and reads the whole body; anything but 200 is an
// error.
func get(ctx context.Context, client *http.Client, u, cookie string) (time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	req.AddCookie(&http.Cookie{Name: httpx.SessionCookie, Value: cookie})
	t0 := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	d := time.Since(t0)
	if err != nil {
		return d, err
	}
	if resp.StatusCode != http.StatusOK {
		return d, fmt.Errorf("status %d", resp.StatusCode)
	}
	return d, nil
}

// benchServer is the server the pages are driven against.
type benchServer struct {
	url  string
	stop func()
	pid  int
	// log keeps the end of the child's standard error, for failures.
	log *tailBuffer
}

// memory reads the child's resident memory and its high-water mark, in MiB.
func (s *benchServer) memory() (rss, hwm float64, ok bool) {
	if s.pid == 0 {
		return 0, 0, false
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(s.pid) + "/status")
	if err != nil {
		return 0, 0, false
	}
	return parseStatus(b)
}

// parseStatus reads VmRSS and VmHWM (in kB) from a /proc/PID/status file.
func parseStatus(b []byte) (rss, hwm float64, ok bool) {
	var gotRSS, gotHWM bool
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		k, v, found := strings.Cut(sc.Text(), ":")
		if !found {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		kb, err := strconv.ParseFloat(f[0], 64)
		if err != nil {
			continue
		}
		switch k {
		case "VmRSS":
			rss, gotRSS = kb/1024, true
		case "VmHWM":
			hwm, gotHWM = kb/1024, true
		}
	}
	return rss, hwm, gotRSS && gotHWM
}

func (s *benchServer) tail() string {
	if s.log == nil {
		return ""
	}
	if t := strings.TrimSpace(s.log.String()); t != "" {
		return "\nserver log:\n" + t
	}
	return ""
}

func startServer(ctx context.Context, c *core.Core, opts Options) (*benchServer, error) {
	if opts.InProcess {
		h, _, err := server.Handler(c, server.Options{Logger: opts.Logger})
		if err != nil {
			return nil, err
		}
		ts := httptest.NewServer(h)
		return &benchServer{url: ts.URL, stop: ts.Close}, nil
	}
	exe := opts.Executable
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return nil, errf("find the throughline binary: %w", err)
		}
	}
	if opts.DatabaseURL == "" {
		return nil, errf("no database URL for the server")
	}
	cmd := exec.Command(exe, "serve", "--addr", "127.0.0.1:0", "--db", opts.DatabaseURL)
	// Warnings only: an access line per request would cost the server more than the
	// pages do, and is not what is measured.
	cmd.Env = append(os.Environ(), "THROUGHLINE_LOG_LEVEL=warn")
	logs := &tailBuffer{max: 8 << 10}
	cmd.Stderr = logs
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, errf("start the server: %w", err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	s := &benchServer{pid: cmd.Process.Pid, log: logs}
	s.stop = func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			if rest, ok := strings.CutPrefix(line, "Throughline is running at "); ok {
				u, _, _ := strings.Cut(rest, " ")
				select {
				case found <- u:
				default:
				}
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case s.url = <-found:
		return s, nil
	case <-done:
		return nil, errf("the server exited before listening%s", s.tail())
	case <-time.After(5 * time.Minute): // serve migrates first
		s.stop()
		return nil, errf("the server did not start listening within 5 minutes%s", s.tail())
	case <-ctx.Done():
		s.stop()
		return nil, ctx.Err()
	}
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = append([]byte(nil), t.b[len(t.b)-t.max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}
