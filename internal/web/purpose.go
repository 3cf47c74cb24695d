package web

import (
	"net/http"
	"strconv"
	"strings"

	"throughline/internal/core"
	"throughline/internal/model"
)

// PurposePage shows the organization's purpose, values and objectives.
type PurposePage struct {
	Page
	Purpose    model.PurposeVersion
	HasPurpose bool
	Values     []model.Value
	Objectives []model.Objective
	CanEdit    bool
}

func (h *Handler) purpose(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	p := &PurposePage{Page: Page{Title: "Purpose and strategy", Section: "purpose"}, CanEdit: actor.Is(model.RoleExecutive, model.RoleAdmin)}
	var err error
	p.Purpose, p.HasPurpose, err = h.core.Purpose(ctx, actor)
	if err == nil {
		p.Values, err = h.core.Values(ctx, actor)
	}
	if err == nil {
		p.Objectives, err = h.core.ObjectivesWithProgress(ctx, actor)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "purpose", p)
}

// PurposeEditPage sets a new purpose statement and shows the history.
type PurposeEditPage struct {
	Page
	Form    Form
	History []model.PurposeVersion
}

func (h *Handler) purposeEditPage(w http.ResponseWriter, r *http.Request, status int, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	history, err := h.core.PurposeHistory(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if form.Values == nil && len(history) > 0 {
		form.Values = map[string][]string{"statement": {history[0].Statement}, "explanation": {history[0].Explanation}}
	}
	h.render(w, r, status, "purpose_edit", &PurposeEditPage{Page: Page{Title: "Purpose statement", Section: "purpose"}, Form: form, History: history})
}

func (h *Handler) purposeEdit(w http.ResponseWriter, r *http.Request) {
	h.purposeEditPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) purposeSave(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	_, err := h.core.SetPurpose(r.Context(), actor, model.PurposeInput{Statement: r.PostForm.Get("statement"), Explanation: r.PostForm.Get("explanation")})
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.purposeEditPage(w, r, http.StatusUnprocessableEntity, formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/purpose", "success", "The purpose statement is updated; the previous version is kept in its history.")
}

// ValueFormPage creates or edits a value.
type ValueFormPage struct {
	Page
	ID   int64
	Form Form
}

func valueInput(r *http.Request) model.ValueInput {
	pos, _ := strconv.Atoi(r.PostForm.Get("position"))
	return model.ValueInput{Name: r.PostForm.Get("name"), Description: r.PostForm.Get("description"),
		Behaviours: strings.Split(r.PostForm.Get("behaviours"), "\n"), Position: pos}
}

func (h *Handler) valueNew(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.requireActor(w, r); !ok {
		return
	}
	h.render(w, r, http.StatusOK, "value_form", &ValueFormPage{Page: Page{Title: "New value", Section: "purpose"}})
}

func (h *Handler) valueCreate(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	_, err := h.core.CreateValue(r.Context(), actor, valueInput(r))
	if c := model.ErrorCodeOf(err); c == model.CodeInvalid || c == model.CodeConflict {
		h.render(w, r, http.StatusUnprocessableEntity, "value_form", &ValueFormPage{Page: Page{Title: "New value", Section: "purpose"}, Form: formFrom(r, err)})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/purpose", "success", "Value added.")
}

func (h *Handler) valueEdit(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	values, err := h.core.Values(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, v := range values {
		if v.ID == id {
			form := Form{Values: map[string][]string{"name": {v.Name}, "description": {v.Description},
				"behaviours": {strings.Join(v.Behaviours, "\n")}, "position": {strconv.Itoa(v.Position)}}}
			h.render(w, r, http.StatusOK, "value_form", &ValueFormPage{Page: Page{Title: "Edit " + v.Name, Section: "purpose"}, ID: id, Form: form})
			return
		}
	}
	h.fail(w, r, model.NotFound("value"))
}

func (h *Handler) valueUpdate(w http.ResponseWriter, r *http.Request) {
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
	err = h.core.UpdateValue(r.Context(), actor, id, valueInput(r), r.PostForm.Get("retire") != "1")
	if c := model.ErrorCodeOf(err); c == model.CodeInvalid || c == model.CodeConflict {
		h.render(w, r, http.StatusUnprocessableEntity, "value_form", &ValueFormPage{Page: Page{Title: "Edit value", Section: "purpose"}, ID: id, Form: formFrom(r, err)})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/purpose", "success", "Value saved.")
}

// ObjectivePage is one strategic objective and the goals that serve it.
type ObjectivePage struct {
	Page
	core.ObjectiveDetail
}

func (h *Handler) objective(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.ObjectiveDetail(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "objective", &ObjectivePage{Page: Page{Title: d.Title, Section: "purpose"}, ObjectiveDetail: d})
}

// ObjectiveFormPage creates or edits an objective.
type ObjectiveFormPage struct {
	Page
	ID       int64
	Form     Form
	Owners   []model.Person
	Statuses []model.ObjectiveStatus
}

func objectiveInput(r *http.Request) model.ObjectiveInput {
	owner, _ := strconv.ParseInt(r.PostForm.Get("owner_id"), 10, 64)
	pos, _ := strconv.Atoi(r.PostForm.Get("position"))
	return model.ObjectiveInput{Title: r.PostForm.Get("title"), Description: r.PostForm.Get("description"), Why: r.PostForm.Get("why"),
		Horizon: r.PostForm.Get("horizon"), OwnerID: owner, Status: model.ObjectiveStatus(r.PostForm.Get("status")), Position: pos}
}

func (h *Handler) objectiveForm(w http.ResponseWriter, r *http.Request, status int, id int64, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	// Owners are executives: the people at the top two levels.
	execs, err := h.core.Directory(r.Context(), actor, model.PersonFilter{Page: model.Page{Limit: 500}})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var owners []model.Person
	for _, p := range execs.Items {
		if p.ManagerID == 0 || p.DirectReports > 0 {
			owners = append(owners, p)
		}
	}
	title := "New objective"
	if id != 0 {
		title = "Edit objective"
	}
	h.render(w, r, status, "objective_form", &ObjectiveFormPage{Page: Page{Title: title, Section: "purpose"}, ID: id, Form: form, Owners: owners, Statuses: model.ObjectiveStatuses})
}

func (h *Handler) objectiveNew(w http.ResponseWriter, r *http.Request) {
	h.objectiveForm(w, r, http.StatusOK, 0, Form{Values: map[string][]string{"status": {"active"}}})
}

func (h *Handler) objectiveCreate(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	id, err := h.core.CreateObjective(r.Context(), actor, objectiveInput(r))
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.objectiveForm(w, r, http.StatusUnprocessableEntity, 0, formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/objectives/"+itoa(id), "success", "Objective created.")
}

func (h *Handler) objectiveEdit(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	o, err := h.core.Objective(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form := Form{Values: map[string][]string{"title": {o.Title}, "description": {o.Description}, "why": {o.Why}, "horizon": {o.Horizon},
		"owner_id": {itoa(o.OwnerID)}, "status": {string(o.Status)}, "position": {strconv.Itoa(o.Position)}}}
	h.objectiveForm(w, r, http.StatusOK, id, form)
}

func (h *Handler) objectiveUpdate(w http.ResponseWriter, r *http.Request) {
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
	err = h.core.UpdateObjective(r.Context(), actor, id, objectiveInput(r))
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.objectiveForm(w, r, http.StatusUnprocessableEntity, id, formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/objectives/"+itoa(id), "success", "Objective saved.")
}

// MyPurposePage is a person's own statement, values and alignment.
type MyPurposePage struct {
	Page
	Purpose model.PersonalPurpose
	Values  []model.Value
	Form    Form
	Org     model.PurposeVersion
	HasOrg  bool
}

func (h *Handler) myPurposePage(w http.ResponseWriter, r *http.Request, status int, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	p := &MyPurposePage{Page: Page{Title: "Your purpose", Section: "mypurpose"}, Form: form}
	var err error
	if p.Purpose, err = h.core.MyPurpose(ctx, actor); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.Values, err = h.core.Values(ctx, actor); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.Org, p.HasOrg, err = h.core.Purpose(ctx, actor); err != nil {
		h.fail(w, r, err)
		return
	}
	if form.Values == nil {
		v := map[string][]string{"statement": {p.Purpose.Statement}}
		if p.Purpose.ShareManager {
			v["share_manager"] = []string{"1"}
		}
		if p.Purpose.ShareCoach {
			v["share_coach"] = []string{"1"}
		}
		for _, pv := range p.Purpose.Values {
			k := strconv.Itoa(pv.Rank)
			if pv.OrgValue {
				v["value_"+k] = []string{itoa(pv.ValueID)}
			} else {
				v["value_"+k] = []string{"own"}
				v["own_"+k] = []string{pv.Name}
			}
		}
		p.Form.Values = v
	}
	h.render(w, r, status, "my_purpose", p)
}

func (h *Handler) myPurpose(w http.ResponseWriter, r *http.Request) {
	h.myPurposePage(w, r, http.StatusOK, Form{})
}

func (h *Handler) myPurposeSave(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	in := model.PersonalPurposeInput{Statement: r.PostForm.Get("statement"), ShareManager: r.PostForm.Get("share_manager") == "1", ShareCoach: r.PostForm.Get("share_coach") == "1"}
	for i := 1; i <= 5; i++ {
		k := strconv.Itoa(i)
		switch v := r.PostForm.Get("value_" + k); v {
		case "":
		case "own":
			in.Values = append(in.Values, model.ValueChoice{OwnWords: r.PostForm.Get("own_" + k)})
		default:
			id, _ := strconv.ParseInt(v, 10, 64)
			in.Values = append(in.Values, model.ValueChoice{ValueID: id})
		}
	}
	err := h.core.SavePersonalPurpose(r.Context(), actor, in)
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.myPurposePage(w, r, http.StatusUnprocessableEntity, formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/me/purpose", "success", "Your purpose is saved. Only you can read it unless you share it.")
}

// StrategyPage is the executive view: unstaffed objectives, orphan goals and purpose
// aggregates.
type StrategyPage struct {
	Page
	core.StrategyView
	Aggregates model.PurposeAggregates
}

func (h *Handler) strategy(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	year := r.URL.Query().Get("year")
	if len(year) != 4 {
		year = strconv.Itoa(h.core.Now().Year())
	}
	v, err := h.core.Strategy(r.Context(), actor, year)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	agg, err := h.core.PurposeAggregates(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "strategy", &StrategyPage{Page: Page{Title: "Where the strategy lives", Section: "strategy"}, StrategyView: v, Aggregates: agg})
}
