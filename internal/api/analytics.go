package api

import (
	"net/http"
	"strconv"

	"throughline/internal/core"
	"throughline/internal/httpx"
	"throughline/internal/model"
)

// IndexInputBody is one input of a component, as people read it.
type IndexInputBody struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// IndexComponentBody is one component of a manager's index. Value is null when the
// component had no data: it was left out and the others re-weighted.
type IndexComponentBody struct {
	Component string           `json:"component"`
	Label     string           `json:"label"`
	Value     *float64         `json:"value"`
	Weight    float64          `json:"weight"`
	Share     float64          `json:"share"`
	Formula   string           `json:"formula,omitempty"`
	Inputs    []IndexInputBody `json:"inputs,omitempty"`
}

// IndexBody is a manager's Purpose Leadership Index for a quarter.
type IndexBody struct {
	Person     ScorePersonBody      `json:"person"`
	Period     string               `json:"period"`
	Value      *float64             `json:"value"`
	Coverage   int                  `json:"components_with_data"`
	Components []IndexComponentBody `json:"components"`
}

func indexBody(x model.Index, detail bool) IndexBody {
	b := IndexBody{Person: ScorePersonBody{ID: x.Person.ID, Name: x.Person.Name, Title: x.Person.Title, Department: x.Person.DepartmentName},
		Period: x.Period, Value: num(x.Has, x.Value), Coverage: x.Coverage, Components: []IndexComponentBody{}}
	for _, c := range x.Components {
		cb := IndexComponentBody{Component: string(c.Component), Label: c.Component.Label(), Value: num(c.Has, c.Value), Weight: c.Weight, Share: c.Share}
		if detail {
			cb.Formula = c.Formula
			for _, in := range c.Inputs {
				cb.Inputs = append(cb.Inputs, IndexInputBody{Label: in.Label, Value: in.Value})
			}
		}
		b.Components = append(b.Components, cb)
	}
	return b
}

func (h *Handler) indexes(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	page, err := pageOf(r)
	q := core.IndexListQuery{Period: r.URL.Query().Get("period"), Page: page}
	if err == nil {
		q.DepartmentID, err = idParam(r, "department_id")
	}
	if err == nil {
		q.LocationID, err = idParam(r, "location_id")
	}
	if err == nil {
		var level int64
		level, err = idParam(r, "level")
		q.Depth = int(level)
	}
	var list core.IndexList
	if err == nil {
		list, err = h.core.Indexes(r.Context(), a, q)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, listOf(list.List, func(x model.Index) IndexBody { return indexBody(x, false) }))
}

// IndexViewBody is a manager's index opened to its inputs, with the trend.
type IndexViewBody struct {
	IndexBody
	Trend []IndexTrendBody `json:"trend"`
}

// IndexTrendBody is the index of one quarter; null when there was no value.
type IndexTrendBody struct {
	Period string   `json:"period"`
	Value  *float64 `json:"value"`
}

func (h *Handler) personIndex(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "person")
	if !ok {
		return
	}
	v, err := h.core.PersonIndex(r.Context(), a, id, r.URL.Query().Get("period"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := IndexViewBody{IndexBody: indexBody(v.Index, true), Trend: []IndexTrendBody{}}
	for _, t := range v.Trend {
		b.Trend = append(b.Trend, IndexTrendBody{Period: t.Period, Value: num(t.Has, t.Value)})
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[IndexViewBody]{Data: b})
}

// HeatCellBody is one cell of a heatmap: a mean over the managers with a value, or
// hidden (people's answers inside, too few of them), or no data.
type HeatCellBody struct {
	Period   string   `json:"period"`
	Mean     *float64 `json:"mean"`
	N        *int     `json:"managers_with_value"`
	Managers int      `json:"managers"`
	Status   string   `json:"status"` // shown, hidden, no_data
}

// HeatGroupBody is one group of a heatmap, with a row of cells per measure.
type HeatGroupBody struct {
	ID       int64                     `json:"id"`
	Name     string                    `json:"name"`
	Measures map[string][]HeatCellBody `json:"measures"`
}

// HeatmapBody is the index and its components by group and quarter.
type HeatmapBody struct {
	By       string          `json:"by"`
	Periods  []string        `json:"periods"`
	Measures []string        `json:"measures"`
	K        int             `json:"anonymity_threshold"`
	Groups   []HeatGroupBody `json:"groups"`
}

func (h *Handler) heatmap(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	hm, err := h.core.IndexHeatmap(r.Context(), a, model.IndexGroupBy(r.URL.Query().Get("by")))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := HeatmapBody{By: string(hm.By), Periods: hm.Periods, Measures: hm.Measures, K: hm.K, Groups: []HeatGroupBody{}}
	for _, g := range hm.Groups {
		gb := HeatGroupBody{ID: g.ID, Name: g.Name, Measures: map[string][]HeatCellBody{}}
		for _, m := range hm.Measures {
			for j, c := range g.Cells[m] {
				cb := HeatCellBody{Period: hm.Periods[j], Managers: c.Managers}
				switch {
				case c.Closed:
					cb.Status = "hidden"
				case c.Missing:
					cb.Status, cb.N = "no_data", intPtr(0)
				default:
					cb.Status, cb.Mean, cb.N = "shown", num(true, c.Mean), intPtr(c.N)
				}
				gb.Measures[m] = append(gb.Measures[m], cb)
			}
		}
		b.Groups = append(b.Groups, gb)
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[HeatmapBody]{Data: b})
}

func intPtr(n int) *int { return &n }

func (h *Handler) dashboard(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	d, err := h.core.Dashboard(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[DashboardBody]{Data: dashboardBody(d)})
}

// DashboardBody is the executive dashboard.
type DashboardBody struct {
	Period     string `json:"period"`
	ComputedAt int64  `json:"computed_at"`
	Objectives struct {
		Year      string             `json:"year"`
		Active    int                `json:"active"`
		Staffed   int                `json:"staffed"`
		Unstaffed []ObjectiveRefBody `json:"unstaffed"`
	} `json:"objectives"`
	Index struct {
		Managers     int          `json:"managers_with_value"`
		Missing      int          `json:"managers_without_value"`
		Mean         *float64     `json:"mean"`
		Median       *float64     `json:"median"`
		Distribution []int        `json:"distribution_by_tens"`
		Trend        []PeriodMean `json:"trend"`
	} `json:"index"`
	Lagging    []GroupMean           `json:"lagging_departments"`
	Leading    []GroupMean           `json:"leading_departments"`
	Engagement []EngagementPointBody `json:"engagement"`
	Warnings   struct {
		Count    int `json:"count"`
		Managers int `json:"managers"`
	} `json:"balance_warnings"`
	Silos      []SiloBody          `json:"silos"`
	CrossShare float64             `json:"cross_department_share"`
	Programs   []ProgramImpactBody `json:"programs"`
}

// PeriodMean is a mean index for a quarter.
type PeriodMean struct {
	Period string  `json:"period"`
	Mean   float64 `json:"mean"`
	N      int     `json:"managers"`
}

// GroupMean is a department's mean index.
type GroupMean struct {
	ID   int64   `json:"id"`
	Name string  `json:"name"`
	Mean float64 `json:"mean"`
	N    int     `json:"managers"`
}

// EngagementPointBody is one pulse of the organization's engagement trend.
type EngagementPointBody struct {
	Round      string   `json:"round"`
	Shown      bool     `json:"shown"`
	Engagement *float64 `json:"engagement"`
	ENPS       *float64 `json:"enps"`
}

// SiloBody is a department that mostly works alone.
type SiloBody struct {
	Department string  `json:"department"`
	Inward     float64 `json:"inward_share"`
	Reached    int     `json:"departments_reached"`
}

// ProgramImpactBody is a program's estimated effect on the index.
type ProgramImpactBody struct {
	ProgramID int64    `json:"program_id"`
	Title     string   `json:"title"`
	Estimate  *float64 `json:"estimate"`
	Low       *float64 `json:"ci95_low"`
	High      *float64 `json:"ci95_high"`
	Treated   int      `json:"program_teams"`
	Controls  int      `json:"comparison_teams"`
	Verdict   string   `json:"verdict"`
}

func dashboardBody(d core.Dashboard) DashboardBody {
	var b DashboardBody
	b.Period, b.ComputedAt = d.Period, d.ComputedAt
	b.Objectives.Year, b.Objectives.Active, b.Objectives.Staffed = d.Objectives.Year, d.Objectives.Active, d.Objectives.Staffed
	b.Objectives.Unstaffed = []ObjectiveRefBody{}
	for _, o := range d.Objectives.Unstaffed {
		b.Objectives.Unstaffed = append(b.Objectives.Unstaffed, ObjectiveRefBody{ID: o.ID, Title: o.Title})
	}
	b.Index.Managers, b.Index.Missing = d.Index.N, d.Index.Missing
	b.Index.Mean, b.Index.Median = num(d.Index.N > 0, d.Index.Mean), num(d.Index.N > 0, d.Index.Median)
	b.Index.Distribution = d.Index.Buckets[:]
	b.Index.Trend = []PeriodMean{}
	for _, t := range d.Index.Trend {
		b.Index.Trend = append(b.Index.Trend, PeriodMean{Period: t.Period, Mean: t.Mean, N: t.N})
	}
	b.Lagging, b.Leading = []GroupMean{}, []GroupMean{}
	for _, g := range d.Lagging {
		b.Lagging = append(b.Lagging, GroupMean{ID: g.ID, Name: g.Name, Mean: g.Mean, N: g.N})
	}
	for _, g := range d.Leading {
		b.Leading = append(b.Leading, GroupMean{ID: g.ID, Name: g.Name, Mean: g.Mean, N: g.N})
	}
	b.Engagement = []EngagementPointBody{}
	for _, t := range d.Engagement {
		b.Engagement = append(b.Engagement, EngagementPointBody{Round: t.Label, Shown: t.Shown, Engagement: num(t.Shown && t.HasEng, t.Engagement), ENPS: num(t.Shown && t.HasENPS, t.ENPS)})
	}
	b.Warnings.Count, b.Warnings.Managers = d.Warnings.Count, d.Warnings.Managers
	b.Silos = []SiloBody{}
	for _, s := range d.Silos {
		b.Silos = append(b.Silos, SiloBody{Department: s.Department, Inward: s.Inward, Reached: s.Reached})
	}
	b.CrossShare = d.CrossShare
	b.Programs = []ProgramImpactBody{}
	for _, p := range d.Programs {
		b.Programs = append(b.Programs, ProgramImpactBody{ProgramID: p.ProgramID, Title: p.Title, Estimate: num(p.HasEst, p.Estimate),
			Low: num(p.HasEst, p.Low), High: num(p.HasEst, p.High), Treated: p.Treated, Controls: p.Controls, Verdict: p.Verdict})
	}
	return b
}

// IndexRunBody is one recomputed quarter.
type IndexRunBody struct {
	Period     string `json:"period"`
	ComputedAt int64  `json:"computed_at"`
	Managers   int    `json:"managers"`
}

func (h *Handler) recomputeIndex(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	runs, err := h.core.RecomputeIndex(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := ListBody[IndexRunBody]{Data: []IndexRunBody{}, Page: PageBody{Limit: len(runs), Total: len(runs)}}
	for _, run := range runs {
		out.Data = append(out.Data, IndexRunBody{Period: run.Period, ComputedAt: run.ComputedAt, Managers: run.Managers})
	}
	httpx.WriteJSON(w, http.StatusOK, out)
}

// IndexWeightsBody are the component weights, from 0 (left out) to 10.
type IndexWeightsBody struct {
	LineOfSight    float64 `json:"line_of_sight"`
	Development    float64 `json:"development"`
	PurposeResults float64 `json:"purpose_results"`
	Collaboration  float64 `json:"collaboration"`
	TeamEngagement float64 `json:"team_engagement"`
}

func (h *Handler) indexWeights(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	ws, err := h.core.IndexWeights(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[IndexWeightsBody]{Data: IndexWeightsBody{LineOfSight: ws[model.ComponentLineOfSight],
		Development: ws[model.ComponentDevelopment], PurposeResults: ws[model.ComponentPurposeResults],
		Collaboration: ws[model.ComponentCollaboration], TeamEngagement: ws[model.ComponentEngagement]}})
}

func (h *Handler) setIndexWeights(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var in IndexWeightsBody
	if !h.decode(w, r, &in) {
		return
	}
	ws := model.IndexWeights{model.ComponentLineOfSight: in.LineOfSight, model.ComponentDevelopment: in.Development,
		model.ComponentPurposeResults: in.PurposeResults, model.ComponentCollaboration: in.Collaboration, model.ComponentEngagement: in.TeamEngagement}
	if err := h.core.SetIndexWeights(r.Context(), a, ws); err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[IndexWeightsBody]{Data: in})
}

// GridManagerBody is one manager on the calibration grid.
type GridManagerBody struct {
	Person         ScorePersonBody  `json:"person"`
	Financial      *float64         `json:"financial_attainment"`
	PurposeResults *float64         `json:"purpose_results"`
	Index          *float64         `json:"index"`
	Purpose        *float64         `json:"purpose"`
	Results        string           `json:"results_band"`
	PurposeBand    string           `json:"purpose_band"`
	ReviewID       int64            `json:"review_id,omitempty"`
	Calibration    *CalibrationBody `json:"calibration"`
}

// CalibrationBody is a calibrated rating.
type CalibrationBody struct {
	CycleID     int64  `json:"cycle_id"`
	PersonID    int64  `json:"person_id"`
	Rating      int    `json:"rating"`
	RatingLabel string `json:"rating_label"`
	ResultsBand string `json:"results_band"`
	PurposeBand string `json:"purpose_band"`
	Reason      string `json:"reason"`
	By          string `json:"by"`
	UpdatedAt   int64  `json:"updated_at"`
}

func calibrationBody(k model.Calibration) CalibrationBody {
	return CalibrationBody{CycleID: k.CycleID, PersonID: k.PersonID, Rating: k.Rating, RatingLabel: k.RatingLabel(),
		ResultsBand: string(k.ResultsBand), PurposeBand: string(k.PurposeBand), Reason: k.Reason, By: k.ByName, UpdatedAt: k.UpdatedAt}
}

// CalibrationGridBody is the 3×3 grid, as a list of managers with their bands.
type CalibrationGridBody struct {
	Period   string            `json:"period"`
	CycleID  int64             `json:"cycle_id,omitempty"`
	Managers []GridManagerBody `json:"managers"`
}

func (h *Handler) calibrationGrid(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var q core.GridQuery
	var err error
	q.CycleID, err = idParam(r, "cycle_id")
	if err == nil {
		q.DepartmentID, err = idParam(r, "department_id")
	}
	var g core.CalibrationGrid
	if err == nil {
		g, err = h.core.Calibration(r.Context(), a, q)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := CalibrationGridBody{Period: g.Period, CycleID: q.CycleID, Managers: []GridManagerBody{}}
	add := func(m core.GridManager) {
		mb := GridManagerBody{Person: ScorePersonBody{ID: m.Person.ID, Name: m.Person.Name, Title: m.Person.Title, Department: m.Person.DepartmentName},
			Financial: num(m.HasFinancial, m.Financial), PurposeResults: num(m.HasPurposeResults, m.PurposeResults), Index: num(m.HasIndex, m.Index),
			Purpose: num(m.HasPurpose, m.Purpose), Results: string(m.Results), PurposeBand: string(m.PurposeBand), ReviewID: m.ReviewID}
		if m.Calibration != nil {
			k := calibrationBody(*m.Calibration)
			mb.Calibration = &k
		}
		b.Managers = append(b.Managers, mb)
	}
	for _, row := range g.Rows {
		for _, cell := range row {
			for _, m := range cell.Managers {
				add(m)
			}
		}
	}
	for _, m := range g.Unplaced {
		add(m)
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[CalibrationGridBody]{Data: b})
}

// CalibrateBody records a calibrated rating.
type CalibrateBody struct {
	CycleID  int64  `json:"cycle_id"`
	PersonID int64  `json:"person_id"`
	Rating   int    `json:"rating"`
	Reason   string `json:"reason"`
}

func (h *Handler) calibrate(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var in CalibrateBody
	if !h.decode(w, r, &in) {
		return
	}
	k, err := h.core.Calibrate(r.Context(), a, model.CalibrationInput{CycleID: in.CycleID, PersonID: in.PersonID, Rating: in.Rating, Reason: in.Reason})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/analytics/calibration?cycle_id="+strconv.FormatInt(k.CycleID, 10))
	httpx.WriteJSON(w, http.StatusOK, DataBody[CalibrationBody]{Data: calibrationBody(k)})
}

// ImpactOutcomeBody is a program's estimated effect on one outcome. The estimate and
// its interval are null when there is not enough data to say.
type ImpactOutcomeBody struct {
	Outcome        string   `json:"outcome"`
	Label          string   `json:"label"`
	Unit           string   `json:"unit"`
	Treated        int      `json:"program_managers"`
	Controls       int      `json:"comparison_managers"`
	TreatedBefore  *float64 `json:"program_before"`
	TreatedAfter   *float64 `json:"program_after"`
	ControlBefore  *float64 `json:"comparison_before"`
	ControlAfter   *float64 `json:"comparison_after"`
	Estimate       *float64 `json:"estimate"`
	Low            *float64 `json:"ci95_low"`
	High           *float64 `json:"ci95_high"`
	Verdict        string   `json:"verdict"`
	MatchedInLevel int      `json:"matched_within_level_only"`
	Unmatched      int      `json:"unmatched"`
	WithoutValues  int      `json:"participants_without_values"`
}

// ProgramImpactDetailBody is a program's measured impact.
type ProgramImpactDetailBody struct {
	ProgramID    int64               `json:"program_id"`
	Title        string              `json:"title"`
	Cohorts      int                 `json:"cohorts"`
	Participants int                 `json:"participants"`
	Outcomes     []ImpactOutcomeBody `json:"outcomes"`
	Method       string              `json:"method"`
	ComputedAt   int64               `json:"computed_at"`
}

func (h *Handler) programImpact(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "program")
	if !ok {
		return
	}
	p, err := h.core.ProgramImpact(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := ProgramImpactDetailBody{ProgramID: p.ProgramID, Title: p.Title, Cohorts: p.Cohorts, Participants: p.Participants, Method: p.Method,
		ComputedAt: p.ComputedAt, Outcomes: []ImpactOutcomeBody{}}
	for _, o := range p.Outcomes {
		est := o.HasEst && o.Enough
		b.Outcomes = append(b.Outcomes, ImpactOutcomeBody{Outcome: o.Key, Label: o.Label, Unit: o.Unit, Treated: o.Treated, Controls: o.Controls,
			TreatedBefore: num(o.HasEst, o.TreatedBase), TreatedAfter: num(o.HasEst, o.TreatedFollow), ControlBefore: num(o.HasEst, o.ControlBase),
			ControlAfter: num(o.HasEst, o.ControlFollow), Estimate: num(est, o.Estimate), Low: num(est, o.Low), High: num(est, o.High),
			Verdict: o.Verdict, MatchedInLevel: o.Relaxed, Unmatched: o.Unmatched, WithoutValues: o.ExcludedNoData})
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[ProgramImpactDetailBody]{Data: b})
}
