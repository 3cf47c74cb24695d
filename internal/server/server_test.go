package server

import (
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"throughline/internal/api"
	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// fixture is the small organization behind a real handler, with a session token for
// each role.
type fixture struct {
	c       *core.Core
	h       http.Handler
	mux     *http.ServeMux
	cookies map[string]string // actor name → session token
	tokens  map[string]string // actor name → API token
	ids     map[string]int64  // employee id → person id
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	c := dbtest.NewCore(db)
	dbtest.MustImport(t, c, dbtest.SmallOrg)
	dbtest.MustAdmin(t, c)
	h, mux, _, err := build(c, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{c: c, h: h, mux: mux, cookies: map[string]string{}, tokens: map[string]string{}, ids: map[string]int64{}}
	for name, login := range map[string]string{
		"admin": "admin@example.org", "hr": "cy@example.org", "executive": "ada@example.org",
		"manager": "bo@example.org", "lead": "fay@example.org", "employee": "dee@example.org", "other": "gus@example.org",
	} {
		a := dbtest.MustActor(t, c, login) // sets the password
		tok, _, err := c.SignIn(context.Background(), model.SignInInput{Login: login, Password: dbtest.Password})
		if err != nil {
			t.Fatal(err)
		}
		f.cookies[name] = tok
		secret, _, err := c.CreateAPIToken(context.Background(), a, model.APITokenInput{Name: "test"})
		if err != nil {
			t.Fatal(err)
		}
		f.tokens[name] = secret
	}
	for _, e := range []string{"E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9"} {
		f.ids[e] = dbtest.MustPerson(t, c, e).ID
	}
	return f
}

// do sends a request as actor ("" for anonymous; "token:NAME" for an API token).
func (f *fixture) do(t *testing.T, actor, method, target string, body io.Reader, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, body)
	for k, v := range header {
		r.Header[k] = v
	}
	if name, ok := strings.CutPrefix(actor, "token:"); ok {
		r.Header.Set("Authorization", "Bearer "+f.tokens[name])
	} else if actor != "" {
		r.AddCookie(&http.Cookie{Name: "tl_session", Value: f.cookies[actor]})
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	return w
}

// expand replaces {E4}-style employee ids in a URL with person ids.
func (f *fixture) expand(u string) string {
	return regexp.MustCompile(`\{(E\d)\}`).ReplaceAllStringFunc(u, func(m string) string {
		return itoa(f.ids[m[1:len(m)-1]])
	})
}

func itoa(n int64) string { return strconvFormat(n) }

type scenario struct {
	actor, method, url string
	form               url.Values
	status             int
	want, unwanted     []string
}

// TestRoutesByRole is the table of role × route × expected status and content.
func TestRoutesByRole(t *testing.T) {
	scenarios := []scenario{
		// Anonymous: pages redirect to sign-in, the API says 401.
		{actor: "", method: "GET", url: "/", status: 303},
		{actor: "", method: "GET", url: "/people", status: 303},
		{actor: "", method: "GET", url: "/signin", status: 200, want: []string{"Sign in", `name="password"`}},
		{actor: "", method: "GET", url: "/api/v1/me", status: 401, want: []string{`"unauthenticated"`}},
		{actor: "", method: "GET", url: "/api/v1/people", status: 401},
		{actor: "", method: "GET", url: "/api/v1/openapi.json", status: 200, want: []string{`"openapi": "3.1.0"`}},
		{actor: "", method: "GET", url: "/healthz", status: 200},
		{actor: "", method: "GET", url: "/no/such/page", status: 404},

		// Homes by role.
		{actor: "admin", method: "GET", url: "/", status: 200, want: []string{"Recent imports", "Middle managers", "Accounts"}},
		{actor: "hr", method: "GET", url: "/", status: 200, want: []string{"Recent imports", "Your team"}},
		{actor: "executive", method: "GET", url: "/", status: 200, want: []string{"Departments", "Middle managers"}, unwanted: []string{"Recent imports"}},
		{actor: "manager", method: "GET", url: "/", status: 200, want: []string{"Your team", "Dee Dee", "Fay Wray"}, unwanted: []string{"Recent imports", "Middle managers</div>"}},
		{actor: "employee", method: "GET", url: "/", status: 200, want: []string{"Your peers", "Bo Diddley"}, unwanted: []string{"Your team", "Recent imports"}},

		// Directory and people.
		{actor: "employee", method: "GET", url: "/people?q=wray", status: 200, want: []string{"Fay Wray", "1 person"}, unwanted: []string{"Ivy Compton"}},
		{actor: "employee", method: "GET", url: "/people/{E7}", status: 200, want: []string{"Gus Grissom", "gus@example.org"}, unwanted: []string{"2022-07-01", "Employment"}},
		{actor: "employee", method: "GET", url: "/people/{E4}", status: 200, want: []string{"2020-04-01", "Employment"}},
		{actor: "manager", method: "GET", url: "/people/{E8}", status: 200, want: []string{"2023-08-01"}},
		{actor: "manager", method: "GET", url: "/people/{E7}", status: 200, unwanted: []string{"2022-07-01"}},
		{actor: "lead", method: "GET", url: "/people/{E5}", status: 200, unwanted: []string{"2021-05-01"}},
		{actor: "hr", method: "GET", url: "/people/{E9}", status: 200, want: []string{"2024-09-01", "Middle manager"}},
		{actor: "employee", method: "GET", url: "/people/999999", status: 404},
		{actor: "employee", method: "GET", url: "/people/abc", status: 404},
		{actor: "employee", method: "GET", url: "/people/{E2}/team", status: 200, want: []string{"Team of Bo Diddley", "Dee Dee"}, unwanted: []string{"Hire date", "2021-05-01"}},
		{actor: "manager", method: "GET", url: "/people/{E2}/team", status: 200, want: []string{"Your team", "Hire date", "2021-05-01"}},
		{actor: "employee", method: "GET", url: "/org", status: 200, want: []string{"Ada Lovelace", "Bo Diddley"}, unwanted: []string{"2015-01-05"}},
		{actor: "employee", method: "GET", url: "/org?root={E6}", status: 200, want: []string{"Hal Holbrook"}},
		{actor: "employee", method: "GET", url: "/account", status: 200, want: []string{"API tokens", "Sign out everywhere"}},
		{actor: "employee", method: "GET", url: "/help/import", status: 200, want: []string{"Accepted headers"}},

		// Admin pages: admin only; import and export: admin and hr.
		{actor: "admin", method: "GET", url: "/admin/accounts", status: 200, want: []string{"dee@example.org"}},
		{actor: "hr", method: "GET", url: "/admin/accounts", status: 403},
		{actor: "manager", method: "GET", url: "/admin/accounts", status: 403},
		{actor: "employee", method: "GET", url: "/admin/accounts/1", status: 403},
		{actor: "admin", method: "GET", url: "/admin/import", status: 200, want: []string{"Upload a CSV file"}},
		{actor: "hr", method: "GET", url: "/admin/import", status: 200},
		{actor: "executive", method: "GET", url: "/admin/import", status: 403},
		{actor: "employee", method: "GET", url: "/admin/import", status: 403},
		{actor: "hr", method: "GET", url: "/admin/export/people.csv", status: 200, want: []string{"employee_id,name,email", "E9,Ivy Compton"}},
		{actor: "manager", method: "GET", url: "/admin/export/people.csv", status: 403},
		{actor: "employee", method: "POST", url: "/admin/accounts", form: url.Values{"login": {"x@example.org"}, "role": {"admin"}}, status: 403},
		{actor: "manager", method: "POST", url: "/people/{E4}/middle-manager", form: url.Values{"override": {"yes"}}, status: 403},
		{actor: "hr", method: "POST", url: "/people/{E4}/middle-manager", form: url.Values{"override": {"yes"}}, status: 303},

		// Forms with errors come back with 422 and a message on the field.
		{actor: "admin", method: "POST", url: "/admin/accounts", form: url.Values{"login": {"not-an-email"}, "role": {"hr"}}, status: 422, want: []string{"Enter a valid email address.", `aria-invalid="true"`}},
		{actor: "", method: "POST", url: "/signin", form: url.Values{"login": {"dee@example.org"}, "password": {"wrong one"}}, status: 422, want: []string{"The email or password is incorrect."}},
		{actor: "", method: "POST", url: "/signin", form: url.Values{"login": {""}, "password": {""}}, status: 422, want: []string{"Enter your email."}},
		{actor: "employee", method: "POST", url: "/account/tokens", form: url.Values{"name": {""}}, status: 422, want: []string{"Give the token a name"}},

		// The API.
		{actor: "employee", method: "GET", url: "/api/v1/me", status: 200, want: []string{`"login":"dee@example.org"`, `"employee_id":"E4"`}},
		{actor: "token:employee", method: "GET", url: "/api/v1/me", status: 200, want: []string{`"role":"employee"`}},
		{actor: "token:employee", method: "GET", url: "/api/v1/people?limit=2&offset=4", status: 200, want: []string{`"total":9`, `"limit":2`}, unwanted: []string{`"employee_id"`, `"hire_date"`}},
		{actor: "token:employee", method: "GET", url: "/api/v1/people/{E7}", status: 200, want: []string{`"restricted":true`}, unwanted: []string{`"employee_id"`, "2022-07-01"}},
		{actor: "token:manager", method: "GET", url: "/api/v1/people/{E9}", status: 200, want: []string{`"restricted":false`, `"hire_date":"2024-09-01"`}},
		{actor: "token:employee", method: "GET", url: "/api/v1/people?limit=0", status: 422, want: []string{`"fields":{"limit"`}},
		{actor: "token:employee", method: "GET", url: "/api/v1/people?department_id=x", status: 422},
		{actor: "token:employee", method: "GET", url: "/api/v1/people/424242", status: 404, want: []string{`"not_found"`}},
		{actor: "token:employee", method: "GET", url: "/api/v1/departments", status: 200, want: []string{`"name":"Sales"`, `"headcount":6`}},
		{actor: "token:employee", method: "GET", url: "/api/v1/locations?limit=1", status: 200, want: []string{`"total":3`}},
		{actor: "token:employee", method: "GET", url: "/api/v1/departments/999", status: 404},
		{actor: "token:employee", method: "GET", url: "/api/v1/people/export", status: 403},
		{actor: "token:hr", method: "GET", url: "/api/v1/people/export", status: 200, want: []string{"E9,Ivy Compton"}},
		{actor: "token:employee", method: "POST", url: "/api/v1/people/import", status: 403},
		{actor: "token:employee", method: "GET", url: "/api/v1/nothing", status: 404, want: []string{"openapi.json"}},
		{actor: "token:admin", method: "GET", url: "/api/v1/audit", status: 200, want: []string{`"action":"sign_in"`}},
		{actor: "token:hr", method: "GET", url: "/api/v1/audit", status: 403},
		{actor: "admin", method: "GET", url: "/admin/audit", status: 200, want: []string{"sign_in", "people_imported"}},
		{actor: "hr", method: "GET", url: "/admin/audit", status: 403},
		{actor: "admin", method: "GET", url: "/admin/audit.csv", status: 200, want: []string{"id,at,actor,action"}},
		{actor: "manager", method: "GET", url: "/admin/audit.csv", status: 403},
	}
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		for _, s := range scenarios {
			name := s.actor + " " + s.method + " " + s.url
			t.Run(name, func(t *testing.T) {
				var body io.Reader
				h := http.Header{}
				if s.form != nil {
					body = strings.NewReader(s.form.Encode())
					h.Set("Content-Type", "application/x-www-form-urlencoded")
				}
				if s.method == "POST" && s.form == nil && strings.HasPrefix(s.url, "/api/") {
					body = strings.NewReader("employee_id,name,email\nZ1,Zed,z@example.org\n")
					h.Set("Content-Type", "text/csv")
				}
				w := f.do(t, s.actor, s.method, f.expand(s.url), body, h)
				if w.Code != s.status {
					t.Fatalf("status %d, want %d; body: %.300s", w.Code, s.status, w.Body.String())
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

// TestEmployeeSeesOnlyDirectoryFields requests every GET route, page and API, as an
// employee, with every other person's id, and checks that no private field of anyone
// else appears: hire dates and employee ids.
func TestEmployeeSeesOnlyDirectoryFields(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		private := map[string]string{ // employee id → hire date, for everyone but Dee (E4)
			"E1": "2015-01-05", "E2": "2016-02-01", "E3": "2017-03-01", "E5": "2021-05-01",
			"E6": "2019-06-01", "E7": "2022-07-01", "E8": "2023-08-01", "E9": "2024-09-01",
		}
		// Every GET route, with ids filled in for each person in turn.
		covered := map[string]bool{}
		var urls []string
		for _, p := range httpxPatterns(f.mux) {
			method, path, ok := strings.Cut(p, " ")
			if !ok || method != "GET" {
				continue
			}
			covered[p] = true
			switch {
			case strings.Contains(path, "{file}"), path == "/":
				continue
			case strings.Contains(path, "{id}"):
				for e := range private {
					urls = append(urls, strings.ReplaceAll(path, "{id}", itoa(f.ids[e])))
				}
			case strings.HasSuffix(path, "{$}"):
				urls = append(urls, strings.TrimSuffix(path, "{$}"))
			default:
				urls = append(urls, path)
			}
		}
		for e := range private {
			urls = append(urls, "/org?root="+itoa(f.ids[e]), "/people?q="+e, "/api/v1/people?q="+e, "/api/v1/people?manager_id="+itoa(f.ids[e]))
		}
		sort.Strings(urls)
		if len(covered) < 15 {
			t.Fatalf("only %d GET routes found", len(covered))
		}
		for _, actor := range []string{"employee", "token:employee"} {
			for _, u := range urls {
				w := f.do(t, actor, "GET", u, nil, nil)
				body := w.Body.String()
				for e, date := range private {
					if strings.Contains(body, date) {
						t.Errorf("%s GET %s (%d) shows %s's hire date", actor, u, w.Code, e)
					}
					if strings.Contains(body, `"employee_id":"`+e+`"`) || strings.Contains(body, `>`+e+`</dd>`) {
						t.Errorf("%s GET %s shows %s's employee id", actor, u, e)
					}
				}
			}
		}
	})
}

func TestOpenAPIListsEveryRoute(t *testing.T) {
	doc := api.Document()
	paths := doc["paths"].(map[string]any)
	h := api.New(nil, nil)
	seen := map[string]bool{}
	for _, r := range h.RouteList() {
		item, ok := paths[r[1]].(map[string]any)
		if !ok {
			t.Errorf("route %s %s is not in the OpenAPI document", r[0], r[1])
			continue
		}
		if _, ok := item[strings.ToLower(r[0])]; !ok {
			t.Errorf("route %s %s: the document has the path but not the method", r[0], r[1])
		}
		seen[r[0]+" "+r[1]] = true
	}
	for p, item := range paths {
		for m := range item.(map[string]any) {
			if !seen[strings.ToUpper(m)+" "+p] {
				t.Errorf("the document lists %s %s, which is not a route", strings.ToUpper(m), p)
			}
		}
	}
}

func TestSecurityHeadersAndCSRF(t *testing.T) {
	f := newFixture(t, dbtest.Open(t, store.SQLite))
	w := f.do(t, "employee", "GET", "/", nil, nil)
	csp := w.Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP = %q", csp)
	}
	for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"} {
		if got := w.Header().Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if w.Header().Get("X-Request-Id") == "" {
		t.Error("no request id")
	}
	// A cross-site form post is refused.
	h := http.Header{"Sec-Fetch-Site": {"cross-site"}, "Content-Type": {"application/x-www-form-urlencoded"}}
	if w := f.do(t, "employee", "POST", "/signout", strings.NewReader(""), h); w.Code != http.StatusForbidden {
		t.Errorf("cross-site POST: %d, want 403", w.Code)
	}
	// Same-origin works.
	h = http.Header{"Sec-Fetch-Site": {"same-origin"}, "Content-Type": {"application/x-www-form-urlencoded"}}
	if w := f.do(t, "employee", "POST", "/signout", strings.NewReader(""), h); w.Code != http.StatusSeeOther {
		t.Errorf("same-origin POST: %d, want 303", w.Code)
	}
}

func TestSessionCookieFlags(t *testing.T) {
	f := newFixture(t, dbtest.Open(t, store.SQLite))
	form := url.Values{"login": {"dee@example.org"}, "password": {dbtest.Password}, "next": {"//evil.example/"}}
	w := f.do(t, "", "POST", "/signin", strings.NewReader(form.Encode()), http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/" {
		t.Fatalf("sign-in: %d to %q, want 303 to / (an off-site next is ignored)", w.Code, w.Header().Get("Location"))
	}
	c := w.Result().Cookies()[0]
	if c.Name != "tl_session" || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
		t.Errorf("cookie %+v", c)
	}
	// Over HTTPS (through a trusted proxy or directly) the cookie is Secure.
	r := httptest.NewRequest("POST", "https://example.org/signin", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w = httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	if cs := w.Result().Cookies(); len(cs) == 0 || !cs[0].Secure {
		t.Errorf("cookie over HTTPS is not Secure: %+v", cs)
	}
}

func TestOperations(t *testing.T) {
	f := newFixture(t, dbtest.Open(t, store.SQLite))
	if w := f.do(t, "", "GET", "/readyz", nil, nil); w.Code != 200 || !strings.Contains(w.Body.String(), "ready") {
		t.Errorf("readyz: %d %s", w.Code, w.Body.String())
	}
	f.do(t, "employee", "GET", "/people/"+itoa(f.ids["E7"]), nil, nil)
	w := f.do(t, "", "GET", "/metrics", nil, nil)
	body := w.Body.String()
	for _, want := range []string{
		`throughline_http_requests_total{method="GET",route="GET /people/{id}",status="200"} 1`,
		`throughline_http_request_duration_seconds_bucket{route="GET /people/{id}",le="+Inf"} 1`,
		`throughline_db_open_connections{pool="`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if strings.Contains(body, "/people/"+itoa(f.ids["E7"])) {
		t.Error("metrics are labelled with a raw path")
	}
}

// TestUploadPeople posts files to the import page: a bad file shows the same
// line-numbered messages as the command line; a dry run changes nothing; a real one
// redirects with a flash.
func TestUploadPeople(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		upload := func(actor, csv string, fields map[string]string) *httptest.ResponseRecorder {
			var b strings.Builder
			mw := multipart.NewWriter(&b)
			fw, _ := mw.CreateFormFile("file", "people.csv")
			_, _ = fw.Write([]byte(csv))
			for k, v := range fields {
				_ = mw.WriteField(k, v)
			}
			_ = mw.Close()
			return f.do(t, actor, "POST", "/admin/import", strings.NewReader(b.String()), http.Header{"Content-Type": {mw.FormDataContentType()}})
		}
		bad := "employee_id,name,email,manager_id,hire_date\nN1,New One,n1@example.org,E99,2024-01-01\nN2,New Two,bad-email,E1,01/02/2024\n"
		w := upload("hr", bad, nil)
		for _, want := range []string{"The file was not imported", "Unknown manager &#34;E99&#34;", "is not a valid email address", "YYYY-MM-DD"} {
			if !strings.Contains(w.Body.String(), want) {
				t.Errorf("bad upload (%d) lacks %q", w.Code, want)
			}
		}
		if w.Code != 422 {
			t.Errorf("bad upload: %d, want 422", w.Code)
		}
		good := "employee_id,name,email,manager_id\nN1,New One,n1@example.org,E2\n"
		w = upload("hr", good, map[string]string{"dry_run": "1"})
		if w.Code != 200 || !strings.Contains(w.Body.String(), "Dry run: 1 rows: 1 created") {
			t.Errorf("dry run: %d %.200s", w.Code, w.Body.String())
		}
		if l, _ := f.c.Directory(context.Background(), model.System, model.PersonFilter{Query: "N1"}); l.Total != 0 {
			t.Error("the dry run wrote")
		}
		w = upload("hr", good, nil)
		if w.Code != 303 || !strings.Contains(w.Header().Get("Set-Cookie"), "1+created") {
			t.Errorf("import: %d, cookies %q", w.Code, w.Header().Get("Set-Cookie"))
		}
		if w := upload("manager", good, nil); w.Code != 403 {
			t.Errorf("manager upload: %d, want 403", w.Code)
		}
	})
}
