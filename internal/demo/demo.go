// Package demo generates demo organizations: people, accounts and, as the product
// grows, every kind of history, deterministically from a seed. It writes through core,
// so demo data obeys the same rules as real data.
package demo

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"throughline/internal/core"
	"throughline/internal/model"
)

// Options control generation.
type Options struct {
	Scenario string
	People   int
	Seed     uint64
	Password string // the shared password of the sign-in accounts
	Now      time.Time
	Progress func(stage string, done, total int)
}

// Login is a demo sign-in account.
type Login struct {
	Login, Name, Role, Note string
	PersonID                int64
}

// Result describes the generated organization.
type Result struct {
	OrgName string
	People  int
	Logins  []Login
	// Named people the tests and the product tour use.
	Manager, Manager2, Employee, Executive, HR, Admin, Coach Login
}

// ErrNotEmpty is returned when the database already has people.
var ErrNotEmpty = errors.New("demo: the database already has people; use an empty database")

// person is one generated person before import.
type person struct {
	emp, name, email, title, dept, loc, manager, hire string
	role                                              model.Role
	level                                             int
	reports                                           []*person
}

// Generate builds a demo organization in an empty database.
func Generate(ctx context.Context, c *core.Core, opts Options) (Result, error) {
	sc, ok := Scenarios[opts.Scenario]
	if opts.Scenario == "" {
		sc, ok = Scenarios[DefaultScenario], true
	}
	if !ok {
		return Result{}, fmt.Errorf("demo: unknown scenario %q (choose one of %s)", opts.Scenario, strings.Join(ScenarioNames, ", "))
	}
	if opts.People == 0 {
		opts.People = 300
	}
	if opts.People < 40 || opts.People > 200_000 {
		return Result{}, fmt.Errorf("demo: --people must be between 40 and 200000")
	}
	if opts.Password == "" {
		return Result{}, errors.New("demo: no password for the demo accounts")
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	progress := opts.Progress
	if progress == nil {
		progress = func(string, int, int) {}
	}
	counts, err := c.OrgCounts(ctx, model.System)
	if err != nil {
		return Result{}, err
	}
	if counts.People+counts.Inactive > 0 {
		return Result{}, ErrNotEmpty
	}

	g := &gen{rng: rand.New(rand.NewPCG(opts.Seed, 0x7468726f756768)), sc: sc, now: opts.Now, emails: map[string]int{}}
	var res Result
	// The whole organization is one bulk load: on SQLite the writer stops waiting for
	// the disk until the load is done (see store.DB.BulkLoad).
	err = c.DB().BulkLoad(ctx, func() error {
		var err error
		res, err = g.generate(ctx, c, sc, opts, progress)
		return err
	})
	return res, err
}

// generate writes every history of the organization, stage by stage.
func (g *gen) generate(ctx context.Context, c *core.Core, sc Scenario, opts Options, progress func(string, int, int)) (Result, error) {
	progress("people", 0, opts.People)
	root := g.build(opts.People)
	all := g.flatten(root)
	batch := model.PeopleBatch{}
	for i, p := range all {
		batch.Rows = append(batch.Rows, model.PersonRow{Line: i + 2, HasRole: true, PersonInput: model.PersonInput{
			EmployeeID: p.emp, Name: p.name, Email: p.email, Title: p.title, Department: p.dept, Location: p.loc,
			ManagerEmployeeID: p.manager, HireDate: p.hire, Active: true, Role: p.role,
		}})
	}
	if _, err := c.ImportPeople(ctx, model.System, batch, model.PeopleImportOptions{Filename: "demo-" + sc.Key + ".csv"}); err != nil {
		return Result{}, fmt.Errorf("demo: import people: %w", err)
	}
	progress("people", len(all), opts.People)
	if err := c.SetOrgName(ctx, model.System, sc.OrgName); err != nil {
		return Result{}, err
	}

	res := Result{OrgName: sc.OrgName, People: len(all)}
	if err := g.logins(ctx, c, root, opts.Password, &res); err != nil {
		return Result{}, err
	}
	progress("purpose and goals", 0, 1)
	if err := g.purpose(ctx, c, root, &res); err != nil {
		return Result{}, fmt.Errorf("demo: purpose and goals: %w", err)
	}
	progress("performance", 0, 1)
	if err := generatePerformance(ctx, c, g, &res); err != nil {
		return Result{}, fmt.Errorf("demo: performance: %w", err)
	}
	progress("collaboration", 0, 1)
	if err := g.collaboration(ctx, c, root, &res); err != nil {
		return Result{}, fmt.Errorf("demo: collaboration: %w", err)
	}
	// Implemented ideas and adopted practices reach the scorecard as system observations.
	if _, err := c.SyncInnovation(ctx, model.System, g.now.Format("2006-01-02")); err != nil && model.ErrorCodeOf(err) != model.CodeNotFound {
		return Result{}, fmt.Errorf("demo: innovation observations: %w", err)
	}
	progress("engagement", 0, 1)
	if err := g.engagement(ctx, c, root, &res); err != nil {
		return Result{}, err
	}
	progress("development", 0, 1)
	if err := g.development(ctx, c, root, &res); err != nil {
		return Result{}, fmt.Errorf("demo: development: %w", err)
	}
	// The index, the heatmaps and the dashboard are ready on the first visit.
	progress("analytics", 0, 1)
	if _, err := c.RecomputeIndex(ctx, model.System); err != nil {
		return Result{}, fmt.Errorf("demo: analytics: %w", err)
	}
	return res, nil
}

// laggingDepartment is the department where purpose takes root least: its managers'
// purpose results and its teams' engagement run lower, so the heatmaps, the dashboard
// and the scorecards all have the same story to tell.
func (g *gen) laggingDepartment() string {
	return g.sc.Departments[len(g.sc.Departments)/2].Name
}

type gen struct {
	rng    *rand.Rand
	sc     Scenario
	now    time.Time
	seq    int
	emails map[string]int
}

func (g *gen) newPerson(title, dept, loc, manager string, level int, role model.Role, minYears float64) *person {
	g.seq++
	first := firstNames[g.rng.IntN(len(firstNames))]
	last := lastNames[g.rng.IntN(len(lastNames))]
	base := asciiFold(strings.ToLower(first)) + "." + asciiFold(strings.ToLower(last))
	g.emails[base]++
	local := base
	if n := g.emails[base]; n > 1 {
		local = fmt.Sprintf("%s%d", base, n)
	}
	years := minYears + g.rng.Float64()*9
	hire := g.now.AddDate(0, 0, -int(years*365)).Format("2006-01-02")
	return &person{emp: fmt.Sprintf("E%05d", g.seq), name: first + " " + last, email: local + "@" + g.sc.Domain,
		title: title, dept: dept, loc: loc, manager: manager, hire: hire, level: level, role: role}
}

// build lays out the organization: a chief executive, a head per department, layers of
// senior managers only where a department is too big for its head to lead every middle
// manager, middle managers with teams of 4 to 12, and everyone else. Spans are wider at
// the bottom than at the top.
func (g *gen) build(n int) *person {
	sc := g.sc
	ceo := g.newPerson("Chief Executive Officer", "Executive Office", sc.Locations[0], "", 1, model.RoleExecutive, 6)
	remaining := n - 1
	left := remaining
	for i, d := range sc.Departments {
		size := int(math.Round(d.Weight * float64(remaining)))
		if i == len(sc.Departments)-1 {
			size = left
		}
		left -= size
		ceo.reports = append(ceo.reports, g.department(d, size, ceo))
	}
	return ceo
}

func (g *gen) location(main int) string {
	locs := g.sc.Locations
	if g.rng.Float64() < 0.65 {
		return locs[main]
	}
	return locs[g.rng.IntN(len(locs))]
}

func (g *gen) department(d Dept, size int, ceo *person) *person {
	head := g.newPerson(d.Head, d.Name, g.sc.Locations[d.Location], ceo.emp, 2, model.RoleExecutive, 4)
	rest := size - 1
	if rest <= 0 {
		return head
	}
	// Middle managers lead teams of about seven.
	m := max(1, int(math.Round(float64(rest)/8)))
	// Layers of senior managers, each leading about seven managers, until the head
	// leads at most twelve.
	var layers []int
	for count := m; count > 12; {
		count = (count + 6) / 7
		layers = append(layers, count)
	}
	seniors := 0
	for _, l := range layers {
		seniors += l
	}
	employees := rest - m - seniors
	for employees < m*3 && m > 1 { // keep teams of at least 3 in small departments
		m--
		employees++
	}
	// Build top-down: head → senior layers (largest last) → managers.
	parents := []*person{head}
	for i := len(layers) - 1; i >= 0; i-- {
		var next []*person
		for j := 0; j < layers[i]; j++ {
			parent := parents[j%len(parents)]
			s := g.newPerson(d.Senior, d.Name, g.location(d.Location), parent.emp, parent.level+1, model.RoleManager, 3)
			parent.reports = append(parent.reports, s)
			next = append(next, s)
		}
		parents = next
	}
	managers := make([]*person, m)
	for j := range managers {
		parent := parents[j%len(parents)]
		mgr := g.newPerson(d.Manager, d.Name, g.location(d.Location), parent.emp, parent.level+1, model.RoleManager, 2)
		parent.reports = append(parent.reports, mgr)
		managers[j] = mgr
	}
	// Team sizes between 4 and 12, scaled to the employees available.
	weights := make([]float64, m)
	sum := 0.0
	for j := range weights {
		weights[j] = 4 + float64(g.rng.IntN(9))
		sum += weights[j]
	}
	sizes := make([]int, m)
	given := 0
	for j := range sizes {
		sizes[j] = int(weights[j] * float64(employees) / sum)
		given += sizes[j]
	}
	for j := 0; given < employees; j = (j + 1) % m {
		sizes[j]++
		given++
	}
	for j, mgr := range managers {
		for k := 0; k < sizes[j]; k++ {
			loc := mgr.loc
			if g.rng.Float64() < 0.2 {
				loc = g.location(d.Location)
			}
			title := d.Member[g.rng.IntN(len(d.Member))]
			e := g.newPerson(title, d.Name, loc, mgr.emp, mgr.level+1, model.RoleEmployee, 0)
			mgr.reports = append(mgr.reports, e)
		}
	}
	return head
}

func (g *gen) flatten(root *person) []*person {
	var out []*person
	var walk func(p *person)
	walk = func(p *person) {
		out = append(out, p)
		for _, r := range p.reports {
			walk(r)
		}
	}
	walk(root)
	return out
}

// logins gives passwords to the sign-in accounts of the demo: the chief executive, the
// head of people (hr), three middle managers in different departments, two employees,
// a coach, and an administrator outside the org chart.
func (g *gen) logins(ctx context.Context, c *core.Core, root *person, password string, res *Result) error {
	var peopleDept *person
	for _, h := range root.reports {
		if h.dept == "People" || strings.Contains(h.title, "People") {
			peopleDept = h
		}
	}
	if peopleDept == nil {
		peopleDept = root.reports[len(root.reports)-1]
	}
	// Middle managers with the largest teams, from three departments. The first is, where
	// the department has one, in the leadership program (InProgram), so the demo manager
	// goes through a program with workshops, coaching and reflection.
	var managers []*person
	seen := map[string]bool{}
	for _, h := range root.reports {
		best := bestManager(h)
		if len(managers) == 0 {
			if inProg := bestManagerWhere(h, func(p *person) bool { return InProgram(p.emp) }); inProg != nil {
				best = inProg
			}
		}
		if best != nil && !seen[h.dept] && len(managers) < 3 && h != peopleDept {
			managers = append(managers, best)
			seen[h.dept] = true
		}
	}
	if len(managers) == 0 {
		return errors.New("demo: no middle managers generated")
	}
	emp1 := managers[0].reports[0]
	emp2 := managers[len(managers)-1].reports[0]
	coach := peopleDept
	if len(peopleDept.reports) > 0 {
		coach = leaf(peopleDept)
	}
	set := func(p *person, role model.Role, note string) (Login, error) {
		a, err := c.AccountByLogin(ctx, model.System, p.email)
		if err != nil {
			return Login{}, err
		}
		if a.Role != role {
			if err := c.SetRole(ctx, model.System, a.ID, role); err != nil {
				return Login{}, err
			}
		}
		if err := c.SetPassword(ctx, model.System, a.ID, password); err != nil {
			return Login{}, err
		}
		l := Login{Login: p.email, Name: p.name, Role: string(role), Note: note, PersonID: a.PersonID}
		res.Logins = append(res.Logins, l)
		return l, nil
	}
	var err error
	if res.Executive, err = set(root, model.RoleExecutive, root.title); err != nil {
		return err
	}
	if res.HR, err = set(peopleDept, model.RoleHR, peopleDept.title); err != nil {
		return err
	}
	for i, m := range managers {
		l, err := set(m, model.RoleManager, fmt.Sprintf("%s, %s, leads %d", m.title, m.dept, len(m.reports)))
		if err != nil {
			return err
		}
		switch i {
		case 0:
			res.Manager = l
		case 1:
			res.Manager2 = l
		}
	}
	if res.Employee, err = set(emp1, model.RoleEmployee, emp1.title+", reports to "+managers[0].name); err != nil {
		return err
	}
	if _, err = set(emp2, model.RoleEmployee, emp2.title+", "+emp2.dept); err != nil {
		return err
	}
	if res.Coach, err = set(coach, model.RoleCoach, "Leadership coach, "+coach.dept); err != nil {
		return err
	}
	admin, err := c.CreateAccount(ctx, model.System, model.AccountInput{Login: "admin@" + g.sc.Domain, DisplayName: "Throughline Admin", Role: model.RoleAdmin, Password: password})
	if err != nil {
		return err
	}
	res.Admin = Login{Login: admin.Login, Name: admin.DisplayName, Role: string(model.RoleAdmin), Note: "Administrator"}
	res.Logins = append([]Login{res.Admin}, res.Logins...)
	return nil
}

// bestManager returns the middle manager with the largest team under a department head.
func bestManager(head *person) *person {
	return bestManagerWhere(head, func(*person) bool { return true })
}

// bestManagerWhere returns the middle manager with the largest team under a department
// head among those ok accepts, or nil.
func bestManagerWhere(head *person, ok func(*person) bool) *person {
	var best *person
	var walk func(p *person)
	walk = func(p *person) {
		if p.role == model.RoleManager && len(p.reports) > 0 && p.reports[0].role == model.RoleEmployee && ok(p) {
			if best == nil || len(p.reports) > len(best.reports) {
				best = p
			}
		}
		for _, r := range p.reports {
			walk(r)
		}
	}
	walk(head)
	return best
}

func leaf(p *person) *person {
	for len(p.reports) > 0 {
		p = p.reports[len(p.reports)-1]
	}
	return p
}

// asciiFold turns "chloé" into "chloe" and drops apostrophes, for email addresses.
func asciiFold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.Map(func(r rune) rune {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return -1
	}, out)
}
