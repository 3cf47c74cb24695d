package core

import (
	"context"
	"math"
	"sort"
	"strconv"
	"time"

	"throughline/internal/model"
	"throughline/internal/stats"
	"throughline/internal/store"
)

// NetworkMethod explains the collaboration network's measures where they are shown.
const NetworkMethod = "Two people are tied when they worked together in the window: members of the same initiative, the same hackathon team or " +
	"the same service project team, or co-authors of a post. A tie's weight is the number of such activities they shared. " +
	"Departments reached counts the departments other than one's own among one's collaborators; cross-department ties counts those " +
	"collaborators. Brokerage is 1 − Burt's constraint (R. S. Burt, Structural Holes, 1992), floored at 0: close to 1 when one's " +
	"collaborators do not work with each other (one bridges otherwise separate groups), 0 inside a single closed group or with one " +
	"collaborator. All three are computed exactly from every tie in the organization, not sampled."

// network is the collaboration network of a window, with every measure computed.
type network struct {
	window     model.NetworkWindow
	people     []store.NetworkPerson
	index      map[int64]int32
	dept       []int32 // department index per person, −1 when none
	depts      []string
	deptIDs    []int64
	groups     []store.CollabGroup
	byPerson   [][]int32 // groups per person
	authored   []int     // posts written or co-written per person, in the window
	g          *stats.Graph
	constraint []float64
	reached    []int
	cross      []int
	reports    []int // active direct reports per person
}

// windowEnding is the twelve months ending on day end (inclusive).
func windowEnding(end time.Time) model.NetworkWindow {
	return model.NetworkWindow{From: dayOf(end.AddDate(-1, 0, 1)), To: dayOf(end)}
}

// buildNetwork loads the activities of a window and computes every measure.
func buildNetwork(ctx context.Context, tx *store.Tx, w model.NetworkWindow) (*network, error) {
	people, err := tx.NetworkPeople(ctx)
	if err != nil {
		return nil, err
	}
	return buildNetworkOf(ctx, tx, w, people)
}

// buildNetworkOf is buildNetwork over people already loaded (NetworkPeople), so that
// several windows share one read of them.
func buildNetworkOf(ctx context.Context, tx *store.Tx, w model.NetworkWindow, people []store.NetworkPerson) (n *network, err error) {
	n = &network{window: w, people: people, index: make(map[int64]int32, len(people))}
	for i, p := range people {
		n.index[p.ID] = int32(i)
	}
	n.reports = make([]int, len(people))
	deptIndex := map[int64]int32{}
	type deptName struct {
		id   int64
		name string
	}
	var dn []deptName
	for _, p := range people {
		if i, ok := n.index[p.ManagerID]; ok {
			n.reports[i]++
		}
		if _, ok := deptIndex[p.DepartmentID]; !ok && p.DepartmentID != 0 {
			deptIndex[p.DepartmentID] = 0
			dn = append(dn, deptName{p.DepartmentID, p.DepartmentName})
		}
	}
	sort.Slice(dn, func(i, j int) bool {
		if dn[i].name != dn[j].name {
			return dn[i].name < dn[j].name
		}
		return dn[i].id < dn[j].id
	})
	for i, d := range dn {
		deptIndex[d.id] = int32(i)
		n.depts = append(n.depts, d.name)
		n.deptIDs = append(n.deptIDs, d.id)
	}
	n.dept = make([]int32, len(people))
	for i, p := range people {
		n.dept[i] = -1
		if d, ok := deptIndex[p.DepartmentID]; ok && p.DepartmentID != 0 {
			n.dept[i] = d
		}
	}
	if n.groups, err = tx.CollabGroups(ctx, w.From, w.To, 0); err != nil {
		return nil, err
	}
	n.byPerson = make([][]int32, len(people))
	var edges []stats.Edge
	members := make([]int32, 0, 32)
	for gi, g := range n.groups {
		members = members[:0]
		for _, id := range g.Members {
			if i, ok := n.index[id]; ok {
				members = append(members, i)
				n.byPerson[i] = append(n.byPerson[i], int32(gi))
			}
		}
		edges = stats.CliqueEdges(edges, members)
	}
	auth, err := tx.Authorships(ctx, w.From, w.To)
	if err != nil {
		return nil, err
	}
	n.authored = make([]int, len(people))
	for _, a := range auth {
		if i, ok := n.index[a.PersonID]; ok {
			n.authored[i]++
		}
	}
	n.g = stats.NewGraph(len(people), edges)
	n.reached, n.cross = n.g.Reach(n.dept, len(n.depts))
	n.constraint = make([]float64, len(people))
	for i := range n.constraint {
		n.constraint[i] = math.NaN()
	}
	return n, nil
}

// computeAll computes everyone's constraint (on every CPU).
func (n *network) computeAll() { n.constraint = n.g.Constraint() }

// computeFor computes the constraint of the given people only, and of every middle
// manager when managers is true (for percentiles and the index).
func (n *network) computeFor(nodes []int, managers bool) {
	if managers {
		for i := range n.people {
			if n.middleManager(i) {
				nodes = append(nodes, i)
			}
		}
	}
	for k, c := range n.g.ConstraintOf(nodes) {
		n.constraint[nodes[k]] = c
	}
}

// middleManager applies the middle-manager rule of the people directory.
func (n *network) middleManager(i int) bool {
	p := n.people[i]
	if p.Override != nil {
		return *p.Override
	}
	return p.ManagerID != 0 && n.reports[i] > 0
}

// measure is person i's measures; period, when not nil, bounds PeriodContributions, and
// periodAuthored counts each person's authorships within it (periodAuthorships).
func (n *network) measure(i int, period *model.NetworkWindow, periodAuthored map[int64]int) model.NetworkMeasure {
	p := n.people[i]
	m := model.NetworkMeasure{PersonID: p.ID, Name: p.Name, DepartmentID: p.DepartmentID, DepartmentName: p.DepartmentName, LocationName: p.LocationName,
		MiddleManager: n.middleManager(i), Ties: n.g.Degree(i), CrossTies: n.cross[i], DepartmentsReached: n.reached[i]}
	if c := n.constraint[i]; !math.IsNaN(c) {
		m.HasTies = true
		m.Constraint = round3(c)
		m.Brokerage = round3(stats.Brokerage(c))
	}
	for _, gi := range n.byPerson[i] {
		g := n.groups[gi]
		if g.Kind == model.CollabCoAuthor {
			continue // counted with the posts below
		}
		m.Contributions++
		if period != nil && g.StartOn <= period.To && g.EndOn >= period.From {
			m.PeriodContributions++
		}
	}
	m.Contributions += n.authored[i]
	if period != nil {
		m.PeriodContributions += periodAuthored[p.ID]
	}
	return m
}

// periodAuthorships counts each person's authorships within a period, once for every
// manager's measure (each used to walk them all: managers × authorships).
func periodAuthorships(period model.NetworkWindow, auth []store.Authorship) map[int64]int {
	lo, hi := dayStartOf(period.From), dayStartOf(period.To)+86400
	out := map[int64]int{}
	for _, a := range auth {
		if a.At >= lo && a.At < hi {
			out[a.PersonID]++
		}
	}
	return out
}

func dayStartOf(day string) int64 {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return 0
	}
	return t.Unix()
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// canSeeNetwork reports whether actor reads p's network measures: the person, their
// managers, executives, hr and admin.
func canSeeNetwork(actor model.Actor, p model.Person) bool {
	return inLine(actor, p) || actor.Is(model.RoleExecutive, model.RoleHR, model.RoleAdmin)
}

// PersonNetwork returns a person's collaboration network over the last twelve months:
// their measures, their collaborators, by department, and the activities behind them.
func (c *Core) PersonNetwork(ctx context.Context, actor model.Actor, personID int64) (model.PersonNetwork, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.PersonNetwork{}, err
	}
	var out model.PersonNetwork
	err := c.read(ctx, func(tx *store.Tx) error {
		p, err := tx.FindPersonByID(ctx, personID)
		if err != nil {
			return notFound(err, "person")
		}
		if !canSeeNetwork(actor, p) {
			if _, err := view(actor, p); err != nil {
				return err
			}
			return &model.Error{Code: model.CodeForbidden, Message: "A person's network is visible to them, their managers, executives and hr."}
		}
		out.Person, _ = view(actor, p)
		n, err := buildNetwork(ctx, tx, windowEnding(tx.Now()))
		if err != nil {
			return err
		}
		out.Window = n.window
		i, ok := n.index[personID]
		if !ok {
			return nil // inactive: no network
		}
		n.computeFor([]int{int(i)}, true)
		out.Measure = n.measure(int(i), nil, nil)
		// Ties with what they shared.
		kinds := map[int32]map[model.CollabKind]bool{}
		for _, gi := range n.byPerson[i] {
			g := n.groups[gi]
			out.Activities = append(out.Activities, activityOf(g))
			for _, id := range g.Members {
				j, ok := n.index[id]
				if !ok || j == i {
					continue
				}
				if kinds[j] == nil {
					kinds[j] = map[model.CollabKind]bool{}
				}
				kinds[j][g.Kind] = true
			}
		}
		sort.Slice(out.Activities, func(a, b int) bool { return out.Activities[a].StartOn > out.Activities[b].StartOn })
		var ids []int64
		for e := n.g.Off[i]; e < n.g.Off[i+1]; e++ {
			ids = append(ids, n.people[n.g.Adj[e]].ID)
		}
		collaborators, err := tx.FindAllPeople(ctx, model.PersonFilter{IDs: ids})
		if err != nil {
			return err
		}
		byID := map[int64]model.Person{}
		for _, q := range collaborators {
			byID[q.ID] = q
		}
		depts := map[string]int{}
		for e := n.g.Off[i]; e < n.g.Off[i+1]; e++ {
			j := n.g.Adj[e]
			q, ok := byID[n.people[j].ID]
			if !ok {
				continue
			}
			t := model.Tie{Person: q.Directory(), Weight: int(n.g.W[e]), CrossDepartment: n.dept[j] != n.dept[i]}
			for _, k := range []model.CollabKind{model.CollabInitiative, model.CollabHackathon, model.CollabService, model.CollabCoAuthor} {
				if kinds[j][k] {
					t.Kinds = append(t.Kinds, k)
				}
			}
			out.Ties = append(out.Ties, t)
			depts[q.DepartmentName]++
		}
		sort.Slice(out.Ties, func(a, b int) bool {
			if out.Ties[a].CrossDepartment != out.Ties[b].CrossDepartment {
				return out.Ties[a].CrossDepartment
			}
			if out.Ties[a].Weight != out.Ties[b].Weight {
				return out.Ties[a].Weight > out.Ties[b].Weight
			}
			return out.Ties[a].Person.Name < out.Ties[b].Person.Name
		})
		for name, k := range depts {
			out.ByDepartment = append(out.ByDepartment, model.MixCount{Name: name, Count: k})
		}
		sort.Slice(out.ByDepartment, func(a, b int) bool {
			if out.ByDepartment[a].Count != out.ByDepartment[b].Count {
				return out.ByDepartment[a].Count > out.ByDepartment[b].Count
			}
			return out.ByDepartment[a].Name < out.ByDepartment[b].Name
		})
		var mm []float64
		for k := range n.people {
			if n.middleManager(k) {
				mm = append(mm, stats.Brokerage(n.constraint[k]))
			}
		}
		out.Percentile = stats.Percentile(mm, out.Measure.Brokerage)
		return nil
	})
	return out, err
}

func activityOf(g store.CollabGroup) model.Activity {
	a := model.Activity{Kind: g.Kind, ID: g.ID, Title: g.Title, StartOn: g.StartOn, EndOn: g.EndOn, People: len(g.Members)}
	switch g.Kind {
	case model.CollabInitiative:
		a.Href = "/initiatives/" + strconv.FormatInt(g.ID, 10)
	case model.CollabHackathon:
		a.Href = "/hackathon-teams/" + strconv.FormatInt(g.ID, 10)
	case model.CollabService:
		a.Href = "/service/projects/" + strconv.FormatInt(g.ID, 10)
	case model.CollabCoAuthor:
		a.Href = "/ideas/" + strconv.FormatInt(g.ID, 10)
	}
	return a
}

// ComputeOrgNetwork computes the organization's collaboration network over the last
// twelve months afresh: the department × department matrix, silos, the strongest
// bridges and every middle manager's measures. The system only: people read the stored
// computation (OrgNetwork).
func (c *Core) ComputeOrgNetwork(ctx context.Context, actor model.Actor) (model.OrgNetwork, error) {
	if !actor.IsSystem() {
		return model.OrgNetwork{}, model.Forbidden()
	}
	var out model.OrgNetwork
	err := c.read(ctx, func(tx *store.Tx) error {
		n, err := buildNetwork(ctx, tx, windowEnding(tx.Now()))
		if err != nil {
			return err
		}
		n.computeAll()
		out = n.org()
		return nil
	})
	return out, err
}

// org summarizes the network for the organization view.
func (n *network) org() model.OrgNetwork {
	out := model.OrgNetwork{Window: n.window, People: len(n.people), Ties: n.g.Ties(), Method: NetworkMethod}
	k := len(n.depts)
	m := n.g.GroupMatrix(n.dept, k)
	shares := stats.RowShares(m)
	mx := model.DepartmentMatrix{Departments: n.depts, People: make([]int, k), Ties: m, Share: shares,
		Inward: make([]float64, k), Reached: make([]int, k), Total: make([]int, k)}
	for i := range n.people {
		if d := n.dept[i]; d >= 0 {
			mx.People[d]++
		}
	}
	crossTies := 0
	for a := 0; a < k; a++ {
		mx.Inward[a] = shares[a][a]
		for b := 0; b < k; b++ {
			if a == b {
				mx.Total[a] += 2 * m[a][b]
				continue
			}
			mx.Total[a] += m[a][b]
			if m[a][b] > 0 {
				mx.Reached[a]++
			}
			if b > a {
				crossTies += m[a][b]
			}
		}
		// A silo needs enough ties to be more than noise: at least one per five people.
		if mx.Inward[a] > model.SiloThreshold && mx.Total[a] >= max(4, mx.People[a]/5) {
			out.Silos = append(out.Silos, model.Silo{Department: n.depts[a], Inward: mx.Inward[a], Reached: mx.Reached[a]})
		}
	}
	out.Matrix = mx
	if out.Ties > 0 {
		out.CrossShare = float64(crossTies) / float64(out.Ties)
	}
	var all []model.NetworkMeasure
	for i := range n.people {
		if n.g.Degree(i) > 0 {
			out.Connected++
		}
		me := n.measure(i, nil, nil)
		if me.MiddleManager {
			out.Managers = append(out.Managers, me)
		}
		if me.HasTies {
			all = append(all, me)
		}
	}
	sort.Slice(all, func(a, b int) bool {
		if all[a].Brokerage != all[b].Brokerage {
			return all[a].Brokerage > all[b].Brokerage
		}
		if all[a].DepartmentsReached != all[b].DepartmentsReached {
			return all[a].DepartmentsReached > all[b].DepartmentsReached
		}
		return all[a].Name < all[b].Name
	})
	out.Bridges = all[:min(10, len(all))]
	sort.Slice(out.Managers, func(a, b int) bool { return out.Managers[a].Name < out.Managers[b].Name })
	return out
}

// CollaborationMeasures returns every middle manager's collaboration measures for a
// period ("2026", "2026-H1" or "2026-Q1"), for the Purpose Leadership Index: departments
// reached, cross-department ties and brokerage over the twelve months ending with the
// period (or today, for a period not over yet), and contributions both over those twelve
// months and within the period itself. Executives, hr and admin may read them, and the
// system.
func (c *Core) CollaborationMeasures(ctx context.Context, actor model.Actor, period string) ([]model.NetworkMeasure, model.NetworkWindow, error) {
	if err := requireRole(actor, model.RoleExecutive, model.RoleHR, model.RoleAdmin); err != nil {
		return nil, model.NetworkWindow{}, err
	}
	var out map[string][]model.NetworkMeasure
	var ws map[string]model.NetworkWindow
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, ws, err = collaborationMeasures(ctx, tx, []string{period}, nil)
		return err
	})
	return out[period], ws[period], err
}

// collaborationMeasures is CollaborationMeasures for several periods inside one
// transaction: the people are read once, each period's network built over them. With
// people given (NetworkPeopleCompact, for the index) they are not read, and the
// measures carry no names.
func collaborationMeasures(ctx context.Context, tx *store.Tx, periods []string, people []store.NetworkPerson) (map[string][]model.NetworkMeasure, map[string]model.NetworkWindow, error) {
	type span struct{ from, to string }
	spans := make([]span, len(periods))
	for i, period := range periods {
		from, to, err := model.PeriodDates(period)
		if err != nil {
			return nil, nil, &model.Error{Code: model.CodeInvalid, Message: err.Error(), Fields: map[string]string{"period": err.Error()}}
		}
		spans[i] = span{from, to}
	}
	if people == nil {
		var err error
		if people, err = tx.NetworkPeople(ctx); err != nil {
			return nil, nil, err
		}
	}
	out := make(map[string][]model.NetworkMeasure, len(periods))
	ws := make(map[string]model.NetworkWindow, len(periods))
	for i, period := range periods {
		from, to := spans[i].from, spans[i].to
		end, _ := time.Parse("2006-01-02", to)
		if now := tx.Now().UTC(); end.After(now) {
			end = now
		}
		w := windowEnding(end)
		w.Period = period
		n, err := buildNetworkOf(ctx, tx, w, people)
		if err != nil {
			return nil, nil, err
		}
		auth, err := tx.Authorships(ctx, from, to)
		if err != nil {
			return nil, nil, err
		}
		p := model.NetworkWindow{From: from, To: to}
		authored := periodAuthorships(p, auth)
		n.computeFor(nil, true)
		var ms []model.NetworkMeasure
		for i := range n.people {
			if n.middleManager(i) {
				ms = append(ms, n.measure(i, &p, authored))
			}
		}
		sort.Slice(ms, func(a, b int) bool { return ms[a].PersonID < ms[b].PersonID })
		out[period], ws[period] = ms, w
	}
	return out, ws, nil
}

// CollabSummary returns the collaboration corner of the actor's home page. It reads only
// the actor's own activities, so it stays fast however large the organization is.
func (c *Core) CollabSummary(ctx context.Context, actor model.Actor) (model.CollabSummary, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.CollabSummary{}, err
	}
	var s model.CollabSummary
	err := c.read(ctx, func(tx *store.Tx) error {
		hs, err := tx.FindHackathons(ctx, model.HackathonFilter{})
		if err != nil {
			return err
		}
		for _, h := range hs {
			if h.TeamsOpen() {
				s.OpenHackathons = append(s.OpenHackathons, h)
			}
		}
		if _, s.OpenInitiatives, err = tx.FindInitiatives(ctx, model.InitiativeFilter{Open: true, Page: model.Page{Limit: 1}}); err != nil {
			return err
		}
		since := tx.Now().AddDate(0, 0, -30).Unix()
		if s.NewIdeas, err = tx.CountPostsSince(ctx, since); err != nil {
			return err
		}
		if actor.PersonID == 0 {
			return nil
		}
		if _, s.MyInitiatives, err = tx.FindInitiatives(ctx, model.InitiativeFilter{MemberID: actor.PersonID, Open: true, Page: model.Page{Limit: 1}}); err != nil {
			return err
		}
		w := windowEnding(tx.Now())
		groups, err := tx.CollabGroups(ctx, w.From, w.To, actor.PersonID)
		if err != nil {
			return err
		}
		seen := map[int64]bool{}
		var ids []int64
		for _, g := range groups {
			if g.Kind != model.CollabCoAuthor {
				s.Activities++
			}
			for _, id := range g.Members {
				if id != actor.PersonID && !seen[id] {
					seen[id] = true
					ids = append(ids, id)
				}
			}
		}
		auth, err := tx.Authorships(ctx, w.From, w.To)
		if err != nil {
			return err
		}
		for _, a := range auth {
			if a.PersonID == actor.PersonID {
				s.Activities++
			}
		}
		me, err := tx.FindPersonByID(ctx, actor.PersonID)
		if err != nil {
			return err
		}
		depts := map[int64]bool{}
		for _, chunk := range splitIDs(ids, 500) {
			people, err := tx.FindAllPeople(ctx, model.PersonFilter{IDs: chunk})
			if err != nil {
				return err
			}
			for _, p := range people {
				s.Collaborators++
				if p.DepartmentID != me.DepartmentID && p.DepartmentID != 0 && me.DepartmentID != 0 {
					s.CrossTies++
					depts[p.DepartmentID] = true
				}
			}
		}
		s.DepartmentsReached = len(depts)
		return nil
	})
	return s, err
}
