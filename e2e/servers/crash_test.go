package servers

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	. "throughline/e2e/app"
	"time"

	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// TestCrashKeepsAcknowledgedWrites streams writes at a server from several clients,
// kills it with SIGKILL in the middle, restarts it on the same database, and checks
// that every write the server acknowledged is there. The writes are people imports
// (CSV), new goals (JSON), pulse survey answers sent by signed-in people, and metric
// values (an observations CSV file, or a JSON batch). Answers are anonymous, so they
// are counted: after the restart the pulse closes and its results must count at least
// every acknowledged answer, and no more than were sent. On SQLite and PostgreSQL.
func TestCrashKeepsAcknowledgedWrites(t *testing.T) {
	for _, engine := range Engines() {
		t.Run(engine, func(t *testing.T) {
			dbURL := dbtest.NewURL(t, engine)
			env := []string{"THROUGHLINE_DB=" + dbURL, "THROUGHLINE_LOG_LEVEL=error"}
			cmd := exec.Command(binary(t), "user", "create", "ops@example.org", "--role", "admin", "--password-stdin")
			cmd.Env = append(cmd.Environ(), env...)
			cmd.Stdin = strings.NewReader("a long enough password\n")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("user create: %v %s", err, out)
			}
			seed := seedCrash(t, dbURL)
			s := startServer(t, env)
			client := signedIn(t, s.url)

			var acked sync.Map // "person:K12", "goal:Title" or "value:1234"
			var n, answersAcked, answersSent atomic.Int64
			var obsSeq atomic.Int64
			var stop atomic.Bool
			var wg sync.WaitGroup
			respondents := make(chan string, len(seed.sessions))
			for _, c := range seed.sessions {
				respondents <- c
			}
			close(respondents)
			answerer := &http.Client{Timeout: 10 * time.Second}
			for w := 0; w < 8; w++ {
				wg.Add(1)
				go func(w int) {
					defer wg.Done()
					for i := 0; !stop.Load(); i++ {
						k := fmt.Sprintf("%d-%d", w, i)
						var resp *http.Response
						var err error
						var keys []string
						answer := false
						switch w % 4 {
						case 0:
							body := fmt.Sprintf("employee_id,name,email\nK%s,Crash %s,k%s@example.org\n", k, k, k)
							resp, err = client.Post(s.url+"/api/v1/people/import", "text/csv", strings.NewReader(body))
							keys = []string{"person:K" + k}
						case 1:
							body := fmt.Sprintf(`{"level":"team","title":"Goal %s","owner_id":%d,"period":"2026-Q1"}`, k, seed.owner)
							resp, err = client.Post(s.url+"/api/v1/goals", "application/json", strings.NewReader(body))
							keys = []string{"goal:Goal " + k}
						case 2:
							session, ok := <-respondents
							if !ok {
								time.Sleep(20 * time.Millisecond) // everyone answered
								continue
							}
							req, _ := http.NewRequest("POST", s.url+"/api/v1/pulses/"+strconv.FormatInt(seed.round, 10)+"/responses", strings.NewReader(seed.answers))
							req.Header.Set("Content-Type", "application/json")
							req.AddCookie(&http.Cookie{Name: "tl_session", Value: session})
							answersSent.Add(1)
							answer = true
							resp, err = answerer.Do(req)
						case 3:
							// Two values for slots no other write uses: a team and a month.
							var rows []string
							for j := 0; j < 2; j++ {
								slot := obsSeq.Add(1)
								if slot >= seed.slots() {
									stop.Store(true)
									return
								}
								team, month := seed.slot(slot)
								value := 1000 + slot
								rows = append(rows, fmt.Sprintf("%s|%s|%d", team, month, value))
								keys = append(keys, fmt.Sprintf("value:%d", value))
							}
							if i%2 == 0 {
								var b strings.Builder
								b.WriteString("metric,subject_type,subject,period,value\n")
								for _, r := range rows {
									f := strings.Split(r, "|")
									fmt.Fprintf(&b, "crash_values,team,%s,%s,%s\n", f[0], f[1], f[2])
								}
								resp, err = client.Post(s.url+"/api/v1/observations/import", "text/csv", strings.NewReader(b.String()))
							} else {
								var items []string
								for _, r := range rows {
									f := strings.Split(r, "|")
									items = append(items, fmt.Sprintf(`{"metric_key":"crash_values","subject_type":"team","subject":%q,"period":%q,"value":%s}`, f[0], f[1], f[2]))
								}
								resp, err = client.Post(s.url+"/api/v1/observations", "application/json", strings.NewReader(`{"observations":[`+strings.Join(items, ",")+`]}`))
							}
						}
						if err != nil {
							return // the server is gone
						}
						b, _ := io.ReadAll(resp.Body)
						resp.Body.Close()
						switch {
						case resp.StatusCode != http.StatusCreated:
							if !stop.Load() {
								t.Errorf("worker %d: %d %.200s", w, resp.StatusCode, b)
							}
						case answer:
							answersAcked.Add(1)
							n.Add(1)
						default:
							for _, key := range keys {
								acked.Store(key, true)
							}
							n.Add(1)
						}
					}
				}(w)
			}
			// Kill while every kind of write is in flight: once a third of the people have
			// answered, and at least a second into the stream.
			start := time.Now()
			for time.Since(start) < time.Second || answersAcked.Load() < int64(len(seed.sessions)/3) {
				if time.Since(start) > 60*time.Second {
					t.Fatalf("only %d answers in 60 s", answersAcked.Load())
				}
				time.Sleep(5 * time.Millisecond)
			}
			if err := s.cmd.Process.Kill(); err != nil { // SIGKILL: no graceful shutdown
				t.Fatal(err)
			}
			stop.Store(true)
			wg.Wait()
			_ = s.cmd.Wait()
			if n.Load() < 20 || answersAcked.Load() < 10 {
				t.Fatalf("only %d writes (%d answers) were acknowledged before the kill", n.Load(), answersAcked.Load())
			}

			s2 := startServer(t, env)
			client2 := signedIn(t, s2.url)
			values := map[string]bool{}
			for offset := 0; ; offset += 500 {
				var page struct {
					Data []struct {
						Value float64 `json:"value"`
					} `json:"data"`
					Page struct {
						Total int `json:"total"`
					} `json:"page"`
				}
				body := get(t, client2, fmt.Sprintf("%s/api/v1/observations?metric_id=%d&limit=500&offset=%d", s2.url, seed.metric, offset))
				if err := json.Unmarshal([]byte(body), &page); err != nil {
					t.Fatalf("observations: %v %.200s", err, body)
				}
				for _, o := range page.Data {
					values[fmt.Sprintf("value:%d", int64(o.Value))] = true
				}
				if offset+500 >= page.Page.Total {
					break
				}
			}
			missing, checked := 0, map[string]int{}
			acked.Range(func(k, _ any) bool {
				kind, key, _ := strings.Cut(k.(string), ":")
				checked[kind]++
				var present bool
				switch kind {
				case "person":
					present = strings.Contains(get(t, client2, s2.url+"/api/v1/people?limit=500&q="+url.QueryEscape(key)), `"employee_id":"`+key+`"`)
				case "goal":
					present = strings.Contains(get(t, client2, s2.url+"/api/v1/goals?limit=500&q="+url.QueryEscape(key)), `"title":"`+key+`"`)
				case "value":
					present = values[k.(string)]
				}
				if !present {
					missing++
					if missing < 5 {
						t.Errorf("acknowledged %s %q is missing after the crash", kind, key)
					}
				}
				return true
			})

			// The answers: close the pulse and count its respondents.
			post(t, client2, s2.url+"/api/v1/pulses/"+strconv.FormatInt(seed.round, 10)+"/close", "application/json", "")
			var res struct {
				Data struct {
					Group struct {
						Respondents *int `json:"respondents"`
					} `json:"group"`
				} `json:"data"`
			}
			body := get(t, client2, s2.url+"/api/v1/pulses/"+strconv.FormatInt(seed.round, 10)+"/results")
			if err := json.Unmarshal([]byte(body), &res); err != nil || res.Data.Group.Respondents == nil {
				t.Fatalf("results: %v %.300s", err, body)
			}
			got := int64(*res.Data.Group.Respondents)
			t.Logf("%s: %d acknowledged writes before SIGKILL (%d people, %d goals, %d metric values in %d requests, %d answers of %d sent; %d respondents after restart); %d missing",
				engine, n.Load(), checked["person"], checked["goal"], checked["value"], checked["value"]/2, answersAcked.Load(), answersSent.Load(), got, missing)
			if got < answersAcked.Load() || got > answersSent.Load() {
				t.Errorf("%d respondents after the restart; %d answers were acknowledged and %d sent", got, answersAcked.Load(), answersSent.Load())
			}
			if checked["person"] == 0 || checked["goal"] == 0 || checked["value"] == 0 {
				t.Errorf("a kind of write was never acknowledged: %v", checked)
			}
			if missing > 0 {
				t.Errorf("%d acknowledged writes were lost", missing)
			}
		})
	}
}

// crashSeed is what the crash test writes before the server starts: a manager to own
// goals, managers whose teams get metric values, a metric, and an open pulse with a
// signed-in session for each of its respondents.
type crashSeed struct {
	owner    int64    // the person who owns the goals
	teams    []string // managers' employee ids
	metric   int64
	round    int64
	sessions []string // session tokens of people invited to the pulse
	answers  string   // a JSON body of answers to the pulse
}

const crashMonths = 12 * 25 // 2000-01 to 2024-12

func (s crashSeed) slots() int64 { return int64(len(s.teams) * crashMonths) }

// slot maps a number to a team and a month, each pair once.
func (s crashSeed) slot(i int64) (string, string) {
	team := s.teams[int(i)%len(s.teams)]
	m := int(i) / len(s.teams)
	return team, fmt.Sprintf("%d-%02d", 2000+m/12, m%12+1)
}

func seedCrash(t *testing.T, dbURL string) crashSeed {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := dbtest.NewCore(db)
	const people = 600
	var b strings.Builder
	b.WriteString("employee_id,name,email,manager_id,department,role\n")
	b.WriteString("M0,Mo Manager,mo@example.org,,Operations,manager\n")
	var teams []string
	for i := 1; i <= 4; i++ {
		fmt.Fprintf(&b, "T%d,Team Lead %d,t%d@example.org,M0,Operations,manager\n", i, i, i)
		teams = append(teams, fmt.Sprintf("T%d", i))
	}
	for i := 0; i < people; i++ {
		fmt.Fprintf(&b, "R%03d,Respondent %d,r%03d@example.org,T%d,Operations,employee\n", i, i, i, i%4+1)
	}
	dbtest.MustImport(t, c, b.String())
	s := crashSeed{owner: dbtest.MustPerson(t, c, "M0").ID, teams: teams}
	m, err := c.CreateMetric(ctx, model.System, model.MetricInput{Key: "crash_values", Name: "Crash test values", Perspective: model.PerspectiveFinancial,
		Direction: model.HigherIsBetter, Target: 10, Floor: 0, Weight: 1, Combine: model.CombineSum, Frequency: model.Monthly,
		Status: model.MetricPublished, Why: "Values written while the server is killed."})
	if err != nil {
		t.Fatal(err)
	}
	s.metric = m.ID
	bank, err := c.QuestionBank(ctx, model.System)
	if err != nil {
		t.Fatal(err)
	}
	var qids []int64
	answers := map[string]int{}
	for _, q := range bank {
		if q.InPulse {
			qids = append(qids, q.ID)
			if q.Kind == model.KindLikert {
				answers[strconv.FormatInt(q.ID, 10)] = 4
			}
		}
	}
	ab, _ := json.Marshal(map[string]any{"answers": answers})
	s.answers = string(ab)
	sv, err := c.CreateSurvey(ctx, model.System, model.SurveyInput{Title: "Crash pulse", Audience: model.AudienceEveryone, QuestionIDs: qids,
		OpensOn: time.Now().UTC().Format(time.DateOnly), OpenDays: 7})
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.Survey(ctx, model.System, sv.ID)
	if err != nil || len(d.Rounds) == 0 || d.Rounds[0].Status != model.RoundOpen {
		t.Fatalf("the crash pulse is not open: %v %+v", err, d.Rounds)
	}
	s.round = d.Rounds[0].ID
	for i := 0; i < people; i++ {
		login := fmt.Sprintf("r%03d@example.org", i)
		a, err := c.AccountByLogin(ctx, model.System, login)
		if err == nil {
			err = c.SetPassword(ctx, model.System, a.ID, dbtest.Password)
		}
		var tok string
		if err == nil {
			tok, _, err = c.SignIn(ctx, model.SignInInput{Login: login, Password: dbtest.Password})
		}
		if err != nil {
			t.Fatalf("session for %s: %v", login, err)
		}
		s.sessions = append(s.sessions, tok)
	}
	return s
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
