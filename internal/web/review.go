package web

import (
	"net/http"
	"time"

	"throughline/internal/core"
	"throughline/internal/model"
)

// ReviewsPage lists the viewer's reviews and, for hr and admin, the cycles.
type ReviewsPage struct {
	Page
	Mine   core.MyReviews
	Cycles []model.ReviewCycle
	CanRun bool
	Form   Form
	Period string // the default period of a new cycle
}

// Default returns a submitted value, or the default of a new cycle's field.
func (p *ReviewsPage) Default(name string) string {
	if p.Form.Values != nil {
		return p.Form.Value(name)
	}
	today := time.Now().UTC()
	switch name {
	case "name":
		return model.QuarterLabel(p.Period) + " reviews"
	case "period":
		return p.Period
	case "self_due":
		return today.AddDate(0, 0, 14).Format("2006-01-02")
	case "manager_due":
		return today.AddDate(0, 0, 28).Format("2006-01-02")
	case "signoff_due":
		return today.AddDate(0, 0, 42).Format("2006-01-02")
	}
	return ""
}

func (h *Handler) reviewsPage(w http.ResponseWriter, r *http.Request, status int, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	p := &ReviewsPage{Page: Page{Title: "Reviews", Section: "reviews"}, CanRun: actor.Is(model.RoleAdmin, model.RoleHR), Form: form, Period: h.core.DefaultPeriod()}
	var err error
	if p.Mine, err = h.core.Reviews(ctx, actor); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.CanRun {
		if p.Cycles, err = h.core.ReviewCycles(ctx, actor); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.render(w, r, status, "reviews", p)
}

func (h *Handler) reviews(w http.ResponseWriter, r *http.Request) {
	h.reviewsPage(w, r, http.StatusOK, Form{})
}

func (h *Handler) createReviewCycle(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	f := r.PostForm
	cy, err := h.core.CreateReviewCycle(r.Context(), actor, model.ReviewCycleInput{Name: f.Get("name"), Period: f.Get("period"),
		SelfDue: f.Get("self_due"), ManagerDue: f.Get("manager_due"), SignoffDue: f.Get("signoff_due")})
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		h.reviewsPage(w, r, http.StatusUnprocessableEntity, formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/reviews/cycles/"+itoa(cy.ID), "success", "Cycle created with "+itoa(int64(cy.Total))+" reviews in draft. Open it when you are ready.")
}

// ReviewCyclePage is one cycle with the progress of its reviews.
type ReviewCyclePage struct {
	Page
	core.ReviewCycleDetail
}

func (h *Handler) reviewCycle(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	var d core.ReviewCycleDetail
	if err == nil {
		d, err = h.core.ReviewCycle(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "review_cycle", &ReviewCyclePage{Page: Page{Title: d.Cycle.Name, Section: "reviews"}, ReviewCycleDetail: d})
}

func (h *Handler) reviewCycleAction(open bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		actor, ok := h.requireActor(w, r)
		if !ok {
			return
		}
		id, err := pathID(r, "id")
		if err == nil {
			if open {
				err = h.core.OpenReviewCycle(r.Context(), actor, id)
			} else {
				err = h.core.CloseReviewCycle(r.Context(), actor, id)
			}
		}
		if model.ErrorCodeOf(err) == model.CodeConflict {
			h.redirect(w, r, "/reviews/cycles/"+itoa(id), "error", model.ErrorMessageOf(err))
			return
		}
		if err != nil {
			h.fail(w, r, err)
			return
		}
		msg := "Cycle opened: everyone can write their self review."
		if !open {
			msg = "Cycle closed: its scorecards are frozen as they stand."
		}
		h.redirect(w, r, "/reviews/cycles/"+itoa(id), "success", msg)
	}
}

// ReviewPage is one review with every section.
type ReviewPage struct {
	Page
	model.ReviewDetail
	Form    Form
	Formula bool
}

func (h *Handler) reviewPage(w http.ResponseWriter, r *http.Request, status int, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	var d model.ReviewDetail
	if err == nil {
		d, err = h.core.Review(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	title := "Review of " + d.Review.PersonName
	if d.Party == model.PartyPerson {
		title = "Your review"
	}
	h.render(w, r, status, "review", &ReviewPage{Page: Page{Title: title + " · " + d.Review.CycleName, Section: "reviews"}, ReviewDetail: d, Form: form})
}

func (h *Handler) review(w http.ResponseWriter, r *http.Request) {
	h.reviewPage(w, r, http.StatusOK, Form{})
}

// saveReviewText saves the self or manager review, and submits it when asked.
func (h *Handler) saveReviewText(which string) http.HandlerFunc {
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
		field := which + "_text"
		err = h.core.SaveReviewText(r.Context(), actor, id, which, model.ReviewTextInput{Text: r.PostForm.Get(field)})
		msg := "Draft saved. Only you can read it until you submit it."
		if err == nil && r.PostForm.Get("action") == "submit" {
			step := model.StepSubmitSelf
			if which == "manager" {
				step = model.StepSubmitManager
			}
			_, err = h.core.AdvanceReview(r.Context(), actor, id, step)
			msg = "Submitted. Your manager can now read your self review."
			if which == "manager" {
				msg = "Submitted. The review moves to your discussion together."
			}
		}
		switch model.ErrorCodeOf(err) {
		case "":
			h.redirect(w, r, "/reviews/"+itoa(id), "success", msg)
		case model.CodeInvalid:
			h.reviewPage(w, r, http.StatusUnprocessableEntity, formFrom(r, err))
		case model.CodeConflict:
			h.redirect(w, r, "/reviews/"+itoa(id), "error", model.ErrorMessageOf(err))
		default:
			h.fail(w, r, err)
		}
	}
}

func (h *Handler) reviewStep(w http.ResponseWriter, r *http.Request) {
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
	step := model.ReviewStep(r.PostForm.Get("step"))
	if step != model.StepSign && step != model.StepReturn {
		h.fail(w, r, model.NotFound("step"))
		return
	}
	state, err := h.core.AdvanceReview(r.Context(), actor, id, step)
	if model.ErrorCodeOf(err) == model.CodeConflict {
		h.redirect(w, r, "/reviews/"+itoa(id), "error", model.ErrorMessageOf(err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	msg := "Returned for more work on the self review."
	if step == model.StepSign {
		msg = "Signed. The review is signed off once you have both signed."
		if state == model.ReviewSignedOff {
			msg = "Signed off by you both."
		}
	}
	h.redirect(w, r, "/reviews/"+itoa(id), "success", msg)
}

func (h *Handler) addReviewAction(w http.ResponseWriter, r *http.Request) {
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
	err = h.core.AddReviewAction(r.Context(), actor, id, model.ReviewActionInput{Text: r.PostForm.Get("text"), OwnerID: formID(r, "owner_id"), DueOn: r.PostForm.Get("due_on")})
	switch model.ErrorCodeOf(err) {
	case "":
		h.redirect(w, r, "/reviews/"+itoa(id)+"#actions", "success", "Action agreed.")
	case model.CodeInvalid:
		h.reviewPage(w, r, http.StatusUnprocessableEntity, formFrom(r, err))
	case model.CodeConflict:
		h.redirect(w, r, "/reviews/"+itoa(id), "error", model.ErrorMessageOf(err))
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) reviewActionDone(w http.ResponseWriter, r *http.Request) {
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
		err = h.core.SetReviewActionDone(r.Context(), actor, id, aid, r.PostForm.Get("done") == "1")
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/reviews/"+itoa(id)+"#actions", "", "")
}
