package webhook

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"reflect"
	"strings"
	"testing"
	"time"

	"throughline/internal/model"
)

func TestSignAndVerify(t *testing.T) {
	body := []byte(`{"id":1,"event":"webhook.test"}`)
	now := time.Unix(1_800_000_000, 0)
	sig := Sign("whsec_x", now.Unix(), body)
	if !strings.HasPrefix(sig, "sha256=") || len(sig) != len("sha256=")+64 {
		t.Fatalf("signature %q, want sha256= and 64 hex digits", sig)
	}
	ts := "1800000000"
	for _, c := range []struct {
		name       string
		secret, ts string
		sig        string
		body       []byte
		now        time.Time
		want       error
	}{
		{name: "good", secret: "whsec_x", ts: ts, sig: sig, body: body, now: now},
		{name: "within tolerance", secret: "whsec_x", ts: ts, sig: sig, body: body, now: now.Add(4 * time.Minute)},
		{name: "wrong secret", secret: "whsec_y", ts: ts, sig: sig, body: body, now: now, want: ErrBadSignature},
		{name: "changed body", secret: "whsec_x", ts: ts, sig: sig, body: []byte(`{"id":2}`), now: now, want: ErrBadSignature},
		{name: "replayed later", secret: "whsec_x", ts: ts, sig: sig, body: body, now: now.Add(10 * time.Minute), want: ErrStale},
		{name: "new timestamp, old signature", secret: "whsec_x", ts: "1800000300", sig: sig, body: body, now: now.Add(5 * time.Minute), want: ErrBadSignature},
		{name: "not a timestamp", secret: "whsec_x", ts: "soon", sig: sig, body: body, now: now, want: ErrStale},
	} {
		if err := Verify(c.secret, c.ts, c.sig, c.body, c.now, 5*time.Minute); !errors.Is(err, c.want) {
			t.Errorf("%s: Verify = %v, want %v", c.name, err, c.want)
		}
	}
}

func TestSignKnownVector(t *testing.T) {
	// python3 -c 'import hmac,hashlib;print(hmac.new(b"key",b"1700000000.{}",hashlib.sha256).hexdigest())'
	const want = "sha256=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae"
	if got := Sign("key", 1_700_000_000, []byte("{}")); got != want {
		t.Fatalf("Sign = %q, want %q (HMAC-SHA256 of \"<timestamp>.<body>\")", got, want)
	}
}

func TestJSONEnvelope(t *testing.T) {
	data, _ := json.Marshal(IdeaAdopted{PostID: 7, Kind: "idea", Title: "Walking one-on-ones", URL: "https://tl.example/ideas/7"})
	b, err := Body(model.FormatJSON, NewEnvelope(42, model.EventIdeaAdopted, 1_800_000_000, string(data)))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got["id"] != float64(42) || got["event"] != "idea.adopted" || got["occurred_at"] != "2027-01-15T08:00:00Z" {
		t.Errorf("envelope %s, want id, event, occurred_at and data", b)
	}
	if d, _ := got["data"].(map[string]any); d["title"] != "Walking one-on-ones" || d["post_id"] != float64(7) {
		t.Errorf("data %v", got["data"])
	}
}

func TestSlackBody(t *testing.T) {
	cases := []struct {
		event string
		data  any
		want  []string
	}{
		{model.EventSurveyOpened, SurveyOpened{SurveyTitle: "Spring pulse", Round: 2, ClosesOn: "2026-03-13", Invited: 41, URL: "https://tl.example/pulses/9"},
			[]string{"Pulse survey *Spring pulse* (round 2) is open until Fri 13 Mar 2026: 41 people invited.", "<https://tl.example/pulses/9|Open in Throughline>"}},
		{model.EventReviewDue, ReviewDue{Name: "Q1 reviews", Period: "2026-Q1", SelfDue: "2026-04-10", Reviews: 12, URL: "/reviews"},
			[]string{"Review cycle *Q1 reviews* (2026-Q1) is open: 12 reviews, self-reviews due Fri 10 Apr 2026."}},
		{model.EventIdeaAdopted, IdeaAdopted{Kind: "practice", Title: "Friday demos"}, []string{"Best practice *Friday demos* was adopted."}},
		{model.EventHackathonResults, HackathonResults{Title: "Hack week", Winners: []Winner{{Place: 1, Title: "Route planner", Team: "Pathfinders"}, {Place: 2, Title: "Kiosk", Team: "K"}},
			AudienceChoice: &Winner{Title: "Kiosk", Team: "K"}},
			[]string{"Results of *Hack week* are out. 1st: *Route planner* (Pathfinders); 2nd: *Kiosk* (K); audience choice: *Kiosk* (K)."}},
		{model.EventWebhookTest, Test{Name: "#people-team"}, []string{"Test message from Throughline: the endpoint *#people-team* is connected."}},
	}
	for _, c := range cases {
		data, _ := json.Marshal(c.data)
		b, err := Body(model.FormatSlack, NewEnvelope(1, c.event, 1_800_000_000, string(data)))
		if err != nil {
			t.Fatalf("%s: %v", c.event, err)
		}
		var msg struct {
			Text   string `json:"text"`
			Blocks []struct {
				Type string `json:"type"`
				Text struct {
					Type string `json:"type"`
					Text string `json:"text"`
				} `json:"text"`
				Elements []struct {
					Type string `json:"type"`
					Text string `json:"text"`
				} `json:"elements"`
			} `json:"blocks"`
		}
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&msg); err != nil {
			t.Fatalf("%s: %v in %s", c.event, err, b)
		}
		if msg.Text == "" || len(msg.Blocks) != 2 || msg.Blocks[0].Type != "section" || msg.Blocks[0].Text.Type != "mrkdwn" ||
			msg.Blocks[1].Type != "context" || !strings.Contains(msg.Blocks[1].Elements[0].Text, c.event) {
			t.Errorf("%s: body %s is not a Slack message with a section and a context", c.event, b)
		}
		for _, w := range c.want {
			if !strings.Contains(msg.Blocks[0].Text.Text, w) {
				t.Errorf("%s: section %q lacks %q", c.event, msg.Blocks[0].Text.Text, w)
			}
		}
		if strings.Contains(msg.Text, "<http") {
			t.Errorf("%s: the plain-text fallback %q carries the link markup", c.event, msg.Text)
		}
		if strings.Contains(string(b), `"/reviews"`) || strings.Contains(msg.Blocks[0].Text.Text, "|Open in Throughline>") && !strings.Contains(string(data), "https://") {
			t.Errorf("%s: a relative link became a Slack link: %s", c.event, b)
		}
	}
}

// TestSlackEscapesOrganizationText: a title cannot mention @channel, forge a link or
// break out of the message.
func TestSlackEscapesOrganizationText(t *testing.T) {
	data, _ := json.Marshal(IdeaAdopted{Kind: "idea", Title: `<!channel> <https://evil.example|click> & "quotes"`})
	b, err := Body(model.FormatSlack, NewEnvelope(1, model.EventIdeaAdopted, 0, string(data)))
	if err != nil {
		t.Fatal(err)
	}
	var msg struct {
		Text string `json:"text"`
	}
	_ = json.Unmarshal(b, &msg)
	if strings.ContainsAny(strings.ReplaceAll(msg.Text, "&amp;", ""), "<>") || !strings.Contains(msg.Text, "&lt;!channel&gt;") || !strings.Contains(msg.Text, "&amp;") {
		t.Errorf("text %q: Slack's control characters are not escaped", msg.Text)
	}
}

// TestEventDataHasNoFreeText walks the event data types: every string field must be
// one of the known public ones (ids are numbers), so private text cannot slip in by a
// new field without this test changing.
func TestEventDataHasNoFreeText(t *testing.T) {
	allowed := map[string]bool{
		"SurveyOpened.SurveyTitle": true, "SurveyOpened.OpensOn": true, "SurveyOpened.ClosesOn": true, "SurveyOpened.URL": true,
		"ReviewDue.Name": true, "ReviewDue.Period": true, "ReviewDue.SelfDue": true, "ReviewDue.ManagerDue": true, "ReviewDue.SignoffDue": true, "ReviewDue.URL": true,
		"IdeaAdopted.Kind": true, "IdeaAdopted.Title": true, "IdeaAdopted.URL": true,
		"HackathonResults.Title": true, "HackathonResults.URL": true, "Winner.Title": true, "Winner.Team": true,
		"Test.Name": true, "Test.SentBy": true,
	}
	var walk func(rt reflect.Type)
	seen := map[reflect.Type]bool{}
	walk = func(rt reflect.Type) {
		for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice {
			rt = rt.Elem()
		}
		if rt.Kind() != reflect.Struct || seen[rt] {
			return
		}
		seen[rt] = true
		for i := 0; i < rt.NumField(); i++ {
			f := rt.Field(i)
			switch f.Type.Kind() {
			case reflect.String:
				if !allowed[rt.Name()+"."+f.Name] {
					t.Errorf("%s.%s is a text field no one has reviewed for privacy; add it to this test only if it can never hold private text", rt.Name(), f.Name)
				}
			case reflect.Interface, reflect.Map:
				t.Errorf("%s.%s can hold anything", rt.Name(), f.Name)
			default:
				walk(f.Type)
			}
		}
	}
	for _, v := range []any{SurveyOpened{}, ReviewDue{}, IdeaAdopted{}, HackathonResults{}, Test{}} {
		walk(reflect.TypeOf(v))
	}
}

func TestClean(t *testing.T) {
	for _, c := range []struct {
		in   string
		max  int
		want string
	}{
		{"ok", 10, "ok"},
		{"a\x00b", 10, "ab"},
		{"bad \xff byte", 20, "bad \uFFFD byte"},
		{"héllo", 2, "h"}, // never half a character
		{strings.Repeat("x", 2000), MaxResponseBody, strings.Repeat("x", MaxResponseBody)},
	} {
		if got := Clean(c.in, c.max); got != c.want {
			t.Errorf("Clean(%q, %d) = %q, want %q", c.in, c.max, got, c.want)
		}
	}
}

func TestPrivateAddress(t *testing.T) {
	for addr, private := range map[string]bool{
		"127.0.0.1": true, "10.1.2.3": true, "172.16.0.1": true, "192.168.1.1": true, "169.254.169.254": true,
		"100.64.0.1": true, "0.0.0.0": true, "::1": true, "fe80::1": true, "fd00::1": true, "::ffff:127.0.0.1": true,
		"::ffff:10.0.0.1": true, "64:ff9b::a00:1": true, "224.0.0.1": true, "255.255.255.255": true,
		"1.1.1.1": false, "93.184.216.34": false, "2606:4700:4700::1111": false,
	} {
		if got := model.PrivateAddress(netip.MustParseAddr(addr)); got != private {
			t.Errorf("PrivateAddress(%s) = %v, want %v", addr, got, private)
		}
	}
}

// TestSenderRefusesPrivateAddresses: without AllowPrivate, nothing reaches a loopback
// receiver, whether the URL names it by address or by a host name that resolves to it.
func TestSenderRefusesPrivateAddresses(t *testing.T) {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits++ }))
	defer srv.Close()
	s := NewSender(SenderOptions{})
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	for _, u := range []string{srv.URL, "http://localhost" + port + "/hook"} {
		res := s.Send(context.Background(), Request{URL: u, Event: "webhook.test", Secret: "s", Body: []byte("{}"), At: time.Now()})
		if res.OK() || res.StatusCode != 0 || !strings.Contains(res.Err, "THROUGHLINE_WEBHOOK_ALLOW_PRIVATE") {
			t.Errorf("%s: result %+v, want refused", u, res)
		}
		if strings.Contains(res.Err, "/hook") {
			t.Errorf("the error %q shows the URL's path", res.Err)
		}
	}
	if hits != 0 {
		t.Errorf("the receiver got %d requests", hits)
	}
	for _, u := range []string{"http://127.0.0.1/x", "http://[::1]/x", "http://localhost/x", "http://169.254.169.254/latest", "http://10.0.0.8/"} {
		if err := s.CheckHost(u); err == nil {
			t.Errorf("CheckHost(%s) = nil, want refused", u)
		}
	}
	if err := s.CheckHost("https://hooks.slack.com/services/T/B/X"); err != nil {
		t.Errorf("CheckHost(slack) = %v", err)
	}
	if err := NewSender(SenderOptions{AllowPrivate: true}).CheckHost("http://127.0.0.1/x"); err != nil {
		t.Errorf("with AllowPrivate, CheckHost = %v", err)
	}
}

func TestSenderOutcomes(t *testing.T) {
	var gotHeader http.Header
	var gotBody []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
			gotHeader = r.Header.Clone()
			gotBody, _ = io.ReadAll(r.Body)
			w.WriteHeader(204)
		case "/big":
			w.WriteHeader(500)
			_, _ = w.Write([]byte(strings.Repeat("e", 5000) + "\x00"))
		case "/redirect":
			http.Redirect(w, r, "/ok", http.StatusFound)
		case "/slow":
			time.Sleep(300 * time.Millisecond)
		}
	}))
	defer srv.Close()
	s := NewSender(SenderOptions{AllowPrivate: true, Timeout: 100 * time.Millisecond})
	at := time.Now()
	send := func(path string) Result {
		return s.Send(context.Background(), Request{URL: srv.URL + path, Event: "idea.adopted", DeliveryID: 5, Secret: "whsec_k", Body: []byte(`{"a":1}`), At: at})
	}
	if r := send("/ok"); !r.OK() || r.StatusCode != 204 {
		t.Errorf("/ok: %+v", r)
	}
	if err := Verify("whsec_k", gotHeader.Get(HeaderTimestamp), gotHeader.Get(HeaderSignature), gotBody, at, time.Minute); err != nil {
		t.Errorf("the receiver cannot verify the request: %v", err)
	}
	if gotHeader.Get(HeaderEvent) != "idea.adopted" || gotHeader.Get(HeaderDelivery) != "5" || gotHeader.Get("Content-Type") != "application/json" {
		t.Errorf("headers %v", gotHeader)
	}
	if r := send("/big"); r.OK() || r.StatusCode != 500 || len(r.Body) != MaxResponseBody || !strings.Contains(r.Err, "500") {
		t.Errorf("/big: status %d, %d bytes kept, err %q", r.StatusCode, len(r.Body), r.Err)
	}
	if r := send("/redirect"); r.OK() || r.StatusCode != 302 || !strings.Contains(r.Err, "redirect") {
		t.Errorf("/redirect: %+v", r)
	}
	if r := send("/slow"); r.OK() || r.StatusCode != 0 || !strings.Contains(r.Err, "no answer within") {
		t.Errorf("/slow: %+v", r)
	}
}
