package web

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"throughline/internal/chart"
	"throughline/internal/core"
	"throughline/internal/httpx"
	"throughline/internal/model"
)

// The analytics pages: the executive dashboard, the heatmaps of the Purpose
// Leadership Index, managers' index values opened to their inputs, the calibration
// grid, and the index's formula and weights.

func indexFormat(v float64) string { return strconv.FormatFloat(math.Round(v), 'f', 0, 64) }

// analyticsFuncs are the template functions of the analytics pages: an index value
// (0–100) or "no data", never zero; its level as a class (the number is always printed
// too); and the label of a heatmap measure or a rating.
func analyticsFuncs() template.FuncMap {
	return template.FuncMap{
		"ix": func(has bool, v float64) string {
			if !has || math.IsNaN(v) {
				return "no data"
			}
			return indexFormat(v)
		},
		"ixClass": func(has bool, v float64) string {
			switch {
			case !has || math.IsNaN(v):
				return "score-none"
			case v >= 70:
				return "score-strong"
			case v >= 50:
				return "score-fair"
			}
			return "score-weak"
		},
		"measureLabel": core.MeasureLabel,
		"ratingLabel":  model.RatingLabel,
		// effect prints an estimate with its sign, to the precision of its unit: two
		// decimals on a 1–5 rating scale, one on 0–100 points.
		"effect": func(v float64, unit string) string { return effectText(v, unit, true) },
		// level prints a before or after value to the precision of its unit.
		"level": func(v float64, unit string) string { return effectText(v, unit, false) },
	}
}

// indexQuery reads the list filters shared by the page and its CSV export.
func indexQuery(r *http.Request) core.IndexListQuery {
	q := r.URL.Query()
	return core.IndexListQuery{Period: q.Get("period"), DepartmentID: queryID(r, "department"), LocationID: queryID(r, "location"),
		Depth: queryInt(r, "level", 0), Page: model.Page{Limit: queryInt(r, "limit", 50), Offset: queryInt(r, "offset", 0)}}
}

// IndexListPage lists managers' index values for a period.
type IndexListPage struct {
	Page
	List        core.IndexList
	Periods     []PeriodOption
	Filter      core.IndexListQuery
	FilterLabel string
	Components  []model.IndexComponent
	BaseURL     string
	ExportURL   template.URL
	CanSeeAll   bool
}

func (h *Handler) indexList(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	q := indexQuery(r)
	list, err := h.core.Indexes(r.Context(), actor, q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &IndexListPage{Page: Page{Title: "Purpose Leadership Index", Section: "index", Wide: true}, List: list, Filter: q,
		Periods: h.indexPeriodOptions(list.Period), Components: model.IndexComponents,
		CanSeeAll: actor.Is(model.RoleExecutive, model.RoleHR, model.RoleAdmin)}
	p.FilterLabel = h.filterLabel(r, q)
	v := url.Values{"period": {list.Period}}
	for _, k := range []string{"department", "location", "level"} {
		if s := r.URL.Query().Get(k); s != "" {
			v.Set(k, s)
		}
	}
	p.ExportURL = template.URL("/analytics/index.csv?" + v.Encode())
	p.BaseURL = "/analytics/index?" + v.Encode()
	h.render(w, r, http.StatusOK, "analytics_index", p)
}

// filterLabel names the group a list is filtered to, from the heatmap's cell.
func (h *Handler) filterLabel(r *http.Request, q core.IndexListQuery) string {
	switch {
	case q.DepartmentID != 0:
		if d, err := h.core.Department(r.Context(), model.System, q.DepartmentID); err == nil {
			return d.Name
		}
		return "one department"
	case q.LocationID != 0:
		if l, err := h.core.Location(r.Context(), model.System, q.LocationID); err == nil {
			return l.Name
		}
		return "one location"
	case q.Depth != 0:
		return fmt.Sprintf("Level %d", q.Depth)
	}
	return ""
}

func (h *Handler) indexPeriodOptions(selected string) []PeriodOption {
	var out []PeriodOption
	cur := h.core.CurrentPeriod()
	list := h.core.IndexPeriodList()
	for i := len(list) - 1; i >= 0; i-- {
		p := list[i]
		label := model.QuarterLabel(p)
		if p == cur {
			label += " (in progress)"
		}
		out = append(out, PeriodOption{Value: p, Label: label, Selected: p == selected})
	}
	return out
}

func (h *Handler) indexExport(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	q := indexQuery(r)
	q.Page = model.Page{Limit: model.MaxLimit}
	var all []model.Index
	var period string
	for {
		list, err := h.core.Indexes(r.Context(), actor, q)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		period = list.Period
		all = append(all, list.Items...)
		if len(list.Items) == 0 || len(all) >= list.Total {
			break
		}
		q.Page.Offset += len(list.Items)
	}
	csvHeaders(w, "purpose-leadership-index-"+period+".csv")
	if err := writeIndexes(w, all); err != nil {
		httpx.Logger(r.Context()).Error("export index", "err", err.Error())
	}
}

func csvHeaders(w http.ResponseWriter, name string) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
}

// IndexPersonPage is one manager's index opened to its components and inputs.
type IndexPersonPage struct {
	Page
	View    core.IndexView
	Periods []PeriodOption
	Trend   template.HTML
}

func (h *Handler) myIndex(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	h.indexOf(w, r, actor, actor.PersonID)
}

func (h *Handler) personIndex(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.indexOf(w, r, actor, id)
}

func (h *Handler) indexOf(w http.ResponseWriter, r *http.Request, actor model.Actor, id int64) {
	v, err := h.core.PersonIndex(r.Context(), actor, id, r.URL.Query().Get("period"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	name := v.Index.Person.Name
	title := "Purpose Leadership Index of " + name
	if v.Own {
		title = "Your Purpose Leadership Index"
	}
	line := chart.Line{ID: "index-trend", Title: title + " over eight quarters", YMin: 0, YMax: 100, Format: chart.Format(0, ""), Width: 720, Height: 240}
	series := map[string][]float64{}
	for _, t := range v.Trend {
		line.Labels = append(line.Labels, model.QuarterLabel(t.Period))
		val := chart.Missing
		if t.Has {
			val = t.Value
		}
		series["index"] = append(series["index"], val)
		for _, c := range model.IndexComponents {
			cv := t.Component(c)
			x := chart.Missing
			if cv.Has {
				x = cv.Value
			}
			series[string(c)] = append(series[string(c)], x)
		}
	}
	line.Series = append(line.Series, chart.Series{Name: "Index", Values: series["index"]})
	for _, c := range model.IndexComponents {
		line.Series = append(line.Series, chart.Series{Name: c.Label(), Values: series[string(c)], Dashed: true})
	}
	h.render(w, r, http.StatusOK, "analytics_person", &IndexPersonPage{Page: Page{Title: title, Section: "index"}, View: v,
		Periods: h.indexPeriodOptions(v.Index.Period), Trend: line.SVG()})
}

// HeatmapPage is the index and its components by group and quarter, as small multiples.
type HeatmapPage struct {
	Page
	Heatmap core.IndexHeatmap
	Charts  []HeatChart
	By      []PeriodOption
}

// HeatChart is one small multiple.
type HeatChart struct {
	Measure string
	Label   string
	SVG     template.HTML
}

func (h *Handler) heatmap(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	by := model.IndexGroupBy(r.URL.Query().Get("by"))
	hm, err := h.core.IndexHeatmap(r.Context(), actor, by)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &HeatmapPage{Page: Page{Title: "Where purpose is taking root", Section: "heatmap", Wide: true}, Heatmap: hm}
	for _, g := range []model.IndexGroupBy{model.IndexByDepartment, model.IndexByLocation, model.IndexByLevel} {
		p.By = append(p.By, PeriodOption{Value: string(g), Label: g.Label(), Selected: g == hm.By})
	}
	cols := make([]string, len(hm.Periods))
	for i, q := range hm.Periods {
		cols[i] = q[5:] + " ’" + q[2:4] // "Q3 ’26": narrow columns
	}
	rows := make([]string, len(hm.Groups))
	for i, g := range hm.Groups {
		rows[i] = g.Name
	}
	for _, m := range hm.Measures {
		c := chart.Heatmap{ID: "hm-" + m, Title: core.MeasureLabel(m) + " by " + hm.By.Label() + " and quarter", Rows: rows, Cols: cols,
			Min: 20, Max: 90, Format: indexFormat, CellWidth: 50}
		for _, g := range hm.Groups {
			row := make([]chart.Cell, len(hm.Periods))
			for j, cell := range g.Cells[m] {
				switch {
				case cell.Closed:
					row[j] = chart.Cell{Suppressed: true}
				case cell.Missing:
					row[j] = chart.Cell{Missing: true}
				default:
					row[j] = chart.Cell{Value: cell.Mean, Href: cellHref(hm.By, g.ID, hm.Periods[j])}
				}
			}
			c.Cells = append(c.Cells, row)
		}
		p.Charts = append(p.Charts, HeatChart{Measure: m, Label: core.MeasureLabel(m), SVG: c.SVG()})
	}
	h.render(w, r, http.StatusOK, "analytics_heatmap", p)
}

// cellHref lists the managers behind a heatmap cell.
func cellHref(by model.IndexGroupBy, id int64, period string) string {
	key := "department"
	switch by {
	case model.IndexByLocation:
		key = "location"
	case model.IndexByLevel:
		key = "level"
	}
	return "/analytics/index?" + url.Values{"period": {period}, key: {strconv.FormatInt(id, 10)}}.Encode()
}

func (h *Handler) heatmapExport(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	hm, err := h.core.IndexHeatmap(r.Context(), actor, model.IndexGroupBy(r.URL.Query().Get("by")))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	csvHeaders(w, "index-heatmap-by-"+string(hm.By)+".csv")
	if err := writeHeatmap(w, hm); err != nil {
		httpx.Logger(r.Context()).Error("export heatmap", "err", err.Error())
	}
}

// DashboardPage is the executive dashboard.
type DashboardPage struct {
	Page
	D            core.Dashboard
	IndexTrend   template.HTML
	Distribution template.HTML
	Engagement   template.HTML
	IndexDelta   float64
	HasDelta     bool
	CanRecompute bool
}

func (h *Handler) dashboard(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	d, err := h.core.Dashboard(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &DashboardPage{Page: Page{Title: "Is purpose taking root?", Section: "dashboard", Wide: true}, D: d,
		CanRecompute: actor.Is(model.RoleAdmin, model.RoleHR)}
	if n := len(d.Index.Trend); n >= 2 {
		line := chart.Line{ID: "dash-index", Title: "Mean Purpose Leadership Index by quarter", YMin: 0, YMax: 100, Format: chart.Format(0, ""), Width: 520, Height: 200}
		vals := []float64{}
		for _, t := range d.Index.Trend {
			line.Labels = append(line.Labels, model.QuarterLabel(t.Period))
			vals = append(vals, t.Mean)
		}
		line.Series = []chart.Series{{Name: "Mean index", Values: vals}}
		p.IndexTrend = line.SVG()
		for i := n - 1; i > 0; i-- {
			if d.Index.Trend[i].Period == d.Period {
				p.IndexDelta, p.HasDelta = d.Index.Trend[i].Mean-d.Index.Trend[i-1].Mean, true
			}
		}
	}
	if d.Index.N > 0 {
		bars := chart.Bars{ID: "dash-dist", Title: "Managers by index, in bands of ten, " + model.QuarterLabel(d.Period), Format: chart.Format(0, ""), Width: 520}
		for i, n := range d.Index.Buckets {
			bars.Items = append(bars.Items, chart.Bar{Label: fmt.Sprintf("%d–%d", i*10, i*10+10), Value: float64(n), Text: strconv.Itoa(n)})
		}
		p.Distribution = bars.SVG()
	}
	if len(d.Engagement) >= 2 {
		line := chart.Line{ID: "dash-engagement", Title: "Engagement (favourable %) and eNPS by pulse", Format: chart.Format(0, ""), Width: 520, Height: 200, YMin: -20, YMax: 100}
		var eng, enps []float64
		for _, t := range d.Engagement {
			line.Labels = append(line.Labels, t.Short)
			e, n := chart.Missing, chart.Missing
			if t.Shown && t.HasEng {
				e = t.Engagement
			}
			if t.Shown && t.HasENPS {
				n = t.ENPS
			}
			eng, enps = append(eng, e), append(enps, n)
		}
		line.Series = []chart.Series{{Name: "Engagement", Values: eng}, {Name: "eNPS", Values: enps, Dashed: true}}
		p.Engagement = line.SVG()
	}
	h.render(w, r, http.StatusOK, "analytics_dashboard", p)
}

func (h *Handler) dashboardExport(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	d, err := h.core.Dashboard(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	csvHeaders(w, "dashboard-"+d.Period+".csv")
	if err := writeDashboard(w, d); err != nil {
		httpx.Logger(r.Context()).Error("export dashboard", "err", err.Error())
	}
}

func (h *Handler) recomputeIndex(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if _, err := h.core.RecomputeIndex(r.Context(), actor); err != nil {
		h.fail(w, r, err)
		return
	}
	to := r.URL.Query().Get("back")
	if to != "/analytics/heatmap" && to != "/analytics/index" {
		to = "/analytics/dashboard"
	}
	h.redirect(w, r, to, "success", "The index and the dashboard are recomputed from the latest data.")
}

// CalibrationPage is the calibration grid.
type CalibrationPage struct {
	Page
	Grid        core.CalibrationGrid
	Departments []model.Department
	Form        Form
	Ratings     []int
	Selected    string // the person the form starts with
	Edges       struct{ ResultsLow, ResultsHigh, PurposeLow, PurposeHigh float64 }
	ExportURL   template.URL
}

func gridQuery(r *http.Request) core.GridQuery {
	return core.GridQuery{CycleID: queryID(r, "cycle"), DepartmentID: queryID(r, "department")}
}

func (h *Handler) calibration(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	h.renderCalibration(w, r, actor, gridQuery(r), http.StatusOK, Form{})
}

func (h *Handler) renderCalibration(w http.ResponseWriter, r *http.Request, actor model.Actor, q core.GridQuery, status int, form Form) {
	g, err := h.core.Calibration(r.Context(), actor, q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	depts, err := h.core.Departments(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &CalibrationPage{Page: Page{Title: "Calibration grid", Section: "calibration", Wide: true}, Grid: g, Departments: depts, Form: form, Ratings: model.Ratings,
		Selected: r.URL.Query().Get("person")}
	if form.Values != nil {
		p.Selected = form.Value("person_id")
	}
	p.Edges.ResultsLow, p.Edges.ResultsHigh, p.Edges.PurposeLow, p.Edges.PurposeHigh = core.ResultsLowEdge, core.ResultsHighEdge, core.PurposeLowEdge, core.PurposeHighEdge
	v := url.Values{}
	if q.CycleID != 0 {
		v.Set("cycle", strconv.FormatInt(q.CycleID, 10))
	}
	if q.DepartmentID != 0 {
		v.Set("department", strconv.FormatInt(q.DepartmentID, 10))
	}
	p.ExportURL = template.URL("/analytics/calibration.csv?" + v.Encode())
	h.render(w, r, status, "analytics_calibration", p)
}

func (h *Handler) calibrate(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	in := model.CalibrationInput{CycleID: formID(r, "cycle_id"), PersonID: formID(r, "person_id"), Reason: r.PostForm.Get("reason"),
		Rating: formInt(r, "rating", 0)}
	q := core.GridQuery{CycleID: in.CycleID, DepartmentID: formID(r, "department")}
	k, err := h.core.Calibrate(r.Context(), actor, in)
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.renderCalibration(w, r, actor, q, http.StatusUnprocessableEntity, formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	back := "/analytics/calibration?cycle=" + strconv.FormatInt(in.CycleID, 10)
	if q.DepartmentID != 0 {
		back += "&department=" + strconv.FormatInt(q.DepartmentID, 10)
	}
	h.redirect(w, r, back+"#person-"+strconv.FormatInt(in.PersonID, 10), "success",
		fmt.Sprintf("%s: %s. The rating and its reason appear in the review.", k.PersonName, k.RatingLabel()))
}

func (h *Handler) calibrationExport(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	g, err := h.core.Calibration(r.Context(), actor, gridQuery(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	csvHeaders(w, "calibration-"+g.Period+".csv")
	if err := writeCalibration(w, g); err != nil {
		httpx.Logger(r.Context()).Error("export calibration", "err", err.Error())
	}
}

// HelpIndexPage documents the index and lets hr and admin set its weights.
type HelpIndexPage struct {
	Page
	Weights    model.IndexWeights
	Components []model.IndexComponent
	CanEdit    bool
	Form       Form
	Edges      struct{ ResultsLow, ResultsHigh, PurposeLow, PurposeHigh float64 }
}

// Weight returns the weight to show in the form for a component.
func (p *HelpIndexPage) Weight(c model.IndexComponent) string {
	if p.Form.Values != nil {
		return p.Form.Value(string(c))
	}
	return strconv.FormatFloat(p.Weights[c], 'f', -1, 64)
}

func (h *Handler) helpIndex(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	h.renderHelpIndex(w, r, actor, http.StatusOK, Form{})
}

func (h *Handler) renderHelpIndex(w http.ResponseWriter, r *http.Request, actor model.Actor, status int, form Form) {
	ws, err := h.core.IndexWeights(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &HelpIndexPage{Page: Page{Title: "How the Purpose Leadership Index works", Section: "index"}, Weights: ws,
		Components: model.IndexComponents, CanEdit: actor.Is(model.RoleAdmin, model.RoleHR), Form: form}
	p.Edges.ResultsLow, p.Edges.ResultsHigh, p.Edges.PurposeLow, p.Edges.PurposeHigh = core.ResultsLowEdge, core.ResultsHighEdge, core.PurposeLowEdge, core.PurposeHighEdge
	h.render(w, r, status, "help_index", p)
}

func (h *Handler) setIndexWeights(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	ws := model.IndexWeights{}
	for _, c := range model.IndexComponents {
		v, err := strconv.ParseFloat(r.PostForm.Get(string(c)), 64)
		if err != nil || math.IsNaN(v) {
			v = -1 // not a number: core refuses it with the field's message
		}
		ws[c] = v
	}
	err := h.core.SetIndexWeights(r.Context(), actor, ws)
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.renderHelpIndex(w, r, actor, http.StatusUnprocessableEntity, formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/help/index", "success", "The weights are saved. The index is recomputed with them on the next visit.")
}

// ImpactPage is a program's measured impact.
type ImpactPage struct {
	Page
	Impact core.ProgramImpact
	Forest template.HTML
}

func (h *Handler) programImpact(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.core.ProgramImpact(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// One forest per unit, so a rating-point effect is not drawn on a 0–100 axis.
	var forests template.HTML
	for i, unit := range []string{"points", "rating points"} {
		forest := chart.Forest{ID: "impact-forest-" + strconv.Itoa(i), Title: "Estimated effect of " + p.Title + " against comparable managers, in " + unit + ", with 95% intervals",
			Width: 720, Format: func(v float64) string { return effectText(v, unit, true) }}
		for _, o := range p.Outcomes {
			if o.Unit != unit {
				continue
			}
			e := chart.Estimate{Label: o.Label, Value: chart.Missing}
			if o.HasEst && o.Enough {
				e.Value, e.Low, e.High = o.Estimate, o.Low, o.High
			}
			forest.Items = append(forest.Items, e)
		}
		if len(forest.Items) > 0 {
			forests += forest.SVG()
		}
	}
	h.render(w, r, http.StatusOK, "analytics_impact", &ImpactPage{Page: Page{Title: "Impact of " + p.Title, Section: "dashboard"}, Impact: p, Forest: forests})
}

func (h *Handler) programImpactExport(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.core.ProgramImpact(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	csvHeaders(w, "program-impact-"+strconv.FormatInt(id, 10)+".csv")
	if err := writeImpact(w, p); err != nil {
		httpx.Logger(r.Context()).Error("export impact", "err", err.Error())
	}
}

// effectText formats a program impact figure: two decimals for rating points, one for
// points, a sign when asked, and never a negative zero.
func effectText(v float64, unit string, sign bool) string {
	decimals := 1
	if unit == "rating points" {
		decimals = 2
	}
	out := chart.Format(decimals, "")(v)
	if sign && !strings.HasPrefix(out, "-") && strings.Trim(out, "0.") != "" {
		out = "+" + out
	}
	return out
}
