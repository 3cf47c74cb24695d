package api

import (
	"net/http"
	"strconv"

	"throughline/internal/httpx"
	"throughline/internal/model"
)

// Shared pieces of the collaboration API (initiatives, hackathons, ideas, the service
// corps and the network).

// MemberRef is a person as collaboration responses show them: directory fields only.
type MemberRef struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	Title      string `json:"title,omitempty"`
	Department string `json:"department,omitempty"`
	Location   string `json:"location,omitempty"`
}

func memberRef(p model.Person) MemberRef {
	return MemberRef{ID: p.ID, Name: p.Name, Title: p.Title, Department: p.DepartmentName, Location: p.LocationName}
}

func memberRefs(ps []model.Person) []MemberRef {
	out := make([]MemberRef, 0, len(ps))
	for _, p := range ps {
		out = append(out, memberRef(p))
	}
	return out
}

// CountBody is a named count: one group of a team's mix.
type CountBody struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// MixBody is a team's mix of departments, locations and levels.
type MixBody struct {
	Size             int         `json:"size"`
	Departments      []CountBody `json:"departments"`
	Locations        []CountBody `json:"locations"`
	Levels           []CountBody `json:"levels"`
	SingleDepartment bool        `json:"single_department"`
}

func counts(cs []model.MixCount) []CountBody {
	out := make([]CountBody, 0, len(cs))
	for _, c := range cs {
		out = append(out, CountBody{Name: c.Name, Count: c.Count})
	}
	return out
}

func mixBody(m model.TeamMix) MixBody {
	return MixBody{Size: m.Size, Departments: counts(m.Departments), Locations: counts(m.Locations), Levels: counts(m.Levels), SingleDepartment: m.SingleDepartment}
}

// ObjectiveRefBody names an objective.
type ObjectiveRefBody struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
}

// decode reads a JSON request body into dst; it fails the request and returns false on
// error.
func (h *Handler) decode(w http.ResponseWriter, r *http.Request, dst any) bool {
	if err := httpx.DecodeJSON(w, r, dst, 0); err != nil {
		h.fail(w, r, err)
		return false
	}
	return true
}

// start reads the actor and the {id} path value.
func (h *Handler) start(w http.ResponseWriter, r *http.Request, what string) (model.Actor, int64, bool) {
	a, ok := actor(w, r)
	if !ok {
		return a, 0, false
	}
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, model.NotFound(what))
		return a, 0, false
	}
	return a, id, true
}

// done writes 204 on success, or the error.
func (h *Handler) done(w http.ResponseWriter, r *http.Request, err error) {
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// created writes 201 with the new id, or the error.
func (h *Handler) created(w http.ResponseWriter, r *http.Request, id int64, err error) {
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, DataBody[IDBody]{Data: IDBody{ID: id}})
}

// boolParam reads a boolean query parameter ("1", "true").
func boolParam(r *http.Request, name string) bool {
	v, _ := strconv.ParseBool(r.URL.Query().Get(name))
	return v
}
