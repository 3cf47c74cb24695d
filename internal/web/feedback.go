package web

import (
	"net/http"

	"throughline/internal/model"
)

// FeedbackPage is the viewer's feedback: give, ask, read.
type FeedbackPage struct {
	Page
	model.FeedbackInbox
	Form      Form
	AskForm   Form
	People    []model.Person
	Answering *model.FeedbackRequest // the request being answered, from ?request=
}

func (h *Handler) feedbackPage(w http.ResponseWriter, r *http.Request, status int, form, ask Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	in, err := h.core.Feedback(ctx, actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &FeedbackPage{Page: Page{Title: "Feedback", Section: "feedback"}, FeedbackInbox: in, Form: form, AskForm: ask}
	l, err := h.core.Directory(ctx, actor, model.PersonFilter{Page: model.Page{Limit: model.MaxLimit}})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, x := range l.Items {
		if x.ID != actor.PersonID {
			p.People = append(p.People, x)
		}
	}
	if rid := queryID(r, "request"); rid != 0 {
		for i := range in.Waiting {
			if in.Waiting[i].ID == rid {
				p.Answering = &in.Waiting[i]
			}
		}
	}
	h.render(w, r, status, "feedback", p)
}

func (h *Handler) feedback(w http.ResponseWriter, r *http.Request) {
	h.feedbackPage(w, r, http.StatusOK, Form{}, Form{})
}

func (h *Handler) giveFeedback(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	f := r.PostForm
	_, err := h.core.GiveFeedback(r.Context(), actor, model.FeedbackInput{ToID: formID(r, "to_id"), Visibility: model.FeedbackVisibility(f.Get("visibility")),
		Text: f.Get("text"), ValueID: formID(r, "value_id"), Competency: f.Get("competency"), RequestID: formID(r, "request_id")})
	switch model.ErrorCodeOf(err) {
	case "":
		msg := "Feedback sent."
		if f.Get("visibility") == string(model.FeedbackPublic) {
			msg = "Praise shared with everyone."
		}
		h.redirect(w, r, "/feedback", "success", msg)
	case model.CodeInvalid:
		h.feedbackPage(w, r, http.StatusUnprocessableEntity, formFrom(r, err), Form{})
	case model.CodeConflict:
		h.redirect(w, r, "/feedback", "error", model.ErrorMessageOf(err))
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) requestFeedback(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	_, err := h.core.RequestFeedback(r.Context(), actor, model.FeedbackRequestInput{ToID: formID(r, "ask_to_id"), Message: r.PostForm.Get("message")})
	switch model.ErrorCodeOf(err) {
	case "":
		h.redirect(w, r, "/feedback", "success", "Request sent.")
	case model.CodeInvalid:
		h.feedbackPage(w, r, http.StatusUnprocessableEntity, Form{}, formFrom(r, err))
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) declineFeedback(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = h.core.DeclineFeedbackRequest(r.Context(), actor, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/feedback", "info", "Request declined.")
}
