package api

import (
	"net/http"

	"throughline/internal/core"
	"throughline/internal/csvio"
	"throughline/internal/httpx"
	"throughline/internal/model"
)

// ScorePersonBody is whose scorecard it is: directory fields only.
type ScorePersonBody struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	Title      string `json:"title"`
	Department string `json:"department,omitempty"`
}

// MetricScoreBody is one metric of a scorecard. Value and attainment are null when no
// value was recorded: no data, never zero.
type MetricScoreBody struct {
	MetricID   int64    `json:"metric_id"`
	Key        string   `json:"key"`
	Name       string   `json:"name"`
	Why        string   `json:"why"`
	Unit       string   `json:"unit"`
	Direction  string   `json:"direction"`
	Target     float64  `json:"target"`
	Floor      float64  `json:"floor"`
	Weight     float64  `json:"weight"`
	Value      *float64 `json:"value"`
	Attainment *float64 `json:"attainment"`
	Capped     bool     `json:"capped"`
	Parts      int      `json:"parts"`
	Expected   int      `json:"expected"`
	From       string   `json:"from"`
	FromName   string   `json:"from_name"`
}

func metricScoreBody(m model.MetricScore) MetricScoreBody {
	return MetricScoreBody{MetricID: m.Metric.ID, Key: m.Metric.Key, Name: m.Metric.Name, Why: m.Metric.Why, Unit: m.Metric.Unit,
		Direction: string(m.Metric.Direction), Target: m.Metric.Target, Floor: m.Metric.Floor, Weight: m.Metric.Weight,
		Value: num(m.HasData, m.Value), Attainment: num(m.HasData, m.Attainment), Capped: m.Capped, Parts: m.Parts, Expected: m.Expected,
		From: string(m.From), FromName: m.FromName}
}

// PerspectiveScoreBody is one perspective of a scorecard.
type PerspectiveScoreBody struct {
	Perspective string            `json:"perspective"`
	Label       string            `json:"label"`
	Weight      float64           `json:"weight"`
	Score       *float64          `json:"score"`
	Metrics     []MetricScoreBody `json:"metrics,omitempty"`
}

// BalanceWarningBody says that strong financial results came with weak purpose results.
type BalanceWarningBody struct {
	Message   string   `json:"message"`
	Financial float64  `json:"financial"`
	Weak      []string `json:"weak"`
}

// ScorecardBody is a manager's balanced scorecard for a period.
type ScorecardBody struct {
	Person          ScorePersonBody        `json:"person"`
	Period          string                 `json:"period"`
	Composite       *float64               `json:"composite"`
	Coverage        int                    `json:"perspectives_with_data"`
	Metrics         int                    `json:"metrics"`
	MetricsWithData int                    `json:"metrics_with_data"`
	Perspectives    []PerspectiveScoreBody `json:"perspectives"`
	BalanceWarning  *BalanceWarningBody    `json:"balance_warning"`
}

func scorecardBody(c model.Scorecard) ScorecardBody {
	b := ScorecardBody{Person: ScorePersonBody{ID: c.Person.ID, Name: c.Person.Name, Title: c.Person.Title, Department: c.Person.DepartmentName},
		Period: c.Period, Composite: num(c.HasComposite, c.Composite), Coverage: c.Coverage, Metrics: c.Metrics, MetricsWithData: c.WithData,
		Perspectives: []PerspectiveScoreBody{}}
	for _, p := range c.Perspectives {
		pb := PerspectiveScoreBody{Perspective: string(p.Perspective), Label: p.Perspective.Label(), Weight: p.Weight, Score: num(p.HasData, p.Score)}
		for _, m := range p.Metrics {
			pb.Metrics = append(pb.Metrics, metricScoreBody(m))
		}
		b.Perspectives = append(b.Perspectives, pb)
	}
	if w := c.Warning; w != nil {
		wb := &BalanceWarningBody{Message: w.Message(), Financial: w.Financial, Weak: []string{}}
		for _, p := range w.Weak {
			wb.Weak = append(wb.Weak, string(p.Perspective))
		}
		b.BalanceWarning = wb
	}
	return b
}

// TrendBody is a series over periods, oldest first; null is no data.
type TrendBody struct {
	Periods   []string   `json:"periods"`
	Composite []*float64 `json:"composite,omitempty"`
	Values    []*float64 `json:"values,omitempty"`
}

func series(vs []float64) []*float64 {
	out := make([]*float64, len(vs))
	for i, v := range vs {
		out[i] = num(true, v)
	}
	return out
}

// ScorecardDetailBody is a scorecard with its trend.
type ScorecardDetailBody struct {
	ScorecardBody
	Trend TrendBody `json:"trend"`
}

func (h *Handler) scorecards(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	page, err := pageOf(r)
	f := core.ScorecardFilter{Period: r.URL.Query().Get("period"), Warnings: r.URL.Query().Get("warnings") == "true"}
	if err == nil {
		f.DepartmentID, err = idParam(r, "department_id")
	}
	var l core.ScorecardList
	if err == nil {
		l, err = h.core.Scorecards(r.Context(), a, f)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, listOf(paginate(l.Cards, page), scorecardBody))
}

func (h *Handler) scorecard(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var v core.ScorecardView
	if err == nil {
		v, err = h.core.Scorecard(r.Context(), a, id, r.URL.Query().Get("period"))
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[ScorecardDetailBody]{Data: ScorecardDetailBody{ScorecardBody: scorecardBody(v.Card),
		Trend: TrendBody{Periods: v.Trend.Periods, Composite: series(v.Trend.Composite)}}})
}

// MetricDrillBody opens one metric of a scorecard: the formula with its numbers, the
// values behind it and their corrections, and its trend.
type MetricDrillBody struct {
	Person       ScorePersonBody   `json:"person"`
	Period       string            `json:"period"`
	Metric       MetricScoreBody   `json:"metric"`
	Perspective  string            `json:"perspective"`
	Share        *float64          `json:"share_of_perspective"`
	Formula      []string          `json:"formula"`
	Observations []ObservationBody `json:"observations"`
	History      []CorrectionBody  `json:"history"`
	Trend        TrendBody         `json:"trend"`
}

func (h *Handler) scorecardMetric(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var mid int64
	if err == nil {
		mid, err = pathParam(r, "metric")
	}
	var d core.MetricDrill
	if err == nil {
		d, err = h.core.ScorecardMetric(r.Context(), a, id, mid, r.URL.Query().Get("period"))
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := d.Card.Person
	body := MetricDrillBody{Person: ScorePersonBody{ID: p.ID, Name: p.Name, Title: p.Title, Department: p.DepartmentName}, Period: d.Card.Period,
		Metric: metricScoreBody(d.Score), Perspective: string(d.Score.Metric.Perspective), Share: num(d.Score.HasData, d.Score.Share),
		Formula: core.FormulaLines(d.Score), Observations: []ObservationBody{}, History: []CorrectionBody{},
		Trend: TrendBody{Periods: d.TrendPeriods, Values: series(d.TrendValues)}}
	for _, o := range d.Observations {
		body.Observations = append(body.Observations, observationBody(o))
	}
	for _, c := range d.History {
		body.History = append(body.History, correctionBody(c))
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[MetricDrillBody]{Data: body})
}

func (h *Handler) exportScorecards(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	cards, err := h.core.ExportScorecards(r.Context(), a, r.URL.Query().Get("period"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_ = csvio.WriteScorecards(w, cards)
}
