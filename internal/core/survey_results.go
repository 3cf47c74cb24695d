package core

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"throughline/internal/model"
	"throughline/internal/store"
)

// Results of closed rounds. Every figure here comes from the anonymity engine: a group
// is turned into the atoms it contains, Blocks.Cover decides whether it may be shown
// and which blocks it is made of, and its figures are sums of those blocks' tallies.

// roundData is a closed round loaded for the engine.
type roundData struct {
	round     model.Round
	groups    []store.GroupRecord
	blocks    Blocks
	tallies   *BlockTallies
	questions []model.Question
	names     *nameBook
	bucket    groupBuckets // read-only once loaded: a kept round is shared
	people    []int64      // the managers on the groups' paths, read-only
	whole     *wholeMemo   // the whole organization's results, computed once
}

// wholeMemo keeps a round's results for the whole organization (no slice, no line),
// which the results of every later pulse read for their trend: a closed round never
// changes, so they are computed once per kept round. The labels are left out (callers
// set them).
type wholeMemo struct {
	mu    sync.Mutex
	byKey map[bool]model.GroupResult // by withQuestions
}

// groupBuckets index a round's groups (by position) by the attributes a slice can fix,
// so that a slice's groups are found without scanning them all: a breakdown by team
// compared with the previous round would otherwise cost teams × groups.
type groupBuckets struct {
	dept, loc, team map[int64][]int
	level           map[int][]int
	tenure          map[model.TenureBand][]int
}

func bucketGroups(groups []store.GroupRecord) groupBuckets {
	b := groupBuckets{dept: map[int64][]int{}, loc: map[int64][]int{}, team: map[int64][]int{}, level: map[int][]int{}, tenure: map[model.TenureBand][]int{}}
	for i, g := range groups {
		b.dept[g.DepartmentID] = append(b.dept[g.DepartmentID], i)
		b.loc[g.LocationID] = append(b.loc[g.LocationID], i)
		b.team[g.TeamID] = append(b.team[g.TeamID], i)
		b.level[g.Level] = append(b.level[g.Level], i)
		b.tenure[g.Tenure] = append(b.tenure[g.Tenure], i)
	}
	return b
}

// candidates returns the positions of the groups that may match a slice (every group
// when it fixes none of the bucketed attributes, as nil, false): the smallest bucket
// among those it fixes. matches still decides.
func (d *roundData) candidates(s model.SurveySlice) ([]int, bool) {
	var best []int
	found := false
	try := func(set bool, ids []int) {
		if set && (!found || len(ids) < len(best)) {
			best, found = ids, true
		}
	}
	try(s.TeamID != 0, d.bucket.team[s.TeamID])
	try(s.DepartmentID != 0, d.bucket.dept[s.DepartmentID])
	try(s.LocationID != 0, d.bucket.loc[s.LocationID])
	try(s.Level != 0, d.bucket.level[s.Level])
	try(s.Tenure != "", d.bucket.tenure[s.Tenure])
	return best, found
}

func loadRound(ctx context.Context, tx *store.Tx, rc *roundCache, r model.Round) (*roundData, error) {
	if d, ok := rc.get(r); ok {
		return d, nil
	}
	groups, err := tx.FindGroups(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	d, err := loadRoundWith(ctx, tx, r, groups)
	if err != nil {
		return nil, err
	}
	rc.put(d)
	return d, nil
}

// loadRoundWith loads a round's stored blocks, questions and answers.
func loadRoundWith(ctx context.Context, tx *store.Tx, r model.Round, groups []store.GroupRecord) (*roundData, error) {
	groups = append(make([]store.GroupRecord, 0, len(groups)), groups...) // exactly sized: a closed round may be kept
	d := &roundData{round: r, groups: groups, bucket: bucketGroups(groups), people: pathPeople(groups), whole: &wholeMemo{}}
	as := make([]AnonAtom, len(groups))
	blockOf := make(map[int64]int64, len(groups))
	for i, g := range groups {
		as[i] = AnonAtom{ID: g.ID, Respondents: g.Respondents}
		blockOf[g.ID] = g.Block
	}
	d.blocks = RestoreBlocks(r.MinGroup, as, blockOf)
	var err error
	if d.questions, err = tx.SurveyQuestions(ctx, r.SurveyID); err != nil {
		return nil, err
	}
	rows, err := tx.BlockTallies(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	d.tallies = d.blocks.NewTallies()
	d.tallies.width = len(d.questions)
	for _, row := range rows {
		for q, t := range row.Tallies {
			d.tallies.AddBlock(row.Block, q, t)
		}
	}
	return d, nil
}

// inLine reports whether a frozen path is in the reporting line of manager id.
func inLinePath(path string, id int64) bool {
	return strings.Contains(path, "/"+strconv.FormatInt(id, 10)+"/")
}

// matches reports whether a group belongs to a slice within a scope (a line; 0: all).
func matches(g *store.GroupRecord, s model.SurveySlice, scope int64) bool {
	switch {
	case s.DepartmentID != 0 && g.DepartmentID != s.DepartmentID,
		s.LocationID != 0 && g.LocationID != s.LocationID,
		s.TeamID != 0 && g.TeamID != s.TeamID,
		s.LineID != 0 && !inLinePath(g.Path, s.LineID),
		s.Level != 0 && g.Level != s.Level,
		s.Tenure != "" && g.Tenure != s.Tenure,
		scope != 0 && !inLinePath(g.Path, scope):
		return false
	}
	return true
}

// result computes one group's result through the engine. A slice reads only the groups
// of its smallest bucket (candidates): a breakdown by team compared with the previous
// round would otherwise read every group once per team (at 100,000 people, some 14,000
// teams times 60,000 groups).
func (d *roundData) result(key, label string, s model.SurveySlice, scope int64, withQuestions bool) model.GroupResult {
	if s.IsZero() && scope == 0 && d.whole != nil {
		d.whole.mu.Lock()
		defer d.whole.mu.Unlock()
		gr, ok := d.whole.byKey[withQuestions]
		if !ok {
			gr = d.computeResult("", "", s, scope, withQuestions)
			if d.whole.byKey == nil {
				d.whole.byKey = map[bool]model.GroupResult{}
			}
			d.whole.byKey[withQuestions] = gr
		}
		gr.Key, gr.Label = key, label
		gr.Questions = append([]model.QuestionResult(nil), gr.Questions...) // callers fill in changes
		gr.Dimensions = append([]model.DimensionResult(nil), gr.Dimensions...)
		if gr.ENPS != nil {
			e := *gr.ENPS
			gr.ENPS = &e
		}
		return gr
	}
	return d.computeResult(key, label, s, scope, withQuestions)
}

// computeResult computes one group's result through the engine.
func (d *roundData) computeResult(key, label string, s model.SurveySlice, scope int64, withQuestions bool) model.GroupResult {
	var atoms []int64
	invited := 0
	add := func(g *store.GroupRecord) {
		if matches(g, s, scope) {
			atoms = append(atoms, g.ID)
			invited += g.Invited
		}
	}
	if ids, ok := d.candidates(s); ok {
		for _, i := range ids {
			add(&d.groups[i])
		}
	} else {
		for i := range d.groups {
			add(&d.groups[i])
		}
	}
	return d.resultOf(key, label, s, atoms, invited, withQuestions)
}

func (d *roundData) resultOf(key, label string, s model.SurveySlice, atoms []int64, invited int, withQuestions bool) model.GroupResult {
	gr := model.GroupResult{Key: key, Label: label, Slice: s, Invited: invited}
	v, blocks := d.blocks.Cover(atoms)
	if !v.Shown {
		return gr
	}
	gr.Shown, gr.Respondents = true, v.Respondents
	if invited > 0 {
		gr.ResponseRate = 100 * float64(v.Respondents) / float64(invited)
	}
	dims := map[model.Dimension]*Tally{}
	var enps Tally
	hasENPS := false
	sums := d.tallies.SumAll(blocks)
	for _, q := range d.questions {
		if q.Kind == model.KindComment {
			continue
		}
		t := sums[q.ID]
		if q.Kind == model.KindENPS {
			enps.Add(t)
			hasENPS = true
		} else {
			if dims[q.Dimension] == nil {
				dims[q.Dimension] = &Tally{}
			}
			dims[q.Dimension].Add(t)
		}
		if withQuestions {
			gr.Questions = append(gr.Questions, model.QuestionResult{Question: q, Score: ScoreOf(q.Kind, t), Skipped: v.Respondents - t.N()})
		}
	}
	for _, dim := range model.ScoreDimensions {
		if t := dims[dim]; t != nil {
			gr.Dimensions = append(gr.Dimensions, model.DimensionResult{Dimension: dim, Score: ScoreOf(model.KindLikert, *t)})
		}
	}
	if hasENPS {
		s := ScoreOf(model.KindENPS, enps)
		gr.ENPS = &s
	}
	return gr
}

// compare fills in the change since prev, for groups both rounds show.
func compare(cur *model.GroupResult, prev model.GroupResult) {
	if !cur.Shown || !prev.Shown {
		return
	}
	for i := range cur.Dimensions {
		if p, ok := prev.Dimension(cur.Dimensions[i].Dimension); ok && cur.Dimensions[i].Answered > 0 {
			cur.Dimensions[i].HasChange = true
			cur.Dimensions[i].Change = cur.Dimensions[i].Favourable - p.Favourable
		}
	}
	if cur.ENPS != nil && prev.ENPS != nil && cur.ENPS.Answered > 0 && prev.ENPS.Answered > 0 {
		cur.ENPS.HasChange = true
		cur.ENPS.Change = cur.ENPS.ENPS - prev.ENPS.ENPS
	}
	byQ := map[int64]model.QuestionResult{}
	for _, q := range prev.Questions {
		byQ[q.Question.ID] = q
	}
	for i := range cur.Questions {
		q := &cur.Questions[i]
		if p, ok := byQ[q.Question.ID]; ok && p.Answered > 0 && q.Answered > 0 {
			q.HasChange = true
			q.Change = q.Value(q.Question.Kind) - p.Value(p.Question.Kind)
		}
	}
}

// surveyCandidates lists the groups the engine considers when it makes the blocks of a
// round, in order of priority: everyone; departments; managers' teams (the unit that
// feeds the scorecards); reporting lines; locations; levels; tenure bands; then pairs
// of department, location, level and tenure. Within a kind, larger groups (by
// respondents) come first, so that of two conflicting groups the smaller is refused.
func surveyCandidates(groups []store.GroupRecord) [][]int64 {
	var out [][]int64
	all := make([]int64, 0, len(groups))
	for _, g := range groups {
		if g.Respondents > 0 {
			all = append(all, g.ID)
		}
	}
	out = append(out, all)
	byKey := func(key func(g store.GroupRecord) (string, bool)) {
		type cand struct {
			key   string
			atoms []int64
			n     int
		}
		m := map[string]*cand{}
		for _, g := range groups {
			if g.Respondents == 0 {
				continue
			}
			k, ok := key(g)
			if !ok {
				continue
			}
			c := m[k]
			if c == nil {
				c = &cand{key: k}
				m[k] = c
			}
			c.atoms = append(c.atoms, g.ID)
			c.n += g.Respondents
		}
		list := make([]*cand, 0, len(m))
		for _, c := range m {
			list = append(list, c)
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].n != list[j].n {
				return list[i].n > list[j].n
			}
			return list[i].key < list[j].key
		})
		for _, c := range list {
			out = append(out, c.atoms)
		}
	}
	id := func(v int64) string { return strconv.FormatInt(v, 10) }
	byKey(func(g store.GroupRecord) (string, bool) { return id(g.DepartmentID), g.DepartmentID != 0 })
	byKey(func(g store.GroupRecord) (string, bool) { return id(g.TeamID), g.TeamID != 0 })
	// Reporting lines: a group belongs to the line of every manager on its path.
	lines := map[int64][]int64{}
	lineN := map[int64]int{}
	for _, g := range groups {
		if g.Respondents == 0 {
			continue
		}
		for _, m := range store.PathIDs(g.Path) {
			lines[m] = append(lines[m], g.ID)
			lineN[m] += g.Respondents
		}
	}
	managers := make([]int64, 0, len(lines))
	for m := range lines {
		managers = append(managers, m)
	}
	sort.Slice(managers, func(i, j int) bool {
		if lineN[managers[i]] != lineN[managers[j]] {
			return lineN[managers[i]] > lineN[managers[j]]
		}
		return managers[i] < managers[j]
	})
	for _, m := range managers {
		out = append(out, lines[m])
	}
	byKey(func(g store.GroupRecord) (string, bool) { return id(g.LocationID), g.LocationID != 0 })
	byKey(func(g store.GroupRecord) (string, bool) { return strconv.Itoa(g.Level), true })
	byKey(func(g store.GroupRecord) (string, bool) { return string(g.Tenure), true })
	byKey(func(g store.GroupRecord) (string, bool) { return id(g.DepartmentID) + "|" + id(g.LocationID), true })
	byKey(func(g store.GroupRecord) (string, bool) {
		return id(g.DepartmentID) + "|" + strconv.Itoa(g.Level), true
	})
	byKey(func(g store.GroupRecord) (string, bool) { return id(g.DepartmentID) + "|" + string(g.Tenure), true })
	byKey(func(g store.GroupRecord) (string, bool) { return id(g.LocationID) + "|" + strconv.Itoa(g.Level), true })
	byKey(func(g store.GroupRecord) (string, bool) { return id(g.LocationID) + "|" + string(g.Tenure), true })
	byKey(func(g store.GroupRecord) (string, bool) { return strconv.Itoa(g.Level) + "|" + string(g.Tenure), true })
	return out
}

// teamResults computes every manager's team result of a closed round.
func (d *roundData) teamResults() []model.TeamResult {
	teams := map[int64]bool{}
	for _, g := range d.groups {
		if g.TeamID != 0 {
			teams[g.TeamID] = true
		}
	}
	ids := make([]int64, 0, len(teams))
	for id := range teams {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	byTeam := map[int64][]int64{}
	invited := map[int64]int{}
	for _, g := range d.groups {
		if g.TeamID != 0 {
			byTeam[g.TeamID] = append(byTeam[g.TeamID], g.ID)
			invited[g.TeamID] += g.Invited
		}
	}
	out := make([]model.TeamResult, 0, len(ids))
	for _, m := range ids {
		gr := d.resultOf("", "", model.SurveySlice{TeamID: m}, byTeam[m], invited[m], false)
		tr := model.TeamResult{RoundID: d.round.ID, ManagerID: m, Period: d.round.Period(), Status: model.TeamResultInsufficient}
		eng, hasEng := gr.Dimension(model.DimEngagement)
		hasENPS := gr.ENPS != nil && gr.ENPS.Answered > 0
		if gr.Shown && (hasEng || hasENPS) {
			tr.Status, tr.Respondents = model.TeamResultOK, gr.Respondents
			tr.HasEngagement, tr.Engagement = hasEng, eng.Favourable
			if hasENPS {
				tr.HasENPS, tr.ENPS = true, gr.ENPS.ENPS
			}
		}
		out = append(out, tr)
	}
	return out
}

// nameBook names departments, locations and managers for labels.
type nameBook struct {
	depts, locs, people map[int64]string
}

func loadNames(ctx context.Context, tx *store.Tx, d *roundData) (*nameBook, error) {
	nb := &nameBook{}
	var err error
	if nb.depts, err = tx.UnitNames(ctx, "departments"); err != nil {
		return nil, err
	}
	if nb.locs, err = tx.UnitNames(ctx, "locations"); err != nil {
		return nil, err
	}
	if nb.people, err = tx.PersonNames(ctx, d.people); err != nil {
		return nil, err
	}
	return nb, nil
}

// pathPeople lists, once, the managers on the frozen paths of a round's groups: the
// people a results page may name.
func pathPeople(groups []store.GroupRecord) []int64 {
	seen := map[int64]bool{}
	var ids []int64
	paths := map[string]bool{}
	for _, g := range groups {
		if paths[g.Path] {
			continue
		}
		paths[g.Path] = true
		for _, m := range store.PathIDs(g.Path) {
			if !seen[m] {
				seen[m] = true
				ids = append(ids, m)
			}
		}
	}
	return ids
}

func (nb *nameBook) dept(id int64) string {
	if n, ok := nb.depts[id]; ok {
		return n
	}
	return "No department"
}

func (nb *nameBook) loc(id int64) string {
	if n, ok := nb.locs[id]; ok {
		return n
	}
	return "No location"
}

func (nb *nameBook) person(id int64) string {
	if n, ok := nb.people[id]; ok {
		return n
	}
	return "Person " + strconv.FormatInt(id, 10)
}

// sliceLabel describes a slice in words.
func (nb *nameBook) sliceLabel(s model.SurveySlice) string {
	var parts []string
	if s.TeamID != 0 {
		parts = append(parts, "Team of "+nb.person(s.TeamID))
	}
	if s.LineID != 0 {
		parts = append(parts, "Everyone under "+nb.person(s.LineID))
	}
	if s.DepartmentID != 0 {
		parts = append(parts, nb.dept(s.DepartmentID))
	}
	if s.LocationID != 0 {
		parts = append(parts, nb.loc(s.LocationID))
	}
	if s.Level != 0 {
		parts = append(parts, "Level "+strconv.Itoa(s.Level))
	}
	if s.Tenure != "" {
		parts = append(parts, s.Tenure.Label())
	}
	if len(parts) == 0 {
		return "Everyone"
	}
	return strings.Join(parts, " · ")
}

// breakdown returns one row per value of by among the groups of a slice.
// breakdown returns the window [offset, offset+limit) of a breakdown's groups in their
// order (every group when limit is 0), and how many there are.
func (d *roundData) breakdown(by model.GroupBy, s model.SurveySlice, scope int64, offset, limit int) ([]model.GroupResult, int) {
	type row struct {
		key   string
		label string
		order int
		slice model.SurveySlice
		atoms []int64
		inv   int
	}
	rows := map[string]*row{}
	for i := range d.groups {
		g := &d.groups[i]
		if !matches(g, s, scope) {
			continue
		}
		rs := s
		var key, label string
		order := 0
		switch by {
		case model.ByDepartment:
			rs.DepartmentID, key, label = g.DepartmentID, "d"+strconv.FormatInt(g.DepartmentID, 10), d.names.dept(g.DepartmentID)
		case model.ByLocation:
			rs.LocationID, key, label = g.LocationID, "l"+strconv.FormatInt(g.LocationID, 10), d.names.loc(g.LocationID)
		case model.ByTeam:
			if g.TeamID == 0 {
				continue // the top of the organization has no manager's team
			}
			rs.TeamID, key, label = g.TeamID, "t"+strconv.FormatInt(g.TeamID, 10), d.names.person(g.TeamID)
		case model.ByLevel:
			rs.Level, key, label, order = g.Level, "v"+strconv.Itoa(g.Level), "Level "+strconv.Itoa(g.Level), g.Level
		case model.ByTenure:
			rs.Tenure, key, label = g.Tenure, "n"+string(g.Tenure), g.Tenure.Label()
			for i, b := range model.TenureBands {
				if b == g.Tenure {
					order = i
				}
			}
		default:
			return nil, 0
		}
		r := rows[key]
		if r == nil {
			r = &row{key: key, label: label, order: order, slice: rs}
			rows[key] = r
		}
		r.atoms = append(r.atoms, g.ID)
		r.inv += g.Invited
	}
	list := make([]*row, 0, len(rows))
	for _, r := range rows {
		list = append(list, r)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].order != list[j].order {
			return list[i].order < list[j].order
		}
		return list[i].label < list[j].label
	})
	total := len(list)
	offset = min(max(offset, 0), total)
	list = list[offset:]
	if limit > 0 && limit < len(list) {
		list = list[:limit]
	}
	out := make([]model.GroupResult, len(list))
	for i, r := range list {
		out[i] = d.resultOf(r.key, r.label, r.slice, r.atoms, r.inv, false)
	}
	return out, total
}

// options lists the filter choices within a scope.
func (d *roundData) options(scope int64, s model.SurveySlice, res *model.SurveyResults) {
	depts, locs, teams, levels, tenures := map[int64]bool{}, map[int64]bool{}, map[int64]bool{}, map[int]bool{}, map[model.TenureBand]bool{}
	for i := range d.groups {
		g := &d.groups[i]
		if scope != 0 && !inLinePath(g.Path, scope) {
			continue
		}
		depts[g.DepartmentID] = true
		locs[g.LocationID] = true
		if g.TeamID != 0 {
			teams[g.TeamID] = true
		}
		levels[g.Level] = true
		tenures[g.Tenure] = true
	}
	named := func(m map[int64]bool, name func(int64) string) []model.Option {
		var out []model.Option
		for id := range m {
			if id != 0 {
				out = append(out, model.Option{ID: id, Label: name(id)})
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
		return out
	}
	res.Departments = named(depts, d.names.dept)
	res.Locations = named(locs, d.names.loc)
	if len(teams) > model.MaxTeamOptions {
		// Too many to list: the teams of the chosen department, and the chosen team.
		res.TeamsByDepartment = true
		in := map[int64]bool{}
		for i := range d.groups {
			g := &d.groups[i]
			if g.TeamID != 0 && teams[g.TeamID] && ((s.DepartmentID != 0 && g.DepartmentID == s.DepartmentID) || g.TeamID == s.TeamID) {
				in[g.TeamID] = true
			}
		}
		teams = in
	}
	res.Teams = named(teams, d.names.person)
	for l := range levels {
		res.Levels = append(res.Levels, model.Option{ID: int64(l), Label: "Level " + strconv.Itoa(l)})
	}
	sort.Slice(res.Levels, func(i, j int) bool { return res.Levels[i].ID < res.Levels[j].ID })
	for _, b := range model.TenureBands {
		if tenures[b] {
			res.Tenures = append(res.Tenures, model.Option{Key: string(b), Label: b.Label()})
		}
	}
}

// hasLine reports whether a manager had anyone below them in the round.
func (d *roundData) hasLine(manager int64) bool {
	for i := range d.groups {
		if inLinePath(d.groups[i].Path, manager) {
			return true
		}
	}
	return false
}

// access decides what the actor sees of a round: everything (hr, admin, executives),
// their own reporting line (managers), or only the organization-wide summary.
func access(actor model.Actor, d *roundData) (scope int64, summaryOnly bool) {
	if actor.SeesEveryone() || actor.Is(model.RoleExecutive) || actor.IsSystem() {
		return 0, false
	}
	if actor.PersonID != 0 && d.hasLine(actor.PersonID) {
		return actor.PersonID, false
	}
	return 0, true
}

// PulseResults returns the results of a closed round as the actor may see them: every
// group through the anonymity engine, the change since the previous round for groups
// both rounds show, the trend of the main group, comments of a shown group, and the
// action plans of a team in view.
func (c *Core) PulseResults(ctx context.Context, actor model.Actor, q model.ResultsQuery) (model.SurveyResults, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.SurveyResults{}, err
	}
	if !q.GroupBy.Valid() {
		return model.SurveyResults{}, &model.Error{Code: model.CodeInvalid, Message: "Choose a breakdown from the list.", Fields: map[string]string{"group_by": "Unknown breakdown."}}
	}
	if q.Slice.Tenure != "" && !q.Slice.Tenure.Valid() {
		return model.SurveyResults{}, &model.Error{Code: model.CodeInvalid, Message: "Choose a tenure band from the list.", Fields: map[string]string{"tenure": "Unknown tenure band."}}
	}
	var res model.SurveyResults
	err := c.read(ctx, func(tx *store.Tx) error {
		var err error
		res, err = pulseResults(ctx, tx, c.rounds, actor, q)
		return err
	})
	return res, err
}

func pulseResults(ctx context.Context, tx *store.Tx, rc *roundCache, actor model.Actor, q model.ResultsQuery) (model.SurveyResults, error) {
	var res model.SurveyResults
	r, err := tx.FindRoundByID(ctx, q.RoundID)
	if err != nil {
		return res, notFound(err, "pulse")
	}
	if r.Status != model.RoundClosed {
		return res, model.Errorf(model.CodeConflict, "Results appear when the pulse closes (%s), so that no one can watch them change as people answer.", r.ClosesOn)
	}
	d, err := loadRound(ctx, tx, rc, r)
	if err != nil {
		return res, err
	}
	if d.names, err = loadNames(ctx, tx, d); err != nil {
		return res, err
	}
	scope, summary := access(actor, d)
	if summary {
		q.Slice, q.GroupBy = model.SurveySlice{}, model.ByNone
	}
	res.Round, res.K, res.Query, res.SummaryOnly = r, r.MinGroup, q, summary
	res.Scope = "organization"
	if scope != 0 {
		res.Scope = d.names.person(scope)
	}
	res.SliceLabel = d.names.sliceLabel(q.Slice)
	if scope != 0 && q.Slice.IsZero() {
		res.SliceLabel = "Everyone under " + d.names.person(scope)
	}
	res.Main = d.result("main", res.SliceLabel, q.Slice, scope, true)
	if scope != 0 || !q.Slice.IsZero() {
		b := d.result("organization", "Whole organization", model.SurveySlice{}, 0, false)
		res.Benchmark = &b
	}
	if q.GroupBy != model.ByNone {
		res.Groups, res.GroupsTotal = d.breakdown(q.GroupBy, q.Slice, scope, q.GroupOffset, q.GroupLimit)
	}
	// The previous round: change since then, for groups both rounds show.
	var pd *roundData
	if prev, err := tx.PreviousRound(ctx, r.SurveyID, r.Number); err == nil {
		if pd, err = loadRound(ctx, tx, rc, prev); err != nil {
			return res, err
		}
		pd.names = d.names
		res.Previous = &prev
		compare(&res.Main, pd.result("main", "", q.Slice, scope, true))
		if res.Benchmark != nil {
			compare(res.Benchmark, pd.result("", "", model.SurveySlice{}, 0, false))
		}
		for i := range res.Groups {
			compare(&res.Groups[i], pd.result("", "", res.Groups[i].Slice, scope, false))
		}
	} else if !errors.Is(err, store.ErrNotFound) {
		return res, err
	}
	// The trend of the main group over the survey's closed rounds, up to this one.
	rounds, err := tx.FindRounds(ctx, store.RoundFilter{SurveyID: r.SurveyID, Statuses: []model.RoundStatus{model.RoundClosed}})
	if err != nil {
		return res, err
	}
	sort.Slice(rounds, func(i, j int) bool { return rounds[i].Number < rounds[j].Number })
	var trendRounds []model.Round
	for _, x := range rounds {
		if x.Number <= r.Number {
			trendRounds = append(trendRounds, x)
		}
	}
	if len(trendRounds) > 12 {
		trendRounds = trendRounds[len(trendRounds)-12:]
	}
	if len(trendRounds) > 1 {
		for _, x := range trendRounds {
			var xd *roundData
			switch {
			case x.ID == r.ID:
				xd = d
			case pd != nil && x.ID == pd.round.ID:
				xd = pd
			default:
				if xd, err = loadRound(ctx, tx, rc, x); err != nil {
					return res, err
				}
			}
			gr := xd.result("", "", q.Slice, scope, false)
			p := model.TrendPoint{RoundID: x.ID, Label: x.Label(), Short: x.ShortLabel(), Shown: gr.Shown}
			if e, ok := gr.Dimension(model.DimEngagement); ok && gr.Shown {
				p.Engagement, p.HasEng = e.Favourable, true
			}
			if gr.Shown && gr.ENPS != nil && gr.ENPS.Answered > 0 {
				p.ENPS, p.HasENPS = gr.ENPS.ENPS, true
			}
			res.Trend = append(res.Trend, p)
		}
	}
	// Comments: only of a shown group, never for the summary-only view.
	if res.Main.Shown && !summary {
		if res.Comments, res.CommentsTotal, err = d.comments(ctx, tx, q.Slice, scope); err != nil {
			return res, err
		}
		res.CommentsShown = true
	}
	// Action plans of the team in view: the two latest up to this round.
	if q.Slice.TeamID != 0 {
		plans, err := tx.FindActionPlans(ctx, store.ActionPlanFilter{ManagerIDs: []int64{q.Slice.TeamID}})
		if err != nil {
			return res, err
		}
		number := map[int64]int{}
		for _, x := range rounds {
			number[x.ID] = x.Number
		}
		number[r.ID] = r.Number
		for _, p := range plans {
			if n, ok := number[p.RoundID]; ok && n <= r.Number && len(res.Plans) < 2 {
				res.Plans = append(res.Plans, p)
			}
		}
		if err := followUps(ctx, tx, rc, res.Plans); err != nil {
			return res, err
		}
	}
	d.options(scope, q.Slice, &res)
	return res, nil
}

// MaxComments is how many comments one view shows: a random sample when there are more.
const MaxComments = 300

// comments returns the comments of a shown slice, in the order of their random ids,
// and how many there are.
func (d *roundData) comments(ctx context.Context, tx *store.Tx, s model.SurveySlice, scope int64) ([]model.SurveyComment, int, error) {
	var ids []int64 // nil: every group, no need to list them
	if s.IsZero() && scope == 0 {
		if !d.result("", "", s, 0, false).Shown { // kept for a closed round
			return nil, 0, nil
		}
	} else {
		var atoms []int64
		for i := range d.groups {
			if matches(&d.groups[i], s, scope) {
				atoms = append(atoms, d.groups[i].ID)
			}
		}
		if !d.blocks.Check(atoms).Shown {
			return nil, 0, nil
		}
		if len(atoms) < len(d.groups) {
			ids = atoms
		}
	}
	rows, total, err := tx.FindRoundComments(ctx, d.round.ID, ids, MaxComments)
	if err != nil {
		return nil, 0, err
	}
	text := map[int64]string{}
	for _, q := range d.questions {
		text[q.ID] = q.Text
	}
	out := make([]model.SurveyComment, len(rows))
	for i, r := range rows {
		out[i] = model.SurveyComment{Question: text[r.QuestionID], Body: r.Body}
	}
	return out, total, nil
}

// ExportPulseResults returns the same results as PulseResults, for a CSV file, and
// records the export in the audit log.
func (c *Core) ExportPulseResults(ctx context.Context, actor model.Actor, q model.ResultsQuery) (model.SurveyResults, error) {
	res, err := c.PulseResults(ctx, actor, q)
	if err != nil {
		return res, err
	}
	err = c.write(ctx, func(tx *store.Tx) error {
		return audit(ctx, tx, actor, "pulse_results_exported", "survey_round", q.RoundID, fmt.Sprintf("group_by=%s", q.GroupBy))
	})
	return res, err
}

// TeamEngagementResults returns, for a closed round, every manager's team with its
// engagement favourability and eNPS where the anonymity engine shows the team, and
// "insufficient" with no figures where it does not. They were computed and stored when
// the round closed; they are what feeds the "employee engagement" and eNPS observations
// of managers' scorecards. hr, admin, executives and the system.
func (c *Core) TeamEngagementResults(ctx context.Context, actor model.Actor, roundID int64) ([]model.TeamResult, error) {
	if !actor.IsSystem() {
		if err := requireRole(actor, model.RoleAdmin, model.RoleHR, model.RoleExecutive); err != nil {
			return nil, err
		}
	}
	var out []model.TeamResult
	err := c.read(ctx, func(tx *store.Tx) error {
		r, err := tx.FindRoundByID(ctx, roundID)
		if err != nil {
			return notFound(err, "pulse")
		}
		if r.Status != model.RoundClosed {
			return model.Errorf(model.CodeConflict, "Team results exist once the pulse has closed.")
		}
		out, err = tx.FindTeamResults(ctx, store.TeamResultFilter{RoundID: roundID})
		return err
	})
	return out, err
}

// TeamEngagement is a manager's own team result in the latest closed round, with the
// one before for comparison.
type TeamEngagement struct {
	Latest   model.TeamResult
	Previous *model.TeamResult
	History  []model.TeamResult // up to six rounds, oldest first
	Round    model.Round
	K        int
}

// MyTeamEngagement returns the actor's team result from the latest closed round in
// which they had a team, or not_found.
func (c *Core) MyTeamEngagement(ctx context.Context, actor model.Actor) (TeamEngagement, error) {
	if err := requireSignedIn(actor); err != nil {
		return TeamEngagement{}, err
	}
	var out TeamEngagement
	if actor.PersonID == 0 {
		return out, model.NotFound("team result")
	}
	err := c.read(ctx, func(tx *store.Tx) error {
		rs, err := tx.FindTeamResults(ctx, store.TeamResultFilter{ManagerID: actor.PersonID, Limit: 6})
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return model.NotFound("team result")
		}
		out.Latest = rs[0]
		if len(rs) > 1 {
			out.Previous = &rs[1]
		}
		for i := len(rs) - 1; i >= 0; i-- {
			out.History = append(out.History, rs[i])
		}
		out.Round, err = tx.FindRoundByID(ctx, rs[0].RoundID)
		out.K = out.Round.MinGroup
		return err
	})
	return out, err
}

// ClosedPulses lists closed rounds whose results the actor can open, newest first.
func (c *Core) ClosedPulses(ctx context.Context, actor model.Actor, limit int) ([]model.Round, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []model.Round
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindRounds(ctx, store.RoundFilter{Statuses: []model.RoundStatus{model.RoundClosed}, Limit: max(1, min(limit, 200))})
		return err
	})
	return out, err
}
