package web

import (
	"net/http"
	"time"

	"throughline/internal/core"
	"throughline/internal/model"
)

// CheckinsPage is the viewer's one-to-ones.
type CheckinsPage struct {
	Page
	core.CheckinOverview
	Form  Form
	Today string
}

func (h *Handler) checkinsPage(w http.ResponseWriter, r *http.Request, status int, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	o, err := h.core.Checkins(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "checkins", &CheckinsPage{Page: Page{Title: "Check-ins", Section: "checkins"}, CheckinOverview: o, Form: form,
		Today: h.core.Now().UTC().AddDate(0, 0, 1).Format("2006-01-02")})
}

func (h *Handler) checkins(w http.ResponseWriter, r *http.Request) {
	h.checkinsPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) startCheckins(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	id, err := h.core.StartCheckins(r.Context(), actor, model.CheckinSeriesInput{ReportID: formID(r, "report_id"),
		CadenceDays: formInt(r, "cadence_days", 14), FirstOn: r.PostForm.Get("first_on")})
	switch model.ErrorCodeOf(err) {
	case "":
		h.redirect(w, r, "/checkins/"+itoa(id), "success", "Check-ins planned. Add the first talking points.")
	case model.CodeInvalid, model.CodeConflict:
		h.checkinsPage(w, r, http.StatusUnprocessableEntity, formFrom(r, err))
	default:
		h.fail(w, r, err)
	}
}

// CheckinPage is one check-in for one of its two participants.
type CheckinPage struct {
	Page
	View        core.CheckinView
	PrivateNote string
	Form        Form
	NextOn      string
	Other       string // the other participant's name
}

func (h *Handler) checkinPage(w http.ResponseWriter, r *http.Request, status int, form Form) {
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
	v, err := h.core.Checkin(ctx, actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	note, err := h.core.MyPrivateNote(ctx, actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ck := v.Checkin
	other := ck.ReportName
	if v.Party == "report" {
		other = ck.ManagerName
	}
	next := ""
	if d, err := time.Parse("2006-01-02", ck.ScheduledOn); err == nil {
		today := h.core.Now().UTC().Truncate(24 * time.Hour)
		if d.Before(today) {
			d = today
		}
		next = d.AddDate(0, 0, ck.CadenceDays).Format("2006-01-02")
	}
	h.render(w, r, status, "checkin", &CheckinPage{Page: Page{Title: "Check-in with " + other, Section: "checkins"}, View: v,
		PrivateNote: note, Form: form, NextOn: next, Other: other})
}

func (h *Handler) checkin(w http.ResponseWriter, r *http.Request) {
	h.checkinPage(w, r, http.StatusOK, Form{})
}

// checkinPost runs one change of a check-in and returns to it: 422 with the form on
// invalid input, a flash on a conflict.
func (h *Handler) checkinPost(anchor, done string, fn func(r *http.Request, actor model.Actor, id int64) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
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
		err = fn(r, actor, id)
		switch model.ErrorCodeOf(err) {
		case "":
			h.redirect(w, r, "/checkins/"+itoa(id)+anchor, "success", done)
		case model.CodeInvalid:
			h.checkinPage(w, r, http.StatusUnprocessableEntity, formFrom(r, err))
		case model.CodeConflict:
			h.redirect(w, r, "/checkins/"+itoa(id), "error", model.ErrorMessageOf(err))
		default:
			h.fail(w, r, err)
		}
	}
}

func (h *Handler) addCheckinPoint(r *http.Request, actor model.Actor, id int64) error {
	var goal, metric int64
	switch link := r.PostForm.Get("link"); {
	case len(link) > 2 && link[:2] == "g:":
		goal = parseID(link[2:])
	case len(link) > 2 && link[:2] == "m:":
		metric = parseID(link[2:])
	}
	return h.core.AddCheckinPoint(r.Context(), actor, id, model.CheckinPointInput{Text: r.PostForm.Get("text"), GoalID: goal, MetricID: metric})
}

func (h *Handler) tickCheckinPoint(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	var pid int64
	if err == nil {
		pid, err = pathID(r, "point")
	}
	if err == nil {
		err = parseForm(w, r)
	}
	if err == nil {
		err = h.core.TickCheckinPoint(r.Context(), actor, id, pid, r.PostForm.Get("discussed") == "1")
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/checkins/"+itoa(id)+"#agenda", "", "")
}

func (h *Handler) checkinActionDone(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	var aid int64
	if err == nil {
		aid, err = pathID(r, "action")
	}
	if err == nil {
		err = parseForm(w, r)
	}
	if err == nil {
		err = h.core.SetCheckinActionDone(r.Context(), actor, id, aid, r.PostForm.Get("done") == "1")
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/checkins/"+itoa(id)+"#actions", "", "")
}

func (h *Handler) completeCheckin(w http.ResponseWriter, r *http.Request) {
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
	next, err := h.core.CompleteCheckin(r.Context(), actor, id, r.PostForm.Get("next_on"))
	switch model.ErrorCodeOf(err) {
	case "":
		h.redirect(w, r, "/checkins/"+itoa(next), "success", "Check-in held. Open actions were carried into this next one.")
	case model.CodeInvalid:
		h.checkinPage(w, r, http.StatusUnprocessableEntity, formFrom(r, err))
	case model.CodeConflict:
		h.redirect(w, r, "/checkins/"+itoa(id), "error", model.ErrorMessageOf(err))
	default:
		h.fail(w, r, err)
	}
}

func parseID(s string) int64 {
	var n int64
	for _, c := range s {
		if c < '0' || c > '9' || n > 1e15 {
			return 0
		}
		n = n*10 + int64(c-'0')
	}
	return n
}
