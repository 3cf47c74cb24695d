package core_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// threeSixtyOrg: X leads M and four peers P1–P4; M leads six reports R1–R6; H is hr.
const threeSixtyOrg = `employee_id,name,email,title,department,location,manager_id,hire_date,role
X,Xena Lead,x@example.org,Director,Ops,Oslo,,2015-01-01,executive
M,Mo Middle,m@example.org,Team Lead,Ops,Oslo,X,2018-01-01,manager
P1,Pia One,p1@example.org,Team Lead,Ops,Oslo,X,2018-01-01,manager
P2,Pia Two,p2@example.org,Team Lead,Ops,Oslo,X,2018-01-01,manager
P3,Pia Three,p3@example.org,Team Lead,Ops,Oslo,X,2018-01-01,manager
P4,Pia Four,p4@example.org,Team Lead,Ops,Oslo,X,2018-01-01,manager
R1,Ray One,r1@example.org,Analyst,Ops,Oslo,M,2020-01-01,employee
R2,Ray Two,r2@example.org,Analyst,Ops,Oslo,M,2020-01-01,employee
R3,Ray Three,r3@example.org,Analyst,Ops,Oslo,M,2020-01-01,employee
R4,Ray Four,r4@example.org,Analyst,Ops,Oslo,M,2020-01-01,employee
R5,Ray Five,r5@example.org,Analyst,Ops,Oslo,M,2020-01-01,employee
R6,Ray Six,r6@example.org,Analyst,Ops,Oslo,M,2020-01-01,employee
H,Hana Hr,h@example.org,HR Partner,People,Oslo,,2019-01-01,hr
`

type tsOrg struct {
	c  *core.Core
	db *store.DB
	a  map[string]model.Actor // by employee id
}

func newTSOrg(t *testing.T, db *store.DB) *tsOrg {
	t.Helper()
	db.SetNow(func() time.Time { return time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC) })
	c := dbtest.NewCore(db)
	dbtest.MustImport(t, c, threeSixtyOrg)
	o := &tsOrg{c: c, db: db, a: map[string]model.Actor{}}
	for _, e := range []string{"X", "M", "P1", "P2", "P3", "P4", "R1", "R2", "R3", "R4", "R5", "R6", "H"} {
		o.a[e] = dbtest.MustActor(t, c, strings.ToLower(e)+"@example.org")
	}
	return o
}

// rate answers as a rater, giving every competency the same level unless skip names one.
func (o *tsOrg) rate(t *testing.T, id int64, who string, level int, skip string) {
	t.Helper()
	r := map[string]int{}
	for _, c := range model.Competencies {
		if c.Key != skip {
			r[c.Key] = level
		}
	}
	if err := o.c.SubmitRatings(context.Background(), o.a[who], id, model.RatingsInput{Ratings: r}); err != nil {
		t.Fatalf("%s rates: %v", who, err)
	}
}

func near360(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestUpwardAnonymity checks the rules of 360 results on both engines: reports below k
// are hidden and never part of "others"; a competency rated by fewer than k reports is
// hidden for the reports; peers need three; results exist only after closing; and the
// people allowed to read results are the subject, their managers, hr and admin.
func TestUpwardAnonymity(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newTSOrg(t, db)
		ctx := context.Background()
		if _, err := o.c.StartAssessment(ctx, o.a["R1"], model.AssessmentInput{SubjectID: o.a["M"].PersonID, ClosesOn: "2026-01-31"}); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("a report starts their manager's 360: %v", err)
		}
		if _, err := o.c.StartAssessment(ctx, o.a["M"], model.AssessmentInput{SubjectID: o.a["M"].PersonID, ClosesOn: "2025-12-31"}); model.FieldsOf(err)["closes_on"] == "" {
			t.Errorf("closing in the past: %v", err)
		}
		id, err := o.c.StartAssessment(ctx, o.a["M"], model.AssessmentInput{SubjectID: o.a["M"].PersonID, ClosesOn: "2026-01-31"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := o.c.StartAssessment(ctx, o.a["H"], model.AssessmentInput{SubjectID: o.a["M"].PersonID, ClosesOn: "2026-01-31"}); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("a second open 360: %v", err)
		}
		form, err := o.c.AssessmentToAnswer(ctx, o.a["R1"], id)
		if err != nil || form.Relation != model.RelReport || !form.Anonymous {
			t.Fatalf("R1's form %+v %v", form, err)
		}
		if _, err := o.c.AssessmentToAnswer(ctx, o.a["H"], id); model.ErrorCodeOf(err) != model.CodeNotFound {
			t.Errorf("hr, not a rater, opens the form: %v", err)
		}
		// Self 4, manager 3, two peers (fewer than 3: hidden), four reports (fewer than k=5: hidden).
		o.rate(t, id, "M", 4, "")
		o.rate(t, id, "X", 3, "")
		o.rate(t, id, "P1", 5, "")
		o.rate(t, id, "P2", 5, "")
		for _, r := range []string{"R1", "R2", "R3", "R4"} {
			o.rate(t, id, r, 1, "")
		}
		if err := o.c.SubmitRatings(ctx, o.a["R1"], id, model.RatingsInput{Ratings: map[string]int{"empathy": 5}}); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("answering twice: %v", err)
		}
		if err := o.c.SubmitRatings(ctx, o.a["R5"], id, model.RatingsInput{Ratings: map[string]int{"empathy": 6}}); model.FieldsOf(err)["empathy"] == "" {
			t.Errorf("a rating of 6: %v", err)
		}
		if err := o.c.SubmitRatings(ctx, o.a["R5"], id, model.RatingsInput{Ratings: map[string]int{"charisma": 3}}); model.FieldsOf(err)["charisma"] == "" {
			t.Errorf("an unknown competency: %v", err)
		}
		if _, err := o.c.AssessmentResults(ctx, o.a["M"], id); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("results before closing: %v", err)
		}
		if err := o.c.CloseAssessment(ctx, o.a["R1"], id); model.ErrorCodeOf(err) != model.CodeNotFound {
			t.Errorf("a report closes the 360: %v", err)
		}
		if err := o.c.CloseAssessment(ctx, o.a["M"], id); err != nil {
			t.Fatal(err)
		}
		if err := o.c.SubmitRatings(ctx, o.a["R5"], id, model.RatingsInput{Ratings: map[string]int{"empathy": 3}}); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("answering a closed 360: %v", err)
		}
		for _, who := range []string{"R1", "P1"} {
			if _, err := o.c.AssessmentResults(ctx, o.a[who], id); model.ErrorCodeOf(err) != model.CodeNotFound {
				t.Errorf("%s reads M's results: %v", who, err)
			}
		}
		for _, who := range []string{"M", "X", "H"} {
			res, err := o.c.AssessmentResults(ctx, o.a[who], id)
			if err != nil {
				t.Fatalf("%s: %v", who, err)
			}
			if res.ReportsShown || res.Reports != 0 || res.PeersShown || res.Peers != 0 {
				t.Errorf("%s: reports shown %v (%d), peers shown %v (%d); want both hidden without counts", who, res.ReportsShown, res.Reports, res.PeersShown, res.Peers)
			}
			for _, it := range res.Items {
				// Others is the manager alone: neither the hidden reports (1s) nor the hidden peers (5s) move it.
				if !it.Self.Shown || it.Self.Mean != 4 || !it.Manager.Shown || it.Manager.Mean != 3 || it.Reports.Shown || it.Peers.Shown ||
					!it.Others.Shown || it.Others.N != 1 || it.Others.Mean != 3 || !near360(it.Gap, 1) {
					t.Errorf("%s, %s: %+v", who, it.Competency.Key, it)
				}
			}
		}

		// The next quarter: three peers and five reports answer; one report skips inclusion.
		o.db.SetNow(func() time.Time { return time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC) })
		id2, err := o.c.StartAssessment(ctx, o.a["H"], model.AssessmentInput{SubjectID: o.a["M"].PersonID, ClosesOn: "2026-04-30", Title: "Spring 360"})
		if err != nil {
			t.Fatal(err)
		}
		o.rate(t, id2, "M", 4, "")
		o.rate(t, id2, "X", 4, "")
		for _, p := range []string{"P1", "P2", "P3"} {
			o.rate(t, id2, p, 3, "")
		}
		for i, r := range []string{"R1", "R2", "R3", "R4", "R5"} {
			skip := ""
			if i == 0 {
				skip = "inclusion"
			}
			o.rate(t, id2, r, 2+i%2, skip) // 2, 3, 2, 3, 2
		}
		// The job closes it the day after its closing day.
		o.db.SetNow(func() time.Time { return time.Date(2026, 5, 2, 9, 0, 0, 0, time.UTC) })
		if _, err := o.c.RunDueJobs(ctx, "test"); err != nil {
			t.Fatal(err)
		}
		res, err := o.c.AssessmentResults(ctx, o.a["X"], id2)
		if err != nil {
			t.Fatal(err)
		}
		if !res.ReportsShown || res.Reports != 5 || !res.PeersShown || res.Peers != 3 || res.K != 5 {
			t.Fatalf("spring results: reports %v/%d, peers %v/%d, k %d", res.ReportsShown, res.Reports, res.PeersShown, res.Peers, res.K)
		}
		for _, it := range res.Items {
			if it.Competency.Key == "inclusion" {
				// Four reports rated inclusion: hidden for the reports, and others is manager and peers.
				if it.Reports.Shown || it.Others.N != 4 || !near360(it.Others.Mean, (4+3*3)/4.0) {
					t.Errorf("inclusion: %+v", it)
				}
				continue
			}
			if !it.Reports.Shown || it.Reports.N != 5 || !near360(it.Reports.Mean, 12/5.0) || it.Others.N != 9 || !near360(it.Others.Mean, (4+9+12)/9.0) {
				t.Errorf("%s: reports %v, others %v", it.Competency.Key, it.Reports, it.Others)
			}
		}

		// The 360 page lists the 360s of one's reporting line, and hides how many answered.
		if hub, err := o.c.Assessments(ctx, o.a["X"]); err != nil || len(hub.Line) != 2 || hub.Line[0].Answered != 0 {
			t.Errorf("X's reporting line has %d 360s (%v)", len(hub.Line), err)
		}
		if hub, err := o.c.Assessments(ctx, o.a["P1"]); err != nil || len(hub.Line) != 0 {
			t.Errorf("a peer sees %d 360s of others (%v)", len(hub.Line), err)
		}
		// The review of the quarter shows the spring 360; upward only where shown.
		cyc, err := o.c.CreateReviewCycle(ctx, o.a["H"], model.ReviewCycleInput{Name: "Q2 reviews", Period: "2026-Q2", SelfDue: "2026-07-05", ManagerDue: "2026-07-10", SignoffDue: "2026-07-20"})
		if err != nil {
			t.Fatal(err)
		}
		cd, err := o.c.ReviewCycle(ctx, o.a["H"], cyc.ID)
		if err != nil {
			t.Fatal(err)
		}
		var reviewID int64
		for _, r := range cd.Reviews {
			if r.PersonID == o.a["M"].PersonID {
				reviewID = r.ID
			}
		}
		rd, err := o.c.Review(ctx, o.a["M"], reviewID)
		if err != nil {
			t.Fatal(err)
		}
		if rd.Competencies == nil || rd.Competencies.Assessment.ID != id2 || !rd.Upward.Collected || rd.Upward.Respondents != 5 || len(rd.Upward.Items) != 5 {
			t.Errorf("review: competencies %v, upward %+v", rd.Competencies != nil, rd.Upward)
		}
		for _, it := range rd.Upward.Items {
			if it.Question == "Inclusion" || it.Answers != 5 {
				t.Errorf("upward item %+v", it)
			}
		}

		// Measures for the analytics.
		ms, err := o.c.DevelopmentMeasures(ctx, model.System, "2026-Q2")
		if err != nil {
			t.Fatal(err)
		}
		var mm model.DevelopmentMeasure
		for _, m := range ms {
			if m.PersonID == o.a["M"].PersonID {
				mm = m
			}
		}
		others1, others2 := 3.0, 0.0
		{
			var sum float64
			n := 0
			for _, it := range res.Items {
				sum += it.Others.Mean * float64(it.Others.N)
				n += it.Others.N
			}
			others2 = sum / float64(n)
		}
		if !mm.HasGrowth || !near360(mm.OthersBefore, others1) || !near360(mm.OthersAfter, others2) || !near360(mm.Growth, others2-others1) {
			t.Errorf("growth %+v, want %.3f → %.3f", mm, others1, others2)
		}
		if !mm.HasUpward || mm.UpwardRespondents != 5 || !near360(mm.Upward, 12/5.0) || mm.UpwardOn != "2026-04-30" {
			t.Errorf("upward %+v", mm)
		}
		if mm.HasProgress {
			t.Errorf("M is in no program: %+v", mm)
		}
		if ms, _ := o.c.DevelopmentMeasures(ctx, model.System, "2026-Q1"); ms != nil {
			for _, m := range ms {
				if m.PersonID == o.a["M"].PersonID && (m.HasUpward || m.HasGrowth) {
					t.Errorf("in Q1 the only 360 hid its reports: %+v", m)
				}
			}
		}
		if _, err := o.c.DevelopmentMeasures(ctx, o.a["M"], "2026-Q2"); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("a manager reads everyone's measures: %v", err)
		}
		if _, err := o.c.DevelopmentMeasures(ctx, model.System, "spring"); model.FieldsOf(err)["period"] == "" {
			t.Errorf("a bad period: %v", err)
		}
		ups, err := o.c.UpwardRatings(ctx, o.a["H"])
		if err != nil || len(ups) != 1 || ups[0].AssessmentID != id2 || ups[0].Respondents != 5 {
			t.Errorf("upward ratings %+v %v, want only the spring 360", ups, err)
		}

		// The plan puts the lowest rated competency first and turns it into a goal.
		plan, err := o.c.DevelopmentPlan(ctx, o.a["M"], o.a["M"].PersonID)
		if err != nil {
			t.Fatal(err)
		}
		if plan.Results == nil || plan.Results.Assessment.ID != id2 || !plan.CanEdit || len(plan.Gaps) != 6 || plan.Gaps[0].Competency.Key == "inclusion" {
			t.Fatalf("plan %+v", plan.Gaps)
		}
		if _, err := o.c.DevelopmentPlan(ctx, o.a["R1"], o.a["M"].PersonID); model.ErrorCodeOf(err) != model.CodeNotFound {
			t.Errorf("a report reads M's plan: %v", err)
		}
		mod := plan.Gaps[0].Modules[0]
		gid, err := o.c.AddPlanGoal(ctx, o.a["M"], o.a["M"].PersonID, model.PlanGoalInput{Competency: plan.Gaps[0].Competency.Key, Title: "Practise listening in every one-to-one", ModuleID: mod.ID, Period: "2026-Q3"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := o.c.AddPlanGoal(ctx, o.a["H"], o.a["M"].PersonID, model.PlanGoalInput{Competency: "empathy", Title: "x", Period: "2026-Q3"}); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("hr sets M's development goal: %v", err)
		}
		g, err := o.c.Goal(ctx, o.a["M"], gid)
		if err != nil || g.OwnerID != o.a["M"].PersonID || g.Level != model.LevelIndividual || !strings.Contains(g.Description, mod.Title) {
			t.Errorf("the plan's goal %+v %v", g, err)
		}
		plan, _ = o.c.DevelopmentPlan(ctx, o.a["X"], o.a["M"].PersonID)
		if len(plan.Items) != 1 || plan.Items[0].GoalID != gid || plan.Items[0].ModuleTitle != mod.Title {
			t.Errorf("plan items %+v", plan.Items)
		}
	})
}

// TestAssessmentResultsNoDifference checks AssessmentResultsOf on counts: for every
// combination of answers around the thresholds, every figure shown is a sum over shown
// groups only, so others minus manager minus peers equals the shown reports or nothing.
func TestAssessmentResultsNoDifference(t *testing.T) {
	a := model.Assessment{ID: 1, MinGroup: 5}
	for peers := 0; peers <= 4; peers++ {
		for reports := 0; reports <= 6; reports++ {
			var counts []store.RatingCount
			add := func(rel model.Relation, n, level int) {
				if n > 0 {
					counts = append(counts, store.RatingCount{AssessmentID: 1, Relation: rel, Competency: "empathy", Level: level, N: n})
				}
			}
			add(model.RelManager, 1, 3)
			add(model.RelPeer, peers, 4)
			add(model.RelReport, reports, 1)
			res := core.AssessmentResultsOf(a, counts, map[model.Relation]int{model.RelManager: 1, model.RelPeer: peers, model.RelReport: reports})
			it, _ := res.Item("empathy")
			wantN := 1
			if peers >= model.PeerMinimum {
				wantN += peers
			}
			if reports >= 5 {
				wantN += reports
			}
			if it.Others.N != wantN || it.Reports.Shown != (reports >= 5) || it.Peers.Shown != (peers >= 3) {
				t.Errorf("peers %d, reports %d: others %v, peers %v, reports %v", peers, reports, it.Others, it.Peers, it.Reports)
			}
			sum := it.Others.Mean*float64(it.Others.N) - 3
			if it.Peers.Shown {
				sum -= it.Peers.Mean * float64(it.Peers.N)
			}
			want := 0.0
			if it.Reports.Shown {
				want = it.Reports.Mean * float64(it.Reports.N)
			}
			if !near360(sum, want) {
				t.Errorf("peers %d, reports %d: others − manager − peers = %v, want %v", peers, reports, sum, want)
			}
			if fmt.Sprint(res.Reports) != fmt.Sprint(map[bool]int{true: reports, false: 0}[reports >= 5]) {
				t.Errorf("peers %d, reports %d: reports count %d shown", peers, reports, res.Reports)
			}
		}
	}
}
