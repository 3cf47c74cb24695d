package web

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strconv"
	"strings"

	"throughline/internal/model"
)

// performanceFuncs are the template functions of the performance pages: scores shown as
// percentages or "no data" (never zero), their level as a class, and small attainment
// bars drawn as SVG with presentation attributes only (the CSP forbids inline style).
func performanceFuncs() template.FuncMap {
	return template.FuncMap{
		"score": func(has bool, v float64) string {
			if !has || math.IsNaN(v) {
				return "no data"
			}
			return model.Percent(v)
		},
		"scoreClass": scoreClass,
		"bar":        attainmentBar,
		"num":        model.FormatNumber,
		"mval": func(m model.Metric, v float64) string {
			if math.IsNaN(v) {
				return "no data"
			}
			return m.FormatValue(v)
		},
		"periodLabel":  model.PeriodLabel,
		"quarterLabel": model.QuarterLabel,
		"pctShare": func(v float64) string {
			if math.IsNaN(v) || v == 0 {
				return "—"
			}
			return model.Percent(v)
		},
		"perspectives": func() []model.Perspective { return model.Perspectives },
		"competencies": func() []model.FeedbackCompetency { return model.FeedbackCompetencies },
		"lower":        strings.ToLower,
		"dayLabel":     dayLabel,
		"mul100":       func(v float64) float64 { return v * 100 },
		"list5":        func(a, b, c, d, e string) []string { return []string{a, b, c, d, e} },
		"reviewStates": func() []model.ReviewState { return model.ReviewStates },
		"cadence":      model.CadenceLabel,
		"delta": func(now, before float64) string {
			d := math.Round((now - before) * 100)
			switch {
			case d == 1:
				return "▲ 1 pt"
			case d == -1:
				return "▼ 1 pt"
			case d > 0:
				return fmt.Sprintf("▲ %.0f pts", d)
			case d < 0:
				return fmt.Sprintf("▼ %.0f pts", -d)
			}
			return "no change"
		},
	}
}

// scoreClass is the level of a score: strong (at least 90%), fair (at least 60%), weak,
// or none. Pages print the number too: colour is never the only signal.
func scoreClass(has bool, v float64) string {
	switch {
	case !has || math.IsNaN(v):
		return "score-none"
	case v >= 0.9:
		return "score-strong"
	case v >= 0.6:
		return "score-fair"
	}
	return "score-weak"
}

// attainmentBar draws attainment from 0 to 120% with a tick at 100% (the target).
func attainmentBar(has bool, v float64) template.HTML {
	const w, h = 120.0, 10.0
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="attbar" viewBox="0 0 %g %g" width="%g" height="%g" aria-hidden="true" focusable="false">`, w, h, w, h)
	fmt.Fprintf(&b, `<rect x="0" y="1" width="%g" height="8" rx="4" fill="#eef1f5"/>`, w)
	if has && !math.IsNaN(v) {
		fill := map[string]string{"score-strong": "#1c7c3a", "score-fair": "#b7791f", "score-weak": "#b42318"}[scoreClass(true, v)]
		width := math.Max(2, math.Min(1.2, math.Max(0, v))/1.2*w)
		fmt.Fprintf(&b, `<rect x="0" y="1" width="%.1f" height="8" rx="4" fill="%s"/>`, width, fill)
	}
	fmt.Fprintf(&b, `<line x1="%.1f" y1="0" x2="%.1f" y2="10" stroke="#17202b" stroke-width="1.5"/></svg>`, w/1.2, w/1.2)
	return template.HTML(b.String())
}

// dayLabel prints an ISO date as "12 May 2026".
func dayLabel(iso string) string {
	if len(iso) != 10 {
		return iso
	}
	y, m, d := iso[:4], iso[5:7], iso[8:]
	months := []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	mi, err := strconv.Atoi(m)
	if err != nil || mi < 1 || mi > 12 {
		return iso
	}
	return strings.TrimPrefix(d, "0") + " " + months[mi-1] + " " + y
}

// formFloat reads a number from a form; an empty or unreadable cell is NaN, so the
// input's Validate names the field.
func formFloat(r *http.Request, name string) float64 {
	s := strings.TrimSpace(strings.ReplaceAll(r.PostForm.Get(name), ",", ""))
	s = strings.TrimSuffix(s, "%")
	if s == "" {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// formID reads a positive id from a form, or 0.
func formID(r *http.Request, name string) int64 {
	v, err := strconv.ParseInt(strings.TrimSpace(r.PostForm.Get(name)), 10, 64)
	if err != nil || v < 0 {
		return 0
	}
	return v
}

// formInt reads an integer from a form, or def.
func formInt(r *http.Request, name string, def int) int {
	v, err := strconv.Atoi(strings.TrimSpace(r.PostForm.Get(name)))
	if err != nil {
		return def
	}
	return v
}

// formIDs reads every positive id of a multi-valued field.
func formIDs(r *http.Request, name string) []int64 {
	var out []int64
	for _, s := range r.PostForm[name] {
		if v, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil && v > 0 {
			out = append(out, v)
		}
	}
	return out
}
