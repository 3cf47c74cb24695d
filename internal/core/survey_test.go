package core_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// attackOrg is the organization of the anonymity tests, 29 people:
//
//	E1 chief executive (Executive, London)
//	├── S0 head of Sales (London)
//	│   ├── S1 manager: 7 people, 5 in London and 2 in Paris
//	│   ├── S2 manager: 6 people, all in Paris
//	│   └── S3 manager: 4 people (a small team)
//	└── P0 head of People (Paris): 6 people
//
// Hire dates spread people over the tenure bands.
func attackOrg() string {
	var b strings.Builder
	b.WriteString("employee_id,name,email,title,department,location,manager_id,hire_date,role\n")
	row := func(emp, dept, loc, mgr, hire, role string) {
		fmt.Fprintf(&b, "%s,Person %s,%s@example.org,Title,%s,%s,%s,%s,%s\n", emp, emp, strings.ToLower(emp), dept, loc, mgr, hire, role)
	}
	hires := []string{"2025-11-01", "2023-06-01", "2021-03-01", "2015-01-01"} // under 1, 1–3, 3–5, 5+ (on 2026-03-02)
	row("E1", "Executive", "London", "", "2012-01-01", "executive")
	row("S0", "Sales", "London", "E1", "2014-01-01", "manager")
	row("P0", "People", "Paris", "E1", "2016-01-01", "hr")
	for i, m := range []string{"S1", "S2", "S3"} {
		loc := []string{"London", "Paris", "London"}[i]
		row(m, "Sales", loc, "S0", "2018-01-01", "manager")
	}
	for i := 1; i <= 7; i++ {
		loc := "London"
		if i > 5 {
			loc = "Paris"
		}
		row(fmt.Sprintf("A%d", i), "Sales", loc, "S1", hires[i%4], "employee")
	}
	for i := 1; i <= 6; i++ {
		row(fmt.Sprintf("B%d", i), "Sales", "Paris", "S2", hires[i%4], "employee")
	}
	for i := 1; i <= 4; i++ {
		row(fmt.Sprintf("C%d", i), "Sales", "London", "S3", hires[i%4], "employee")
	}
	for i := 1; i <= 6; i++ {
		row(fmt.Sprintf("H%d", i), "People", "Paris", "P0", hires[i%4], "employee")
	}
	return b.String()
}

// pulse is a launched round with everyone's answers known to the test.
type pulse struct {
	c       *core.Core
	db      *store.DB
	people  map[string]model.Person // by employee id
	byID    map[int64]string
	qs      []model.Question
	survey  model.Survey
	round   model.Round
	answers map[string]model.PulseAnswers
}

var testNow = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func newPulse(t *testing.T, db *store.DB, org string) *pulse {
	t.Helper()
	db.SetNow(func() time.Time { return testNow })
	c := dbtest.NewCore(db)
	dbtest.MustImport(t, c, org)
	p := &pulse{c: c, db: db, people: map[string]model.Person{}, byID: map[int64]string{}, answers: map[string]model.PulseAnswers{}}
	all, err := c.Directory(context.Background(), model.System, model.PersonFilter{Page: model.Page{Limit: 500}})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range all.Items {
		p.people[x.EmployeeID] = x
		p.byID[x.ID] = x.EmployeeID
	}
	p.qs = mustBank(t, c)
	p.survey = p.create(t, model.SurveyInput{Title: "Monthly pulse", Audience: model.AudienceEveryone,
		QuestionIDs: pulseQuestions(p.qs), OpensOn: "2026-03-02", OpenDays: 7, EveryWeeks: 4, ReminderDays: 2})
	p.round = p.openRound(t)
	return p
}

func mustBank(t *testing.T, c *core.Core) []model.Question {
	t.Helper()
	qs, err := c.QuestionBank(context.Background(), model.System)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

func pulseQuestions(qs []model.Question) []int64 {
	var out []int64
	for _, q := range qs {
		if q.InPulse {
			out = append(out, q.ID)
		}
	}
	return out
}

func (p *pulse) create(t *testing.T, in model.SurveyInput) model.Survey {
	t.Helper()
	s, err := p.c.CreateSurvey(context.Background(), model.System, in)
	if err != nil {
		t.Fatalf("create survey: %v", err)
	}
	return s
}

// openRound returns the survey's open round.
func (p *pulse) openRound(t *testing.T) model.Round {
	t.Helper()
	d, err := p.c.Survey(context.Background(), model.System, p.survey.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range d.Rounds {
		if r.Status == model.RoundOpen {
			return r
		}
	}
	t.Fatalf("no open round among %+v", d.Rounds)
	return model.Round{}
}

func (p *pulse) question(t *testing.T, key string) model.Question {
	t.Helper()
	for _, q := range p.qs {
		if q.Key == key {
			return q
		}
	}
	t.Fatalf("no question %s", key)
	return model.Question{}
}

// answerAll seeds answers for the given people: value(emp, q) returns the answer, or
// false to skip the question.
func (p *pulse) answerAll(t *testing.T, emps []string, value func(emp string, q model.Question) (int, bool)) {
	t.Helper()
	var ids []int64
	var subs []model.PulseAnswers
	for _, emp := range emps {
		sub := model.PulseAnswers{Answers: map[int64]int{}, Comments: map[int64]string{}}
		for _, q := range p.qs {
			if !contains(p.survey.QuestionIDs, q.ID) {
				continue
			}
			v, ok := value(emp, q)
			if !ok {
				continue
			}
			if q.Kind == model.KindComment {
				sub.Comments[q.ID] = fmt.Sprintf("comment from %s", emp)
			} else {
				sub.Answers[q.ID] = v
			}
		}
		ids = append(ids, p.people[emp].ID)
		subs = append(subs, sub)
		p.answers[emp] = sub
	}
	if err := p.c.SeedResponses(context.Background(), model.System, p.round.ID, ids, subs); err != nil {
		t.Fatalf("seed responses: %v", err)
	}
}

func (p *pulse) everyone() []string {
	var out []string
	for emp := range p.people {
		out = append(out, emp)
	}
	return out
}

func (p *pulse) close(t *testing.T) {
	t.Helper()
	if err := p.c.CloseRound(context.Background(), model.System, p.round.ID); err != nil {
		t.Fatalf("close: %v", err)
	}
}

func (p *pulse) results(t *testing.T, actor model.Actor, s model.SurveySlice, by model.GroupBy) model.SurveyResults {
	t.Helper()
	r, err := p.c.PulseResults(context.Background(), actor, model.ResultsQuery{RoundID: p.round.ID, Slice: s, GroupBy: by})
	if err != nil {
		t.Fatalf("results: %v", err)
	}
	return r
}

func contains(xs []int64, x int64) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// varied answers: a deterministic spread of values that differs by person.
func varied(emp string, q model.Question) (int, bool) {
	h := 0
	for _, r := range emp + q.Key {
		h = h*31 + int(r)
	}
	if h < 0 {
		h = -h
	}
	lo, hi := q.Kind.Range()
	return lo + h%(hi-lo+1), true
}

func TestPulseLifecycleAndCounting(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		p := newPulse(t, db, attackOrg())
		ctx := context.Background()
		if p.round.Invited != 29 || p.round.MinGroup != 5 {
			t.Fatalf("round: invited %d, k %d; want 29 and 5", p.round.Invited, p.round.MinGroup)
		}
		// Results do not exist while the round is open.
		if _, err := p.c.PulseResults(ctx, model.System, model.ResultsQuery{RoundID: p.round.ID}); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Fatalf("results of an open round: %v, want a conflict", err)
		}
		eng1, eng2 := p.question(t, "eng_energy"), p.question(t, "eng_proud")
		enps := p.question(t, "enps")
		// Everyone answers; the People team (7 with P0) skips some questions.
		p.answerAll(t, p.everyone(), func(emp string, q model.Question) (int, bool) {
			switch {
			case q.ID == enps.ID && strings.HasPrefix(emp, "H") && emp >= "H5":
				return 0, false // H5, H6 skip eNPS
			case q.ID == enps.ID:
				return map[bool]int{true: 10, false: 6}[emp[0] == 'A' || emp[0] == 'B'], true
			case q.ID == eng1.ID:
				return 4, true
			case q.ID == eng2.ID && strings.HasPrefix(emp, "A"):
				return 0, false // the seven A's skip it
			case q.ID == eng2.ID:
				return 2, true
			}
			return 3, true
		})
		// Answering twice is refused.
		err := p.c.SeedResponses(ctx, model.System, p.round.ID, []int64{p.people["A1"].ID}, []model.PulseAnswers{{Answers: map[int64]int{eng1.ID: 5}}})
		if model.ErrorCodeOf(err) != model.CodeConflict {
			t.Fatalf("second answer: %v, want a conflict", err)
		}
		p.close(t)
		res := p.results(t, model.System, model.SurveySlice{}, model.ByNone)
		if !res.Main.Shown || res.Main.Respondents != 29 || res.Main.ResponseRate != 100 {
			t.Fatalf("everyone: %+v", res.Main)
		}
		byKey := map[string]model.QuestionResult{}
		for _, q := range res.Main.Questions {
			byKey[q.Question.Key] = q
		}
		// eng_proud: 22 answered "2" (unfavourable), 7 skipped: favourability counts
		// answers only.
		if q := byKey["eng_proud"]; q.Answered != 22 || q.Skipped != 7 || q.Favourable != 0 || q.Unfavourable != 100 {
			t.Errorf("eng_proud: %+v, want 22 answered, 7 skipped, 0%% favourable", q)
		}
		// eNPS: 13 promoters (A, B), 14 detractors, 2 skipped (H5, H6, whose block keeps
		// the other answers because at least k of it answered).
		q := byKey["enps"]
		if q.Answered != 27 || q.Skipped != 2 {
			t.Errorf("enps answered %d skipped %d, want 27 and 2", q.Answered, q.Skipped)
		}
		wantENPS := 100*13.0/27 - 100*14.0/27
		if diff := q.ENPS - wantENPS; diff > 1e-9 || diff < -1e-9 {
			t.Errorf("eNPS %v, want %v", q.ENPS, wantENPS)
		}
		// The engagement dimension: eng_energy 29 × "4" and eng_proud 22 × "2".
		d, _ := res.Main.Dimension(model.DimEngagement)
		if d.Answered != 51 || d.Favourable != 100*29.0/51 {
			t.Errorf("engagement %+v, want 51 answers, %v%% favourable", d.Score, 100*29.0/51)
		}
		// Closing is idempotent and the scheduled job finds nothing to do.
		if err := p.c.CloseRound(ctx, model.System, p.round.ID); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("closing twice: %v", err)
		}
		// The next round of the recurring pulse is scheduled four weeks later.
		s, err := p.c.Survey(ctx, model.System, p.survey.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Rounds) != 2 || s.Rounds[0].Status != model.RoundScheduled || s.Rounds[0].OpensOn != "2026-03-30" {
			t.Errorf("rounds %+v, want the next one scheduled on 2026-03-30", s.Rounds)
		}
	})
}

func TestInvitationLinkIsSingleUse(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		p := newPulse(t, db, attackOrg())
		ctx := context.Background()
		links, err := p.c.CreateInvitations(ctx, model.System, p.round.ID, model.InvitationOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(links) != 29 {
			t.Fatalf("%d links, want 29", len(links))
		}
		var link model.Invitation
		for _, l := range links {
			if p.byID[l.PersonID] == "C1" {
				link = l
			}
		}
		q, err := p.c.InvitationQuestionnaire(ctx, link.Token)
		if err != nil || len(q.Questions) == 0 {
			t.Fatalf("questionnaire through the link: %v", err)
		}
		sub := model.PulseAnswers{Answers: map[int64]int{p.question(t, "eng_energy").ID: 5}}
		if err := p.c.SubmitByInvitation(ctx, link.Token, sub); err != nil {
			t.Fatalf("answer through the link: %v", err)
		}
		// The link cannot be used again, to read or to answer.
		if _, err := p.c.InvitationQuestionnaire(ctx, link.Token); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("reading a used link: %v, want a conflict", err)
		}
		if err := p.c.SubmitByInvitation(ctx, link.Token, sub); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("reusing a link: %v, want a conflict", err)
		}
		// Making links again gives everyone a link, whether they answered or not (the
		// file must not tell who answered), and replaces the unused ones.
		again, err := p.c.CreateInvitations(ctx, model.System, p.round.ID, model.InvitationOptions{})
		if err != nil || len(again) != 29 {
			t.Fatalf("second batch: %d links, %v; want 29", len(again), err)
		}
		for _, l := range links {
			if l.PersonID == link.PersonID {
				continue
			}
			if _, err := p.c.InvitationQuestionnaire(ctx, l.Token); model.ErrorCodeOf(err) != model.CodeNotFound {
				t.Errorf("a replaced link still works: %v", err)
			}
			break
		}
		// The new link of the person who answered says so.
		for _, l := range again {
			if l.PersonID == link.PersonID {
				if _, err := p.c.InvitationQuestionnaire(ctx, l.Token); model.ErrorCodeOf(err) != model.CodeConflict {
					t.Errorf("a new link for someone who answered: %v, want a conflict", err)
				}
			}
		}
		// The person who answered by link cannot answer signed in.
		c1 := model.Actor{AccountID: 1, PersonID: p.people["C1"].ID, Role: model.RoleEmployee}
		if err := p.c.SubmitPulse(ctx, c1, p.round.ID, sub); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("answering again signed in: %v, want a conflict", err)
		}
		// A made-up token is not found, and nothing in the error quotes it.
		_, err = p.c.InvitationQuestionnaire(ctx, "not-a-real-token")
		if model.ErrorCodeOf(err) != model.CodeNotFound || strings.Contains(err.Error(), "not-a-real-token") {
			t.Errorf("unknown token: %v", err)
		}
		// After closing, the unused links stop working.
		p.close(t)
		if _, err := p.c.InvitationQuestionnaire(ctx, again[0].Token); model.ErrorCodeOf(err) != model.CodeNotFound {
			t.Errorf("a link after closing: %v, want not found", err)
		}
	})
}

func TestSubmissionChecks(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		p := newPulse(t, db, attackOrg())
		ctx := context.Background()
		a1 := dbtest.MustActor(t, p.c, "a1@example.org")
		enps := p.question(t, "enps")
		cmt := p.question(t, "cmt_better")
		bad := []model.PulseAnswers{
			{},
			{Answers: map[int64]int{enps.ID: 11}},
			{Answers: map[int64]int{p.question(t, "eng_energy").ID: 0}},
			{Answers: map[int64]int{p.question(t, "eng_stay").ID: 3}}, // not in the pulse
			{Comments: map[int64]string{cmt.ID: strings.Repeat("x", model.MaxCommentRunes+1)}},
			{Comments: map[int64]string{cmt.ID: "   "}},
		}
		for i, sub := range bad {
			err := p.c.SubmitPulse(ctx, a1, p.round.ID, sub)
			if model.ErrorCodeOf(err) != model.CodeInvalid {
				t.Errorf("submission %d: %v, want invalid", i, err)
			}
		}
		secret := "my manager shouts at me"
		if err := p.c.SubmitPulse(ctx, a1, p.round.ID, model.PulseAnswers{Answers: map[int64]int{enps.ID: 0}, Comments: map[int64]string{cmt.ID: secret}}); err != nil {
			t.Fatal(err)
		}
		err := p.c.SubmitPulse(ctx, a1, p.round.ID, model.PulseAnswers{Comments: map[int64]string{cmt.ID: secret}})
		if model.ErrorCodeOf(err) != model.CodeConflict || strings.Contains(err.Error(), secret) {
			t.Errorf("second answer: %v", err)
		}
		// Someone outside the audience cannot answer.
		outsider := model.Actor{AccountID: 1, PersonID: 999999, Role: model.RoleEmployee}
		if _, err := p.c.Questionnaire(ctx, outsider, p.round.ID); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("outsider: %v", err)
		}
	})
}

func TestPulseScheduleRunsFromJobs(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		db.SetNow(func() time.Time { return now })
		c := dbtest.NewCore(db)
		dbtest.MustImport(t, c, attackOrg())
		ctx := context.Background()
		qs := mustBank(t, c)
		s, err := c.CreateSurvey(ctx, model.System, model.SurveyInput{Title: "Pulse", Audience: model.AudienceEveryone,
			QuestionIDs: pulseQuestions(qs), OpensOn: "2026-03-05", OpenDays: 5, EveryWeeks: 2, ReminderDays: 2})
		if err != nil {
			t.Fatal(err)
		}
		status := func() map[int]model.RoundStatus {
			d, err := c.Survey(ctx, model.System, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			out := map[int]model.RoundStatus{}
			for _, r := range d.Rounds {
				out[r.Number] = r.Status
			}
			return out
		}
		run := func(at time.Time) int {
			now = at
			n, err := c.RunDueJobs(ctx, "test-worker")
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n := run(time.Date(2026, 3, 4, 23, 0, 0, 0, time.UTC)); n != 0 {
			t.Errorf("%d jobs ran before the opening date", n)
		}
		run(time.Date(2026, 3, 5, 0, 1, 0, 0, time.UTC))
		if got := status(); got[1] != model.RoundOpen || got[2] != model.RoundScheduled {
			t.Fatalf("after the opening date: %v", got)
		}
		// The reminder is due two days before the end of 9 March.
		run(time.Date(2026, 3, 8, 0, 1, 0, 0, time.UTC))
		d, _ := c.Survey(ctx, model.System, s.ID)
		for _, r := range d.Rounds {
			if r.Number == 1 && !r.Reminded {
				t.Errorf("round 1 was not reminded")
			}
		}
		run(time.Date(2026, 3, 10, 0, 1, 0, 0, time.UTC))
		if got := status(); got[1] != model.RoundClosed {
			t.Fatalf("after the closing date: %v", got)
		}
		run(time.Date(2026, 3, 19, 0, 1, 0, 0, time.UTC))
		if got := status(); got[2] != model.RoundOpen || got[3] != model.RoundScheduled {
			t.Fatalf("two weeks later: %v", got)
		}
		// Ending the survey cancels the scheduled round; nothing more opens.
		if err := c.EndSurvey(ctx, model.System, s.ID); err != nil {
			t.Fatal(err)
		}
		run(time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC))
		if got := status(); got[2] != model.RoundClosed || got[3] != model.RoundCancelled || len(got) != 3 {
			t.Fatalf("after ending: %v", got)
		}
	})
}

func TestThresholdSettings(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		p := newPulse(t, db, attackOrg())
		ctx := context.Background()
		for _, k := range []int{2, 11} {
			if err := p.c.SetSurveyThreshold(ctx, model.System, k); model.ErrorCodeOf(err) != model.CodeInvalid {
				t.Errorf("k=%d: %v, want invalid", k, err)
			}
		}
		if err := p.c.SetSurveyThreshold(ctx, model.System, 3); err != nil {
			t.Fatal(err)
		}
		// The open round keeps the k it launched with, and cannot go lower.
		if err := p.c.RaiseRoundThreshold(ctx, model.System, p.round.ID, 4); model.ErrorCodeOf(err) != model.CodeInvalid {
			t.Errorf("lowering a launched round: %v", err)
		}
		if err := p.c.RaiseRoundThreshold(ctx, model.System, p.round.ID, 7); err != nil {
			t.Fatalf("raising: %v", err)
		}
		p.close(t)
		if err := p.c.RaiseRoundThreshold(ctx, model.System, p.round.ID, 8); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("changing a closed round: %v", err)
		}
		res := p.results(t, model.System, model.SurveySlice{}, model.ByNone)
		if res.K != 7 {
			t.Errorf("k = %d, want 7", res.K)
		}
		employee := model.Actor{AccountID: 1, PersonID: p.people["A1"].ID, Role: model.RoleEmployee}
		if err := p.c.SetSurveyThreshold(ctx, employee, 6); !errors.Is(err, err) || model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("an employee setting k: %v", err)
		}
	})
}
