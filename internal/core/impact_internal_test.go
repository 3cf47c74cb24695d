package core

import (
	"math"
	"strings"
	"testing"

	"throughline/internal/model"
)

// TestProgramImpactWorkedExample checks the estimate against the example worked by hand
// in stats.TestDiDWorkedExample: five participants whose index rose by 4, 6, 5, 7 and 3
// points, matched to five comparable managers whose index rose by 1, 2, 0, 3 and 4.
// DiD = 5 − 2 = 3, SE = 1, df = 8, and the 95% interval is 3 ± 2.306 = [0.694, 5.306].
func TestProgramImpactWorkedExample(t *testing.T) {
	base := []float64{60, 50, 70, 55, 65}
	tFollow := []float64{64, 56, 75, 62, 68}
	cFollow := []float64{61, 52, 70, 58, 69}
	people := map[int64]model.Person{}
	values := map[int64]map[string]model.Index{}
	prog := impactProgram{ID: 7, Title: "Purpose Discovery", Cohorts: 1}
	set := func(id int64, period string, v float64) {
		if values[id] == nil {
			values[id] = map[string]model.Index{}
		}
		values[id][period] = model.Index{Has: true, Value: v, Period: period}
	}
	for i := range base {
		tid, cid := int64(1+i), int64(11+i)
		people[tid] = model.Person{ID: tid, DepartmentID: 1, Depth: 3, DirectReports: 6}
		people[cid] = model.Person{ID: cid, DepartmentID: 1, Depth: 3, DirectReports: 6}
		// The cohort runs in 2026-Q1: the baseline is 2025-Q4, the follow-up 2026-Q2.
		set(tid, "2025-Q4", base[i])
		set(tid, "2026-Q2", tFollow[i])
		set(cid, "2025-Q4", base[i])
		set(cid, "2026-Q2", cFollow[i])
		prog.Participants = append(prog.Participants, impactParticipant{PersonID: tid, Start: "2026-01-05", End: "2026-03-27"})
		prog.Ever = append(prog.Ever, tid)
	}
	// A manager in another level is never a comparison.
	people[99] = model.Person{ID: 99, DepartmentID: 1, Depth: 2, DirectReports: 6}
	set(99, "2025-Q4", 60)
	set(99, "2026-Q2", 40)

	p := programImpactOf(prog, "2026-Q3", values, people, nil)
	o, ok := p.Outcome("index")
	if !ok || !o.HasEst || !o.Enough {
		t.Fatalf("index outcome %+v", o)
	}
	if math.Abs(o.Estimate-3) > 1e-9 || math.Abs(o.SE-1) > 1e-9 || math.Abs(o.Low-0.694) > 1e-9 || math.Abs(o.High-5.306) > 1e-9 {
		t.Errorf("estimate %v [%v, %v] se %v, want 3 [0.694, 5.306] se 1", o.Estimate, o.Low, o.High, o.SE)
	}
	if o.Treated != 5 || o.Controls != 5 || o.Relaxed != 0 || o.Unmatched != 0 {
		t.Errorf("teams %d/%d relaxed %d unmatched %d", o.Treated, o.Controls, o.Relaxed, o.Unmatched)
	}
	if !strings.HasPrefix(o.Verdict, "The program likely helped: +3.0 points") {
		t.Errorf("verdict %q", o.Verdict)
	}
	// No engagement values: not enough data to say, never a zero.
	if e, _ := p.Outcome(string(model.ComponentEngagement)); e.HasEst || !strings.HasPrefix(e.Verdict, "Not enough data to say") || e.ExcludedNoData != 5 {
		t.Errorf("engagement outcome %+v", e)
	}
	// A cohort that ends after the last complete quarter is measured up to it.
	prog.Participants[0].End = "2026-12-20"
	if p := programImpactOf(prog, "2026-Q2", values, people, nil); mustOutcome(t, p, "index").Treated != 5 {
		t.Errorf("interim: %+v", mustOutcome(t, p, "index"))
	}
	// Fewer than five on a side: not enough data to say.
	prog.Participants = prog.Participants[:3]
	if o := mustOutcome(t, programImpactOf(prog, "2026-Q3", values, people, nil), "index"); o.Enough || !strings.HasPrefix(o.Verdict, "Not enough data") {
		t.Errorf("three participants: %+v", o)
	}
}

func mustOutcome(t *testing.T, p ProgramImpact, key string) ImpactOutcome {
	t.Helper()
	o, ok := p.Outcome(key)
	if !ok {
		t.Fatalf("no outcome %s", key)
	}
	return o
}

// TestVerdicts covers the plain-language verdicts.
func TestVerdicts(t *testing.T) {
	for _, tc := range []struct {
		o    ImpactOutcome
		want string
	}{
		{ImpactOutcome{Enough: true, Estimate: -4, Low: -6, High: -2, Unit: "points"}, "Participants fell behind comparable managers: -4.0 points"},
		{ImpactOutcome{Enough: true, Estimate: 1, Low: -1, High: 3, Unit: "points"}, "No clear effect yet: +1.0 points, but the 95% interval runs from -1.0 to +3.0"},
		{ImpactOutcome{Enough: true, Estimate: 0.3, Low: 0.1, High: 0.5, Unit: "rating points"}, "The program likely helped: +0.30 rating points"},
		{ImpactOutcome{Enough: false, Treated: 2, Controls: 9}, "Not enough data to say: 2 program and 9 comparison managers"},
	} {
		if got := verdict(tc.o); !strings.HasPrefix(got, tc.want) {
			t.Errorf("verdict %q, want it to start %q", got, tc.want)
		}
	}
}
