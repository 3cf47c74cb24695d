package chart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Series is one line of a line chart. Missing values leave a gap.
type Series struct {
	Name   string
	Values []float64
	Dashed bool
}

// Line is a line chart over labelled periods.
type Line struct {
	ID, Title string
	Labels    []string // x axis, one per value
	Series    []Series
	YMin      float64 // with YMax: a fixed y range; both zero picks one from the data
	YMax      float64
	Reference *float64 // a dashed horizontal line, such as a target
	RefLabel  string
	Format    func(float64) string
	Width     int
	Height    int
}

// SVG draws the chart.
func (c Line) SVG() template.HTML {
	w, h := c.Width, c.Height
	if w == 0 {
		w = 640
	}
	if h == 0 {
		h = 240
	}
	f := c.Format
	if f == nil {
		f = Format(1, "")
	}
	lo, hi := c.YMin, c.YMax
	if lo == 0 && hi == 0 {
		lo, hi = math.Inf(1), math.Inf(-1)
		for _, s := range c.Series {
			for _, v := range s.Values {
				if !IsMissing(v) {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		}
		if c.Reference != nil {
			lo, hi = math.Min(lo, *c.Reference), math.Max(hi, *c.Reference)
		}
		if math.IsInf(lo, 1) {
			lo, hi = 0, 1
		}
	}
	lo, hi, ticks := niceRange(lo, hi, 5)

	left, right, top, bottom := 48.0, 30.0, 12.0, 28.0
	if len(c.Series) > 1 {
		bottom += 22
	}
	pw, ph := float64(w)-left-right, float64(h)-top-bottom
	n := len(c.Labels)
	x := func(i int) float64 {
		if n <= 1 {
			return left + pw/2
		}
		return left + pw*float64(i)/float64(n-1)
	}
	y := func(v float64) float64 { return top + ph*(1-(v-lo)/(hi-lo)) }

	var s svg
	s.open(c.ID, w, h, c.Title, c.describe(f))
	for _, t := range ticks {
		s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`, num(left), num(y(t)), num(left+pw), num(y(t)), gridColor)
		s.text(left-6, y(t)+4, "end", mutedColor, 11, "", f(t))
	}
	step := 1
	if n > 12 {
		step = (n + 11) / 12
	}
	for i, l := range c.Labels {
		if i%step == 0 || i == n-1 {
			anchor := "middle"
			if n > 1 && i == n-1 {
				anchor = "end"
			} else if n > 1 && i == 0 {
				anchor = "start"
			}
			s.text(x(i), top+ph+18, anchor, mutedColor, 11, "", l)
		}
	}
	if c.Reference != nil {
		ry := y(*c.Reference)
		s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="1.5" stroke-dasharray="5 4"/>`, num(left), num(ry), num(left+pw), num(ry), mutedColor)
		if c.RefLabel != "" {
			s.text(left+pw-2, ry-5, "end", mutedColor, 11, "", c.RefLabel)
		}
	}
	for si, ser := range c.Series {
		color := Palette[si%len(Palette)]
		dash := ""
		if ser.Dashed {
			dash = ` stroke-dasharray="6 4"`
		}
		// One path per run of present values, so a missing period is a visible gap.
		var d strings.Builder
		pen := false
		for i, v := range ser.Values {
			if i >= n || IsMissing(v) {
				pen = false
				continue
			}
			if pen {
				fmt.Fprintf(&d, "L%s %s", num(x(i)), num(y(v)))
			} else {
				fmt.Fprintf(&d, "M%s %s", num(x(i)), num(y(v)))
				pen = true
			}
		}
		if d.Len() > 0 {
			s.printf(`<path d="%s" fill="none" stroke="%s" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"%s/>`, d.String(), color, dash)
		}
		for i, v := range ser.Values {
			if i >= n || IsMissing(v) {
				continue
			}
			s.printf(`<circle cx="%s" cy="%s" r="3.5" fill="#ffffff" stroke="%s" stroke-width="2"><title>%s, %s: %s</title></circle>`,
				num(x(i)), num(y(v)), color, esc(ser.Name), esc(c.Labels[i]), esc(f(v)))
		}
	}
	if len(c.Series) > 1 {
		lx := left
		for si, ser := range c.Series {
			color := Palette[si%len(Palette)]
			ly := float64(h) - 8
			s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="3"/>`, num(lx), num(ly-4), num(lx+16), num(ly-4), color)
			s.text(lx+21, ly, "start", inkColor, 11, "", ser.Name)
			lx += 34 + float64(len(ser.Name))*6.5
		}
	}
	return s.close()
}

// describe lists every value, so the chart's content is available as text.
func (c Line) describe(f func(float64) string) string {
	var parts []string
	for _, ser := range c.Series {
		var vals []string
		for i, v := range ser.Values {
			if i < len(c.Labels) {
				vals = append(vals, c.Labels[i]+" "+f(v))
			}
		}
		parts = append(parts, ser.Name+": "+strings.Join(vals, ", "))
	}
	return strings.Join(parts, ". ") + "."
}
