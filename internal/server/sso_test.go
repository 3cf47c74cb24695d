package server

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"

	"throughline/internal/dbtest"
	"throughline/internal/sso"
	"throughline/internal/sso/ssotest"
	"throughline/internal/store"
)

// TestSingleSignOn runs the authorization code flow with PKCE against an OpenID
// provider started in-process, as a browser would: follow the redirects, keep cookies.
func TestSingleSignOn(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		idp := ssotest.New()
		defer idp.Close()
		c := dbtest.NewCore(db)
		dbtest.MustImport(t, c, dbtest.SmallOrg)
		dbtest.MustImport(t, c, "employee_id,name,email,manager_id\nE10,Jo March,jo@example.org,E3\n") // no role: no account yet
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		base := "http://" + ln.Addr().String()
		provider := sso.New(sso.Config{Issuer: idp.URL, ClientID: idp.ClientID, ClientSecret: idp.ClientSecret, Name: "Test IdP", RedirectURL: base + "/auth/oidc/callback"})
		h, _, _, err := build(c, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), SSO: provider})
		if err != nil {
			t.Fatal(err)
		}
		app := &httptest.Server{Listener: ln, Config: &http.Server{Handler: h}}
		app.Start()
		defer app.Close()

		browse := func(email string, verified bool) (*http.Response, string, *http.Client) {
			t.Helper()
			idp.Email, idp.Verified = email, verified
			jar, _ := cookiejar.New(nil)
			client := &http.Client{Jar: jar}
			resp, err := client.Get(app.URL + "/auth/oidc/start?next=/goals")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			return resp, string(body), client
		}

		// The sign-in page offers the provider.
		if w := httptestGet(h, "/signin"); !strings.Contains(w, "Sign in with Test IdP") {
			t.Error("the sign-in page does not offer single sign-on")
		}
		// An existing account, by verified email (any case), lands where it was going.
		resp, body, _ := browse("DEE@example.org", true)
		if resp.StatusCode != 200 || resp.Request.URL.Path != "/goals" || !strings.Contains(body, "Dee Dee") {
			t.Fatalf("existing account: %d at %s", resp.StatusCode, resp.Request.URL)
		}
		// A person without an account gets one.
		resp, body, _ = browse("jo@example.org", true)
		if resp.StatusCode != 200 || !strings.Contains(body, "Jo March") {
			t.Fatalf("person without an account: %d %.200s", resp.StatusCode, body)
		}
		// Unknown and unverified emails are refused.
		resp, body, _ = browse("stranger@example.org", true)
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "No active Throughline account") {
			t.Errorf("unknown email: %d", resp.StatusCode)
		}
		resp, body, _ = browse("dee@example.org", false)
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "not verified your email") {
			t.Errorf("unverified email: %d", resp.StatusCode)
		}
		// A state works once: replaying the callback fails.
		idp.Email, idp.Verified = "dee@example.org", true
		jar, _ := cookiejar.New(nil)
		noFollow := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		r1, err := noFollow.Get(app.URL + "/auth/oidc/start")
		if err != nil {
			t.Fatal(err)
		}
		r2, err := noFollow.Get(r1.Header.Get("Location"))
		if err != nil {
			t.Fatal(err)
		}
		callback := r2.Header.Get("Location")
		if !strings.Contains(callback, "code_challenge") && !strings.Contains(r1.Header.Get("Location"), "code_challenge_method=S256") {
			t.Error("the authorization request has no PKCE challenge")
		}
		r3, _ := noFollow.Get(callback)
		r4, _ := noFollow.Get(callback)
		if r3.StatusCode != http.StatusSeeOther || r4.StatusCode != http.StatusBadRequest {
			t.Errorf("callback twice: %d then %d, want 303 then 400", r3.StatusCode, r4.StatusCode)
		}
	})
}

func httptestGet(h http.Handler, path string) string {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	return w.Body.String()
}
