package core_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
	"throughline/internal/webhook"
)

// receiver is an HTTP server that records the requests it gets and answers with the
// statuses queued for it (200 when the queue is empty).
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	got      []received
	statuses []int
}

type received struct {
	header http.Header
	body   []byte
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	t.Helper()
	r := &receiver{statuses: statuses}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.got = append(r.got, received{header: req.Header.Clone(), body: b})
		status := http.StatusOK
		if len(r.statuses) > 0 {
			status, r.statuses = r.statuses[0], r.statuses[1:]
		}
		r.mu.Unlock()
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"ok":` + map[bool]string{true: "true", false: "false"}[status < 300] + `}`))
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) requests() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]received(nil), r.got...)
}

// hookWorld is the small organization with an admin, a fixed clock and a receiver.
type hookWorld struct {
	*collabWorld
	admin model.Actor
	now   time.Time
}

var hookNow = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func newHookWorld(t *testing.T, db *store.DB) *hookWorld {
	t.Helper()
	h := &hookWorld{now: hookNow}
	db.SetNow(func() time.Time { return h.now })
	h.collabWorld = newCollabWorld(t, db, 0)
	h.admin = dbtest.MustAdmin(t, h.c)
	return h
}

func (h *hookWorld) endpoint(t *testing.T, url string, format model.WebhookFormat, events ...string) (model.Webhook, string) {
	t.Helper()
	if len(events) == 0 {
		for _, e := range model.WebhookEvents {
			events = append(events, e.Name)
		}
	}
	w, secret, err := h.c.CreateWebhook(context.Background(), h.admin, model.WebhookInput{Name: "People team channel", URL: url, Format: format, Events: events, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	return w, secret
}

func (h *hookWorld) run(t *testing.T) int {
	t.Helper()
	n, err := h.c.RunDueJobs(context.Background(), "test-worker")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (h *hookWorld) deliveries(t *testing.T, f model.DeliveryFilter) []model.WebhookDelivery {
	t.Helper()
	l, err := h.c.WebhookDeliveries(context.Background(), h.admin, f)
	if err != nil {
		t.Fatal(err)
	}
	return l.Items
}

func (h *hookWorld) detail(t *testing.T, id int64) model.WebhookDeliveryDetail {
	t.Helper()
	d, err := h.c.WebhookDelivery(context.Background(), h.admin, id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// adoptIdea shares an idea and moves it to adopted, which emits idea.adopted.
func (h *hookWorld) adoptIdea(t *testing.T, title string) int64 {
	t.Helper()
	ctx := context.Background()
	id := must(h.c.CreatePost(ctx, h.actor("E8"), model.PostInput{Kind: model.KindIdea, Title: title, Body: "Plan the routes together."}))
	for _, s := range []model.PostStatus{model.PostUnderReview, model.PostAdopted} {
		if err := h.c.MovePost(ctx, h.actor("E6"), id, model.PostStatusInput{Status: s}); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

type envelope struct {
	ID         int64           `json:"id"`
	Event      string          `json:"event"`
	OccurredAt string          `json:"occurred_at"`
	Data       json.RawMessage `json:"data"`
}

// TestWebhookDeliveryIsSigned: adopting an idea reaches a JSON endpoint as a signed
// envelope the receiver can verify, and the delivery log records the attempt.
func TestWebhookDeliveryIsSigned(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		h := newHookWorld(t, db)
		rcv := newReceiver(t)
		w, secret := h.endpoint(t, rcv.URL+"/hooks/throughline", model.FormatJSON)
		if !strings.HasPrefix(secret, "whsec_") || len(secret) < 40 {
			t.Fatalf("secret %q", secret)
		}
		postID := h.adoptIdea(t, "Share tractor routes")
		if n := h.run(t); n != 1 {
			t.Fatalf("ran %d jobs, want the one delivery", n)
		}
		reqs := rcv.requests()
		if len(reqs) != 1 {
			t.Fatalf("the receiver got %d requests, want 1", len(reqs))
		}
		r := reqs[0]
		if err := webhook.Verify(secret, r.header.Get("X-Throughline-Timestamp"), r.header.Get("X-Throughline-Signature"), r.body, h.now, 5*time.Minute); err != nil {
			t.Errorf("signature: %v (headers %v)", err, r.header)
		}
		if err := webhook.Verify("whsec_other", r.header.Get("X-Throughline-Timestamp"), r.header.Get("X-Throughline-Signature"), r.body, h.now, 5*time.Minute); err == nil {
			t.Error("another secret verifies the signature")
		}
		var env envelope
		dec := json.NewDecoder(strings.NewReader(string(r.body)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&env); err != nil {
			t.Fatalf("body %s: %v", r.body, err)
		}
		var data webhook.IdeaAdopted
		_ = json.Unmarshal(env.Data, &data)
		if env.Event != model.EventIdeaAdopted || env.ID == 0 || env.OccurredAt != "2026-03-02T09:00:00Z" ||
			data.PostID != postID || data.Title != "Share tractor routes" || data.Kind != "idea" || data.URL != "/ideas/"+itoa(postID) {
			t.Errorf("envelope %s", r.body)
		}
		if r.header.Get("X-Throughline-Event") != model.EventIdeaAdopted || r.header.Get("Content-Type") != "application/json" {
			t.Errorf("headers %v", r.header)
		}
		ds := h.deliveries(t, model.DeliveryFilter{WebhookID: w.ID})
		if len(ds) != 1 || ds[0].Status != model.DeliverySucceeded || ds[0].Attempts != 1 || ds[0].LastStatusCode != 200 || ds[0].WebhookName != w.Name {
			t.Fatalf("deliveries %+v", ds)
		}
		if r.header.Get("X-Throughline-Delivery") != itoa(ds[0].ID) {
			t.Errorf("delivery header %q, want %d", r.header.Get("X-Throughline-Delivery"), ds[0].ID)
		}
		d := h.detail(t, ds[0].ID)
		if len(d.Attempts) != 1 || d.Attempts[0].StatusCode != 200 || d.Attempts[0].ResponseBody != `{"ok":true}` || d.Attempts[0].NextRetryAt != 0 ||
			d.Attempts[0].At != h.now.Unix() || d.Attempts[0].Error != "" {
			t.Errorf("attempts %+v", d.Attempts)
		}
		// An endpoint that does not subscribe gets nothing; a second one that does gets its own delivery of the same event.
		other := newReceiver(t)
		h.endpoint(t, other.URL, model.FormatJSON, model.EventSurveyOpened)
		h.adoptIdea(t, "Walking one-on-ones")
		h.run(t)
		if len(other.requests()) != 0 || len(rcv.requests()) != 2 {
			t.Errorf("requests: subscribed %d (want 2), not subscribed %d (want 0)", len(rcv.requests()), len(other.requests()))
		}
	})
}

// TestWebhookSlackBody: a Slack endpoint gets {"text", "blocks"} with the review cycle
// named, and the absolute link when the server knows its public URL.
func TestWebhookSlackBody(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		db.SetNow(func() time.Time { return may2026 })
		c := core.New(db, core.Options{Hasher: dbtest.FastHasher, BaseURL: "https://tl.example.org/", Webhooks: webhook.SenderOptions{AllowPrivate: true}})
		dbtest.MustImport(t, c, dbtest.SmallOrg)
		admin := dbtest.MustAdmin(t, c)
		rcv := newReceiver(t)
		ctx := context.Background()
		if _, _, err := c.CreateWebhook(ctx, admin, model.WebhookInput{Name: "Slack #managers", URL: rcv.URL + "/services/T0/B0/x", Format: model.FormatSlack,
			Events: []string{model.EventReviewDue}, Active: true}); err != nil {
			t.Fatal(err)
		}
		cy, err := c.CreateReviewCycle(ctx, admin, model.ReviewCycleInput{Name: "Q1 2026 reviews", Period: "2026-Q1", SelfDue: "2026-05-20", ManagerDue: "2026-05-31", SignoffDue: "2026-06-15"})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.OpenReviewCycle(ctx, admin, cy.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := c.RunDueJobs(ctx, "w"); err != nil {
			t.Fatal(err)
		}
		reqs := rcv.requests()
		if len(reqs) != 1 {
			t.Fatalf("%d requests, want 1", len(reqs))
		}
		var msg struct {
			Text   string `json:"text"`
			Blocks []struct {
				Type string `json:"type"`
				Text *struct {
					Type string `json:"type"`
					Text string `json:"text"`
				} `json:"text"`
				Elements []map[string]string `json:"elements"`
			} `json:"blocks"`
		}
		dec := json.NewDecoder(strings.NewReader(string(reqs[0].body)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&msg); err != nil {
			t.Fatalf("body %s: %v", reqs[0].body, err)
		}
		want := "Review cycle *Q1 2026 reviews* (2026-Q1) is open: 3 reviews, self-reviews due Wed 20 May 2026."
		if msg.Text != want {
			t.Errorf("text %q, want %q", msg.Text, want)
		}
		if len(msg.Blocks) != 2 || msg.Blocks[0].Type != "section" || msg.Blocks[0].Text == nil || msg.Blocks[0].Text.Type != "mrkdwn" ||
			!strings.Contains(msg.Blocks[0].Text.Text, "<https://tl.example.org/reviews|Open in Throughline>") {
			t.Errorf("blocks %s", reqs[0].body)
		}
	})
}

// TestWebhookRetriesWithBackoff: two 500s, then a 200. Each retry waits its backoff
// (within the jitter), the receiver sees the same event id each time, and the log
// records three attempts.
func TestWebhookRetriesWithBackoff(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		h := newHookWorld(t, db)
		rcv := newReceiver(t, 500, 503)
		h.endpoint(t, rcv.URL, model.FormatJSON, model.EventIdeaAdopted)
		h.adoptIdea(t, "Share tractor routes")
		for i, wait := range core.WebhookBackoff[:2] {
			start := h.now
			if n := h.run(t); n != 1 {
				t.Fatalf("attempt %d: ran %d jobs", i+1, n)
			}
			d := h.deliveries(t, model.DeliveryFilter{})[0]
			if d.Status != model.DeliveryPending || d.Attempts != i+1 {
				t.Fatalf("after attempt %d: %+v", i+1, d)
			}
			lo, hi := start.Add(wait*8/10).Unix(), start.Add(wait*12/10).Unix()
			if d.NextAttemptAt < lo || d.NextAttemptAt > hi {
				t.Errorf("attempt %d: next try in %ds, want %v ± 20%%", i+1, d.NextAttemptAt-start.Unix(), wait)
			}
			h.now = time.Unix(d.NextAttemptAt, 0).Add(-time.Second)
			if n := h.run(t); n != 0 {
				t.Errorf("attempt %d: a retry ran before its time", i+1)
			}
			h.now = time.Unix(d.NextAttemptAt, 0)
		}
		if n := h.run(t); n != 1 {
			t.Fatalf("third attempt: ran %d", n)
		}
		d := h.deliveries(t, model.DeliveryFilter{})[0]
		if d.Status != model.DeliverySucceeded || d.Attempts != 3 || d.LastStatusCode != 200 || d.LastError != "" || d.NextAttemptAt != 0 {
			t.Errorf("after the third attempt: %+v", d)
		}
		det := h.detail(t, d.ID)
		var codes []int
		for _, a := range det.Attempts {
			codes = append(codes, a.StatusCode)
		}
		if len(codes) != 3 || codes[0] != 500 || codes[1] != 503 || codes[2] != 200 || det.Attempts[0].NextRetryAt == 0 || det.Attempts[2].NextRetryAt != 0 ||
			!strings.Contains(det.Attempts[0].Error, "500") || det.Attempts[0].ResponseBody != `{"ok":false}` {
			t.Errorf("attempts %+v", det.Attempts)
		}
		ids := map[int64]bool{}
		for _, r := range rcv.requests() {
			var env envelope
			_ = json.Unmarshal(r.body, &env)
			ids[env.ID] = true
		}
		if len(ids) != 1 || len(rcv.requests()) != 3 {
			t.Errorf("%d requests with event ids %v, want 3 with one id", len(rcv.requests()), ids)
		}
		if jobs := must(h.c.Jobs(context.Background(), h.admin, "webhook.deliver", 5)); len(jobs) != 1 || jobs[0].Status != model.JobDone || jobs[0].Attempts != 3 {
			t.Errorf("jobs %+v", jobs)
		}
	})
}

// TestWebhookGivesUp: a receiver that always fails gets WebhookMaxAttempts tries, then
// the delivery fails and nothing more is sent, until an admin redelivers it. A 410
// turns the endpoint off at once.
func TestWebhookGivesUp(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		h := newHookWorld(t, db)
		statuses := make([]int, core.WebhookMaxAttempts)
		for i := range statuses {
			statuses[i] = 500
		}
		rcv := newReceiver(t, statuses...)
		w, _ := h.endpoint(t, rcv.URL, model.FormatJSON, model.EventIdeaAdopted)
		h.adoptIdea(t, "Share tractor routes")
		for i := 0; i < core.WebhookMaxAttempts+2; i++ {
			h.run(t)
			h.now = h.now.Add(15 * time.Hour) // past the longest backoff
		}
		if got := len(rcv.requests()); got != core.WebhookMaxAttempts {
			t.Fatalf("%d requests, want %d", got, core.WebhookMaxAttempts)
		}
		d := h.deliveries(t, model.DeliveryFilter{Status: model.DeliveryFailed})
		if len(d) != 1 || d[0].Attempts != core.WebhookMaxAttempts || d[0].NextAttemptAt != 0 || d[0].LastStatusCode != 500 {
			t.Fatalf("failed deliveries %+v", d)
		}
		if det := h.detail(t, d[0].ID); det.Attempts[len(det.Attempts)-1].NextRetryAt != 0 {
			t.Errorf("the last attempt has a next retry: %+v", det.Attempts[len(det.Attempts)-1])
		}
		if jobs := must(h.c.Jobs(context.Background(), h.admin, "webhook.deliver", 5)); len(jobs) != 1 || jobs[0].Status != model.JobFailed {
			t.Errorf("jobs %+v, want one failed", jobs)
		}
		// Redelivery: the receiver works again.
		ctx := context.Background()
		if err := h.c.RedeliverWebhook(ctx, h.actor("E6"), d[0].ID); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("a manager redelivers: %v", err)
		}
		if err := h.c.RedeliverWebhook(ctx, h.admin, d[0].ID); err != nil {
			t.Fatal(err)
		}
		if n := h.run(t); n != 1 {
			t.Fatalf("the redelivery ran %d jobs", n)
		}
		if got := h.deliveries(t, model.DeliveryFilter{})[0]; got.Status != model.DeliverySucceeded || got.Attempts != core.WebhookMaxAttempts+1 {
			t.Errorf("after redelivery: %+v", got)
		}
		wantCode(t, h.c.RedeliverWebhook(ctx, h.admin, d[0].ID), model.CodeConflict)

		// 410 Gone: no retry, and the endpoint turns off with a reason and an audit entry.
		gone := newReceiver(t, http.StatusGone)
		g, _ := h.endpoint(t, gone.URL, model.FormatSlack, model.EventIdeaAdopted)
		h.adoptIdea(t, "Walking one-on-ones")
		h.run(t)
		h.now = h.now.Add(24 * time.Hour)
		h.run(t)
		if n := len(gone.requests()); n != 1 {
			t.Errorf("the gone receiver got %d requests, want 1", n)
		}
		got := must(h.c.Webhook(ctx, h.admin, g.ID))
		if got.Active || !strings.Contains(got.DisabledReason, "410") {
			t.Errorf("endpoint after 410: %+v", got)
		}
		if still := must(h.c.Webhook(ctx, h.admin, w.ID)); !still.Active {
			t.Error("the other endpoint was turned off too")
		}
		log := must(h.c.AuditLog(ctx, h.admin, model.Page{Limit: 100}))
		if !hasAudit(log.Items, "webhook_disabled") {
			t.Error("no audit entry for the endpoint turned off")
		}
		// Events for an endpoint that is off are not sent, not even queued.
		h.adoptIdea(t, "Third idea")
		h.run(t)
		if n := len(gone.requests()); n != 1 {
			t.Errorf("an endpoint that is off got %d requests", n)
		}
	})
}

func hasAudit(entries []core.AuditEntry, action string) bool {
	for _, e := range entries {
		if e.Action == action {
			return true
		}
	}
	return false
}

// TestWebhookEventInTheSameTransaction: the event, its delivery and its job are written
// with the change. When the change rolls back after the event was emitted (here a
// database trigger refuses the audit entry, the last write of MovePost), nothing is
// left to send; when it commits, the delivery is waiting before any runner looks.
func TestWebhookEventInTheSameTransaction(t *testing.T) {
	for _, engine := range dbtest.EngineNames() {
		t.Run(engine, func(t *testing.T) {
			url := dbtest.NewURL(t, engine)
			db, err := store.Open(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			h := newHookWorld(t, db)
			rcv := newReceiver(t)
			h.endpoint(t, rcv.URL, model.FormatJSON)
			ctx := context.Background()
			id := must(h.c.CreatePost(ctx, h.actor("E8"), model.PostInput{Kind: model.KindIdea, Title: "Doomed idea", Body: "x"}))
			if err := h.c.MovePost(ctx, h.actor("E6"), id, model.PostStatusInput{Status: model.PostUnderReview}); err != nil {
				t.Fatal(err)
			}
			refuseAudit(t, engine, url, "post_adopted")
			if err := h.c.MovePost(ctx, h.actor("E6"), id, model.PostStatusInput{Status: model.PostAdopted}); err == nil {
				t.Fatal("the trigger did not make the change fail")
			}
			if p := must(h.c.Post(ctx, h.actor("E6"), id)); p.Post.Status != model.PostUnderReview {
				t.Fatalf("the change was not rolled back: %s", p.Post.Status)
			}
			if ds := h.deliveries(t, model.DeliveryFilter{}); len(ds) != 0 {
				t.Errorf("a rolled-back change left deliveries: %+v", ds)
			}
			if n := h.run(t); n != 0 || len(rcv.requests()) != 0 {
				t.Errorf("a rolled-back change sent %d requests (%d jobs)", len(rcv.requests()), n)
			}
			allowAudit(t, engine, url)
			if err := h.c.MovePost(ctx, h.actor("E6"), id, model.PostStatusInput{Status: model.PostAdopted}); err != nil {
				t.Fatal(err)
			}
			ds := h.deliveries(t, model.DeliveryFilter{Event: model.EventIdeaAdopted})
			if len(ds) != 1 || ds[0].Status != model.DeliveryPending {
				t.Fatalf("after the commit, deliveries %+v; want one pending", ds)
			}
			if jobs := must(h.c.Jobs(ctx, h.admin, "webhook.deliver", 5)); len(jobs) != 1 || jobs[0].Status != model.JobPending {
				t.Fatalf("jobs %+v", jobs)
			}
			if n := h.run(t); n != 1 || len(rcv.requests()) != 1 {
				t.Errorf("ran %d jobs, %d requests; want 1 and 1", n, len(rcv.requests()))
			}
		})
	}
}

// refuseAudit installs a trigger that refuses audit entries of one action.
func refuseAudit(t *testing.T, engine, url, action string) {
	t.Helper()
	stmts := []string{`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log WHEN NEW.action = '` + action + `' BEGIN SELECT RAISE(ABORT, 'refused by test'); END`}
	if engine == store.Postgres {
		stmts = []string{
			`CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$ LANGUAGE plpgsql`,
			`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW WHEN (NEW.action = '` + action + `') EXECUTE FUNCTION refuse_audit()`,
		}
	}
	rawExec(t, engine, url, stmts...)
}

func allowAudit(t *testing.T, engine, url string) {
	t.Helper()
	stmt := `DROP TRIGGER refuse_audit`
	if engine == store.Postgres {
		stmt = `DROP TRIGGER refuse_audit ON audit_log`
	}
	rawExec(t, engine, url, stmt)
}

func rawExec(t *testing.T, engine, url string, stmts ...string) {
	t.Helper()
	driver, dsn := "sqlite", store.SQLitePath(url)
	if engine == store.Postgres {
		driver, dsn = "pgx", url
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, s := range stmts {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestWebhookPayloadsHoldNoPrivateText: every event, emitted after private text was
// written nearby (pulse comments, review text, judges' comments, post comments,
// reflections), reaches the receiver without any of it.
func TestWebhookPayloadsHoldNoPrivateText(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		h := newHookWorld(t, db)
		ctx := context.Background()
		rcv := newReceiver(t)
		h.endpoint(t, rcv.URL, model.FormatJSON)
		slack := newReceiver(t)
		h.endpoint(t, slack.URL, model.FormatSlack)
		const secret = "PRIVATE-TEXT"

		// idea.adopted, after a comment and a long body.
		id := must(h.c.CreatePost(ctx, h.actor("E8"), model.PostInput{Kind: model.KindIdea, Title: "Route sharing", Body: "Body " + secret}))
		must(h.c.CommentOnPost(ctx, h.actor("E9"), id, model.CommentInput{Body: "Comment " + secret}))
		for _, s := range []model.PostStatus{model.PostUnderReview, model.PostAdopted} {
			if err := h.c.MovePost(ctx, h.actor("E6"), id, model.PostStatusInput{Status: s}); err != nil {
				t.Fatal(err)
			}
		}
		// hackathon.results, after judges' comments and submission texts.
		hid, _, subs := h.hackathonWithTeams(t, []string{"E1"}, []string{"E4", "E7"}, []string{"E9"})
		if err := h.c.AdvanceHackathon(ctx, h.actor("E3"), hid, model.HackJudging); err != nil {
			t.Fatal(err)
		}
		must(h.c.ScoreSubmission(ctx, h.actor("E1"), subs[0], model.ScoreInput{Impact: 4, Feasibility: 4, Alignment: 4, Innovation: 4, Comment: "Judge " + secret}))
		if err := h.c.Vote(ctx, h.actor("E8"), hid, subs[1]); err != nil {
			t.Fatal(err)
		}
		if err := h.c.PublishWinners(ctx, h.actor("E3"), hid, model.WinnersInput{Places: []int64{subs[0], subs[1]}}); err != nil {
			t.Fatal(err)
		}
		// survey.opened: a recurring pulse whose first round got comments; the second
		// round opens after them.
		qs := mustBank(t, h.c)
		s, err := h.c.CreateSurvey(ctx, model.System, model.SurveyInput{Title: "Monthly pulse", Intro: "Intro " + secret, Audience: model.AudienceEveryone,
			QuestionIDs: pulseQuestions(qs), OpensOn: "2026-03-02", OpenDays: 7, EveryWeeks: 4})
		if err != nil {
			t.Fatal(err)
		}
		round := openRoundOf(t, h.c, s.ID)
		sub := model.PulseAnswers{Answers: map[int64]int{}, Comments: map[int64]string{}}
		for _, q := range qs {
			if q.InPulse && q.Kind == model.KindComment {
				sub.Comments[q.ID] = "Answer " + secret
			}
		}
		if err := h.c.SubmitPulse(ctx, h.actor("E4"), round.ID, sub); err != nil {
			t.Fatal(err)
		}
		if err := h.c.CloseRound(ctx, model.System, round.ID); err != nil {
			t.Fatal(err)
		}
		h.now = h.now.Add(29 * 24 * time.Hour) // the next round's opening job is due
		// review.due, after a closed cycle's texts.
		cy := must(h.c.CreateReviewCycle(ctx, h.admin, model.ReviewCycleInput{Name: "Q1 reviews", Period: "2026-Q1", SelfDue: "2026-05-20", ManagerDue: "2026-05-31", SignoffDue: "2026-06-15"}))
		if err := h.c.OpenReviewCycle(ctx, h.admin, cy.ID); err != nil {
			t.Fatal(err)
		}
		rs := must(h.c.Reviews(ctx, h.actor("E6")))
		if len(rs.Own) > 0 {
			if err := h.c.SaveReviewText(ctx, h.actor("E6"), rs.Own[0].ID, "self", model.ReviewTextInput{Text: "Self " + secret}); err != nil {
				t.Fatal(err)
			}
		}
		cy2 := must(h.c.CreateReviewCycle(ctx, h.admin, model.ReviewCycleInput{Name: "Q2 reviews", Period: "2026-Q2", SelfDue: "2026-08-20", ManagerDue: "2026-08-31", SignoffDue: "2026-09-15"}))
		if err := h.c.OpenReviewCycle(ctx, h.admin, cy2.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := h.c.SendTestWebhook(ctx, h.admin, 1); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3; i++ {
			h.run(t)
		}
		events := map[string]int{}
		for _, r := range append(rcv.requests(), slack.requests()...) {
			if strings.Contains(string(r.body), secret) {
				t.Errorf("a payload holds private text: %s", r.body)
			}
			events[r.header.Get("X-Throughline-Event")]++
		}
		for _, e := range []string{model.EventIdeaAdopted, model.EventHackathonResults, model.EventSurveyOpened, model.EventReviewDue, model.EventWebhookTest} {
			if events[e] == 0 {
				t.Errorf("no %s was delivered (got %v)", e, events)
			}
		}
		if events[model.EventSurveyOpened] != 4 { // two rounds, two endpoints
			t.Errorf("%d survey.opened deliveries, want 4", events[model.EventSurveyOpened])
		}
		// The hackathon's results name the winners by place and the audience's choice.
		for _, r := range rcv.requests() {
			if r.header.Get("X-Throughline-Event") != model.EventHackathonResults {
				continue
			}
			var env struct {
				Data webhook.HackathonResults `json:"data"`
			}
			_ = json.Unmarshal(r.body, &env)
			if len(env.Data.Winners) != 2 || env.Data.Winners[0].Place != 1 || env.Data.Winners[0].Title != "Idea 1" || env.Data.Winners[0].Team != "Team 1" ||
				env.Data.AudienceChoice == nil || env.Data.AudienceChoice.Title != "Idea 2" {
				t.Errorf("hackathon results %s", r.body)
			}
		}
	})
}

func openRoundOf(t *testing.T, c *core.Core, surveyID int64) model.Round {
	t.Helper()
	d, err := c.Survey(context.Background(), model.System, surveyID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range d.Rounds {
		if r.Status == model.RoundOpen {
			return r
		}
	}
	t.Fatalf("no open round in %+v", d.Rounds)
	return model.Round{}
}

// TestWebhookAdministration: only admins manage endpoints; the audit log records each
// change without the secret or the URL's path; private addresses are refused unless
// allowed; a test goes to an endpoint that is off; deleting drops pending deliveries.
func TestWebhookAdministration(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		h := newHookWorld(t, db)
		ctx := context.Background()
		in := model.WebhookInput{Name: "Slack", URL: "https://hooks.example.com/services/T0/B0/SECRETPATH", Format: model.FormatSlack, Events: []string{model.EventIdeaAdopted}, Active: true}
		for _, a := range []model.Actor{h.actor("E3"), h.actor("E1"), h.actor("E6"), h.actor("E8"), {}} {
			_, _, err := h.c.CreateWebhook(ctx, a, in)
			if code := model.ErrorCodeOf(err); code != model.CodeForbidden && code != model.CodeUnauthenticated {
				t.Errorf("%s (%s) creates a webhook: %v", a.Name, a.Role, err)
			}
			if _, err := h.c.Webhooks(ctx, a); err == nil {
				t.Errorf("%s lists webhooks", a.Name)
			}
			if _, err := h.c.WebhookDeliveries(ctx, a, model.DeliveryFilter{}); err == nil {
				t.Errorf("%s reads the delivery log", a.Name)
			}
		}
		w, secret, err := h.c.CreateWebhook(ctx, h.admin, in)
		if err != nil {
			t.Fatal(err)
		}
		in.Events = []string{model.EventReviewDue, model.EventIdeaAdopted, model.EventReviewDue}
		in.Active = false
		w, err = h.c.UpdateWebhook(ctx, h.admin, w.ID, in)
		if err != nil || w.Active || len(w.Events) != 2 || w.Events[0] != model.EventReviewDue {
			t.Fatalf("update: %+v %v (events keep the canonical order, once each)", w, err)
		}
		renewed, err := h.c.RenewWebhookSecret(ctx, h.admin, w.ID)
		if err != nil || renewed == secret {
			t.Fatalf("renew: %v", err)
		}
		// The test message goes to an endpoint that is off; other events do not.
		rcv := newReceiver(t)
		off, _ := h.endpoint(t, rcv.URL, model.FormatJSON)
		off.Active = false
		if _, err := h.c.UpdateWebhook(ctx, h.admin, off.ID, model.WebhookInput{Name: off.Name, URL: off.URL, Format: off.Format, Events: off.Events}); err != nil {
			t.Fatal(err)
		}
		h.adoptIdea(t, "Unsent")
		if _, err := h.c.SendTestWebhook(ctx, h.admin, off.ID); err != nil {
			t.Fatal(err)
		}
		h.run(t)
		if reqs := rcv.requests(); len(reqs) != 1 || reqs[0].header.Get("X-Throughline-Event") != model.EventWebhookTest {
			t.Errorf("an endpoint that is off got %d requests, want only the test", len(reqs))
		}
		// Deleting an endpoint with a pending delivery: the job finds nothing to send.
		if _, err := h.c.SendTestWebhook(ctx, h.admin, w.ID); err != nil {
			t.Fatal(err)
		}
		if err := h.c.DeleteWebhook(ctx, h.admin, w.ID); err != nil {
			t.Fatal(err)
		}
		h.run(t)
		if ds := h.deliveries(t, model.DeliveryFilter{WebhookID: w.ID}); len(ds) != 0 {
			t.Errorf("a deleted endpoint keeps deliveries %+v", ds)
		}
		wantCode(t, h.c.DeleteWebhook(ctx, h.admin, w.ID), model.CodeNotFound)

		log := must(h.c.AuditLog(ctx, h.admin, model.Page{Limit: 100}))
		for _, action := range []string{"webhook_created", "webhook_updated", "webhook_secret_renewed", "webhook_deleted"} {
			if !hasAudit(log.Items, action) {
				t.Errorf("no %s in the audit log", action)
			}
		}
		for _, e := range log.Items {
			if strings.Contains(e.Detail, secret) || strings.Contains(e.Detail, renewed) || strings.Contains(e.Detail, "SECRETPATH") || strings.Contains(e.Detail, "whsec_") {
				t.Errorf("the audit log holds a secret: %+v", e)
			}
		}

		// Validation, and private addresses.
		_, _, err = h.c.CreateWebhook(ctx, h.admin, model.WebhookInput{Name: "", URL: "ftp://x", Format: "xml", Events: []string{"nope"}})
		if f := model.FieldsOf(err); f["name"] == "" || f["url"] == "" || f["format"] == "" || f["events"] == "" {
			t.Errorf("invalid input: %v", err)
		}
		strict := core.New(db, core.Options{Hasher: dbtest.FastHasher})
		for _, u := range []string{"http://127.0.0.1:9/x", "http://localhost/x", "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://10.0.0.5/"} {
			_, _, err := strict.CreateWebhook(ctx, h.admin, model.WebhookInput{Name: "x", URL: u, Format: model.FormatJSON, Events: []string{model.EventReviewDue}, Active: true})
			if model.FieldsOf(err)["url"] == "" {
				t.Errorf("%s: %v, want the URL refused", u, err)
			}
		}
	})
}

// TestWebhookRefusedAtDeliveryTime: an endpoint whose address became private (here:
// created while private addresses were allowed) is refused when dialled, and the
// attempt says why.
func TestWebhookRefusedAtDeliveryTime(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		h := newHookWorld(t, db)
		rcv := newReceiver(t)
		h.endpoint(t, rcv.URL, model.FormatJSON)
		strict := core.New(db, core.Options{Hasher: dbtest.FastHasher})
		h.adoptIdea(t, "Share tractor routes")
		if _, err := strict.RunDueJobs(context.Background(), "strict"); err != nil {
			t.Fatal(err)
		}
		if len(rcv.requests()) != 0 {
			t.Fatal("a server without THROUGHLINE_WEBHOOK_ALLOW_PRIVATE reached a loopback receiver")
		}
		d := h.deliveries(t, model.DeliveryFilter{})[0]
		if d.Status != model.DeliveryPending || d.LastStatusCode != 0 || !strings.Contains(d.LastError, "THROUGHLINE_WEBHOOK_ALLOW_PRIVATE") {
			t.Errorf("delivery %+v", d)
		}
	})
}

// TestWebhookHackathonFinished: finishing a hackathon by moving its phase publishes its
// results too (with no places yet), once.
func TestWebhookHackathonFinished(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		h := newHookWorld(t, db)
		ctx := context.Background()
		rcv := newReceiver(t)
		h.endpoint(t, rcv.URL, model.FormatJSON, model.EventHackathonResults)
		hid, _, _ := h.hackathonWithTeams(t, []string{"E1"}, []string{"E4"}, []string{"E9"})
		for _, phase := range []model.HackathonStatus{model.HackJudging, model.HackFinished} {
			if err := h.c.AdvanceHackathon(ctx, h.actor("E3"), hid, phase); err != nil {
				t.Fatal(err)
			}
		}
		h.run(t)
		reqs := rcv.requests()
		if len(reqs) != 1 {
			t.Fatalf("%d requests, want one hackathon.results", len(reqs))
		}
		var env struct {
			Event string                   `json:"event"`
			Data  webhook.HackathonResults `json:"data"`
		}
		_ = json.Unmarshal(reqs[0].body, &env)
		if env.Event != model.EventHackathonResults || env.Data.HackathonID != hid || env.Data.Title != "Bees" || len(env.Data.Winners) != 0 ||
			env.Data.URL != "/hackathons/"+itoa(hid)+"/results" {
			t.Errorf("event %s", reqs[0].body)
		}
	})
}
