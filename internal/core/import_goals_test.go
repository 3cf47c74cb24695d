package core_test

import (
	"context"
	"strings"
	"testing"

	"throughline/internal/csvio"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

func TestImportGoals(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newGoalWorld(t, db)
		c, ctx := w.c, context.Background()
		good := "type,ref,level,title,owner,period,parents,kind,start,target,current,unit,done\n" +
			"goal,T1,team,Sell to new regions,E6,2026-H1,goal:" + itoa(w.salesGoal) + "*2; objective:Grow,,,,,,\n" +
			"key_result,T1,,New regions opened,,,,measured,0,4,1,regions,\n" +
			"goal,I1,individual,Open the north,E9,2026-Q2,T1,,,,,,\n" +
			"key_result,I1,,Office signed,,,,milestone,,,,,yes\n"
		b, err := csvio.ReadGoals(strings.NewReader(good))
		if err != nil {
			t.Fatal(err)
		}
		n, err := c.ImportGoals(ctx, w.fay, b)
		if err != nil || n != 2 {
			t.Fatalf("import: %d %v", n, err)
		}
		l, _ := c.Goals(ctx, w.fay, model.GoalFilter{Query: "Open the north"})
		if l.Total != 1 || !near(l.Items[0].Progress, 1) {
			t.Fatalf("imported goal: %+v", l.Items)
		}
		d, _ := c.Goal(ctx, w.fay, l.Items[0].ID)
		if len(d.Parents) != 1 || d.Parents[0].Title != "Sell to new regions" {
			t.Errorf("parents of the imported goal: %+v", d.Parents)
		}
		// Team goal: (1·0.25 + 1·1) / 2 from its key result and its child.
		l, _ = c.Goals(ctx, w.fay, model.GoalFilter{Query: "Sell to new regions"})
		if !near(l.Items[0].Progress, 0.625) {
			t.Errorf("team goal progress %v, want 0.625", l.Items[0].Progress)
		}

		bad := "type,ref,level,title,owner,period,parents,kind,start,target\n" +
			"goal,A,team,Fine goal,E6,2026-H1,,,,\n" +
			"goal,B,team,For someone else,E7,2026-H1,,,,\n" + // Gus is not in Fay's line
			"goal,C,individual,Bad period,E8,2026-Q9,A,,,\n" +
			"goal,A,team,Duplicate ref,E6,2026-H1,,,,\n" +
			"key_result,Z,,Orphan KR,,,,measured,0,1\n" +
			"key_result,A,,Bad numbers,,,,measured,x,1\n" +
			"goal,D,team,Unknown objective,E6,2026-H1,objective:Nope,,,\n" +
			"recipe,E,,?,,,,,,\n"
		b, err = csvio.ReadGoals(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.ImportGoals(ctx, w.fay, b)
		lines := lineErrors(t, err)
		want := map[int]string{3: "owner_id", 4: "period", 5: "ref", 6: "ref", 7: "start", 8: "parents", 9: "type"}
		got := map[int]string{}
		for _, l := range lines {
			got[l.Line] = l.Field
		}
		for line, field := range want {
			if got[line] != field {
				t.Errorf("line %d: field %q, want %q (all: %v)", line, got[line], field, lines)
			}
		}
		if l, _ := c.Goals(ctx, w.fay, model.GoalFilter{Query: "Fine goal"}); l.Total != 0 {
			t.Error("a rejected file wrote a goal")
		}
	})
}
