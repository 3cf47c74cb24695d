// Package server assembles the HTTP server: pages at /, the API at /api/v1/, and
// /healthz, /readyz and /metrics, behind the shared middleware.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"throughline/internal/api"
	"throughline/internal/core"
	"throughline/internal/csvio"
	"throughline/internal/httpx"
	"throughline/internal/scim"
	"throughline/internal/sso"
	"throughline/internal/web"
)

// Options configure the server.
type Options struct {
	Logger       *slog.Logger
	CookieSecure string
	TrustProxy   bool
	SSO          *sso.Provider
}

// MaxBodyBytes bounds every request body: the largest limit of any route, the CSV
// uploads' (a 64 MiB file and its multipart envelope). Routes set smaller limits of
// their own: 1 MiB for forms, JSON and SCIM, 4 MiB for a batch of metric values.
const MaxBodyBytes = csvio.MaxFileBytes + 1<<20

// Handler builds the whole HTTP handler.
func Handler(c *core.Core, opts Options) (http.Handler, *httpx.Metrics, error) {
	h, _, m, err := build(c, opts)
	return h, m, err
}

// build returns the handler and its mux, whose patterns the tests enumerate.
func build(c *core.Core, opts Options) (http.Handler, *http.ServeMux, *httpx.Metrics, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	pages, err := web.New(c, web.Options{Logger: opts.Logger, CookieSecure: opts.CookieSecure, TrustProxy: opts.TrustProxy, SSO: opts.SSO})
	if err != nil {
		return nil, nil, nil, err
	}
	metrics := httpx.NewMetrics()
	metrics.AddGauges(func(w io.Writer) { poolGauges(w, c) })

	mux := http.NewServeMux()
	pages.Routes(mux)
	api.New(c, opts.Logger).Routes(mux)
	scim.New(c).Routes(mux)
	httpx.HandleFunc(mux, "GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, "ok\n")
	})
	httpx.HandleFunc(mux, "GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := c.DB().Ping(ctx); err != nil {
			httpx.Logger(ctx).Warn("readyz: database unreachable", "err", err.Error())
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, "database unreachable\n")
			return
		}
		current, err := c.DB().Current(ctx)
		if err != nil || !current {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, "migrations pending\n")
			return
		}
		_, _ = io.WriteString(w, "ready\n")
	})
	httpx.HandleFunc(mux, "GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		metrics.Write(w)
	})

	// Cross-site request forgery: the standard library's protection refuses
	// state-changing requests that a browser marks as cross-site (Sec-Fetch-Site) or whose
	// Origin differs from the Host. API clients that send neither header pass.
	cop := http.NewCrossOriginProtection()
	var h http.Handler = mux
	h = httpx.Identify(c, []string{api.Prefix + "/", scim.Prefix + "/"}, h)
	h = cop.Handler(h)
	h = httpx.LimitBodies(MaxBodyBytes, h)
	h = httpx.SecurityHeaders(h)
	h = httpx.Observe(opts.Logger, metrics, h)
	return h, mux, metrics, nil
}

func poolGauges(w io.Writer, c *core.Core) {
	first := true
	for name, s := range c.DB().PoolStats() {
		l := map[string]string{"pool": name}
		if first {
			httpx.Gauge(w, "throughline_db_open_connections", "Open database connections.", l, float64(s.OpenConnections))
		} else {
			httpx.GaugeValue(w, "throughline_db_open_connections", l, float64(s.OpenConnections))
		}
		first = false
		httpx.GaugeValue(w, "throughline_db_in_use_connections", l, float64(s.InUse))
		httpx.GaugeValue(w, "throughline_db_idle_connections", l, float64(s.Idle))
		httpx.GaugeValue(w, "throughline_db_wait_count_total", l, float64(s.WaitCount))
		httpx.GaugeValue(w, "throughline_db_wait_seconds_total", l, s.WaitDuration.Seconds())
	}
}

// Serve listens on addr and serves h until ctx ends, then shuts down gracefully,
// letting requests in flight finish for up to 20 seconds. ready receives the bound
// address (useful with port 0).
func Serve(ctx context.Context, addr string, h http.Handler, log *slog.Logger, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("server: listen on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("server: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
