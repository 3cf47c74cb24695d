package servers

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"throughline/internal/dbtest"
)

// buildBinary builds the throughline command once per test run.
var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "throughline-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "throughline")
		out, err := exec.Command("go", "build", "-o", binPath, "throughline/cmd/throughline").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// server is a running `throughline serve` process.
type server struct {
	url string
	cmd *exec.Cmd
}

// startServer starts `throughline serve` as a separate process and waits for its URL.
func startServer(t *testing.T, env []string, args ...string) *server {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if line := sc.Text(); strings.HasPrefix(line, "Throughline is running at ") {
				found <- strings.Fields(strings.TrimPrefix(line, "Throughline is running at "))[0]
			}
		}
	}()
	select {
	case s.url = <-found:
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("serve did not start within 60 s")
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
		}
	})
	return s
}

// emptyPostgres creates an empty database (not from the migrated template) and returns
// its URL.
func emptyPostgres(t *testing.T) string {
	t.Helper()
	base := dbtest.PostgresURL()
	if base == "" {
		if os.Getenv("THROUGHLINE_E2E") == "1" {
			t.Fatal("THROUGHLINE_TEST_POSTGRES is required for the two-server test in CI")
		}
		t.Skip("THROUGHLINE_TEST_POSTGRES is not set")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("tl_multi_%d", time.Now().UnixNano())
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", base)
		if err == nil {
			_, _ = a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			a.Close()
		}
	})
	u, _ := url.Parse(base)
	u.Path = "/" + name
	return u.String()
}

// TestTwoServersOnePostgres starts two servers at once on an empty PostgreSQL database:
// they migrate it safely together, share sessions and sign-in rate limits, and either
// can end a session the other opened.
func TestTwoServersOnePostgres(t *testing.T) {
	dbURL := emptyPostgres(t)
	env := []string{"THROUGHLINE_DB=" + dbURL, "THROUGHLINE_LOG_LEVEL=warn"}
	var a, b *server
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); a = startServer(t, env) }()
	go func() { defer wg.Done(); b = startServer(t, env) }()
	wg.Wait()
	if a == nil || b == nil {
		t.Fatal("a server did not start")
	}
	// Migrations ran once each.
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var applied, distinct int
	if err := db.QueryRow(`SELECT count(*), count(DISTINCT version) FROM schema_migrations`).Scan(&applied, &distinct); err != nil {
		t.Fatal(err)
	}
	if applied == 0 || applied != distinct {
		t.Errorf("schema_migrations has %d rows for %d versions", applied, distinct)
	}
	for _, s := range []*server{a, b} {
		if body := get(t, http.DefaultClient, s.url+"/readyz"); !strings.Contains(body, "ready") {
			t.Errorf("%s/readyz: %q", s.url, body)
		}
	}
	// An account, made with the command line against the same database.
	cli := func(stdin string, args ...string) {
		t.Helper()
		cmd := exec.Command(binary(t), args...)
		cmd.Env = append(os.Environ(), env...)
		cmd.Stdin = strings.NewReader(stdin)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	cli("a long enough password\n", "user", "create", "ops@example.org", "--role", "admin", "--password-stdin")

	// Sign in on A; the session works on B.
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err := client.PostForm(a.url+"/signin", url.Values{"login": {"ops@example.org"}, "password": {"a long enough password"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	ua, _ := url.Parse(a.url)
	ub, _ := url.Parse(b.url)
	jar.SetCookies(ub, jar.Cookies(ua)) // the same cookie, as a load balancer's shared domain would carry it
	if body := get(t, client, b.url+"/api/v1/me"); !strings.Contains(body, `"login":"ops@example.org"`) {
		t.Fatalf("server B does not know server A's session: %s", body)
	}
	// Sign out on B ends the session on A too.
	resp, err = client.PostForm(b.url+"/signout", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	jar.SetCookies(ua, jar.Cookies(ub))
	resp, err = client.Get(a.url + "/api/v1/me")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("after signing out on B, A answers %d, want 401", resp.StatusCode)
	}
	// Five failures spread over both servers lock the account on both.
	for i := 0; i < 5; i++ {
		s := []*server{a, b}[i%2]
		r, err := http.PostForm(s.url+"/signin", url.Values{"login": {"ops@example.org"}, "password": {"wrong " + fmt.Sprint(i)}})
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
	}
	for _, s := range []*server{a, b} {
		r, err := http.PostForm(s.url+"/signin", url.Values{"login": {"ops@example.org"}, "password": {"a long enough password"}})
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		if r.StatusCode != http.StatusTooManyRequests {
			t.Errorf("%s after five failures across both servers: %d, want 429", s.url, r.StatusCode)
		}
	}
}

func get(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", u, nil)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// TestTwoServersRunScheduledWorkOnce starts two servers on one PostgreSQL database that
// holds a demo organization, both looking for due work five times a second. Pulses are
// scheduled to open tomorrow; the test then makes their openings, reminders and closings
// due at once, and proves each ran exactly once: every job done on its first attempt,
// every round opened, reminded and closed, and one audit entry of each per round.
func TestTwoServersRunScheduledWorkOnce(t *testing.T) {
	dbURL := emptyPostgres(t)
	env := []string{"THROUGHLINE_DB=" + dbURL, "THROUGHLINE_LOG_LEVEL=warn", "THROUGHLINE_JOB_INTERVAL=200ms"}
	cli := func(stdin string, args ...string) {
		t.Helper()
		cmd := exec.Command(binary(t), args...)
		cmd.Env = append(os.Environ(), env...)
		cmd.Stdin = strings.NewReader(stdin)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	cli("", "demo", "--people", "300", "--seed", "5")
	cli("a long enough password\n", "user", "create", "people-team@example.org", "--role", "hr", "--password-stdin")
	var a, b *server
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); a = startServer(t, env) }()
	go func() { defer wg.Done(); b = startServer(t, env) }()
	wg.Wait()
	if a == nil || b == nil {
		t.Fatal("a server did not start")
	}
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err := client.PostForm(a.url+"/signin", url.Values{"login": {"people-team@example.org"}, "password": {"a long enough password"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	ua, _ := url.Parse(a.url)
	ub, _ := url.Parse(b.url)
	jar.SetCookies(ub, jar.Cookies(ua))

	var questions []string
	rows, err := db.Query(`SELECT id FROM survey_questions WHERE in_pulse ORDER BY id LIMIT 6`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		questions = append(questions, fmt.Sprint(id))
	}
	rows.Close()
	tomorrow := time.Now().UTC().AddDate(0, 0, 1).Format("2006-01-02")
	const pulses = 8
	var surveys []string
	for i := 0; i < pulses; i++ {
		s := []*server{a, b}[i%2]
		body := fmt.Sprintf(`{"title":"Scheduled pulse %d","audience":"everyone","question_ids":[%s],"opens_on":%q,"open_days":7,"reminder_days":3}`,
			i, strings.Join(questions, ","), tomorrow)
		req, _ := http.NewRequest("POST", s.url+"/api/v1/surveys", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		r, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if r.StatusCode != http.StatusCreated {
			t.Fatalf("create pulse on %s: %d %s", s.url, r.StatusCode, out)
		}
		var created struct {
			Data struct{ ID int64 } `json:"data"`
		}
		if err := json.Unmarshal(out, &created); err != nil || created.Data.ID == 0 {
			t.Fatalf("create pulse: %s (%v)", out, err)
		}
		surveys = append(surveys, fmt.Sprint(created.Data.ID))
	}
	inSurveys := "survey_id IN (" + strings.Join(surveys, ",") + ")"
	var rounds []string
	rows, err = db.Query(`SELECT id FROM survey_rounds WHERE ` + inSurveys + ` ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		rounds = append(rounds, fmt.Sprint(id))
	}
	rows.Close()
	if len(rounds) != pulses {
		t.Fatalf("%d rounds for %d pulses", len(rounds), pulses)
	}
	keys := func(kind string) string {
		var ks []string
		for _, r := range rounds {
			ks = append(ks, "'"+kind+":"+r+"'")
		}
		return "(" + strings.Join(ks, ",") + ")"
	}
	// Each kind of scheduled work in turn: made due now, then run by whichever server
	// claims it.
	for _, step := range []struct{ kind, done, audit string }{
		{"survey.open", "status = 'open'", "pulse_opened"},
		{"survey.remind", "reminded", "pulse_reminded"},
		{"survey.close", "status = 'closed'", "pulse_closed"},
	} {
		res, err := db.Exec(`UPDATE jobs SET run_at = $1 WHERE status = 'pending' AND dedupe_key IN `+keys(step.kind), time.Now().Unix())
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := res.RowsAffected(); n != pulses {
			t.Fatalf("%s: %d pending jobs, want %d", step.kind, n, pulses)
		}
		deadline := time.Now().Add(30 * time.Second)
		for {
			var n int
			if err := db.QueryRow(`SELECT count(*) FROM survey_rounds WHERE ` + inSurveys + ` AND ` + step.done).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n == pulses {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: %d of %d rounds done after 30 s", step.kind, n, pulses)
			}
			time.Sleep(100 * time.Millisecond)
		}
		time.Sleep(time.Second) // a second run, were there one, would have time to show
		var done, first, audits int
		if err := db.QueryRow(`SELECT count(*) FILTER (WHERE status = 'done'), count(*) FILTER (WHERE attempts = 1) FROM jobs WHERE dedupe_key IN `+keys(step.kind)).Scan(&done, &first); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow(`SELECT count(*) FROM audit_log WHERE action = $1 AND target_type = 'survey_round' AND target_id IN (`+strings.Join(rounds, ",")+`)`, step.audit).Scan(&audits); err != nil {
			t.Fatal(err)
		}
		if done != pulses || first != pulses || audits != pulses {
			t.Errorf("%s: %d jobs done, %d on their first attempt, %d %s audit entries; want %d of each", step.kind, done, first, audits, step.audit, pulses)
		}
	}
}
