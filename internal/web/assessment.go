package web

import (
	"net/http"

	"throughline/internal/core"
	"throughline/internal/model"
)

// Competency and 360 pages: the framework, the 360 hub, answering, results, and the
// development plan.

// CompetenciesPage is the competency framework.
type CompetenciesPage struct {
	Page
	Competencies []model.Competency
}

func (h *Handler) competencies(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.requireActor(w, r); !ok {
		return
	}
	h.render(w, r, http.StatusOK, "competencies", &CompetenciesPage{Page: Page{Title: "Leadership competencies", Section: "assessments"}, Competencies: model.Competencies})
}

// AssessmentsPage is the 360 hub.
type AssessmentsPage struct {
	Page
	core.AssessmentsHub
	Me   int64
	Form Form
}

func (h *Handler) assessments(w http.ResponseWriter, r *http.Request) {
	h.assessmentsPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) assessmentsPage(w http.ResponseWriter, r *http.Request, status int, f Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	hub, err := h.core.Assessments(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if f.Values == nil {
		f.Values = map[string][]string{"closes_on": {addDaysISO(hub.Today, 14)}, "subject_id": {itoa(actor.PersonID)}}
	}
	h.render(w, r, status, "assessments", &AssessmentsPage{Page: Page{Title: "360 feedback", Section: "assessments"}, AssessmentsHub: hub, Me: actor.PersonID, Form: f})
}

func addDaysISO(day string, n int) string {
	t, err := parseDay(day)
	if err != nil {
		return day
	}
	return t.AddDate(0, 0, n).Format("2006-01-02")
}

func (h *Handler) assessmentStart(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	subject := formID(r, "subject_id")
	if subject == 0 {
		subject = formID(r, "subject_other")
	}
	id, err := h.core.StartAssessment(r.Context(), actor, model.AssessmentInput{SubjectID: subject, Title: r.PostForm.Get("title"), ClosesOn: r.PostForm.Get("closes_on"),
		PeerIDs: idList(r.PostForm.Get("peer_list"))})
	h.finish(w, r, err, func(f Form) { h.assessmentsPage(w, r, http.StatusUnprocessableEntity, f) }, "/assessments/"+itoa(id), "The 360 is open. The people asked see it on their 360 page.")
}

// AssessmentPage is a 360 for its readers: open, or with its results.
type AssessmentPage struct {
	Page
	core.AssessmentDetail
}

func (h *Handler) assessment(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.Assessment(r.Context(), actor, id)
	if model.ErrorCodeOf(err) == model.CodeNotFound {
		// A rater who may not read the results is sent to the form instead.
		if _, ferr := h.core.AssessmentToAnswer(r.Context(), actor, id); ferr == nil {
			http.Redirect(w, r, "/assessments/"+itoa(id)+"/answer", http.StatusSeeOther)
			return
		}
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "assessment", &AssessmentPage{Page: Page{Title: d.Assessment.Title, Section: "assessments"}, AssessmentDetail: d})
}

func (h *Handler) assessmentClose(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.CloseAssessment(r.Context(), actor, id)
	h.finish(w, r, err, nil, "/assessments/"+itoa(id), "Closed. The results are below.")
}

// AssessmentAnswerPage is the form a rater answers.
type AssessmentAnswerPage struct {
	Page
	core.AssessmentForm
	Form Form
}

func (h *Handler) assessmentAnswer(w http.ResponseWriter, r *http.Request) {
	h.assessmentAnswerPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) assessmentAnswerPage(w http.ResponseWriter, r *http.Request, status int, f Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	form, err := h.core.AssessmentToAnswer(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "assessment_answer", &AssessmentAnswerPage{Page: Page{Title: "360 for " + form.Assessment.SubjectName, Section: "assessments"}, AssessmentForm: form, Form: f})
}

func (h *Handler) assessmentSubmit(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	in := model.RatingsInput{Ratings: map[string]int{}}
	var v model.Validator
	for _, c := range model.Competencies {
		if s := r.PostForm.Get("r_" + c.Key); s != "" && s != "0" {
			n, ok := model.ParseLevel(s)
			v.Check(ok, c.Key, "Choose a level from 1 to 5.")
			in.Ratings[c.Key] = n
		}
	}
	err := v.Err()
	if err == nil {
		err = h.core.SubmitRatings(r.Context(), actor, id, in)
	}
	h.finish(w, r, err, func(f Form) { h.assessmentAnswerPage(w, r, http.StatusUnprocessableEntity, f) }, "/assessments", "Thank you. Your answers are in.")
}

// DevPlanPage is a development plan.
type DevPlanPage struct {
	Page
	Plan   model.DevPlan
	Period string
	Form   Form
}

func (h *Handler) devPlan(w http.ResponseWriter, r *http.Request) {
	h.devPlanPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) devPlanPage(w http.ResponseWriter, r *http.Request, status int, f Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	pid := queryID(r, "person")
	if pid == 0 {
		pid = formID(r, "person_id")
	}
	if pid == 0 {
		pid = actor.PersonID
	}
	p, err := h.core.DevelopmentPlan(r.Context(), actor, pid)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "dev_plan", &DevPlanPage{Page: Page{Title: "Development plan", Section: "devplan"}, Plan: p,
		Period: model.CurrentQuarter(h.core.Now()), Form: f})
}

func (h *Handler) devPlanGoal(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	pid := formID(r, "person_id")
	gid, err := h.core.AddPlanGoal(r.Context(), actor, pid, model.PlanGoalInput{Competency: r.PostForm.Get("competency"), Title: r.PostForm.Get("title"),
		ModuleID: formID(r, "module_id"), Period: r.PostForm.Get("period")})
	h.finish(w, r, err, func(f Form) { h.devPlanPage(w, r, http.StatusUnprocessableEntity, f) }, "/goals/"+itoa(gid), "The goal is in your goals, linked to the module.")
}
