package api

import (
	"net/http"

	"throughline/internal/core"
	"throughline/internal/httpx"
	"throughline/internal/model"
)

// MeasureBody is a person's place in the collaboration network (see
// model.NetworkMeasure for the definitions).
type MeasureBody struct {
	PersonID            int64    `json:"person_id"`
	Name                string   `json:"name"`
	Department          string   `json:"department,omitempty"`
	MiddleManager       bool     `json:"middle_manager"`
	Ties                int      `json:"ties"`
	CrossTies           int      `json:"cross_department_ties"`
	DepartmentsReached  int      `json:"departments_reached"`
	Constraint          *float64 `json:"constraint"`
	Brokerage           float64  `json:"brokerage"`
	Contributions       int      `json:"contributions"`
	PeriodContributions *int     `json:"period_contributions,omitempty"`
}

func measureBody(m model.NetworkMeasure, period bool) MeasureBody {
	b := MeasureBody{PersonID: m.PersonID, Name: m.Name, Department: m.DepartmentName, MiddleManager: m.MiddleManager, Ties: m.Ties, CrossTies: m.CrossTies,
		DepartmentsReached: m.DepartmentsReached, Brokerage: m.Brokerage, Contributions: m.Contributions}
	if m.HasTies {
		c := m.Constraint
		b.Constraint = &c
	}
	if period {
		pc := m.PeriodContributions
		b.PeriodContributions = &pc
	}
	return b
}

// WindowBody is the span of a network.
type WindowBody struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Period string `json:"period,omitempty"`
}

// TieBody is a collaborator and what was shared.
type TieBody struct {
	Person          MemberRef `json:"person"`
	Weight          int       `json:"shared_activities"`
	CrossDepartment bool      `json:"cross_department"`
	Kinds           []string  `json:"kinds"`
}

// PersonNetworkBody is a person's network.
type PersonNetworkBody struct {
	Window     WindowBody  `json:"window"`
	Measure    MeasureBody `json:"measure"`
	Percentile float64     `json:"brokerage_percentile"`
	Ties       []TieBody   `json:"ties"`
	Method     string      `json:"method"`
}

// OrgNetworkBody is the organization's network.
type OrgNetworkBody struct {
	Window      WindowBody    `json:"window"`
	Departments []string      `json:"departments"`
	Ties        [][]int       `json:"ties"`
	Share       [][]float64   `json:"share"`
	Inward      []float64     `json:"inward"`
	Silos       []string      `json:"silos"`
	Bridges     []MeasureBody `json:"bridges"`
	CrossShare  float64       `json:"cross_department_share"`
	Method      string        `json:"method"`
}

// ManagerMeasuresBody are every middle manager's measures for a period.
type ManagerMeasuresBody struct {
	Window   WindowBody    `json:"window"`
	Managers []MeasureBody `json:"managers"`
}

func (h *Handler) myNetwork(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	if a.PersonID == 0 {
		h.fail(w, r, model.NotFound("person"))
		return
	}
	h.writeNetwork(w, r, a, a.PersonID)
}

func (h *Handler) personNetwork(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "person")
	if !ok {
		return
	}
	h.writeNetwork(w, r, a, id)
}

func (h *Handler) writeNetwork(w http.ResponseWriter, r *http.Request, a model.Actor, id int64) {
	n, err := h.core.PersonNetwork(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := PersonNetworkBody{Window: WindowBody{From: n.Window.From, To: n.Window.To}, Measure: measureBody(n.Measure, false), Percentile: n.Percentile,
		Ties: []TieBody{}, Method: core.NetworkMethod}
	for _, t := range n.Ties {
		tb := TieBody{Person: memberRef(t.Person), Weight: t.Weight, CrossDepartment: t.CrossDepartment, Kinds: []string{}}
		for _, k := range t.Kinds {
			tb.Kinds = append(tb.Kinds, string(k))
		}
		b.Ties = append(b.Ties, tb)
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[PersonNetworkBody]{Data: b})
}

func (h *Handler) orgNetwork(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	n, err := h.core.OrgNetwork(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := OrgNetworkBody{Window: WindowBody{From: n.Window.From, To: n.Window.To}, Departments: n.Matrix.Departments, Ties: n.Matrix.Ties, Share: n.Matrix.Share,
		Inward: n.Matrix.Inward, Silos: []string{}, Bridges: []MeasureBody{}, CrossShare: n.CrossShare, Method: n.Method}
	for _, s := range n.Silos {
		b.Silos = append(b.Silos, s.Department)
	}
	for _, m := range n.Bridges {
		b.Bridges = append(b.Bridges, measureBody(m, false))
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[OrgNetworkBody]{Data: b})
}

func (h *Handler) managerMeasures(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	period := r.URL.Query().Get("period")
	if period == "" {
		period = model.CurrentQuarter(h.core.Now())
	}
	ms, win, err := h.core.CollaborationMeasures(r.Context(), a, period)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := ManagerMeasuresBody{Window: WindowBody{From: win.From, To: win.To, Period: win.Period}, Managers: []MeasureBody{}}
	for _, m := range ms {
		b.Managers = append(b.Managers, measureBody(m, true))
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[ManagerMeasuresBody]{Data: b})
}
