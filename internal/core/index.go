package core

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"throughline/internal/model"
	"throughline/internal/score"
	"throughline/internal/store"
)

// The Purpose Leadership Index is computed for every middle manager and each of the
// last IndexPeriods quarters (the current one included) in one pass, and stored: the
// formula is in score.PurposeLeadershipIndex. Reading pages never wait on a whole
// organization's computation except the very first time. A stored run older than
// IndexTTL is recomputed from the jobs table (so one server does it) while readers go
// on with the stored values; changing the index or perspective weights expires every
// run at once. TestIndexRunEqualsFreshComputation proves a stored run equals a fresh one.
const (
	IndexPeriods        = 8
	IndexTTL            = 10 * time.Minute
	SettingIndexWeights = "index_weights"
	jobIndexRecompute   = "index_recompute"
)

func init() {
	RegisterJobKind(jobIndexRecompute, func(ctx context.Context, c *Core, _ model.Job) error {
		_, err := c.RecomputeIndex(ctx, model.System)
		return err
	})
}

// IndexPeriodList returns the quarters the index is kept for, oldest first: the
// IndexPeriods quarters ending with the current one.
func (c *Core) IndexPeriodList() []string {
	cur := c.CurrentPeriod()
	out := make([]string, IndexPeriods)
	for i := range out {
		out[i] = model.AddQuarters(cur, i-IndexPeriods+1)
	}
	return out
}

// indexPeriod checks a requested period: "" is the last complete quarter.
func (c *Core) indexPeriod(p string) (string, error) {
	p, err := c.period(p)
	if err != nil {
		return "", err
	}
	for _, q := range c.IndexPeriodList() {
		if q == p {
			return p, nil
		}
	}
	msg := fmt.Sprintf("The index is kept for the last %d quarters, from %s to %s.", IndexPeriods, c.IndexPeriodList()[0], c.CurrentPeriod())
	return "", &model.Error{Code: model.CodeInvalid, Message: msg, Fields: map[string]string{"period": msg}}
}

// IndexWeights returns the organization's component weights. Everyone signed in may
// read them: the weights behind a number are part of its explanation.
func (c *Core) IndexWeights(ctx context.Context, actor model.Actor) (model.IndexWeights, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var w model.IndexWeights
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		w, err = loadIndexWeights(ctx, tx)
		return err
	})
	return w, err
}

func loadIndexWeights(ctx context.Context, tx *store.Tx) (model.IndexWeights, error) {
	w := model.DefaultIndexWeights()
	v, ok, err := tx.Setting(ctx, SettingIndexWeights)
	if err != nil || !ok {
		return w, err
	}
	var stored map[model.IndexComponent]float64
	if err := json.Unmarshal([]byte(v), &stored); err != nil {
		return w, nil // a damaged setting falls back to the defaults
	}
	for c, x := range stored {
		if c.Valid() && x >= 0 {
			w[c] = x
		}
	}
	return w, nil
}

// SetIndexWeights sets the component weights, each from 0 (left out) to 10, at least
// one above 0. Every stored period is recomputed with them. hr and admin.
func (c *Core) SetIndexWeights(ctx context.Context, actor model.Actor, w model.IndexWeights) error {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return err
	}
	fields := map[string]string{}
	total := 0.0
	for _, comp := range model.IndexComponents {
		x := w[comp]
		if x < 0 || x > 10 {
			fields[string(comp)] = "Give a weight from 0 to 10."
		}
		total += x
	}
	for comp := range w {
		if !comp.Valid() {
			fields[string(comp)] = "This is not a component of the index."
		}
	}
	if len(fields) == 0 && total == 0 {
		fields[string(model.ComponentLineOfSight)] = "At least one component needs a weight above 0."
	}
	if len(fields) > 0 {
		return &model.Error{Code: model.CodeInvalid, Message: "Please correct the weights.", Fields: fields}
	}
	b, err := json.Marshal(w)
	if err != nil {
		return fmt.Errorf("core: index weights: %w", err)
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if err := tx.SetSetting(ctx, SettingIndexWeights, string(b)); err != nil {
			return err
		}
		if err := tx.ExpireIndexRuns(ctx); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "setting_changed", "setting", 0, "index weights")
	})
}

// devFacts are one manager's development inputs for a period.
type devFacts struct {
	InProgram        bool
	Progress         float64
	HasCompetency    bool
	Before, After    float64
	HasUpward        bool
	Upward           float64
	UpwardRespondent int
}

// ComputeIndex computes, fresh and without storing anything, every middle manager's
// index for the periods. The system only: pages read the stored runs.
func (c *Core) ComputeIndex(ctx context.Context, actor model.Actor, periods []string) (map[string][]model.Index, model.IndexRun, error) {
	if !actor.IsSystem() {
		return nil, model.IndexRun{}, model.Forbidden()
	}
	out := map[string][]model.Index{}
	var run model.IndexRun
	// One read, one snapshot, for every input.
	err := c.read(ctx, func(tx *store.Tx) error {
		weights, err := loadIndexWeights(ctx, tx)
		if err != nil {
			return err
		}
		sc, err := loadScoring(ctx, tx)
		if err != nil {
			return err
		}
		run = model.IndexRun{Weights: weights, Settings: sc.settings}
		people, err := middleManagers(ctx, tx)
		if err != nil {
			return err
		}
		// Collaboration and development are computed by their own modules, for every
		// period at once, over the people read here.
		everyone, err := tx.NetworkPeopleCompact(ctx) // every active person: ids, managers, departments
		if err != nil {
			return err
		}
		measures, _, err := collaborationMeasures(ctx, tx, periods, everyone)
		if err != nil {
			return err
		}
		collab := make(map[string]map[int64]model.NetworkMeasure, len(periods))
		for _, p := range periods {
			ms := measures[p]
			m := make(map[int64]model.NetworkMeasure, len(ms))
			for _, x := range ms {
				m[x.PersonID] = x
			}
			collab[p] = m
		}
		dev, err := developmentFacts(ctx, tx, periods, personNames(people))
		if err != nil {
			return err
		}
		reports := map[int64][]int64{}
		depts := map[int64]bool{}
		for _, p := range everyone {
			if p.ManagerID != 0 {
				reports[p.ManagerID] = append(reports[p.ManagerID], p.ID)
			}
			if p.DepartmentID != 0 {
				depts[p.DepartmentID] = true
			}
		}
		written, err := tx.StatementsWritten(ctx)
		if err != nil {
			return err
		}
		goals, err := teamGoalCounts(ctx, tx, periods)
		if err != nil {
			return err
		}
		cards, err := sc.summaries(ctx, tx, people, periods, true)
		if err != nil {
			return err
		}
		engagement, err := teamEngagementByQuarter(ctx, tx, periods)
		if err != nil {
			return err
		}
		for j, period := range periods {
			_, end, _ := model.PeriodDates(period)
			endT, _ := time.Parse("2006-01-02", end)
			endUnix := endT.Add(24 * time.Hour).Unix()
			year := period[:4]
			list := make([]model.Index, 0, len(people))
			for i, p := range people {
				in := model.IndexInputs{}
				if at, ok := written[p.ID]; ok && at < endUnix {
					in.HasStatement = true
				}
				g := goals[year][p.ID]
				for _, r := range reports[p.ID] {
					rg := goals[year][r]
					g.total += rg.total
					g.linked += rg.linked
				}
				in.TeamGoals, in.LinkedGoals = g.total, g.linked
				if d, ok := dev[period][p.ID]; ok {
					in.InProgram, in.ProgramProgress = d.InProgram, d.Progress
					in.HasCompetency, in.CompetencyBefore, in.CompetencyAfter = d.HasCompetency, d.Before, d.After
				}
				for _, ps := range cards[i][j].Perspectives {
					// Only what the index reads: a missing perspective has no score.
					x := model.PerspectiveScore{Perspective: ps.Perspective, HasData: ps.HasData, WithData: ps.WithData}
					if ps.HasData {
						x.Score = ps.Score
					}
					in.Perspectives = append(in.Perspectives, x)
				}
				if m, ok := collab[period][p.ID]; ok {
					in.DepartmentsReached, in.Contributions = m.DepartmentsReached, m.Contributions
				}
				if p.DepartmentID != 0 && depts[p.DepartmentID] {
					in.OtherDepartments = len(depts) - 1
				} else {
					in.OtherDepartments = len(depts)
				}
				if r, ok := engagement[period][p.ID]; ok {
					if r.Status == model.TeamResultOK && r.HasEngagement {
						in.HasEngagement, in.Engagement, in.Respondents = true, r.Engagement, r.Respondents
					} else {
						in.EngagementHidden = true
					}
				}
				x := score.PurposeLeadershipIndex(in, weights, sc.settings)
				x.Person, x.Period = p, period
				list = append(list, x)
			}
			out[period] = list
		}
		return nil
	})
	return out, run, err
}

// middleManagers returns the active middle managers with their scorecard fields, by
// name: the people of the index.
func middleManagers(ctx context.Context, tx *store.Tx) ([]model.Person, error) {
	all, err := tx.FindScorecardPeople(ctx, store.ScorecardPeopleFilter{})
	if err != nil {
		return nil, err
	}
	var people []model.Person
	for _, p := range all {
		if p.IsMiddleManager {
			people = append(people, p)
		}
	}
	return people, nil
}

// personNames returns people's ids and names.
func personNames(people []model.Person) []store.PersonName {
	out := make([]store.PersonName, len(people))
	for i, p := range people {
		out[i] = store.PersonName{ID: p.ID, Name: p.Name}
	}
	return out
}

type goalCount struct{ total, linked int }

// teamGoalCounts counts, for each year of the periods and each owner, the goals of
// that year and those that reach a strategic objective.
func teamGoalCounts(ctx context.Context, tx *store.Tx, periods []string) (map[string]map[int64]goalCount, error) {
	links, err := tx.AllGoalLinks(ctx)
	if err != nil {
		return nil, err
	}
	parents := map[int64][]model.GoalLink{}
	for _, l := range links {
		parents[l.ChildID] = append(parents[l.ChildID], l)
	}
	reaches := goalReach(parents)
	out := map[string]map[int64]goalCount{}
	for _, p := range periods {
		year := p[:4]
		if out[year] != nil {
			continue
		}
		gs, err := tx.GoalOwners(ctx, year)
		if err != nil {
			return nil, err
		}
		m := map[int64]goalCount{}
		for _, g := range gs {
			x := m[g.OwnerID]
			x.total++
			if reaches(g.ID) {
				x.linked++
			}
			m[g.OwnerID] = x
		}
		out[year] = m
	}
	return out, nil
}

// teamEngagementByQuarter returns each manager's team result from the latest pulse
// that opened in each quarter.
func teamEngagementByQuarter(ctx context.Context, tx *store.Tx, periods []string) (map[string]map[int64]model.TeamResult, error) {
	var months []string
	for _, p := range periods {
		months = append(months, model.MonthsOf(p)...)
	}
	rs, err := tx.FindTeamResults(ctx, store.TeamResultFilter{Periods: months})
	if err != nil {
		return nil, err
	}
	out := map[string]map[int64]model.TeamResult{}
	for _, r := range rs { // newest round first: the first seen wins
		q := model.QuarterOf(r.Period)
		if out[q] == nil {
			out[q] = map[int64]model.TeamResult{}
		}
		if _, seen := out[q][r.ManagerID]; !seen {
			out[q][r.ManagerID] = r
		}
	}
	return out, nil
}

// RecomputeIndex computes every kept period afresh and stores it. hr, admin and the
// system (the scheduled job).
func (c *Core) RecomputeIndex(ctx context.Context, actor model.Actor) ([]model.IndexRun, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return nil, err
	}
	periods := c.IndexPeriodList()
	values, run, err := c.ComputeIndex(ctx, model.System, periods)
	if err != nil {
		return nil, err
	}
	var runs []model.IndexRun
	err = c.write(ctx, func(tx *store.Tx) error {
		runs = runs[:0]
		now := tx.Now().Unix()
		for _, p := range periods {
			r := run
			r.Period, r.ComputedAt, r.Managers = p, now, len(values[p])
			if err := tx.ReplaceIndexRun(ctx, r, values[p]); err != nil {
				return err
			}
			runs = append(runs, r)
		}
		return tx.DeleteIndexRunsExcept(ctx, periods)
	})
	if err != nil {
		return nil, err
	}
	if _, err := c.refreshProgramImpacts(ctx); err != nil {
		return nil, err
	}
	if _, _, err := c.refreshDashboard(ctx); err != nil {
		return nil, err
	}
	if _, err := c.refreshIndexHeatmaps(ctx); err != nil {
		return nil, err
	}
	c.log.Info("index recomputed", "periods", len(periods), "managers", len(values[periods[len(periods)-1]]))
	return runs, nil
}

// indexRuns returns the stored runs of the kept periods, computing them first when one
// was never computed, and scheduling a recompute when one is out of date.
func (c *Core) indexRuns(ctx context.Context) (map[string]model.IndexRun, error) {
	runs, err := c.storedIndexRuns(ctx)
	if err != nil {
		return nil, err
	}
	stale := false
	now := c.Now()
	for _, p := range c.IndexPeriodList() {
		r, ok := runs[p]
		if !ok {
			if _, err := c.RecomputeIndex(ctx, model.System); err != nil {
				return nil, err
			}
			return c.storedIndexRuns(ctx)
		}
		if now.Sub(time.Unix(r.ComputedAt, 0)) > IndexTTL {
			stale = true
		}
	}
	if stale {
		// One job per TTL window: the dedupe key names the window, so a finished job
		// does not block the next one and concurrent readers add only one.
		key := fmt.Sprintf("%s:%d", jobIndexRecompute, now.Unix()/int64(IndexTTL.Seconds()))
		err := c.write(ctx, func(tx *store.Tx) error {
			return enqueue(ctx, tx, jobIndexRecompute, key, struct{}{}, now.Unix())
		})
		if err != nil {
			c.log.Warn("schedule index recompute", "err", err.Error())
		}
	}
	return runs, nil
}

// canReadIndexes reports whether the actor reads every manager's index.
func canReadIndexes(actor model.Actor) bool {
	return actor.Is(model.RoleAdmin, model.RoleHR, model.RoleExecutive)
}

// IndexView is one manager's index for a period, opened to its components and their
// inputs, with the trend over the kept periods.
type IndexView struct {
	Index   model.Index
	Trend   []model.Index // oldest first; Has false where the manager had no value
	Run     model.IndexRun
	Periods []string
	Own     bool
}

// PersonIndex returns a manager's index. A manager reads their own and those of the
// managers in their reporting line; executives, hr and admin read everyone's.
func (c *Core) PersonIndex(ctx context.Context, actor model.Actor, personID int64, period string) (IndexView, error) {
	if err := requireSignedIn(actor); err != nil {
		return IndexView{}, err
	}
	period, err := c.indexPeriod(period)
	if err != nil {
		return IndexView{}, err
	}
	if personID == 0 {
		personID = actor.PersonID
	}
	runs, err := c.indexRuns(ctx)
	if err != nil {
		return IndexView{}, err
	}
	v := IndexView{Run: runs[period], Periods: c.IndexPeriodList(), Own: personID == actor.PersonID}
	err = c.read(ctx, func(tx *store.Tx) error {
		p, err := tx.FindPersonByID(ctx, personID)
		if err != nil {
			return notFound(err, "person")
		}
		if !v.Own && !canReadIndexes(actor) && (actor.Line == "" || !strings.HasPrefix(p.Path, actor.Line)) {
			return model.Forbidden()
		}
		xs, _, err := tx.FindIndexValues(ctx, model.IndexFilter{PersonIDs: []int64{personID}})
		if err != nil {
			return err
		}
		byPeriod := map[string]model.Index{}
		for _, x := range xs {
			byPeriod[x.Period] = explain(x, runs[x.Period])
		}
		x, ok := byPeriod[period]
		if !ok {
			return model.NotFound("index")
		}
		v.Index = x
		for _, q := range v.Periods {
			t, ok := byPeriod[q]
			if !ok {
				t = model.Index{Period: q}
			}
			v.Trend = append(v.Trend, t)
		}
		return nil
	})
	return v, err
}

// explain fills a stored value's components from its inputs with the run's weights.
func explain(x model.Index, run model.IndexRun) model.Index {
	y := score.PurposeLeadershipIndex(x.Inputs, run.Weights, run.Settings)
	y.Person, y.Period = x.Person, x.Period
	return y
}

// IndexListQuery selects managers' index values for a list.
type IndexListQuery struct {
	Period       string
	DepartmentID int64
	LocationID   int64
	Depth        int
	Page         model.Page
}

// IndexList is one period's values for a set of managers, best first.
type IndexList struct {
	model.List[model.Index]
	Period string
	Run    model.IndexRun
}

// Indexes lists managers' index values for a period: everyone's for executives, hr and
// admin; the managers in their reporting line for a manager.
func (c *Core) Indexes(ctx context.Context, actor model.Actor, q IndexListQuery) (IndexList, error) {
	if err := requireSignedIn(actor); err != nil {
		return IndexList{}, err
	}
	period, err := c.indexPeriod(q.Period)
	if err != nil {
		return IndexList{}, err
	}
	f := model.IndexFilter{Periods: []string{period}, DepartmentID: q.DepartmentID, LocationID: q.LocationID, Depth: q.Depth, Page: q.Page.Normalize()}
	if !canReadIndexes(actor) {
		if actor.Line == "" || !actor.Is(model.RoleManager) {
			return IndexList{}, model.Forbidden()
		}
		f.Under = actor.Line
	}
	runs, err := c.indexRuns(ctx)
	if err != nil {
		return IndexList{}, err
	}
	out := IndexList{Period: period, Run: runs[period]}
	out.Page = f.Page
	err = c.read(ctx, func(tx *store.Tx) error {
		xs, total, err := tx.FindIndexValues(ctx, f)
		if err != nil {
			return err
		}
		out.Total = total
		for _, x := range xs {
			out.Items = append(out.Items, explain(x, out.Run))
		}
		return nil
	})
	return out, err
}

// IndexMeasures are what a heatmap can show: the index and its components.
var IndexMeasures = append([]string{"index"}, componentKeys()...)

func componentKeys() []string {
	out := make([]string, len(model.IndexComponents))
	for i, c := range model.IndexComponents {
		out[i] = string(c)
	}
	return out
}

// MeasureLabel names a heatmap measure.
func MeasureLabel(m string) string {
	if m == "index" {
		return "Purpose Leadership Index"
	}
	return model.IndexComponent(m).Label()
}

// answerMeasures are the measures with people's survey answers inside: the team
// engagement and the index, which includes it.
func answerMeasure(m string) bool {
	return m == "index" || m == string(model.ComponentEngagement)
}

// HeatCell is one cell of an index heatmap.
type HeatCell struct {
	Mean     float64
	N        int  // managers with a value
	Managers int  // managers in the group
	Closed   bool // people's answers are inside and too few stand behind it
	Missing  bool // no manager in the group has a value
}

// HeatGroup is one row of an index heatmap: a department, location or level.
type HeatGroup struct {
	ID    int64
	Name  string
	Cells map[string][]HeatCell // by measure, one cell per period
}

// IndexHeatmap is the index and its components by group and period.
type IndexHeatmap struct {
	By       model.IndexGroupBy
	Periods  []string
	Measures []string
	Groups   []HeatGroup
	K        int
	Run      model.IndexRun // the latest period's run
}

// IndexHeatmap returns the index and its components by department, location or level
// over the kept periods. A team engagement cell stays closed when the teams shown in it
// were hidden below the threshold, or when fewer than k people answered in the teams
// behind it; the index, which includes team engagement, only ever includes teams at or
// above the threshold. Executives, hr and admin.
func (c *Core) IndexHeatmap(ctx context.Context, actor model.Actor, by model.IndexGroupBy) (IndexHeatmap, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR, model.RoleExecutive); err != nil {
		return IndexHeatmap{}, err
	}
	if by == "" {
		by = model.IndexByDepartment
	}
	if !by.Valid() {
		msg := "Group by department, location or level."
		return IndexHeatmap{}, &model.Error{Code: model.CodeInvalid, Message: msg, Fields: map[string]string{"by": msg}}
	}
	if _, err := c.indexRuns(ctx); err != nil { // schedules a recompute when stale
		return IndexHeatmap{}, err
	}
	return c.heatmaps.read(ctx, c, heatmapSnapshot(by), func() (IndexHeatmap, error) {
		hs, err := c.refreshIndexHeatmaps(ctx)
		return hs[by], err
	})
}

// ComputeIndexHeatmap computes a heatmap afresh from the stored index. The system
// only: people read the stored heatmaps, computed with the index (refreshIndexHeatmaps).
func (c *Core) ComputeIndexHeatmap(ctx context.Context, actor model.Actor, by model.IndexGroupBy) (IndexHeatmap, error) {
	if !actor.IsSystem() {
		return IndexHeatmap{}, model.Forbidden()
	}
	runs, err := c.storedIndexRuns(ctx)
	if err != nil {
		return IndexHeatmap{}, err
	}
	h := IndexHeatmap{By: by, Periods: c.IndexPeriodList(), Measures: IndexMeasures}
	h.Run = runs[h.Periods[len(h.Periods)-1]]
	err = c.read(ctx, func(tx *store.Tx) error {
		k, err := threshold(ctx, tx)
		if err != nil {
			return err
		}
		h.K = k
		sums, err := tx.IndexSums(ctx, model.IndexFilter{Periods: h.Periods}, by)
		if err != nil {
			return err
		}
		names, err := groupNames(ctx, tx, by)
		if err != nil {
			return err
		}
		col := map[string]int{}
		for i, p := range h.Periods {
			col[p] = i
		}
		groups := map[int64]*HeatGroup{}
		for _, s := range sums {
			g := groups[s.GroupID]
			if g == nil {
				g = &HeatGroup{ID: s.GroupID, Name: names(s.GroupID), Cells: map[string][]HeatCell{}}
				for _, m := range h.Measures {
					g.Cells[m] = make([]HeatCell, len(h.Periods))
					for j := range g.Cells[m] {
						g.Cells[m][j].Missing = true
					}
				}
				groups[s.GroupID] = g
			}
			j := col[s.Period]
			for _, m := range h.Measures {
				g.Cells[m][j] = heatCell(m, s, k)
			}
		}
		for _, g := range groups {
			h.Groups = append(h.Groups, *g)
		}
		sort.Slice(h.Groups, func(a, b int) bool {
			if by == model.IndexByLevel {
				return h.Groups[a].ID < h.Groups[b].ID
			}
			return h.Groups[a].Name < h.Groups[b].Name
		})
		return nil
	})
	return h, err
}

// storedIndexRuns returns the stored runs by period, as they are.
func (c *Core) storedIndexRuns(ctx context.Context) (map[string]model.IndexRun, error) {
	out := map[string]model.IndexRun{}
	err := c.read(ctx, func(tx *store.Tx) error {
		runs, err := tx.FindIndexRuns(ctx)
		for _, r := range runs {
			out[r.Period] = r
		}
		return err
	})
	return out, err
}

// heatCell turns a group's sums into one cell.
func heatCell(m string, s model.IndexCellSums, k int) HeatCell {
	c := HeatCell{N: s.N[m], Managers: s.Managers}
	switch {
	case m == string(model.ComponentEngagement) && c.N == 0 && s.Hidden > 0:
		c.Closed = true
	case answerMeasure(m) && c.N > 0 && s.Answered > 0 && s.Answered < k:
		c.Closed = true
	case c.N == 0:
		c.Missing = true
	default:
		c.Mean = s.Sum[m] / float64(c.N)
	}
	return c
}

// groupNames returns a function naming a heatmap group.
func groupNames(ctx context.Context, tx *store.Tx, by model.IndexGroupBy) (func(int64) string, error) {
	names := map[int64]string{}
	switch by {
	case model.IndexByDepartment:
		ds, err := tx.FindDepartments(ctx)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			names[d.ID] = d.Name
		}
	case model.IndexByLocation:
		ls, err := tx.FindLocations(ctx)
		if err != nil {
			return nil, err
		}
		for _, l := range ls {
			names[l.ID] = l.Name
		}
	}
	return func(id int64) string {
		if by == model.IndexByLevel {
			return fmt.Sprintf("Level %d", id)
		}
		if n, ok := names[id]; ok {
			return n
		}
		return "None"
	}, nil
}
