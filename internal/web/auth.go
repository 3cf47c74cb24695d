package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"throughline/internal/httpx"
	"throughline/internal/model"
)

// SignInPage is the sign-in form.
type SignInPage struct {
	Page
	Form  Form
	Next  string
	Error string
}

// safeNext keeps a post-sign-in redirect on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return next
}

func (h *Handler) signInForm(w http.ResponseWriter, r *http.Request) {
	if !httpx.ActorFrom(r.Context()).Anonymous() {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	h.render(w, r, http.StatusOK, "signin", &SignInPage{Page: Page{Title: "Sign in"}, Next: safeNext(r.URL.Query().Get("next"))})
}

func (h *Handler) signIn(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	in := model.SignInInput{
		Login: r.PostForm.Get("login"), Password: r.PostForm.Get("password"),
		Address: httpx.ClientIP(r, h.trustProxy), Agent: r.UserAgent(),
	}
	next := safeNext(r.PostForm.Get("next"))
	token, _, err := h.core.SignIn(r.Context(), in)
	if err != nil {
		code := model.ErrorCodeOf(err)
		if code != model.CodeInvalid && code != model.CodeTooMany {
			h.fail(w, r, err)
			return
		}
		form := formFrom(r, err)
		form.Values.Del("password")
		status := http.StatusUnprocessableEntity
		if code == model.CodeTooMany {
			status = http.StatusTooManyRequests
		}
		h.render(w, r, status, "signin", &SignInPage{Page: Page{Title: "Sign in"}, Form: form, Next: next, Error: model.ErrorMessageOf(err)})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: httpx.SessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: h.secure(r), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (h *Handler) signOut(w http.ResponseWriter, r *http.Request) {
	actor := httpx.ActorFrom(r.Context())
	if err := h.core.SignOut(r.Context(), actor); err != nil {
		h.fail(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: httpx.SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: h.secure(r), SameSite: http.SameSiteLaxMode})
	h.redirect(w, r, "/signin", "info", "You are signed out.")
}

// AccountPage is the signed-in person's own account: password, sessions and API tokens.
type AccountPage struct {
	Page
	Sessions  []model.Session
	Tokens    []model.APIToken
	NewToken  string
	Password  Form
	TokenForm Form
}

func (h *Handler) accountPage(w http.ResponseWriter, r *http.Request, status int, p *AccountPage) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	var err error
	if p.Sessions, err = h.core.Sessions(r.Context(), actor); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.Tokens, err = h.core.APITokens(r.Context(), actor); err != nil {
		h.fail(w, r, err)
		return
	}
	p.Title, p.Section = "Your account", "account"
	h.render(w, r, status, "account", p)
}

func (h *Handler) account(w http.ResponseWriter, r *http.Request) {
	h.accountPage(w, r, http.StatusOK, &AccountPage{})
}

func (h *Handler) changePassword(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	err := h.core.ChangePassword(r.Context(), actor, r.PostForm.Get("current_password"), r.PostForm.Get("new_password"))
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.accountPage(w, r, http.StatusUnprocessableEntity, &AccountPage{Password: Form{Errors: model.FieldsOf(err)}})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/account", "success", "Your password is changed. Your other sessions were signed out.")
}

func (h *Handler) signOutEverywhere(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if _, err := h.core.SignOutEverywhere(r.Context(), actor); err != nil {
		h.fail(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: httpx.SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: h.secure(r), SameSite: http.SameSiteLaxMode})
	h.redirect(w, r, "/signin", "info", "You are signed out on every device.")
}

func (h *Handler) createToken(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	secret, _, err := h.core.CreateAPIToken(r.Context(), actor, model.APITokenInput{Name: r.PostForm.Get("name")})
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.accountPage(w, r, http.StatusUnprocessableEntity, &AccountPage{TokenForm: formFrom(r, err)})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// The secret is shown once, on this response, and never stored.
	h.accountPage(w, r, http.StatusOK, &AccountPage{NewToken: secret})
}

func (h *Handler) revokeToken(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = h.core.RevokeAPIToken(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/account", "success", "The token is revoked.")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
