package api

import (
	"net/http"
	"strconv"

	"throughline/internal/httpx"
	"throughline/internal/model"
)

// PurposeBody is a version of the purpose statement.
type PurposeBody struct {
	ID          int64  `json:"id"`
	Statement   string `json:"statement"`
	Explanation string `json:"explanation"`
	Author      string `json:"author"`
	CreatedAt   int64  `json:"created_at"`
}

func purposeBody(p model.PurposeVersion) PurposeBody {
	return PurposeBody{ID: p.ID, Statement: p.Statement, Explanation: p.Explanation, Author: p.AuthorName, CreatedAt: p.CreatedAt}
}

// PurposeRequest sets a new purpose statement.
type PurposeRequest struct {
	Statement   string `json:"statement"`
	Explanation string `json:"explanation"`
}

func (h *Handler) getPurpose(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	p, found, err := h.core.Purpose(r.Context(), a)
	if err == nil && !found {
		err = &model.Error{Code: model.CodeNotFound, Message: "No purpose statement has been written yet."}
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[PurposeBody]{Data: purposeBody(p)})
}

func (h *Handler) putPurpose(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var req PurposeRequest
	if err := httpx.DecodeJSON(w, r, &req, 0); err != nil {
		h.fail(w, r, err)
		return
	}
	if _, err := h.core.SetPurpose(r.Context(), a, model.PurposeInput{Statement: req.Statement, Explanation: req.Explanation}); err != nil {
		h.fail(w, r, err)
		return
	}
	p, _, err := h.core.Purpose(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[PurposeBody]{Data: purposeBody(p)})
}

func (h *Handler) purposeHistory(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	page, err := pageOf(r)
	var all []model.PurposeVersion
	if err == nil {
		all, err = h.core.PurposeHistory(r.Context(), a)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, listOf(paginate(all, page), purposeBody))
}

// ValueBody is one of the organization's values.
type ValueBody struct {
	ID          int64    `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Behaviours  []string `json:"behaviours"`
	Position    int      `json:"position"`
}

// ValueRequest creates or changes a value.
type ValueRequest struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Behaviours  []string `json:"behaviours"`
	Position    int      `json:"position"`
	Retired     bool     `json:"retired"`
}

func valueBody(v model.Value) ValueBody {
	b := ValueBody{ID: v.ID, Name: v.Name, Description: v.Description, Behaviours: v.Behaviours, Position: v.Position}
	if b.Behaviours == nil {
		b.Behaviours = []string{}
	}
	return b
}

func (h *Handler) values(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	page, err := pageOf(r)
	var vs []model.Value
	if err == nil {
		vs, err = h.core.Values(r.Context(), a)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, listOf(paginate(vs, page), valueBody))
}

func (h *Handler) createValue(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var req ValueRequest
	if err := httpx.DecodeJSON(w, r, &req, 0); err != nil {
		h.fail(w, r, err)
		return
	}
	id, err := h.core.CreateValue(r.Context(), a, model.ValueInput{Name: req.Name, Description: req.Description, Behaviours: req.Behaviours, Position: req.Position})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeValue(w, r, a, id, http.StatusCreated)
}

func (h *Handler) updateValue(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var req ValueRequest
	if err == nil {
		err = httpx.DecodeJSON(w, r, &req, 0)
	}
	if err == nil {
		err = h.core.UpdateValue(r.Context(), a, id, model.ValueInput{Name: req.Name, Description: req.Description, Behaviours: req.Behaviours, Position: req.Position}, !req.Retired)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if req.Retired {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	h.writeValue(w, r, a, id, http.StatusOK)
}

func (h *Handler) writeValue(w http.ResponseWriter, r *http.Request, a model.Actor, id int64, status int) {
	vs, err := h.core.Values(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, v := range vs {
		if v.ID == id {
			httpx.WriteJSON(w, status, DataBody[ValueBody]{Data: valueBody(v)})
			return
		}
	}
	h.fail(w, r, model.NotFound("value"))
}

// ObjectiveBody is a strategic objective.
type ObjectiveBody struct {
	ID          int64   `json:"id"`
	Title       string  `json:"title"`
	Description string  `json:"description"`
	Why         string  `json:"why_it_matters"`
	Horizon     string  `json:"horizon"`
	OwnerID     int64   `json:"owner_id,omitempty"`
	Owner       string  `json:"owner,omitempty"`
	Status      string  `json:"status"`
	Position    int     `json:"position"`
	GoalCount   int     `json:"goal_count"`
	Progress    float64 `json:"progress"`
}

// ObjectiveRequest creates or changes an objective.
type ObjectiveRequest struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Why         string `json:"why_it_matters"`
	Horizon     string `json:"horizon"`
	OwnerID     int64  `json:"owner_id"`
	Status      string `json:"status"`
	Position    int    `json:"position"`
}

func (q ObjectiveRequest) input() model.ObjectiveInput {
	return model.ObjectiveInput{Title: q.Title, Description: q.Description, Why: q.Why, Horizon: q.Horizon, OwnerID: q.OwnerID,
		Status: model.ObjectiveStatus(q.Status), Position: q.Position}
}

func objectiveBody(o model.Objective) ObjectiveBody {
	return ObjectiveBody{ID: o.ID, Title: o.Title, Description: o.Description, Why: o.Why, Horizon: o.Horizon, OwnerID: o.OwnerID, Owner: o.OwnerName,
		Status: string(o.Status), Position: o.Position, GoalCount: o.GoalCount, Progress: o.Progress}
}

func (h *Handler) objectives(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	page, err := pageOf(r)
	var os []model.Objective
	if err == nil {
		os, err = h.core.ObjectivesWithProgress(r.Context(), a)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, listOf(paginate(os, page), objectiveBody))
}

// ObjectiveDetailBody is an objective with the goals that serve it.
type ObjectiveDetailBody struct {
	ObjectiveBody
	Staffed bool            `json:"staffed"`
	Goals   []GoalChildBody `json:"goals"`
}

func (h *Handler) objective(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, model.NotFound("objective"))
		return
	}
	h.writeObjective(w, r, a, id, http.StatusOK)
}

func (h *Handler) writeObjective(w http.ResponseWriter, r *http.Request, a model.Actor, id int64, status int) {
	d, err := h.core.ObjectiveDetail(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Objective.GoalCount, d.Objective.Progress = len(d.Goals), d.Progress
	body := ObjectiveDetailBody{ObjectiveBody: objectiveBody(d.Objective), Staffed: d.Staffed, Goals: []GoalChildBody{}}
	for _, g := range d.Goals {
		body.Goals = append(body.Goals, goalChildBody(g))
	}
	httpx.WriteJSON(w, status, DataBody[ObjectiveDetailBody]{Data: body})
}

func (h *Handler) createObjective(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var req ObjectiveRequest
	if err := httpx.DecodeJSON(w, r, &req, 0); err != nil {
		h.fail(w, r, err)
		return
	}
	id, err := h.core.CreateObjective(r.Context(), a, req.input())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeObjective(w, r, a, id, http.StatusCreated)
}

func (h *Handler) updateObjective(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var req ObjectiveRequest
	if err == nil {
		err = httpx.DecodeJSON(w, r, &req, 0)
	}
	if err == nil {
		err = h.core.UpdateObjective(r.Context(), a, id, req.input())
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeObjective(w, r, a, id, http.StatusOK)
}

// PersonalPurposeBody is a person's own statement and values.
type PersonalPurposeBody struct {
	PersonID     int64           `json:"person_id"`
	Statement    string          `json:"statement"`
	ShareManager bool            `json:"share_with_manager"`
	ShareCoach   bool            `json:"share_with_coach"`
	Values       []PersonalValue `json:"values"`
	Alignment    float64         `json:"values_alignment"`
	UpdatedAt    int64           `json:"updated_at"`
}

// PersonalValue is one of a person's top values.
type PersonalValue struct {
	Rank     int    `json:"rank"`
	ValueID  int64  `json:"value_id,omitempty"`
	Name     string `json:"name"`
	OrgValue bool   `json:"organization_value"`
}

// PersonalPurposeRequest sets the caller's statement and values (most important first).
type PersonalPurposeRequest struct {
	Statement    string             `json:"statement"`
	ShareManager bool               `json:"share_with_manager"`
	ShareCoach   bool               `json:"share_with_coach"`
	Values       []ValueChoiceInput `json:"values"`
}

// ValueChoiceInput is an organization value by id, or a value in the person's own words.
type ValueChoiceInput struct {
	ValueID  int64  `json:"value_id"`
	OwnWords string `json:"own_words"`
}

func personalPurposeBody(pp model.PersonalPurpose) PersonalPurposeBody {
	b := PersonalPurposeBody{PersonID: pp.PersonID, Statement: pp.Statement, ShareManager: pp.ShareManager, ShareCoach: pp.ShareCoach,
		Alignment: pp.Alignment.Score, UpdatedAt: pp.UpdatedAt, Values: []PersonalValue{}}
	for _, v := range pp.Values {
		b.Values = append(b.Values, PersonalValue{Rank: v.Rank, ValueID: v.ValueID, Name: v.Name, OrgValue: v.OrgValue})
	}
	return b
}

func (h *Handler) myPurpose(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	pp, err := h.core.MyPurpose(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[PersonalPurposeBody]{Data: personalPurposeBody(pp)})
}

func (h *Handler) putMyPurpose(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var req PersonalPurposeRequest
	if err := httpx.DecodeJSON(w, r, &req, 0); err != nil {
		h.fail(w, r, err)
		return
	}
	in := model.PersonalPurposeInput{Statement: req.Statement, ShareManager: req.ShareManager, ShareCoach: req.ShareCoach}
	for _, v := range req.Values {
		in.Values = append(in.Values, model.ValueChoice{ValueID: v.ValueID, OwnWords: v.OwnWords})
	}
	if err := h.core.SavePersonalPurpose(r.Context(), a, in); err != nil {
		h.fail(w, r, err)
		return
	}
	h.myPurpose(w, r)
}

func (h *Handler) personPurpose(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	var pp model.PersonalPurpose
	if err == nil {
		pp, err = h.core.PersonalPurposeOf(r.Context(), a, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[PersonalPurposeBody]{Data: personalPurposeBody(pp)})
}

// PurposeAggregatesBody is what hr and executives see of personal purpose.
type PurposeAggregatesBody struct {
	Threshold   int                  `json:"anonymity_threshold"`
	People      int                  `json:"people"`
	Written     int                  `json:"written"`
	Alignment   *float64             `json:"values_alignment"`
	Departments []DepartmentPurposeB `json:"departments"`
}

// DepartmentPurposeB is one department's purpose aggregate; suppressed rows carry no numbers.
type DepartmentPurposeB struct {
	Department string   `json:"department"`
	Suppressed bool     `json:"suppressed"`
	People     *int     `json:"people,omitempty"`
	Written    *int     `json:"written,omitempty"`
	Alignment  *float64 `json:"values_alignment,omitempty"`
}

func (h *Handler) purposeAggregates(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	agg, err := h.core.PurposeAggregates(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := PurposeAggregatesBody{Threshold: agg.Threshold, People: agg.People, Written: agg.Written, Departments: []DepartmentPurposeB{}}
	if agg.HasAlignment {
		body.Alignment = &agg.Alignment
	}
	for _, d := range agg.Departments {
		row := DepartmentPurposeB{Department: d.Name, Suppressed: d.Suppressed}
		if !d.Suppressed {
			people, written := d.People, d.Written
			row.People, row.Written = &people, &written
			if d.HasAlignment {
				al := d.Alignment
				row.Alignment = &al
			}
		}
		body.Departments = append(body.Departments, row)
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[PurposeAggregatesBody]{Data: body})
}

// yearParam reads ?year=, defaulting to the current year.
func (h *Handler) yearParam(r *http.Request) (string, error) {
	y := r.URL.Query().Get("year")
	if y == "" {
		return strconv.Itoa(h.core.Now().Year()), nil
	}
	if n, err := strconv.Atoi(y); err != nil || n < 2000 || n > 2100 {
		return "", &model.Error{Code: model.CodeInvalid, Message: "year must be a year such as 2026.", Fields: map[string]string{"year": "Must be a year."}}
	}
	return y, nil
}
