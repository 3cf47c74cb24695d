package core_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// The differencing attacks of issue 5. Each test plays an attacker who may send any
// number of requests and combine every figure they get back by adding and
// subtracting; each must fail to learn anything about fewer than k people.

// seen is one group a request showed.
type seen struct {
	label   string
	members map[string]bool // employee ids
	result  model.GroupResult
}

// memberOf reports whether a person (as frozen at launch) belongs to a slice.
func (p *pulse) memberOf(emp string, s model.SurveySlice) bool {
	x := p.people[emp]
	switch {
	case s.DepartmentID != 0 && x.DepartmentID != s.DepartmentID,
		s.LocationID != 0 && x.LocationID != s.LocationID,
		s.TeamID != 0 && x.ManagerID != s.TeamID,
		s.LineID != 0 && !strings.Contains(x.Path, fmt.Sprintf("/%d/", s.LineID)),
		s.Level != 0 && x.Depth != s.Level,
		s.Tenure != "" && model.TenureOf(x.HireDate, testNow) != s.Tenure:
		return false
	}
	return true
}

// battery is every filter an attacker could send: each attribute alone, every pair,
// and every department × location × level × tenure combination.
func (p *pulse) battery() []model.SurveySlice {
	var depts, locs, mgrs []int64
	levels := map[int]bool{}
	dseen, lseen, mseen := map[int64]bool{}, map[int64]bool{}, map[int64]bool{}
	for _, x := range p.people {
		if !dseen[x.DepartmentID] {
			dseen[x.DepartmentID] = true
			depts = append(depts, x.DepartmentID)
		}
		if !lseen[x.LocationID] {
			lseen[x.LocationID] = true
			locs = append(locs, x.LocationID)
		}
		if x.ManagerID != 0 && !mseen[x.ManagerID] {
			mseen[x.ManagerID] = true
			mgrs = append(mgrs, x.ManagerID)
		}
		levels[x.Depth] = true
	}
	type field func(s *model.SurveySlice)
	var fields [][]field
	var fd, fl, ft, fn, fv, fi []field
	for _, d := range depts {
		fd = append(fd, func(s *model.SurveySlice) { s.DepartmentID = d })
	}
	for _, l := range locs {
		fl = append(fl, func(s *model.SurveySlice) { s.LocationID = l })
	}
	for _, m := range mgrs {
		ft = append(ft, func(s *model.SurveySlice) { s.TeamID = m })
		fi = append(fi, func(s *model.SurveySlice) { s.LineID = m })
	}
	for lv := range levels {
		fv = append(fv, func(s *model.SurveySlice) { s.Level = lv })
	}
	for _, b := range model.TenureBands {
		fn = append(fn, func(s *model.SurveySlice) { s.Tenure = b })
	}
	fields = [][]field{fd, fl, ft, fi, fv, fn}
	var out []model.SurveySlice
	out = append(out, model.SurveySlice{})
	for i := range fields {
		for _, a := range fields[i] {
			var s model.SurveySlice
			a(&s)
			out = append(out, s)
			for j := i + 1; j < len(fields); j++ {
				for _, b := range fields[j] {
					s2 := s
					b(&s2)
					out = append(out, s2)
				}
			}
		}
	}
	for _, a := range fd {
		for _, b := range fl {
			for _, c := range fv {
				for _, d := range fn {
					var s model.SurveySlice
					a(&s)
					b(&s)
					c(&s)
					d(&s)
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// harvest sends every filter of the battery, each with a breakdown, as actor, and
// collects every group shown.
func (p *pulse) harvest(t *testing.T, actor model.Actor) []seen {
	t.Helper()
	var out []seen
	bys := model.GroupBys
	for i, s := range p.battery() {
		res := p.results(t, actor, s, bys[i%len(bys)])
		groups := append([]model.GroupResult{res.Main}, res.Groups...)
		if res.Benchmark != nil {
			groups = append(groups, *res.Benchmark)
		}
		for _, g := range groups {
			if !g.Shown {
				if g.Respondents != 0 || g.ResponseRate != 0 || g.Dimensions != nil || g.ENPS != nil || g.Questions != nil {
					t.Fatalf("hidden group %q carries figures: %+v", g.Label, g)
				}
				continue
			}
			members := map[string]bool{}
			for emp := range p.people {
				if p.memberOf(emp, g.Slice) && (res.Scope == "organization" || g.Key == "organization" || p.inScope(emp, actor)) {
					members[emp] = true
				}
			}
			out = append(out, seen{label: g.Label, members: members, result: g})
		}
	}
	return out
}

func (p *pulse) inScope(emp string, actor model.Actor) bool {
	return strings.Contains(p.people[emp].Path, fmt.Sprintf("/%d/", actor.PersonID))
}

// assertNoSmallRegion is the attacker who combines everything: people whom no shown
// group tells apart form a region, and every figure obtainable by adding and
// subtracting shown figures is a sum over whole regions. No region may hold 1 to k−1
// respondents.
func assertNoSmallRegion(t *testing.T, p *pulse, groups []seen, respondents map[string]bool, k int) {
	t.Helper()
	if len(groups) < 5 {
		t.Fatalf("only %d groups shown; the attack needs material", len(groups))
	}
	sig := map[string][]byte{}
	for emp := range respondents {
		b := make([]byte, len(groups))
		for i, g := range groups {
			if g.members[emp] {
				b[i] = 1
			}
		}
		sig[emp] = b
	}
	regions := map[string][]string{}
	for emp, b := range sig {
		regions[string(b)] = append(regions[string(b)], emp)
	}
	for _, people := range regions {
		if len(people) > 0 && len(people) < k {
			sort.Strings(people)
			t.Errorf("the attacker isolates %v (%d < k = %d respondents) by combining %d shown groups", people, len(people), k, len(groups))
		}
	}
	// The direct form of the same: a shown group inside another shown group never
	// leaves 1 to k−1 respondents.
	for _, a := range groups {
		for _, b := range groups {
			inside, diff := true, 0
			for emp := range b.members {
				if respondents[emp] && !a.members[emp] {
					inside = false
					break
				}
			}
			if !inside {
				continue
			}
			for emp := range a.members {
				if respondents[emp] && !b.members[emp] {
					diff++
				}
			}
			if diff > 0 && diff < k {
				t.Errorf("%q minus %q leaves %d respondents", a.label, b.label, diff)
			}
		}
	}
}

// TestDifferencingAttackFilters: filters by department × location × level × tenure,
// teams, reporting lines, siblings and parent minus child, as hr (who sees everything)
// and as a manager (who sees their own line).
func TestDifferencingAttackFilters(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		p := newPulse(t, db, attackOrg())
		p.answerAll(t, p.everyone(), varied)
		p.close(t)
		respondents := map[string]bool{}
		for emp := range p.people {
			respondents[emp] = true
		}
		hr := dbtest.MustActor(t, p.c, "p0@example.org")
		groups := p.harvest(t, hr)
		// Shown groups report the true number of respondents.
		for _, g := range groups {
			if g.result.Respondents != len(g.members) {
				t.Fatalf("%q: %d respondents reported, %d true", g.label, g.result.Respondents, len(g.members))
			}
		}
		assertNoSmallRegion(t, p, groups, respondents, 5)
		// The manager of Sales attacks within their line, and with the organization
		// benchmark beside it.
		s0 := dbtest.MustActor(t, p.c, "s0@example.org")
		mgroups := p.harvest(t, s0)
		assertNoSmallRegion(t, p, append(mgroups, groups...), respondents, 5)
		// Sanity: the engine does show the groups that are safe: the organization,
		// Sales, and the teams of S1 and S2.
		want := map[string]bool{"Everyone": false, "Sales": false, "Team of Person S1": false, "Team of Person S2": false}
		for _, g := range groups {
			if _, ok := want[g.label]; ok {
				want[g.label] = true
			}
		}
		for l, ok := range want {
			if !ok {
				t.Errorf("%s was never shown", l)
			}
		}
	})
}

// TestDifferencingAttackSubThresholdCount asks for a small team's results directly, as
// its manager, as hr, through the breakdown and through the team feed.
func TestDifferencingAttackSubThresholdCount(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		p := newPulse(t, db, attackOrg())
		p.answerAll(t, p.everyone(), varied)
		p.close(t)
		ctx := context.Background()
		s3 := p.people["S3"].ID
		for _, login := range []string{"s3@example.org", "p0@example.org", "e1@example.org"} {
			actor := dbtest.MustActor(t, p.c, login)
			res := p.results(t, actor, model.SurveySlice{TeamID: s3}, model.ByNone)
			if res.Main.Shown || res.Main.Respondents != 0 || len(res.Main.Questions) != 0 || res.CommentsShown || len(res.Comments) != 0 {
				t.Errorf("%s sees the team of 4: %+v", login, res.Main)
			}
			if res.Main.Invited != 4 {
				t.Errorf("invited %d, want the frozen headcount 4", res.Main.Invited)
			}
			for _, g := range p.results(t, actor, model.SurveySlice{}, model.ByTeam).Groups {
				if g.Slice.TeamID == s3 && (g.Shown || g.Respondents != 0) {
					t.Errorf("%s: breakdown row %+v", login, g)
				}
			}
		}
		feed, err := p.c.TeamEngagementResults(ctx, model.System, p.round.ID)
		if err != nil {
			t.Fatal(err)
		}
		status := map[string]model.TeamResult{}
		for _, r := range feed {
			status[p.byID[r.ManagerID]] = r
		}
		if r := status["S3"]; r.Status != model.TeamResultInsufficient || r.Respondents != 0 || r.Engagement != 0 || r.HasENPS {
			t.Errorf("feed for the small team: %+v", r)
		}
		if r := status["S1"]; r.Status != model.TeamResultOK || r.Respondents != 7 || !r.HasEngagement || !r.HasENPS {
			t.Errorf("feed for team S1: %+v", r)
		}
		// The People team (6) is hidden: showing it beside the department of Sales
		// would leave the chief executive and the head of People, 2 people, by
		// subtraction from everyone.
		if r := status["P0"]; r.Status != model.TeamResultInsufficient {
			t.Errorf("feed for team P0: %+v, want insufficient", r)
		}
		// An employee gets the organization summary, whatever they ask for.
		c1 := dbtest.MustActor(t, p.c, "c1@example.org")
		res := p.results(t, c1, model.SurveySlice{TeamID: s3}, model.ByTeam)
		if !res.SummaryOnly || res.Main.Respondents != 29 || res.Groups != nil || res.CommentsShown {
			t.Errorf("employee: summary %v, main %+v, %d groups", res.SummaryOnly, res.Main, len(res.Groups))
		}
	})
}

// TestDifferencingAttackSkippedQuestion: in team S1 (a block of 7) only two people
// answer a question. Their answers must not reach any figure, or the organization's
// figure minus everyone else's would give them away.
func TestDifferencingAttackSkippedQuestion(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		p := newPulse(t, db, attackOrg())
		pur := p.question(t, "pur_real")
		p.answerAll(t, p.everyone(), func(emp string, q model.Question) (int, bool) {
			if q.ID == pur.ID {
				switch {
				case emp == "A1" || emp == "A2":
					return 5, true
				case strings.HasPrefix(emp, "A"):
					return 0, false
				}
				return 1, true
			}
			return varied(emp, q)
		})
		p.close(t)
		find := func(res model.SurveyResults) model.QuestionResult {
			for _, q := range res.Main.Questions {
				if q.Question.ID == pur.ID {
					return q
				}
			}
			t.Fatal("question missing")
			return model.QuestionResult{}
		}
		all := find(p.results(t, model.System, model.SurveySlice{}, model.ByNone))
		if all.Answered != 22 || all.Favourable != 0 || all.Skipped != 7 {
			t.Errorf("everyone: %d answered, %v%% favourable, %d skipped; want A1 and A2 left out (22, 0%%, 7)", all.Answered, all.Favourable, all.Skipped)
		}
		team := find(p.results(t, model.System, model.SurveySlice{TeamID: p.people["S1"].ID}, model.ByNone))
		if team.Answered != 0 || team.Skipped != 7 {
			t.Errorf("team S1: %+v, want no answers counted", team)
		}
	})
}

// TestDifferencingAttackSuccessivePulses: between two pulses the organization changes.
// A person moves out of a team and a newcomer joins the small team. The first pulse's
// results stay exactly as published (its groups were frozen at launch), so moving
// people cannot expose anyone by recomputing old results; the second pulse shows each
// team on its own frozen membership; a change is shown only for a group both pulses
// show.
func TestDifferencingAttackSuccessivePulses(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		p := newPulse(t, db, attackOrg())
		ctx := context.Background()
		p.answerAll(t, p.everyone(), varied)
		p.close(t)
		hr := dbtest.MustActor(t, p.c, "p0@example.org")
		before := map[model.GroupBy]model.SurveyResults{}
		for _, by := range model.GroupBys {
			before[by] = p.results(t, hr, model.SurveySlice{}, by)
		}
		// B6 moves from S2's team to S1's; C5 joins S3's team; hr lowers k to 3.
		move := "employee_id,name,email,title,department,location,manager_id,hire_date,role\n" +
			"B6,Person B6,b6@example.org,Title,Sales,Paris,S1,2023-06-01,employee\n" +
			"C5,Person C5,c5@example.org,Title,Sales,London,S3,2026-01-05,employee\n"
		dbtest.MustImport(t, p.c, move)
		if err := p.c.SetSurveyThreshold(ctx, model.System, 3); err != nil {
			t.Fatal(err)
		}
		for _, by := range model.GroupBys {
			after := p.results(t, hr, model.SurveySlice{}, by)
			if diff := cmp.Diff(before[by].Groups, after.Groups); diff != "" || !cmp.Equal(before[by].Main, after.Main) {
				t.Errorf("pulse 1 by %s changed after the reorganization: %s", by, diff)
			}
		}
		// Pulse 2 launches on the new organization with k = 3 and everyone answers.
		if err := p.c.LaunchRound(ctx, model.System, p.nextRound(t).ID); err != nil {
			t.Fatal(err)
		}
		p.round = p.openRound(t)
		all, err := p.c.Directory(ctx, model.System, model.PersonFilter{Page: model.Page{Limit: 500}})
		if err != nil {
			t.Fatal(err)
		}
		p.people = map[string]model.Person{}
		for _, x := range all.Items {
			p.people[x.EmployeeID] = x
			p.byID[x.ID] = x.EmployeeID
		}
		p.answerAll(t, p.everyone(), varied)
		p.close(t)
		res := p.results(t, hr, model.SurveySlice{}, model.ByTeam)
		if res.K != 3 {
			t.Errorf("pulse 2 k = %d, want 3", res.K)
		}
		for _, g := range res.Groups {
			switch g.Slice.TeamID {
			case p.people["S3"].ID:
				// 5 people now: shown, but pulse 1 did not show it, so no change.
				if g.Shown && g.ENPS != nil && g.ENPS.HasChange {
					t.Errorf("team S3 shows a change from a pulse that hid it: %+v", g.ENPS)
				}
			}
			for _, d := range g.Dimensions {
				if d.HasChange && !wasShown(before[model.ByTeam], g.Slice.TeamID) {
					t.Errorf("%s shows a change without a previous figure", g.Label)
				}
			}
		}
		// Every group shown in pulse 2 passes the attack on pulse 2's own membership.
		respondents := map[string]bool{}
		for emp := range p.people {
			respondents[emp] = true
		}
		assertNoSmallRegion(t, p, p.harvest(t, hr), respondents, 3)
	})
}

func wasShown(res model.SurveyResults, team int64) bool {
	for _, g := range res.Groups {
		if g.Slice.TeamID == team {
			return g.Shown
		}
	}
	return false
}

func (p *pulse) nextRound(t *testing.T) model.Round {
	t.Helper()
	d, err := p.c.Survey(context.Background(), model.System, p.survey.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range d.Rounds {
		if r.Status == model.RoundScheduled {
			return r
		}
	}
	t.Fatal("no scheduled round")
	return model.Round{}
}

// TestCommentsOnlyForShownGroups: comments come only with a shown group, never with a
// date or an attribute, and an employee never sees them.
func TestCommentsOnlyForShownGroups(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		p := newPulse(t, db, attackOrg())
		p.answerAll(t, p.everyone(), varied)
		p.close(t)
		hr := dbtest.MustActor(t, p.c, "p0@example.org")
		all := p.results(t, hr, model.SurveySlice{}, model.ByNone)
		if !all.CommentsShown || len(all.Comments) != 29 {
			t.Fatalf("everyone: %d comments, want 29", len(all.Comments))
		}
		// Not in the order people answered (they were seeded in map order, but the
		// names must not come out sorted either way).
		team := p.results(t, hr, model.SurveySlice{TeamID: p.people["S3"].ID}, model.ByNone)
		if team.CommentsShown || len(team.Comments) != 0 {
			t.Errorf("the small team's comments: %v", team.Comments)
		}
		s1 := p.results(t, hr, model.SurveySlice{TeamID: p.people["S1"].ID}, model.ByNone)
		for _, c := range s1.Comments {
			if !strings.HasPrefix(c.Body, "comment from A") {
				t.Errorf("team S1 shows %q", c.Body)
			}
		}
		if len(s1.Comments) != 7 {
			t.Errorf("team S1: %d comments, want 7", len(s1.Comments))
		}
	})
}
