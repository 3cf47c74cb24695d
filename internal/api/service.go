package api

import (
	"net/http"

	"throughline/internal/httpx"
	"throughline/internal/model"
)

// ProgramBody is a service corps program.
type ProgramBody struct {
	ID            int64         `json:"id"`
	Name          string        `json:"name"`
	Description   string        `json:"description"`
	StartsOn      string        `json:"starts_on"`
	EndsOn        string        `json:"ends_on"`
	ApplyBy       string        `json:"apply_by"`
	Status        string        `json:"status"`
	Applications  int           `json:"applications"`
	Selected      int           `json:"selected"`
	Hours         float64       `json:"hours"`
	Beneficiaries int           `json:"beneficiaries"`
	Projects      []ProjectBody `json:"projects"`
}

// ProjectBody is a community project.
type ProjectBody struct {
	ID            int64       `json:"id"`
	ProgramID     int64       `json:"program_id"`
	Title         string      `json:"title"`
	Description   string      `json:"description"`
	Place         string      `json:"place"`
	Partner       string      `json:"partner"`
	StartsOn      string      `json:"starts_on"`
	EndsOn        string      `json:"ends_on"`
	Capacity      int         `json:"capacity"`
	Skills        []string    `json:"skills_sought"`
	Applicants    int         `json:"applicants"`
	Selected      int         `json:"selected"`
	Hours         float64     `json:"hours"`
	Beneficiaries int         `json:"beneficiaries"`
	Team          []MemberRef `json:"team,omitempty"`
	Mix           *MixBody    `json:"mix,omitempty"`
	MyStatus      string      `json:"my_application_status,omitempty"`
}

func projectBody(p model.ServiceProject) ProjectBody {
	b := ProjectBody{ID: p.ID, ProgramID: p.ProgramID, Title: p.Title, Description: p.Description, Place: p.Place, Partner: p.Partner, StartsOn: p.StartsOn,
		EndsOn: p.EndsOn, Capacity: p.Capacity, Skills: p.Skills, Applicants: p.Applicants, Selected: p.Selected, Hours: p.Hours, Beneficiaries: p.Beneficiaries}
	if b.Skills == nil {
		b.Skills = []string{}
	}
	if len(p.Team) > 0 {
		b.Team = memberRefs(p.Team)
		m := mixBody(p.Mix)
		b.Mix = &m
	}
	return b
}

func programBody(p model.ServiceProgram) ProgramBody {
	b := ProgramBody{ID: p.ID, Name: p.Name, Description: p.Description, StartsOn: p.StartsOn, EndsOn: p.EndsOn, ApplyBy: p.ApplyBy, Status: string(p.Status),
		Applications: p.Applications, Selected: p.Selected, Hours: p.Hours, Beneficiaries: p.Beneficiaries, Projects: []ProjectBody{}}
	for _, pr := range p.Projects {
		b.Projects = append(b.Projects, projectBody(pr))
	}
	return b
}

// ProgramRequest creates a program.
type ProgramRequest struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	StartsOn    string `json:"starts_on"`
	EndsOn      string `json:"ends_on"`
	ApplyBy     string `json:"apply_by"`
}

// ProjectRequest adds a community project.
type ProjectRequest struct {
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Place       string   `json:"place"`
	Partner     string   `json:"partner"`
	StartsOn    string   `json:"starts_on"`
	EndsOn      string   `json:"ends_on"`
	Capacity    int      `json:"capacity"`
	Skills      []string `json:"skills_sought"`
}

// ApplicationRequest applies to a project.
type ApplicationRequest struct {
	Motivation string `json:"motivation"`
}

// HoursRequest logs service.
type HoursRequest struct {
	WorkedOn      string  `json:"worked_on"`
	Hours         float64 `json:"hours"`
	Beneficiaries int     `json:"beneficiaries"`
	Note          string  `json:"note"`
}

// ReflectionRequest records a reflection, private unless shared.
type ReflectionRequest struct {
	Body   string `json:"body"`
	Shared bool   `json:"shared"`
}

// SkillsRequest records skills developed.
type SkillsRequest struct {
	Skills []string `json:"skills"`
}

// SelectionRequest confirms a cohort: the applications to select.
type SelectionRequest struct {
	ApplicationIDs []int64 `json:"application_ids"`
}

// ApplicationBody is an application in a selection proposal.
type ApplicationBody struct {
	ID     int64     `json:"id"`
	Person MemberRef `json:"person"`
	Status string    `json:"status"`
}

// ProposalProjectBody is one project's proposed team.
type ProposalProjectBody struct {
	ProjectID int64             `json:"project_id"`
	Title     string            `json:"title"`
	Capacity  int               `json:"capacity"`
	Selected  []ApplicationBody `json:"selected"`
	Waitlist  []ApplicationBody `json:"waitlist"`
	Mix       MixBody           `json:"mix"`
}

// ProposalBody is the selection assistant's proposal.
type ProposalBody struct {
	ProgramID int64                 `json:"program_id"`
	Method    string                `json:"method"`
	Projects  []ProposalProjectBody `json:"projects"`
	Mix       MixBody               `json:"mix"`
}

// SkillBody is a skill a person developed.
type SkillBody struct {
	Skill    string `json:"skill"`
	Source   string `json:"source"`
	SourceID int64  `json:"source_id"`
	Where    string `json:"where"`
	NotedOn  string `json:"noted_on"`
}

// ServiceTotalBody is one team's service in a period.
type ServiceTotalBody struct {
	ManagerID     int64   `json:"manager_id"`
	Period        string  `json:"period"`
	Hours         float64 `json:"hours"`
	Beneficiaries int     `json:"beneficiaries"`
}

func apps(as []model.ServiceApplication) []ApplicationBody {
	out := []ApplicationBody{}
	for _, a := range as {
		out = append(out, ApplicationBody{ID: a.ID, Person: memberRef(a.Person), Status: string(a.Status)})
	}
	return out
}

func (h *Handler) programs(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	ps, err := h.core.ServicePrograms(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := ListBody[ProgramBody]{Data: []ProgramBody{}, Page: PageBody{Limit: len(ps), Total: len(ps)}}
	for _, p := range ps {
		out.Data = append(out.Data, programBody(p))
	}
	httpx.WriteJSON(w, http.StatusOK, out)
}

func (h *Handler) program(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "service program")
	if !ok {
		return
	}
	h.writeProgram(w, r, a, id, http.StatusOK)
}

func (h *Handler) writeProgram(w http.ResponseWriter, r *http.Request, a model.Actor, id int64, status int) {
	d, err := h.core.ServiceProgram(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := programBody(d.ServiceProgram)
	for i := range b.Projects {
		if app, ok := d.Mine[b.Projects[i].ID]; ok {
			b.Projects[i].MyStatus = string(app.Status)
		}
	}
	httpx.WriteJSON(w, status, DataBody[ProgramBody]{Data: b})
}

func (h *Handler) createProgram(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var req ProgramRequest
	if !h.decode(w, r, &req) {
		return
	}
	id, err := h.core.CreateServiceProgram(r.Context(), a, model.ServiceProgramInput{Name: req.Name, Description: req.Description, StartsOn: req.StartsOn, EndsOn: req.EndsOn, ApplyBy: req.ApplyBy})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeProgram(w, r, a, id, http.StatusCreated)
}

func (h *Handler) addProject(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "service program")
	if !ok {
		return
	}
	var req ProjectRequest
	if !h.decode(w, r, &req) {
		return
	}
	pid, err := h.core.AddServiceProject(r.Context(), a, id, model.ServiceProjectInput{Title: req.Title, Description: req.Description, Place: req.Place,
		Partner: req.Partner, StartsOn: req.StartsOn, EndsOn: req.EndsOn, Capacity: req.Capacity, Skills: req.Skills})
	h.created(w, r, pid, err)
}

func (h *Handler) proposal(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "service program")
	if !ok {
		return
	}
	sp, err := h.core.ProposeSelection(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := ProposalBody{ProgramID: id, Method: sp.Method, Mix: mixBody(sp.Mix), Projects: []ProposalProjectBody{}}
	for _, p := range sp.Projects {
		out.Projects = append(out.Projects, ProposalProjectBody{ProjectID: p.Project.ID, Title: p.Project.Title, Capacity: p.Project.Capacity,
			Selected: apps(p.Selected), Waitlist: apps(append(append([]model.ServiceApplication(nil), p.Waitlist...), p.Elsewhere...)), Mix: mixBody(p.Mix)})
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[ProposalBody]{Data: out})
}

func (h *Handler) confirmSelection(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "service program")
	if !ok {
		return
	}
	var req SelectionRequest
	if !h.decode(w, r, &req) {
		return
	}
	h.done(w, r, h.core.ConfirmSelection(r.Context(), a, id, req.ApplicationIDs))
}

func (h *Handler) project(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "service project")
	if !ok {
		return
	}
	d, err := h.core.ServiceProject(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := projectBody(d.ServiceProject)
	if d.MyApplication != nil {
		b.MyStatus = string(d.MyApplication.Status)
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[ProjectBody]{Data: b})
}

func (h *Handler) apply(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "service project")
	if !ok {
		return
	}
	var req ApplicationRequest
	if !h.decode(w, r, &req) {
		return
	}
	aid, err := h.core.ApplyToProject(r.Context(), a, id, model.ApplicationInput{Motivation: req.Motivation})
	h.created(w, r, aid, err)
}

func (h *Handler) logHours(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "service project")
	if !ok {
		return
	}
	var req HoursRequest
	if !h.decode(w, r, &req) {
		return
	}
	lid, err := h.core.LogService(r.Context(), a, id, model.ServiceLogInput{WorkedOn: req.WorkedOn, Hours: req.Hours, Beneficiaries: req.Beneficiaries, Note: req.Note})
	h.created(w, r, lid, err)
}

func (h *Handler) addReflection(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "service project")
	if !ok {
		return
	}
	var req ReflectionRequest
	if !h.decode(w, r, &req) {
		return
	}
	rid, err := h.core.AddReflection(r.Context(), a, id, model.ReflectionInput{Body: req.Body, Shared: req.Shared})
	h.created(w, r, rid, err)
}

func (h *Handler) addSkills(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "service project")
	if !ok {
		return
	}
	var req SkillsRequest
	if !h.decode(w, r, &req) {
		return
	}
	h.done(w, r, h.core.RecordSkills(r.Context(), a, id, model.SkillsInput{Skills: req.Skills}))
}

func (h *Handler) personSkills(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "person")
	if !ok {
		return
	}
	skills, err := h.core.PersonSkills(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := ListBody[SkillBody]{Data: []SkillBody{}, Page: PageBody{Limit: len(skills), Total: len(skills)}}
	for _, s := range skills {
		out.Data = append(out.Data, SkillBody{Skill: s.Skill, Source: string(s.Source), SourceID: s.SourceID, Where: s.SourceTitle, NotedOn: s.NotedOn})
	}
	httpx.WriteJSON(w, http.StatusOK, out)
}

func (h *Handler) serviceTotals(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	period := r.URL.Query().Get("period")
	if period == "" {
		period = model.CurrentQuarter(h.core.Now())
	}
	ts, err := h.core.ServiceTotals(r.Context(), a, period)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := ListBody[ServiceTotalBody]{Data: []ServiceTotalBody{}, Page: PageBody{Limit: len(ts), Total: len(ts)}}
	for _, t := range ts {
		out.Data = append(out.Data, ServiceTotalBody{ManagerID: t.ManagerID, Period: t.Period, Hours: t.Hours, Beneficiaries: t.Beneficiaries})
	}
	httpx.WriteJSON(w, http.StatusOK, out)
}
