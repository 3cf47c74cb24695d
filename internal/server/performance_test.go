package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// The texts the privacy tests look for.
const (
	boPrivate   = "BO-PRIVATE-NOTE-7731"
	fayPrivate  = "FAY-PRIVATE-NOTE-4402"
	sharedNote  = "SHARED-NOTES-OK-5150"
	fayDraft    = "FAY-SELF-DRAFT-9917"
	privateFeed = "PRIVATE-FEEDBACK-3303"
)

// lockedBuffer collects log lines from concurrent requests.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// perfFixture is the small organization with performance data: a catalogue (two
// published metrics, one draft), values for Bo and Fay, an open review cycle where Fay
// has drafted her self review, a check-in between Bo and Fay with a private note from
// each, and private feedback from Dee to Eli. The clock is in May 2026.
type perfFixture struct {
	*fixture
	log        *lockedBuffer
	metric     int64 // gross margin
	draft      int64
	checkin    int64
	fayReview  int64
	cycle      int64
	engagement int64
}

func newPerfFixture(t *testing.T, db *store.DB) *perfFixture {
	t.Helper()
	db.SetNow(func() time.Time { return time.Date(2026, 5, 10, 12, 0, 0, 0, time.UTC) })
	f := &perfFixture{fixture: newFixture(t, db), log: &lockedBuffer{}}
	h, mux, _, err := build(f.c, Options{Logger: slog.New(slog.NewTextHandler(f.log, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	f.h, f.mux = h, mux
	ctx := context.Background()
	c := f.c
	// Actors from the fixture's sessions (dbtest.MustActor would set passwords and so
	// sign those sessions out).
	as := func(name string) model.Actor {
		a, err := c.Authenticate(ctx, f.cookies[name])
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	hr := as("hr")
	mk := func(in model.MetricInput) model.Metric {
		m, err := c.CreateMetric(ctx, hr, in)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	margin := mk(model.MetricInput{Name: "Gross margin", Perspective: model.PerspectiveFinancial, Unit: "%", Direction: model.HigherIsBetter, Target: 30, Floor: 20,
		Weight: 1, Combine: model.CombineAvg, Frequency: model.Monthly, Status: model.MetricPublished, Why: "Margin pays for doing the right thing well."})
	eng := mk(model.MetricInput{Key: "employee_engagement", Name: "Employee engagement", Perspective: model.PerspectivePeople, Unit: "%", Direction: model.HigherIsBetter,
		Target: 80, Floor: 60, Weight: 1, Combine: model.CombineLast, Frequency: model.Quarterly, Status: model.MetricPublished, Why: "Engaged teams look after customers."})
	draft := mk(model.MetricInput{Name: "Secret draft metric", Perspective: model.PerspectiveImpact, Direction: model.HigherIsBetter, Target: 1, Floor: 0,
		Weight: 1, Combine: model.CombineSum, Frequency: model.Monthly})
	f.metric, f.draft, f.engagement = margin.ID, draft.ID, eng.ID
	var rows []model.ObservationInput
	for _, emp := range []string{"E2", "E6"} {
		for _, mo := range []string{"2026-01", "2026-02", "2026-03"} {
			rows = append(rows, model.ObservationInput{MetricKey: "gross_margin", SubjectType: model.SubjectTeam, SubjectRef: emp, Period: mo, Value: 29})
		}
		rows = append(rows, model.ObservationInput{MetricKey: "employee_engagement", SubjectType: model.SubjectTeam, SubjectRef: emp, Period: "2026-Q1", Value: 62})
	}
	if _, err := c.RecordObservations(ctx, hr, rows, model.SourceCSV, core.ObservationOptions{}); err != nil {
		t.Fatal(err)
	}
	cy, err := c.CreateReviewCycle(ctx, hr, model.ReviewCycleInput{Name: "Q1 2026 reviews", Period: "2026-Q1", SelfDue: "2026-05-20", ManagerDue: "2026-05-30", SignoffDue: "2026-06-10"})
	if err != nil {
		t.Fatal(err)
	}
	f.cycle = cy.ID
	if err := c.OpenReviewCycle(ctx, hr, cy.ID); err != nil {
		t.Fatal(err)
	}
	bo, fay := as("manager"), as("lead")
	rs, err := c.Reviews(ctx, fay)
	if err != nil || len(rs.Own) != 1 {
		t.Fatalf("Fay's reviews: %v %v", rs, err)
	}
	f.fayReview = rs.Own[0].ID
	if err := c.SaveReviewText(ctx, fay, f.fayReview, "self", model.ReviewTextInput{Text: fayDraft}); err != nil {
		t.Fatal(err)
	}
	if f.checkin, err = c.StartCheckins(ctx, bo, model.CheckinSeriesInput{ReportID: f.ids["E6"], CadenceDays: 14, FirstOn: "2026-05-12"}); err != nil {
		t.Fatal(err)
	}
	for _, step := range []error{
		c.SavePrivateNote(ctx, bo, f.checkin, model.CheckinNotesInput{Text: boPrivate}),
		c.SavePrivateNote(ctx, fay, f.checkin, model.CheckinNotesInput{Text: fayPrivate}),
		c.SaveSharedNotes(ctx, fay, f.checkin, model.CheckinNotesInput{Text: sharedNote}),
		c.AddCheckinPoint(ctx, fay, f.checkin, model.CheckinPointInput{Text: "Margin trend", MetricID: margin.ID}),
	} {
		if step != nil {
			t.Fatal(step)
		}
	}
	dee := as("employee")
	if _, err := c.GiveFeedback(ctx, dee, model.FeedbackInput{ToID: f.ids["E5"], Text: privateFeed}); err != nil {
		t.Fatal(err)
	}
	return f
}

// expandPerf fills {E2}-style person ids and the fixture's other ids in a URL.
func (f *perfFixture) expandPerf(u string) string {
	u = strings.NewReplacer("{metric}", itoa(f.metric), "{draft}", itoa(f.draft), "{checkin}", itoa(f.checkin),
		"{review}", itoa(f.fayReview), "{cycle}", itoa(f.cycle), "{engagement}", itoa(f.engagement)).Replace(u)
	return f.expand(u)
}

// TestPerformanceRoutesByRole is the table of role × route for the performance pages
// and API: status, wanted and unwanted content.
func TestPerformanceRoutesByRole(t *testing.T) {
	jsonBody := func(s string) url.Values { return url.Values{"__json": {s}} }
	scenarios := []scenario{
		// Anonymous.
		{actor: "", method: "GET", url: "/scorecards", status: 303},
		{actor: "", method: "GET", url: "/checkins/{checkin}", status: 303},
		{actor: "", method: "GET", url: "/api/v1/scorecards", status: 401},
		{actor: "", method: "GET", url: "/api/v1/metrics", status: 401},

		// The catalogue is for everyone; drafts and editing for hr and admin.
		{actor: "employee", method: "GET", url: "/catalogue", status: 200, want: []string{"Gross margin", "Margin pays for doing the right thing well."}, unwanted: []string{"Secret draft metric", "New metric"}},
		{actor: "hr", method: "GET", url: "/catalogue", status: 200, want: []string{"Secret draft metric", "New metric", "Draft"}},
		{actor: "employee", method: "GET", url: "/catalogue/{draft}", status: 404},
		{actor: "employee", method: "GET", url: "/catalogue/{metric}", status: 200, want: []string{"Why this matters"}, unwanted: []string{"Record a value", "Recorded values"}},
		{actor: "hr", method: "GET", url: "/catalogue/{metric}", status: 200, want: []string{"Record a value", "Recorded values", "CSV import"}},
		{actor: "manager", method: "GET", url: "/catalogue/new", status: 403},
		{actor: "executive", method: "GET", url: "/catalogue/new", status: 403},
		{actor: "hr", method: "GET", url: "/catalogue/new", status: 200, want: []string{"Why this matters", "required to publish"}},
		{actor: "admin", method: "GET", url: "/catalogue/settings", status: 200, want: []string{"Perspective weights"}},
		{actor: "manager", method: "GET", url: "/catalogue/settings", status: 403},
		{actor: "employee", method: "GET", url: "/catalogue/import", status: 403},
		{actor: "hr", method: "POST", url: "/catalogue", form: url.Values{"name": {"Water use"}, "perspective": {"impact"}, "direction": {"lower"}, "target": {"3"}, "floor": {"6"},
			"weight": {"1"}, "combine": {"avg"}, "frequency": {"monthly"}, "scope": {"all"}, "status": {"published"}}, status: 422,
			want: []string{"a metric cannot be published without it", `aria-invalid="true"`}},
		{actor: "hr", method: "POST", url: "/catalogue", form: url.Values{"name": {"Water use"}, "perspective": {"impact"}, "direction": {"lower"}, "target": {"six"}, "floor": {"3"},
			"weight": {"1"}, "combine": {"avg"}, "frequency": {"monthly"}, "scope": {"all"}, "status": {"draft"}}, status: 422, want: []string{"Enter the target as a number."}},
		{actor: "hr", method: "POST", url: "/catalogue", form: url.Values{"name": {"Water use"}, "perspective": {"impact"}, "direction": {"lower"}, "target": {"3"}, "floor": {"6"},
			"weight": {"1"}, "combine": {"avg"}, "frequency": {"monthly"}, "scope": {"all"}, "status": {"published"}, "why": {"Aquifers are falling."}}, status: 303},
		{actor: "manager", method: "POST", url: "/catalogue", form: url.Values{"name": {"Mine"}}, status: 403},
		{actor: "hr", method: "POST", url: "/catalogue/{metric}/observations", form: url.Values{"subject": {"team:{E2}"}, "period": {"2026-04"}, "value": {"31"}}, status: 303},
		{actor: "hr", method: "POST", url: "/catalogue/{metric}/observations", form: url.Values{"subject": {"team:{E2}"}, "period": {"2026-Q2"}, "value": {"31"}}, status: 422, want: []string{"recorded monthly"}},
		{actor: "manager", method: "POST", url: "/catalogue/{metric}/observations", form: url.Values{"subject": {"team:{E2}"}, "period": {"2026-04"}, "value": {"99"}}, status: 403},

		// Scorecards: own, the line below, everyone for hr, admin and executives.
		{actor: "manager", method: "GET", url: "/scorecards/{E2}", status: 200, want: []string{"Your balanced scorecard", "Gross margin", "Margin pays for doing the right thing well.", "Balance warning", "no data"}},
		{actor: "manager", method: "GET", url: "/scorecards/{E6}", status: 200, want: []string{"Balanced scorecard of Fay Wray"}},
		{actor: "manager", method: "GET", url: "/scorecards/{E3}", status: 404},
		{actor: "lead", method: "GET", url: "/scorecards/{E2}", status: 404},
		{actor: "employee", method: "GET", url: "/scorecards/{E2}", status: 404},
		{actor: "executive", method: "GET", url: "/scorecards/{E6}", status: 200},
		{actor: "manager", method: "GET", url: "/scorecards/{E2}/metrics/{metric}", status: 200, want: []string{"Why this matters", "= (29 − 20) ÷ (30 − 20) = 9 ÷ 10 = 90%", "Mar 2026"}},
		{actor: "manager", method: "GET", url: "/scorecards/{E2}/metrics/{metric}?period=2026-Q7", status: 422},
		{actor: "manager", method: "GET", url: "/scorecards", status: 200, want: []string{"Fay Wray", "Your scorecard"}, unwanted: []string{"Cy Twombly"}},
		{actor: "hr", method: "GET", url: "/scorecards", status: 200, want: []string{"Bo Diddley", "Cy Twombly", "Fay Wray"}},
		{actor: "employee", method: "GET", url: "/scorecards", status: 200, want: []string{"No scorecards to show"}},
		{actor: "manager", method: "GET", url: "/scorecards/export.csv", status: 200, want: []string{"name,email,title", "Fay Wray"}, unwanted: []string{"Cy Twombly"}},
		{actor: "employee", method: "GET", url: "/help/scorecard", status: 200, want: []string{"(value − floor) ÷ (target − floor)", "Financial", "25"}},

		// Reviews.
		{actor: "lead", method: "GET", url: "/reviews/{review}", status: 200, want: []string{"Your review", fayDraft, "No upward feedback collected yet"}},
		{actor: "manager", method: "GET", url: "/reviews/{review}", status: 200, want: []string{"Review of Fay Wray"}, unwanted: []string{fayDraft}},
		{actor: "hr", method: "GET", url: "/reviews/{review}", status: 200, unwanted: []string{fayDraft}},
		{actor: "employee", method: "GET", url: "/reviews/{review}", status: 404},
		{actor: "other", method: "GET", url: "/reviews/{review}", status: 404},
		{actor: "manager", method: "POST", url: "/reviews/{review}/self", form: url.Values{"self_text": {"forged"}}, status: 403},
		{actor: "hr", method: "GET", url: "/reviews/cycles/{cycle}", status: 200, want: []string{"Q1 2026 reviews", "Fay Wray"}},
		{actor: "manager", method: "GET", url: "/reviews/cycles/{cycle}", status: 403},
		{actor: "manager", method: "POST", url: "/reviews/cycles", form: url.Values{"name": {"x"}}, status: 403},
		{actor: "hr", method: "POST", url: "/reviews/cycles", form: url.Values{"name": {"Q2"}, "period": {"2026-Q9"}}, status: 422, want: []string{"quarter such as 2026-Q1"}},

		// Check-ins: the two participants, nobody else.
		{actor: "manager", method: "GET", url: "/checkins/{checkin}", status: 200, want: []string{"Check-in with Fay Wray", boPrivate, sharedNote, "Margin trend"}, unwanted: []string{fayPrivate}},
		{actor: "lead", method: "GET", url: "/checkins/{checkin}", status: 200, want: []string{"Check-in with Bo Diddley", fayPrivate, sharedNote}, unwanted: []string{boPrivate}},
		{actor: "hr", method: "GET", url: "/checkins/{checkin}", status: 404},
		{actor: "admin", method: "GET", url: "/checkins/{checkin}", status: 404},
		{actor: "executive", method: "GET", url: "/checkins/{checkin}", status: 404},
		{actor: "employee", method: "GET", url: "/checkins/{checkin}", status: 404},
		{actor: "hr", method: "POST", url: "/checkins/{checkin}/private-note", form: url.Values{"text": {"sneaky"}}, status: 404},
		{actor: "manager", method: "POST", url: "/checkins/{checkin}/actions", form: url.Values{"action_text": {""}, "owner_id": {"{E6}"}}, status: 422, want: []string{"Describe the action."}},
		{actor: "manager", method: "POST", url: "/checkins", form: url.Values{"report_id": {"{E8}"}, "cadence_days": {"14"}, "first_on": {"2026-05-20"}}, status: 422, want: []string{"Choose one of your direct reports."}},
		{actor: "manager", method: "GET", url: "/checkins", status: 200, want: []string{"Fay Wray", "Dee Dee"}},

		// Feedback.
		{actor: "manager", method: "GET", url: "/feedback", status: 200, want: []string{privateFeed}},
		{actor: "lead", method: "GET", url: "/feedback", status: 200, unwanted: []string{privateFeed}},
		{actor: "hr", method: "GET", url: "/feedback", status: 200, unwanted: []string{privateFeed}},
		{actor: "employee", method: "POST", url: "/feedback", form: url.Values{"to_id": {"{E4}"}, "text": {"me"}}, status: 422, want: []string{"Choose a colleague, not yourself."}},
		{actor: "employee", method: "POST", url: "/feedback", form: url.Values{"to_id": {"{E5}"}, "text": {"Great demo."}, "visibility": {"public"}}, status: 303},

		// Home: what is due.
		{actor: "lead", method: "GET", url: "/", status: 200, want: []string{"What’s due", "Write your self review", "Check-in with Bo Diddley", "Your scorecard"}},

		// The API.
		{actor: "token:employee", method: "GET", url: "/api/v1/metrics", status: 200, want: []string{`"key":"gross_margin"`, `"why":"Margin pays`}, unwanted: []string{"Secret draft"}},
		{actor: "token:hr", method: "GET", url: "/api/v1/metrics?status=all", status: 200, want: []string{"Secret draft"}},
		{actor: "token:employee", method: "POST", url: "/api/v1/metrics", form: jsonBody(`{"name":"x","perspective":"impact","direction":"higher","target":1,"floor":0,"combine":"sum","frequency":"monthly"}`), status: 403},
		{actor: "token:hr", method: "POST", url: "/api/v1/metrics", form: jsonBody(`{"name":"Volunteer hours","perspective":"impact","direction":"higher","target":40,"floor":0,"combine":"sum","frequency":"monthly","status":"published"}`),
			status: 422, want: []string{`"why"`}},
		{actor: "token:hr", method: "POST", url: "/api/v1/metrics", form: jsonBody(`{"name":"Volunteer hours","perspective":"impact","direction":"higher","target":40,"floor":0,"combine":"sum","frequency":"monthly","status":"published","why":"Service builds purpose."}`),
			status: 201, want: []string{`"key":"volunteer_hours"`}},
		{actor: "token:hr", method: "POST", url: "/api/v1/metrics", form: jsonBody(`{"name":"x","bogus":1}`), status: 422, want: []string{"Unknown field"}},
		{actor: "token:hr", method: "POST", url: "/api/v1/observations", form: jsonBody(`{"observations":[{"metric_key":"gross_margin","subject_type":"team","subject":"E6","period":"2026-04","value":25},{"metric_key":"gross_margin","subject":"E6","period":"2026-04","value":26}]}`),
			status: 422, want: []string{`"lines"`, `"line":2`, "already on line 1"}},
		{actor: "token:hr", method: "POST", url: "/api/v1/observations", form: jsonBody(`{"observations":[{"metric_key":"gross_margin","subject_type":"team","subject":"E6","period":"2026-04","value":25}]}`),
			status: 201, want: []string{`"created":1`}},
		{actor: "token:manager", method: "POST", url: "/api/v1/observations", form: jsonBody(`{"observations":[{"metric_key":"gross_margin","subject":"E2","period":"2026-04","value":99}]}`), status: 403},
		{actor: "token:employee", method: "GET", url: "/api/v1/observations", status: 403},
		{actor: "token:hr", method: "GET", url: "/api/v1/observations?metric_id={metric}&period=2026-03", status: 200, want: []string{`"total":2`}},
		{actor: "token:manager", method: "GET", url: "/api/v1/scorecards", status: 200, want: []string{"Fay Wray", `"composite":`}, unwanted: []string{"Cy Twombly"}},
		{actor: "token:manager", method: "GET", url: "/api/v1/scorecards/{E2}", status: 200, want: []string{`"why":"Margin pays`, `"balance_warning":{`, `"trend":{`, `"score":null`}},
		{actor: "token:employee", method: "GET", url: "/api/v1/scorecards/{E2}", status: 404},
		{actor: "token:manager", method: "GET", url: "/api/v1/scorecards/{E2}/metrics/{engagement}", status: 200, want: []string{`"formula":[`, `"observations":[{`}},
		{actor: "token:hr", method: "GET", url: "/api/v1/scorecards/export", status: 200, want: []string{"Bo Diddley", "Cy Twombly"}},
		{actor: "token:employee", method: "PUT", url: "/api/v1/scorecard-settings", form: jsonBody(`{"weights":{"financial":0},"financial_high":0.9,"purpose_low":0.6}`), status: 403},
		{actor: "token:hr", method: "PUT", url: "/api/v1/scorecard-settings", form: jsonBody(`{"weights":{"money":1},"financial_high":0.9,"purpose_low":0.6}`), status: 422},
		{actor: "token:lead", method: "GET", url: "/api/v1/reviews/{review}", status: 200, want: []string{fayDraft, `"your_part":"person"`, `"upward_feedback":{"collected":false`}},
		{actor: "token:manager", method: "GET", url: "/api/v1/reviews/{review}", status: 200, unwanted: []string{fayDraft}},
		{actor: "token:employee", method: "GET", url: "/api/v1/reviews/{review}", status: 404},
		{actor: "token:hr", method: "GET", url: "/api/v1/review-cycles", status: 200, want: []string{"Q1 2026 reviews"}},
		{actor: "token:manager", method: "GET", url: "/api/v1/review-cycles", status: 403},
		{actor: "token:manager", method: "GET", url: "/api/v1/checkins/{checkin}", status: 200, want: []string{sharedNote, "Margin trend"}, unwanted: []string{boPrivate, fayPrivate, "private"}},
		{actor: "token:lead", method: "GET", url: "/api/v1/checkins/{checkin}", status: 200, unwanted: []string{boPrivate, fayPrivate}},
		{actor: "token:hr", method: "GET", url: "/api/v1/checkins/{checkin}", status: 404},
		{actor: "token:lead", method: "POST", url: "/api/v1/checkins/{checkin}/actions", form: jsonBody(`{"text":"Share the plan","owner_id":{E6}}`), status: 201, want: []string{"Share the plan"}},
		{actor: "token:manager", method: "GET", url: "/api/v1/feedback", status: 200, want: []string{privateFeed}},
		{actor: "token:hr", method: "GET", url: "/api/v1/feedback", status: 200, unwanted: []string{privateFeed}},
		{actor: "token:lead", method: "GET", url: "/api/v1/due", status: 200, want: []string{"Write your self review"}},

		// Last, because it clears Fay's draft: submitting an empty self review is refused.
		{actor: "lead", method: "POST", url: "/reviews/{review}/self", form: url.Values{"self_text": {""}, "action": {"submit"}}, status: 422, want: []string{"Write your self review"}},
	}
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newPerfFixture(t, db)
		for _, s := range scenarios {
			t.Run(s.actor+" "+s.method+" "+s.url, func(t *testing.T) {
				var body io.Reader
				h := http.Header{}
				if js := s.form.Get("__json"); js != "" {
					body = strings.NewReader(f.expandPerf(js))
					h.Set("Content-Type", "application/json")
				} else if s.form != nil {
					form := url.Values{}
					for k, vs := range s.form {
						for _, v := range vs {
							form.Add(k, f.expandPerf(v))
						}
					}
					body = strings.NewReader(form.Encode())
					h.Set("Content-Type", "application/x-www-form-urlencoded")
				}
				w := f.do(t, s.actor, s.method, f.expandPerf(s.url), body, h)
				if w.Code != s.status {
					t.Fatalf("status %d, want %d; body: %.400s", w.Code, s.status, w.Body.String())
				}
				for _, x := range s.want {
					if !strings.Contains(w.Body.String(), x) {
						t.Errorf("body lacks %q", x)
					}
				}
				for _, x := range s.unwanted {
					if strings.Contains(w.Body.String(), x) {
						t.Errorf("body contains %q", x)
					}
				}
			})
		}
	})
}

// TestPrivateNotesNeverLeak requests every GET route, page and API, with every small id
// in every path parameter, as every role by session and by API token, plus every export:
// a private note appears only on its author's own check-in page. It then checks the
// audit log and the server's log lines.
func TestPrivateNotesNeverLeak(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newPerfFixture(t, db)
		var urls []string
		for _, p := range httpxPatterns(f.mux) {
			method, path, ok := strings.Cut(p, " ")
			if !ok || method != "GET" || strings.Contains(path, "{file}") {
				continue
			}
			path = strings.TrimSuffix(path, "{$}")
			if !strings.Contains(path, "{") {
				urls = append(urls, path)
				continue
			}
			for id := 1; id <= 14; id++ {
				u := strings.ReplaceAll(path, "{id}", itoa(int64(id)))
				for _, m := range []int64{f.metric, f.engagement} {
					urls = append(urls, strings.NewReplacer("{metric}", itoa(m), "{point}", "1", "{action}", "1").Replace(u))
				}
			}
		}
		urls = append(urls, "/api/v1/checkins/"+itoa(f.checkin), "/checkins/"+itoa(f.checkin)+"?x=1", "/api/v1/people/export", "/admin/export/people.csv",
			"/scorecards/export.csv", "/api/v1/scorecards/export", "/api/v1/openapi.json")
		if len(urls) < 200 {
			t.Fatalf("only %d URLs to check", len(urls))
		}
		own := "/checkins/" + itoa(f.checkin)
		for _, actor := range []string{"admin", "hr", "executive", "manager", "lead", "employee", "other"} {
			for _, as := range []string{actor, "token:" + actor} {
				for _, u := range urls {
					w := f.do(t, as, "GET", u, nil, nil)
					body := w.Body.String()
					for author, note := range map[string]string{"manager": boPrivate, "lead": fayPrivate} {
						if !strings.Contains(body, note) {
							continue
						}
						ownPage := as == author && strings.HasPrefix(u, own) && !strings.HasPrefix(u, "/api/")
						if !ownPage {
							t.Errorf("%s GET %s (%d) shows %s's private note", as, u, w.Code, author)
						}
					}
				}
			}
		}
		// Neither the audit log nor the log lines hold a note.
		err := db.Read(context.Background(), func(tx *store.Tx) error {
			entries, _, err := tx.FindAudit(context.Background(), 1000, 0)
			for _, e := range entries {
				if strings.Contains(e.Detail, boPrivate) || strings.Contains(e.Detail, fayPrivate) {
					t.Errorf("audit entry %+v holds a private note", e)
				}
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if logs := f.log.String(); strings.Contains(logs, boPrivate) || strings.Contains(logs, fayPrivate) || strings.Contains(logs, fayDraft) {
			t.Error("a log line holds private text")
		}
		if n := strings.Count(f.log.String(), "request"); n < len(urls) {
			t.Errorf("only %d log lines for %d requests: the log check saw nothing", n, len(urls))
		}
	})
}

// TestUploadObservations posts a values file: a bad one names every problem line and
// changes nothing; a good one is recorded; the same file again changes nothing.
func TestUploadObservations(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newPerfFixture(t, db)
		upload := func(actor, csv string, dry bool) string {
			var b strings.Builder
			b.WriteString("--X\r\nContent-Disposition: form-data; name=\"file\"; filename=\"values.csv\"\r\nContent-Type: text/csv\r\n\r\n")
			b.WriteString(csv)
			b.WriteString("\r\n")
			if dry {
				b.WriteString("--X\r\nContent-Disposition: form-data; name=\"dry_run\"\r\n\r\n1\r\n")
			}
			b.WriteString("--X--\r\n")
			w := f.do(t, actor, "POST", "/catalogue/import", strings.NewReader(b.String()), http.Header{"Content-Type": {"multipart/form-data; boundary=X"}})
			return fmt.Sprintf("%d %s %s", w.Code, w.Header().Get("Set-Cookie"), w.Body.String())
		}
		bad := "metric,subject,period,value\ngross_margin,E2,2026-04,31\nnope,E2,2026-04,1\ngross_margin,E99,2026-04,1\ngross_margin,E2,2026-05,lots\n"
		got := upload("hr", bad, false)
		for _, want := range []string{"422 ", "The file was not imported", "Unknown metric", "Unknown manager", "is not a number"} {
			if !strings.Contains(got, want) {
				t.Errorf("bad upload lacks %q", want)
			}
		}
		good := "metric,subject,period,value,note\ngross_margin,E2,2026-04,31,April close\nemployee_engagement,E6,2026-Q2,70,\n"
		if got := upload("hr", good, true); !strings.HasPrefix(got, "200 ") || !strings.Contains(got, "Dry run: 2 values: 2 new") {
			t.Errorf("dry run: %.300s", got)
		}
		if got := upload("hr", good, false); !strings.HasPrefix(got, "303 ") || !strings.Contains(got, "2+new") {
			t.Errorf("import: %.300s", got)
		}
		if got := upload("hr", good, false); !strings.Contains(got, "2+unchanged") {
			t.Errorf("re-import: %.300s", got)
		}
		if got := upload("manager", good, false); !strings.HasPrefix(got, "403 ") {
			t.Errorf("a manager uploads values: %.100s", got)
		}
	})
}
