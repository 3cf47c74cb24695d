package core_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"testing"
	"time"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/demo"
	"throughline/internal/model"
	"throughline/internal/store"
)

var hrActor = model.Actor{AccountID: 1, Role: model.RoleHR, Name: "hr"}

// TestIndexRunEqualsFreshComputation proves that the stored index, and the heatmap
// built from it, equal a fresh computation on the demo organization, and that both
// engines give the same values.
func TestIndexRunEqualsFreshComputation(t *testing.T) {
	now := time.Now()
	byEngine := map[string]map[string]float64{}
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := dbtest.NewCore(db)
		values := map[string]float64{}
		byEngine[t.Name()] = values
		if _, err := demo.Generate(ctx, c, demo.Options{Scenario: "maritime", People: 300, Seed: 3, Password: "purpose-first", Now: now}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.RecomputeIndex(ctx, model.System); err != nil {
			t.Fatal(err)
		}
		periods := c.IndexPeriodList()
		fresh, _, err := c.ComputeIndex(ctx, model.System, periods)
		if err != nil {
			t.Fatal(err)
		}
		withValue := 0
		for _, p := range periods {
			stored, err := c.Indexes(ctx, hrActor, core.IndexListQuery{Period: p, Page: model.Page{Limit: 1000}})
			if err != nil {
				t.Fatal(err)
			}
			if stored.Total != len(fresh[p]) || len(stored.Items) != len(fresh[p]) {
				t.Fatalf("%s: %d stored, %d fresh", p, stored.Total, len(fresh[p]))
			}
			byID := map[int64]model.Index{}
			for _, x := range stored.Items {
				byID[x.Person.ID] = x
			}
			for _, f := range fresh[p] {
				s, ok := byID[f.Person.ID]
				if !ok {
					t.Fatalf("%s: %s missing from the stored run", p, f.Person.Name)
				}
				if s.Has != f.Has || math.Abs(s.Value-f.Value) > 1e-9 || s.Coverage != f.Coverage {
					t.Errorf("%s %s: stored %v %.6f (%d), fresh %v %.6f (%d)", p, f.Person.Name, s.Has, s.Value, s.Coverage, f.Has, f.Value, f.Coverage)
				}
				for _, comp := range model.IndexComponents {
					a, b := s.Component(comp), f.Component(comp)
					if a.Has != b.Has || math.Abs(a.Value-b.Value) > 1e-9 {
						t.Errorf("%s %s %s: stored %+v, fresh %+v", p, f.Person.Name, comp, a, b)
					}
				}
				if f.Has {
					withValue++
				}
				values[fmt.Sprintf("%s %d", p, f.Person.ID)] = f.Value
			}
		}
		if withValue == 0 {
			t.Fatal("no manager has an index")
		}
		// The stored dashboard equals a fresh one, and shows something on every panel.
		stored, err := c.Dashboard(ctx, hrActor)
		if err != nil {
			t.Fatal(err)
		}
		again, err := c.ComputeDashboard(ctx, model.System)
		if err != nil {
			t.Fatal(err)
		}
		stored.ComputedAt = 0
		if a, b := mustJSON(t, stored), mustJSON(t, again); a != b {
			t.Errorf("stored dashboard\n%s\nfresh\n%s", a, b)
		}
		if stored.Index.N == 0 || stored.Objectives.Active == 0 || len(stored.Engagement) < 2 || len(stored.Silos) == 0 ||
			len(stored.Lagging) == 0 || len(stored.Index.Trend) < 2 || stored.Warnings.Count == 0 {
			t.Errorf("dashboard panels: index %+v, objectives %+v, engagement %d, silos %v, lagging %v, warnings %+v",
				stored.Index, stored.Objectives, len(stored.Engagement), stored.Silos, stored.Lagging, stored.Warnings)
		}
		// The stored organization network equals a fresh one, and a second read (the
		// decoded copy) equals the first.
		net, err := c.OrgNetwork(ctx, hrActor)
		if err != nil {
			t.Fatal(err)
		}
		net2, err := c.OrgNetwork(ctx, hrActor)
		if err != nil {
			t.Fatal(err)
		}
		freshNet, err := c.ComputeOrgNetwork(ctx, model.System)
		if err != nil {
			t.Fatal(err)
		}
		if net.ComputedAt == 0 || net.Ties == 0 || len(net.Managers) == 0 {
			t.Errorf("stored network: computed %d, %d ties, %d managers", net.ComputedAt, net.Ties, len(net.Managers))
		}
		if a, b := mustJSON(t, net), mustJSON(t, net2); a != b {
			t.Errorf("second read of the stored network differs from the first")
		}
		net.ComputedAt = 0
		if a, b := mustJSON(t, net), mustJSON(t, freshNet); a != b {
			t.Errorf("stored network\n%s\nfresh\n%s", a, b)
		}
		checkCalibration(t, c)
		// The stored heatmaps, read twice (the second from the decoded copy), equal fresh
		// ones.
		for _, by := range []model.IndexGroupBy{model.IndexByDepartment, model.IndexByLocation, model.IndexByLevel} {
			for i := 0; i < 2; i++ {
				stored, err := c.IndexHeatmap(ctx, hrActor, by)
				if err != nil {
					t.Fatal(err)
				}
				fresh, err := c.ComputeIndexHeatmap(ctx, model.System, by)
				if err != nil {
					t.Fatal(err)
				}
				if a, b := mustJSON(t, stored), mustJSON(t, fresh); a != b || len(stored.Groups) == 0 {
					t.Errorf("heatmap by %s, read %d: stored\n%s\nfresh\n%s", by, i+1, a, b)
				}
			}
		}
		// The heatmap's cells are the means of the fresh values of their groups.
		h, err := c.IndexHeatmap(ctx, hrActor, model.IndexByDepartment)
		if err != nil {
			t.Fatal(err)
		}
		last := len(periods) - 2 // the last complete quarter
		for _, g := range h.Groups {
			var sum float64
			n := 0
			for _, f := range fresh[periods[last]] {
				if f.Person.DepartmentID == g.ID && f.Has {
					sum += f.Value
					n++
				}
			}
			cell := g.Cells["index"][last]
			if n == 0 {
				if !cell.Missing {
					t.Errorf("%s: %+v, want no data", g.Name, cell)
				}
				continue
			}
			if cell.N != n || math.Abs(cell.Mean-sum/float64(n)) > 1e-9 {
				t.Errorf("%s: cell %+v, want %d managers and mean %.4f", g.Name, cell, n, sum/float64(n))
			}
		}
	})
	sq, pg := byEngine[t.Name()+"/sqlite"], byEngine[t.Name()+"/postgres"]
	if sq == nil || pg == nil {
		return
	}
	if len(sq) != len(pg) {
		t.Fatalf("%d values on SQLite, %d on PostgreSQL", len(sq), len(pg))
	}
	for k, v := range sq {
		if w, ok := pg[k]; !ok || math.Abs(v-w) > 1e-9 {
			t.Errorf("%s: %.9f on SQLite, %.9f (%v) on PostgreSQL", k, v, w, ok)
		}
	}
}

// TestIndexInputsAndClosedCells checks the inputs of the index on a small organization:
// a statement counts from the quarter it was written, team goals that reach an
// objective, the team engagement of a shown team, none for a hidden team, and a
// heatmap cell that stays closed when the only team behind it was below the threshold.
func TestIndexInputsAndClosedCells(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		p := newPulse(t, db, attackOrg())
		ctx := context.Background()
		s1 := model.Actor{AccountID: 2, PersonID: p.people["S1"].ID, Role: model.RoleManager, Line: p.people["S1"].LinePrefix()}
		if err := p.c.SavePersonalPurpose(ctx, s1, model.PersonalPurposeInput{Statement: "I help my team see why the work matters."}); err != nil {
			t.Fatal(err)
		}
		p.answerAll(t, p.everyone(), varied)
		p.close(t)
		if _, err := p.c.RecomputeIndex(ctx, model.System); err != nil {
			t.Fatal(err)
		}
		v, err := p.c.PersonIndex(ctx, s1, 0, "2026-Q1")
		if err != nil {
			t.Fatal(err)
		}
		if !v.Index.Inputs.HasStatement || !v.Index.Inputs.HasEngagement || v.Index.Inputs.Respondents != 7 {
			t.Errorf("S1's inputs: %+v", v.Index.Inputs)
		}
		if sight := v.Index.Component(model.ComponentLineOfSight); !sight.Has || sight.Value != 100 {
			t.Errorf("S1's line of sight: %+v, want 100 (a statement, no goals)", sight)
		}
		// The statement was written in 2026-Q1: the quarter before does not count it.
		prev, err := p.c.PersonIndex(ctx, s1, 0, "2025-Q4")
		if err != nil {
			t.Fatal(err)
		}
		if prev.Index.Inputs.HasStatement {
			t.Errorf("2025-Q4 counts a statement written in 2026-Q1")
		}
		// S3's team of four is hidden: no engagement, and the index is re-weighted.
		s3, err := p.c.PersonIndex(ctx, hrActor, p.people["S3"].ID, "2026-Q1")
		if err != nil {
			t.Fatal(err)
		}
		if e := s3.Index.Component(model.ComponentEngagement); e.Has || !s3.Index.Inputs.EngagementHidden || s3.Index.Inputs.Respondents != 0 {
			t.Errorf("S3's engagement: %+v (inputs %+v), want hidden", e, s3.Index.Inputs)
		}
		// An employee reads no one else's index; S1 may not read S2's (not in S1's line).
		a1 := model.Actor{AccountID: 3, PersonID: p.people["A1"].ID, Role: model.RoleEmployee, Line: p.people["A1"].LinePrefix()}
		if _, err := p.c.PersonIndex(ctx, a1, p.people["S1"].ID, "2026-Q1"); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("employee reads a manager's index: %v", err)
		}
		if _, err := p.c.PersonIndex(ctx, s1, p.people["S2"].ID, "2026-Q1"); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("S1 reads S2's index: %v", err)
		}
		if _, err := p.c.IndexHeatmap(ctx, s1, model.IndexByDepartment); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("a manager opens the heatmap: %v", err)
		}
		// People: P0's team was hidden, so its engagement cell is closed, not "no data".
		h, err := p.c.IndexHeatmap(ctx, hrActor, model.IndexByDepartment)
		if err != nil {
			t.Fatal(err)
		}
		col := -1
		for i, q := range h.Periods {
			if q == "2026-Q1" {
				col = i
			}
		}
		found := 0
		for _, g := range h.Groups {
			cell := g.Cells[string(model.ComponentEngagement)][col]
			switch g.Name {
			case "People":
				found++
				if !cell.Closed || cell.Mean != 0 {
					t.Errorf("People's engagement cell: %+v, want closed", cell)
				}
			case "Sales":
				found++
				if cell.Closed || cell.Missing || cell.N < 2 {
					t.Errorf("Sales' engagement cell: %+v, want shown from the shown teams", cell)
				}
			}
		}
		if found != 2 {
			t.Errorf("groups %+v", h.Groups)
		}
	})
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
