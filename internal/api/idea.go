package api

import (
	"net/http"

	"throughline/internal/httpx"
	"throughline/internal/model"
)

// PostBody is an idea, a best practice or a story of the hub.
type PostBody struct {
	ID            int64             `json:"id"`
	Kind          string            `json:"kind"`
	Title         string            `json:"title"`
	Body          string            `json:"body"`
	Author        MemberRef         `json:"author"`
	CoAuthors     []MemberRef       `json:"coauthors,omitempty"`
	TeamManagerID int64             `json:"team_manager_id,omitempty"`
	Objective     *ObjectiveRefBody `json:"objective,omitempty"`
	Status        string            `json:"status"`
	DeclineReason string            `json:"decline_reason,omitempty"`
	AdoptedOn     string            `json:"adopted_on,omitempty"`
	ImplementedOn string            `json:"implemented_on,omitempty"`
	Tags          []string          `json:"tags"`
	Votes         int               `json:"votes"`
	Voted         bool              `json:"voted"`
	Comments      int               `json:"comment_count"`
	Adoptions     int               `json:"adoption_count"`
	CreatedAt     int64             `json:"created_at"`
	Thread        []CommentBody     `json:"comments,omitempty"`
	AdoptedBy     []AdoptionBody    `json:"adopted_by,omitempty"`
}

// CommentBody is a comment with its replies.
type CommentBody struct {
	ID        int64         `json:"id"`
	Author    MemberRef     `json:"author"`
	Body      string        `json:"body"`
	CreatedAt int64         `json:"created_at"`
	Replies   []CommentBody `json:"replies,omitempty"`
}

// AdoptionBody is a team that adopted a best practice.
type AdoptionBody struct {
	TeamManager MemberRef `json:"team_manager"`
	AdoptedOn   string    `json:"adopted_on"`
	Note        string    `json:"note,omitempty"`
}

func postBody(p model.Post) PostBody {
	b := PostBody{ID: p.ID, Kind: string(p.Kind), Title: p.Title, Body: p.Body, Author: MemberRef{ID: p.AuthorID, Name: p.AuthorName, Department: p.AuthorDept},
		TeamManagerID: p.TeamManagerID, Status: string(p.Status), DeclineReason: p.DeclineReason, AdoptedOn: p.AdoptedOn, ImplementedOn: p.ImplementedOn,
		Tags: p.Tags, Votes: p.Votes, Voted: p.Voted, Comments: p.CommentCount, Adoptions: p.AdoptionCount, CreatedAt: p.CreatedAt}
	if b.Tags == nil {
		b.Tags = []string{}
	}
	if p.ObjectiveID != 0 {
		b.Objective = &ObjectiveRefBody{ID: p.ObjectiveID, Title: p.ObjectiveTitle}
	}
	if len(p.CoAuthors) > 0 {
		b.CoAuthors = memberRefs(p.CoAuthors)
	}
	return b
}

func commentBody(c model.PostComment) CommentBody {
	b := CommentBody{ID: c.ID, Author: MemberRef{ID: c.AuthorID, Name: c.AuthorName}, Body: c.Body, CreatedAt: c.CreatedAt}
	for _, r := range c.Replies {
		b.Replies = append(b.Replies, commentBody(r))
	}
	return b
}

// PostRequest shares or changes a post.
type PostRequest struct {
	Kind        string   `json:"kind"`
	Title       string   `json:"title"`
	Body        string   `json:"body"`
	ObjectiveID int64    `json:"objective_id"`
	Tags        []string `json:"tags"`
	CoAuthorIDs []int64  `json:"coauthor_ids"`
}

func (q PostRequest) input() model.PostInput {
	return model.PostInput{Kind: model.PostKind(q.Kind), Title: q.Title, Body: q.Body, ObjectiveID: q.ObjectiveID, Tags: q.Tags, CoAuthorIDs: q.CoAuthorIDs}
}

// CommentRequest adds a comment, or a reply to a top-level comment.
type CommentRequest struct {
	Body     string `json:"body"`
	ParentID int64  `json:"parent_id"`
}

// PostStatusRequest moves a post through the workflow.
type PostStatusRequest struct {
	Status string `json:"status"`
	Reason string `json:"reason"`
}

// AdoptionRequest records a team adopting a best practice.
type AdoptionRequest struct {
	TeamManagerID int64  `json:"team_manager_id"`
	AdoptedOn     string `json:"adopted_on"`
	Note          string `json:"note"`
}

// InnovationBody is one team's innovation in a quarter.
type InnovationBody struct {
	ManagerID        int64  `json:"manager_id"`
	Manager          string `json:"manager"`
	Department       string `json:"department,omitempty"`
	Quarter          string `json:"quarter"`
	ImplementedIdeas int    `json:"implemented_ideas"`
	AdoptedPractices int    `json:"adopted_practices"`
}

func (h *Handler) posts(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	page, err := pageOf(r)
	f := model.PostFilter{Kind: model.PostKind(q.Get("kind")), Status: model.PostStatus(q.Get("status")), Tag: q.Get("tag"), Query: q.Get("q"), Sort: q.Get("sort"), Page: page}
	if err == nil && f.Kind != "" && !f.Kind.Valid() {
		err = &model.Error{Code: model.CodeInvalid, Message: "kind must be idea, practice or story.", Fields: map[string]string{"kind": "Unknown kind."}}
	}
	if err == nil && f.Status != "" && !f.Status.Valid() {
		err = &model.Error{Code: model.CodeInvalid, Message: "status must be new, under_review, adopted, implemented or declined.", Fields: map[string]string{"status": "Unknown status."}}
	}
	if err == nil && f.Sort != "" && f.Sort != "votes" && f.Sort != "recent" {
		err = &model.Error{Code: model.CodeInvalid, Message: "sort must be recent or votes.", Fields: map[string]string{"sort": "Unknown order."}}
	}
	if err == nil {
		f.AuthorID, err = idParam(r, "author_id")
	}
	var l model.List[model.Post]
	if err == nil {
		l, err = h.core.Posts(r.Context(), a, f)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, listOf(l, postBody))
}

func (h *Handler) post(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "post")
	if !ok {
		return
	}
	h.writePost(w, r, a, id, http.StatusOK)
}

func (h *Handler) writePost(w http.ResponseWriter, r *http.Request, a model.Actor, id int64, status int) {
	d, err := h.core.Post(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := postBody(d.Post)
	for _, c := range d.Comments {
		b.Thread = append(b.Thread, commentBody(c))
	}
	for _, ad := range d.Adoptions {
		b.AdoptedBy = append(b.AdoptedBy, AdoptionBody{TeamManager: MemberRef{ID: ad.TeamManagerID, Name: ad.TeamManagerName, Department: ad.Department}, AdoptedOn: ad.AdoptedOn, Note: ad.Note})
	}
	httpx.WriteJSON(w, status, DataBody[PostBody]{Data: b})
}

func (h *Handler) createPost(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var req PostRequest
	if !h.decode(w, r, &req) {
		return
	}
	id, err := h.core.CreatePost(r.Context(), a, req.input())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writePost(w, r, a, id, http.StatusCreated)
}

func (h *Handler) updatePost(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "post")
	if !ok {
		return
	}
	var req PostRequest
	if !h.decode(w, r, &req) {
		return
	}
	if err := h.core.UpdatePost(r.Context(), a, id, req.input()); err != nil {
		h.fail(w, r, err)
		return
	}
	h.writePost(w, r, a, id, http.StatusOK)
}

func (h *Handler) putPostVote(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "post")
	if !ok {
		return
	}
	h.done(w, r, h.core.VotePost(r.Context(), a, id, true))
}

func (h *Handler) deletePostVote(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "post")
	if !ok {
		return
	}
	h.done(w, r, h.core.VotePost(r.Context(), a, id, false))
}

func (h *Handler) addComment(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "post")
	if !ok {
		return
	}
	var req CommentRequest
	if !h.decode(w, r, &req) {
		return
	}
	cid, err := h.core.CommentOnPost(r.Context(), a, id, model.CommentInput{Body: req.Body, ParentID: req.ParentID})
	h.created(w, r, cid, err)
}

func (h *Handler) movePost(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "post")
	if !ok {
		return
	}
	var req PostStatusRequest
	if !h.decode(w, r, &req) {
		return
	}
	if err := h.core.MovePost(r.Context(), a, id, model.PostStatusInput{Status: model.PostStatus(req.Status), Reason: req.Reason}); err != nil {
		h.fail(w, r, err)
		return
	}
	h.writePost(w, r, a, id, http.StatusOK)
}

func (h *Handler) addAdoption(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "post")
	if !ok {
		return
	}
	var req AdoptionRequest
	if !h.decode(w, r, &req) {
		return
	}
	if err := h.core.RecordAdoption(r.Context(), a, id, model.AdoptionInput{TeamManagerID: req.TeamManagerID, AdoptedOn: req.AdoptedOn, Note: req.Note}); err != nil {
		h.fail(w, r, err)
		return
	}
	h.writePost(w, r, a, id, http.StatusCreated)
}

func (h *Handler) innovation(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	quarter := r.URL.Query().Get("quarter")
	if quarter == "" {
		quarter = model.CurrentQuarter(h.core.Now())
	}
	cs, err := h.core.InnovationCounts(r.Context(), a, quarter)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := ListBody[InnovationBody]{Data: []InnovationBody{}, Page: PageBody{Limit: len(cs), Total: len(cs)}}
	for _, c := range cs {
		out.Data = append(out.Data, InnovationBody{ManagerID: c.ManagerID, Manager: c.ManagerName, Department: c.DepartmentName, Quarter: c.Quarter,
			ImplementedIdeas: c.ImplementedIdeas, AdoptedPractices: c.AdoptedPractices})
	}
	httpx.WriteJSON(w, http.StatusOK, out)
}
