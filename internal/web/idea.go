package web

import (
	"net/http"
	"strings"

	"throughline/internal/core"
	"throughline/internal/model"
)

// IdeasPage is the ideas and best-practice hub: search and filters.
type IdeasPage struct {
	Page
	Filter   model.PostFilter
	Results  model.List[model.Post]
	Tags     []model.TagCount
	Kinds    []model.PostKind
	Statuses []model.PostStatus
	Mine     bool
}

func (h *Handler) ideas(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	f := model.PostFilter{Kind: model.PostKind(q.Get("kind")), Status: model.PostStatus(q.Get("status")), Tag: strings.TrimSpace(q.Get("tag")),
		Query: strings.TrimSpace(q.Get("q")), Sort: q.Get("sort"), Page: model.Page{Limit: 20, Offset: queryInt(r, "offset", 0)}}
	if !f.Kind.Valid() {
		f.Kind = ""
	}
	if !f.Status.Valid() {
		f.Status = ""
	}
	if f.Sort != "votes" {
		f.Sort = ""
	}
	p := &IdeasPage{Page: Page{Title: "Ideas and best practices", Section: "collab"}, Kinds: model.PostKinds, Statuses: model.PostStatuses}
	if q.Get("mine") == "1" && actor.PersonID != 0 {
		f.AuthorID, p.Mine = actor.PersonID, true
	}
	p.Filter = f
	var err error
	if p.Results, err = h.core.Posts(r.Context(), actor, f); err == nil {
		p.Tags, err = h.core.TopTags(r.Context(), actor, 16)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "ideas", p)
}

// IdeaPage is one post with its comments, workflow and adoptions.
type IdeaPage struct {
	Page
	core.PostDetail
	Forms map[string]Form
}

func (h *Handler) ideaPage(w http.ResponseWriter, r *http.Request, status int, forms map[string]Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.Post(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if forms == nil {
		forms = map[string]Form{}
	}
	if _, ok := forms["adopt"]; !ok {
		forms["adopt"] = Form{Values: map[string][]string{"adopted_on": {h.core.Now().Format("2006-01-02")}}}
	}
	h.render(w, r, status, "idea", &IdeaPage{Page: Page{Title: d.Title, Section: "collab"}, PostDetail: d, Forms: forms})
}

func (h *Handler) idea(w http.ResponseWriter, r *http.Request) { h.ideaPage(w, r, http.StatusOK, nil) }

// IdeaFormPage shares or edits a post.
type IdeaFormPage struct {
	Page
	ID         int64
	Form       Form
	Kinds      []model.PostKind
	Objectives []model.Objective
	People     core.PeopleChoices
}

func postInput(r *http.Request) model.PostInput {
	return model.PostInput{Kind: model.PostKind(r.PostForm.Get("kind")), Title: r.PostForm.Get("title"), Body: r.PostForm.Get("body"),
		ObjectiveID: formID(r, "objective_id"), Tags: model.SplitList(r.PostForm.Get("tags")), CoAuthorIDs: formIDs(r, "coauthor_ids")}
}

func (h *Handler) ideaForm(w http.ResponseWriter, r *http.Request, status int, id int64, form Form) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	objectives, err := h.core.Objectives(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	people, ok := h.peopleChoices(w, r, actor)
	if !ok {
		return
	}
	title := "Share an idea"
	if id != 0 {
		title = "Edit post"
	}
	h.render(w, r, status, "idea_form", &IdeaFormPage{Page: Page{Title: title, Section: "collab"}, ID: id, Form: form, Kinds: model.PostKinds, Objectives: objectives, People: people})
}

func (h *Handler) ideaNew(w http.ResponseWriter, r *http.Request) {
	kind := r.URL.Query().Get("kind")
	if !model.PostKind(kind).Valid() {
		kind = string(model.KindIdea)
	}
	h.ideaForm(w, r, http.StatusOK, 0, Form{Values: map[string][]string{"kind": {kind}}})
}

func (h *Handler) ideaCreate(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if err := parseForm(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	id, err := h.core.CreatePost(r.Context(), actor, postInput(r))
	h.finish(w, r, err, func(f Form) { h.ideaForm(w, r, http.StatusUnprocessableEntity, 0, f) }, "/ideas/"+itoa(id), "Shared. Colleagues can now vote and comment.")
}

func (h *Handler) ideaEdit(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.Post(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !d.CanEdit {
		h.fail(w, r, model.Forbidden())
		return
	}
	v := map[string][]string{"kind": {string(d.Kind)}, "title": {d.Title}, "body": {d.Body}, "objective_id": {itoa(d.ObjectiveID)}, "tags": {strings.Join(d.Tags, ", ")}}
	for _, c := range d.CoAuthors {
		v["coauthor_ids"] = append(v["coauthor_ids"], itoa(c.ID))
	}
	h.ideaForm(w, r, http.StatusOK, id, Form{Values: v})
}

func (h *Handler) ideaUpdate(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.UpdatePost(r.Context(), actor, id, postInput(r))
	h.finish(w, r, err, func(f Form) { h.ideaForm(w, r, http.StatusUnprocessableEntity, id, f) }, "/ideas/"+itoa(id), "Saved.")
}

func (h *Handler) ideaVote(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	on := r.PostForm.Get("vote") != "0"
	err := h.core.VotePost(r.Context(), actor, id, on)
	msg := "Thanks for your vote."
	if !on {
		msg = "Vote withdrawn."
	}
	back := "/ideas/" + itoa(id)
	if from := r.PostForm.Get("from"); from == "list" {
		back = "/ideas"
		if q := r.PostForm.Get("query"); q != "" && strings.HasPrefix(q, "?") {
			back += q
		}
	}
	h.finish(w, r, err, nil, back, msg)
}

func (h *Handler) ideaComment(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	parent := formID(r, "parent_id")
	_, err := h.core.CommentOnPost(r.Context(), actor, id, model.CommentInput{Body: r.PostForm.Get("body"), ParentID: parent})
	key := "comment"
	if parent != 0 {
		key = "reply-" + itoa(parent)
	}
	h.finish(w, r, err, func(f Form) { h.ideaPage(w, r, http.StatusUnprocessableEntity, map[string]Form{key: f}) }, "/ideas/"+itoa(id)+"#comments", "Comment posted.")
}

func (h *Handler) ideaStatus(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	to := model.PostStatus(r.PostForm.Get("status"))
	err := h.core.MovePost(r.Context(), actor, id, model.PostStatusInput{Status: to, Reason: r.PostForm.Get("reason")})
	h.finish(w, r, err, func(f Form) { h.ideaPage(w, r, http.StatusUnprocessableEntity, map[string]Form{"status": f}) }, "/ideas/"+itoa(id), "Status changed to "+to.Label()+".")
}

func (h *Handler) ideaAdopt(w http.ResponseWriter, r *http.Request) {
	actor, id, ok := h.begin(w, r)
	if !ok {
		return
	}
	err := h.core.RecordAdoption(r.Context(), actor, id, model.AdoptionInput{TeamManagerID: formID(r, "team_manager_id"), AdoptedOn: r.PostForm.Get("adopted_on"), Note: r.PostForm.Get("note")})
	h.finish(w, r, err, func(f Form) { h.ideaPage(w, r, http.StatusUnprocessableEntity, map[string]Form{"adopt": f}) }, "/ideas/"+itoa(id)+"#adoptions", "Adoption recorded. It counts towards your team's innovation.")
}
