package servers

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	. "throughline/e2e/app"
	"time"
)

// TestLoad holds 256 connections open against a server with the demo organization for
// THROUGHLINE_LOAD_SECONDS (default 5; CI runs 60), with a mix of page and API reads
// and writes (a quarter of the requests), at least one cheap write per module: goal
// progress, check-ins and new goals; feedback; action-plan items; idea comments. It
// requires zero errors.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	seconds := 5
	if v, err := strconv.Atoi(os.Getenv("THROUGHLINE_LOAD_SECONDS")); err == nil && v > 0 {
		seconds = v
	}
	app := Start(t, Engines()[0])
	const conns = 256

	// Sign in as the manager and the admin; half the clients use each.
	login := func(email string) *http.Client {
		jar, _ := cookiejar.New(nil)
		tr := &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}
		c := &http.Client{Jar: jar, Transport: tr, Timeout: 30 * time.Second}
		resp, err := c.PostForm(app.URL+"/signin", url.Values{"login": {email}, "password": {app.Password}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return c
	}
	manager := login(app.Logins["manager"][0])
	admin := login(app.Logins["admin"][0])

	// The manager's goals and key results, to write to.
	var goals struct {
		Data []struct {
			ID         int64 `json:"id"`
			KeyResults []struct {
				ID   int64  `json:"id"`
				Kind string `json:"kind"`
			} `json:"key_results"`
		} `json:"data"`
	}
	body := get(t, manager, app.URL+"/api/v1/goals?limit=20&owner_id="+strconv.FormatInt(meID(t, manager, app.URL), 10))
	if err := json.Unmarshal([]byte(body), &goals); err != nil || len(goals.Data) == 0 {
		t.Fatalf("the manager's goals: %v %.200s", err, body)
	}
	var goalIDs, krIDs []int64
	for _, g := range goals.Data {
		goalIDs = append(goalIDs, g.ID)
	}
	detail := get(t, manager, app.URL+"/api/v1/goals/"+strconv.FormatInt(goalIDs[0], 10))
	var one struct {
		Data struct {
			KeyResults []struct {
				ID   int64  `json:"id"`
				Kind string `json:"kind"`
			} `json:"key_results"`
		} `json:"data"`
	}
	_ = json.Unmarshal([]byte(detail), &one)
	for _, k := range one.Data.KeyResults {
		if k.Kind == "measured" {
			krIDs = append(krIDs, k.ID)
		}
	}

	// Something to write to in each module: a direct report for feedback (performance),
	// the manager's action plan (engagement), ideas to comment on (collaboration).
	me := strconv.FormatInt(meIDCache, 10)
	var list struct {
		Data []struct {
			ID int64 `json:"id"`
		} `json:"data"`
	}
	ids := func(u string) []int64 {
		list.Data = nil
		body := get(t, manager, app.URL+u)
		if err := json.Unmarshal([]byte(body), &list); err != nil || len(list.Data) == 0 {
			t.Fatalf("%s: %v %.200s", u, err, body)
		}
		var out []int64
		for _, d := range list.Data {
			out = append(out, d.ID)
		}
		return out
	}
	reports := ids("/api/v1/people?limit=20&manager_id=" + me)
	plans := ids("/api/v1/action-plans?team_id=" + me)
	ideas := ids("/api/v1/ideas?limit=20")

	reads := []string{"/", "/purpose", "/goals", "/line-of-sight", "/people?q=a", "/org", "/api/v1/me", "/api/v1/people?limit=50",
		"/api/v1/objectives", "/api/v1/goals?limit=50", "/goals/" + strconv.FormatInt(goalIDs[0], 10)}
	var ok, errs, writes atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var firstErr atomic.Value
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	var wg sync.WaitGroup
	for w := 0; w < conns; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			c := manager // writes are the manager's; reads alternate between the two
			if w%2 == 1 {
				c = admin
			}
			post := func(path, body string) *http.Request {
				req, _ := http.NewRequest("POST", app.URL+path, strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				return req
			}
			var mine []time.Duration
			for i := 0; time.Now().Before(deadline); i++ {
				var req *http.Request
				client := c
				pick := func(ids []int64) string { return strconv.FormatInt(ids[rng.IntN(len(ids))], 10) }
				switch r := rng.IntN(100); {
				case r < 8 && len(krIDs) > 0: // goals: record progress
					req, client = post("/api/v1/key-results/"+pick(krIDs)+"/progress", fmt.Sprintf(`{"current":%d}`, rng.IntN(100))), manager
				case r < 12: // goals: a check-in
					req, client = post("/api/v1/goals/"+pick(goalIDs)+"/updates", `{"status":"on_track","comment":"Load test check-in"}`), manager
				case r < 16: // goals: a new individual goal
					req, client = post("/api/v1/goals", fmt.Sprintf(`{"level":"individual","title":"Load %d-%d","owner_id":%d,"period":"%s","parents":[]}`,
						w, i, meIDCache, quarterNow())), manager
				case r < 19: // performance: feedback to a direct report
					req, client = post("/api/v1/feedback", fmt.Sprintf(`{"to_id":%s,"text":"Thanks for the load test %d-%d."}`, pick(reports), w, i)), manager
				case r < 22: // engagement: an action on the team's plan
					req, client = post("/api/v1/action-plans/"+pick(plans)+"/actions", fmt.Sprintf(`{"title":"Load action %d-%d","owner_id":%d,"due_on":"2030-01-31"}`,
						w, i, meIDCache)), manager
				case r < 25: // collaboration: a comment on an idea
					req, client = post("/api/v1/ideas/"+pick(ideas)+"/comments", fmt.Sprintf(`{"body":"Load comment %d-%d"}`, w, i)), manager
				default:
					path := reads[rng.IntN(len(reads))]
					if c == admin && path == "/line-of-sight" {
						path = "/strategy" // the administrator has no line of sight of their own
					}
					req, _ = http.NewRequest("GET", app.URL+path, nil)
				}
				start := time.Now()
				resp, err := client.Do(req)
				d := time.Since(start)
				if err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode >= 400 {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, fmt.Sprintf("%s %s: %d", req.Method, req.URL.Path, resp.StatusCode))
					continue
				}
				ok.Add(1)
				if req.Method == "POST" {
					writes.Add(1)
				}
				mine = append(mine, d)
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[int(float64(len(lat)-1)*p)]
	}
	t.Logf("%d connections, %d s: %d requests (%.0f/s), %d of them writes, %d errors; latency p50 %v, p95 %v, p99 %v",
		conns, seconds, ok.Load()+errs.Load(), float64(ok.Load())/float64(seconds), writes.Load(), errs.Load(), pct(.5), pct(.95), pct(.99))
	if errs.Load() > 0 {
		t.Errorf("%d errors; the first: %v", errs.Load(), firstErr.Load())
	}
}

var meIDCache int64

func meID(t *testing.T, c *http.Client, base string) int64 {
	t.Helper()
	var me struct {
		Data struct {
			Person struct {
				ID int64 `json:"id"`
			} `json:"person"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(get(t, c, base+"/api/v1/me")), &me); err != nil {
		t.Fatal(err)
	}
	meIDCache = me.Data.Person.ID
	return me.Data.Person.ID
}

func quarterNow() string {
	n := time.Now()
	return fmt.Sprintf("%d-Q%d", n.Year(), (int(n.Month())-1)/3+1)
}
