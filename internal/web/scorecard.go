package web

import (
	"html/template"
	"math"
	"net/http"
	"sort"

	"throughline/internal/chart"
	"throughline/internal/core"
	"throughline/internal/csvio"
	"throughline/internal/httpx"
	"throughline/internal/model"
)

// PeriodOption is one choice of the period selector.
type PeriodOption struct {
	Value, Label string
	Selected     bool
}

func (h *Handler) periodOptions(selected string) []PeriodOption {
	var out []PeriodOption
	cur := h.core.CurrentPeriod()
	for _, p := range h.core.PeriodChoices() {
		label := model.QuarterLabel(p)
		if p == cur {
			label += " (in progress)"
		}
		out = append(out, PeriodOption{Value: p, Label: label, Selected: p == selected})
	}
	return out
}

// ScorecardsPage lists the scorecards the viewer may read for one period.
type ScorecardsPage struct {
	Page
	List         core.ScorecardList
	Rows         model.List[model.Scorecard]
	Periods      []PeriodOption
	Departments  []model.Department
	DepartmentID int64
	Warnings     bool
	Median       float64
	HasMedian    bool
	Mine         *core.ScorecardSummary
}

func (h *Handler) scorecards(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	q := r.URL.Query()
	f := core.ScorecardFilter{Period: q.Get("period"), DepartmentID: queryID(r, "department"), Warnings: q.Get("warnings") == "1"}
	l, err := h.core.Scorecards(ctx, actor, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &ScorecardsPage{Page: Page{Title: "Scorecards", Section: "scorecards", Wide: true}, List: l, Periods: h.periodOptions(l.Period),
		DepartmentID: f.DepartmentID, Warnings: f.Warnings}
	if p.Departments, err = h.core.Departments(ctx, actor); err != nil {
		h.fail(w, r, err)
		return
	}
	var composites []float64
	for _, c := range l.Cards {
		if c.HasComposite {
			composites = append(composites, c.Composite)
		}
	}
	if len(composites) > 0 {
		sort.Float64s(composites)
		p.Median, p.HasMedian = composites[len(composites)/2], true
	}
	page := model.Page{Limit: 50, Offset: queryInt(r, "offset", 0)}.Normalize()
	start := min(page.Offset, len(l.Cards))
	p.Rows = model.List[model.Scorecard]{Items: l.Cards[start:min(start+page.Limit, len(l.Cards))], Total: len(l.Cards), Page: page}
	if mine, err := h.core.MyScorecard(ctx, actor); err == nil && mine.Has {
		p.Mine = &mine
	}
	h.render(w, r, http.StatusOK, "scorecards", p)
}

// myScorecard sends a person to their own scorecard.
func (h *Handler) myScorecard(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if actor.PersonID == 0 {
		http.Redirect(w, r, "/scorecards", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/scorecards/"+itoa(actor.PersonID), http.StatusSeeOther)
}

// ScorecardPage is one manager's balanced scorecard.
type ScorecardPage struct {
	Page
	View       core.ScorecardView
	Periods    []PeriodOption
	Trend      template.HTML
	Previous   *model.Scorecard
	Purpose    float64 // the mean of the purpose perspectives with data
	HasPurpose bool
}

// purposeMean is the mean of a card's purpose perspectives with data.
func purposeMean(c model.Scorecard) (float64, bool) {
	sum, n := 0.0, 0
	for _, p := range c.Perspectives {
		if p.Perspective.Purpose() && p.HasData {
			sum += p.Score
			n++
		}
	}
	if n == 0 {
		return math.NaN(), false
	}
	return sum / float64(n), true
}

func (h *Handler) scorecard(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.core.Scorecard(r.Context(), actor, id, r.URL.Query().Get("period"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	t := v.Trend
	labels := make([]string, len(t.Periods))
	purpose := make([]float64, len(t.Periods))
	for i, p := range t.Periods {
		labels[i] = model.QuarterLabel(p)
		sum, n := 0.0, 0
		for _, ps := range []model.Perspective{model.PerspectivePeople, model.PerspectiveImpact, model.PerspectiveEthics} {
			if x := t.ByPerspective[ps][i]; !math.IsNaN(x) {
				sum += x
				n++
			}
		}
		purpose[i] = chart.Missing
		if n > 0 {
			purpose[i] = sum / float64(n) * 100
		}
	}
	pctSeries := func(vs []float64) []float64 {
		out := make([]float64, len(vs))
		for i, x := range vs {
			out[i] = x * 100
		}
		return out
	}
	hundred := 100.0
	name := v.Card.Person.Name
	trend := chart.Line{ID: "scorecard-trend", Title: "Scorecard of " + name + " over eight quarters",
		Labels: labels, YMin: 0, YMax: 120, Format: chart.Format(0, "%"), Reference: &hundred, RefLabel: "target", Height: 260, Width: 720,
		Series: []chart.Series{
			{Name: "Composite", Values: pctSeries(t.Composite)},
			{Name: "Financial", Values: pctSeries(t.ByPerspective[model.PerspectiveFinancial]), Dashed: true},
			{Name: "Purpose (people, impact, ethics)", Values: purpose},
		}}
	p := &ScorecardPage{Page: Page{Title: "Scorecard of " + name, Section: "scorecards"}, View: v,
		Periods: h.periodOptions(v.Card.Period), Trend: trend.SVG()}
	p.Purpose, p.HasPurpose = purposeMean(v.Card)
	if v.Own {
		p.Title = "Your scorecard"
	}
	h.render(w, r, http.StatusOK, "scorecard", p)
}

// compositeSparkline draws a small chart of a composite over the trend's quarters.
func compositeSparkline(t model.ScorecardTrend) template.HTML {
	labels := make([]string, len(t.Periods))
	vals := make([]float64, len(t.Periods))
	for i, p := range t.Periods {
		labels[i] = p[5:] + " ’" + p[2:4] // "Q1 ’26": eight labels fit a narrow card
		vals[i] = t.Composite[i] * 100
	}
	return chart.Line{ID: "home-trend", Title: "Your composite over eight quarters", Labels: labels, Format: chart.Format(0, "%"),
		Width: 520, Height: 150, Series: []chart.Series{{Name: "Composite", Values: vals}}}.SVG()
}

// MetricDrillPage opens one metric of a scorecard.
type MetricDrillPage struct {
	Page
	Drill   core.MetricDrill
	Formula []string
	Trend   template.HTML
	Periods []PeriodOption
	Missing []string // parts of the period without a value
}

func (h *Handler) scorecardMetric(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	mid, err := pathID(r, "metric")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.ScorecardMetric(r.Context(), actor, id, mid, r.URL.Query().Get("period"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	m := d.Score.Metric
	labels := make([]string, len(d.TrendPeriods))
	for i, p := range d.TrendPeriods {
		labels[i] = model.QuarterLabel(p)
	}
	target := m.Target
	title := m.Name + " over eight quarters"
	suffix := ""
	if m.Unit == "%" {
		suffix = "%"
	} else if m.Unit != "" {
		title = m.Name + " (" + m.Unit + ") over eight quarters"
	}
	trend := chart.Line{ID: "metric-trend", Title: title, Labels: labels, Reference: &target, RefLabel: "target " + m.FormatValue(m.Target),
		Format: func(v float64) string {
			if chart.IsMissing(v) {
				return "no data"
			}
			return model.Metric{}.FormatValue(v) + suffix
		}, Height: 240, Width: 720,
		Series: []chart.Series{{Name: m.Name, Values: d.TrendValues}}}
	have := map[string]bool{}
	for _, o := range d.Observations {
		have[o.Period] = true
	}
	p := &MetricDrillPage{Page: Page{Title: m.Name + " · " + d.Card.Person.Name, Section: "scorecards"}, Drill: d,
		Formula: core.FormulaLines(d.Score), Trend: trend.SVG(), Periods: h.periodOptions(d.Card.Period)}
	for _, part := range d.Parts {
		if !have[part] {
			p.Missing = append(p.Missing, part)
		}
	}
	h.render(w, r, http.StatusOK, "scorecard_metric", p)
}

func (h *Handler) exportScorecards(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	cards, err := h.core.ExportScorecards(r.Context(), actor, r.URL.Query().Get("period"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	period := h.core.DefaultPeriod()
	if len(cards) > 0 {
		period = cards[0].Period
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="scorecards-`+period+`.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	if err := csvio.WriteScorecards(w, cards); err != nil {
		httpx.Logger(r.Context()).Error("export scorecards", "err", err.Error())
	}
}

// HelpScorecardPage explains the formulas and the organization's settings.
type HelpScorecardPage struct {
	Page
	Settings model.ScoreSettings
	Defaults model.ScoreSettings
}

func (h *Handler) helpScorecard(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	s, err := h.core.ScoreSettings(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "help_scorecard", &HelpScorecardPage{Page: Page{Title: "How scorecards work", Section: "scorecards"},
		Settings: s, Defaults: model.DefaultScoreSettings()})
}

// ScoreSettingsPage is the form of the perspective weights and warning thresholds.
type ScoreSettingsPage struct {
	Page
	Settings model.ScoreSettings
	Form     Form
}

func (h *Handler) scoreSettingsPage(w http.ResponseWriter, r *http.Request, status int, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if !actor.Is(model.RoleAdmin, model.RoleHR) {
		h.fail(w, r, model.Forbidden())
		return
	}
	s, err := h.core.ScoreSettings(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "scorecard_settings", &ScoreSettingsPage{Page: Page{Title: "Scorecard settings", Section: "catalogue"}, Settings: s, Form: form})
}

func (h *Handler) scoreSettings(w http.ResponseWriter, r *http.Request) {
	h.scoreSettingsPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) saveScoreSettings(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	s := model.ScoreSettings{Weights: map[model.Perspective]float64{},
		FinancialHigh: formFloat(r, "financial_high") / 100, PurposeLow: formFloat(r, "purpose_low") / 100}
	for _, p := range model.Perspectives {
		s.Weights[p] = formFloat(r, "weight_"+string(p))
	}
	err := h.core.SetScoreSettings(r.Context(), actor, s)
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.scoreSettingsPage(w, r, http.StatusUnprocessableEntity, formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/catalogue/settings", "success", "Scorecard settings saved. Every scorecard now uses them.")
}
