package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"throughline/internal/core"
	"throughline/internal/csvio"
	"throughline/internal/httpx"
	"throughline/internal/model"
)

// PerspectiveGroup is the catalogue's metrics of one perspective.
type PerspectiveGroup struct {
	Perspective model.Perspective
	Metrics     []model.Metric
}

// CataloguePage is the metric catalogue.
type CataloguePage struct {
	Page
	Groups  []PerspectiveGroup
	CanEdit bool
	Total   int
	Drafts  int
}

func (h *Handler) catalogue(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	ms, err := h.core.Metrics(r.Context(), actor, model.MetricFilter{WithRetired: true})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &CataloguePage{Page: Page{Title: "Metric catalogue", Section: "catalogue"}, CanEdit: actor.Is(model.RoleAdmin, model.RoleHR), Total: len(ms)}
	for _, persp := range model.Perspectives {
		g := PerspectiveGroup{Perspective: persp}
		for _, m := range ms {
			if m.Perspective == persp {
				g.Metrics = append(g.Metrics, m)
				if m.Status == model.MetricDraft {
					p.Drafts++
				}
			}
		}
		p.Groups = append(p.Groups, g)
	}
	h.render(w, r, http.StatusOK, "catalogue", p)
}

// MetricFormPage creates or edits a metric.
type MetricFormPage struct {
	Page
	Metric      *model.Metric // nil when creating
	Form        Form
	Objectives  []model.Objective
	Departments []model.Department
	Managers    []model.Person
	Selected    map[int64]bool
}

// FormField is one text field of a form: its name, label, value and message.
type FormField struct {
	Name, Label, Value, Error string
}

// V returns a field's value: as submitted, or from the metric being edited, or the
// default of a new metric.
func (p *MetricFormPage) V(name string) string {
	if p.Form.Values != nil {
		return p.Form.Value(name)
	}
	if m := p.Metric; m != nil {
		in := core.MetricInputOf(*m)
		switch name {
		case "name":
			return in.Name
		case "key":
			return in.Key
		case "unit":
			return in.Unit
		case "why":
			return in.Why
		case "description":
			return in.Description
		case "perspective":
			return string(in.Perspective)
		case "direction":
			return string(in.Direction)
		case "target":
			return model.FormatNumber(in.Target)
		case "floor":
			return model.FormatNumber(in.Floor)
		case "weight":
			return model.FormatNumber(in.Weight)
		case "combine":
			return string(in.Combine)
		case "frequency":
			return string(in.Frequency)
		case "objective_id":
			return itoa(in.ObjectiveID)
		case "owner_email":
			return in.OwnerEmail
		case "scope":
			return string(in.Scope)
		case "scope_department_id":
			return itoa(in.ScopeDepartmentID)
		case "status":
			return string(in.Status)
		}
		return ""
	}
	return map[string]string{"direction": "higher", "frequency": "monthly", "combine": "avg", "scope": "all", "status": "draft", "weight": "1"}[name]
}

// Field returns a text field of the form.
func (p *MetricFormPage) Field(name, label string) FormField {
	return FormField{Name: name, Label: label, Value: p.V(name), Error: p.Form.Error(name)}
}

func (h *Handler) metricForm(w http.ResponseWriter, r *http.Request, status int, m *model.Metric, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if !actor.Is(model.RoleAdmin, model.RoleHR) {
		h.fail(w, r, model.Forbidden())
		return
	}
	ctx := r.Context()
	p := &MetricFormPage{Page: Page{Title: "New metric", Section: "catalogue"}, Metric: m, Form: form, Selected: map[int64]bool{}}
	if m != nil {
		p.Title = "Edit " + m.Name
	}
	var err error
	if p.Objectives, err = h.core.Objectives(ctx, actor); err == nil {
		if p.Departments, err = h.core.Departments(ctx, actor); err == nil {
			var l model.List[model.Person]
			l, err = h.core.MiddleManagers(ctx, actor, model.Page{Limit: model.MaxLimit})
			p.Managers = l.Items
		}
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if form.Values != nil {
		for _, s := range form.Values["manager_ids"] {
			if id, err := strconv.ParseInt(s, 10, 64); err == nil {
				p.Selected[id] = true
			}
		}
	} else if m != nil {
		for _, id := range m.ManagerIDs {
			p.Selected[id] = true
		}
	}
	h.render(w, r, status, "metric_form", p)
}

// metricInput reads the metric form.
func metricInput(r *http.Request) model.MetricInput {
	f := r.PostForm
	return model.MetricInput{Key: f.Get("key"), Name: f.Get("name"), Perspective: model.Perspective(f.Get("perspective")), Unit: f.Get("unit"),
		Direction: model.Direction(f.Get("direction")), Target: formFloat(r, "target"), Floor: formFloat(r, "floor"), Weight: formFloat(r, "weight"),
		Combine: model.Combine(f.Get("combine")), Frequency: model.Frequency(f.Get("frequency")), ObjectiveID: formID(r, "objective_id"),
		OwnerEmail: f.Get("owner_email"), Why: f.Get("why"), Description: f.Get("description"), Scope: model.MetricScope(f.Get("scope")),
		ScopeDepartmentID: formID(r, "scope_department_id"), ManagerIDs: formIDs(r, "manager_ids"), Status: model.MetricStatus(f.Get("status")),
		Position: formInt(r, "position", 0)}
}

func (h *Handler) newMetric(w http.ResponseWriter, r *http.Request) {
	h.metricForm(w, r, http.StatusOK, nil, Form{})
}

func (h *Handler) createMetric(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	m, err := h.core.CreateMetric(r.Context(), actor, metricInput(r))
	if code := model.ErrorCodeOf(err); code == model.CodeInvalid || code == model.CodeConflict {
		h.metricForm(w, r, http.StatusUnprocessableEntity, nil, formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	msg := "Metric created as a draft. Publish it when its values and reasons are ready."
	if m.Status == model.MetricPublished {
		msg = "Metric published: it is on the scorecards of " + strings.ToLower(m.ScopeLabel()) + "."
	}
	h.redirect(w, r, "/catalogue/"+itoa(m.ID), "success", msg)
}

func (h *Handler) editMetric(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	var m model.Metric
	if err == nil {
		m, err = h.core.Metric(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.metricForm(w, r, http.StatusOK, &m, Form{})
}

func (h *Handler) updateMetric(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	m, err := h.core.UpdateMetric(r.Context(), actor, id, metricInput(r))
	if code := model.ErrorCodeOf(err); code == model.CodeInvalid || code == model.CodeConflict {
		old, gerr := h.core.Metric(r.Context(), actor, id)
		if gerr != nil {
			h.fail(w, r, gerr)
			return
		}
		h.metricForm(w, r, http.StatusUnprocessableEntity, &old, formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/catalogue/"+itoa(m.ID), "success", "Metric saved. Scorecards use the new definition at once.")
}

func (h *Handler) setMetricStatus(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	status := model.MetricStatus(r.PostForm.Get("status"))
	err = h.core.SetMetricStatus(r.Context(), actor, id, status)
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		msg := model.ErrorMessageOf(err)
		if why := model.FieldsOf(err)["why"]; why != "" {
			msg = why
		}
		h.redirect(w, r, "/catalogue/"+itoa(id), "error", msg)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	msgs := map[model.MetricStatus]string{model.MetricPublished: "Metric published.", model.MetricRetired: "Metric retired: it no longer appears on scorecards.", model.MetricDraft: "Metric returned to draft."}
	h.redirect(w, r, "/catalogue/"+itoa(id), "success", msgs[status])
}

// MetricPage is one metric of the catalogue, with its recorded values for those who
// record them.
type MetricPage struct {
	Page
	Metric       model.Metric
	CanEdit      bool
	CanRecord    bool
	Observations model.List[model.Observation]
	Teams        []model.Person
	Departments  []model.Department
	Form         Form
	Periods      []string // period suggestions for the form
}

func (h *Handler) metricPage(w http.ResponseWriter, r *http.Request, status int, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ctx := r.Context()
	m, err := h.core.Metric(ctx, actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &MetricPage{Page: Page{Title: m.Name, Section: "catalogue"}, Metric: m, CanEdit: actor.Is(model.RoleAdmin, model.RoleHR), Form: form}
	teams, depts, err := h.core.MetricSubjects(ctx, actor, id)
	switch model.ErrorCodeOf(err) {
	case "":
		p.CanRecord, p.Teams, p.Departments = true, teams, depts
		p.Observations, err = h.core.Observations(ctx, actor, model.ObservationFilter{MetricID: id, Page: model.Page{Limit: 50, Offset: queryInt(r, "offset", 0)}})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		now := h.core.Now().UTC()
		month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
		if m.Frequency == model.Monthly {
			for i := 1; i <= 6; i++ { // the last complete month first
				p.Periods = append(p.Periods, month.AddDate(0, -i, 0).Format("2006-01"))
			}
		} else {
			for i := 1; i <= 4; i++ {
				p.Periods = append(p.Periods, model.AddQuarters(h.core.CurrentPeriod(), -i))
			}
		}
	case model.CodeForbidden:
	default:
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "metric", p)
}

func (h *Handler) metric(w http.ResponseWriter, r *http.Request) {
	h.metricPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) recordObservation(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	subject := r.PostForm.Get("subject") // "team:42" or "department:7"
	typ, sid, _ := strings.Cut(subject, ":")
	sidN, _ := strconv.ParseInt(sid, 10, 64)
	in := model.ObservationInput{Line: 1, MetricID: id, SubjectType: model.SubjectType(typ), SubjectID: sidN,
		Period: r.PostForm.Get("period"), Value: formFloat(r, "value"), Note: r.PostForm.Get("note")}
	rep, err := h.core.RecordObservations(r.Context(), actor, []model.ObservationInput{in}, model.SourceManual, core.ObservationOptions{})
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		form := formFrom(r, err)
		var ie *model.ImportError
		if errors.As(err, &ie) {
			for _, l := range ie.Lines {
				if l.Field != "" {
					form.Errors[l.Field] = l.Message
				} else {
					form.Errors["value"] = l.Message
				}
			}
		}
		h.metricPage(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	msg := "Value recorded."
	switch {
	case rep.Corrected > 0:
		msg = "Value corrected; the old value is kept in its history."
	case rep.Unchanged > 0:
		msg = "That value was already recorded; nothing changed."
	}
	h.redirect(w, r, "/catalogue/"+itoa(id)+"#values", "success", msg)
}

// ObservationPage is one recorded value with its corrections.
type ObservationPage struct {
	Page
	Observation model.Observation
	History     []model.ObservationChange
}

func (h *Handler) observation(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	o, hist, err := h.core.ObservationHistory(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "observation", &ObservationPage{Page: Page{Title: o.MetricName + ", " + model.PeriodLabel(o.Period), Section: "catalogue"},
		Observation: o, History: hist})
}

// ObservationImportPage uploads a file of values.
type ObservationImportPage struct {
	Page
	Report  *model.ObservationReport
	Lines   []model.LineError
	Message string
	Form    Form
	Headers map[string][]string
	Columns []string
}

func (h *Handler) observationImportForm(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if !actor.Is(model.RoleAdmin, model.RoleHR) {
		h.fail(w, r, model.Forbidden())
		return
	}
	h.render(w, r, http.StatusOK, "observations_import", &ObservationImportPage{Page: Page{Title: "Import metric values", Section: "catalogue"},
		Headers: csvio.ObservationHeaders, Columns: model.ObservationColumns})
}

func (h *Handler) importObservations(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if !actor.Is(model.RoleAdmin, model.RoleHR) {
		h.fail(w, r, model.Forbidden())
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, csvio.MaxFileBytes+1<<20)
	p := &ObservationImportPage{Page: Page{Title: "Import metric values", Section: "catalogue"}, Headers: csvio.ObservationHeaders, Columns: model.ObservationColumns}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		if _, big := httpx.TooLarge(err); big {
			h.fail(w, r, model.TooLarge("file", csvio.MaxFileBytes))
			return
		}
		p.Form = Form{Errors: map[string]string{"file": "Choose a CSV file to upload (at most 64 MiB)."}}
		h.render(w, r, http.StatusUnprocessableEntity, "observations_import", p)
		return
	}
	defer file.Close()
	p.Form = Form{Values: r.PostForm}
	dry := r.FormValue("dry_run") == "1"
	rows, problems, err := csvio.ReadObservations(file)
	var rep model.ObservationReport
	if err == nil {
		rep, err = h.core.RecordObservations(r.Context(), actor, rows, model.SourceCSV, core.ObservationOptions{DryRun: dry, Filename: hdr.Filename, Problems: problems})
	} else {
		var ie *model.ImportError
		if errors.As(err, &ie) {
			err = ie.AsError()
		}
	}
	if err != nil {
		var ie *model.ImportError
		if !errors.As(err, &ie) {
			h.fail(w, r, err)
			return
		}
		p.Lines, p.Message = ie.Lines, model.ErrorMessageOf(err)
		h.render(w, r, http.StatusUnprocessableEntity, "observations_import", p)
		return
	}
	if dry {
		p.Report = &rep
		h.render(w, r, http.StatusOK, "observations_import", p)
		return
	}
	h.redirect(w, r, "/catalogue/import", "success", rep.Summary())
}
