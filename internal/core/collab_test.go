package core_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// collabWorld is the small organization plus a crowd of employees in four departments,
// and actors for everyone. Actors are built the way Authenticate builds them.
type collabWorld struct {
	c      *core.Core
	db     *store.DB
	p      map[string]model.Person // by employee id
	crowd  []model.Person          // X01…
	objID  int64
	actors map[string]model.Actor
}

func newCollabWorld(t *testing.T, db *store.DB, crowd int) *collabWorld {
	t.Helper()
	c := setup(t, db)
	var b strings.Builder
	b.WriteString("employee_id,name,email,title,department,location,manager_id,hire_date,role\n")
	depts := []string{"Sales", "People", "Finance", "Operations"}
	locs := []string{"London", "Paris", "Berlin"}
	for i := 1; i <= crowd; i++ {
		fmt.Fprintf(&b, "X%02d,Crowd Person %02d,x%02d@example.org,Specialist,%s,%s,E1,2022-01-01,employee\n", i, i, i, depts[i%4], locs[i%3])
	}
	if crowd > 0 {
		dbtest.MustImport(t, c, dbtest.SmallOrg+strings.SplitN(b.String(), "\n", 2)[1])
	}
	w := &collabWorld{c: c, db: db, p: map[string]model.Person{}, actors: map[string]model.Actor{}}
	all, err := c.Directory(context.Background(), model.System, model.PersonFilter{Page: model.Page{Limit: 500}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range all.Items {
		w.p[p.EmployeeID] = p
		role := model.RoleEmployee
		switch p.EmployeeID {
		case "E1":
			role = model.RoleExecutive
		case "E2", "E6":
			role = model.RoleManager
		case "E3":
			role = model.RoleHR
		}
		w.actors[p.EmployeeID] = model.Actor{AccountID: 10_000 + p.ID, PersonID: p.ID, Role: role, Name: p.Name, Line: p.LinePrefix()}
		if strings.HasPrefix(p.EmployeeID, "X") {
			w.crowd = append(w.crowd, p)
		}
	}
	w.objID, err = c.CreateObjective(context.Background(), model.System, model.ObjectiveInput{Title: "Restore pollinator habitat", Why: "Bees feed us."})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *collabWorld) actor(emp string) model.Actor { return w.actors[emp] }

// must returns v, and panics on an error: a test that gets here has already failed.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func wantCode(t *testing.T, err error, code model.ErrorCode) {
	t.Helper()
	if got := model.ErrorCodeOf(err); got != code {
		t.Fatalf("error %v: code %q, want %q", err, got, code)
	}
}

// hackathonWithTeams makes a hackathon with one challenge and teams of the given
// members (employee ids), each with a submission, judged by the given judges.
func (w *collabWorld) hackathonWithTeams(t *testing.T, judges []string, teams ...[]string) (int64, []int64, []int64) {
	t.Helper()
	ctx := context.Background()
	var judgeIDs []int64
	for _, j := range judges {
		judgeIDs = append(judgeIDs, w.p[j].ID)
	}
	hid := must(w.c.CreateHackathon(ctx, w.actor("E3"), model.HackathonInput{Title: "Bees", Theme: "Pollinators", StartsOn: "2026-01-10", EndsOn: "2026-01-12",
		VotesCloseOn: "2099-12-31", TeamMin: 1, TeamMax: 4, JudgeIDs: judgeIDs}))
	ch := must(w.c.AddChallenge(ctx, w.actor("E3"), hid, model.ChallengeInput{Title: "Hedgerows", ObjectiveID: w.objID}))
	var teamIDs, subIDs []int64
	for i, members := range teams {
		var others []int64
		for _, m := range members[1:] {
			others = append(others, w.p[m].ID)
		}
		tid := must(w.c.CreateTeam(ctx, w.actor(members[0]), hid, model.TeamInput{Name: fmt.Sprintf("Team %d", i+1), ChallengeID: ch, MemberIDs: others}))
		sid := must(w.c.SaveSubmission(ctx, w.actor(members[0]), tid, model.SubmissionInput{Title: fmt.Sprintf("Idea %d", i+1),
			Description: "Plant native hedgerows along field margins.", ImpactHypothesis: "More wild bees within two seasons.", Links: "https://example.org/demo"}))
		teamIDs, subIDs = append(teamIDs, tid), append(subIDs, sid)
	}
	return hid, teamIDs, subIDs
}

// TestVoteUniquenessUnderConcurrency: thirty people each send eight votes at once, for
// different submissions, from eight goroutines each. Every person ends with exactly one
// vote, for one of the submissions they chose, on both engines.
func TestVoteUniquenessUnderConcurrency(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newCollabWorld(t, db, 30)
		ctx := context.Background()
		hid, _, subs := w.hackathonWithTeams(t, []string{"E1"}, []string{"E4"}, []string{"E7"}, []string{"E9"})
		if err := w.c.AdvanceHackathon(ctx, w.actor("E3"), hid, model.HackJudging); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 30*8)
		for _, p := range w.crowd {
			a := w.actors[p.EmployeeID]
			for k := 0; k < 8; k++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if err := w.c.Vote(ctx, a, hid, subs[k%len(subs)]); err != nil {
						errs <- err
					}
				}()
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("vote: %v", err)
		}
		res := must(w.c.HackathonResults(ctx, w.actor("E3"), hid))
		if res.TotalVotes != len(w.crowd) {
			t.Errorf("total votes = %d, want %d (one per person)", res.TotalVotes, len(w.crowd))
		}
		for _, p := range w.crowd {
			d := must(w.c.Hackathon(ctx, w.actors[p.EmployeeID], hid))
			if d.MyVote == 0 {
				t.Errorf("%s has no vote", p.Name)
			}
		}
	})
}

// TestVoteChangeableUntilClose: a vote can be changed while voting is open; it cannot
// be cast after the closing instant, nor for one's own team.
func TestVoteChangeableUntilClose(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newCollabWorld(t, db, 0)
		ctx := context.Background()
		hid, _, subs := w.hackathonWithTeams(t, []string{"E1"}, []string{"E4"}, []string{"E7"})
		if err := w.c.AdvanceHackathon(ctx, w.actor("E3"), hid, model.HackHacking); err != nil {
			t.Fatal(err)
		}
		hal := w.actor("E8")
		if err := w.c.Vote(ctx, hal, hid, subs[0]); err != nil {
			t.Fatal(err)
		}
		if err := w.c.Vote(ctx, hal, hid, subs[1]); err != nil {
			t.Fatal(err)
		}
		res := must(w.c.HackathonResults(ctx, w.actor("E3"), hid))
		for _, r := range res.Results {
			want := 0
			if r.Submission.ID == subs[1] {
				want = 1
			}
			if r.Votes != want {
				t.Errorf("%s has %d votes, want %d", r.Submission.Title, r.Votes, want)
			}
		}
		wantCode(t, w.c.Vote(ctx, w.actor("E4"), hid, subs[0]), model.CodeForbidden) // own team
		db.SetNow(func() time.Time { return time.Date(2100, 1, 2, 0, 0, 0, 0, time.UTC) })
		defer db.SetNow(time.Now)
		wantCode(t, w.c.Vote(ctx, hal, hid, subs[0]), model.CodeConflict)
		d := must(w.c.Hackathon(ctx, hal, hid))
		if d.VotingOpen || d.MyVote != subs[1] {
			t.Errorf("after close: open %v, vote %d; want closed with the last vote %d", d.VotingOpen, d.MyVote, subs[1])
		}
	})
}

// TestJudgeConflictOfInterest: a judge who is on a team can never score its
// submission, before or after joining it, through scoring or seeding; they score the
// other teams, and their sheet marks their own.
func TestJudgeConflictOfInterest(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newCollabWorld(t, db, 0)
		ctx := context.Background()
		// Gus judges and is on team 2.
		hid, teams, subs := w.hackathonWithTeams(t, []string{"E1", "E7"}, []string{"E4", "E5"}, []string{"E7", "E8"})
		_ = teams
		if err := w.c.AdvanceHackathon(ctx, w.actor("E3"), hid, model.HackJudging); err != nil {
			t.Fatal(err)
		}
		gus := w.actor("E7")
		score := model.ScoreInput{Impact: 5, Feasibility: 4, Alignment: 5, Innovation: 3}
		_, err := w.c.ScoreSubmission(ctx, gus, subs[1], score)
		wantCode(t, err, model.CodeForbidden)
		if !strings.Contains(model.ErrorMessageOf(err), "member of this team") {
			t.Errorf("message %q does not explain the conflict", model.ErrorMessageOf(err))
		}
		must(w.c.ScoreSubmission(ctx, gus, subs[0], score))
		must(w.c.ScoreSubmission(ctx, w.actor("E1"), subs[1], model.ScoreInput{Impact: 3, Feasibility: 3, Alignment: 3, Innovation: 3}))
		// Non-judges cannot score.
		_, err = w.c.ScoreSubmission(ctx, w.actor("E9"), subs[0], score)
		wantCode(t, err, model.CodeForbidden)
		sheet := must(w.c.JudgingSheet(ctx, gus, hid))
		for _, r := range sheet.Rows {
			if r.OwnTeam != (r.Submission.ID == subs[1]) {
				t.Errorf("sheet row %s: own team %v", r.Submission.Title, r.OwnTeam)
			}
		}
		res := must(w.c.HackathonResults(ctx, w.actor("E3"), hid))
		// Gus's scores 5,4,5,3 with weights .3,.2,.3,.2: mean 4.4 → 100×3.4/4 = 85.
		if res.Results[0].Submission.ID != subs[0] || math.Abs(res.Results[0].Score-85) > 1e-9 || res.Results[1].Score != 50 {
			t.Errorf("results: %+v", res.Results)
		}
		// Seeding obeys the same rule.
		err = w.c.SeedCollaboration(ctx, model.System, model.CollabSeed{Hackathons: []model.HackathonSeed{{
			HackathonInput: model.HackathonInput{Title: "Seeded", Theme: "Water", StartsOn: "2025-01-01", EndsOn: "2025-01-02", TeamMin: 1, TeamMax: 3, JudgeIDs: []int64{w.p["E7"].ID}},
			Status:         model.HackFinished, Challenges: []model.ChallengeInput{{Title: "Wells"}},
			Teams: []model.TeamSeed{{Name: "Gus's team", Members: []int64{w.p["E7"].ID}, Submission: &model.SubmissionInput{Title: "x", Description: "y", ImpactHypothesis: "z"},
				Scores: []model.ScoreSeed{{JudgeID: w.p["E7"].ID, ScoreInput: score}}}},
		}}})
		if err == nil || !strings.Contains(err.Error(), "cannot score it") {
			t.Errorf("seeding a judge's score of their own team: %v, want a refusal", err)
		}
	})
}

// TestTeamSizeUnderConcurrency: eight people try to take the last three places of a
// team at once; exactly three get in.
func TestTeamSizeUnderConcurrency(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newCollabWorld(t, db, 8)
		ctx := context.Background()
		hid, teams, _ := w.hackathonWithTeams(t, nil, []string{"E4"})
		var wg sync.WaitGroup
		var mu sync.Mutex
		joined, full := 0, 0
		for _, p := range w.crowd {
			a := w.actors[p.EmployeeID]
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := w.c.JoinTeam(ctx, a, teams[0])
				mu.Lock()
				defer mu.Unlock()
				switch model.ErrorCodeOf(err) {
				case "":
					joined++
				case model.CodeConflict:
					full++
				default:
					t.Errorf("join: %v", err)
				}
			}()
		}
		wg.Wait()
		d := must(w.c.HackTeam(ctx, w.actor("E4"), teams[0]))
		if joined != 3 || full != 5 || len(d.Team.Members) != 4 {
			t.Errorf("joined %d, refused %d, members %d; want 3, 5 and 4 (the limit)", joined, full, len(d.Team.Members))
		}
		_ = hid
	})
}

// TestTeamFormationRules covers registration, the size limit on creation, one team per
// person, suggestions from other departments, and closed teams after hacking.
func TestTeamFormationRules(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newCollabWorld(t, db, 8)
		ctx := context.Background()
		hid, _, _ := w.hackathonWithTeams(t, nil, []string{"E4", "E5"})
		d := must(w.c.Hackathon(ctx, w.actor("E4"), hid))
		ch := d.Challenges[0].ID
		// Five people in a team of at most four.
		var five []int64
		for _, p := range w.crowd[:4] {
			five = append(five, p.ID)
		}
		_, err := w.c.CreateTeam(ctx, w.actor("E8"), hid, model.TeamInput{Name: "Too many", ChallengeID: ch, MemberIDs: five})
		wantCode(t, err, model.CodeInvalid)
		// Dee is already in a team.
		_, err = w.c.CreateTeam(ctx, w.actor("E8"), hid, model.TeamInput{Name: "Poach", ChallengeID: ch, MemberIDs: []int64{w.p["E4"].ID}})
		wantCode(t, err, model.CodeInvalid)
		// Same name, any case.
		_, err = w.c.CreateTeam(ctx, w.actor("E8"), hid, model.TeamInput{Name: "team 1", ChallengeID: ch})
		wantCode(t, err, model.CodeConflict)
		// Suggestions put registered people from other departments first.
		for _, p := range w.crowd[:3] {
			if err := w.c.RegisterForHackathon(ctx, w.actors[p.EmployeeID], hid); err != nil {
				t.Fatal(err)
			}
		}
		s := must(w.c.TeamSuggestions(ctx, w.actor("E8"), hid))
		if len(s.Looking) != 3 || s.Looking[0].DepartmentName == "Sales" {
			t.Errorf("looking: %+v", s.Looking)
		}
		for _, p := range s.Others {
			if p.DepartmentName == "Sales" {
				t.Errorf("suggested %s from the proposer's own department", p.Name)
			}
		}
		if err := w.c.AdvanceHackathon(ctx, w.actor("E3"), hid, model.HackJudging); err != nil {
			t.Fatal(err)
		}
		_, err = w.c.CreateTeam(ctx, w.actor("E8"), hid, model.TeamInput{Name: "Late", ChallengeID: ch})
		wantCode(t, err, model.CodeConflict)
		wantCode(t, w.c.AdvanceHackathon(ctx, w.actor("E3"), hid, model.HackHacking), model.CodeConflict)
		wantCode(t, w.c.AdvanceHackathon(ctx, w.actor("E4"), hid, model.HackFinished), model.CodeForbidden)
	})
}

// TestWinnerBecomesInitiative: publishing winners finishes the hackathon and closes the
// vote; the winner becomes an initiative with the team as members and the challenge's
// objective linked, once.
func TestWinnerBecomesInitiative(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newCollabWorld(t, db, 0)
		ctx := context.Background()
		hid, _, subs := w.hackathonWithTeams(t, []string{"E1"}, []string{"E4", "E7"}, []string{"E9"})
		hr := w.actor("E3")
		if err := w.c.AdvanceHackathon(ctx, hr, hid, model.HackJudging); err != nil {
			t.Fatal(err)
		}
		_, err := w.c.HackathonResults(ctx, w.actor("E8"), hid)
		wantCode(t, err, model.CodeForbidden) // not published yet
		_, err = w.c.SubmissionToInitiative(ctx, hr, subs[0])
		wantCode(t, err, model.CodeConflict) // not a winner yet
		if err := w.c.PublishWinners(ctx, hr, hid, model.WinnersInput{Places: []int64{subs[0], subs[1]}}); err != nil {
			t.Fatal(err)
		}
		res := must(w.c.HackathonResults(ctx, w.actor("E8"), hid))
		if res.Hackathon.Status != model.HackFinished {
			t.Errorf("status %s, want finished", res.Hackathon.Status)
		}
		wantCode(t, w.c.Vote(ctx, w.actor("E8"), hid, subs[1]), model.CodeConflict)
		iid := must(w.c.SubmissionToInitiative(ctx, hr, subs[0]))
		in := must(w.c.Initiative(ctx, w.actor("E8"), iid))
		if len(in.Members) != 2 || in.LeadID != w.p["E4"].ID || len(in.Objectives) != 1 || in.Objectives[0].ID != w.objID || in.FromSubmission != subs[0] {
			t.Errorf("initiative from winner: %+v", in.Initiative)
		}
		if in.Mix.SingleDepartment || len(in.Mix.Departments) != 2 {
			t.Errorf("mix %+v, want Sales and People", in.Mix)
		}
		_, err = w.c.SubmissionToInitiative(ctx, hr, subs[0])
		wantCode(t, err, model.CodeConflict)
	})
}

// TestInitiativeRules: who starts and runs initiatives, join requests, the lead, and
// the single-department warning.
func TestInitiativeRules(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newCollabWorld(t, db, 0)
		ctx := context.Background()
		in := model.InitiativeInput{Title: "Field margins for bees", Mission: "Turn 5% of field margins into flowering strips.", SponsorID: w.p["E1"].ID,
			LeadID: w.p["E6"].ID, StartsOn: "2026-01-01", ObjectiveIDs: []int64{w.objID}}
		_, err := w.c.CreateInitiative(ctx, w.actor("E4"), in)
		wantCode(t, err, model.CodeForbidden)
		bad := in
		bad.Status = model.InitiativeCompleted
		_, err = w.c.CreateInitiative(ctx, w.actor("E2"), bad)
		wantCode(t, err, model.CodeInvalid) // completed without outcomes
		id := must(w.c.CreateInitiative(ctx, w.actor("E2"), in))
		if err := w.c.AddInitiativeMember(ctx, w.actor("E6"), id, model.MemberInput{PersonID: w.p["E8"].ID, Role: "Field data"}); err != nil {
			t.Fatal(err)
		}
		d := must(w.c.Initiative(ctx, w.actor("E7"), id))
		if !d.Mix.SingleDepartment || !d.CanJoin || d.CanManage {
			t.Errorf("detail for Gus: single %v, can join %v, can manage %v; want true, true, false", d.Mix.SingleDepartment, d.CanJoin, d.CanManage)
		}
		wantCode(t, w.c.AddInitiativeMember(ctx, w.actor("E7"), id, model.MemberInput{PersonID: w.p["E7"].ID}), model.CodeForbidden)
		rid := must(w.c.RequestToJoin(ctx, w.actor("E7"), id, model.JoinRequestInput{Message: "I know the co-op farmers."}))
		_, err = w.c.RequestToJoin(ctx, w.actor("E7"), id, model.JoinRequestInput{})
		wantCode(t, err, model.CodeConflict)
		_, err = w.c.DecideJoinRequest(ctx, w.actor("E9"), rid, true)
		wantCode(t, err, model.CodeForbidden)
		must(w.c.DecideJoinRequest(ctx, w.actor("E6"), rid, true))
		d = must(w.c.Initiative(ctx, w.actor("E7"), id))
		if !d.IsMember || d.Mix.SingleDepartment || d.Members[0].Person.ID != w.p["E6"].ID {
			t.Errorf("after accepting Gus: member %v, single %v, first %s", d.IsMember, d.Mix.SingleDepartment, d.Members[0].Person.Name)
		}
		wantCode(t, w.c.RemoveInitiativeMember(ctx, w.actor("E2"), id, w.p["E6"].ID), model.CodeConflict) // the lead stays
		if err := w.c.RemoveInitiativeMember(ctx, w.actor("E7"), id, w.p["E7"].ID); err != nil {          // Gus leaves
			t.Fatal(err)
		}
		mid := must(w.c.AddMilestone(ctx, w.actor("E6"), id, model.MilestoneInput{Title: "Seed mix chosen", DueOn: "2026-03-01"}))
		must(w.c.SetMilestoneDone(ctx, w.actor("E8"), mid, true))
		_, err = w.c.SetMilestoneDone(ctx, w.actor("E9"), mid, false)
		wantCode(t, err, model.CodeForbidden)
	})
}

// TestIdeaWorkflow: the workflow, reasons for declines, who reviews, votes, comments
// one level deep, adoption of practices and the innovation counts per team and quarter.
func TestIdeaWorkflow(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newCollabWorld(t, db, 0)
		ctx := context.Background()
		hal := w.actor("E8")
		id := must(w.c.CreatePost(ctx, hal, model.PostInput{Kind: model.KindIdea, Title: "Share tractor routes", Body: "Plan routes together to cut fuel.",
			Tags: []string{"Fuel", "#routes", "fuel"}, ObjectiveID: w.objID, CoAuthorIDs: []int64{w.p["E9"].ID}}))
		p := must(w.c.Post(ctx, hal, id))
		if strings.Join(p.Tags, ",") != "fuel,routes" || p.TeamManagerID != w.p["E6"].ID || p.CanVote {
			t.Errorf("post: tags %v, team %d, can vote %v", p.Tags, p.TeamManagerID, p.CanVote)
		}
		wantCode(t, w.c.VotePost(ctx, w.actor("E9"), id, true), model.CodeForbidden) // co-author
		for _, v := range []string{"E4", "E4", "E7"} {
			if err := w.c.VotePost(ctx, w.actor(v), id, true); err != nil {
				t.Fatal(err)
			}
		}
		cid := must(w.c.CommentOnPost(ctx, w.actor("E4"), id, model.CommentInput{Body: "Yes, and share the trailers."}))
		rid := must(w.c.CommentOnPost(ctx, hal, id, model.CommentInput{Body: "Good point.", ParentID: cid}))
		_, err := w.c.CommentOnPost(ctx, w.actor("E7"), id, model.CommentInput{Body: "Too deep.", ParentID: rid})
		wantCode(t, err, model.CodeInvalid)
		p = must(w.c.Post(ctx, w.actor("E7"), id))
		if p.Votes != 2 || len(p.Comments) != 1 || len(p.Comments[0].Replies) != 1 {
			t.Errorf("votes %d, comments %+v", p.Votes, p.Comments)
		}
		// Gus (People) cannot review Hal's idea; Fay (Hal's manager) and hr can.
		wantCode(t, w.c.MovePost(ctx, w.actor("E7"), id, model.PostStatusInput{Status: model.PostUnderReview}), model.CodeForbidden)
		wantCode(t, w.c.MovePost(ctx, w.actor("E6"), id, model.PostStatusInput{Status: model.PostImplemented}), model.CodeConflict)
		wantCode(t, w.c.MovePost(ctx, w.actor("E6"), id, model.PostStatusInput{Status: model.PostDeclined}), model.CodeInvalid)
		for _, s := range []model.PostStatus{model.PostUnderReview, model.PostAdopted, model.PostImplemented} {
			if err := w.c.MovePost(ctx, w.actor("E6"), id, model.PostStatusInput{Status: s}); err != nil {
				t.Fatalf("move to %s: %v", s, err)
			}
		}
		p = must(w.c.Post(ctx, hal, id))
		if len(p.History) != 3 || p.ImplementedOn == "" {
			t.Errorf("history %+v, implemented on %q", p.History, p.ImplementedOn)
		}
		declined := must(w.c.CreatePost(ctx, hal, model.PostInput{Kind: model.KindIdea, Title: "Paint tractors green", Body: "Nice."}))
		if err := w.c.MovePost(ctx, w.actor("E3"), declined, model.PostStatusInput{Status: model.PostDeclined, Reason: "They are green already."}); err != nil {
			t.Fatal(err)
		}
		if p := must(w.c.Post(ctx, hal, declined)); p.DeclineReason != "They are green already." {
			t.Errorf("decline reason %q", p.DeclineReason)
		}
		story := must(w.c.CreatePost(ctx, hal, model.PostInput{Kind: model.KindStory, Title: "A morning with the bees", Body: "What we saw."}))
		wantCode(t, w.c.MovePost(ctx, w.actor("E3"), story, model.PostStatusInput{Status: model.PostUnderReview}), model.CodeConflict)

		// A best practice by Gus, adopted by Fay's and Bo's teams.
		practice := must(w.c.CreatePost(ctx, w.actor("E7"), model.PostInput{Kind: model.KindPractice, Title: "Walk-and-talk 1:1s", Body: "Hold one-to-ones on foot."}))
		today := time.Now().UTC().Format("2006-01-02")
		if err := w.c.RecordAdoption(ctx, w.actor("E6"), practice, model.AdoptionInput{AdoptedOn: today}); err != nil {
			t.Fatal(err)
		}
		if err := w.c.RecordAdoption(ctx, w.actor("E2"), practice, model.AdoptionInput{AdoptedOn: today}); err != nil {
			t.Fatal(err)
		}
		wantCode(t, w.c.RecordAdoption(ctx, w.actor("E4"), practice, model.AdoptionInput{AdoptedOn: today}), model.CodeInvalid)                                // Dee leads no team
		wantCode(t, w.c.RecordAdoption(ctx, w.actor("E6"), practice, model.AdoptionInput{TeamManagerID: w.p["E3"].ID, AdoptedOn: today}), model.CodeForbidden) // not her line
		wantCode(t, w.c.RecordAdoption(ctx, w.actor("E6"), id, model.AdoptionInput{AdoptedOn: today}), model.CodeConflict)                                     // not a practice
		q := model.CurrentQuarter(time.Now())
		_, err = w.c.InnovationCounts(ctx, w.actor("E6"), q)
		wantCode(t, err, model.CodeForbidden)
		counts := must(w.c.InnovationCounts(ctx, w.actor("E3"), q))
		got := map[int64][2]int{}
		for _, ic := range counts {
			got[ic.ManagerID] = [2]int{ic.ImplementedIdeas, ic.AdoptedPractices}
		}
		want := map[int64][2]int{w.p["E6"].ID: {1, 1}, w.p["E2"].ID: {0, 1}}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("innovation counts %v, want %v", got, want)
		}
		if l := must(w.c.Posts(ctx, hal, model.PostFilter{Query: "TRACTOR routes"})); l.Total != 1 || l.Items[0].ID != id {
			t.Errorf("search found %d", l.Total)
		}
		if l := must(w.c.Posts(ctx, hal, model.PostFilter{Tag: "Fuel", Sort: "votes"})); l.Total != 1 {
			t.Errorf("tag filter found %d", l.Total)
		}
	})
}

// TestServiceSelectionAndPrivacy: the assistant balances departments; confirming
// selects and waitlists; only the team logs hours; an unshared reflection is read by
// its author alone, not by hr, admin or the team.
func TestServiceSelectionAndPrivacy(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newCollabWorld(t, db, 0)
		ctx := context.Background()
		hr := w.actor("E3")
		pid := must(w.c.CreateServiceProgram(ctx, hr, model.ServiceProgramInput{Name: "Spring corps", StartsOn: "2026-03-01", EndsOn: "2026-06-30", ApplyBy: "2026-02-15"}))
		proj := must(w.c.AddServiceProject(ctx, hr, pid, model.ServiceProjectInput{Title: "River clean-up", Place: "Ames", Partner: "Story County Trust",
			StartsOn: "2026-03-01", EndsOn: "2026-04-30", Capacity: 3, Skills: []string{"Logistics, data"}}))
		// Five Sales people apply first, then Gus (People) and Ada (Executive).
		for _, e := range []string{"E4", "E5", "E8", "E9", "E6", "E7", "E1"} {
			must(w.c.ApplyToProject(ctx, w.actor(e), proj, model.ApplicationInput{Motivation: "I grew up on that river."}))
		}
		_, err := w.c.ApplyToProject(ctx, w.actor("E4"), proj, model.ApplicationInput{Motivation: "Again"})
		wantCode(t, err, model.CodeConflict)
		_, err = w.c.ProposeSelection(ctx, w.actor("E2"), pid)
		wantCode(t, err, model.CodeForbidden)
		sp := must(w.c.ProposeSelection(ctx, hr, pid))
		depts := map[string]int{}
		var chosen []int64
		for _, a := range sp.Projects[0].Selected {
			depts[a.Person.DepartmentName]++
			chosen = append(chosen, a.ID)
		}
		if depts["Sales"] != 1 || depts["People"] != 1 || depts["Executive"] != 1 {
			t.Errorf("proposal by department %v, want one each from Sales, People and Executive", depts)
		}
		if sp.Projects[0].Selected[0].Person.ID != w.p["E4"].ID {
			t.Errorf("first pick %s, want Dee: the earliest Sales applicant", sp.Projects[0].Selected[0].Person.Name)
		}
		if len(sp.Projects[0].Waitlist) != 4 || sp.Method == "" {
			t.Errorf("waitlist %d, method %q", len(sp.Projects[0].Waitlist), sp.Method)
		}
		wantCode(t, w.c.ConfirmSelection(ctx, hr, pid, append(chosen, sp.Projects[0].Waitlist[0].ID)), model.CodeConflict) // over capacity
		if err := w.c.ConfirmSelection(ctx, hr, pid, chosen); err != nil {
			t.Fatal(err)
		}
		gus, dee, eli := w.actor("E7"), w.actor("E4"), w.actor("E5")
		must(w.c.LogService(ctx, gus, proj, model.ServiceLogInput{WorkedOn: "2026-03-07", Hours: 4, Beneficiaries: 30}))
		_, err = w.c.LogService(ctx, eli, proj, model.ServiceLogInput{WorkedOn: "2026-03-07", Hours: 4})
		wantCode(t, err, model.CodeForbidden) // waitlisted
		const secret = "I was nervous talking to the farmers"
		rid := must(w.c.AddReflection(ctx, gus, proj, model.ReflectionInput{Body: secret}))
		must(w.c.AddReflection(ctx, dee, proj, model.ReflectionInput{Body: "Shared learning", Shared: true}))
		for _, viewer := range []model.Actor{hr, w.actor("E1"), dee, eli, dbtest.MustAdmin(t, w.c)} {
			d := must(w.c.ServiceProject(ctx, viewer, proj))
			for _, r := range d.Reflections {
				if r.Body == secret {
					t.Errorf("%s reads Gus's unshared reflection", viewer.Name)
				}
			}
		}
		if d := must(w.c.ServiceProject(ctx, gus, proj)); len(d.Reflections) != 2 {
			t.Errorf("Gus sees %d reflections, want his own and Dee's shared one", len(d.Reflections))
		}
		if d := must(w.c.ServiceProject(ctx, eli, proj)); len(d.Reflections) != 0 || len(d.Logs) != 0 {
			t.Errorf("a waitlisted applicant sees %d reflections and %d logs", len(d.Reflections), len(d.Logs))
		}
		wantCode(t, w.c.ShareReflection(ctx, hr, rid, true), model.CodeNotFound)
		if err := w.c.ShareReflection(ctx, gus, rid, true); err != nil {
			t.Fatal(err)
		}
		if err := w.c.RecordSkills(ctx, gus, proj, model.SkillsInput{Skills: []string{"Facilitation", "facilitation", "Water testing"}}); err != nil {
			t.Fatal(err)
		}
		skills := must(w.c.PersonSkills(ctx, w.actor("E3"), w.p["E7"].ID)) // Cy manages Gus
		if len(skills) != 2 || skills[0].SourceTitle != "River clean-up" {
			t.Errorf("skills %+v", skills)
		}
		_, err = w.c.PersonSkills(ctx, dee, w.p["E7"].ID)
		wantCode(t, err, model.CodeForbidden)
		totals := must(w.c.ServiceTotals(ctx, hr, "2026-Q1"))
		if len(totals) != 1 || totals[0].ManagerID != w.p["E3"].ID || totals[0].Hours != 4 || totals[0].Beneficiaries != 30 {
			t.Errorf("service totals %+v", totals)
		}
	})
}
