package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/ical/icaltest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// The secrets of the development fixture. Each may appear only where the rules allow.
const (
	fayReflection = "FAY-REFLECTION: the harvest year I nearly quit" // Fay's module reflection, unshared
	devFayPrivate = "FAY-PRIVATE: doubts about my director"          // Fay's journal entry, unshared
	fayShared     = "FAY-SHARED: what I want from coaching"          // shared with Gus, her coach
	devBoPrivate  = "BO-PRIVATE: my own worries"                     // Bo's entry
	gusNote       = "GUS-NOTE: Fay seemed tired"                     // Gus's session note
)

// devIDs are the ids of the development fixture, by name.
type devIDs map[string]int64

// seedDevelopment adds to the small organization, on 1 April 2026:
//
//	a cohort of Purpose Discovery: participants Fay (lead), Bo (manager) and Dee
//	(employee), facilitated by Eli (signed in as "facilitator");
//	Fay's reflection in the second module, a journal entry shared with Gus (her coach,
//	"other") and one not; Bo's own entry;
//	a cohort workshop session with Fay registered; a coaching session with Gus's note;
//	a closed 360 of Fay.
func seedDevelopment(t *testing.T, f *fixture, db *store.DB) devIDs {
	t.Helper()
	db.SetNow(func() time.Time { return time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC) })
	ctx := context.Background()
	c := f.c
	ids := devIDs{}
	// Eli signs in as the facilitator.
	eli := dbtest.MustActor(t, c, "eli@example.org")
	tok, _, err := c.SignIn(ctx, model.SignInInput{Login: "eli@example.org", Password: dbtest.Password})
	if err != nil {
		t.Fatal(err)
	}
	f.cookies["facilitator"] = tok
	secret, _, err := c.CreateAPIToken(ctx, eli, model.APITokenInput{Name: "test"})
	if err != nil {
		t.Fatal(err)
	}
	f.tokens["facilitator"] = secret
	// The fixture's sessions give the actors (setting a password again would end them).
	actor := func(name string) model.Actor {
		a, err := c.Authenticate(ctx, f.cookies[name])
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	fay, bo, gus := actor("lead"), actor("manager"), actor("other")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	ps, err := c.DevPrograms(ctx, fay)
	must(err)
	var pd core.DevProgramDetail
	for _, p := range ps {
		if p.Key == "purpose_discovery" {
			pd, err = c.DevProgram(ctx, fay, p.ID)
			must(err)
		}
		if p.Key == "ethical_decisions" {
			ids["ethics"] = p.ID
		}
	}
	ids["program"] = pd.Program.ID
	mod := map[string]int64{}
	for _, m := range pd.Modules {
		mod[m.Key] = m.ID
	}
	ids["welcome"], ids["story"], ids["workshopModule"] = mod["pd_welcome"], mod["pd_story"], mod["pd_workshop"]
	ids["cohort"], err = c.CreateCohort(ctx, model.System, model.CohortInput{ProgramID: pd.Program.ID, Name: "Spring cohort", StartsOn: "2026-04-01", EndsOn: "2026-06-30",
		ParticipantIDs: []int64{f.ids["E6"], f.ids["E2"], f.ids["E4"]}, FacilitatorIDs: []int64{f.ids["E5"]}})
	must(err)
	must(c.CompleteModule(ctx, fay, ids["cohort"], ids["welcome"]))
	ids["reflection"], err = c.SubmitReflection(ctx, fay, ids["cohort"], ids["story"], model.ModuleReflectionInput{Body: fayReflection})
	must(err)
	ids["assignment"], err = c.AssignCoach(ctx, model.System, model.CoachingAssignmentInput{CoachID: f.ids["E7"], CoacheeID: f.ids["E6"], Focus: "Purpose"})
	must(err)
	ids["shared"], err = c.WriteJournal(ctx, fay, model.JournalInput{Body: fayShared})
	must(err)
	must(c.ShareJournal(ctx, fay, ids["shared"], f.ids["E7"]))
	ids["private"], err = c.WriteJournal(ctx, fay, model.JournalInput{Body: devFayPrivate})
	must(err)
	ids["boEntry"], err = c.WriteJournal(ctx, bo, model.JournalInput{Body: devBoPrivate})
	must(err)
	ids["session"], err = c.ScheduleCoachingSession(ctx, gus, ids["assignment"], model.CoachingSessionInput{StartsAt: "2026-03-30T10:00", EndsAt: "2026-03-30T11:00", Place: "Café"})
	must(err)
	must(c.SaveCoachingNote(ctx, gus, ids["session"], model.CoachingNoteInput{Body: gusNote}))
	ids["workshop"], err = c.CreateWorkshop(ctx, model.System, model.WorkshopInput{CohortID: ids["cohort"], ModuleID: ids["workshopModule"], Title: "Purpose circle",
		StartsAt: "2026-04-20T09:00", EndsAt: "2026-04-20T11:00", Place: "Room 4, Harbour House", Capacity: 2, FacilitatorID: f.ids["E5"]})
	must(err)
	must(c.RegisterWorkshop(ctx, fay, ids["workshop"]))
	ids["assessment"], err = c.StartAssessment(ctx, fay, model.AssessmentInput{SubjectID: f.ids["E6"], ClosesOn: "2026-04-15", Title: "Fay's spring 360"})
	must(err)
	must(c.SubmitRatings(ctx, fay, ids["assessment"], model.RatingsInput{Ratings: map[string]int{"empathy": 4, "inclusion": 3}}))
	must(c.SubmitRatings(ctx, bo, ids["assessment"], model.RatingsInput{Ratings: map[string]int{"empathy": 3, "inclusion": 4}}))
	must(c.CloseAssessment(ctx, model.System, ids["assessment"]))
	cyc, err := c.CreateReviewCycle(ctx, model.System, model.ReviewCycleInput{Name: "Q2 reviews", Period: "2026-Q2", SelfDue: "2026-07-05", ManagerDue: "2026-07-10", SignoffDue: "2026-07-20"})
	must(err)
	cd, err := c.ReviewCycle(ctx, model.System, cyc.ID)
	must(err)
	for _, r := range cd.Reviews {
		if r.PersonID == f.ids["E6"] {
			ids["review"] = r.ID
		}
	}
	return ids
}

// expandDev replaces {name} placeholders with the fixture's ids, and {E6}-style ones
// with person ids.
func (f *fixture) expandDev(ids devIDs, u string) string {
	for k, v := range ids {
		u = strings.ReplaceAll(u, "{"+k+"}", itoa(v))
	}
	return f.expand(u)
}

// TestDevelopmentRoutesByRole is the role × route table of issue 6.
func TestDevelopmentRoutesByRole(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ids := seedDevelopment(t, f, db)
		json := http.Header{"Content-Type": {"application/json"}}
		scenarios := []struct {
			scenario
			body   string
			header http.Header
		}{
			// The hub: hr sees every cohort and whether it is on track.
			{scenario: scenario{actor: "", method: "GET", url: "/development", status: 303}},
			{scenario: scenario{actor: "hr", method: "GET", url: "/development", status: 200, want: []string{"Cohorts across the organization", "Spring cohort", "On track"}}},
			{scenario: scenario{actor: "lead", method: "GET", url: "/development", status: 200, want: []string{"Your programs", "Purpose Discovery", "Gus Grissom"}, unwanted: []string{"Cohorts across the organization"}}},
			{scenario: scenario{actor: "executive", method: "GET", url: "/development", status: 200, unwanted: []string{"Cohorts across the organization", "Spring cohort"}}},
			{scenario: scenario{actor: "lead", method: "GET", url: "/", status: 200, want: []string{"Your development", "Purpose Discovery"}}},
			// Programs: everyone reads; hr and admin copy and edit copies.
			{scenario: scenario{actor: "employee", method: "GET", url: "/development/programs", status: 200, want: []string{"Purpose Discovery", "Ethical Decision-Making", "Building Inclusive Teams"}, unwanted: []string{"Start an empty program"}}},
			{scenario: scenario{actor: "employee", method: "GET", url: "/development/programs/{ethics}", status: 200, want: []string{"Dilemma 1: The numbers at quarter end", "<h2>Five questions for a close call</h2>"}, unwanted: []string{"Copy to edit"}}},
			{scenario: scenario{actor: "hr", method: "GET", url: "/development/programs/{program}", status: 200, want: []string{"Copy to edit", "Spring cohort"}, unwanted: []string{"Add a module"}}},
			{scenario: scenario{actor: "employee", method: "POST", url: "/development/programs/{program}/copy", form: url.Values{}, status: 403}},
			{scenario: scenario{actor: "manager", method: "POST", url: "/development/programs", form: url.Values{"title": {"x"}}, status: 403}},
			{scenario: scenario{actor: "hr", method: "POST", url: "/development/programs", form: url.Values{"title": {""}}, status: 422, want: []string{"Give the program a title.", `aria-invalid="true"`}}},
			{scenario: scenario{actor: "admin", method: "POST", url: "/development/programs/{program}/modules", form: url.Values{"kind": {"lesson"}, "title": {"x"}}, status: 409, want: []string{"Built-in programs cannot be changed"}}},
			{scenario: scenario{actor: "admin", method: "GET", url: "/development/modules/{welcome}/edit", status: 403}},
			// Cohorts: members, hr and admin; facilitators see who is behind.
			{scenario: scenario{actor: "lead", method: "GET", url: "/development/cohorts/{cohort}", status: 200, want: []string{"Your progress", "Why purpose matters in the middle", "Done"}, unwanted: []string{"participant-table", "How the cohort chose"}}},
			{scenario: scenario{actor: "facilitator", method: "GET", url: "/development/cohorts/{cohort}", status: 200, want: []string{"participant-table", "Fay Wray", "Bo Diddley", "How the cohort chose", "Record a completion"}, unwanted: []string{fayReflection, "Your progress"}}},
			{scenario: scenario{actor: "hr", method: "GET", url: "/development/cohorts/{cohort}", status: 200, want: []string{"participant-table", "Add participants"}, unwanted: []string{fayReflection}}},
			{scenario: scenario{actor: "executive", method: "GET", url: "/development/cohorts/{cohort}", status: 404}},
			{scenario: scenario{actor: "other", method: "GET", url: "/development/cohorts/{cohort}", status: 404}},
			{scenario: scenario{actor: "manager", method: "GET", url: "/development/cohorts/new", status: 403}},
			{scenario: scenario{actor: "hr", method: "GET", url: "/development/cohorts/new", status: 200, want: []string{"New cohort", "Purpose Discovery"}}},
			{scenario: scenario{actor: "hr", method: "POST", url: "/development/cohorts", form: url.Values{"name": {""}, "starts_on": {"2026-05-01"}, "ends_on": {"2026-04-01"}}, status: 422,
				want: []string{"Choose the program the cohort runs.", "Name the cohort.", "The cohort must end on or after its start."}}},
			// Module pages: the participant's own reflection is theirs alone.
			{scenario: scenario{actor: "lead", method: "GET", url: "/development/cohorts/{cohort}/modules/{story}", status: 200, want: []string{fayReflection, "only you can read"}}},
			{scenario: scenario{actor: "facilitator", method: "GET", url: "/development/cohorts/{cohort}/modules/{story}", status: 200, want: []string{"Moments that shaped you"}, unwanted: []string{fayReflection, "reflection-form"}}},
			{scenario: scenario{actor: "manager", method: "GET", url: "/development/cohorts/{cohort}/modules/{story}", status: 200, want: []string{"Not open yet", "Why purpose matters in the middle"}, unwanted: []string{fayReflection, "reflection-form"}}},
			{scenario: scenario{actor: "manager", method: "POST", url: "/development/cohorts/{cohort}/modules/{story}/reflection", form: url.Values{"body": {"x"}}, status: 409, want: []string{"prerequisites"}}},
			{scenario: scenario{actor: "lead", method: "POST", url: "/development/cohorts/{cohort}/modules/{story}/reflection", form: url.Values{"body": {""}}, status: 422, want: []string{"Write your reflection."}}},
			{scenario: scenario{actor: "employee", method: "POST", url: "/development/cohorts/{cohort}/modules/{welcome}/complete", form: url.Values{}, status: 303}},
			// Workshops and calendars.
			{scenario: scenario{actor: "employee", method: "GET", url: "/workshops", status: 200, want: []string{"Purpose circle", "1 of 2 seats"}}},
			{scenario: scenario{actor: "facilitator", method: "GET", url: "/workshops/{workshop}", status: 200, want: []string{"Registrations and attendance", "Fay Wray"}}},
			{scenario: scenario{actor: "employee", method: "GET", url: "/workshops/{workshop}", status: 200, want: []string{`id="register"`}, unwanted: []string{"Registrations and attendance"}}},
			{scenario: scenario{actor: "other", method: "GET", url: "/workshops/{workshop}", status: 200, want: []string{"This session is for the participants of Spring cohort."}}},
			{scenario: scenario{actor: "other", method: "POST", url: "/workshops/{workshop}/register", form: url.Values{}, status: 409}},
			{scenario: scenario{actor: "employee", method: "POST", url: "/workshops/{workshop}/register", form: url.Values{}, status: 303}},
			{scenario: scenario{actor: "manager", method: "POST", url: "/workshops/{workshop}/register", form: url.Values{}, status: 409, want: []string{"Every seat is taken."}}},
			{scenario: scenario{actor: "employee", method: "POST", url: "/workshops/{workshop}/attendance", form: url.Values{}, status: 403}},
			{scenario: scenario{actor: "manager", method: "POST", url: "/workshops", form: url.Values{"title": {"x"}}, status: 403}},
			{scenario: scenario{actor: "hr", method: "POST", url: "/workshops", form: url.Values{"title": {""}, "capacity": {"0"}, "video_url": {"javascript:alert(1)"}}, status: 422,
				want: []string{"Give the session a title.", "Enter when the session starts", "Enter a capacity from 1 to 1,000.", "Enter the video link as an http or https address."}}},
			{scenario: scenario{actor: "lead", method: "GET", url: "/calendar", status: 200, want: []string{"You have no feed."}}},
			{scenario: scenario{actor: "", method: "GET", url: "/calendar/feed.ics?token=nope", status: 404}},
			{scenario: scenario{actor: "", method: "GET", url: "/calendar/feed.ics", status: 404}},
			// Coaching.
			{scenario: scenario{actor: "other", method: "GET", url: "/coaching/{assignment}", status: 200, want: []string{"Coaching Fay Wray", fayShared, "Your note"}, unwanted: []string{devFayPrivate, fayReflection, gusNote}}},
			{scenario: scenario{actor: "lead", method: "GET", url: "/coaching/{assignment}", status: 200, want: []string{"Coaching with Gus Grissom", "Commitments"}, unwanted: []string{gusNote, "Your note", "Reflections Fay Wray shared"}}},
			{scenario: scenario{actor: "hr", method: "GET", url: "/coaching/{assignment}", status: 200, want: []string{"Gus Grissom coaches Fay Wray"}, unwanted: []string{fayShared, gusNote, "Commitments"}}},
			{scenario: scenario{actor: "manager", method: "GET", url: "/coaching/{assignment}", status: 404}},
			{scenario: scenario{actor: "other", method: "GET", url: "/coaching/sessions/{session}/note", status: 200, want: []string{gusNote}}},
			{scenario: scenario{actor: "lead", method: "GET", url: "/coaching/sessions/{session}/note", status: 404, unwanted: []string{gusNote}}},
			{scenario: scenario{actor: "hr", method: "GET", url: "/coaching/sessions/{session}/note", status: 404, unwanted: []string{gusNote}}},
			{scenario: scenario{actor: "admin", method: "GET", url: "/coaching/sessions/{session}/note", status: 404, unwanted: []string{gusNote}}},
			{scenario: scenario{actor: "admin", method: "POST", url: "/coaching/sessions/{session}/note", form: url.Values{"body": {"overwritten"}}, status: 404}},
			{scenario: scenario{actor: "manager", method: "POST", url: "/coaching", form: url.Values{"coach_id": {"{E7}"}, "coachee_id": {"{E2}"}}, status: 403}},
			{scenario: scenario{actor: "hr", method: "POST", url: "/coaching", form: url.Values{"coach_id": {""}, "coachee_id": {""}}, status: 422, want: []string{"Choose the coach.", "Choose the person to be coached."}}},
			// The journal: the author alone.
			{scenario: scenario{actor: "lead", method: "GET", url: "/journal", status: 200, want: []string{fayReflection, devFayPrivate, fayShared, "Shared with Gus Grissom"}, unwanted: []string{devBoPrivate}}},
			{scenario: scenario{actor: "manager", method: "GET", url: "/journal", status: 200, want: []string{devBoPrivate}, unwanted: []string{devFayPrivate, fayReflection, fayShared}}},
			{scenario: scenario{actor: "lead", method: "GET", url: "/journal/{private}", status: 200, want: []string{devFayPrivate, "Share this entry"}}},
			{scenario: scenario{actor: "manager", method: "GET", url: "/journal/{private}", status: 404, unwanted: []string{devFayPrivate}}},
			{scenario: scenario{actor: "other", method: "GET", url: "/journal/{shared}", status: 404, unwanted: []string{fayShared}}},
			{scenario: scenario{actor: "admin", method: "GET", url: "/journal/{private}", status: 403, unwanted: []string{devFayPrivate}}},
			{scenario: scenario{actor: "hr", method: "POST", url: "/journal/{private}/share", form: url.Values{"coach_id": {"{E3}"}}, status: 404}},
			{scenario: scenario{actor: "lead", method: "POST", url: "/journal/{private}/share", form: url.Values{"coach_id": {"{E3}"}}, status: 422, want: []string{"Choose one of your coaches."}}},
			{scenario: scenario{actor: "lead", method: "GET", url: "/journal/export.md", status: 200, want: []string{"# My journal", devFayPrivate, fayReflection}}},
			{scenario: scenario{actor: "lead", method: "GET", url: "/journal/export.csv", status: 200, want: []string{"written,updated,module,prompt,entry,shared_with", devFayPrivate}}},
			{scenario: scenario{actor: "hr", method: "GET", url: "/journal/export.csv", status: 200, unwanted: []string{devFayPrivate, devBoPrivate}}},
			{scenario: scenario{actor: "lead", method: "POST", url: "/journal", form: url.Values{"body": {"   "}}, status: 422, want: []string{"Write something in the entry."}}},
			// 360s.
			{scenario: scenario{actor: "employee", method: "GET", url: "/competencies", status: 200, want: []string{"Ethical judgement", "A model for others"}}},
			{scenario: scenario{actor: "lead", method: "GET", url: "/assessments/{assessment}", status: 200, want: []string{"results-table", "Direct reports' ratings are hidden to protect anonymity"}}},
			{scenario: scenario{actor: "manager", method: "GET", url: "/assessments/{assessment}", status: 200, want: []string{"results-table"}}},
			{scenario: scenario{actor: "employee", method: "GET", url: "/assessments/{assessment}", status: 404}},
			{scenario: scenario{actor: "lead", method: "GET", url: "/development/plan", status: 200, want: []string{"Your development plan", "Make it a goal"}}},
			{scenario: scenario{actor: "lead", method: "GET", url: "/reviews/{review}", status: 200, want: []string{"review-competencies", "spring 360", "ratings are hidden to protect anonymity"}, unwanted: []string{"upward-items"}}},
			{scenario: scenario{actor: "token:manager", method: "GET", url: "/api/v1/reviews/{review}", status: 200, want: []string{`"competencies":{"anonymity_threshold":5`, `"direct_reports_shown":false`}}},
			{scenario: scenario{actor: "manager", method: "GET", url: "/development/plan?person={E6}", status: 200, want: []string{"Development plan of Fay Wray"}}},
			{scenario: scenario{actor: "employee", method: "GET", url: "/development/plan?person={E6}", status: 404}},
			{scenario: scenario{actor: "lead", method: "POST", url: "/development/plan/goals", form: url.Values{"person_id": {"{E6}"}, "competency": {"empathy"}, "title": {""}, "period": {"2026-Q2"}}, status: 422, want: []string{"Give the goal a title."}}},
			{scenario: scenario{actor: "lead", method: "POST", url: "/assessments", form: url.Values{"subject_id": {"{E6}"}, "closes_on": {"2020-01-01"}}, status: 422, want: []string{"Close the assessment between today and 90 days from now."}}},

			// The API.
			{scenario: scenario{actor: "token:employee", method: "GET", url: "/api/v1/programs", status: 200, want: []string{`"key":"ethical_decisions"`}}},
			{scenario: scenario{actor: "token:employee", method: "GET", url: "/api/v1/programs/{ethics}", status: 200, want: []string{`"options":[{"id"`, `"body_markdown"`}}},
			{scenario: scenario{actor: "token:lead", method: "GET", url: "/api/v1/development", status: 200, want: []string{`"programs":[{"cohort"`, `"percent"`}}},
			{scenario: scenario{actor: "token:hr", method: "GET", url: "/api/v1/cohorts", status: 200, want: []string{`"on_track":true`}}},
			{scenario: scenario{actor: "token:employee", method: "GET", url: "/api/v1/cohorts", status: 403}},
			{scenario: scenario{actor: "token:facilitator", method: "GET", url: "/api/v1/cohorts/{cohort}", status: 200, want: []string{`"participant_list"`, `"behind"`, `"on_track"`}, unwanted: []string{fayReflection}}},
			{scenario: scenario{actor: "token:lead", method: "GET", url: "/api/v1/cohorts/{cohort}", status: 200, want: []string{`"your_progress"`}, unwanted: []string{`"participant_list"`}}},
			{scenario: scenario{actor: "token:lead", method: "GET", url: "/api/v1/cohorts/{cohort}/modules/{story}", status: 200, want: []string{fayReflection}}},
			{scenario: scenario{actor: "token:hr", method: "GET", url: "/api/v1/cohorts/{cohort}/modules/{story}", status: 200, unwanted: []string{fayReflection}}},
			{scenario: scenario{actor: "token:lead", method: "PUT", url: "/api/v1/cohorts/{cohort}/modules/{story}/reflection", status: 422}, body: `{"body":"","extra":1}`, header: json},
			{scenario: scenario{actor: "token:lead", method: "GET", url: "/api/v1/me/journal", status: 200, want: []string{devFayPrivate, fayShared}}},
			{scenario: scenario{actor: "token:hr", method: "GET", url: "/api/v1/me/journal/{private}", status: 404}},
			{scenario: scenario{actor: "token:lead", method: "GET", url: "/api/v1/me/journal/export?format=csv", status: 200, want: []string{devFayPrivate}}},
			{scenario: scenario{actor: "token:lead", method: "GET", url: "/api/v1/me/journal/export?format=pdf", status: 422}},
			{scenario: scenario{actor: "token:other", method: "GET", url: "/api/v1/coaching/{assignment}", status: 200, want: []string{fayShared, `"your_part":"coach"`}, unwanted: []string{devFayPrivate, gusNote}}},
			{scenario: scenario{actor: "token:hr", method: "GET", url: "/api/v1/coaching/{assignment}", status: 200, unwanted: []string{fayShared, gusNote, `"commitments"`}}},
			{scenario: scenario{actor: "token:lead", method: "GET", url: "/api/v1/workshops/{workshop}/calendar.ics", status: 200, want: []string{"BEGIN:VCALENDAR", "SUMMARY:Purpose circle"}}},
			{scenario: scenario{actor: "token:lead", method: "PUT", url: "/api/v1/workshops/{workshop}/registration", status: 409}},
			{scenario: scenario{actor: "token:lead", method: "POST", url: "/api/v1/workshops", status: 403}, body: `{"title":"x","starts_at":"2026-05-01T10:00:00Z","ends_at":"2026-05-01T09:00:00Z","place":"x","capacity":4}`, header: json},
			{scenario: scenario{actor: "token:hr", method: "POST", url: "/api/v1/workshops", status: 422, want: []string{`"ends_at"`}}, body: `{"title":"x","starts_at":"2026-05-01T10:00:00Z","ends_at":"2026-05-01T09:00:00Z","place":"x","capacity":4}`, header: json},
			{scenario: scenario{actor: "token:lead", method: "GET", url: "/api/v1/assessments/{assessment}", status: 200, want: []string{`"direct_reports_shown":false`, `"direct_reports_answered":null`}}},
			{scenario: scenario{actor: "token:employee", method: "GET", url: "/api/v1/assessments/{assessment}", status: 404}},
			{scenario: scenario{actor: "token:employee", method: "GET", url: "/api/v1/people/{E6}/development-plan", status: 404}},
			{scenario: scenario{actor: "token:hr", method: "GET", url: "/api/v1/development/measures?period=2026-Q2", status: 200, want: []string{`"program_progress":`}}},
			{scenario: scenario{actor: "token:manager", method: "GET", url: "/api/v1/development/measures", status: 403}},
			{scenario: scenario{actor: "token:hr", method: "GET", url: "/api/v1/development/measures?period=spring", status: 422}},
			{scenario: scenario{actor: "token:executive", method: "GET", url: "/api/v1/development/cohort-members?program_id={program}", status: 200, want: []string{`"starts_on":"2026-04-01"`, `"role":"facilitator"`}}},
			{scenario: scenario{actor: "token:hr", method: "GET", url: "/api/v1/development/upward-ratings", status: 200, want: []string{`"data":[]`}}},
			{scenario: scenario{actor: "token:lead", method: "POST", url: "/api/v1/me/calendar-feed", status: 201, want: []string{`"token":"`, `/calendar/feed.ics?token=`}}},
		}
		for _, s := range scenarios {
			u := f.expandDev(ids, s.url)
			t.Run(s.actor+" "+s.method+" "+s.url, func(t *testing.T) {
				var body io.Reader
				h := http.Header{}
				for k, v := range s.header {
					h[k] = v
				}
				if s.form != nil {
					form := url.Values{}
					for k, vs := range s.form {
						for _, v := range vs {
							form.Add(k, f.expandDev(ids, v))
						}
					}
					body = strings.NewReader(form.Encode())
					h.Set("Content-Type", "application/x-www-form-urlencoded")
				} else if s.body != "" {
					body = strings.NewReader(s.body)
				}
				w := f.do(t, s.actor, s.method, u, body, h)
				if w.Code != s.status {
					t.Fatalf("status %d, want %d; body: %.600s", w.Code, s.status, w.Body.String())
				}
				for _, x := range s.want {
					if !strings.Contains(w.Body.String(), x) {
						t.Errorf("body lacks %q", x)
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

// TestCalendarFeedOverHTTP: the feed address made through the API opens without a
// session, parses as RFC 5545, and stops working once revoked.
func TestCalendarFeedOverHTTP(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ids := seedDevelopment(t, f, db)
		w := f.do(t, "token:lead", "POST", "/api/v1/me/calendar-feed", nil, nil)
		if w.Code != 201 {
			t.Fatalf("new feed: %d %s", w.Code, w.Body.String())
		}
		_, rest, _ := strings.Cut(w.Body.String(), `"token":"`)
		token, _, _ := strings.Cut(rest, `"`)
		feed := f.do(t, "", "GET", "/calendar/feed.ics?token="+token, nil, nil)
		if feed.Code != 200 || !strings.HasPrefix(feed.Header().Get("Content-Type"), "text/calendar") {
			t.Fatalf("feed: %d %s", feed.Code, feed.Header().Get("Content-Type"))
		}
		cal := icaltest.Check(t, feed.Body.Bytes())
		var got []string
		for _, e := range cal.Events() {
			s, _ := e.Props.Text("SUMMARY")
			got = append(got, s)
		}
		if strings.Join(got, "|") != "Purpose circle|Coaching with Gus Grissom" {
			t.Errorf("feed events %q", got)
		}
		for _, secret := range []string{gusNote, fayShared, devFayPrivate} {
			if strings.Contains(feed.Body.String(), secret) {
				t.Errorf("the feed carries %q", secret)
			}
		}
		ics := f.do(t, "lead", "GET", f.expandDev(ids, "/workshops/{workshop}/calendar.ics"), nil, nil)
		if ics.Code != 200 || !strings.Contains(ics.Header().Get("Content-Disposition"), "attachment") {
			t.Fatalf("workshop .ics: %d", ics.Code)
		}
		icaltest.Check(t, ics.Body.Bytes())
		cs := f.do(t, "other", "GET", f.expandDev(ids, "/coaching/sessions/{session}/calendar.ics"), nil, nil)
		if cs.Code != 200 {
			t.Fatalf("coaching .ics: %d", cs.Code)
		}
		icaltest.Check(t, cs.Body.Bytes())
		if w := f.do(t, "hr", "GET", f.expandDev(ids, "/coaching/sessions/{session}/calendar.ics"), nil, nil); w.Code != 404 {
			t.Errorf("hr downloads the coaching session: %d", w.Code)
		}
		if w := f.do(t, "token:lead", "DELETE", "/api/v1/me/calendar-feed", nil, nil); w.Code != 204 {
			t.Fatalf("revoke: %d", w.Code)
		}
		if w := f.do(t, "", "GET", "/calendar/feed.ics?token="+token, nil, nil); w.Code != 404 {
			t.Errorf("a revoked feed: %d", w.Code)
		}
	})
}

// TestJournalNeverLeaks checks every GET route, page and API (exports included), as every
// role, with every id of the fixture: Fay's unshared reflection and entry appear only to
// Fay; her shared entry only to Fay and her coach; Bo's entry only to Bo; Gus's session
// note only to Gus. None of them reaches the server's log, and the audit log, which is
// one of the routes, holds none either.
func TestJournalNeverLeaks(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ids := seedDevelopment(t, f, db)
		var logs bytes.Buffer
		h, _, _, err := build(f.c, Options{Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
		if err != nil {
			t.Fatal(err)
		}
		f.h = h
		var urls []string
		for _, p := range httpxPatterns(f.mux) {
			method, path, _ := strings.Cut(p, " ")
			if method != "GET" || strings.Contains(path, "{file}") {
				continue
			}
			path = strings.TrimSuffix(path, "{$}")
			if !strings.Contains(path, "{") {
				urls = append(urls, path)
				continue
			}
			// Every id of the fixture in every slot: entries, cohorts, modules, sessions, people.
			values := []int64{ids["shared"], ids["private"], ids["reflection"], ids["boEntry"], ids["cohort"], ids["assignment"], ids["session"],
				ids["workshop"], ids["assessment"], ids["program"], f.ids["E6"], f.ids["E2"]}
			for _, v := range values {
				u := strings.NewReplacer("{id}", itoa(v), "{person}", itoa(f.ids["E6"]), "{module}", itoa(ids["story"]), "{metric}", "1").Replace(path)
				urls = append(urls, u)
			}
		}
		urls = append(urls, "/journal/export.md", "/journal/export.csv", "/api/v1/me/journal/export?format=csv", "/api/v1/me/journal/export?format=md",
			"/development/plan?person="+itoa(f.ids["E6"]), "/admin/audit", "/admin/audit.csv", "/api/v1/audit?limit=500")
		// Who may see each secret.
		allowed := map[string][]string{
			fayReflection: {"lead"}, devFayPrivate: {"lead"}, fayShared: {"lead", "other"}, devBoPrivate: {"manager"}, gusNote: {"other"},
		}
		actors := []string{"admin", "hr", "executive", "manager", "lead", "employee", "other", "facilitator",
			"token:admin", "token:hr", "token:executive", "token:manager", "token:lead", "token:employee", "token:other", "token:facilitator", ""}
		for _, actor := range actors {
			name := strings.TrimPrefix(actor, "token:")
			for _, u := range urls {
				w := f.do(t, actor, "GET", u, nil, nil)
				body := w.Body.String()
				for secret, who := range allowed {
					if !strings.Contains(body, secret) {
						continue
					}
					ok := false
					for _, x := range who {
						ok = ok || x == name
					}
					if !ok {
						t.Errorf("%q GET %s shows %q", actor, u, secret)
					}
				}
			}
		}
		for secret := range allowed {
			if strings.Contains(logs.String(), secret) {
				t.Errorf("the server log holds %q", secret)
			}
		}
		if strings.Contains(logs.String(), "token=") {
			t.Errorf("the server log holds a query string")
		}
	})
}
