// Package web serves Throughline's server-rendered pages. Each handler parses the
// request into a model input, calls one core method with the actor, and renders a typed
// page or redirects with a flash message. It never touches the store.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"throughline/internal/core"
	"throughline/internal/httpx"
	"throughline/internal/model"
	"throughline/internal/score"
	"throughline/internal/sso"
)

//go:embed templates static
var files embed.FS

// Handler serves the pages.
type Handler struct {
	core         *core.Core
	log          *slog.Logger
	pages        map[string]*template.Template
	assets       map[string]asset // by logical name ("app.css")
	assetsByHash map[string]asset // by hashed name ("app.3f2a1b.css")
	cookieSecure string
	trustProxy   bool
	sso          *sso.Provider
}

// Options configure the pages.
type Options struct {
	Logger       *slog.Logger
	CookieSecure string // auto, always, never
	TrustProxy   bool
	SSO          *sso.Provider // nil: no single sign-on
}

type asset struct {
	name, hashed, ctype string
	body                []byte
}

// New parses the templates and hashes the static files.
func New(c *core.Core, opts Options) (*Handler, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	h := &Handler{core: c, log: opts.Logger, cookieSecure: opts.CookieSecure, trustProxy: opts.TrustProxy, sso: opts.SSO,
		assets: map[string]asset{}, assetsByHash: map[string]asset{}}
	if err := h.loadAssets(); err != nil {
		return nil, err
	}
	if err := h.loadTemplates(); err != nil {
		return nil, err
	}
	return h, nil
}

func (h *Handler) loadAssets() error {
	return fs.WalkDir(files, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(b)
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
		a := asset{name: name, hashed: hashed, ctype: mime.TypeByExtension(ext), body: b}
		if a.ctype == "" {
			a.ctype = "application/octet-stream"
		}
		h.assets[name] = a
		h.assetsByHash[hashed] = a
		return nil
	})
}

func (h *Handler) funcs() template.FuncMap {
	m := h.baseFuncs()
	for k, v := range performanceFuncs() {
		m[k] = v
	}
	for k, v := range analyticsFuncs() {
		m[k] = v
	}
	for k, v := range developmentFuncs() {
		m[k] = v
	}
	return m
}

func (h *Handler) baseFuncs() template.FuncMap {
	return template.FuncMap{
		"asset": func(name string) string {
			if a, ok := h.assets[name]; ok {
				return "/static/" + a.hashed
			}
			return "/static/missing-" + name
		},
		"date": func(unix int64) string {
			if unix == 0 {
				return "—"
			}
			return time.Unix(unix, 0).UTC().Format("2 Jan 2006")
		},
		"datetime": func(unix int64) string {
			if unix == 0 {
				return "—"
			}
			return time.Unix(unix, 0).UTC().Format("2 Jan 2006, 15:04 UTC")
		},
		"isodate": func(unix int64) string { return time.Unix(unix, 0).UTC().Format(time.RFC3339) },
		"ago":     ago,
		"add":     func(a, b int) int { return a + b },
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
		"roleLabel": func(r model.Role) string { return r.Label() },
		"device":    device,
		"roles":     func() []model.Role { return model.Roles },
		"join":      strings.Join,
		"pct": func(v float64) string {
			return strconv.FormatFloat(v*100, 'f', 0, 64) + "%"
		},
		"query": func(pairs ...any) template.URL {
			v := url.Values{}
			for i := 0; i+1 < len(pairs); i += 2 {
				s := fmt.Sprint(pairs[i+1])
				if s != "" && s != "0" {
					v.Set(fmt.Sprint(pairs[i]), s)
				}
			}
			if len(v) == 0 {
				return ""
			}
			return template.URL("?" + v.Encode())
		},
		"pagerOf": func(l interface{ Info() model.PageInfo }, base string) pager {
			sep := "?"
			if strings.Contains(base, "?") {
				sep = "&"
			}
			return pager{PageInfo: l.Info(), Base: base + sep}
		},
		"boolStr": func(b bool) string {
			if b {
				return "1"
			}
			return ""
		},
		"krProgress": score.KeyResultProgress,
		"has": func(list []string, s string) bool {
			for _, x := range list {
				if x == s {
					return true
				}
			}
			return false
		},
		"seq": func(n int) []int {
			out := make([]int, n)
			for i := range out {
				out[i] = i
			}
			return out
		},
	}
}

func ago(unix int64) string {
	if unix == 0 {
		return "never"
	}
	d := time.Since(time.Unix(unix, 0))
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Minutes()))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Hours()))
	case d < 60*24*time.Hour:
		return fmt.Sprintf("%d days ago", int(d.Hours()/24))
	}
	return time.Unix(unix, 0).UTC().Format("2 Jan 2006")
}

// pager is the data of the "pager" partial.
type pager struct {
	model.PageInfo
	Base string // the URL to which "offset=N" is appended
}

// device summarizes a User-Agent as "Chrome on Linux".
func device(ua string) string {
	if ua == "" {
		return "Unknown device"
	}
	browser := "A browser"
	for _, b := range []struct{ token, name string }{
		{"Edg/", "Edge"}, {"OPR/", "Opera"}, {"Firefox/", "Firefox"}, {"HeadlessChrome/", "Headless Chrome"},
		{"Chrome/", "Chrome"}, {"Safari/", "Safari"}, {"curl/", "curl"},
	} {
		if strings.Contains(ua, b.token) {
			browser = b.name
			break
		}
	}
	for _, o := range []struct{ token, name string }{
		{"Android", "Android"}, {"iPhone", "iPhone"}, {"iPad", "iPad"}, {"Windows", "Windows"},
		{"Mac OS X", "macOS"}, {"CrOS", "ChromeOS"}, {"Linux", "Linux"},
	} {
		if strings.Contains(ua, o.token) {
			return browser + " on " + o.name
		}
	}
	return browser
}

// loadTemplates parses each page with the layout and the partials.
func (h *Handler) loadTemplates() error {
	h.pages = map[string]*template.Template{}
	pages, err := fs.Glob(files, "templates/pages/*.html")
	if err != nil {
		return err
	}
	for _, p := range pages {
		name := strings.TrimSuffix(path.Base(p), ".html")
		t, err := template.New(name).Funcs(h.funcs()).ParseFS(files, "templates/layout.html", "templates/partials/*.html", p)
		if err != nil {
			return fmt.Errorf("web: parse %s: %w", p, err)
		}
		h.pages[name] = t
	}
	return nil
}

// Page is the data every page shares.
type Page struct {
	Title   string
	Actor   model.Actor
	Nav     []NavGroup
	Section string // the nav item to mark as current
	Flash   *Flash
	Path    string
	Wide    bool
}

func (p *Page) page() *Page { return p }

type pageData interface{ page() *Page }

// NavGroup is a labelled group of navigation links.
type NavGroup struct {
	Label string
	Items []NavItem
}

// NavItem is one link of the navigation.
type NavItem struct {
	Label, Href, Section string
}

// Flash is a one-time message shown after a redirect.
type Flash struct {
	Kind    string // success, error, info
	Message string
}

// Form carries a submitted form back to the page, with a message per field.
type Form struct {
	Values url.Values
	Errors map[string]string
}

// Value returns a submitted value.
func (f Form) Value(name string) string {
	if f.Values == nil {
		return ""
	}
	return f.Values.Get(name)
}

// Error returns the message of a field.
func (f Form) Error(name string) string { return f.Errors[name] }

// HasErrors reports whether any field has a message.
func (f Form) HasErrors() bool { return len(f.Errors) > 0 }

// formFrom builds a Form from a request and an error.
func formFrom(r *http.Request, err error) Form {
	f := Form{Values: r.PostForm, Errors: model.FieldsOf(err)}
	if f.Errors == nil && err != nil {
		f.Errors = map[string]string{}
	}
	return f
}

const flashCookie = "tl_flash"

func (h *Handler) setFlash(w http.ResponseWriter, r *http.Request, kind, msg string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: url.QueryEscape(kind + "|" + msg), Path: "/",
		HttpOnly: true, Secure: h.secure(r), SameSite: http.SameSiteLaxMode, MaxAge: 60})
}

func (h *Handler) takeFlash(w http.ResponseWriter, r *http.Request) *Flash {
	c, err := r.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: h.secure(r), SameSite: http.SameSiteLaxMode})
	v, err := url.QueryUnescape(c.Value)
	if err != nil {
		return nil
	}
	kind, msg, ok := strings.Cut(v, "|")
	if !ok || msg == "" || len(msg) > 500 {
		return nil
	}
	switch kind {
	case "success", "error", "info":
	default:
		kind = "info"
	}
	return &Flash{Kind: kind, Message: msg}
}

func (h *Handler) secure(r *http.Request) bool {
	switch h.cookieSecure {
	case "always":
		return true
	case "never":
		return false
	}
	return httpx.IsHTTPS(r, h.trustProxy)
}

// redirect sends a 303 with an optional flash.
func (h *Handler) redirect(w http.ResponseWriter, r *http.Request, to, kind, msg string) {
	if msg != "" {
		h.setFlash(w, r, kind, msg)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// render executes a page into a buffer, then writes it, so a template error never
// leaves half a page.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, data pageData) {
	t, ok := h.pages[name]
	if !ok {
		h.log.Error("missing template", "name", name)
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return
	}
	p := data.page()
	p.Actor = httpx.ActorFrom(r.Context())
	p.Path = r.URL.Path
	if !p.Actor.Anonymous() {
		p.Nav = navFor(p.Actor)
	}
	if p.Flash == nil {
		p.Flash = h.takeFlash(w, r)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		httpx.Logger(r.Context()).Error("render", "page", name, "err", err.Error())
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// ErrorPage is the data of the error page.
type ErrorPage struct {
	Page
	Status    int
	Heading   string
	Message   string
	RequestID string
}

// fail renders err: sign-in for the unauthenticated, else an error page with the status
// from the one table in httpx.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := httpx.Status(err)
	if status == http.StatusUnauthorized {
		next := r.URL.RequestURI()
		if r.Method != http.MethodGet {
			next = "/"
		}
		http.Redirect(w, r, "/signin?next="+url.QueryEscape(next), http.StatusSeeOther)
		return
	}
	if status >= 500 {
		httpx.Logger(r.Context()).Error("page error", "err", err.Error(), "path", r.URL.Path)
	}
	p := &ErrorPage{Status: status, Message: model.ErrorMessageOf(err), RequestID: httpx.RequestID(r.Context())}
	switch status {
	case http.StatusNotFound:
		p.Heading = "Not found"
	case http.StatusForbidden:
		p.Heading = "Not allowed"
	case http.StatusConflict:
		p.Heading = "That could not be done"
	case http.StatusUnprocessableEntity:
		p.Heading = "Please check your input"
	case http.StatusTooManyRequests:
		p.Heading = "Too many requests"
	case http.StatusRequestEntityTooLarge:
		p.Heading = "Too large"
	default:
		p.Heading = "Something went wrong"
	}
	p.Title = p.Heading
	h.render(w, r, status, "error", p)
}

// notFound renders the 404 page for unknown paths.
func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.fail(w, r, model.NotFound("page"))
}

// requireActor returns the signed-in actor, or redirects to sign-in and returns false.
func (h *Handler) requireActor(w http.ResponseWriter, r *http.Request) (model.Actor, bool) {
	a := httpx.ActorFrom(r.Context())
	if a.Anonymous() {
		h.fail(w, r, model.Unauthenticated())
		return a, false
	}
	return a, true
}

// serveStatic serves content-hashed assets with a year-long immutable cache.
func (h *Handler) serveStatic(w http.ResponseWriter, r *http.Request) {
	a, ok := h.assetsByHash[r.PathValue("file")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a.ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write(a.body)
}

// pathID reads an integer path value.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, model.NotFound("page")
	}
	return id, nil
}

// queryInt reads an integer query parameter, with a default.
func queryInt(r *http.Request, name string, def int) int {
	v, err := strconv.Atoi(r.URL.Query().Get(name))
	if err != nil {
		return def
	}
	return v
}

func queryID(r *http.Request, name string) int64 {
	v, _ := strconv.ParseInt(r.URL.Query().Get(name), 10, 64)
	if v < 0 {
		return 0
	}
	return v
}

// parseForm parses a url-encoded or multipart form with a size limit.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		if limit, ok := httpx.TooLarge(err); ok {
			return model.TooLarge("form", limit)
		}
		return &model.Error{Code: model.CodeInvalid, Message: "The form could not be read."}
	}
	return nil
}
