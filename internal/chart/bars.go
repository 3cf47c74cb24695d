package chart

import (
	"html/template"
	"math"
	"strings"
)

// Bar is one bar of a bar chart.
type Bar struct {
	Label string
	Value float64 // Missing draws no bar and says "no data"
	Text  string  // printed after the bar instead of the formatted value
	Color string  // "" uses the first palette colour
}

// Bars is a horizontal bar chart.
type Bars struct {
	ID, Title string
	Items     []Bar
	Min, Max  float64 // the scale; both zero runs from 0 (or the smallest negative) to the largest value
	Format    func(float64) string
	Width     int
}

// SVG draws the chart.
func (c Bars) SVG() template.HTML {
	f := c.Format
	if f == nil {
		f = Format(0, "")
	}
	w := float64(c.Width)
	if w == 0 {
		w = 560
	}
	labelW := 40.0
	for _, b := range c.Items {
		labelW = math.Max(labelW, float64(len([]rune(b.Label)))*6.8+12)
	}
	labelW = math.Min(labelW, w*0.4)
	const rowH, barH, textW = 26.0, 16.0, 70.0
	h := rowH*float64(len(c.Items)) + 8
	lo, hi := c.Min, c.Max
	if lo == 0 && hi == 0 {
		for _, b := range c.Items {
			if !IsMissing(b.Value) {
				lo, hi = math.Min(lo, b.Value), math.Max(hi, b.Value)
			}
		}
		if hi == lo {
			hi = lo + 1
		}
	}
	pw := w - labelW - textW
	x := func(v float64) float64 { return labelW + pw*(v-lo)/(hi-lo) }
	var s svg
	s.open(c.ID, int(w), int(math.Ceil(h)), c.Title, c.describe(f))
	if lo < 0 {
		s.printf(`<line x1="%s" y1="0" x2="%s" y2="%s" stroke="%s"/>`, num(x(0)), num(x(0)), num(h), mutedColor)
	}
	for i, b := range c.Items {
		y := 4 + rowH*float64(i)
		s.text(labelW-8, y+barH-3, "end", inkColor, 12, "", b.Label)
		label := f(b.Value)
		if b.Text != "" {
			label = b.Text
		}
		end := x(math.Max(lo, 0))
		if !IsMissing(b.Value) {
			color := b.Color
			if color == "" {
				color = Palette[0]
			}
			x0, x1 := x(math.Max(lo, 0)), x(b.Value)
			if x1 < x0 {
				x0, x1 = x1, x0
			}
			s.printf(`<rect x="%s" y="%s" width="%s" height="%s" rx="3" fill="%s"><title>%s: %s</title></rect>`,
				num(x0), num(y), num(math.Max(x1-x0, 1)), num(barH), color, esc(b.Label), esc(label))
			end = math.Max(x1, x(0))
		}
		s.text(end+6, y+barH-3, "start", inkColor, 12, "600", label)
	}
	return s.close()
}

func (c Bars) describe(f func(float64) string) string {
	var parts []string
	for _, b := range c.Items {
		v := f(b.Value)
		if b.Text != "" {
			v = b.Text
		}
		parts = append(parts, b.Label+" "+v)
	}
	return strings.Join(parts, ", ") + "."
}

// Segment is one part of a stacked bar.
type Segment struct {
	Label string
	Value float64 // a share; the segments of a row sum to 1 or less
	Color string
}

// StackedRow is one row of a stacked bar chart.
type StackedRow struct {
	Label    string
	Segments []Segment
	Note     string // shown instead of the bar, e.g. "fewer than 5 responses"
}

// Stacked is a chart of 100% stacked bars, such as unfavourable/neutral/favourable.
type Stacked struct {
	ID, Title string
	Rows      []StackedRow
	Width     int
}

// SVG draws the chart, printing each segment's percentage inside it when it fits.
func (c Stacked) SVG() template.HTML {
	w := float64(c.Width)
	if w == 0 {
		w = 640
	}
	labelW := 40.0
	for _, r := range c.Rows {
		labelW = math.Max(labelW, float64(len([]rune(r.Label)))*6.8+12)
	}
	labelW = math.Min(labelW, w*0.45)
	const rowH, barH = 28.0, 20.0
	h := rowH*float64(len(c.Rows)) + 26
	pw := w - labelW - 8
	var s svg
	var desc []string
	for _, r := range c.Rows {
		var segs []string
		for _, g := range r.Segments {
			segs = append(segs, g.Label+" "+Format(0, "%")(g.Value*100))
		}
		if r.Note != "" {
			segs = []string{r.Note}
		}
		desc = append(desc, r.Label+": "+strings.Join(segs, ", "))
	}
	s.open(c.ID, int(w), int(math.Ceil(h)), c.Title, strings.Join(desc, ". ")+".")
	for i, r := range c.Rows {
		y := 4 + rowH*float64(i)
		s.text(labelW-8, y+barH-6, "end", inkColor, 12, "", r.Label)
		if r.Note != "" {
			s.text(labelW+4, y+barH-6, "start", mutedColor, 12, "", r.Note)
			continue
		}
		x := labelW
		for _, g := range r.Segments {
			sw := pw * g.Value
			if sw <= 0 {
				continue
			}
			s.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s, %s: %s</title></rect>`,
				num(x), num(y), num(sw), num(barH), g.Color, esc(r.Label), esc(g.Label), Format(0, "%")(g.Value*100))
			if sw > 30 {
				s.text(x+sw/2, y+barH-6, "middle", textOn(g.Color), 11, "600", Format(0, "%")(g.Value*100))
			}
			x += sw
		}
	}
	// Legend from the first row with segments.
	for _, r := range c.Rows {
		if len(r.Segments) == 0 {
			continue
		}
		lx := labelW
		ly := h - 8
		for _, g := range r.Segments {
			s.printf(`<rect x="%s" y="%s" width="12" height="12" fill="%s"/>`, num(lx), num(ly-10), g.Color)
			s.text(lx+16, ly, "start", inkColor, 11, "", g.Label)
			lx += 28 + float64(len(g.Label))*6.5
		}
		break
	}
	return s.close()
}
