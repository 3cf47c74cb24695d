package web

import (
	"net/http"

	"throughline/internal/core"
	"throughline/internal/model"
)

// ServicePage lists the service corps programs and their projects.
type ServicePage struct {
	Page
	Programs    []model.ServiceProgram
	CanOrganize bool
}

func (h *Handler) service(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	ps, err := h.core.ServicePrograms(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "service", &ServicePage{Page: Page{Title: "Service corps", Section: "collab"}, Programs: ps,
		CanOrganize: actor.Is(model.RoleExecutive, model.RoleHR, model.RoleAdmin)})
}

// ProgramPage is one service corps program.
type ProgramPage struct {
	Page
	core.ProgramDetail
	Form     Form // a new project
	Statuses []model.ServiceStatus
}

func (h *Handler) programPage(w http.ResponseWriter, r *http.Request, status int, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.ServiceProgram(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if form.Values == nil {
		form.Values = map[string][]string{"starts_on": {d.StartsOn}, "ends_on": {d.EndsOn}, "capacity": {"6"}}
	}
	h.render(w, r, status, "service_program", &ProgramPage{Page: Page{Title: d.Name, Section: "collab"}, ProgramDetail: d, Form: form, Statuses: model.ServiceStatuses})
}

func (h *Handler) program(w http.ResponseWriter, r *http.Request) {
	h.programPage(w, r, http.StatusOK, Form{})
}

// ProgramFormPage creates a program.
type ProgramFormPage struct {
	Page
	Form Form
}

func (h *Handler) programNew(w http.ResponseWriter, r *http.Request) {
	h.programForm(w, r, http.StatusOK, Form{})
}

func (h *Handler) programForm(w http.ResponseWriter, r *http.Request, status int, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if !actor.Is(model.RoleExecutive, model.RoleHR, model.RoleAdmin) {
		h.fail(w, r, model.Forbidden())
		return
	}
	h.render(w, r, status, "service_program_form", &ProgramFormPage{Page: Page{Title: "New service corps program", Section: "collab"}, Form: form})
}

func (h *Handler) programCreate(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	id, err := h.core.CreateServiceProgram(r.Context(), actor, model.ServiceProgramInput{Name: r.PostForm.Get("name"), Description: r.PostForm.Get("description"),
		StartsOn: r.PostForm.Get("starts_on"), EndsOn: r.PostForm.Get("ends_on"), ApplyBy: r.PostForm.Get("apply_by")})
	h.finish(w, r, err, func(f Form) { h.programForm(w, r, http.StatusUnprocessableEntity, f) }, "/service/programs/"+itoa(id)+"#new-project", "Program created. Add its community projects.")
}

func (h *Handler) programAddProject(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	var v model.Validator
	in := model.ServiceProjectInput{Title: r.PostForm.Get("title"), Description: r.PostForm.Get("description"), Place: r.PostForm.Get("place"),
		Partner: r.PostForm.Get("partner"), StartsOn: r.PostForm.Get("starts_on"), EndsOn: r.PostForm.Get("ends_on"),
		Capacity: formIntChecked(r, "capacity", &v, "Enter a whole number of people."), Skills: []string{r.PostForm.Get("skills")}}
	err := v.Err()
	if err == nil {
		_, err = h.core.AddServiceProject(r.Context(), actor, id, in)
	}
	h.finish(w, r, withFields(&v, err), func(f Form) { h.programPage(w, r, http.StatusUnprocessableEntity, f) }, "/service/programs/"+itoa(id), "Project added.")
}

func (h *Handler) programStatus(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	s := model.ServiceStatus(r.PostForm.Get("status"))
	err := h.core.SetServiceProgramStatus(r.Context(), actor, id, s)
	h.finish(w, r, err, nil, "/service/programs/"+itoa(id), "The program is now: "+s.Label()+".")
}

// SelectionPage shows the selection assistant's proposal.
type SelectionPage struct {
	Page
	model.SelectionProposal
}

func (h *Handler) selection(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	sp, err := h.core.ProposeSelection(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "selection", &SelectionPage{Page: Page{Title: "Selection: " + sp.Program.Name, Section: "collab"}, SelectionProposal: sp})
}

func (h *Handler) selectionConfirm(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.ConfirmSelection(r.Context(), actor, id, formIDs(r, "application_ids"))
	h.finish(w, r, err, nil, "/service/programs/"+itoa(id), "Cohort confirmed. Selected people can log their hours; the others are on the waiting list.")
}

// ProjectPage is one service project.
type ProjectPage struct {
	Page
	core.ProjectDetail
	Forms map[string]Form
}

func (h *Handler) projectPage(w http.ResponseWriter, r *http.Request, status int, forms map[string]Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.ServiceProject(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if forms == nil {
		forms = map[string]Form{}
	}
	if _, ok := forms["hours"]; !ok {
		forms["hours"] = Form{Values: map[string][]string{"worked_on": {h.core.Now().Format("2006-01-02")}}}
	}
	h.render(w, r, status, "service_project", &ProjectPage{Page: Page{Title: d.Title, Section: "collab"}, ProjectDetail: d, Forms: forms})
}

func (h *Handler) project(w http.ResponseWriter, r *http.Request) {
	h.projectPage(w, r, http.StatusOK, nil)
}

func (h *Handler) projectApply(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	_, err := h.core.ApplyToProject(r.Context(), actor, id, model.ApplicationInput{Motivation: r.PostForm.Get("motivation")})
	h.finish(w, r, err, func(f Form) { h.projectPage(w, r, http.StatusUnprocessableEntity, map[string]Form{"apply": f}) }, "/service/projects/"+itoa(id),
		"Application sent. The organizers will tell you when the cohort is chosen.")
}

func (h *Handler) projectWithdraw(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.WithdrawApplication(r.Context(), actor, id)
	h.finish(w, r, err, nil, "/service/projects/"+itoa(id), "Application withdrawn.")
}

func (h *Handler) projectHours(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	var v model.Validator
	in := model.ServiceLogInput{WorkedOn: r.PostForm.Get("worked_on"), Hours: formFloatChecked(r, "hours", &v, "Enter the hours as a number, such as 3.5."),
		Beneficiaries: formIntChecked(r, "beneficiaries", &v, "Enter a whole number of people."), Note: r.PostForm.Get("note")}
	err := v.Err()
	if err == nil {
		_, err = h.core.LogService(r.Context(), actor, id, in)
	}
	h.finish(w, r, withFields(&v, err), func(f Form) { h.projectPage(w, r, http.StatusUnprocessableEntity, map[string]Form{"hours": f}) },
		"/service/projects/"+itoa(id)+"#hours", "Hours logged. Thank you.")
}

func (h *Handler) projectReflection(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	_, err := h.core.AddReflection(r.Context(), actor, id, model.ReflectionInput{Body: r.PostForm.Get("body"), Shared: r.PostForm.Get("shared") == "1"})
	msg := "Reflection saved. Only you can read it."
	if r.PostForm.Get("shared") == "1" {
		msg = "Reflection saved and shared with the project team and the organizers."
	}
	h.finish(w, r, err, func(f Form) { h.projectPage(w, r, http.StatusUnprocessableEntity, map[string]Form{"reflection": f}) }, "/service/projects/"+itoa(id)+"#reflections", msg)
}

func (h *Handler) reflectionShare(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	shared := r.PostForm.Get("shared") == "1"
	err := h.core.ShareReflection(r.Context(), actor, id, shared)
	msg := "Your reflection is private again."
	if shared {
		msg = "Your reflection is shared with the project team and the organizers."
	}
	h.finish(w, r, err, nil, "/service/projects/"+itoa(formID(r, "project"))+"#reflections", msg)
}

func (h *Handler) projectSkills(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.RecordSkills(r.Context(), actor, id, model.SkillsInput{Skills: []string{r.PostForm.Get("skills")}})
	h.finish(w, r, err, func(f Form) { h.projectPage(w, r, http.StatusUnprocessableEntity, map[string]Form{"skills": f}) }, "/service/projects/"+itoa(id)+"#skills",
		"Skills recorded on your development profile.")
}
