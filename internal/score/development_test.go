package score

import (
	"fmt"
	"testing"

	"throughline/internal/model"
)

// A small program: read (required, due 7 days after the start) → reflect (required,
// needs read, due on a fixed date) → project (required, needs reflect, due 60 days in)
// and an optional workshop with no prerequisite and no due date.
func sampleModules() []model.DevModule {
	return []model.DevModule{
		{ID: 1, Title: "Read", Kind: model.ModuleLesson, Required: true, DueDays: 7},
		{ID: 2, Title: "Reflect", Kind: model.ModuleReflection, Required: true, DueOn: "2026-04-20", Prereqs: []int64{1}},
		{ID: 3, Title: "Project", Kind: model.ModuleActionProject, Required: true, DueDays: 60, Prereqs: []int64{2}},
		{ID: 4, Title: "Workshop", Kind: model.ModuleWorkshop},
	}
}

func TestProgramProgress(t *testing.T) {
	const start = "2026-04-01"
	for _, tc := range []struct {
		name     string
		modules  []model.DevModule
		done     map[int64]int64
		today    string
		percent  float64
		complete bool
		behind   bool
		overdue  int
		states   string // per module: d(one) a(vailable) l(ocked)
		dues     string
	}{
		{name: "nothing done on the first day", modules: sampleModules(), today: "2026-04-01",
			percent: 0, states: "a l l a", dues: "2026-04-08 2026-04-20 2026-05-31 -"},
		{name: "due date not yet passed on the day it is due", modules: sampleModules(), today: "2026-04-08",
			percent: 0, states: "a l l a", dues: "2026-04-08 2026-04-20 2026-05-31 -"},
		{name: "a day late: behind", modules: sampleModules(), today: "2026-04-09",
			percent: 0, behind: true, overdue: 1, states: "a l l a", dues: "2026-04-08 2026-04-20 2026-05-31 -"},
		{name: "one of three required", modules: sampleModules(), done: map[int64]int64{1: 100}, today: "2026-04-10",
			percent: 100.0 / 3, states: "d a l a", dues: "2026-04-08 2026-04-20 2026-05-31 -"},
		{name: "a locked module can still be overdue", modules: sampleModules(), done: map[int64]int64{1: 100}, today: "2026-06-01",
			percent: 100.0 / 3, behind: true, overdue: 2, states: "d a l a", dues: "2026-04-08 2026-04-20 2026-05-31 -"},
		{name: "the optional module does not count", modules: sampleModules(), done: map[int64]int64{1: 1, 4: 1}, today: "2026-04-10",
			percent: 100.0 / 3, states: "d a l d", dues: "2026-04-08 2026-04-20 2026-05-31 -"},
		{name: "every required module done: complete without the optional one", modules: sampleModules(), done: map[int64]int64{1: 1, 2: 2, 3: 3}, today: "2026-07-01",
			percent: 100, complete: true, states: "d d d a", dues: "2026-04-08 2026-04-20 2026-05-31 -"},
		{name: "recorded out of order: done stays done", modules: sampleModules(), done: map[int64]int64{3: 9}, today: "2026-04-02",
			percent: 100.0 / 3, states: "a l d a", dues: "2026-04-08 2026-04-20 2026-05-31 -"},
		{name: "no required module: every module counts", today: "2026-04-02",
			modules: []model.DevModule{{ID: 1, Title: "A"}, {ID: 2, Title: "B", Prereqs: []int64{1}}, {ID: 3, Title: "C"}, {ID: 4, Title: "D"}},
			done:    map[int64]int64{1: 1}, percent: 25, states: "d a a a", dues: "- - - -"},
		{name: "no modules at all", today: "2026-04-02", percent: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := ProgramProgress(tc.modules, tc.done, start, tc.today)
			if !near(p.Percent, tc.percent) || p.Complete != tc.complete || p.Behind != tc.behind || p.Overdue != tc.overdue {
				t.Errorf("got %.4f%% complete=%v behind=%v overdue=%d, want %.4f%% %v %v %d",
					p.Percent, p.Complete, p.Behind, p.Overdue, tc.percent, tc.complete, tc.behind, tc.overdue)
			}
			states, dues := "", ""
			for i, m := range p.Modules {
				if i > 0 {
					states += " "
					dues += " "
				}
				states += string(m.State[0])
				if m.DueOn == "" {
					dues += "-"
				} else {
					dues += m.DueOn
				}
			}
			if tc.states != "" && states != tc.states {
				t.Errorf("states %q, want %q", states, tc.states)
			}
			if tc.dues != "" && dues != tc.dues {
				t.Errorf("due dates %q, want %q", dues, tc.dues)
			}
		})
	}
}

func TestProgressNextAndWaiting(t *testing.T) {
	p := ProgramProgress(sampleModules(), map[int64]int64{1: 1}, "2026-04-01", "2026-04-02")
	if n := p.Next(); n == nil || n.Module.ID != 2 {
		t.Fatalf("next = %+v, want the reflection", n)
	}
	if w := p.Module(3).Waiting; fmt.Sprint(w) != "[Reflect]" {
		t.Errorf("project waits for %v, want [Reflect]", w)
	}
}

func TestAvailable(t *testing.T) {
	ms := sampleModules()
	for _, tc := range []struct {
		module int
		done   map[int64]int64
		want   bool
	}{
		{0, nil, true},                         // no prerequisite
		{1, nil, false},                        // needs the lesson
		{1, map[int64]int64{1: 5}, true},       // lesson done
		{2, map[int64]int64{1: 5}, false},      // needs the reflection, not only the lesson
		{0, map[int64]int64{1: 5}, false},      // already done
		{3, map[int64]int64{1: 1, 2: 1}, true}, // optional workshop
	} {
		if got := Available(ms[tc.module], tc.done); got != tc.want {
			t.Errorf("module %d with %v done: available %v, want %v", ms[tc.module].ID, tc.done, got, tc.want)
		}
	}
}

func TestCohortOnTrack(t *testing.T) {
	for _, tc := range []struct {
		participants, behind int
		want                 bool
	}{
		{0, 0, true}, {10, 0, true}, {10, 2, true}, {10, 3, false}, {5, 1, true}, {4, 1, false}, {1, 1, false},
	} {
		if got := CohortOnTrack(tc.participants, tc.behind); got != tc.want {
			t.Errorf("%d behind of %d: on track %v, want %v", tc.behind, tc.participants, got, tc.want)
		}
	}
	if got := MeanPercent([]model.Progress{{Percent: 100}, {Percent: 50}, {Percent: 0}}); !near(got, 50) {
		t.Errorf("mean %v, want 50", got)
	}
	if got := MeanPercent(nil); got != 0 {
		t.Errorf("mean of none %v, want 0", got)
	}
}

func TestSpread(t *testing.T) {
	opts := []model.DilemmaOption{{ID: 7, Label: "Tell the client"}, {ID: 8, Label: "Wait"}, {ID: 9, Label: "Ask legal"}}
	if shown, n, out := Spread(opts, map[int64]int{7: 1, 8: 1}); shown || n != 0 || out != nil {
		t.Errorf("two answers: shown=%v n=%d %v; want nothing at all", shown, n, out)
	}
	shown, n, out := Spread(opts, map[int64]int{7: 2, 9: 1, 99: 5})
	if !shown || n != 3 || len(out) != 3 {
		t.Fatalf("three answers: shown=%v n=%d %v", shown, n, out)
	}
	if out[0].Count != 2 || !near(out[0].Share, 2.0/3) || out[1].Count != 0 || out[2].Count != 1 {
		t.Errorf("spread %+v", out)
	}
}
