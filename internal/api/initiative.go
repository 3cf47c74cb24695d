package api

import (
	"net/http"

	"throughline/internal/httpx"
	"throughline/internal/model"
)

// InitiativeBody is a cross-functional initiative.
type InitiativeBody struct {
	ID          int64              `json:"id"`
	Title       string             `json:"title"`
	Mission     string             `json:"mission"`
	Status      string             `json:"status"`
	Sponsor     MemberRef          `json:"sponsor"`
	Lead        MemberRef          `json:"lead"`
	StartsOn    string             `json:"starts_on"`
	EndsOn      string             `json:"ends_on,omitempty"`
	Outcomes    string             `json:"outcomes,omitempty"`
	Objectives  []ObjectiveRefBody `json:"objectives"`
	MemberCount int                `json:"member_count"`
	Mix         MixBody            `json:"mix"`
	// FromSubmission is the winning hackathon submission it grew from.
	FromSubmission int64                  `json:"from_submission_id,omitempty"`
	Members        []InitiativeMemberBody `json:"members,omitempty"`
	Milestones     []MilestoneBody        `json:"milestones,omitempty"`
	JoinRequests   []JoinRequestBody      `json:"join_requests,omitempty"`
}

// InitiativeMemberBody is a member and their role.
type InitiativeMemberBody struct {
	Person   MemberRef `json:"person"`
	Role     string    `json:"role"`
	JoinedAt int64     `json:"joined_at"`
}

// MilestoneBody is a milestone.
type MilestoneBody struct {
	ID     int64  `json:"id"`
	Title  string `json:"title"`
	DueOn  string `json:"due_on,omitempty"`
	DoneAt int64  `json:"done_at,omitempty"`
}

// JoinRequestBody is a pending request to join.
type JoinRequestBody struct {
	ID        int64     `json:"id"`
	Person    MemberRef `json:"person"`
	Message   string    `json:"message"`
	CreatedAt int64     `json:"created_at"`
}

func initiativeBody(in model.Initiative) InitiativeBody {
	b := InitiativeBody{ID: in.ID, Title: in.Title, Mission: in.Mission, Status: string(in.Status), Sponsor: MemberRef{ID: in.SponsorID, Name: in.SponsorName},
		Lead: MemberRef{ID: in.LeadID, Name: in.LeadName}, StartsOn: in.StartsOn, EndsOn: in.EndsOn, Outcomes: in.Outcomes, MemberCount: in.MemberCount,
		Mix: mixBody(in.Mix), FromSubmission: in.FromSubmission, Objectives: []ObjectiveRefBody{}}
	for _, o := range in.Objectives {
		b.Objectives = append(b.Objectives, ObjectiveRefBody{ID: o.ID, Title: o.Title})
	}
	for _, m := range in.Members {
		b.Members = append(b.Members, InitiativeMemberBody{Person: memberRef(m.Person), Role: m.Role, JoinedAt: m.JoinedAt})
	}
	for _, m := range in.Milestones {
		b.Milestones = append(b.Milestones, MilestoneBody{ID: m.ID, Title: m.Title, DueOn: m.DueOn, DoneAt: m.DoneAt})
	}
	for _, r := range in.Requests {
		b.JoinRequests = append(b.JoinRequests, JoinRequestBody{ID: r.ID, Person: memberRef(r.Person), Message: r.Message, CreatedAt: r.CreatedAt})
	}
	return b
}

// InitiativeRequest starts or changes an initiative.
type InitiativeRequest struct {
	Title        string  `json:"title"`
	Mission      string  `json:"mission"`
	SponsorID    int64   `json:"sponsor_id"`
	LeadID       int64   `json:"lead_id"`
	Status       string  `json:"status"`
	StartsOn     string  `json:"starts_on"`
	EndsOn       string  `json:"ends_on"`
	Outcomes     string  `json:"outcomes"`
	ObjectiveIDs []int64 `json:"objective_ids"`
}

func (q InitiativeRequest) input() model.InitiativeInput {
	return model.InitiativeInput{Title: q.Title, Mission: q.Mission, SponsorID: q.SponsorID, LeadID: q.LeadID, Status: model.InitiativeStatus(q.Status),
		StartsOn: q.StartsOn, EndsOn: q.EndsOn, Outcomes: q.Outcomes, ObjectiveIDs: q.ObjectiveIDs}
}

// MemberRequest adds a member with a role.
type MemberRequest struct {
	PersonID int64  `json:"person_id"`
	Role     string `json:"role"`
}

// MilestoneRequest adds a milestone.
type MilestoneRequest struct {
	Title string `json:"title"`
	DueOn string `json:"due_on"`
}

// JoinRequest asks to join an initiative.
type JoinRequest struct {
	Message string `json:"message"`
}

// DecisionRequest answers a join request.
type DecisionRequest struct {
	Accept bool `json:"accept"`
}

func (h *Handler) initiatives(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	page, err := pageOf(r)
	f := model.InitiativeFilter{Status: model.InitiativeStatus(q.Get("status")), Query: q.Get("q"), Open: boolParam(r, "open"), Page: page}
	if err == nil && f.Status != "" && !f.Status.Valid() {
		err = &model.Error{Code: model.CodeInvalid, Message: "status must be proposed, active, paused, completed or cancelled.", Fields: map[string]string{"status": "Unknown status."}}
	}
	if err == nil {
		f.MemberID, err = idParam(r, "member_id")
	}
	var l model.List[model.Initiative]
	if err == nil {
		l, err = h.core.Initiatives(r.Context(), a, f)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, listOf(l, initiativeBody))
}

func (h *Handler) initiative(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "initiative")
	if !ok {
		return
	}
	h.writeInitiative(w, r, a, id, http.StatusOK)
}

func (h *Handler) writeInitiative(w http.ResponseWriter, r *http.Request, a model.Actor, id int64, status int) {
	d, err := h.core.Initiative(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, status, DataBody[InitiativeBody]{Data: initiativeBody(d.Initiative)})
}

func (h *Handler) createInitiative(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var req InitiativeRequest
	if !h.decode(w, r, &req) {
		return
	}
	id, err := h.core.CreateInitiative(r.Context(), a, req.input())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeInitiative(w, r, a, id, http.StatusCreated)
}

func (h *Handler) updateInitiative(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "initiative")
	if !ok {
		return
	}
	var req InitiativeRequest
	if !h.decode(w, r, &req) {
		return
	}
	if err := h.core.UpdateInitiative(r.Context(), a, id, req.input()); err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeInitiative(w, r, a, id, http.StatusOK)
}

func (h *Handler) addInitiativeMember(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "initiative")
	if !ok {
		return
	}
	var req MemberRequest
	if !h.decode(w, r, &req) {
		return
	}
	if err := h.core.AddInitiativeMember(r.Context(), a, id, model.MemberInput{PersonID: req.PersonID, Role: req.Role}); err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeInitiative(w, r, a, id, http.StatusOK)
}

func (h *Handler) addMilestone(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "initiative")
	if !ok {
		return
	}
	var req MilestoneRequest
	if !h.decode(w, r, &req) {
		return
	}
	mid, err := h.core.AddMilestone(r.Context(), a, id, model.MilestoneInput{Title: req.Title, DueOn: req.DueOn})
	h.created(w, r, mid, err)
}

func (h *Handler) requestToJoin(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "initiative")
	if !ok {
		return
	}
	var req JoinRequest
	if !h.decode(w, r, &req) {
		return
	}
	rid, err := h.core.RequestToJoin(r.Context(), a, id, model.JoinRequestInput{Message: req.Message})
	h.created(w, r, rid, err)
}

func (h *Handler) decideJoinRequest(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "join request")
	if !ok {
		return
	}
	var req DecisionRequest
	if !h.decode(w, r, &req) {
		return
	}
	_, err := h.core.DecideJoinRequest(r.Context(), a, id, req.Accept)
	h.done(w, r, err)
}
