package web

import (
	"net/http"
	"strings"

	"throughline/internal/core"
	"throughline/internal/model"
)

// DirectoryPage is the searchable people directory.
type DirectoryPage struct {
	Page
	Query        string
	DepartmentID int64
	LocationID   int64
	Inactive     bool
	Results      model.List[model.Person]
	Departments  []model.Department
	Locations    []model.Location
}

func (h *Handler) directory(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	q := r.URL.Query()
	p := &DirectoryPage{Page: Page{Title: "People", Section: "people"},
		Query: strings.TrimSpace(q.Get("q")), DepartmentID: queryID(r, "department"), LocationID: queryID(r, "location"),
		Inactive: q.Get("inactive") == "1"}
	var err error
	p.Results, err = h.core.Directory(ctx, actor, model.PersonFilter{
		Query: p.Query, DepartmentID: p.DepartmentID, LocationID: p.LocationID, IncludeInactive: p.Inactive,
		Page: model.Page{Limit: 25, Offset: queryInt(r, "offset", 0)},
	})
	if err == nil {
		p.Departments, err = h.core.Departments(ctx, actor)
	}
	if err == nil {
		p.Locations, err = h.core.Locations(ctx, actor)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "people", p)
}

// PersonPage is one person.
type PersonPage struct {
	Page
	core.PersonDetail
	CanManage bool
	Purpose   *model.PersonalPurpose // when the person shared it with the viewer
}

func (h *Handler) person(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.core.Person(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &PersonPage{Page: Page{Title: d.Person.Name, Section: "people"}, PersonDetail: d, CanManage: actor.SeesEveryone()}
	if d.Person.ID != actor.PersonID {
		// Shown only when the person shared it with the viewer; a refusal is the norm.
		if pp, err := h.core.PersonalPurposeOf(r.Context(), actor, d.Person.ID); err == nil && pp.Statement != "" {
			p.Purpose = &pp
		} else if err != nil && model.ErrorCodeOf(err) != model.CodeForbidden {
			h.fail(w, r, err)
			return
		}
	}
	if d.Person.ID == actor.PersonID {
		p.Section = "home"
	}
	h.render(w, r, http.StatusOK, "person", p)
}

func (h *Handler) setMiddleManager(w http.ResponseWriter, r *http.Request) {
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
	var v *bool
	switch r.PostForm.Get("override") {
	case "yes":
		t := true
		v = &t
	case "no":
		f := false
		v = &f
	}
	if err := h.core.SetMiddleManagerOverride(r.Context(), actor, id, v); err != nil {
		h.fail(w, r, err)
		return
	}
	h.redirect(w, r, "/people/"+itoa(id), "success", "Middle-manager status updated.")
}

// TeamPage is a manager and their direct reports.
type TeamPage struct {
	Page
	core.Team
}

func (h *Handler) team(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	t, err := h.core.Team(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	section := "people"
	if id == actor.PersonID {
		section = "team"
	}
	h.render(w, r, http.StatusOK, "team", &TeamPage{Page: Page{Title: "Team of " + t.Manager.Name, Section: section}, Team: t})
}

// OrgPage is the org chart from a root.
type OrgPage struct {
	Page
	Roots []*model.OrgNode
	Chain []model.Person
	Root  int64
}

func (h *Handler) orgChart(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	root := queryID(r, "root")
	roots, chain, err := h.core.OrgChart(r.Context(), actor, root, 2)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "org", &OrgPage{Page: Page{Title: "Org chart", Section: "org", Wide: true}, Roots: roots, Chain: chain, Root: root})
}
