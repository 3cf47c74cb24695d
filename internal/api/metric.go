package api

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"

	"throughline/internal/core"
	"throughline/internal/csvio"
	"throughline/internal/httpx"
	"throughline/internal/model"
)

// num returns a pointer to v, or nil when there is no value: JSON says null, never 0,
// for missing data.
func num(has bool, v float64) *float64 {
	if !has || math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// numOr reads an optional number of a request body; a missing one is NaN, so Validate
// names the field.
func numOr(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// pathParam reads an integer path value by name; a malformed one is not found.
func pathParam(r *http.Request, name string) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || n <= 0 {
		return 0, model.NotFound("resource")
	}
	return n, nil
}

// MetricBody is a metric of the catalogue.
type MetricBody struct {
	ID                int64    `json:"id"`
	Key               string   `json:"key"`
	Name              string   `json:"name"`
	Perspective       string   `json:"perspective"`
	Unit              string   `json:"unit"`
	Direction         string   `json:"direction"`
	Target            float64  `json:"target"`
	Floor             float64  `json:"floor"`
	Weight            float64  `json:"weight"`
	Combine           string   `json:"combine"`
	Frequency         string   `json:"frequency"`
	ObjectiveID       int64    `json:"objective_id,omitempty"`
	Objective         string   `json:"objective,omitempty"`
	OwnerID           int64    `json:"owner_id,omitempty"`
	Owner             string   `json:"owner,omitempty"`
	Why               string   `json:"why"`
	Description       string   `json:"description"`
	Scope             string   `json:"scope"`
	ScopeDepartmentID int64    `json:"scope_department_id,omitempty"`
	ScopeDepartment   string   `json:"scope_department,omitempty"`
	ManagerIDs        []int64  `json:"manager_ids,omitempty"`
	Managers          []string `json:"managers,omitempty"`
	Status            string   `json:"status"`
	Position          int      `json:"position"`
	UpdatedAt         int64    `json:"updated_at"`
}

func metricBody(m model.Metric) MetricBody {
	return MetricBody{ID: m.ID, Key: m.Key, Name: m.Name, Perspective: string(m.Perspective), Unit: m.Unit, Direction: string(m.Direction),
		Target: m.Target, Floor: m.Floor, Weight: m.Weight, Combine: string(m.Combine), Frequency: string(m.Frequency),
		ObjectiveID: m.ObjectiveID, Objective: m.ObjectiveTitle, OwnerID: m.OwnerID, Owner: m.OwnerName, Why: m.Why, Description: m.Description,
		Scope: string(m.Scope), ScopeDepartmentID: m.ScopeDepartmentID, ScopeDepartment: m.ScopeDepartmentName, ManagerIDs: m.ManagerIDs,
		Managers: m.ManagerNames, Status: string(m.Status), Position: m.Position, UpdatedAt: m.UpdatedAt}
}

// MetricInputBody creates or replaces a metric. A metric cannot be published without
// "why".
type MetricInputBody struct {
	Key               string   `json:"key,omitempty"`
	Name              string   `json:"name"`
	Perspective       string   `json:"perspective"`
	Unit              string   `json:"unit,omitempty"`
	Direction         string   `json:"direction"`
	Target            *float64 `json:"target"`
	Floor             *float64 `json:"floor"`
	Weight            *float64 `json:"weight,omitempty"`
	Combine           string   `json:"combine"`
	Frequency         string   `json:"frequency"`
	ObjectiveID       int64    `json:"objective_id,omitempty"`
	OwnerID           int64    `json:"owner_id,omitempty"`
	OwnerEmail        string   `json:"owner_email,omitempty"`
	Why               string   `json:"why,omitempty"`
	Description       string   `json:"description,omitempty"`
	Scope             string   `json:"scope,omitempty"`
	ScopeDepartmentID int64    `json:"scope_department_id,omitempty"`
	ManagerIDs        []int64  `json:"manager_ids,omitempty"`
	Status            string   `json:"status,omitempty"`
	Position          int      `json:"position,omitempty"`
}

func (b MetricInputBody) input() model.MetricInput {
	w := 1.0
	if b.Weight != nil {
		w = *b.Weight
	}
	return model.MetricInput{Key: b.Key, Name: b.Name, Perspective: model.Perspective(b.Perspective), Unit: b.Unit,
		Direction: model.Direction(b.Direction), Target: numOr(b.Target), Floor: numOr(b.Floor), Weight: w, Combine: model.Combine(b.Combine),
		Frequency: model.Frequency(b.Frequency), ObjectiveID: b.ObjectiveID, OwnerID: b.OwnerID, OwnerEmail: b.OwnerEmail, Why: b.Why,
		Description: b.Description, Scope: model.MetricScope(b.Scope), ScopeDepartmentID: b.ScopeDepartmentID, ManagerIDs: b.ManagerIDs,
		Status: model.MetricStatus(b.Status), Position: b.Position}
}

func (h *Handler) metrics(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	f := model.MetricFilter{Status: model.MetricStatus(q.Get("status")), Perspective: model.Perspective(q.Get("perspective")), WithRetired: q.Get("status") == "all"}
	if f.Status == "all" {
		f.Status = ""
	}
	page, err := pageOf(r)
	var ms []model.Metric
	if err == nil {
		ms, err = h.core.Metrics(r.Context(), a, f)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, listOf(paginate(ms, page), metricBody))
}

func (h *Handler) metric(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var m model.Metric
	id, err := pathID(r)
	if err == nil {
		m, err = h.core.Metric(r.Context(), a, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[MetricBody]{Data: metricBody(m)})
}

func (h *Handler) createMetric(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var b MetricInputBody
	err := httpx.DecodeJSON(w, r, &b, 0)
	var m model.Metric
	if err == nil {
		m, err = h.core.CreateMetric(r.Context(), a, b.input())
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, DataBody[MetricBody]{Data: metricBody(m)})
}

func (h *Handler) updateMetric(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var b MetricInputBody
	var m model.Metric
	id, err := pathID(r)
	if err == nil {
		err = httpx.DecodeJSON(w, r, &b, 0)
	}
	if err == nil {
		m, err = h.core.UpdateMetric(r.Context(), a, id, b.input())
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[MetricBody]{Data: metricBody(m)})
}

// ObservationBody is one recorded value.
type ObservationBody struct {
	ID          int64   `json:"id"`
	MetricID    int64   `json:"metric_id"`
	MetricKey   string  `json:"metric_key"`
	SubjectType string  `json:"subject_type"`
	SubjectID   int64   `json:"subject_id"`
	Subject     string  `json:"subject"`
	Period      string  `json:"period"`
	Value       float64 `json:"value"`
	Source      string  `json:"source"`
	Note        string  `json:"note"`
	RecordedBy  string  `json:"recorded_by"`
	CreatedAt   int64   `json:"created_at"`
	UpdatedAt   int64   `json:"updated_at"`
	Corrections int     `json:"corrections"`
}

func observationBody(o model.Observation) ObservationBody {
	return ObservationBody{ID: o.ID, MetricID: o.MetricID, MetricKey: o.MetricKey, SubjectType: string(o.SubjectType), SubjectID: o.SubjectID,
		Subject: o.SubjectName, Period: o.Period, Value: o.Value, Source: string(o.Source), Note: o.Note, RecordedBy: o.ByName,
		CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt, Corrections: o.Corrections}
}

// CorrectionBody is one correction of a value: the value before, who changed it, when.
type CorrectionBody struct {
	OldValue  float64 `json:"old_value"`
	NewValue  float64 `json:"new_value"`
	OldSource string  `json:"old_source"`
	OldNote   string  `json:"old_note"`
	ChangedBy string  `json:"changed_by"`
	ChangedAt int64   `json:"changed_at"`
}

func correctionBody(c model.ObservationChange) CorrectionBody {
	return CorrectionBody{OldValue: c.OldValue, NewValue: c.NewValue, OldSource: string(c.OldSource), OldNote: c.OldNote, ChangedBy: c.ByName, ChangedAt: c.ChangedAt}
}

// ObservationDetailBody is a value with its corrections, newest first.
type ObservationDetailBody struct {
	ObservationBody
	History []CorrectionBody `json:"history"`
}

func (h *Handler) observations(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	page, err := pageOf(r)
	f := model.ObservationFilter{Page: page, SubjectType: model.SubjectType(r.URL.Query().Get("subject_type"))}
	if err == nil {
		f.MetricID, err = idParam(r, "metric_id")
	}
	if err == nil {
		f.SubjectID, err = idParam(r, "subject_id")
	}
	if p := r.URL.Query().Get("period"); p != "" && err == nil {
		f.Periods = strings.Split(strings.ToUpper(p), ",")
	}
	var l model.List[model.Observation]
	if err == nil {
		l, err = h.core.Observations(r.Context(), a, f)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, listOf(l, observationBody))
}

func (h *Handler) observation(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var o model.Observation
	var hist []model.ObservationChange
	if err == nil {
		o, hist, err = h.core.ObservationHistory(r.Context(), a, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := ObservationDetailBody{ObservationBody: observationBody(o), History: []CorrectionBody{}}
	for _, c := range hist {
		body.History = append(body.History, correctionBody(c))
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[ObservationDetailBody]{Data: body})
}

// ObservationInputBody is one value of a batch. The metric is given by id or key; the
// subject by id (a manager's person id, a department id) or by reference (the
// manager's employee id, the department's name).
type ObservationInputBody struct {
	MetricID    int64    `json:"metric_id,omitempty"`
	MetricKey   string   `json:"metric_key,omitempty"`
	SubjectType string   `json:"subject_type,omitempty"`
	SubjectID   int64    `json:"subject_id,omitempty"`
	Subject     string   `json:"subject,omitempty"`
	Period      string   `json:"period"`
	Value       *float64 `json:"value"`
	Note        string   `json:"note,omitempty"`
}

// ObservationBatchBody records many values at once, all or nothing.
type ObservationBatchBody struct {
	Observations []ObservationInputBody `json:"observations"`
	DryRun       bool                   `json:"dry_run,omitempty"`
}

// ObservationReportBody is the outcome of a batch.
type ObservationReportBody struct {
	Rows      int  `json:"rows"`
	Created   int  `json:"created"`
	Corrected int  `json:"corrected"`
	Unchanged int  `json:"unchanged"`
	DryRun    bool `json:"dry_run"`
}

func reportBody(r model.ObservationReport) ObservationReportBody {
	return ObservationReportBody{Rows: r.Rows, Created: r.Created, Corrected: r.Corrected, Unchanged: r.Unchanged, DryRun: r.DryRun}
}

// MaxBatch bounds the values of one API batch; larger loads go through the CSV import.
const MaxBatch = 5000

func (h *Handler) recordObservations(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var b ObservationBatchBody
	if err := httpx.DecodeJSON(w, r, &b, 4<<20); err != nil {
		h.fail(w, r, err)
		return
	}
	if len(b.Observations) > MaxBatch {
		h.fail(w, r, &model.Error{Code: model.CodeInvalid, Message: "Send at most 5,000 values per request, or upload a CSV file to /observations/import."})
		return
	}
	rows := make([]model.ObservationInput, len(b.Observations))
	for i, o := range b.Observations {
		rows[i] = model.ObservationInput{Line: i + 1, MetricID: o.MetricID, MetricKey: o.MetricKey, SubjectType: model.SubjectType(o.SubjectType),
			SubjectID: o.SubjectID, SubjectRef: o.Subject, Period: o.Period, Value: numOr(o.Value), Note: o.Note}
	}
	rep, err := h.core.RecordObservations(r.Context(), a, rows, model.SourceAPI, core.ObservationOptions{DryRun: b.DryRun})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if !b.DryRun && rep.Created+rep.Corrected > 0 {
		status = http.StatusCreated
	}
	httpx.WriteJSON(w, status, DataBody[ObservationReportBody]{Data: reportBody(rep)})
}

// importObservations takes an observations CSV file as the request body (text/csv).
func (h *Handler) importObservations(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	dry, _ := strconv.ParseBool(q.Get("dry_run"))
	r.Body = http.MaxBytesReader(w, r.Body, csvio.MaxFileBytes)
	rows, problems, err := csvio.ReadObservations(r.Body)
	if err != nil {
		var ie *model.ImportError
		if errors.As(err, &ie) {
			err = ie.AsError()
		}
		h.fail(w, r, err)
		return
	}
	rep, err := h.core.RecordObservations(r.Context(), a, rows, model.SourceCSV, core.ObservationOptions{DryRun: dry, Filename: q.Get("filename"), Problems: problems})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if !dry {
		status = http.StatusCreated
	}
	httpx.WriteJSON(w, status, DataBody[ObservationReportBody]{Data: reportBody(rep)})
}

// ScoreSettingsBody are the perspective weights and the balance-warning thresholds
// (fractions: 0.9 is 90%).
type ScoreSettingsBody struct {
	Weights       map[string]float64 `json:"weights"`
	FinancialHigh float64            `json:"financial_high"`
	PurposeLow    float64            `json:"purpose_low"`
}

func (h *Handler) scoreSettings(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	s, err := h.core.ScoreSettings(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := ScoreSettingsBody{Weights: map[string]float64{}, FinancialHigh: s.FinancialHigh, PurposeLow: s.PurposeLow}
	for _, p := range model.Perspectives {
		body.Weights[string(p)] = s.Weight(p)
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[ScoreSettingsBody]{Data: body})
}

func (h *Handler) setScoreSettings(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var b ScoreSettingsBody
	if err := httpx.DecodeJSON(w, r, &b, 0); err != nil {
		h.fail(w, r, err)
		return
	}
	s := model.ScoreSettings{Weights: map[model.Perspective]float64{}, FinancialHigh: b.FinancialHigh, PurposeLow: b.PurposeLow}
	for k, v := range b.Weights {
		p := model.Perspective(k)
		if !p.Valid() {
			h.fail(w, r, &model.Error{Code: model.CodeInvalid, Message: "Unknown perspective " + strconv.Quote(model.Clip(k, 40)) + ".", Fields: map[string]string{"weights": "Use the six perspective keys."}})
			return
		}
		s.Weights[p] = v
	}
	if err := h.core.SetScoreSettings(r.Context(), a, s); err != nil {
		h.fail(w, r, err)
		return
	}
	h.scoreSettings(w, r)
}
