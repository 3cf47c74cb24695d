package server

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"throughline/internal/csvio"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// endless is a body of n bytes that starts with head and goes on with filler, made as
// it is read, so a test can send 65 MiB without holding it.
type endless struct {
	head   []byte
	filler byte
	n      int64 // bytes left
	read   int64 // bytes handed out
}

func newEndless(head string, filler byte, n int64) *endless {
	return &endless{head: []byte(head), filler: filler, n: n}
}

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > e.n {
		p = p[:e.n]
	}
	k := copy(p, e.head)
	e.head = e.head[k:]
	for i := k; i < len(p); i++ {
		p[i] = e.filler
	}
	e.n -= int64(len(p))
	e.read += int64(len(p))
	return len(p), nil
}

// send posts body as actor, with or without a declared length.
func (f *fixture) send(t *testing.T, actor, method, target, ctype string, body io.Reader, length int64) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, body)
	r.ContentLength = length
	r.Header.Set("Content-Type", ctype)
	if name, ok := strings.CutPrefix(actor, "token:"); ok {
		r.Header.Set("Authorization", "Bearer "+f.tokens[name])
	} else if actor != "" {
		r.AddCookie(&http.Cookie{Name: "tl_session", Value: f.cookies[actor]})
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	return w
}

// TestOversizedBodiesGet413: on representative routes of every kind (a page form, a
// CSV upload as a page form and through the API, a JSON API call, SCIM, and a path no
// route serves), a body over the limit gets 413, whether its length is declared or not.
func TestOversizedBodiesGet413(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		const mib = 1 << 20
		big := int64(csvio.MaxFileBytes + 2*mib)
		multipartHead := func() (string, string) {
			var b bytes.Buffer
			mw := multipart.NewWriter(&b)
			_, _ = mw.CreateFormFile("file", "people.csv")
			return b.String() + "employee_id,name,email\n", mw.FormDataContentType()
		}
		head, mpType := multipartHead()
		cases := []struct {
			name, actor, method, url, ctype, head string
			filler                                byte
			size                                  int64
			want                                  string
		}{
			{"page form", "manager", "POST", "/goals", "application/x-www-form-urlencoded", "title=", 'x', 2 * mib, "The form is larger than 1 MiB."},
			{"page upload", "admin", "POST", "/admin/import", mpType, head, 'x', big, "The file is larger than 64 MiB."},
			{"page upload of goals", "manager", "POST", "/goals/import", mpType, head, 'x', big, "larger than 64 MiB"},
			{"API JSON", "token:manager", "POST", "/api/v1/goals", "application/json", `{"title":"`, 'x', 2 * mib, `"code":"too_large"`},
			{"API JSON batch", "token:admin", "POST", "/api/v1/observations", "application/json", `{"observations":[`, ' ', 5 * mib, "larger than 4 MiB"},
			{"API CSV", "token:admin", "POST", "/api/v1/observations/import", "text/csv", "metric,subject_type,subject,period,value\n", 'x', big, `"code":"too_large"`},
			{"API people CSV", "token:admin", "POST", "/api/v1/people/import", "text/csv", "employee_id,name,email\n", 'x', big, "The file is larger than 64 MiB."},
			{"SCIM", "token:admin", "POST", "/scim/v2/Users", "application/scim+json", `{"userName":"`, 'x', 2 * mib, "larger than 1 MiB"},
			{"no route", "", "POST", "/no/such/route", "text/plain", "", 'x', big, ""},
		}
		for _, c := range cases {
			for _, declared := range []bool{false, true} {
				if c.url == "/no/such/route" && !declared {
					continue // nothing reads the body: 404
				}
				length := int64(-1)
				if declared {
					length = c.size
				}
				body := newEndless(c.head, c.filler, c.size)
				w := f.send(t, c.actor, c.method, c.url, c.ctype, body, length)
				if w.Code != http.StatusRequestEntityTooLarge {
					t.Errorf("%s (length declared: %v): %d, want 413; %.300s", c.name, declared, w.Code, w.Body)
					continue
				}
				if c.want != "" && !declared && !strings.Contains(w.Body.String(), c.want) {
					t.Errorf("%s: the answer lacks %q: %.300s", c.name, c.want, w.Body)
				}
				if body.read > MaxBodyBytes+64<<10 {
					t.Errorf("%s: the server read %d bytes, past its limit of %d", c.name, body.read, int64(MaxBodyBytes))
				}
			}
		}
	})
}

// TestEveryWriteRouteBoundsItsBody sends every POST, PUT, PATCH and DELETE route (pages,
// API, SCIM) a body of 1 MiB and 64 KiB, as an admin, and counts what the handler
// reads: at most 1 MiB (and a byte) everywhere but the uploads, which are listed with
// their own limits. A route whose handler forgot its limit reads the whole body.
func TestEveryWriteRouteBoundsItsBody(t *testing.T) {
	db := dbtest.Open(t, store.SQLite)
	f := newFixture(t, db)
	const limit = 1 << 20
	size := int64(limit + 64<<10)
	larger := map[string]int64{
		"POST /admin/import":               MaxBodyBytes,
		"POST /goals/import":               MaxBodyBytes,
		"POST /catalogue/import":           MaxBodyBytes,
		"POST /api/v1/people/import":       MaxBodyBytes,
		"POST /api/v1/goals/import":        MaxBodyBytes,
		"POST /api/v1/observations/import": MaxBodyBytes,
		"POST /api/v1/observations":        4 << 20,
	}
	ctx := context.Background()
	n := 0
	for _, p := range httpxPatterns(f.mux) {
		method, path, ok := strings.Cut(p, " ")
		if !ok || method == "GET" || method == "HEAD" {
			continue
		}
		n++
		target := strings.NewReplacer("{id}", "1", "{action}", "1", "{point}", "1", "{person}", "1", "{metric}", "1").Replace(path)
		actor, ctype, head := "admin", "application/x-www-form-urlencoded", "a="
		switch {
		case strings.HasPrefix(path, "/api/"), strings.HasPrefix(path, "/scim/"):
			actor, ctype, head = "token:admin", "application/json", `{"name":"`
		}
		// Fresh credentials for every route: some sign out or revoke tokens.
		tok, _, err := f.c.SignIn(ctx, model.SignInInput{Login: "admin@example.org", Password: dbtest.Password})
		if err != nil {
			t.Fatal(err)
		}
		a, err := f.c.Authenticate(ctx, tok)
		if err != nil {
			t.Fatal(err)
		}
		f.cookies["admin"] = tok
		if f.tokens["admin"], _, err = f.c.CreateAPIToken(ctx, a, model.APITokenInput{Name: "limit test"}); err != nil {
			t.Fatal(err)
		}
		body := newEndless(head, 'x', size)
		w := f.send(t, actor, method, target, ctype, body, -1)
		signsOut := strings.Contains(path, "signout")
		if w.Code == http.StatusUnauthorized || !signsOut && strings.HasPrefix(w.Header().Get("Location"), "/signin") {
			t.Errorf("%s: %d %s, the request did not reach the handler", p, w.Code, w.Header().Get("Location"))
		}
		max := int64(limit + 1)
		if l, ok := larger[p]; ok {
			max = l + 1
		}
		if body.read > max {
			t.Errorf("%s read %d bytes of its body, more than its limit of %d", p, body.read, max-1)
		}
	}
	if n < 60 {
		t.Fatalf("only %d write routes found", n)
	}
}
