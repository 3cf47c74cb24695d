// Package api serves the JSON API under /api/v1. Handlers parse into the same model
// inputs the pages use, call one core method with the actor, and write response types
// that are separate from the model, so the wire format changes only on purpose.
package api

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"throughline/internal/core"
	"throughline/internal/httpx"
	"throughline/internal/model"
	"throughline/internal/score"
)

// Handler serves the API.
type Handler struct {
	core *core.Core
	log  *slog.Logger
}

// New returns the API handler.
func New(c *core.Core, log *slog.Logger) *Handler {
	if log == nil {
		log = slog.Default()
	}
	return &Handler{core: c, log: log}
}

// actor returns the request's actor, or writes 401 and returns false.
func actor(w http.ResponseWriter, r *http.Request) (model.Actor, bool) {
	a := httpx.ActorFrom(r.Context())
	if a.Anonymous() {
		httpx.WriteError(w, r, &model.Error{Code: model.CodeUnauthenticated, Message: "Authenticate with a session cookie or an \"Authorization: Bearer tl_…\" API token."})
		return a, false
	}
	return a, true
}

// pageOf reads limit and offset.
func pageOf(r *http.Request) (model.Page, error) {
	q := r.URL.Query()
	var p model.Page
	var v model.Validator
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		v.Check(err == nil && n >= 1 && n <= model.MaxLimit, "limit", "limit must be a whole number from 1 to 500.")
		p.Limit = n
	}
	if s := q.Get("offset"); s != "" {
		n, err := strconv.Atoi(s)
		v.Check(err == nil && n >= 0, "offset", "offset must be a whole number, 0 or more.")
		p.Offset = n
	}
	return p.Normalize(), v.Err()
}

// idParam reads an integer query parameter.
func idParam(r *http.Request, name string) (int64, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, &model.Error{Code: model.CodeInvalid, Message: name + " must be a positive id.", Fields: map[string]string{name: "Must be a positive id."}}
	}
	return n, nil
}

// pathID reads an integer path value; a malformed id is simply not found.
func pathID(r *http.Request) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || n <= 0 {
		return 0, model.NotFound("resource")
	}
	return n, nil
}

// PageBody is the paging envelope of list responses.
type PageBody struct {
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
	Total  int `json:"total"`
}

// ListBody is a page of items.
type ListBody[T any] struct {
	Data []T      `json:"data"`
	Page PageBody `json:"page"`
}

func listOf[M, T any](l model.List[M], conv func(M) T) ListBody[T] {
	out := ListBody[T]{Data: make([]T, 0, len(l.Items)), Page: PageBody{Limit: l.Page.Limit, Offset: l.Page.Offset, Total: l.Total}}
	for _, m := range l.Items {
		out.Data = append(out.Data, conv(m))
	}
	return out
}

// DataBody wraps a single object.
type DataBody[T any] struct {
	Data T `json:"data"`
}

func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	var ie *model.ImportError
	if errors.As(err, &ie) {
		if e := ie.AsError(); e != nil && !errors.As(err, new(*model.Error)) {
			err = e
		}
	}
	httpx.WriteError(w, r, err)
}

// krProgress is a key result's progress, as the pages show it.
func krProgress(k model.KeyResult) float64 { return score.KeyResultProgress(k) }
