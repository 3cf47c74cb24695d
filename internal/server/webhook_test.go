package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"throughline/internal/dbtest"
	"throughline/internal/store"
)

// TestWebhookRoutesByRole: every webhook route, page and API, is the admin's alone;
// everyone else gets 403 (401 or the sign-in page when anonymous). Then the admin's
// whole round trip: create (the secret shown once), change, send a test that reaches
// a receiver, read the log, redeliver a failure, delete.
func TestWebhookRoutesByRole(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		var mu sync.Mutex
		var got []string
		rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			mu.Lock()
			got = append(got, r.Header.Get("X-Throughline-Event")+" "+string(b))
			mu.Unlock()
			if strings.HasSuffix(r.URL.Path, "/fail") {
				w.WriteHeader(http.StatusGone)
				return
			}
			w.WriteHeader(http.StatusNoContent)
		}))
		defer rcv.Close()
		jsonHeader := http.Header{"Content-Type": {"application/json"}}
		formHeader := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
		run := func() {
			if _, err := f.c.RunDueJobs(context.Background(), "test"); err != nil {
				t.Fatal(err)
			}
		}

		// An endpoint and a delivery to aim at.
		w := f.do(t, "token:admin", "POST", "/api/v1/webhooks", strings.NewReader(`{"name":"Ops","url":"`+rcv.URL+`/hook","format":"json","events":["idea.adopted","review.due"]}`), jsonHeader)
		if w.Code != 201 {
			t.Fatalf("create: %d %s", w.Code, w.Body)
		}
		var created struct {
			Data struct {
				ID     int64    `json:"id"`
				Secret string   `json:"secret"`
				Events []string `json:"events"`
				Active bool     `json:"active"`
			} `json:"data"`
		}
		_ = json.Unmarshal(w.Body.Bytes(), &created)
		if !strings.HasPrefix(created.Data.Secret, "whsec_") || !created.Data.Active || len(created.Data.Events) != 2 {
			t.Fatalf("created %s", w.Body)
		}
		hook := itoa(created.Data.ID)
		w = f.do(t, "token:admin", "POST", "/api/v1/webhooks/"+hook+"/test", nil, nil)
		if w.Code != 202 {
			t.Fatalf("test: %d %s", w.Code, w.Body)
		}
		var accepted struct {
			Data struct {
				ID int64 `json:"id"`
			} `json:"data"`
		}
		_ = json.Unmarshal(w.Body.Bytes(), &accepted)
		delivery := itoa(accepted.Data.ID)
		run()

		routes := []struct{ method, url string }{
			{"GET", "/admin/webhooks"}, {"POST", "/admin/webhooks"}, {"GET", "/admin/webhooks/" + hook}, {"POST", "/admin/webhooks/" + hook},
			{"POST", "/admin/webhooks/" + hook + "/delete"}, {"POST", "/admin/webhooks/" + hook + "/test"}, {"POST", "/admin/webhooks/" + hook + "/secret"},
			{"GET", "/admin/webhook-deliveries"}, {"GET", "/admin/webhook-deliveries/" + delivery}, {"POST", "/admin/webhook-deliveries/" + delivery + "/redeliver"},
			{"GET", "/api/v1/webhooks"}, {"POST", "/api/v1/webhooks"}, {"GET", "/api/v1/webhooks/" + hook}, {"PUT", "/api/v1/webhooks/" + hook},
			{"DELETE", "/api/v1/webhooks/" + hook}, {"POST", "/api/v1/webhooks/" + hook + "/test"}, {"POST", "/api/v1/webhooks/" + hook + "/secret"},
			{"GET", "/api/v1/webhook-deliveries"}, {"GET", "/api/v1/webhook-deliveries/" + delivery}, {"POST", "/api/v1/webhook-deliveries/" + delivery + "/redeliver"},
		}
		for _, rt := range routes {
			api := strings.HasPrefix(rt.url, "/api/")
			for _, actor := range []string{"", "employee", "lead", "manager", "executive", "hr", "other"} {
				who, want := actor, http.StatusForbidden
				switch {
				case actor == "" && api:
					want = http.StatusUnauthorized
				case actor == "":
					want = http.StatusSeeOther
				case api:
					who = "token:" + actor
				}
				var body io.Reader
				h := formHeader
				if api {
					h = jsonHeader
				}
				if rt.method != "GET" && rt.method != "DELETE" {
					if api {
						body = strings.NewReader(`{"name":"x","url":"https://example.com/x","format":"json","events":["review.due"]}`)
					} else {
						body = strings.NewReader(url.Values{"name": {"x"}, "url": {"https://example.com/x"}, "format": {"json"}, "events": {"review.due"}}.Encode())
					}
				}
				if w := f.do(t, who, rt.method, rt.url, body, h); w.Code != want {
					t.Errorf("%s %s as %q: %d, want %d", rt.method, rt.url, who, w.Code, want)
				}
			}
		}
		if n := len(got); n != 1 {
			t.Fatalf("the receiver got %d requests, want only the admin's test: %v", n, got)
		}

		// The admin's pages.
		check := func(actor, method, u string, body io.Reader, h http.Header, status int, want []string, unwanted ...string) *httptest.ResponseRecorder {
			t.Helper()
			w := f.do(t, actor, method, u, body, h)
			if w.Code != status {
				t.Fatalf("%s %s: %d, want %d; %.400s", method, u, w.Code, status, w.Body)
			}
			for _, x := range want {
				if !strings.Contains(w.Body.String(), x) {
					t.Errorf("%s %s lacks %q", method, u, x)
				}
			}
			for _, x := range unwanted {
				if strings.Contains(w.Body.String(), x) {
					t.Errorf("%s %s contains %q", method, u, x)
				}
			}
			return w
		}
		check("admin", "GET", "/", nil, nil, 200, []string{`href="/admin/webhooks"`})
		check("hr", "GET", "/", nil, nil, 200, nil, `href="/admin/webhooks"`)
		host := strings.TrimPrefix(rcv.URL, "http://")
		check("admin", "GET", "/admin/webhooks", nil, nil, 200, []string{"Ops", host, "idea.adopted", "Delivered"}, created.Data.Secret, rcv.URL+"/hook")
		check("admin", "POST", "/admin/webhooks", strings.NewReader(url.Values{"name": {""}, "url": {"ftp://x"}, "format": {"slack"}}.Encode()), formHeader, 422,
			[]string{"Give the endpoint a name", "Enter a full http:// or https:// URL.", "Choose at least one event.", `aria-invalid="true"`})
		w = check("admin", "POST", "/admin/webhooks", strings.NewReader(url.Values{"name": {"Slack #leads"}, "url": {rcv.URL + "/fail"}, "format": {"slack"},
			"events": {"idea.adopted", "hackathon.results"}, "active": {"1"}}.Encode()), formHeader, 201, []string{"Endpoint created.", "whsec_", "it is not shown again"})
		slackID := regexpFind(t, w.Body.String(), `action="/admin/webhooks/(\d+)/test"`)
		check("admin", "GET", "/admin/webhooks/"+slackID, nil, nil, 200, []string{"Slack #leads", "X-Throughline-Signature", `value="idea.adopted" checked`}, "whsec_")
		check("admin", "POST", "/admin/webhooks/"+slackID, strings.NewReader(url.Values{"name": {"Slack #leads"}, "url": {rcv.URL + "/fail"}, "format": {"slack"},
			"events": {"review.due"}}.Encode()), formHeader, 303, nil)
		check("admin", "GET", "/admin/webhooks/"+slackID, nil, nil, 200, []string{`value="review.due" checked`, `badge red">Off`}, `value="idea.adopted" checked`)
		check("admin", "POST", "/admin/webhooks/"+slackID, strings.NewReader(url.Values{"name": {""}, "url": {rcv.URL}, "format": {"slack"}}.Encode()), formHeader, 422,
			[]string{"Give the endpoint a name"})
		w = check("admin", "POST", "/admin/webhooks/"+slackID+"/test", nil, nil, 303, nil)
		failedAt := w.Header().Get("Location")
		if !strings.HasPrefix(failedAt, "/admin/webhook-deliveries/") {
			t.Fatalf("test redirects to %q", failedAt)
		}
		run()
		check("admin", "GET", failedAt, nil, nil, 200, []string{"webhook.test", "Failed", "410", "Send again", `id="attempts"`, `&#34;name&#34;: &#34;Slack #leads&#34;`})
		check("admin", "GET", "/admin/webhooks/"+slackID, nil, nil, 200, []string{"Turned off by Throughline", "410 Gone"})
		check("admin", "GET", "/admin/webhook-deliveries?status=failed", nil, nil, 200, []string{"1 delivery", "Slack #leads"}, ">#"+delivery+"<")
		check("admin", "GET", "/admin/webhook-deliveries?webhook_id="+hook+"&event=webhook.test", nil, nil, 200, []string{"1 delivery", "Delivered"})
		check("admin", "GET", "/admin/webhook-deliveries?status=nonsense", nil, nil, 422, nil)
		check("admin", "POST", failedAt+"/redeliver", nil, nil, 303, nil)
		check("admin", "POST", "/admin/webhook-deliveries/"+delivery+"/redeliver", nil, nil, 409, []string{"succeeded"})
		check("admin", "POST", "/admin/webhooks/"+slackID+"/secret", nil, nil, 200, []string{"whsec_", "it is not shown again"})
		check("admin", "POST", "/admin/webhooks/"+slackID+"/delete", nil, nil, 303, nil)
		check("admin", "GET", "/admin/webhooks/"+slackID, nil, nil, 404, nil)

		// The API.
		check("token:admin", "GET", "/api/v1/webhooks", nil, nil, 200, []string{`"name":"Ops"`, `"pending_deliveries":0`}, `"secret"`, created.Data.Secret)
		check("token:admin", "POST", "/api/v1/webhooks", strings.NewReader(`{"name":"x","url":"https://example.com","format":"json","events":["review.due"],"secret":"mine"}`), jsonHeader, 422, []string{`Unknown field \"secret\"`})
		check("token:admin", "POST", "/api/v1/webhooks", strings.NewReader(`{"name":"x","url":"https://example.com","format":"xml","events":[]}`), jsonHeader, 422, []string{`"format"`, `"events"`})
		check("token:admin", "PUT", "/api/v1/webhooks/"+hook, strings.NewReader(`{"name":"Ops renamed","url":"`+rcv.URL+`/hook","format":"json","events":["survey.opened"],"active":false}`), jsonHeader, 200,
			[]string{`"name":"Ops renamed"`, `"events":["survey.opened"]`, `"active":false`})
		check("token:admin", "GET", "/api/v1/webhook-deliveries?webhook_id="+hook, nil, nil, 200, []string{`"status":"succeeded"`, `"event":"webhook.test"`, `"total":1`})
		check("token:admin", "GET", "/api/v1/webhook-deliveries?status=bogus", nil, nil, 422, nil)
		check("token:admin", "GET", "/api/v1/webhook-deliveries/"+delivery, nil, nil, 200, []string{`"attempts":[{"attempt":1`, `"status_code":204`, `"data":{"name":"Ops"`})
		check("token:admin", "POST", "/api/v1/webhooks/"+hook+"/secret", nil, nil, 200, []string{`"secret":"whsec_`})
		check("token:admin", "DELETE", "/api/v1/webhooks/"+hook, nil, nil, 204, nil)
		check("token:admin", "GET", "/api/v1/webhooks/"+hook, nil, nil, 404, nil)
		check("token:admin", "GET", "/api/v1/webhook-deliveries/"+delivery, nil, nil, 404, nil)
		check("token:admin", "GET", "/api/v1/audit?limit=100", nil, nil, 200, []string{`"action":"webhook_created"`, `"action":"webhook_updated"`, `"action":"webhook_deleted"`, `"action":"webhook_disabled"`},
			created.Data.Secret, rcv.URL+"/hook")
	})
}

// regexpFind returns the first group of pattern in s.
func regexpFind(t *testing.T, s, pattern string) string {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no %s in %.300s", pattern, s)
	}
	return m[1]
}
