package chart

import (
	"html/template"
	"math"
	"strings"
)

// Estimate is one row of a forest plot: an estimate with its 95% interval.
type Estimate struct {
	Label     string
	Value     float64 // Missing draws nothing and says "not enough data"
	Low, High float64
	Text      string // printed at the right instead of the formatted interval
}

// Forest draws estimates with their intervals around a vertical line at zero, so an
// interval that crosses the line reads at a glance as "no clear effect".
type Forest struct {
	ID, Title string
	Items     []Estimate
	Format    func(float64) string
	Width     int
}

// SVG draws the chart.
func (c Forest) SVG() template.HTML {
	f := c.Format
	if f == nil {
		f = Format(1, "")
	}
	w := float64(c.Width)
	if w == 0 {
		w = 640
	}
	labelW := 40.0
	for _, e := range c.Items {
		labelW = math.Max(labelW, float64(len([]rune(e.Label)))*6.8+12)
	}
	labelW = math.Min(labelW, w*0.35)
	const rowH, textW, top = 30.0, 175.0, 22.0
	h := top + rowH*float64(len(c.Items)) + 8
	lo, hi := 0.0, 0.0
	for _, e := range c.Items {
		if !IsMissing(e.Value) {
			lo, hi = math.Min(lo, e.Low), math.Max(hi, e.High)
		}
	}
	if hi == lo {
		lo, hi = -1, 1
	}
	pad := (hi - lo) * 0.08
	lo, hi = lo-pad, hi+pad
	pw := w - labelW - textW - 16
	x := func(v float64) float64 { return labelW + 8 + pw*(v-lo)/(hi-lo) }
	var s svg
	s.open(c.ID, int(w), int(math.Ceil(h)), c.Title, c.describe(f))
	s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-dasharray="4 3"/>`, num(x(0)), num(top-6), num(x(0)), num(h-4), mutedColor)
	s.text(x(0), top-10, "middle", mutedColor, 11, "", "no effect")
	for i, e := range c.Items {
		y := top + rowH*float64(i) + rowH/2
		s.text(labelW, y+4, "end", inkColor, 12, "", e.Label)
		label := "not enough data"
		if !IsMissing(e.Value) {
			label = f(e.Value) + " (" + f(e.Low) + " to " + f(e.High) + ")"
			color := Palette[0]
			if e.High < 0 {
				color = lowColor
			} else if e.Low <= 0 {
				color = mutedColor
			}
			s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"/>`, num(x(e.Low)), num(y), num(x(e.High)), num(y), color)
			for _, v := range []float64{e.Low, e.High} {
				s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"/>`, num(x(v)), num(y-5), num(x(v)), num(y+5), color)
			}
			s.printf(`<circle cx="%s" cy="%s" r="5" fill="%s"><title>%s: %s</title></circle>`, num(x(e.Value)), num(y), color, esc(e.Label), esc(label))
		}
		if e.Text != "" {
			label = e.Text
		}
		s.text(w-textW, y+4, "start", inkColor, 12, "600", label)
	}
	return s.close()
}

func (c Forest) describe(f func(float64) string) string {
	var parts []string
	for _, e := range c.Items {
		if IsMissing(e.Value) {
			parts = append(parts, e.Label+": not enough data")
			continue
		}
		parts = append(parts, e.Label+": "+f(e.Value)+", 95% interval "+f(e.Low)+" to "+f(e.High))
	}
	return strings.Join(parts, "; ") + "."
}
