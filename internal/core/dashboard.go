package core

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sort"

	"throughline/internal/model"
	"throughline/internal/store"
)

// Dashboard is the executive dashboard: is purpose taking root in middle management,
// where not, and do the programs help. Everything on it is organization-wide or about
// groups the anonymity rules allow; names appear only where executives may see them
// anyway (balance warnings, bridges). It is computed with the index, by the same job,
// and stored (TestDashboardSnapshotEqualsFresh).
type Dashboard struct {
	Period     string
	ComputedAt int64
	K          int

	Objectives DashObjectives
	Index      DashIndex
	Lagging    []DashGroup // departments by mean index, lowest first (a third, up to three)
	Leading    []DashGroup // highest first (up to three)
	Engagement []model.TrendPoint
	Warnings   DashWarnings
	Silos      []model.Silo
	Bridges    []DashPerson
	CrossShare float64
	Programs   []ProgramImpactSummary
}

// DashObjectives counts the active strategic objectives and those no goal serves.
type DashObjectives struct {
	Year      string
	Active    int
	Staffed   int
	Unstaffed []model.Objective
}

// DashIndex is the distribution of the index for a period and its trend.
type DashIndex struct {
	N, Missing   int
	Mean, Median float64
	Buckets      [10]int // 0–10, 10–20, … 90–100
	Trend        []DashPoint
}

// DashPoint is the mean index of a period.
type DashPoint struct {
	Period string
	Mean   float64
	N      int
}

// DashGroup is a department's mean index.
type DashGroup struct {
	ID   int64
	Name string
	Mean float64
	N    int
}

// DashPerson is a manager named on the dashboard.
type DashPerson struct {
	ID         int64
	Name       string
	Department string
	Value      float64
	Detail     string
}

// DashWarnings are the balance warnings of the period.
type DashWarnings struct {
	Count    int
	Managers int
	Top      []DashPerson
}

// ProgramImpactSummary is one program's measured effect on the index, for the
// dashboard; the program impact page has the full estimate.
type ProgramImpactSummary struct {
	ProgramID int64
	Title     string
	Verdict   string
	Estimate  float64
	Low, High float64
	HasEst    bool
	Treated   int
	Controls  int
}

const dashboardSnapshot = "dashboard"

// Dashboard returns the executive dashboard. Executives, hr and admin.
func (c *Core) Dashboard(ctx context.Context, actor model.Actor) (Dashboard, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR, model.RoleExecutive); err != nil {
		return Dashboard{}, err
	}
	if _, err := c.indexRuns(ctx); err != nil { // schedules a recompute when stale
		return Dashboard{}, err
	}
	return c.dashboards.read(ctx, c, dashboardSnapshot, func() (Dashboard, error) {
		d, _, err := c.refreshDashboard(ctx)
		return d, err
	}, func(d *Dashboard, at int64) { d.ComputedAt = at })
}

// refreshDashboard computes the dashboard, with the organization's network it reads,
// and stores both.
func (c *Core) refreshDashboard(ctx context.Context) (Dashboard, model.OrgNetwork, error) {
	d, net, err := c.computeDashboard(ctx)
	if err != nil {
		return d, net, err
	}
	b, err := json.Marshal(d)
	if err != nil {
		return d, net, fmt.Errorf("core: dashboard: %w", err)
	}
	nb, err := json.Marshal(net)
	if err != nil {
		return d, net, fmt.Errorf("core: organization network: %w", err)
	}
	err = c.write(ctx, func(tx *store.Tx) error {
		d.ComputedAt, net.ComputedAt = tx.Now().Unix(), tx.Now().Unix()
		if err := tx.SaveSnapshot(ctx, orgNetworkSnapshot, string(nb)); err != nil {
			return err
		}
		return tx.SaveSnapshot(ctx, dashboardSnapshot, string(b))
	})
	return d, net, err
}

// ComputeDashboard computes the dashboard afresh from the stored index and the other
// modules. The system only.
func (c *Core) ComputeDashboard(ctx context.Context, actor model.Actor) (Dashboard, error) {
	if !actor.IsSystem() {
		return Dashboard{}, model.Forbidden()
	}
	d, _, err := c.computeDashboard(ctx)
	return d, err
}

// computeDashboard computes the dashboard and returns the organization's network it
// was built from.
func (c *Core) computeDashboard(ctx context.Context) (Dashboard, model.OrgNetwork, error) {
	var net model.OrgNetwork
	d := Dashboard{Period: c.DefaultPeriod()}
	sys := model.System
	strategy, err := c.Strategy(ctx, sys, d.Period[:4])
	if err != nil {
		return d, net, err
	}
	d.Objectives.Year = strategy.Year
	for _, o := range strategy.Objectives {
		if o.Status == model.ObjectiveActive {
			d.Objectives.Active++
			if o.GoalCount > 0 {
				d.Objectives.Staffed++
			}
		}
	}
	for _, o := range strategy.Unstaffed {
		d.Objectives.Unstaffed = append(d.Objectives.Unstaffed, model.Objective{ID: o.ID, Title: o.Title, OwnerName: o.OwnerName})
	}
	periods := c.IndexPeriodList()
	err = c.read(ctx, func(tx *store.Tx) error {
		if d.K, err = threshold(ctx, tx); err != nil {
			return err
		}
		vals, err := tx.IndexValuesOf(ctx, d.Period)
		if err != nil {
			return err
		}
		d.Index.N = len(vals)
		if len(vals) > 0 {
			sum := 0.0
			for _, v := range vals {
				sum += v
				d.Index.Buckets[min(9, int(math.Max(0, v)/10))]++
			}
			d.Index.Mean = sum / float64(len(vals))
			d.Index.Median = vals[len(vals)/2]
			if len(vals)%2 == 0 {
				d.Index.Median = (vals[len(vals)/2-1] + vals[len(vals)/2]) / 2
			}
		}
		sums, err := tx.IndexSums(ctx, model.IndexFilter{Periods: periods}, model.IndexByDepartment)
		if err != nil {
			return err
		}
		names, err := groupNames(ctx, tx, model.IndexByDepartment)
		if err != nil {
			return err
		}
		byPeriod := map[string]*DashPoint{}
		sumOf := map[string]float64{}
		var groups []DashGroup
		for _, s := range sums {
			pt := byPeriod[s.Period]
			if pt == nil {
				pt = &DashPoint{Period: s.Period}
				byPeriod[s.Period] = pt
			}
			pt.N += s.N["index"]
			sumOf[s.Period] += s.Sum["index"]
			if s.Period == d.Period {
				d.Index.Missing += s.Managers - s.N["index"]
				if s.N["index"] > 0 {
					groups = append(groups, DashGroup{ID: s.GroupID, Name: names(s.GroupID), Mean: s.Sum["index"] / float64(s.N["index"]), N: s.N["index"]})
				}
			}
		}
		for _, p := range periods {
			if pt := byPeriod[p]; pt != nil && pt.N > 0 {
				pt.Mean = sumOf[p] / float64(pt.N)
				d.Index.Trend = append(d.Index.Trend, *pt)
			}
		}
		if len(groups) >= 3 {
			sort.Slice(groups, func(a, b int) bool {
				if groups[a].Mean != groups[b].Mean {
					return groups[a].Mean < groups[b].Mean
				}
				return groups[a].Name < groups[b].Name
			})
			n := min(3, len(groups)/3)
			d.Lagging = append(d.Lagging, groups[:n]...)
			for i := len(groups) - 1; i >= len(groups)-n; i-- {
				d.Leading = append(d.Leading, groups[i])
			}
		}
		return nil
	})
	if err != nil {
		return d, net, err
	}
	if rounds, err := c.ClosedPulses(ctx, sys, 1); err != nil {
		return d, net, err
	} else if len(rounds) > 0 {
		res, err := c.PulseResults(ctx, sys, model.ResultsQuery{RoundID: rounds[0].ID})
		if err != nil {
			return d, net, err
		}
		d.Engagement = res.Trend
		if len(d.Engagement) > 8 {
			d.Engagement = d.Engagement[len(d.Engagement)-8:]
		}
	}
	cards, err := c.Scorecards(ctx, sys, ScorecardFilter{Period: d.Period, Warnings: true})
	if err != nil {
		return d, net, err
	}
	d.Warnings.Count, d.Warnings.Managers = cards.Warnings, cards.Total
	for _, card := range cards.Cards {
		if card.Warning == nil || len(d.Warnings.Top) >= 8 {
			continue
		}
		weak := ""
		for i, p := range card.Warning.Weak {
			if i > 0 {
				weak += ", "
			}
			weak += p.Perspective.Label()
		}
		d.Warnings.Top = append(d.Warnings.Top, DashPerson{ID: card.Person.ID, Name: card.Person.Name, Department: card.Person.DepartmentName,
			Value: card.Warning.Financial, Detail: weak})
	}
	net, err = c.ComputeOrgNetwork(ctx, sys)
	if err != nil {
		return d, net, err
	}
	d.Silos, d.CrossShare = net.Silos, net.CrossShare
	for _, b := range net.Bridges {
		if len(d.Bridges) >= 5 {
			break
		}
		d.Bridges = append(d.Bridges, DashPerson{ID: b.PersonID, Name: b.Name, Department: b.DepartmentName, Value: float64(b.DepartmentsReached),
			Detail: fmt.Sprintf("reaches %d other departments", b.DepartmentsReached)})
	}
	d.Programs, err = c.programImpactSummaries(ctx)
	return d, net, err
}
