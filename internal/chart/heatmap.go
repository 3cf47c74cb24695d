package chart

import (
	"html/template"
	"math"
	"strings"
)

// Cell is one cell of a heatmap.
type Cell struct {
	Value      float64
	Missing    bool   // no data: drawn empty, labelled "no data"
	Suppressed bool   // hidden to protect anonymity: hatched, labelled "hidden"
	Text       string // what to print instead of the formatted value
	Href       string // a link to the people or data behind the cell
}

// Heatmap is a grid of rows × columns coloured by value.
type Heatmap struct {
	ID, Title string
	Rows      []string
	Cols      []string
	Cells     [][]Cell // [row][col]
	Min, Max  float64  // the colour scale; both zero uses the data's range
	Diverging bool     // red below the midpoint, teal above
	Format    func(float64) string
	CellWidth int
}

const (
	lowColor  = "#b42318"
	midColor  = "#f4f6f8"
	highColor = "#0f766e"
)

// SVG draws the heatmap. Each cell prints its value, so colour is not the only signal.
func (m Heatmap) SVG() template.HTML {
	f := m.Format
	if f == nil {
		f = Format(0, "")
	}
	cw := float64(m.CellWidth)
	if cw == 0 {
		cw = 84
	}
	const ch = 34.0
	labelW := 12.0
	for _, r := range m.Rows {
		labelW = math.Max(labelW, float64(len([]rune(r)))*7+16)
	}
	labelW = math.Min(labelW, 220)
	headH := 44.0
	w := labelW + cw*float64(len(m.Cols)) + 8
	h := headH + ch*float64(len(m.Rows)) + 8

	lo, hi := m.Min, m.Max
	if lo == 0 && hi == 0 {
		lo, hi = math.Inf(1), math.Inf(-1)
		for _, row := range m.Cells {
			for _, c := range row {
				if !c.Missing && !c.Suppressed && !IsMissing(c.Value) {
					lo, hi = math.Min(lo, c.Value), math.Max(hi, c.Value)
				}
			}
		}
		if math.IsInf(lo, 1) || lo == hi {
			lo, hi = 0, math.Max(1, hi)
		}
	}
	color := func(v float64) string {
		t := (v - lo) / (hi - lo)
		if m.Diverging {
			if t < 0.5 {
				return mix(lowColor, midColor, t*2)
			}
			return mix(midColor, highColor, (t-0.5)*2)
		}
		return mix(midColor, highColor, 0.12+0.88*t)
	}

	var s svg
	s.open(m.ID, int(math.Ceil(w)), int(math.Ceil(h)), m.Title, m.describe(f))
	s.printf(`<defs><pattern id="%s-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f1f3f6"/><line x1="0" y1="0" x2="0" y2="6" stroke="#c9d1db" stroke-width="2"/></pattern></defs>`, esc(m.ID))
	for j, col := range m.Cols {
		cx := labelW + cw*float64(j) + cw/2
		for k, line := range wrap(col, int(cw/6.5)) {
			if k < 2 {
				s.text(cx, 16+float64(k)*14, "middle", inkColor, 11, "600", line)
			}
		}
	}
	for i, row := range m.Rows {
		y := headH + ch*float64(i)
		s.text(labelW-8, y+ch/2+4, "end", inkColor, 12, "", row)
		for j := range m.Cols {
			var c Cell
			if i < len(m.Cells) && j < len(m.Cells[i]) {
				c = m.Cells[i][j]
			}
			x := labelW + cw*float64(j)
			fill, label, txtColor := "#ffffff", "", inkColor
			switch {
			case c.Suppressed:
				fill, label, txtColor = "url(#"+esc(m.ID)+"-hatch)", "hidden", mutedColor
			case c.Missing || IsMissing(c.Value):
				fill, label, txtColor = "#ffffff", "no data", mutedColor
			default:
				fill = color(c.Value)
				label = f(c.Value)
				txtColor = textOn(fill)
			}
			if c.Text != "" {
				label = c.Text
			}
			tip := m.Rows[i] + ", " + m.Cols[j] + ": " + label
			if c.Href != "" && !c.Suppressed {
				s.printf(`<a href="%s" aria-label="%s">`, esc(c.Href), esc(tip))
			}
			s.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="#ffffff" stroke-width="2"><title>%s</title></rect>`,
				num(x), num(y), num(cw), num(ch), fill, esc(tip))
			size := 12
			if c.Suppressed || c.Missing {
				size = 10
			}
			s.text(x+cw/2, y+ch/2+4, "middle", txtColor, size, "", label)
			if c.Href != "" && !c.Suppressed {
				s.printf(`</a>`)
			}
		}
	}
	return s.close()
}

func (m Heatmap) describe(f func(float64) string) string {
	var rows []string
	for i, r := range m.Rows {
		var cells []string
		for j, col := range m.Cols {
			var c Cell
			if i < len(m.Cells) && j < len(m.Cells[i]) {
				c = m.Cells[i][j]
			}
			v := f(c.Value)
			switch {
			case c.Suppressed:
				v = "hidden to protect anonymity"
			case c.Missing || IsMissing(c.Value):
				v = "no data"
			case c.Text != "":
				v = c.Text
			}
			cells = append(cells, col+" "+v)
		}
		rows = append(rows, r+": "+strings.Join(cells, ", "))
	}
	return strings.Join(rows, ". ") + "."
}

// wrap splits s into lines of at most n characters at spaces.
func wrap(s string, n int) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		if cur != "" && len([]rune(cur))+1+len([]rune(w)) > n {
			lines = append(lines, cur)
			cur = w
			continue
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
