package web

import (
	"fmt"
	"net/http"

	"throughline/internal/core"
	"throughline/internal/model"
)

// Coaching pages: the overview (and for hr the assignments), one relationship with its
// sessions, commitments and shared reflections, and the coach's private session note.

// CoachingPage is the coaching overview.
type CoachingPage struct {
	Page
	core.CoachingOverview
	People core.PeopleChoices
	Form   Form
}

func (h *Handler) coaching(w http.ResponseWriter, r *http.Request) {
	h.coachingPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) coachingPage(w http.ResponseWriter, r *http.Request, status int, f Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	o, err := h.core.Coaching(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &CoachingPage{Page: Page{Title: "Coaching", Section: "coaching"}, CoachingOverview: o, Form: f}
	if o.CanAssign {
		if p.People, ok = h.peopleChoices(w, r, actor); !ok {
			return
		}
	}
	h.render(w, r, status, "coaching", p)
}

func (h *Handler) coachingAssign(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	id, err := h.core.AssignCoach(r.Context(), actor, model.CoachingAssignmentInput{CoachID: formID(r, "coach_id"), CoacheeID: formID(r, "coachee_id"), Focus: r.PostForm.Get("focus")})
	h.finish(w, r, err, func(f Form) { h.coachingPage(w, r, http.StatusUnprocessableEntity, f) }, "/coaching/"+itoa(id), "Coach assigned.")
}

// CoachingDetailPage is one coaching relationship.
type CoachingDetailPage struct {
	Page
	core.CoachingDetail
	Forms map[string]Form
	Today string
}

func (h *Handler) coachingDetail(w http.ResponseWriter, r *http.Request) {
	h.coachingDetailPage(w, r, http.StatusOK, nil)
}

func (h *Handler) coachingDetailPage(w http.ResponseWriter, r *http.Request, status int, forms map[string]Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.CoachingRelationship(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if forms == nil {
		forms = map[string]Form{}
	}
	title := "Coaching: " + d.Assignment.CoachName + " and " + d.Assignment.CoacheeName
	h.render(w, r, status, "coaching_detail", &CoachingDetailPage{Page: Page{Title: title, Section: "coaching"}, CoachingDetail: d, Forms: forms, Today: unixDay(h.core.Now().Unix())})
}

func (h *Handler) coachingSchedule(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	_, err := h.core.ScheduleCoachingSession(r.Context(), actor, id, model.CoachingSessionInput{StartsAt: r.PostForm.Get("starts_at"), EndsAt: r.PostForm.Get("ends_at"), Place: r.PostForm.Get("place")})
	h.finish(w, r, err, func(f Form) {
		h.coachingDetailPage(w, r, http.StatusUnprocessableEntity, map[string]Form{"session": f})
	}, "/coaching/"+itoa(id)+"#sessions", "Session scheduled.")
}

func (h *Handler) coachingCommit(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	_, err := h.core.AddCommitment(r.Context(), actor, id, model.CommitmentInput{Text: r.PostForm.Get("text"), Owner: r.PostForm.Get("owner"), DueOn: r.PostForm.Get("due_on")})
	h.finish(w, r, err, func(f Form) {
		h.coachingDetailPage(w, r, http.StatusUnprocessableEntity, map[string]Form{"commitment": f})
	}, "/coaching/"+itoa(id)+"#commitments", "Commitment added.")
}

func (h *Handler) coachingEnd(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.EndCoaching(r.Context(), actor, id)
	h.finish(w, r, err, nil, "/coaching", "The coaching has ended. The coach no longer reads what was shared.")
}

func (h *Handler) commitmentDone(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.SetCommitmentDone(r.Context(), actor, id, r.PostForm.Get("done") != "0")
	back := "/coaching"
	if a := formID(r, "assignment"); a != 0 {
		back = "/coaching/" + itoa(a) + "#commitments"
	}
	h.finish(w, r, err, nil, back, "Commitment updated.")
}

func (h *Handler) coachingSessionStatus(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.SetCoachingSessionStatus(r.Context(), actor, id, model.SessionStatus(r.PostForm.Get("status")))
	back := "/coaching"
	if a := formID(r, "assignment"); a != 0 {
		back = "/coaching/" + itoa(a) + "#sessions"
	}
	h.finish(w, r, err, nil, back, "Session updated.")
}

func (h *Handler) coachingSessionICS(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	var data []byte
	if err == nil {
		data, err = h.core.CoachingSessionICS(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	sendICS(w, fmt.Sprintf("coaching-%d.ics", id), data, true)
}

// CoachingNotePage is the coach's private note on a session.
type CoachingNotePage struct {
	Page
	SessionID    int64
	AssignmentID int64
	Note         string
	Form         Form
}

func (h *Handler) coachingNote(w http.ResponseWriter, r *http.Request) {
	h.coachingNotePage(w, r, http.StatusOK, Form{})
}

func (h *Handler) coachingNotePage(w http.ResponseWriter, r *http.Request, status int, f Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	note, err := h.core.CoachingNote(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "coaching_note", &CoachingNotePage{Page: Page{Title: "Session note", Section: "coaching"}, SessionID: id, AssignmentID: queryID(r, "assignment"), Note: note, Form: f})
}

func (h *Handler) coachingNoteSave(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.SaveCoachingNote(r.Context(), actor, id, model.CoachingNoteInput{Body: r.PostForm.Get("body")})
	back := "/coaching"
	if a := formID(r, "assignment"); a != 0 {
		back = "/coaching/" + itoa(a) + "#sessions"
	}
	h.finish(w, r, err, func(f Form) { h.coachingNotePage(w, r, http.StatusUnprocessableEntity, f) }, back, "Note saved. Only you can read it.")
}
