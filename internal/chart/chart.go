// Package chart draws charts as SVG on the server: no JavaScript, no external fonts, and
// no inline style (the Content Security Policy forbids it), only presentation
// attributes. Every chart has a title and a text description for assistive technology,
// and colour is never the only signal: values are printed or listed in the description.
// It imports only the standard library.
package chart

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Palette is the series colours: colour-blind-safe (Okabe–Ito order) and dark enough
// for 3:1 contrast on white.
var Palette = []string{"#0f766e", "#b45309", "#1d4ed8", "#be185d", "#4d7c0f", "#6d28d9", "#0e7490", "#9a3412"}

const (
	fontFamily = `system-ui, -apple-system, 'Segoe UI', 'Liberation Sans', Arial, sans-serif`
	inkColor   = "#17202b"
	mutedColor = "#5b6878"
	gridColor  = "#e5e9ef"
)

// svg accumulates an SVG document.
type svg struct {
	b strings.Builder
}

func (s *svg) open(id string, w, h int, title, desc string) {
	fmt.Fprintf(&s.b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-t %s-d" class="chart" id="%s" font-family="%s" font-size="12">`,
		w, h, w, h, esc(id), esc(id), esc(id), esc(fontFamily))
	fmt.Fprintf(&s.b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, esc(id), esc(title), esc(id), esc(desc))
}

func (s *svg) close() template.HTML {
	s.b.WriteString(`</svg>`)
	return template.HTML(s.b.String())
}

func (s *svg) printf(format string, args ...any) { fmt.Fprintf(&s.b, format, args...) }

func (s *svg) text(x, y float64, anchor, fill string, size int, weight, txt string) {
	w := ""
	if weight != "" {
		w = ` font-weight="` + weight + `"`
	}
	s.printf(`<text x="%s" y="%s" text-anchor="%s" fill="%s" font-size="%d"%s>%s</text>`, num(x), num(y), anchor, fill, size, w, esc(txt))
}

// esc escapes text for SVG (XML) content and attributes.
func esc(s string) string { return template.HTMLEscapeString(s) }

// num formats a coordinate compactly.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// Missing is the value of a point with no data. Charts draw nothing for it, never zero.
var Missing = math.NaN()

// IsMissing reports whether v is Missing.
func IsMissing(v float64) bool { return math.IsNaN(v) }

// niceRange widens [lo, hi] to round numbers and returns tick values.
func niceRange(lo, hi float64, ticks int) (float64, float64, []float64) {
	if lo == hi {
		lo, hi = lo-1, hi+1
	}
	span := niceNum(hi-lo, false)
	step := niceNum(span/float64(ticks-1), true)
	nlo := math.Floor(lo/step) * step
	nhi := math.Ceil(hi/step) * step
	var out []float64
	for v := nlo; v <= nhi+step/2; v += step {
		out = append(out, math.Round(v/step)*step)
	}
	return nlo, nhi, out
}

func niceNum(x float64, round bool) float64 {
	if x <= 0 {
		return 1
	}
	exp := math.Floor(math.Log10(x))
	f := x / math.Pow(10, exp)
	var nf float64
	switch {
	case round && f < 1.5:
		nf = 1
	case round && f < 3:
		nf = 2
	case round && f < 7:
		nf = 5
	case round:
		nf = 10
	case f <= 1:
		nf = 1
	case f <= 2:
		nf = 2
	case f <= 5:
		nf = 5
	default:
		nf = 10
	}
	return nf * math.Pow(10, exp)
}

// Format renders a value with the given number of decimals and a suffix ("%", " pts").
func Format(decimals int, suffix string) func(float64) string {
	return func(v float64) string {
		if IsMissing(v) {
			return "no data"
		}
		out := strconv.FormatFloat(v, 'f', decimals, 64)
		if strings.HasPrefix(out, "-") && strings.Trim(out, "-0.") == "" {
			out = out[1:] // -0.0 reads as zero
		}
		return out + suffix
	}
}

// luminance returns the relative luminance of a #rrggbb colour (WCAG 2).
func luminance(hex string) float64 {
	if len(hex) != 7 {
		return 1
	}
	var rgb [3]float64
	for i := 0; i < 3; i++ {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		rgb[i] = c
	}
	return 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2]
}

// textOn returns black or white, whichever contrasts more with the background.
func textOn(bg string) string {
	l := luminance(bg)
	if (l+0.05)/0.05 > 1.05/(l+0.05) {
		return inkColor
	}
	return "#ffffff"
}

// mix blends two #rrggbb colours: t=0 gives a, t=1 gives b.
func mix(a, b string, t float64) string {
	t = math.Max(0, math.Min(1, t))
	out := "#"
	for i := 0; i < 3; i++ {
		x, _ := strconv.ParseUint(a[1+2*i:3+2*i], 16, 8)
		y, _ := strconv.ParseUint(b[1+2*i:3+2*i], 16, 8)
		out += fmt.Sprintf("%02x", int(math.Round(float64(x)+(float64(y)-float64(x))*t)))
	}
	return out
}
