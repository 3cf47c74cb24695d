package server

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// secretReflection is Gus's unshared service reflection; nobody else may read it.
const secretReflection = "I found it hard to speak up with the partner"

// seedCollab adds collaboration to the fixture:
//
//	initiative "Bee margins": sponsor Ada, lead Fay, member Hal
//	hackathon "Bees" in judging, judged by Ada and Gus: team A (Dee, Eli) and team B
//	  (Gus, Ivy), each with a submission — Gus judges and is on team B
//	Hal's idea "Share tractor routes" and Gus's best practice "Walk-and-talk"
//	service program with one project; Dee and Gus selected; Gus's unshared reflection
func seedCollab(t *testing.T, f *fixture) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	c := f.c
	ids := map[string]int64{}
	must := func(id int64, err error) int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	ok := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// The fixture's own sessions; signing in again would reset them.
	actor := func(name string) model.Actor {
		t.Helper()
		a, err := c.Authenticate(ctx, f.cookies[name])
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	bo, fay, dee, gus, cy := actor("manager"), actor("lead"), actor("employee"), actor("other"), actor("hr")
	ids["obj"] = must(c.CreateObjective(ctx, model.System, model.ObjectiveInput{Title: "Restore pollinator habitat", Why: "Bees feed us."}))
	ids["ini"] = must(c.CreateInitiative(ctx, bo, model.InitiativeInput{Title: "Bee margins", Mission: "Flowering strips on field margins.",
		SponsorID: f.ids["E1"], LeadID: f.ids["E6"], StartsOn: "2026-01-01", ObjectiveIDs: []int64{ids["obj"]}}))
	ok(c.AddInitiativeMember(ctx, fay, ids["ini"], model.MemberInput{PersonID: f.ids["E8"], Role: "Field data"}))
	ids["hack"] = must(c.CreateHackathon(ctx, cy, model.HackathonInput{Title: "Bees", Theme: "Pollinators", StartsOn: "2026-01-10", EndsOn: "2026-01-11",
		VotesCloseOn: "2099-01-01", TeamMin: 1, TeamMax: 3, JudgeIDs: []int64{f.ids["E1"], f.ids["E7"]}}))
	ch := must(c.AddChallenge(ctx, cy, ids["hack"], model.ChallengeInput{Title: "Hedgerows", ObjectiveID: ids["obj"]}))
	ids["teamA"] = must(c.CreateTeam(ctx, dee, ids["hack"], model.TeamInput{Name: "Team A", ChallengeID: ch, MemberIDs: []int64{f.ids["E5"]}}))
	ids["teamB"] = must(c.CreateTeam(ctx, gus, ids["hack"], model.TeamInput{Name: "Team B", ChallengeID: ch, MemberIDs: []int64{f.ids["E9"]}}))
	sub := model.SubmissionInput{Title: "Hedge idea A", Description: "Native hedges.", ImpactHypothesis: "More bees."}
	ids["subA"] = must(c.SaveSubmission(ctx, dee, ids["teamA"], sub))
	sub.Title = "Hedge idea B"
	ids["subB"] = must(c.SaveSubmission(ctx, gus, ids["teamB"], sub))
	ok(c.AdvanceHackathon(ctx, cy, ids["hack"], model.HackJudging))
	hal := dbtest.MustActor(t, c, "hal@example.org") // not one of the fixture's signed-in actors
	ids["idea"] = must(c.CreatePost(ctx, hal, model.PostInput{Kind: model.KindIdea, Title: "Share tractor routes", Body: "Plan routes together.", Tags: []string{"fuel"}}))
	ids["practice"] = must(c.CreatePost(ctx, gus, model.PostInput{Kind: model.KindPractice, Title: "Walk-and-talk one-to-ones", Body: "On foot."}))
	ids["prog"] = must(c.CreateServiceProgram(ctx, cy, model.ServiceProgramInput{Name: "Spring corps", StartsOn: "2026-03-01", EndsOn: "2026-06-30", ApplyBy: "2026-02-15"}))
	ids["proj"] = must(c.AddServiceProject(ctx, cy, ids["prog"], model.ServiceProjectInput{Title: "River clean-up", Place: "Ames", Partner: "River Trust",
		StartsOn: "2026-03-01", EndsOn: "2026-04-30", Capacity: 2}))
	a1 := must(c.ApplyToProject(ctx, dee, ids["proj"], model.ApplicationInput{Motivation: "My river."}))
	a2 := must(c.ApplyToProject(ctx, gus, ids["proj"], model.ApplicationInput{Motivation: "Our river."}))
	ok(c.ConfirmSelection(ctx, cy, ids["prog"], []int64{a1, a2}))
	must(c.AddReflection(ctx, gus, ids["proj"], model.ReflectionInput{Body: secretReflection}))
	ok(c.RecordSkills(ctx, gus, ids["proj"], model.SkillsInput{Skills: []string{"Facilitation"}}))
	return ids
}

type collabScenario struct {
	actor, method, url string
	form               url.Values
	json               string
	status             int
	want, unwanted     []string
}

// TestCollaborationRoutesByRole covers the collaboration pages and API role by role:
// who starts and runs initiatives, the judge's conflict of interest, one vote per
// person and none for one's own team, who reviews ideas, who organizes, private
// reflections, and who reads network measures.
func TestCollaborationRoutesByRole(t *testing.T) {
	scenarios := []collabScenario{
		{actor: "", method: "GET", url: "/collaborate", status: 303},
		{actor: "", method: "GET", url: "/api/v1/ideas", status: 401},
		{actor: "employee", method: "GET", url: "/collaborate", status: 200, want: []string{"Your reach", "Bees", "Bee margins", "Spring corps"}},
		{actor: "employee", method: "GET", url: "/initiatives?view=all", status: 200, want: []string{"Bee margins"}, unwanted: []string{"Start an initiative"}},
		{actor: "employee", method: "GET", url: "/initiatives/new", status: 403},
		{actor: "manager", method: "GET", url: "/initiatives/new", status: 200, want: []string{"Restore pollinator habitat"}},
		{actor: "employee", method: "POST", url: "/initiatives", form: url.Values{"title": {"Mine"}}, status: 403},
		{actor: "manager", method: "POST", url: "/initiatives", form: url.Values{"title": {""}, "starts_on": {"2026-01-01"}}, status: 422, want: []string{"Give the initiative a title.", "Choose a lead."}},
		{actor: "manager", method: "POST", url: "/initiatives", form: url.Values{"title": {"Cover crops"}, "mission": {"Prove the payback."}, "sponsor_id": {"{E1}"}, "lead_id": {"{E2}"}, "status": {"active"}, "starts_on": {"2026-01-01"}}, status: 303},
		{actor: "employee", method: "GET", url: "/initiatives/{ini}", status: 200, want: []string{"Bee margins", "Ask to join", "Field data", "Restore pollinator habitat"}, unwanted: []string{"Add a member"}},
		{actor: "lead", method: "GET", url: "/initiatives/{ini}", status: 200, want: []string{"Add a member", "Single-department team"}, unwanted: []string{"Ask to join"}},
		{actor: "employee", method: "POST", url: "/initiatives/{ini}/members", form: url.Values{"person_id": {"{E4}"}}, status: 403},
		{actor: "lead", method: "POST", url: "/initiatives/{ini}/members", form: url.Values{"person_id": {""}}, status: 422, want: []string{"Choose a person."}},
		{actor: "employee", method: "POST", url: "/initiatives/{ini}/join", form: url.Values{"message": {"I can help."}}, status: 303},
		{actor: "employee", method: "POST", url: "/initiatives/{ini}/join", form: url.Values{"message": {"Again."}}, status: 409},
		{actor: "lead", method: "GET", url: "/initiatives/{ini}", status: 200, want: []string{"Requests to join", "I can help."}},

		{actor: "other", method: "GET", url: "/hackathons/{hack}/judging", status: 200, want: []string{"You are a member of this team, so you cannot score it", "Hedge idea A"}},
		{actor: "other", method: "POST", url: "/submissions/{subB}/score", form: url.Values{"impact": {"5"}, "feasibility": {"5"}, "alignment": {"5"}, "innovation": {"5"}, "hackathon": {"{hack}"}}, status: 403, want: []string{"cannot score"}},
		{actor: "other", method: "POST", url: "/submissions/{subA}/score", form: url.Values{"impact": {"4"}, "feasibility": {"3"}, "alignment": {"5"}, "innovation": {"3"}, "hackathon": {"{hack}"}}, status: 303},
		{actor: "executive", method: "POST", url: "/submissions/{subA}/score", form: url.Values{"impact": {"9"}, "hackathon": {"{hack}"}}, status: 422, want: []string{"Score from 1 to 5."}},
		{actor: "employee", method: "POST", url: "/submissions/{subB}/score", form: url.Values{"impact": {"5"}, "feasibility": {"5"}, "alignment": {"5"}, "innovation": {"5"}}, status: 403},
		{actor: "employee", method: "GET", url: "/hackathons/{hack}/judging", status: 403},
		{actor: "employee", method: "GET", url: "/hackathons/{hack}", status: 200, want: []string{"Audience vote", "Team A", "Hedge idea B"}},
		{actor: "employee", method: "POST", url: "/hackathons/{hack}/vote", form: url.Values{"submission_id": {"{subB}"}}, status: 303},
		{actor: "employee", method: "POST", url: "/hackathons/{hack}/vote", form: url.Values{"submission_id": {"{subA}"}}, status: 403},
		{actor: "employee", method: "GET", url: "/hackathons/{hack}/results", status: 403},
		{actor: "hr", method: "GET", url: "/hackathons/{hack}/results", status: 200, want: []string{"Standings", "Publish the winners"}},
		{actor: "employee", method: "GET", url: "/hackathons/new", status: 403},
		{actor: "hr", method: "GET", url: "/hackathons/new", status: 200},
		{actor: "hr", method: "POST", url: "/hackathons", form: url.Values{"title": {"X"}, "team_min": {"3"}, "team_max": {"2"}}, status: 422, want: []string{"Name the theme", "at least as many people as the smallest"}},
		{actor: "employee", method: "POST", url: "/hackathons/{hack}/phase", form: url.Values{"status": {"finished"}}, status: 403},
		{actor: "manager", method: "POST", url: "/submissions/{subA}/initiative", status: 403},

		{actor: "employee", method: "GET", url: "/ideas?q=tractor", status: 200, want: []string{"Share tractor routes", "1 post"}},
		{actor: "employee", method: "GET", url: "/ideas/{idea}", status: 200, want: []string{"Vote for this"}, unwanted: []string{"Change status"}},
		{actor: "employee", method: "POST", url: "/ideas", form: url.Values{"kind": {"idea"}, "title": {""}}, status: 422, want: []string{"Give it a title."}},
		{actor: "employee", method: "POST", url: "/ideas", form: url.Values{"kind": {"idea"}, "title": {"Lunch roulette"}, "body": {"Meet other departments."}, "tags": {"people"}}, status: 303},
		{actor: "employee", method: "POST", url: "/ideas/{idea}/vote", form: url.Values{"vote": {"1"}}, status: 303},
		{actor: "employee", method: "POST", url: "/ideas/{idea}/status", form: url.Values{"status": {"under_review"}}, status: 403},
		{actor: "lead", method: "POST", url: "/ideas/{idea}/status", form: url.Values{"status": {"declined"}}, status: 422, want: []string{"the author deserves a reason"}},
		{actor: "lead", method: "POST", url: "/ideas/{idea}/status", form: url.Values{"status": {"under_review"}}, status: 303},
		{actor: "employee", method: "POST", url: "/ideas/{idea}/comments", form: url.Values{"body": {""}}, status: 422, want: []string{"Write a comment."}},
		{actor: "lead", method: "POST", url: "/ideas/{practice}/adoptions", form: url.Values{"adopted_on": {"2026-01-05"}, "team_manager_id": {"{E6}"}}, status: 303},
		{actor: "employee", method: "POST", url: "/ideas/{practice}/adoptions", form: url.Values{"adopted_on": {"2026-01-05"}, "team_manager_id": {"{E6}"}}, status: 403},
		{actor: "employee", method: "GET", url: "/ideas/{practice}", status: 200, want: []string{"Fay Wray's team"}},

		{actor: "employee", method: "GET", url: "/service", status: 200, want: []string{"Spring corps", "River clean-up"}},
		{actor: "employee", method: "GET", url: "/service/programs/{prog}/selection", status: 403},
		{actor: "hr", method: "GET", url: "/service/programs/{prog}/selection", status: 200, want: []string{"How the assistant chooses"}},
		{actor: "other", method: "GET", url: "/service/projects/{proj}", status: 200, want: []string{secretReflection, "Facilitation"}},
		{actor: "employee", method: "GET", url: "/service/projects/{proj}", status: 200, want: []string{"Log your service"}, unwanted: []string{secretReflection}},
		{actor: "hr", method: "GET", url: "/service/projects/{proj}", status: 200, want: []string{"Applications"}, unwanted: []string{secretReflection}},
		{actor: "admin", method: "GET", url: "/service/projects/{proj}", status: 200, unwanted: []string{secretReflection}},
		{actor: "lead", method: "POST", url: "/service/projects/{proj}/hours", form: url.Values{"worked_on": {"2026-03-02"}, "hours": {"3"}}, status: 403},
		{actor: "employee", method: "POST", url: "/service/projects/{proj}/hours", form: url.Values{"worked_on": {"2026-03-02"}, "hours": {"lots"}}, status: 422, want: []string{"Enter the hours as a number"}},
		{actor: "employee", method: "POST", url: "/service/projects/{proj}/hours", form: url.Values{"worked_on": {"2026-03-02"}, "hours": {"3.5"}, "beneficiaries": {"12"}}, status: 303},
		{actor: "employee", method: "POST", url: "/service/programs", form: url.Values{"name": {"Mine"}}, status: 403},

		{actor: "employee", method: "GET", url: "/network", status: 200, want: []string{"Your collaboration network", "Departments reached"}},
		{actor: "employee", method: "GET", url: "/network/people/{E6}", status: 403},
		{actor: "manager", method: "GET", url: "/network/people/{E6}", status: 200, want: []string{"Collaboration network of Fay Wray", "Hal Holbrook"}},
		{actor: "employee", method: "GET", url: "/network/org", status: 403},
		{actor: "executive", method: "GET", url: "/network/org", status: 200, want: []string{"Department × department", "<svg"}},

		{actor: "token:employee", method: "GET", url: "/api/v1/initiatives", status: 200, want: []string{`"title":"Bee margins"`, `"single_department":true`}},
		{actor: "token:employee", method: "POST", url: "/api/v1/initiatives", json: `{"title":"x"}`, status: 403},
		{actor: "token:manager", method: "POST", url: "/api/v1/initiatives", json: `{"title":"API initiative","mission":"m","sponsor_id":{E1},"lead_id":{E2},"starts_on":"2026-02-01"}`, status: 201, want: []string{`"title":"API initiative"`}},
		{actor: "token:manager", method: "POST", url: "/api/v1/initiatives", json: `{"title":"x","surprise":1}`, status: 422, want: []string{"Unknown field"}},
		{actor: "token:employee", method: "GET", url: "/api/v1/hackathons/{hack}", status: 200, want: []string{`"my_team_id":{teamA}`, `"voting_open":true`}},
		{actor: "token:lead", method: "PUT", url: "/api/v1/hackathons/{hack}/vote", json: `{"submission_id":{subA}}`, status: 204},
		{actor: "token:lead", method: "PUT", url: "/api/v1/hackathons/{hack}/vote", json: `{"submission_id":{subB}}`, status: 204},
		{actor: "token:other", method: "PUT", url: "/api/v1/submissions/{subB}/score", json: `{"impact":5,"feasibility":5,"purpose_alignment":5,"innovation":5}`, status: 403},
		{actor: "token:executive", method: "PUT", url: "/api/v1/submissions/{subB}/score", json: `{"impact":4,"feasibility":4,"purpose_alignment":4,"innovation":4}`, status: 204},
		{actor: "token:hr", method: "GET", url: "/api/v1/hackathons/{hack}/results", status: 200, want: []string{`"total_votes":2`}},
		{actor: "token:employee", method: "GET", url: "/api/v1/ideas?kind=bad", status: 422},
		{actor: "token:employee", method: "POST", url: "/api/v1/ideas", json: `{"kind":"idea","title":"API idea","body":"Through the API.","tags":["api"]}`, status: 201, want: []string{`"tags":["api"]`}},
		{actor: "token:employee", method: "PUT", url: "/api/v1/ideas/{idea}/vote", status: 204},
		{actor: "token:hr", method: "GET", url: "/api/v1/innovation?quarter=2026-Q1", status: 200, want: []string{`"adopted_practices":1`}},
		{actor: "token:employee", method: "GET", url: "/api/v1/innovation", status: 403},
		{actor: "token:hr", method: "GET", url: "/api/v1/service/programs/{prog}/selection", status: 200, want: []string{`"method":`}},
		{actor: "token:employee", method: "GET", url: "/api/v1/service/programs/{prog}/selection", status: 403},
		{actor: "token:admin", method: "GET", url: "/api/v1/people/{E7}/skills", status: 200, want: []string{"Facilitation"}},
		{actor: "token:employee", method: "GET", url: "/api/v1/people/{E7}/skills", status: 403},
		{actor: "token:employee", method: "GET", url: "/api/v1/network/me", status: 200, want: []string{`"departments_reached":`}},
		{actor: "token:employee", method: "GET", url: "/api/v1/network/organization", status: 403},
		{actor: "token:executive", method: "GET", url: "/api/v1/network/organization", status: 200, want: []string{`"departments":[`}},
		{actor: "token:hr", method: "GET", url: "/api/v1/network/managers?period=2026", status: 200, want: []string{`"period":"2026"`, `"cross_department_ties":`}},
		{actor: "token:manager", method: "GET", url: "/api/v1/network/managers", status: 403},
		{actor: "token:hr", method: "GET", url: "/api/v1/network/managers?period=soon", status: 422},
	}
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ids := seedCollab(t, f)
		for _, s := range scenarios {
			t.Run(s.actor+" "+s.method+" "+s.url, func(t *testing.T) {
				var body io.Reader
				h := http.Header{}
				switch {
				case s.form != nil:
					form := url.Values{}
					for k, vs := range s.form {
						for _, v := range vs {
							form.Add(k, f.expandIDs(v, ids))
						}
					}
					body = strings.NewReader(form.Encode())
					h.Set("Content-Type", "application/x-www-form-urlencoded")
				case s.json != "":
					body = strings.NewReader(f.expandIDs(s.json, ids))
					h.Set("Content-Type", "application/json")
				case s.method != "GET":
					h.Set("Content-Type", "application/x-www-form-urlencoded")
					body = strings.NewReader("")
				}
				w := f.do(t, s.actor, s.method, f.expandIDs(s.url, ids), body, h)
				if w.Code != s.status {
					t.Fatalf("status %d, want %d; body: %.600s", w.Code, s.status, w.Body.String())
				}
				for _, x := range s.want {
					if !strings.Contains(w.Body.String(), f.expandIDs(x, ids)) {
						t.Errorf("body lacks %q", x)
						if testing.Verbose() {
							t.Log(w.Body.String())
						}
					}
				}
				for _, x := range s.unwanted {
					if strings.Contains(w.Body.String(), x) {
						t.Errorf("body contains %q", x)
					}
				}
			})
		}
	})
}

// TestReflectionNeverLeaks checks every GET route, page and API, as every role: Gus's
// unshared reflection appears nowhere but on his own view of the project.
func TestReflectionNeverLeaks(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ids := seedCollab(t, f)
		var urls []string
		for _, p := range httpxPatterns(f.mux) {
			method, path, _ := strings.Cut(p, " ")
			if method != "GET" || strings.Contains(path, "{file}") {
				continue
			}
			path = strings.TrimSuffix(path, "{$}")
			if strings.Contains(path, "{id}") {
				for _, id := range []int64{ids["proj"], ids["prog"], f.ids["E7"], ids["hack"]} {
					urls = append(urls, strings.ReplaceAll(path, "{id}", itoa(id)))
				}
				continue
			}
			urls = append(urls, path)
		}
		for _, actor := range []string{"hr", "admin", "manager", "executive", "employee", "lead", "token:hr", "token:admin", "token:employee"} {
			for _, u := range urls {
				w := f.do(t, actor, "GET", u, nil, nil)
				if strings.Contains(w.Body.String(), secretReflection) {
					t.Errorf("%s GET %s shows Gus's unshared reflection", actor, u)
				}
			}
		}
	})
}
