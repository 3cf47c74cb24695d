package httpx

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Metrics counts requests and their latency by method, route pattern and status, and
// writes them in the Prometheus text format. Labels are route patterns, never raw
// paths, so no id, name or token becomes a label.
type Metrics struct {
	mu       sync.Mutex
	requests map[reqKey]uint64
	latency  map[string]*histogram // by route
	gauges   []func(w io.Writer)
}

type reqKey struct {
	method, route string
	status        int
}

type histogram struct {
	counts []uint64
	sum    float64
	count  uint64
}

// latencyBuckets are the histogram bounds in seconds.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

// NewMetrics returns an empty registry.
func NewMetrics() *Metrics {
	return &Metrics{requests: map[reqKey]uint64{}, latency: map[string]*histogram{}}
}

// Observe records one request.
func (m *Metrics) Observe(method, route string, status int, d time.Duration) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[reqKey{method, route, status}]++
	h := m.latency[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets))}
		m.latency[route] = h
	}
	s := d.Seconds()
	for i, b := range latencyBuckets {
		if s <= b {
			h.counts[i]++
		}
	}
	h.sum += s
	h.count++
}

// AddGauges registers a function that writes more metrics (database pool statistics).
func (m *Metrics) AddGauges(f func(w io.Writer)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.gauges = append(m.gauges, f)
}

// Write writes every metric in the Prometheus text exposition format.
func (m *Metrics) Write(w io.Writer) {
	m.mu.Lock()
	keys := make([]reqKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.route != b.route {
			return a.route < b.route
		}
		if a.method != b.method {
			return a.method < b.method
		}
		return a.status < b.status
	})
	fmt.Fprintln(w, "# HELP throughline_http_requests_total HTTP requests by method, route pattern and status.")
	fmt.Fprintln(w, "# TYPE throughline_http_requests_total counter")
	for _, k := range keys {
		fmt.Fprintf(w, "throughline_http_requests_total{method=%s,route=%s,status=\"%d\"} %d\n", q(k.method), q(k.route), k.status, m.requests[k])
	}
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	fmt.Fprintln(w, "# HELP throughline_http_request_duration_seconds HTTP request latency by route pattern.")
	fmt.Fprintln(w, "# TYPE throughline_http_request_duration_seconds histogram")
	for _, r := range routes {
		h := m.latency[r]
		for i, b := range latencyBuckets {
			fmt.Fprintf(w, "throughline_http_request_duration_seconds_bucket{route=%s,le=\"%s\"} %d\n", q(r), strconv.FormatFloat(b, 'g', -1, 64), h.counts[i])
		}
		fmt.Fprintf(w, "throughline_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", q(r), h.count)
		fmt.Fprintf(w, "throughline_http_request_duration_seconds_sum{route=%s} %s\n", q(r), strconv.FormatFloat(h.sum, 'g', -1, 64))
		fmt.Fprintf(w, "throughline_http_request_duration_seconds_count{route=%s} %d\n", q(r), h.count)
	}
	gauges := append([]func(io.Writer){}, m.gauges...)
	m.mu.Unlock()
	for _, g := range gauges {
		g(w)
	}
}

// q quotes a label value.
func q(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}

// Gauge writes one gauge line; use it from AddGauges functions.
func Gauge(w io.Writer, name, help string, labels map[string]string, v float64) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name)
	GaugeValue(w, name, labels, v)
}

// GaugeValue writes one more sample of a gauge already described.
func GaugeValue(w io.Writer, name string, labels map[string]string, v float64) {
	var parts []string
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		parts = append(parts, k+"="+q(labels[k]))
	}
	lab := ""
	if len(parts) > 0 {
		lab = "{" + strings.Join(parts, ",") + "}"
	}
	if math.IsNaN(v) {
		fmt.Fprintf(w, "%s%s NaN\n", name, lab)
		return
	}
	fmt.Fprintf(w, "%s%s %s\n", name, lab, strconv.FormatFloat(v, 'g', -1, 64))
}
