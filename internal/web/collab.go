package web

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"throughline/internal/core"
	"throughline/internal/model"
)

// Helpers shared by the collaboration pages (initiatives, hackathons, the ideas hub,
// the service corps and the network).

// begin starts a POST handler: the actor, the {id} path value and the parsed form.
func (h *Handler) begin(w http.ResponseWriter, r *http.Request) (model.Actor, int64, bool) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return actor, 0, false
	}
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		h.fail(w, r, err)
		return actor, 0, false
	}
	return actor, id, true
}

// finish ends a POST handler: an invalid input re-renders the page with the form's
// messages (422) when rerender is given; any other error renders the error page;
// success redirects with a flash.
func (h *Handler) finish(w http.ResponseWriter, r *http.Request, err error, rerender func(Form), to, msg string) {
	if model.ErrorCodeOf(err) == model.CodeInvalid && rerender != nil {
		rerender(formFrom(r, err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, to, "success", msg)
}

// formIntChecked reads a whole number; a malformed one adds msg for the field.
func formIntChecked(r *http.Request, name string, v *model.Validator, msg string) int {
	s := strings.TrimSpace(r.PostForm.Get(name))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	v.Check(err == nil, name, msg)
	return n
}

// formFloatChecked reads a number; a malformed one adds msg for the field.
func formFloatChecked(r *http.Request, name string, v *model.Validator, msg string) float64 {
	s := r.PostForm.Get(name)
	if strings.TrimSpace(s) == "" {
		return 0
	}
	x, ok := parseNumber(s)
	v.Check(ok, name, msg)
	return x
}

// withFields merges field messages found while parsing into a core error, so a form
// shows every problem at once.
func withFields(parse *model.Validator, err error) error {
	perr := parse.Err()
	if perr == nil {
		return err
	}
	if model.ErrorCodeOf(err) == model.CodeInvalid {
		for k, m := range model.FieldsOf(err) {
			parse.Add(k, m)
		}
		return parse.Err()
	}
	return perr
}

// CollaboratePage is the front door of collaboration: what is open to join, the ideas
// people are talking about, and the viewer's own reach.
type CollaboratePage struct {
	Page
	Me          *model.Person
	Network     *model.PersonNetwork
	Initiatives []model.Initiative
	Hackathons  []model.Hackathon
	Ideas       []model.Post
	Programs    []model.ServiceProgram
	CanStart    bool
	CanOrganize bool
}

func (h *Handler) collaborate(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	p := &CollaboratePage{Page: Page{Title: "Collaborate", Section: "collab"},
		CanStart: actor.Is(model.RoleManager, model.RoleExecutive, model.RoleHR, model.RoleAdmin), CanOrganize: actor.Is(model.RoleExecutive, model.RoleHR, model.RoleAdmin)}
	if actor.PersonID != 0 {
		me, err := h.core.Me(ctx, actor)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p.Me = &me
		n, err := h.core.PersonNetwork(ctx, actor, actor.PersonID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p.Network = &n
	}
	inits, err := h.core.Initiatives(ctx, actor, model.InitiativeFilter{Open: true, Page: model.Page{Limit: 4}})
	if err == nil {
		p.Initiatives = inits.Items
		p.Hackathons, err = h.core.Hackathons(ctx, actor, model.HackathonFilter{})
	}
	if err == nil {
		var ideas model.List[model.Post]
		ideas, err = h.core.Posts(ctx, actor, model.PostFilter{Sort: "votes", Page: model.Page{Limit: 5}})
		p.Ideas = ideas.Items
	}
	if err == nil {
		p.Programs, err = h.core.ServicePrograms(ctx, actor)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "collaborate", p)
}

// peopleChoices loads the person pickers of a form.
func (h *Handler) peopleChoices(w http.ResponseWriter, r *http.Request, actor model.Actor) (core.PeopleChoices, bool) {
	pc, err := h.core.PeopleChoices(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return pc, false
	}
	return pc, true
}

// formatNum prints a number without trailing zeros.
func formatNum(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }

// unixDay is the UTC date of a Unix instant.
func unixDay(at int64) string { return time.Unix(at, 0).UTC().Format("2006-01-02") }
