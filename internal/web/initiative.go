package web

import (
	"net/http"
	"strings"

	"throughline/internal/core"
	"throughline/internal/model"
)

// InitiativesPage lists initiatives.
type InitiativesPage struct {
	Page
	View     string // open, mine, all
	Query    string
	Results  model.List[model.Initiative]
	CanStart bool
}

func (h *Handler) initiatives(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	p := &InitiativesPage{Page: Page{Title: "Initiatives", Section: "collab"}, View: q.Get("view"), Query: strings.TrimSpace(q.Get("q")),
		CanStart: actor.Is(model.RoleManager, model.RoleExecutive, model.RoleHR, model.RoleAdmin)}
	f := model.InitiativeFilter{Query: p.Query, Page: model.Page{Limit: 20, Offset: queryInt(r, "offset", 0)}}
	switch p.View {
	case "mine":
		f.MemberID = actor.PersonID
		if actor.PersonID == 0 {
			f.MemberID = -1
		}
	case "all":
	default:
		p.View = "open"
		f.Open = true
	}
	var err error
	if p.Results, err = h.core.Initiatives(r.Context(), actor, f); err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "initiatives", p)
}

// InitiativePage is one initiative.
type InitiativePage struct {
	Page
	core.InitiativeDetail
	Forms   map[string]Form
	Choices core.PeopleChoices
}

func (h *Handler) initiativePage(w http.ResponseWriter, r *http.Request, status int, forms map[string]Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.Initiative(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &InitiativePage{Page: Page{Title: d.Title, Section: "collab"}, InitiativeDetail: d, Forms: forms}
	if d.CanManage {
		if p.Choices, ok = h.peopleChoices(w, r, actor); !ok {
			return
		}
	}
	h.render(w, r, status, "initiative", p)
}

func (h *Handler) initiative(w http.ResponseWriter, r *http.Request) {
	h.initiativePage(w, r, http.StatusOK, nil)
}

// InitiativeFormPage starts or edits an initiative.
type InitiativeFormPage struct {
	Page
	ID         int64
	Form       Form
	People     core.PeopleChoices
	Objectives []model.Objective
	Statuses   []model.InitiativeStatus
}

func initiativeInput(r *http.Request) model.InitiativeInput {
	return model.InitiativeInput{Title: r.PostForm.Get("title"), Mission: r.PostForm.Get("mission"), SponsorID: formID(r, "sponsor_id"),
		LeadID: formID(r, "lead_id"), Status: model.InitiativeStatus(r.PostForm.Get("status")), StartsOn: r.PostForm.Get("starts_on"),
		EndsOn: r.PostForm.Get("ends_on"), Outcomes: r.PostForm.Get("outcomes"), ObjectiveIDs: formIDs(r, "objective_ids")}
}

func (h *Handler) initiativeForm(w http.ResponseWriter, r *http.Request, status int, id int64, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	people, ok := h.peopleChoices(w, r, actor)
	if !ok {
		return
	}
	objectives, err := h.core.Objectives(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	title := "Start an initiative"
	if id != 0 {
		title = "Edit initiative"
	}
	h.render(w, r, status, "initiative_form", &InitiativeFormPage{Page: Page{Title: title, Section: "collab"}, ID: id, Form: form, People: people,
		Objectives: objectives, Statuses: model.InitiativeStatuses})
}

func (h *Handler) initiativeNew(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if !actor.Is(model.RoleManager, model.RoleExecutive, model.RoleHR, model.RoleAdmin) {
		h.fail(w, r, model.Forbidden())
		return
	}
	v := map[string][]string{"lead_id": {itoa(actor.PersonID)}, "status": {"proposed"}, "starts_on": {h.core.Now().Format("2006-01-02")}}
	h.initiativeForm(w, r, http.StatusOK, 0, Form{Values: v})
}

func (h *Handler) initiativeCreate(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	id, err := h.core.CreateInitiative(r.Context(), actor, initiativeInput(r))
	h.finish(w, r, err, func(f Form) { h.initiativeForm(w, r, http.StatusUnprocessableEntity, 0, f) },
		"/initiatives/"+itoa(id), "Initiative started. Invite people from other departments to join.")
}

func (h *Handler) initiativeEdit(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.Initiative(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !d.CanManage {
		h.fail(w, r, model.Forbidden())
		return
	}
	v := map[string][]string{"title": {d.Title}, "mission": {d.Mission}, "sponsor_id": {itoa(d.SponsorID)}, "lead_id": {itoa(d.LeadID)},
		"status": {string(d.Status)}, "starts_on": {d.StartsOn}, "ends_on": {d.EndsOn}, "outcomes": {d.Outcomes}}
	for _, o := range d.Objectives {
		v["objective_ids"] = append(v["objective_ids"], itoa(o.ID))
	}
	h.initiativeForm(w, r, http.StatusOK, id, Form{Values: v})
}

func (h *Handler) initiativeUpdate(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.UpdateInitiative(r.Context(), actor, id, initiativeInput(r))
	h.finish(w, r, err, func(f Form) { h.initiativeForm(w, r, http.StatusUnprocessableEntity, id, f) }, "/initiatives/"+itoa(id), "Initiative saved.")
}

func (h *Handler) initiativeAddMember(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.AddInitiativeMember(r.Context(), actor, id, model.MemberInput{PersonID: formID(r, "person_id"), Role: r.PostForm.Get("role")})
	h.finish(w, r, err, func(f Form) { h.initiativePage(w, r, http.StatusUnprocessableEntity, map[string]Form{"member": f}) },
		"/initiatives/"+itoa(id)+"#team", "Member added.")
}

func (h *Handler) initiativeRemoveMember(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	person, err := pathID(r, "person")
	if err == nil {
		err = h.core.RemoveInitiativeMember(r.Context(), actor, id, person)
	}
	msg := "Member removed."
	if person == actor.PersonID {
		msg = "You left the initiative."
	}
	h.finish(w, r, err, nil, "/initiatives/"+itoa(id)+"#team", msg)
}

func (h *Handler) initiativeAddMilestone(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	_, err := h.core.AddMilestone(r.Context(), actor, id, model.MilestoneInput{Title: r.PostForm.Get("title"), DueOn: r.PostForm.Get("due_on")})
	h.finish(w, r, err, func(f Form) { h.initiativePage(w, r, http.StatusUnprocessableEntity, map[string]Form{"milestone": f}) },
		"/initiatives/"+itoa(id)+"#milestones", "Milestone added.")
}

func (h *Handler) milestoneDone(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	done := r.PostForm.Get("done") == "1"
	iid, err := h.core.SetMilestoneDone(r.Context(), actor, id, done)
	msg := "Milestone reached. Well done."
	if !done {
		msg = "Milestone reopened."
	}
	h.finish(w, r, err, nil, "/initiatives/"+itoa(iid)+"#milestones", msg)
}

func (h *Handler) initiativeJoin(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	_, err := h.core.RequestToJoin(r.Context(), actor, id, model.JoinRequestInput{Message: r.PostForm.Get("message")})
	h.finish(w, r, err, func(f Form) { h.initiativePage(w, r, http.StatusUnprocessableEntity, map[string]Form{"join": f}) },
		"/initiatives/"+itoa(id), "Your request to join was sent to the lead.")
}

func (h *Handler) joinRequestDecide(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	accept := r.PostForm.Get("decision") == "accept"
	iid, err := h.core.DecideJoinRequest(r.Context(), actor, id, accept)
	msg := "Request declined."
	if accept {
		msg = "Welcome aboard: the new member is on the team."
	}
	h.finish(w, r, err, nil, "/initiatives/"+itoa(iid)+"#team", msg)
}
