package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"sync"

	"throughline/internal/httpx"
)

// op describes one operation of the OpenAPI document. It is written by hand, apart from
// the routes, so the test that compares them checks something real; schemas are derived
// from the response types by reflection, so they cannot drift from the JSON we write.
type op struct {
	method, path, summary, tag string
	params                     []param
	body                       any    // a request body type, or nil
	bodyType                   string // media type of the body when not JSON
	resp                       any    // the 200/201 response type
	respType                   string // media type of the response when not JSON
	status                     string
}

type param struct {
	name, in, typ, desc string
}

var (
	pageParams = []param{{"limit", "query", "integer", "Items per page, 1 to 500 (default 50)."}, {"offset", "query", "integer", "Items to skip."}}
	idParamDoc = param{"id", "path", "integer", "The id."}
)

func operations() []op {
	return append([]op{
		{method: "GET", path: "/openapi.json", summary: "This document.", tag: "meta", resp: map[string]any{}},
		{method: "GET", path: "/me", summary: "The signed-in account and its person.", tag: "people", resp: DataBody[MeBody]{}},
		{method: "GET", path: "/people", summary: "Search the people directory. Private fields appear only for the person's reporting line, hr and admin.", tag: "people",
			params: append([]param{{"q", "query", "string", "Words matched against name, email, title and employee id."},
				{"department_id", "query", "integer", "Only this department."}, {"location_id", "query", "integer", "Only this location."},
				{"manager_id", "query", "integer", "Only direct reports of this person."}, {"include_inactive", "query", "boolean", "Include inactive people (hr and admin)."}}, pageParams...),
			resp: ListBody[PersonBody]{}},
		{method: "GET", path: "/people/{id}", summary: "One person, with their managers and direct reports.", tag: "people", params: []param{idParamDoc}, resp: DataBody[PersonDetailBody]{}},
		{method: "POST", path: "/people/import", summary: "Import a people CSV file (all or nothing; errors name their lines). hr and admin.", tag: "people",
			params: []param{{"dry_run", "query", "boolean", "Report what would change and change nothing."},
				{"deactivate_missing", "query", "boolean", "The file is complete: deactivate people not in it."},
				{"filename", "query", "string", "A name for the import history."}},
			bodyType: "text/csv", resp: DataBody[ImportReportBody]{}, status: "201"},
		{method: "GET", path: "/people/export", summary: "Every person as a people CSV file. hr and admin.", tag: "people", respType: "text/csv"},
		{method: "GET", path: "/audit", summary: "The audit log, newest first (admin). It never contains private text.", tag: "organization", params: pageParams, resp: ListBody[AuditBody]{}},
		{method: "GET", path: "/departments", summary: "Departments with their headcounts.", tag: "organization", params: pageParams, resp: ListBody[DepartmentBody]{}},
		{method: "GET", path: "/departments/{id}", summary: "One department.", tag: "organization", params: []param{idParamDoc}, resp: DataBody[DepartmentBody]{}},
		{method: "GET", path: "/locations", summary: "Locations with their headcounts.", tag: "organization", params: pageParams, resp: ListBody[LocationBody]{}},
		{method: "GET", path: "/locations/{id}", summary: "One location.", tag: "organization", params: []param{idParamDoc}, resp: DataBody[LocationBody]{}},

		{method: "GET", path: "/purpose", summary: "The current purpose statement.", tag: "purpose", resp: DataBody[PurposeBody]{}},
		{method: "PUT", path: "/purpose", summary: "Publish a new version of the purpose statement (executives and admin); earlier versions stay as history.", tag: "purpose", body: PurposeRequest{}, resp: DataBody[PurposeBody]{}},
		{method: "GET", path: "/purpose/history", summary: "Every version of the purpose statement, newest first.", tag: "purpose", params: pageParams, resp: ListBody[PurposeBody]{}},
		{method: "GET", path: "/purpose/aggregates", summary: "How many people wrote a personal purpose, and values alignment, by department; groups below the anonymity threshold are suppressed (hr, executives, admin).", tag: "purpose", resp: DataBody[PurposeAggregatesBody]{}},
		{method: "GET", path: "/values", summary: "The organization's values with their observable behaviours.", tag: "purpose", params: pageParams, resp: ListBody[ValueBody]{}},
		{method: "POST", path: "/values", summary: "Add a value (executives and admin).", tag: "purpose", body: ValueRequest{}, resp: DataBody[ValueBody]{}, status: "201"},
		{method: "PATCH", path: "/values/{id}", summary: "Change or retire a value (executives and admin).", tag: "purpose", params: []param{idParamDoc}, body: ValueRequest{}, resp: DataBody[ValueBody]{}},
		{method: "GET", path: "/objectives", summary: "Strategic objectives with why they matter, their goal counts and progress.", tag: "purpose", params: pageParams, resp: ListBody[ObjectiveBody]{}},
		{method: "POST", path: "/objectives", summary: "Add a strategic objective (executives and admin); why_it_matters is required.", tag: "purpose", body: ObjectiveRequest{}, resp: DataBody[ObjectiveDetailBody]{}, status: "201"},
		{method: "GET", path: "/objectives/{id}", summary: "One objective with the goals that serve it.", tag: "purpose", params: []param{idParamDoc}, resp: DataBody[ObjectiveDetailBody]{}},
		{method: "PATCH", path: "/objectives/{id}", summary: "Change an objective (executives and admin).", tag: "purpose", params: []param{idParamDoc}, body: ObjectiveRequest{}, resp: DataBody[ObjectiveDetailBody]{}},
		{method: "GET", path: "/me/purpose", summary: "Your own personal purpose statement and top values, with their alignment to the organization's values.", tag: "purpose", resp: DataBody[PersonalPurposeBody]{}},
		{method: "PUT", path: "/me/purpose", summary: "Set your personal purpose statement, sharing choices and top five values.", tag: "purpose", body: PersonalPurposeRequest{}, resp: DataBody[PersonalPurposeBody]{}},
		{method: "GET", path: "/people/{id}/purpose", summary: "A person's personal purpose, when they shared it with you (their manager or coach). No one else, hr and admin included, may read it.", tag: "purpose", params: []param{idParamDoc}, resp: DataBody[PersonalPurposeBody]{}},
		{method: "GET", path: "/goals", summary: "Goals you may read. Individual goals are visible to their owner's reporting line, contributors, hr and admin.", tag: "goals",
			params: append([]param{{"level", "query", "string", "department, team or individual"}, {"period", "query", "string", "e.g. 2026-Q1"}, {"year", "query", "string", "goals in this year"},
				{"status", "query", "string", "on_track, at_risk, off_track or done"}, {"owner_id", "query", "integer", "the owner"}, {"q", "query", "string", "words in the title"}}, pageParams...),
			resp: ListBody[GoalBody]{}},
		{method: "POST", path: "/goals", summary: "Create a goal for yourself or someone in your reporting line, aligned to objectives or higher goals with weights.", tag: "goals", body: GoalRequest{}, resp: DataBody[GoalBody]{}, status: "201"},
		{method: "POST", path: "/goals/import", summary: "Import goals and key results from a CSV file, all or nothing; errors name their lines.", tag: "goals", bodyType: "text/csv", resp: DataBody[GoalImportBody]{}, status: "201"},
		{method: "GET", path: "/goals/{id}", summary: "One goal with its parents, contributors, key results, aligned goals and check-ins.", tag: "goals", params: []param{idParamDoc}, resp: DataBody[GoalBody]{}},
		{method: "PATCH", path: "/goals/{id}", summary: "Change a goal (its owner, the owner's managers, hr and admin).", tag: "goals", params: []param{idParamDoc}, body: GoalRequest{}, resp: DataBody[GoalBody]{}},
		{method: "DELETE", path: "/goals/{id}", summary: "Delete a goal; goals aligned under it lose that alignment.", tag: "goals", params: []param{idParamDoc}, status: "204"},
		{method: "POST", path: "/goals/{id}/key-results", summary: "Add a key result, measured (start, target, current, unit) or a milestone.", tag: "goals", params: []param{idParamDoc}, body: KeyResultRequest{}, resp: DataBody[GoalBody]{}, status: "201"},
		{method: "POST", path: "/goals/{id}/updates", summary: "Record a check-in: status and comment (owner, managers, contributors).", tag: "goals", params: []param{idParamDoc}, body: GoalUpdateRequest{}, resp: DataBody[GoalBody]{}, status: "201"},
		{method: "PATCH", path: "/key-results/{id}", summary: "Change a key result's definition.", tag: "goals", params: []param{idParamDoc}, body: KeyResultRequest{}, status: "204"},
		{method: "DELETE", path: "/key-results/{id}", summary: "Remove a key result.", tag: "goals", params: []param{idParamDoc}, status: "204"},
		{method: "POST", path: "/key-results/{id}/progress", summary: "Record progress (contributors may): a current value or done. The goal and every goal above it are recomputed.", tag: "goals", params: []param{idParamDoc}, body: ProgressRequest{}, resp: DataBody[KeyResultBody]{}},
		{method: "GET", path: "/line-of-sight", summary: "A person's line of sight: purpose → objectives → the goals their team contributes to → their own goals.", tag: "goals",
			params: []param{{"person_id", "query", "integer", "default: you"}, {"year", "query", "string", "default: this year"}}, resp: DataBody[LineOfSightBody]{}},
		{method: "GET", path: "/strategy", summary: "Unstaffed objectives and orphan goals by department (executives, hr, admin).", tag: "goals", params: []param{{"year", "query", "string", "default: this year"}}, resp: DataBody[StrategyBody]{}},

		// Collaboration (issue 7).
		{method: "GET", path: "/initiatives", summary: "Cross-functional initiatives with their team mix.", tag: "initiatives",
			params: append([]param{{"status", "query", "string", "proposed, active, paused, completed or cancelled"}, {"open", "query", "boolean", "only initiatives taking new members"},
				{"member_id", "query", "integer", "only initiatives this person is a member of"}, {"q", "query", "string", "words in the title or mission"}}, pageParams...),
			resp: ListBody[InitiativeBody]{}},
		{method: "POST", path: "/initiatives", summary: "Start an initiative (managers, executives, hr, admin); the lead becomes its first member.", tag: "initiatives", body: InitiativeRequest{}, resp: DataBody[InitiativeBody]{}, status: "201"},
		{method: "GET", path: "/initiatives/{id}", summary: "One initiative with its members and roles, milestones, mix of departments, locations and levels, and (for those who run it) pending join requests.", tag: "initiatives", params: []param{idParamDoc}, resp: DataBody[InitiativeBody]{}},
		{method: "PATCH", path: "/initiatives/{id}", summary: "Change an initiative (its lead, sponsor, the lead's managers, hr and admin). Completing it needs outcomes.", tag: "initiatives", params: []param{idParamDoc}, body: InitiativeRequest{}, resp: DataBody[InitiativeBody]{}},
		{method: "POST", path: "/initiatives/{id}/members", summary: "Add a member with a role, or change a member's role.", tag: "initiatives", params: []param{idParamDoc}, body: MemberRequest{}, resp: DataBody[InitiativeBody]{}},
		{method: "POST", path: "/initiatives/{id}/milestones", summary: "Add a milestone.", tag: "initiatives", params: []param{idParamDoc}, body: MilestoneRequest{}, resp: DataBody[IDBody]{}, status: "201"},
		{method: "POST", path: "/initiatives/{id}/join-requests", summary: "Ask to join an open initiative.", tag: "initiatives", params: []param{idParamDoc}, body: JoinRequest{}, resp: DataBody[IDBody]{}, status: "201"},
		{method: "POST", path: "/join-requests/{id}/decision", summary: "Accept or decline a pending join request.", tag: "initiatives", params: []param{idParamDoc}, body: DecisionRequest{}, status: "204"},
		{method: "GET", path: "/hackathons", summary: "Hackathons, the latest first, with their challenges.", tag: "hackathons", params: []param{{"status", "query", "string", "registration, hacking, judging or finished"}}, resp: ListBody[HackathonBody]{}},
		{method: "POST", path: "/hackathons", summary: "Create a hackathon with its rubric weights and judges (executives, hr, admin).", tag: "hackathons", body: HackathonRequest{}, resp: DataBody[HackathonBody]{}, status: "201"},
		{method: "GET", path: "/hackathons/{id}", summary: "One hackathon with its challenges, judges, teams (members and department mix) and the caller's team and vote.", tag: "hackathons", params: []param{idParamDoc}, resp: DataBody[HackathonBody]{}},
		{method: "POST", path: "/hackathons/{id}/challenges", summary: "Add a challenge, linked to a strategic objective (organizers).", tag: "hackathons", params: []param{idParamDoc}, body: ChallengeRequest{}, resp: DataBody[IDBody]{}, status: "201"},
		{method: "POST", path: "/hackathons/{id}/phase", summary: "Move the hackathon forward to hacking, judging or finished (organizers); phases never go back.", tag: "hackathons", params: []param{idParamDoc}, body: PhaseRequest{}, status: "204"},
		{method: "PUT", path: "/hackathons/{id}/registration", summary: "Register yourself, without a team yet.", tag: "hackathons", params: []param{idParamDoc}, status: "204"},
		{method: "DELETE", path: "/hackathons/{id}/registration", summary: "Withdraw your registration (and leave your team).", tag: "hackathons", params: []param{idParamDoc}, status: "204"},
		{method: "POST", path: "/hackathons/{id}/teams", summary: "Register a team: you and the members you name, within the size limit, none already in a team.", tag: "hackathons", params: []param{idParamDoc}, body: TeamRequest{}, resp: DataBody[TeamBody]{}, status: "201"},
		{method: "GET", path: "/hackathons/{id}/judging", summary: "Your judging sheet (judges): every submission, whether you scored it, and your own team's, which you may not score.", tag: "hackathons", params: []param{idParamDoc}, resp: ListBody[JudgingRowBody]{}},
		{method: "PUT", path: "/hackathons/{id}/vote", summary: "Cast or change your audience vote: one per person per hackathon, until voting closes; not for your own team.", tag: "hackathons", params: []param{idParamDoc}, body: VoteRequest{}, status: "204"},
		{method: "DELETE", path: "/hackathons/{id}/vote", summary: "Withdraw your audience vote while voting is open.", tag: "hackathons", params: []param{idParamDoc}, status: "204"},
		{method: "GET", path: "/hackathons/{id}/results", summary: "Standings: judges' rubric-weighted score (0–100), criterion means and audience votes. Published when the hackathon finishes; organizers see them earlier.", tag: "hackathons", params: []param{idParamDoc}, resp: DataBody[ResultsBody]{}},
		{method: "POST", path: "/hackathons/{id}/winners", summary: "Publish up to three places; the hackathon finishes and the vote closes (organizers).", tag: "hackathons", params: []param{idParamDoc}, body: WinnersRequest{}, status: "204"},
		{method: "GET", path: "/hackathon-teams/{id}", summary: "One team with its members, mix and submission.", tag: "hackathons", params: []param{idParamDoc}, resp: DataBody[TeamBody]{}},
		{method: "POST", path: "/hackathon-teams/{id}/join", summary: "Join a team with room while teams are open.", tag: "hackathons", params: []param{idParamDoc}, status: "204"},
		{method: "POST", path: "/hackathon-teams/{id}/leave", summary: "Leave your team; you stay registered.", tag: "hackathons", params: []param{idParamDoc}, status: "204"},
		{method: "PUT", path: "/hackathon-teams/{id}/submission", summary: "Hand in or change your team's submission: description, links and impact hypothesis (until judging starts).", tag: "hackathons", params: []param{idParamDoc}, body: SubmissionRequest{}, resp: DataBody[TeamBody]{}},
		{method: "PUT", path: "/submissions/{id}/score", summary: "Record your scores (judges, during judging), 1 to 5 per criterion. A judge never scores their own team.", tag: "hackathons", params: []param{idParamDoc}, body: ScoreRequest{}, status: "204"},
		{method: "POST", path: "/submissions/{id}/initiative", summary: "Turn a winning submission into an initiative with its team, in one step (organizers).", tag: "hackathons", params: []param{idParamDoc}, resp: DataBody[InitiativeBody]{}, status: "201"},
		{method: "GET", path: "/ideas", summary: "Search the ideas and best-practice hub.", tag: "ideas",
			params: append([]param{{"kind", "query", "string", "idea, practice or story"}, {"status", "query", "string", "new, under_review, adopted, implemented or declined"},
				{"tag", "query", "string", "a tag"}, {"q", "query", "string", "words in the title, text or tags"}, {"author_id", "query", "integer", "written or co-written by this person"},
				{"sort", "query", "string", "recent (default) or votes"}}, pageParams...),
			resp: ListBody[PostBody]{}},
		{method: "POST", path: "/ideas", summary: "Share an idea, a best practice or a story.", tag: "ideas", body: PostRequest{}, resp: DataBody[PostBody]{}, status: "201"},
		{method: "GET", path: "/ideas/{id}", summary: "One post with its comments (replies one level deep) and the teams that adopted it.", tag: "ideas", params: []param{idParamDoc}, resp: DataBody[PostBody]{}},
		{method: "PATCH", path: "/ideas/{id}", summary: "Change a post (its author, hr, admin).", tag: "ideas", params: []param{idParamDoc}, body: PostRequest{}, resp: DataBody[PostBody]{}},
		{method: "PUT", path: "/ideas/{id}/vote", summary: "Vote for a post (not your own).", tag: "ideas", params: []param{idParamDoc}, status: "204"},
		{method: "DELETE", path: "/ideas/{id}/vote", summary: "Withdraw your vote.", tag: "ideas", params: []param{idParamDoc}, status: "204"},
		{method: "POST", path: "/ideas/{id}/comments", summary: "Comment, or reply to a top-level comment.", tag: "ideas", params: []param{idParamDoc}, body: CommentRequest{}, resp: DataBody[IDBody]{}, status: "201"},
		{method: "POST", path: "/ideas/{id}/status", summary: "Move an idea or practice through the workflow (executives, hr, admin, the author's managers): new → under_review → adopted → implemented; declined needs a reason.", tag: "ideas", params: []param{idParamDoc}, body: PostStatusRequest{}, resp: DataBody[PostBody]{}},
		{method: "POST", path: "/ideas/{id}/adoptions", summary: "Record that a team adopted a best practice (its manager, managers above it, hr, admin).", tag: "ideas", params: []param{idParamDoc}, body: AdoptionRequest{}, resp: DataBody[PostBody]{}, status: "201"},
		{method: "GET", path: "/innovation", summary: "Implemented ideas and adopted practices per team for a quarter, for the scorecard's innovation observations (executives, hr, admin).", tag: "ideas", params: []param{{"quarter", "query", "string", "e.g. 2026-Q1; default: this quarter"}}, resp: ListBody[InnovationBody]{}},
		{method: "GET", path: "/service/programs", summary: "Service corps programs with their community projects.", tag: "service", resp: ListBody[ProgramBody]{}},
		{method: "POST", path: "/service/programs", summary: "Open a service corps program (executives, hr, admin).", tag: "service", body: ProgramRequest{}, resp: DataBody[ProgramBody]{}, status: "201"},
		{method: "GET", path: "/service/programs/{id}", summary: "One program with its projects, teams and mixes, and your application status per project.", tag: "service", params: []param{idParamDoc}, resp: DataBody[ProgramBody]{}},
		{method: "POST", path: "/service/programs/{id}/projects", summary: "Add a community project: place, partner, dates, capacity, skills sought (organizers).", tag: "service", params: []param{idParamDoc}, body: ProjectRequest{}, resp: DataBody[IDBody]{}, status: "201"},
		{method: "GET", path: "/service/programs/{id}/selection", summary: "The selection assistant's proposed cohort, balanced across departments and locations, with its method (organizers).", tag: "service", params: []param{idParamDoc}, resp: DataBody[ProposalBody]{}},
		{method: "POST", path: "/service/programs/{id}/selection", summary: "Confirm a cohort: select these applications, waitlist the rest, start the program (organizers).", tag: "service", params: []param{idParamDoc}, body: SelectionRequest{}, status: "204"},
		{method: "GET", path: "/service/projects/{id}", summary: "One project with its team and totals.", tag: "service", params: []param{idParamDoc}, resp: DataBody[ProjectBody]{}},
		{method: "POST", path: "/service/projects/{id}/applications", summary: "Apply to a project with a motivation.", tag: "service", params: []param{idParamDoc}, body: ApplicationRequest{}, resp: DataBody[IDBody]{}, status: "201"},
		{method: "POST", path: "/service/projects/{id}/hours", summary: "Log your hours and the people helped (the project's team).", tag: "service", params: []param{idParamDoc}, body: HoursRequest{}, resp: DataBody[IDBody]{}, status: "201"},
		{method: "POST", path: "/service/projects/{id}/reflections", summary: "Write a reflection; private unless shared with the team and the organizers.", tag: "service", params: []param{idParamDoc}, body: ReflectionRequest{}, resp: DataBody[IDBody]{}, status: "201"},
		{method: "POST", path: "/service/projects/{id}/skills", summary: "Record skills you developed on the project; they appear on your development profile.", tag: "service", params: []param{idParamDoc}, body: SkillsRequest{}, status: "204"},
		{method: "GET", path: "/service/totals", summary: "Service hours and beneficiaries per team for a period (executives, hr, admin).", tag: "service", params: []param{{"period", "query", "string", "e.g. 2026-Q1; default: this quarter"}}, resp: ListBody[ServiceTotalBody]{}},
		{method: "GET", path: "/people/{id}/skills", summary: "Skills a person developed (the person, their managers, hr, admin).", tag: "service", params: []param{idParamDoc}, resp: ListBody[SkillBody]{}},
		{method: "GET", path: "/analytics/index", summary: "Managers' Purpose Leadership Index for a quarter, best first: everyone's for executives, hr and admin; a manager's reporting line otherwise. A component without data is null, never zero.", tag: "analytics",
			params: append([]param{{"period", "query", "string", "A quarter such as 2026-Q3 among the last eight; default: the last complete one."}, {"department_id", "query", "integer", "Only this department."}, {"location_id", "query", "integer", "Only this location."}, {"level", "query", "integer", "Only this level (1 is the top of the organization)."}}, pageParams...), resp: ListBody[IndexBody]{}},
		{method: "GET", path: "/analytics/index/{id}", summary: "One manager's index opened to its components, their formulas and inputs, with eight quarters of trend.", tag: "analytics",
			params: []param{idParamDoc, {"period", "query", "string", "A quarter such as 2026-Q3."}}, resp: DataBody[IndexViewBody]{}},
		{method: "GET", path: "/analytics/heatmap", summary: "The index and its components by department, location or level and quarter (executives, hr, admin). A cell with too few people's answers inside is hidden.", tag: "analytics",
			params: []param{{"by", "query", "string", "department (default), location or level"}}, resp: DataBody[HeatmapBody]{}},
		{method: "GET", path: "/analytics/dashboard", summary: "The executive dashboard: objectives staffed, the index's distribution, engagement trend, balance warnings, silos and program impact (executives, hr, admin).", tag: "analytics", resp: DataBody[DashboardBody]{}},
		{method: "POST", path: "/analytics/recompute", summary: "Recompute the index and the dashboard now (hr, admin). They are otherwise brought up to date every few minutes.", tag: "analytics", resp: ListBody[IndexRunBody]{}},
		{method: "GET", path: "/analytics/index-weights", summary: "The organization's weights of the index components.", tag: "analytics", resp: DataBody[IndexWeightsBody]{}},
		{method: "PUT", path: "/analytics/index-weights", summary: "Set the weights of the index components, 0 to 10 each (hr, admin).", tag: "analytics", body: IndexWeightsBody{}, resp: DataBody[IndexWeightsBody]{}},
		{method: "GET", path: "/analytics/calibration", summary: "The calibration grid: managers with their results and purpose bands (executives, hr, admin).", tag: "analytics",
			params: []param{{"cycle_id", "query", "integer", "The managers reviewed in this cycle, for its quarter."}, {"department_id", "query", "integer", "Only this department."}}, resp: DataBody[CalibrationGridBody]{}},
		{method: "POST", path: "/analytics/calibration", summary: "Record a calibrated rating (1–5) with a reason for a person reviewed in an open cycle (hr, admin); it appears in the review.", tag: "analytics", body: CalibrateBody{}, resp: DataBody[CalibrationBody]{}},
		{method: "GET", path: "/analytics/programs/{id}/impact", summary: "A development program's measured impact: difference in differences against matched comparison managers for the index, team engagement, upward ratings and purpose-metric attainment, with 95% intervals and a plain verdict (executives, hr, admin).", tag: "analytics", params: []param{idParamDoc}, resp: DataBody[ProgramImpactDetailBody]{}},
		{method: "GET", path: "/network/me", summary: "Your collaboration network over the last twelve months: measures and collaborators.", tag: "network", resp: DataBody[PersonNetworkBody]{}},
		{method: "GET", path: "/network/people/{id}", summary: "A person's collaboration network (the person, their managers, executives, hr, admin).", tag: "network", params: []param{idParamDoc}, resp: DataBody[PersonNetworkBody]{}},
		{method: "GET", path: "/network/organization", summary: "The department × department matrix, silos and bridges (executives, hr, admin).", tag: "network", resp: DataBody[OrgNetworkBody]{}},
		{method: "GET", path: "/network/managers", summary: "Every middle manager's collaboration measures for a period, for the Purpose Leadership Index: departments reached, cross-department ties and brokerage over the twelve months ending with the period, and contributions (executives, hr, admin).", tag: "network",
			params: []param{{"period", "query", "string", "2026, 2026-H1 or 2026-Q1; default: this quarter"}}, resp: DataBody[ManagerMeasuresBody]{}},
		// Engagement (issue 5).
		{method: "GET", path: "/question-bank", summary: "The survey question bank.", tag: "engagement", resp: DataBody[[]QuestionBody]{}},
		{method: "GET", path: "/surveys", summary: "Every survey. hr and admin.", tag: "engagement", resp: DataBody[[]SurveyBody]{}},
		{method: "POST", path: "/surveys", summary: "Create a survey and schedule its first pulse; a pulse whose opening date has come opens at once, freezing its audience and their groups. hr and admin.", tag: "engagement",
			body: SurveyInputBody{}, resp: DataBody[SurveyBody]{}, status: "201"},
		{method: "GET", path: "/surveys/{id}", summary: "A survey with its questions and pulses. hr and admin.", tag: "engagement", params: []param{idParamDoc}, resp: DataBody[SurveyDetailBody]{}},
		{method: "GET", path: "/pulses", summary: "The caller's open pulses, with whether they answered (status=open), or the closed pulses whose results they can read (status=closed).", tag: "engagement",
			params: []param{{"status", "query", "string", "open (the default) or closed."}}, resp: DataBody[[]RoundBody]{}},
		{method: "GET", path: "/pulses/{id}/questions", summary: "The questions of an open pulse the caller was invited to and has not answered.", tag: "engagement", params: []param{idParamDoc}, resp: DataBody[QuestionnaireBody]{}},
		{method: "POST", path: "/pulses/{id}/responses", summary: "Answer an open pulse, once. Answers are stored without the caller's identity and cannot be read back or changed.", tag: "engagement",
			params: []param{idParamDoc}, body: ResponseInputBody{}, resp: DataBody[AcceptedBody]{}, status: "201"},
		{method: "POST", path: "/pulses/{id}/close", summary: "Close an open pulse now. hr and admin.", tag: "engagement", params: []param{idParamDoc}, resp: DataBody[AcceptedBody]{}},
		{method: "POST", path: "/pulses/{id}/scorecard-sync", summary: "Record a closed pulse's shown team results on managers' scorecards again (employee_engagement and enps); closing does it once. hr and admin.", tag: "engagement", params: []param{idParamDoc}, resp: DataBody[ObservationReportBody]{}},
		{method: "GET", path: "/pulses/{id}/results", summary: "Results of a closed pulse through the anonymity engine: a group hidden to protect anonymity has shown=false and no figures, not even its number of respondents.", tag: "engagement",
			params: []param{idParamDoc, {"group_by", "query", "string", "department, location, team, level or tenure."},
				{"department_id", "query", "integer", "Only this department."}, {"location_id", "query", "integer", "Only this location."},
				{"team_id", "query", "integer", "Only the direct reports of this manager."}, {"line_id", "query", "integer", "Only people below this manager."},
				{"level", "query", "integer", "Only this level (1 is the top)."}, {"tenure", "query", "string", "under_1, 1_to_3, 3_to_5, 5_plus or unknown."},
				{"limit", "query", "integer", "Groups of the breakdown per page, 1 to 500 (default 50); groups_total says how many there are."}, {"offset", "query", "integer", "Groups to skip."}},
			resp: DataBody[ResultsBody]{}},
		{method: "GET", path: "/pulses/{id}/results.csv", summary: "The same results as a CSV file, one line per group and measure.", tag: "engagement",
			params: []param{idParamDoc, {"group_by", "query", "string", "As for the results."}}, respType: "text/csv"},
		{method: "GET", path: "/pulses/{id}/team-results", summary: "Each manager's team in a closed pulse: engagement and eNPS where the anonymity engine shows the team, status insufficient otherwise. The feed of scorecard observations. hr, admin and executives.", tag: "engagement",
			params: []param{idParamDoc}, resp: DataBody[[]TeamResultBody]{}},
		{method: "GET", path: "/action-plans", summary: "A team's action plans with the change in their focus areas at the next pulse.", tag: "engagement",
			params: []param{{"team_id", "query", "integer", "The manager whose team's plans to list."}}, resp: DataBody[[]ActionPlanBody]{}},
		{method: "POST", path: "/action-plans", summary: "Start an action plan for a manager's team after a closed pulse.", tag: "engagement", body: ActionPlanInputBody{}, resp: DataBody[ActionPlanBody]{}, status: "201"},
		{method: "POST", path: "/action-plans/{id}/actions", summary: "Add an action with an owner and a due date to a plan.", tag: "engagement",
			params: []param{idParamDoc}, body: PlanActionInputBody{}, resp: DataBody[AcceptedBody]{}, status: "201"},
	}, append(append(performanceOperations(), webhookOperations()...), developmentOperations()...)...)
}

var (
	docOnce sync.Once
	docJSON []byte
)

// Document returns the OpenAPI 3.1 document.
func Document() map[string]any {
	schemas := map[string]any{}
	paths := map[string]any{}
	for _, o := range operations() {
		item, _ := paths[Prefix+o.path].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[Prefix+o.path] = item
		}
		var params []any
		for _, p := range o.params {
			params = append(params, map[string]any{"name": p.name, "in": p.in, "required": p.in == "path",
				"description": p.desc, "schema": map[string]any{"type": p.typ}})
		}
		status := o.status
		if status == "" {
			status = "200"
		}
		content := map[string]any{}
		description := "OK"
		if status == "204" {
			description = "Done; no content."
		}
		switch {
		case o.respType != "":
			content[o.respType] = map[string]any{"schema": map[string]any{"type": "string"}}
		case o.resp != nil:
			content["application/json"] = map[string]any{"schema": schemaOf(reflect.TypeOf(o.resp), schemas)}
		}
		responses := map[string]any{
			status: map[string]any{"description": description, "content": content},
			"401":  map[string]any{"$ref": "#/components/responses/Unauthenticated"},
			"403":  map[string]any{"$ref": "#/components/responses/Forbidden"},
			"422":  map[string]any{"$ref": "#/components/responses/Invalid"},
		}
		if strings.Contains(o.path, "{id}") {
			responses["404"] = map[string]any{"$ref": "#/components/responses/NotFound"}
		}
		operation := map[string]any{"summary": o.summary, "tags": []string{o.tag}, "responses": responses,
			"operationId": strings.ToLower(o.method) + strings.NewReplacer("/", "_", "{", "", "}", "", ".", "_").Replace(o.path)}
		if params != nil {
			operation["parameters"] = params
		}
		if o.bodyType != "" {
			operation["requestBody"] = map[string]any{"required": true, "content": map[string]any{o.bodyType: map[string]any{"schema": map[string]any{"type": "string"}}}}
		} else if o.body != nil {
			operation["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(o.body), schemas)}}}
		}
		if o.path == "/openapi.json" {
			operation["security"] = []any{}
		}
		item[strings.ToLower(o.method)] = operation
	}
	errRef := map[string]any{"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(httpx.ErrorBody{}), schemas)}}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "Throughline API", "version": "1",
			"description": "The JSON API of Throughline. Authenticate with a session cookie or an API token (Authorization: Bearer tl_…). Errors have the shape {\"error\":{\"code\",\"message\",\"fields\"}}."},
		"servers":  []any{map[string]any{"url": Prefix}},
		"security": []any{map[string]any{"bearer": []string{}}, map[string]any{"session": []string{}}},
		"paths":    stripPrefix(paths),
		"components": map[string]any{
			"schemas": schemas,
			"securitySchemes": map[string]any{
				"bearer":  map[string]any{"type": "http", "scheme": "bearer", "description": "An API token created on the account page."},
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": httpx.SessionCookie},
			},
			"responses": map[string]any{
				"Unauthenticated": map[string]any{"description": "Not signed in, or the token is unknown, expired or revoked.", "content": errRef},
				"Forbidden":       map[string]any{"description": "The actor may not do this.", "content": errRef},
				"Invalid":         map[string]any{"description": "The input is invalid; fields name each problem.", "content": errRef},
				"NotFound":        map[string]any{"description": "No such resource, or one the actor may not know exists.", "content": errRef},
			},
		},
	}
}

// stripPrefix keys paths relative to the server URL.
func stripPrefix(paths map[string]any) map[string]any {
	out := make(map[string]any, len(paths))
	for k, v := range paths {
		out[strings.TrimPrefix(k, Prefix)] = v
	}
	return out
}

// schemaOf derives a JSON Schema from a Go type, registering named structs as components.
func schemaOf(t reflect.Type, defs map[string]any) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem(), defs)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem(), defs)}
	case reflect.Interface:
		return map[string]any{}
	case reflect.Struct:
		name := schemaName(t)
		if _, ok := defs[name]; !ok {
			defs[name] = map[string]any{} // placeholder against recursion
			props := map[string]any{}
			var required []string
			addFields(t, props, &required, defs)
			s := map[string]any{"type": "object", "properties": props}
			if len(required) > 0 {
				s["required"] = required
			}
			defs[name] = s
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{}
}

func addFields(t reflect.Type, props map[string]any, required *[]string, defs map[string]any) {
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			addFields(f.Type, props, required, defs)
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = schemaOf(f.Type, defs)
		if !strings.Contains(opts, "omitempty") && f.Type.Kind() != reflect.Pointer {
			*required = append(*required, name)
		}
	}
}

// schemaName turns "DataBody[throughline/internal/api.MeBody]" into "DataBody_MeBody".
func schemaName(t reflect.Type) string {
	n := t.Name()
	if i := strings.IndexByte(n, '['); i >= 0 {
		inner := n[i+1 : len(n)-1]
		if j := strings.LastIndexByte(inner, '.'); j >= 0 {
			inner = inner[j+1:]
		}
		n = n[:i] + "_" + inner
	}
	return n
}

func (h *Handler) openapi(w http.ResponseWriter, r *http.Request) {
	docOnce.Do(func() { docJSON, _ = json.MarshalIndent(Document(), "", "  ") })
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(docJSON)
}
