package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"throughline/internal/httpx"
	"throughline/internal/model"
	"throughline/internal/sso"
)

// SignInPage is the sign-in form.
type SignInPage struct {
	Page
	Form    Form
	Next    string
	Error   string
	SSOName string // "" when single sign-on is off
}

func (h *Handler) signInPage(w http.ResponseWriter, r *http.Request, status int, p *SignInPage) {
	p.Title = "Sign in"
	if h.sso != nil {
		p.SSOName = h.sso.Name()
	}
	h.render(w, r, status, "signin", p)
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
	h.signInPage(w, r, http.StatusOK, &SignInPage{Next: safeNext(r.URL.Query().Get("next"))})
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
		h.signInPage(w, r, status, &SignInPage{Form: form, Next: next, Error: model.ErrorMessageOf(err)})
		return
	}
	h.setSession(w, r, token)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (h *Handler) setSession(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: httpx.SessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: h.secure(r), SameSite: http.SameSiteLaxMode})
}

// ssoStart sends the browser to the identity provider with a fresh state, nonce and
// PKCE challenge.
func (h *Handler) ssoStart(w http.ResponseWriter, r *http.Request) {
	if h.sso == nil {
		h.fail(w, r, model.NotFound("page"))
		return
	}
	s := sso.NewSecrets()
	if err := h.core.BeginSSO(r.Context(), sso.HashState(s.State), s.Nonce, s.Verifier, safeNext(r.URL.Query().Get("next"))); err != nil {
		h.fail(w, r, err)
		return
	}
	u, err := h.sso.AuthURL(r.Context(), s)
	if err != nil {
		httpx.Logger(r.Context()).Error("single sign-on", "err", err.Error())
		h.signInPage(w, r, http.StatusBadGateway, &SignInPage{Error: "The identity provider cannot be reached right now. Try again, or sign in with your password."})
		return
	}
	http.Redirect(w, r, u, http.StatusFound)
}

// ssoCallback completes the sign-in: the state must match an attempt this server (or
// another) began, the code is exchanged with the PKCE verifier, and the ID token's
// verified email chooses the account.
func (h *Handler) ssoCallback(w http.ResponseWriter, r *http.Request) {
	if h.sso == nil {
		h.fail(w, r, model.NotFound("page"))
		return
	}
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		h.signInPage(w, r, http.StatusUnauthorized, &SignInPage{Error: "The identity provider did not sign you in (" + model.Clip(e, 60) + ")."})
		return
	}
	nonce, verifier, next, err := h.core.FinishSSO(r.Context(), sso.HashState(q.Get("state")))
	if err != nil {
		h.signInPage(w, r, http.StatusBadRequest, &SignInPage{Error: model.ErrorMessageOf(err)})
		return
	}
	claims, err := h.sso.Exchange(r.Context(), q.Get("code"), verifier, nonce)
	if err != nil {
		httpx.Logger(r.Context()).Warn("single sign-on refused", "err", err.Error())
		msg := "The sign-in could not be verified. Please try again."
		if errors.Is(err, sso.ErrNotVerified) {
			msg = "Your identity provider has not verified your email address, so it cannot sign you in here."
		}
		h.signInPage(w, r, http.StatusUnauthorized, &SignInPage{Error: msg})
		return
	}
	token, _, err := h.core.SignInVerifiedEmail(r.Context(), claims.Email, httpx.ClientIP(r, h.trustProxy), r.UserAgent())
	if err != nil {
		if model.ErrorCodeOf(err) == model.CodeForbidden {
			h.signInPage(w, r, http.StatusForbidden, &SignInPage{Error: model.ErrorMessageOf(err)})
			return
		}
		h.fail(w, r, err)
		return
	}
	h.setSession(w, r, token)
	http.Redirect(w, r, safeNext(next), http.StatusSeeOther)
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
