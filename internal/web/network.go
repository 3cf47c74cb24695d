package web

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strconv"

	"throughline/internal/chart"
	"throughline/internal/core"
	"throughline/internal/model"
)

// NetworkPage is a person's collaboration network: their reach, brokerage and the
// people and activities behind them.
type NetworkPage struct {
	Page
	model.PersonNetwork
	Own        bool
	Method     string
	DeptChart  template.HTML
	CanSeeOrg  bool
	CrossShare float64
}

func (h *Handler) myNetwork(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	if actor.PersonID == 0 {
		if actor.Is(model.RoleExecutive, model.RoleHR, model.RoleAdmin) {
			http.Redirect(w, r, "/network/org", http.StatusSeeOther)
			return
		}
		h.fail(w, r, model.NotFound("person"))
		return
	}
	h.networkOf(w, r, actor, actor.PersonID)
}

func (h *Handler) personNetwork(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.networkOf(w, r, actor, id)
}

func (h *Handler) networkOf(w http.ResponseWriter, r *http.Request, actor model.Actor, id int64) {
	n, err := h.core.PersonNetwork(r.Context(), actor, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	own := id == actor.PersonID
	title := "Your collaboration network"
	if !own {
		title = "Collaboration network of " + n.Person.Name
	}
	p := &NetworkPage{Page: Page{Title: title, Section: "collab"}, PersonNetwork: n, Own: own, Method: core.NetworkMethod,
		CanSeeOrg: actor.Is(model.RoleExecutive, model.RoleHR, model.RoleAdmin)}
	if len(n.ByDepartment) > 0 {
		bars := chart.Bars{ID: "collab-depts", Title: "Collaborators by department", Format: chart.Format(0, ""), Width: 520}
		for _, d := range n.ByDepartment {
			c := chart.Palette[0]
			if d.Name == n.Person.DepartmentName {
				c = "#5b6878"
			}
			bars.Items = append(bars.Items, chart.Bar{Label: d.Name, Value: float64(d.Count), Color: c, Text: fmt.Sprintf("%d %s", d.Count, pluralize(d.Count, "person", "people"))})
		}
		p.DeptChart = bars.SVG()
	}
	if n.Measure.Ties > 0 {
		p.CrossShare = float64(n.Measure.CrossTies) / float64(n.Measure.Ties)
	}
	h.render(w, r, http.StatusOK, "network", p)
}

func pluralize(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// OrgNetworkPage is the organization's network: the department matrix and its silos,
// bridges, and every middle manager's reach.
type OrgNetworkPage struct {
	Page
	model.OrgNetwork
	Heatmap  template.HTML
	Managers []model.NetworkMeasure // this page of them
	Pager    pager
}

// networkManagersPerPage is how many middle managers the organization network lists at
// once.
const networkManagersPerPage = 100

func (h *Handler) orgNetwork(w http.ResponseWriter, r *http.Request) {
	actor, ok := h.requireActor(w, r)
	if !ok {
		return
	}
	n, err := h.core.OrgNetwork(r.Context(), actor)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	m := n.Matrix
	hm := chart.Heatmap{ID: "dept-matrix", Title: "Where each department's collaboration goes (share of its ties, by row)",
		Rows: m.Departments, Cols: m.Departments, Min: 0, Max: 100, Format: chart.Format(0, "%"), CellWidth: 92}
	for i := range m.Departments {
		row := make([]chart.Cell, len(m.Departments))
		for j := range m.Departments {
			if m.Total[i] == 0 {
				row[j] = chart.Cell{Missing: true}
				continue
			}
			v := 100 * m.Share[i][j]
			row[j] = chart.Cell{Value: v, Text: fmt.Sprintf("%d%%", int(math.Round(v)))}
		}
		hm.Cells = append(hm.Cells, row)
	}
	p := &OrgNetworkPage{Page: Page{Title: "Collaboration across the organization", Section: "collab", Wide: true}, OrgNetwork: n, Heatmap: hm.SVG()}
	from, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	from = min(max(from, 0), len(n.Managers))
	managers := model.List[model.NetworkMeasure]{Items: n.Managers[from:min(from+networkManagersPerPage, len(n.Managers))],
		Total: len(n.Managers), Page: model.Page{Limit: networkManagersPerPage, Offset: from}}
	p.Managers, p.Pager = managers.Items, pager{PageInfo: managers.Info(), Base: "/network/org?"}
	h.render(w, r, http.StatusOK, "network_org", p)
}
