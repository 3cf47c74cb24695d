package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"throughline/internal/dbtest"
)

// TestCrashKeepsAcknowledgedWrites streams writes at a server from several clients,
// kills it with SIGKILL in the middle, restarts it on the same database, and checks
// that every write the server acknowledged is there. On SQLite and PostgreSQL.
func TestCrashKeepsAcknowledgedWrites(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			dbURL := dbtest.NewURL(t, engine)
			env := []string{"THROUGHLINE_DB=" + dbURL, "THROUGHLINE_LOG_LEVEL=error"}
			cmd := exec.Command(binary(t), "user", "create", "ops@example.org", "--role", "admin", "--password-stdin")
			cmd.Env = append(cmd.Environ(), env...)
			cmd.Stdin = strings.NewReader("a long enough password\n")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("user create: %v %s", err, out)
			}
			s := startServer(t, env)
			client := signedIn(t, s.url)

			// Seed a manager to own goals.
			post(t, client, s.url+"/api/v1/people/import", "text/csv", "employee_id,name,email\nM0,Mo Manager,mo@example.org\n")
			var me struct {
				Data []struct {
					ID int64 `json:"id"`
				} `json:"data"`
			}
			if err := json.Unmarshal([]byte(get(t, client, s.url+"/api/v1/people?q=M0")), &me); err != nil || len(me.Data) != 1 {
				t.Fatalf("seed manager: %v", err)
			}
			owner := me.Data[0].ID

			var acked sync.Map // "person:K12" or "goal:Title"
			var n atomic.Int64
			var stop atomic.Bool
			var wg sync.WaitGroup
			for w := 0; w < 6; w++ {
				wg.Add(1)
				go func(w int) {
					defer wg.Done()
					for i := 0; !stop.Load(); i++ {
						k := fmt.Sprintf("%d-%d", w, i)
						var resp *http.Response
						var err error
						if i%2 == 0 {
							body := fmt.Sprintf("employee_id,name,email\nK%s,Crash %s,k%s@example.org\n", k, k, k)
							resp, err = client.Post(s.url+"/api/v1/people/import", "text/csv", strings.NewReader(body))
						} else {
							body := fmt.Sprintf(`{"level":"team","title":"Goal %s","owner_id":%d,"period":"2026-Q1"}`, k, owner)
							resp, err = client.Post(s.url+"/api/v1/goals", "application/json", strings.NewReader(body))
						}
						if err != nil {
							return // the server is gone
						}
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if resp.StatusCode == http.StatusCreated {
							if i%2 == 0 {
								acked.Store("person:K"+k, true)
							} else {
								acked.Store("goal:Goal "+k, true)
							}
							n.Add(1)
						}
					}
				}(w)
			}
			time.Sleep(1500 * time.Millisecond)
			if err := s.cmd.Process.Kill(); err != nil { // SIGKILL: no graceful shutdown
				t.Fatal(err)
			}
			stop.Store(true)
			wg.Wait()
			_ = s.cmd.Wait()
			if n.Load() < 20 {
				t.Fatalf("only %d writes were acknowledged before the kill", n.Load())
			}

			s2 := startServer(t, env)
			client2 := signedIn(t, s2.url)
			missing := 0
			acked.Range(func(k, _ any) bool {
				kind, key, _ := strings.Cut(k.(string), ":")
				var u, want string
				if kind == "person" {
					u, want = s2.url+"/api/v1/people?limit=500&q="+url.QueryEscape(key), `"employee_id":"`+key+`"`
				} else {
					u, want = s2.url+"/api/v1/goals?limit=500&q="+url.QueryEscape(key), `"title":"`+key+`"`
				}
				if body := get(t, client2, u); !strings.Contains(body, want) {
					missing++
					if missing < 5 {
						t.Errorf("acknowledged %s %q is missing after the crash", kind, key)
					}
				}
				return true
			})
			t.Logf("%s: %d acknowledged writes before SIGKILL, %d missing after restart", engine, n.Load(), missing)
			if missing > 0 {
				t.Errorf("%d acknowledged writes were lost", missing)
			}
		})
	}
}

func signedIn(t *testing.T, base string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	resp, err := c.PostForm(base+"/signin", url.Values{"login": {"ops@example.org"}, "password": {"a long enough password"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Request.URL.Path == "/signin" {
		t.Fatal("sign-in failed")
	}
	return c
}

func post(t *testing.T, c *http.Client, u, ctype, body string) {
	t.Helper()
	resp, err := c.Post(u, ctype, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("POST %s: %d %s", u, resp.StatusCode, b)
	}
}
