package core_test

import (
	"context"
	"reflect"
	"testing"

	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// TestRoundCacheEqualsFresh proves that a closed round kept in memory gives exactly the
// results a fresh load gives, for every breakdown and for slices, on both engines: the
// second call on one Core reads the kept round, a new Core loads it afresh.
func TestRoundCacheEqualsFresh(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		p := newPulse(t, db, attackOrg())
		p.answerAll(t, p.everyone(), varied)
		p.close(t)
		var dept, team int64
		for _, x := range p.people {
			if x.DepartmentID != 0 && dept == 0 {
				dept = x.DepartmentID
			}
			if x.ManagerID != 0 && team == 0 {
				team = x.ManagerID
			}
		}
		queries := []model.ResultsQuery{{RoundID: p.round.ID}}
		for _, by := range model.GroupBys {
			queries = append(queries, model.ResultsQuery{RoundID: p.round.ID, GroupBy: by})
		}
		queries = append(queries,
			model.ResultsQuery{RoundID: p.round.ID, GroupBy: model.ByTeam, Slice: model.SurveySlice{DepartmentID: dept}},
			model.ResultsQuery{RoundID: p.round.ID, Slice: model.SurveySlice{TeamID: team}})
		ctx := context.Background()
		for _, q := range queries {
			if _, err := p.c.PulseResults(ctx, model.System, q); err != nil {
				t.Fatal(err)
			}
			kept, err := p.c.PulseResults(ctx, model.System, q)
			if err != nil {
				t.Fatal(err)
			}
			fresh, err := dbtest.NewCore(db).PulseResults(ctx, model.System, q)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(kept, fresh) {
				t.Errorf("%+v: results from the kept round differ from a fresh load", q)
			}
			if len(fresh.Groups) == 0 && q.GroupBy != model.ByNone && q.Slice.IsZero() {
				t.Errorf("%+v: no groups", q)
			}
		}
	})
}

// TestBreakdownWindow checks that a window of a breakdown is that slice of the whole
// breakdown, with the whole count, on both engines.
func TestBreakdownWindow(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		p := newPulse(t, db, attackOrg())
		p.answerAll(t, p.everyone(), varied)
		p.close(t)
		ctx := context.Background()
		all, err := p.c.PulseResults(ctx, model.System, model.ResultsQuery{RoundID: p.round.ID, GroupBy: model.ByTeam})
		if err != nil {
			t.Fatal(err)
		}
		if len(all.Groups) < 3 || all.GroupsTotal != len(all.Groups) {
			t.Fatalf("%d teams, total %d", len(all.Groups), all.GroupsTotal)
		}
		win, err := p.c.PulseResults(ctx, model.System, model.ResultsQuery{RoundID: p.round.ID, GroupBy: model.ByTeam, GroupOffset: 1, GroupLimit: 2})
		if err != nil {
			t.Fatal(err)
		}
		if win.GroupsTotal != all.GroupsTotal || !reflect.DeepEqual(win.Groups, all.Groups[1:3]) {
			t.Errorf("window [1,3) of %d: got %d groups (total %d) that differ from the whole breakdown's", all.GroupsTotal, len(win.Groups), win.GroupsTotal)
		}
		past, err := p.c.PulseResults(ctx, model.System, model.ResultsQuery{RoundID: p.round.ID, GroupBy: model.ByTeam, GroupOffset: all.GroupsTotal + 5, GroupLimit: 2})
		if err != nil || len(past.Groups) != 0 || past.GroupsTotal != all.GroupsTotal {
			t.Errorf("past the end: %d groups, total %d (%v)", len(past.Groups), past.GroupsTotal, err)
		}
	})
}
