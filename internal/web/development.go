package web

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"throughline/internal/core"
	"throughline/internal/markdown"
	"throughline/internal/model"
)

// Leadership development pages: the hub, programs and modules, cohorts and the module
// a participant works on. Workshops, coaching, the journal and 360s have their own files.

// developmentFuncs are the template functions of the development pages.
func developmentFuncs() template.FuncMap {
	return template.FuncMap{
		"markdown": markdown.Render,
		"pct100": func(v float64) string {
			if math.IsNaN(v) {
				return "—"
			}
			return strconv.FormatFloat(math.Round(v), 'f', 0, 64) + "%"
		},
		"frac": func(v float64) float64 { return v / 100 },
		"rating": func(v float64) string {
			return strconv.FormatFloat(v, 'f', 1, 64)
		},
		"signed": func(v float64) string {
			if math.Abs(v) < 0.05 {
				return "±0.0"
			}
			return fmt.Sprintf("%+.1f", v)
		},
		"sessionTime": sessionTime,
		"localInput": func(unix int64) string {
			if unix == 0 {
				return ""
			}
			return time.Unix(unix, 0).UTC().Format(model.LocalTimeLayout)
		},
		"moduleKinds":     func() []model.ModuleKind { return model.ModuleKinds },
		"frameworks":      func() []model.Competency { return model.Competencies },
		"levelLabels":     func() [5]string { return model.LevelLabels },
		"competencyLabel": model.CompetencyLabel,
		"levels":          func() []int { return []int{1, 2, 3, 4, 5} },
		"shareBar":        shareBar,
		"dict": func(kv ...any) map[string]any {
			m := make(map[string]any, len(kv)/2)
			for i := 0; i+1 < len(kv); i += 2 {
				m[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return m
		},
		"hasID": func(ids []int64, id int64) bool {
			for _, x := range ids {
				if x == id {
					return true
				}
			}
			return false
		},
	}
}

// shareBar draws a share from 0 to 1 as a small SVG bar (presentation attributes only:
// the CSP forbids inline style). The page prints the number beside it.
func shareBar(share float64) template.HTML {
	w := math.Round(math.Max(0, math.Min(1, share)) * 160)
	return template.HTML(fmt.Sprintf(`<svg class="sharebar" viewBox="0 0 160 10" width="160" height="10" aria-hidden="true" focusable="false">`+
		`<rect x="0" y="0" width="160" height="10" rx="5" fill="#eef1f5"/><rect x="0" y="0" width="%.0f" height="10" rx="5" fill="#0f766e"/></svg>`, w))
}

// sessionTime prints a session's time: "Tue 12 May 2026, 14:00–16:00 UTC".
func sessionTime(start, end int64) string {
	s, e := time.Unix(start, 0).UTC(), time.Unix(end, 0).UTC()
	out := s.Format("Mon 2 Jan 2006, 15:04")
	if e.Format("2006-01-02") == s.Format("2006-01-02") {
		return out + "–" + e.Format("15:04") + " UTC"
	}
	return out + " – " + e.Format("Mon 2 Jan 2006, 15:04") + " UTC"
}

// DevelopmentPage is the development hub.
type DevelopmentPage struct {
	Page
	Home      model.DevelopmentHome
	Cohorts   []model.CohortSummary // hr and admin: every cohort, on track or not
	CanManage bool
}

func (h *Handler) development(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	p := &DevelopmentPage{Page: Page{Title: "Development", Section: "development"}, CanManage: actor.Is(model.RoleHR, model.RoleAdmin)}
	var err error
	p.Home, err = h.core.MyDevelopment(r.Context(), actor)
	if err == nil && p.CanManage {
		p.Cohorts, err = h.core.CohortsOverview(r.Context(), actor)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "development", p)
}

// DevProgramsPage lists the programs.
type DevProgramsPage struct {
	Page
	Programs  []model.DevProgram
	CanManage bool
	Form      Form
}

func (h *Handler) programs(w http.ResponseWriter, r *http.Request) {
	h.programsPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) programsPage(w http.ResponseWriter, r *http.Request, status int, f Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	ps, err := h.core.DevPrograms(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "programs", &DevProgramsPage{Page: Page{Title: "Programs", Section: "programs"}, Programs: ps, CanManage: actor.Is(model.RoleHR, model.RoleAdmin), Form: f})
}

func programInput(r *http.Request) model.DevProgramInput {
	return model.DevProgramInput{Title: r.PostForm.Get("title"), Summary: r.PostForm.Get("summary"), Audience: r.PostForm.Get("audience"),
		Active: r.PostForm.Get("active") != "0"}
}

func (h *Handler) programCreateDev(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	id, err := h.core.CreateDevProgram(r.Context(), actor, programInput(r))
	h.finish(w, r, err, func(f Form) { h.programsPage(w, r, http.StatusUnprocessableEntity, f) }, "/development/programs/"+itoa(id), "Program created. Add its modules below.")
}

// DevProgramPage is one program with its modules.
type DevProgramPage struct {
	Page
	core.DevProgramDetail
	Forms map[string]Form
}

func (h *Handler) programDev(w http.ResponseWriter, r *http.Request) {
	h.programDevPage(w, r, http.StatusOK, nil)
}

func (h *Handler) programDevPage(w http.ResponseWriter, r *http.Request, status int, forms map[string]Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.DevProgram(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if forms == nil {
		forms = map[string]Form{}
	}
	h.render(w, r, status, "program_dev", &DevProgramPage{Page: Page{Title: d.Program.Title, Section: "programs"}, DevProgramDetail: d, Forms: forms})
}

func (h *Handler) programUpdateDev(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.UpdateDevProgram(r.Context(), actor, id, programInput(r))
	h.finish(w, r, err, func(f Form) { h.programDevPage(w, r, http.StatusUnprocessableEntity, map[string]Form{"program": f}) }, "/development/programs/"+itoa(id), "Program saved.")
}

func (h *Handler) programCopyDev(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	nid, err := h.core.CopyDevProgram(r.Context(), actor, id, r.PostForm.Get("title"))
	h.finish(w, r, err, nil, "/development/programs/"+itoa(nid), "Copied. This version is yours to edit.")
}

func moduleInput(r *http.Request) (model.DevModuleInput, error) {
	var v model.Validator
	in := model.DevModuleInput{Kind: model.ModuleKind(r.PostForm.Get("kind")), Title: r.PostForm.Get("title"), Body: r.PostForm.Get("body"),
		Prompt: r.PostForm.Get("prompt"), Required: r.PostForm.Get("required") == "1", DueOn: r.PostForm.Get("due_on"),
		Competency: r.PostForm.Get("competency"), Prereqs: formIDs(r, "prereqs"), Options: strings.Split(r.PostForm.Get("options"), "\n")}
	in.DueDays = formIntChecked(r, "due_days", &v, "Enter a whole number of days.")
	return in, v.Err()
}

func (h *Handler) moduleAdd(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	in, err := moduleInput(r)
	if err == nil {
		_, err = h.core.AddDevModule(r.Context(), actor, id, in)
	}
	h.finish(w, r, err, func(f Form) { h.programDevPage(w, r, http.StatusUnprocessableEntity, map[string]Form{"module": f}) }, "/development/programs/"+itoa(id)+"#modules", "Module added.")
}

// ModuleFormPage edits a module.
type ModuleFormPage struct {
	Page
	Module  model.DevModule
	Program core.DevProgramDetail
	Form    Form
}

func (h *Handler) moduleEdit(w http.ResponseWriter, r *http.Request) {
	h.moduleEditPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) moduleEditPage(w http.ResponseWriter, r *http.Request, status int, f Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	m, err := h.core.DevModule(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.DevProgram(r.Context(), actor, m.ProgramID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !d.CanEdit {
		h.fail(w, r, model.Errorf(model.CodeForbidden, "Only hr and admin edit programs, and built-in programs are copied, not edited."))
		return
	}
	if f.Values == nil {
		var opts []string
		for _, o := range m.Options {
			opts = append(opts, o.Label)
		}
		v := map[string][]string{"kind": {string(m.Kind)}, "title": {m.Title}, "body": {m.Body}, "prompt": {m.Prompt}, "due_on": {m.DueOn},
			"competency": {m.Competency}, "options": {strings.Join(opts, "\n")}, "required": {boolStr(m.Required)}}
		if m.DueDays > 0 {
			v["due_days"] = []string{strconv.Itoa(m.DueDays)}
		}
		for _, p := range m.Prereqs {
			v["prereqs"] = append(v["prereqs"], itoa(p))
		}
		f = Form{Values: v}
	}
	h.render(w, r, status, "module_form", &ModuleFormPage{Page: Page{Title: "Edit " + m.Title, Section: "programs"}, Module: m, Program: d, Form: f})
}

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return ""
}

func (h *Handler) moduleUpdate(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	in, err := moduleInput(r)
	if err == nil {
		err = h.core.UpdateDevModule(r.Context(), actor, id, in)
	}
	if err != nil {
		h.finish(w, r, err, func(f Form) { h.moduleEditPage(w, r, http.StatusUnprocessableEntity, f) }, "", "")
		return
	}
	m, err := h.core.DevModule(r.Context(), actor, id)
	h.finish(w, r, err, nil, "/development/programs/"+itoa(m.ProgramID)+"#module-"+itoa(id), "Module saved.")
}

func (h *Handler) moduleDelete(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	m, err := h.core.DevModule(r.Context(), actor, id)
	if err == nil {
		err = h.core.DeleteDevModule(r.Context(), actor, id)
	}
	h.finish(w, r, err, nil, "/development/programs/"+itoa(m.ProgramID)+"#modules", "Module removed.")
}

// CohortFormPage creates a cohort.
type CohortFormPage struct {
	Page
	core.CohortChoices
	Form Form
}

// Chosen reports whether a person is ticked in a list of the form.
func (p *CohortFormPage) Chosen(field string, id int64) bool {
	for _, v := range p.Form.Values[field] {
		if v == itoa(id) {
			return true
		}
	}
	return false
}

func (h *Handler) cohortNew(w http.ResponseWriter, r *http.Request) {
	f := Form{Values: map[string][]string{"program_id": {r.URL.Query().Get("program")}}}
	h.cohortForm(w, r, http.StatusOK, f)
}

func (h *Handler) cohortForm(w http.ResponseWriter, r *http.Request, status int, f Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	ch, err := h.core.NewCohortChoices(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "cohort_new", &CohortFormPage{Page: Page{Title: "New cohort", Section: "development"}, CohortChoices: ch, Form: f})
}

func (h *Handler) cohortCreate(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	in := model.CohortInput{ProgramID: formID(r, "program_id"), Name: r.PostForm.Get("name"), StartsOn: r.PostForm.Get("starts_on"), EndsOn: r.PostForm.Get("ends_on"),
		ParticipantIDs: append(formIDs(r, "participant_ids"), idList(r.PostForm.Get("participant_list"))...),
		FacilitatorIDs: append(formIDs(r, "facilitator_ids"), idList(r.PostForm.Get("facilitator_list"))...)}
	id, err := h.core.CreateCohort(r.Context(), actor, in)
	h.finish(w, r, err, func(f Form) { h.cohortForm(w, r, http.StatusUnprocessableEntity, f) }, "/development/cohorts/"+itoa(id), "Cohort created.")
}

// idList reads person ids typed as a list ("12, 15 18").
func idList(s string) []int64 {
	var out []int64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == ';' }) {
		if v, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64); err == nil && v > 0 {
			out = append(out, v)
		}
	}
	return out
}

// CohortPage is a cohort for a participant, a facilitator, hr or admin.
type CohortPage struct {
	Page
	core.CohortView
	Form Form
}

func (h *Handler) cohort(w http.ResponseWriter, r *http.Request) {
	h.cohortPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) cohortPage(w http.ResponseWriter, r *http.Request, status int, f Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.core.Cohort(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "cohort", &CohortPage{Page: Page{Title: v.Cohort.Name, Section: "development", Wide: v.CanFacilitate}, CohortView: v, Form: f})
}

func (h *Handler) cohortAddMembers(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.AddCohortMembers(r.Context(), actor, id, idList(r.PostForm.Get("participant_list")), idList(r.PostForm.Get("facilitator_list")))
	h.finish(w, r, err, func(f Form) { h.cohortPage(w, r, http.StatusUnprocessableEntity, f) }, "/development/cohorts/"+itoa(id)+"#participants", "People added.")
}

func (h *Handler) cohortRemoveMember(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	pid, err := pathID(r, "person")
	if err == nil {
		err = h.core.RemoveCohortMember(r.Context(), actor, id, pid)
	}
	h.finish(w, r, err, nil, "/development/cohorts/"+itoa(id)+"#participants", "Removed from the cohort.")
}

func (h *Handler) cohortRecord(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	done := r.PostForm.Get("done") != "0"
	err := h.core.RecordCompletion(r.Context(), actor, id, formID(r, "person_id"), formID(r, "module_id"), done)
	msg := "Recorded as done."
	if !done {
		msg = "Completion removed."
	}
	h.finish(w, r, err, nil, "/development/cohorts/"+itoa(id)+"#participants", msg)
}

// CohortModulePage is one module of a cohort.
type CohortModulePage struct {
	Page
	core.ModuleView
	Forms map[string]Form
}

func (h *Handler) cohortModule(w http.ResponseWriter, r *http.Request) {
	h.cohortModulePage(w, r, http.StatusOK, nil)
}

func (h *Handler) cohortModulePage(w http.ResponseWriter, r *http.Request, status int, forms map[string]Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	mid, err := pathID(r, "module")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.core.ModuleInCohort(r.Context(), actor, id, mid)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if forms == nil {
		forms = map[string]Form{}
	}
	h.render(w, r, status, "cohort_module", &CohortModulePage{Page: Page{Title: v.Module.Title, Section: "development"}, ModuleView: v, Forms: forms})
}

// cohortModuleIDs reads a cohort and a module from the path, and parses the form.
func (h *Handler) cohortModuleIDs(w http.ResponseWriter, r *http.Request) (model.Actor, int64, int64, bool) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return actor, 0, 0, false
	}
	mid, err := pathID(r, "module")
	if err != nil {
		h.fail(w, r, err)
		return actor, 0, 0, false
	}
	return actor, id, mid, true
}

func moduleURL(cohort, module int64) string {
	return "/development/cohorts/" + itoa(cohort) + "/modules/" + itoa(module)
}

func (h *Handler) cohortModuleComplete(w http.ResponseWriter, r *http.Request) {
	actor, id, mid, ok := h.cohortModuleIDs(w, r)
	if !ok {
		return
	}
	err := h.core.CompleteModule(r.Context(), actor, id, mid)
	h.finish(w, r, err, nil, "/development/cohorts/"+itoa(id)+"#modules", "Marked as done. Your progress is updated.")
}

func (h *Handler) cohortModuleReflect(w http.ResponseWriter, r *http.Request) {
	actor, id, mid, ok := h.cohortModuleIDs(w, r)
	if !ok {
		return
	}
	_, err := h.core.SubmitReflection(r.Context(), actor, id, mid, model.ModuleReflectionInput{Body: r.PostForm.Get("body"), OptionID: formID(r, "option_id")})
	h.finish(w, r, err, func(f Form) {
		h.cohortModulePage(w, r, http.StatusUnprocessableEntity, map[string]Form{"reflection": f})
	},
		"/development/cohorts/"+itoa(id)+"#modules", "Saved in your journal, which only you can read. The module is done.")
}

func (h *Handler) cohortModuleProject(w http.ResponseWriter, r *http.Request) {
	actor, id, mid, ok := h.cohortModuleIDs(w, r)
	if !ok {
		return
	}
	submit := r.PostForm.Get("action") == "submit"
	err := h.core.SaveActionProject(r.Context(), actor, id, mid, model.ActionProjectInput{Plan: r.PostForm.Get("plan"), Outcome: r.PostForm.Get("outcome"),
		GoalID: formID(r, "goal_id"), MetricID: formID(r, "metric_id"), Submit: submit})
	msg := "Saved."
	if submit {
		msg = "Outcome report handed in. The module is done."
	}
	h.finish(w, r, err, func(f Form) { h.cohortModulePage(w, r, http.StatusUnprocessableEntity, map[string]Form{"project": f}) }, moduleURL(id, mid), msg)
}

func unixTime(u int64) time.Time { return time.Unix(u, 0).UTC() }

func parseDay(s string) (time.Time, error) { return time.Parse("2006-01-02", s) }
