package core

import (
	"context"
	"fmt"
	"sort"

	"throughline/internal/model"
	"throughline/internal/score"
	"throughline/internal/store"
)

// The calibration grid places managers on two axes, each cut in three bands:
//
//	results  financial attainment on the scorecard (0–120%, linear from floor to
//	         target): low below 70%, high from 95%
//	purpose  the mean of the purpose results (the non-financial perspectives,
//	         0–100) and the Purpose Leadership Index (0–100), whichever exist:
//	         low below 50, high from 75
//
// A manager with no data on an axis is listed apart, never put in a band by default.
const (
	ResultsLowEdge  = 0.70
	ResultsHighEdge = 0.95
	PurposeLowEdge  = 50.0
	PurposeHighEdge = 75.0
)

// GridManager is one manager on the calibration grid.
type GridManager struct {
	Person            model.Person
	Financial         float64 // attainment, 0..1.2
	HasFinancial      bool
	PurposeResults    float64 // 0..100
	HasPurposeResults bool
	Index             float64
	HasIndex          bool
	Purpose           float64 // the purpose axis, 0..100
	HasPurpose        bool
	Results           model.Band
	PurposeBand       model.Band
	ReviewID          int64
	Calibration       *model.Calibration
}

// GridCell is one of the nine cells.
type GridCell struct {
	Results, Purpose model.Band
	Managers         []GridManager
}

// GridQuery selects the managers of a grid: those reviewed in a cycle, or the middle
// managers of a department, or both.
type GridQuery struct {
	CycleID      int64
	DepartmentID int64
}

// CalibrationGrid is the 3×3 grid: Rows[0] is high purpose, Rows[2] low; within a row,
// results go from low to high.
type CalibrationGrid struct {
	Query        GridQuery
	Period       string
	Cycle        *model.ReviewCycle
	Cycles       []model.ReviewCycle
	Rows         [3][3]GridCell
	Unplaced     []GridManager
	Total        int
	CanCalibrate bool // hr and admin, with a cycle chosen
}

func resultsBand(attainment float64, has bool) model.Band {
	switch {
	case !has:
		return model.BandNone
	case attainment < ResultsLowEdge:
		return model.BandLow
	case attainment >= ResultsHighEdge:
		return model.BandHigh
	}
	return model.BandMedium
}

func purposeBand(v float64, has bool) model.Band {
	switch {
	case !has:
		return model.BandNone
	case v < PurposeLowEdge:
		return model.BandLow
	case v >= PurposeHighEdge:
		return model.BandHigh
	}
	return model.BandMedium
}

// Calibration returns the calibration grid. Executives, hr and admin.
func (c *Core) Calibration(ctx context.Context, actor model.Actor, q GridQuery) (CalibrationGrid, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR, model.RoleExecutive); err != nil {
		return CalibrationGrid{}, err
	}
	if _, err := c.indexRuns(ctx); err != nil {
		return CalibrationGrid{}, err
	}
	g := CalibrationGrid{Query: q}
	err := c.read(ctx, func(tx *store.Tx) error {
		cycles, err := tx.FindReviewCycles(ctx, nil)
		if err != nil {
			return err
		}
		g.Cycles = cycles
		ms, period, cycle, err := c.gridManagers(ctx, tx, q, nil)
		if err != nil {
			return err
		}
		g.Period, g.Cycle, g.Total = period, cycle, len(ms)
		g.CanCalibrate = cycle != nil && actor.Is(model.RoleAdmin, model.RoleHR)
		for i := range g.Rows {
			for j := range g.Rows[i] {
				g.Rows[i][j] = GridCell{Purpose: []model.Band{model.BandHigh, model.BandMedium, model.BandLow}[i],
					Results: []model.Band{model.BandLow, model.BandMedium, model.BandHigh}[j]}
			}
		}
		for _, m := range ms {
			if m.Results == model.BandNone || m.PurposeBand == model.BandNone {
				g.Unplaced = append(g.Unplaced, m)
				continue
			}
			cell := &g.Rows[2-m.PurposeBand.Index()][m.Results.Index()]
			cell.Managers = append(cell.Managers, m)
		}
		return nil
	})
	return g, err
}

// gridManagers loads the managers of a grid with their axes and bands; only (when not
// nil) restricts them to some people.
func (c *Core) gridManagers(ctx context.Context, tx *store.Tx, q GridQuery, only []int64) ([]GridManager, string, *model.ReviewCycle, error) {
	period := c.DefaultPeriod()
	var cycle *model.ReviewCycle
	var people []model.Person
	reviewOf := map[int64]int64{}
	if q.CycleID != 0 {
		cy, err := tx.FindReviewCycleByID(ctx, q.CycleID)
		if err != nil {
			return nil, "", nil, notFound(err, "review cycle")
		}
		cycle, period = &cy, cy.Period
		rs, err := tx.FindReviews(ctx, store.ReviewFilter{CycleID: q.CycleID})
		if err != nil {
			return nil, "", nil, err
		}
		ids := []int64{}
		for _, r := range rs {
			reviewOf[r.PersonID] = r.ID
			ids = append(ids, r.PersonID)
		}
		if only != nil {
			ids = intersect(ids, only)
		}
		all, err := tx.FindScorecardPeople(ctx, store.ScorecardPeopleFilter{IDs: ids, DepartmentID: q.DepartmentID})
		if err != nil {
			return nil, "", nil, err
		}
		people = all
	} else {
		all, err := tx.FindScorecardPeople(ctx, store.ScorecardPeopleFilter{DepartmentID: q.DepartmentID, IDs: only})
		if err != nil {
			return nil, "", nil, err
		}
		for _, p := range all {
			if p.IsMiddleManager {
				people = append(people, p)
			}
		}
	}
	if len(people) == 0 {
		return nil, period, cycle, nil
	}
	sc, err := loadScoring(ctx, tx)
	if err != nil {
		return nil, "", nil, err
	}
	cards, err := sc.summaries(ctx, tx, people, []string{period}, len(people) >= 500)
	if err != nil {
		return nil, "", nil, err
	}
	ids := make([]int64, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	xs, _, err := tx.FindIndexValues(ctx, model.IndexFilter{Periods: []string{period}, PersonIDs: ids})
	if err != nil {
		return nil, "", nil, err
	}
	index := map[int64]model.Index{}
	for _, x := range xs {
		index[x.Person.ID] = x
	}
	calibrated := map[int64]model.Calibration{}
	if cycle != nil {
		ks, err := tx.FindCalibrations(ctx, cycle.ID, ids)
		if err != nil {
			return nil, "", nil, err
		}
		for _, k := range ks {
			calibrated[k.PersonID] = k
		}
	}
	out := make([]GridManager, len(people))
	for i, p := range people {
		m := GridManager{Person: p, ReviewID: reviewOf[p.ID]}
		card := cards[i][0]
		for _, ps := range card.Perspectives {
			if ps.Perspective == model.PerspectiveFinancial && ps.HasData {
				m.Financial, m.HasFinancial = ps.Score, true
			}
		}
		if v, ok := score.PurposeResults(card.Perspectives, sc.settings); ok {
			m.PurposeResults, m.HasPurposeResults = 100*v, true
		}
		if x, ok := index[p.ID]; ok && x.Has {
			m.Index, m.HasIndex = x.Value, true
		}
		var parts []float64
		if m.HasPurposeResults {
			parts = append(parts, m.PurposeResults)
		}
		if m.HasIndex {
			parts = append(parts, m.Index)
		}
		if len(parts) > 0 {
			m.Purpose, m.HasPurpose = mean(parts), true
		}
		m.Results, m.PurposeBand = resultsBand(m.Financial, m.HasFinancial), purposeBand(m.Purpose, m.HasPurpose)
		if k, ok := calibrated[p.ID]; ok {
			m.Calibration = &k
		}
		out[i] = m
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Person.Name < out[b].Person.Name })
	return out, period, cycle, nil
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func intersect(a, b []int64) []int64 {
	in := map[int64]bool{}
	for _, x := range b {
		in[x] = true
	}
	out := []int64{}
	for _, x := range a {
		if in[x] {
			out = append(out, x)
		}
	}
	return out
}

// Calibrate records hr's calibrated rating of a person reviewed in a cycle, with the
// reason; it keeps the grid cell the person was in, and appears in their review. The
// reason stays out of the audit log. hr and admin.
func (c *Core) Calibrate(ctx context.Context, actor model.Actor, in model.CalibrationInput) (model.Calibration, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return model.Calibration{}, err
	}
	if err := in.Validate(); err != nil {
		return model.Calibration{}, err
	}
	if _, err := c.indexRuns(ctx); err != nil {
		return model.Calibration{}, err
	}
	var out model.Calibration
	err := c.write(ctx, func(tx *store.Tx) error {
		ms, _, cycle, err := c.gridManagers(ctx, tx, GridQuery{CycleID: in.CycleID}, []int64{in.PersonID})
		if err != nil {
			return err
		}
		if len(ms) != 1 || ms[0].ReviewID == 0 {
			msg := "This person has no review in the cycle."
			return &model.Error{Code: model.CodeInvalid, Message: msg, Fields: map[string]string{"person_id": msg}}
		}
		if cycle.Status == model.CycleClosed {
			return model.Errorf(model.CodeConflict, "The cycle is closed; its reviews no longer change.")
		}
		m := ms[0]
		k := model.Calibration{CycleID: in.CycleID, PersonID: in.PersonID, Rating: in.Rating, ResultsBand: m.Results,
			PurposeBand: m.PurposeBand, Reason: in.Reason, ByName: actorName(actor)}
		if err := tx.SaveCalibration(ctx, k); err != nil {
			return err
		}
		if out, err = tx.FindCalibration(ctx, in.CycleID, in.PersonID); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "calibrated", "review", m.ReviewID, fmt.Sprintf("rating %d (results %s, purpose %s)", in.Rating, m.Results, m.PurposeBand))
	})
	return out, err
}
