package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"throughline/internal/core"
	"throughline/internal/httpx"
	"throughline/internal/model"
)

// Workshop pages: the calendar, a session, scheduling, registration and attendance, the
// .ics files and the personal calendar feed.

// WorkshopsPage is the workshop calendar.
type WorkshopsPage struct {
	Page
	core.WorkshopCalendar
}

func (h *Handler) workshops(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	c, err := h.core.Workshops(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "workshops", &WorkshopsPage{Page: Page{Title: "Workshops", Section: "workshops"}, WorkshopCalendar: c})
}

// WorkshopPage is one session.
type WorkshopPage struct {
	Page
	core.WorkshopDetail
	Form Form
}

func (h *Handler) workshop(w http.ResponseWriter, r *http.Request) {
	h.workshopPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) workshopPage(w http.ResponseWriter, r *http.Request, status int, f Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.Workshop(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "workshop", &WorkshopPage{Page: Page{Title: d.Session.Title, Section: "workshops"}, WorkshopDetail: d, Form: f})
}

// WorkshopFormPage schedules or changes a session.
type WorkshopFormPage struct {
	Page
	ID      int64
	Cohorts []model.Cohort
	Modules map[int64][]model.DevModule // workshop modules by program
	Open    bool                        // may schedule sessions open to everyone: hr and admin
	Form    Form
}

func workshopInput(r *http.Request) (model.WorkshopInput, error) {
	var v model.Validator
	in := model.WorkshopInput{Title: r.PostForm.Get("title"), Description: r.PostForm.Get("description"), StartsAt: r.PostForm.Get("starts_at"),
		EndsAt: r.PostForm.Get("ends_at"), Place: r.PostForm.Get("place"), VideoURL: r.PostForm.Get("video_url"), FacilitatorID: formID(r, "facilitator_id")}
	in.Capacity = formIntChecked(r, "capacity", &v, "Enter the capacity as a whole number.")
	// The form offers "cohort:module" pairs, or a cohort alone.
	if c, m, ok := strings.Cut(r.PostForm.Get("cohort_module"), ":"); ok || c != "" {
		in.CohortID, _ = strconv.ParseInt(c, 10, 64)
		in.ModuleID, _ = strconv.ParseInt(m, 10, 64)
	}
	return in, v.Err()
}

func (h *Handler) workshopNew(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := Form{Values: map[string][]string{"capacity": {"16"}}}
	if c := q.Get("cohort"); c != "" {
		f.Values["cohort_module"] = []string{c + ":" + q.Get("module")}
	}
	h.workshopForm(w, r, http.StatusOK, 0, f)
}

func (h *Handler) workshopForm(w http.ResponseWriter, r *http.Request, status int, id int64, f Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	home, err := h.core.MyDevelopment(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &WorkshopFormPage{Page: Page{Title: "Schedule a workshop session", Section: "workshops"}, ID: id, Form: f, Modules: map[int64][]model.DevModule{},
		Open: actor.Is(model.RoleHR, model.RoleAdmin)}
	if id != 0 {
		p.Title = "Change the session"
	}
	var cohorts []model.Cohort
	if actor.Is(model.RoleHR, model.RoleAdmin) {
		sums, err := h.core.CohortsOverview(r.Context(), actor)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for _, s := range sums {
			if s.Status != model.CohortCompleted {
				cohorts = append(cohorts, s.Cohort)
			}
		}
	} else {
		for _, e := range home.Facilitating {
			cohorts = append(cohorts, e.Cohort)
		}
	}
	p.Cohorts = cohorts
	for _, c := range cohorts {
		if _, ok := p.Modules[c.ProgramID]; ok {
			continue
		}
		d, err := h.core.DevProgram(r.Context(), actor, c.ProgramID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p.Modules[c.ProgramID] = nil
		for _, m := range d.Modules {
			if m.Kind == model.ModuleWorkshop {
				p.Modules[c.ProgramID] = append(p.Modules[c.ProgramID], m)
			}
		}
	}
	h.render(w, r, status, "workshop_form", p)
}

func (h *Handler) workshopCreate(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	in, err := workshopInput(r)
	var id int64
	if err == nil {
		if in.FacilitatorID == 0 {
			in.FacilitatorID = actor.PersonID
		}
		id, err = h.core.CreateWorkshop(r.Context(), actor, in)
	}
	h.finish(w, r, err, func(f Form) { h.workshopForm(w, r, http.StatusUnprocessableEntity, 0, f) }, "/workshops/"+itoa(id), "Session scheduled.")
}

func (h *Handler) workshopEdit(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.Workshop(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !d.CanManage {
		h.fail(w, r, model.Forbidden())
		return
	}
	s := d.Session
	cm := ""
	if s.CohortID != 0 {
		cm = itoa(s.CohortID) + ":" + itoa(s.ModuleID)
	}
	h.workshopForm(w, r, http.StatusOK, id, Form{Values: map[string][]string{"title": {s.Title}, "description": {s.Description}, "cohort_module": {cm},
		"starts_at": {localTime(s.StartsAt)}, "ends_at": {localTime(s.EndsAt)}, "place": {s.Place}, "video_url": {s.VideoURL},
		"capacity": {strconv.Itoa(s.Capacity)}, "facilitator_id": {itoa(s.FacilitatorID)}}})
}

func localTime(unix int64) string { return unixTime(unix).Format(model.LocalTimeLayout) }

func (h *Handler) workshopUpdate(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	in, err := workshopInput(r)
	if err == nil {
		err = h.core.UpdateWorkshop(r.Context(), actor, id, in)
	}
	h.finish(w, r, err, func(f Form) { h.workshopForm(w, r, http.StatusUnprocessableEntity, id, f) }, "/workshops/"+itoa(id), "Session saved.")
}

func (h *Handler) workshopRegister(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.RegisterWorkshop(r.Context(), actor, id)
	h.finish(w, r, err, nil, "/workshops/"+itoa(id), "You are registered. Add the session to your calendar below.")
}

func (h *Handler) workshopUnregister(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.UnregisterWorkshop(r.Context(), actor, id)
	h.finish(w, r, err, nil, "/workshops/"+itoa(id), "Your seat is given back.")
}

func (h *Handler) workshopAttendance(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	in := model.AttendanceInput{Attendance: map[int64]model.Attendance{}}
	for k, vs := range r.PostForm {
		if pid, ok := strings.CutPrefix(k, "attendance_"); ok && len(vs) > 0 {
			if n, err := strconv.ParseInt(pid, 10, 64); err == nil {
				in.Attendance[n] = model.Attendance(vs[0])
			}
		}
	}
	err := h.core.RecordAttendance(r.Context(), actor, id, in)
	h.finish(w, r, err, func(f Form) { h.workshopPage(w, r, http.StatusUnprocessableEntity, f) }, "/workshops/"+itoa(id)+"#attendance", "Attendance recorded.")
}

// sendICS writes an iCalendar file.
func sendICS(w http.ResponseWriter, name string, data []byte, download bool) {
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if download {
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, name))
	}
	_, _ = w.Write(data)
}

func (h *Handler) workshopICS(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	var data []byte
	if err == nil {
		data, err = h.core.WorkshopICS(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	sendICS(w, fmt.Sprintf("workshop-%d.ics", id), data, true)
}

// CalendarPage is the personal calendar feed.
type CalendarPage struct {
	Page
	Feed  model.CalendarFeed
	URL   string // the feed's address, shown once after a new token is made
	Token string
}

func (h *Handler) calendar(w http.ResponseWriter, r *http.Request) {
	h.calendarPage(w, r, "")
}

func (h *Handler) calendarPage(w http.ResponseWriter, r *http.Request, token string) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	f, err := h.core.MyCalendarFeed(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &CalendarPage{Page: Page{Title: "Calendar feed", Section: "workshops"}, Feed: f, Token: token}
	if token != "" {
		scheme := "http"
		if h.secure(r) {
			scheme = "https"
		}
		p.URL = scheme + "://" + r.Host + "/calendar/feed.ics?token=" + token
	}
	h.render(w, r, http.StatusOK, "calendar", p)
}

func (h *Handler) calendarToken(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	token, err := h.core.NewCalendarFeed(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// The token is shown on this response only; it is not in the URL or a cookie.
	h.calendarPage(w, r, token)
}

func (h *Handler) calendarRevoke(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	err := h.core.RevokeCalendarFeed(r.Context(), actor)
	h.finish(w, r, err, nil, "/calendar", "The feed is revoked: calendars that subscribed to it get nothing more.")
}

// calendarFeed serves a personal feed to a calendar application: no session, the token
// in the query string is the credential (query strings never reach the access log).
func (h *Handler) calendarFeed(w http.ResponseWriter, r *http.Request) {
	data, err := h.core.CalendarFeedICS(r.Context(), r.URL.Query().Get("token"))
	if err != nil {
		status := http.StatusInternalServerError
		if model.ErrorCodeOf(err) == model.CodeNotFound {
			status = http.StatusNotFound
		} else {
			httpx.Logger(r.Context()).Error("calendar feed", "err", err.Error()) // never the token
		}
		http.Error(w, "This calendar feed does not exist or was revoked.", status)
		return
	}
	sendICS(w, "throughline.ics", data, false)
}
