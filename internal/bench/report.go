package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
)

// WriteText writes the report as an aligned table: measure, value, target, engine
// limit, ratio, met.
func (r Report) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "Throughline bench: %s, %d people, %s, GOMAXPROCS %d (%d CPUs), %s\n", r.Engine, r.People, r.GoVersion,
		r.GOMAXPROCS, r.NumCPU, r.Date.Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(w, "Database %s; server: %s; period %s; pulse %d; took %.1f s\n\n", r.Database, r.Server, r.Period, r.PulseID, r.Seconds)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "MEASURE\tVALUE\tTARGET\tENGINE LIMIT\tRATIO\tMET")
	for _, m := range r.Measures {
		value, limit, ratio := "", "-", "-"
		switch m.Kind {
		case KindLatency:
			value = fmt.Sprintf("p50 %.1f ms, p95 %.1f ms (n=%d, errors=%d)", m.P50Ms, m.P95Ms, m.Count, m.Errors)
		case KindMemory:
			value = "unavailable"
			if m.Available {
				value = fmt.Sprintf("%.1f MiB", m.Value)
			}
		case KindRatio:
			if m.Unit == "rows/s" {
				value, limit = fmt.Sprintf("%.0f rows/s", m.Value), fmt.Sprintf("%.0f rows/s", m.Limit)
				ratio = fmt.Sprintf("%.0f%%", m.Ratio*100)
			} else {
				value, limit = fmt.Sprintf("%.1f ms", m.Value), fmt.Sprintf("%.1f ms", m.Limit)
				ratio = fmt.Sprintf("%.2fx", m.Ratio)
			}
		}
		met := "no"
		switch {
		case !m.Available:
			met = "n/a"
		case m.Met:
			met = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", m.Name, value, m.Target, limit, ratio, met)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if failed := r.Failed(); len(failed) > 0 {
		fmt.Fprintf(w, "\nTargets not met: %s.\n", strings.Join(failed, ", "))
	} else {
		fmt.Fprintf(w, "\nEvery target met.\n")
	}
	var notes []string
	for _, m := range r.Measures {
		if m.FirstError != "" {
			notes = append(notes, fmt.Sprintf("  %s: first error %s", m.Name, m.FirstError))
		}
		if m.Note != "" && m.Kind != KindLatency {
			notes = append(notes, fmt.Sprintf("  %s: %s", m.Name, m.Note))
		}
	}
	if len(notes) > 0 {
		fmt.Fprintf(w, "\nNotes:\n%s\n", strings.Join(notes, "\n"))
	}
	return nil
}

// WriteJSON writes the report as indented JSON.
func (r Report) WriteJSON(w io.Writer) error {
	r.Measures = append([]Measure(nil), r.Measures...)
	for i := range r.Measures { // JSON has no NaN or infinity
		m := &r.Measures[i]
		for _, f := range []*float64{&m.Value, &m.Limit, &m.Ratio, &m.P50Ms, &m.P95Ms} {
			if math.IsNaN(*f) || math.IsInf(*f, 0) {
				*f = 0
			}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// Failed lists the measures that did not meet their targets (latency rows: any
// request that did not answer 200).
func (r Report) Failed() []string {
	var out []string
	for _, m := range r.Measures {
		if m.Available && !m.Met {
			out = append(out, m.Name)
		}
	}
	return out
}
