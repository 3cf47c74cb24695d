// Package httpx holds the HTTP helpers shared by the web pages and the API: the
// error-to-status table, JSON limits, request ids, the access log, panic recovery,
// security headers and the metrics of every route.
package httpx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"throughline/internal/model"
)

// statusOf is the one table from application error codes to HTTP statuses.
var statusOf = map[model.ErrorCode]int{
	model.CodeInvalid:         http.StatusUnprocessableEntity,
	model.CodeNotFound:        http.StatusNotFound,
	model.CodeConflict:        http.StatusConflict,
	model.CodeUnauthenticated: http.StatusUnauthorized,
	model.CodeForbidden:       http.StatusForbidden,
	model.CodeTooMany:         http.StatusTooManyRequests,
	model.CodeTooLarge:        http.StatusRequestEntityTooLarge,
	model.CodeInternal:        http.StatusInternalServerError,
}

// Status returns the HTTP status for err.
func Status(err error) int {
	if s, ok := statusOf[model.ErrorCodeOf(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}

var patternsMu sync.Mutex

type ctxKey int

const (
	keyRequestID ctxKey = iota
	keyRoute
	keyLogger
)

// RequestID returns the id of the request in ctx.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(keyRequestID).(string)
	return id
}

// Logger returns the request's logger (with its request id), or slog.Default().
func Logger(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(keyLogger).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}

// routeInfo is filled in by the innermost handler, so the outer middleware can label
// logs and metrics with the matched route pattern rather than the raw path.
type routeInfo struct {
	pattern string
}

// patterns records the patterns registered on each mux, so tests can check that every
// route is covered.
var patterns sync.Map // *http.ServeMux → *[]string

// Patterns returns the patterns registered on mux through Handle and HandleFunc.
func Patterns(mux *http.ServeMux) []string {
	v, ok := patterns.Load(mux)
	if !ok {
		return nil
	}
	return append([]string(nil), *v.(*[]string)...)
}

// Handle registers h on mux under pattern, recording the pattern for logs and metrics.
func Handle(mux *http.ServeMux, pattern string, h http.Handler) {
	v, _ := patterns.LoadOrStore(mux, &[]string{})
	list := v.(*[]string)
	patternsMu.Lock()
	*list = append(*list, pattern)
	patternsMu.Unlock()
	mux.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ri, ok := r.Context().Value(keyRoute).(*routeInfo); ok {
			ri.pattern = r.Pattern
		}
		h.ServeHTTP(w, r)
	}))
}

// HandleFunc is Handle for a function.
func HandleFunc(mux *http.ServeMux, pattern string, h func(http.ResponseWriter, *http.Request)) {
	Handle(mux, pattern, http.HandlerFunc(h))
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush supports streaming responses.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Observe wraps the whole server: it gives each request an id, recovers panics, writes
// one access log line, and records metrics by route pattern. Query strings are not
// logged: they can hold search terms and invitation tokens.
func Observe(log *slog.Logger, m *Metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-Id")
		if !validRequestID(id) {
			id = newRequestID()
		}
		w.Header().Set("X-Request-Id", id)
		ri := &routeInfo{}
		rl := log.With("request_id", id)
		ctx := context.WithValue(r.Context(), keyRequestID, id)
		ctx = context.WithValue(ctx, keyRoute, ri)
		ctx = context.WithValue(ctx, keyLogger, rl)
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				rl.Error("panic", "panic", fmt.Sprint(p), "path", r.URL.Path)
				if sw.status == 0 {
					http.Error(sw, "Internal Server Error", http.StatusInternalServerError)
				}
			}
			status := sw.status
			if status == 0 {
				status = http.StatusOK
			}
			route := ri.pattern
			if route == "" {
				route = "unmatched"
			}
			d := time.Since(start)
			m.Observe(r.Method, route, status, d)
			level := slog.LevelInfo
			if status >= 500 {
				level = slog.LevelError
			}
			rl.Log(ctx, level, "request", "method", r.Method, "path", r.URL.Path, "route", route,
				"status", status, "bytes", sw.bytes, "ms", float64(d.Microseconds())/1000)
		}()
		next.ServeHTTP(sw, r.WithContext(ctx))
	})
}

func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		if !(c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func newRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// SecurityHeaders sets the headers every response carries. The Content Security Policy
// allows no inline script or style at all: pages load their CSS and JavaScript from
// /static and charts are SVG with presentation attributes.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// ClientIP returns the client's address: the socket's peer, or, behind a trusted proxy,
// the last address the proxy appended to X-Forwarded-For.
func ClientIP(r *http.Request, trustProxy bool) string {
	if trustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			if ip := strings.TrimSpace(parts[len(parts)-1]); net.ParseIP(ip) != nil {
				return ip
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// IsHTTPS reports whether the request reached us over TLS (directly or, when trusted,
// through a proxy).
func IsHTTPS(r *http.Request, trustProxy bool) bool {
	if r.TLS != nil {
		return true
	}
	return trustProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// MaxJSONBytes bounds a JSON request body.
const MaxJSONBytes = 1 << 20

// TooLarge reports whether err comes from reading past a body's size limit, and if so
// returns the limit.
func TooLarge(err error) (int64, bool) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return tooBig.Limit, true
	}
	return 0, false
}

// LimitBodies bounds every request body at max bytes, whatever the route: a request
// that declares a larger Content-Length gets 413 at once, and one that sends more
// without declaring it fails when its handler reads past max. Handlers set their own,
// smaller limits (1 MiB for forms and JSON); max is the largest of them, the CSV
// uploads', so no route is left unbounded by a handler that forgets.
func LimitBodies(max int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > max {
			w.Header().Set("Connection", "close")
			http.Error(w, fmt.Sprintf("Request body too large: the limit is %d bytes.", max), http.StatusRequestEntityTooLarge)
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = http.MaxBytesReader(w, r.Body, max)
		}
		next.ServeHTTP(w, r)
	})
}

// DecodeJSON reads one JSON value from the body into dst, rejecting unknown fields,
// trailing data and bodies over limit bytes, with messages a client can act on.
func DecodeJSON(w http.ResponseWriter, r *http.Request, dst any, limit int64) error {
	if limit <= 0 {
		limit = MaxJSONBytes
	}
	ct := r.Header.Get("Content-Type")
	if ct != "" && !strings.HasPrefix(strings.ToLower(ct), "application/json") {
		return &model.Error{Code: model.CodeInvalid, Message: "Send the body as application/json."}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonProblem(err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return &model.Error{Code: model.CodeInvalid, Message: "The body must hold a single JSON value."}
	}
	return nil
}

func jsonProblem(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return model.TooLarge("body", tooBig.Limit)
	case errors.As(err, &syn):
		return &model.Error{Code: model.CodeInvalid, Message: fmt.Sprintf("The body is not valid JSON (at byte %d).", syn.Offset)}
	case errors.As(err, &typ):
		field := typ.Field
		return &model.Error{Code: model.CodeInvalid, Message: fmt.Sprintf("Field %q must be a %s.", field, typ.Type.String()),
			Fields: map[string]string{field: fmt.Sprintf("Must be a %s.", typ.Type.String())}}
	case errors.Is(err, io.EOF):
		return &model.Error{Code: model.CodeInvalid, Message: "The body is empty; send a JSON object."}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &model.Error{Code: model.CodeInvalid, Message: "The body ends in the middle of a JSON value."}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &model.Error{Code: model.CodeInvalid, Message: fmt.Sprintf("Unknown field %q.", name), Fields: map[string]string{name: "Unknown field."}}
	}
	return &model.Error{Code: model.CodeInvalid, Message: "The body could not be read as JSON."}
}

// WriteJSON writes v as JSON with status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, `{"error":{"code":"internal","message":"encoding failed"}}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(b)
	_, _ = w.Write([]byte("\n"))
}

// ErrorBody is the JSON shape of every API error.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail describes an API error.
type ErrorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
	Lines   []LineErrorBody   `json:"lines,omitempty"`
}

// LineErrorBody is a line-numbered problem in an imported file.
type LineErrorBody struct {
	Line    int    `json:"line"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// WriteError writes err as a JSON error with its status, and logs internal errors.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	status := Status(err)
	code := model.ErrorCodeOf(err)
	if status >= 500 {
		Logger(r.Context()).Error("internal error", "err", err.Error(), "path", r.URL.Path)
	}
	body := ErrorBody{Error: ErrorDetail{Code: string(code), Message: model.ErrorMessageOf(err), Fields: model.FieldsOf(err)}}
	var ie *model.ImportError
	if errors.As(err, &ie) {
		for _, l := range ie.Lines {
			body.Error.Lines = append(body.Error.Lines, LineErrorBody{Line: l.Line, Field: l.Field, Message: l.Message})
		}
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="throughline"`)
	}
	WriteJSON(w, status, body)
}
