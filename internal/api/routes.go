package api

import (
	"net/http"

	"throughline/internal/httpx"
	"throughline/internal/model"
)

// Prefix is where the API lives.
const Prefix = "/api/v1"

// Routes registers every API route on mux. The OpenAPI document (openapi.go) describes
// each of them; a test keeps the two in step.
func (h *Handler) Routes(mux *http.ServeMux) {
	for _, rt := range h.routes() {
		httpx.HandleFunc(mux, rt.Method+" "+Prefix+rt.Path, rt.Handler)
	}
	httpx.HandleFunc(mux, Prefix+"/", func(w http.ResponseWriter, r *http.Request) {
		httpx.WriteError(w, r, &model.Error{Code: model.CodeNotFound, Message: "No such API route. The routes are listed at " + Prefix + "/openapi.json."})
	})
}

// Route is one API route.
type Route struct {
	Method, Path string
	Handler      http.HandlerFunc
}

func (h *Handler) routes() []Route {
	return append([]Route{
		{"GET", "/openapi.json", h.openapi},
		{"GET", "/me", h.me},
		{"GET", "/people", h.people},
		{"GET", "/people/{id}", h.person},
		{"POST", "/people/import", h.importPeople},
		{"GET", "/people/export", h.exportPeople},
		{"GET", "/audit", h.auditLog},
		{"GET", "/departments", h.departments},
		{"GET", "/departments/{id}", h.department},
		{"GET", "/locations", h.locations},
		{"GET", "/locations/{id}", h.location},

		{"GET", "/purpose", h.getPurpose},
		{"PUT", "/purpose", h.putPurpose},
		{"GET", "/purpose/history", h.purposeHistory},
		{"GET", "/purpose/aggregates", h.purposeAggregates},
		{"GET", "/values", h.values},
		{"POST", "/values", h.createValue},
		{"PATCH", "/values/{id}", h.updateValue},
		{"GET", "/objectives", h.objectives},
		{"POST", "/objectives", h.createObjective},
		{"GET", "/objectives/{id}", h.objective},
		{"PATCH", "/objectives/{id}", h.updateObjective},
		{"GET", "/me/purpose", h.myPurpose},
		{"PUT", "/me/purpose", h.putMyPurpose},
		{"GET", "/people/{id}/purpose", h.personPurpose},
		{"GET", "/goals", h.goals},
		{"POST", "/goals", h.createGoal},
		{"POST", "/goals/import", h.importGoals},
		{"GET", "/goals/{id}", h.goal},
		{"PATCH", "/goals/{id}", h.updateGoal},
		{"DELETE", "/goals/{id}", h.deleteGoal},
		{"POST", "/goals/{id}/key-results", h.addKeyResult},
		{"POST", "/goals/{id}/updates", h.addGoalUpdate},
		{"PATCH", "/key-results/{id}", h.updateKeyResult},
		{"DELETE", "/key-results/{id}", h.deleteKeyResult},
		{"POST", "/key-results/{id}/progress", h.recordProgress},
		{"GET", "/line-of-sight", h.lineOfSight},
		{"GET", "/strategy", h.strategy},

		// Collaboration (issue 7).
		{"GET", "/initiatives", h.initiatives},
		{"POST", "/initiatives", h.createInitiative},
		{"GET", "/initiatives/{id}", h.initiative},
		{"PATCH", "/initiatives/{id}", h.updateInitiative},
		{"POST", "/initiatives/{id}/members", h.addInitiativeMember},
		{"POST", "/initiatives/{id}/milestones", h.addMilestone},
		{"POST", "/initiatives/{id}/join-requests", h.requestToJoin},
		{"POST", "/join-requests/{id}/decision", h.decideJoinRequest},
		{"GET", "/hackathons", h.hackathons},
		{"POST", "/hackathons", h.createHackathon},
		{"GET", "/hackathons/{id}", h.hackathon},
		{"POST", "/hackathons/{id}/challenges", h.addChallenge},
		{"POST", "/hackathons/{id}/phase", h.hackathonPhase},
		{"PUT", "/hackathons/{id}/registration", h.register},
		{"DELETE", "/hackathons/{id}/registration", h.unregister},
		{"POST", "/hackathons/{id}/teams", h.createTeam},
		{"GET", "/hackathons/{id}/judging", h.judgingSheet},
		{"PUT", "/hackathons/{id}/vote", h.putVote},
		{"DELETE", "/hackathons/{id}/vote", h.deleteVote},
		{"GET", "/hackathons/{id}/results", h.results},
		{"POST", "/hackathons/{id}/winners", h.publishWinners},
		{"GET", "/hackathon-teams/{id}", h.team},
		{"POST", "/hackathon-teams/{id}/join", h.joinTeam},
		{"POST", "/hackathon-teams/{id}/leave", h.leaveTeam},
		{"PUT", "/hackathon-teams/{id}/submission", h.putSubmission},
		{"PUT", "/submissions/{id}/score", h.putScore},
		{"POST", "/submissions/{id}/initiative", h.submissionInitiative},
		{"GET", "/ideas", h.posts},
		{"POST", "/ideas", h.createPost},
		{"GET", "/ideas/{id}", h.post},
		{"PATCH", "/ideas/{id}", h.updatePost},
		{"PUT", "/ideas/{id}/vote", h.putPostVote},
		{"DELETE", "/ideas/{id}/vote", h.deletePostVote},
		{"POST", "/ideas/{id}/comments", h.addComment},
		{"POST", "/ideas/{id}/status", h.movePost},
		{"POST", "/ideas/{id}/adoptions", h.addAdoption},
		{"GET", "/innovation", h.innovation},
		{"GET", "/analytics/index", h.indexes},
		{"GET", "/analytics/index/{id}", h.personIndex},
		{"GET", "/analytics/heatmap", h.heatmap},
		{"GET", "/analytics/dashboard", h.dashboard},
		{"POST", "/analytics/recompute", h.recomputeIndex},
		{"GET", "/analytics/index-weights", h.indexWeights},
		{"PUT", "/analytics/index-weights", h.setIndexWeights},
		{"GET", "/analytics/calibration", h.calibrationGrid},
		{"POST", "/analytics/calibration", h.calibrate},
		{"GET", "/analytics/programs/{id}/impact", h.programImpact},
		{"GET", "/service/programs", h.programs},
		{"POST", "/service/programs", h.createProgram},
		{"GET", "/service/programs/{id}", h.program},
		{"POST", "/service/programs/{id}/projects", h.addProject},
		{"GET", "/service/programs/{id}/selection", h.proposal},
		{"POST", "/service/programs/{id}/selection", h.confirmSelection},
		{"GET", "/service/projects/{id}", h.project},
		{"POST", "/service/projects/{id}/applications", h.apply},
		{"POST", "/service/projects/{id}/hours", h.logHours},
		{"POST", "/service/projects/{id}/reflections", h.addReflection},
		{"POST", "/service/projects/{id}/skills", h.addSkills},
		{"GET", "/service/totals", h.serviceTotals},
		{"GET", "/people/{id}/skills", h.personSkills},
		{"GET", "/network/me", h.myNetwork},
		{"GET", "/network/people/{id}", h.personNetwork},
		{"GET", "/network/organization", h.orgNetwork},
		{"GET", "/network/managers", h.managerMeasures},
	}, append(h.performanceRoutes(), webhookRoutes(h)...)...)
}

// performanceRoutes are the routes of issue 4: the metric catalogue, observations,
// scorecards, reviews, check-ins, feedback and what is due.
func (h *Handler) performanceRoutes() []Route {
	return append([]Route{
		{"GET", "/metrics", h.metrics},
		{"POST", "/metrics", h.createMetric},
		{"GET", "/metrics/{id}", h.metric},
		{"PUT", "/metrics/{id}", h.updateMetric},
		{"GET", "/observations", h.observations},
		{"POST", "/observations", h.recordObservations},
		{"POST", "/observations/import", h.importObservations},
		{"GET", "/observations/{id}", h.observation},
		{"GET", "/scorecards", h.scorecards},
		{"GET", "/scorecards/export", h.exportScorecards},
		{"GET", "/scorecards/{id}", h.scorecard},
		{"GET", "/scorecards/{id}/metrics/{metric}", h.scorecardMetric},
		{"GET", "/scorecard-settings", h.scoreSettings},
		{"PUT", "/scorecard-settings", h.setScoreSettings},
		{"GET", "/review-cycles", h.reviewCycles},
		{"POST", "/review-cycles", h.createReviewCycle},
		{"GET", "/review-cycles/{id}", h.reviewCycle},
		{"POST", "/review-cycles/{id}/open", h.cycleAction(true)},
		{"POST", "/review-cycles/{id}/close", h.cycleAction(false)},
		{"GET", "/reviews", h.reviews},
		{"GET", "/reviews/{id}", h.review},
		{"PUT", "/reviews/{id}/self", h.reviewText("self")},
		{"PUT", "/reviews/{id}/manager", h.reviewText("manager")},
		{"POST", "/reviews/{id}/steps", h.reviewStep},
		{"POST", "/reviews/{id}/actions", h.addReviewAction},
		{"GET", "/checkins", h.checkins},
		{"POST", "/checkins", h.startCheckins},
		{"GET", "/checkins/{id}", h.checkin},
		{"GET", "/feedback", h.feedback},
		{"POST", "/feedback", h.giveFeedback},
		{"POST", "/feedback/requests", h.requestFeedback},
		{"GET", "/due", h.due},
		// Engagement (issue 5).
		{"GET", "/question-bank", h.questionBank},
		{"GET", "/surveys", h.surveys},
		{"POST", "/surveys", h.createSurvey},
		{"GET", "/surveys/{id}", h.survey},
		{"GET", "/pulses", h.pulses},
		{"GET", "/pulses/{id}/questions", h.questionnaire},
		{"POST", "/pulses/{id}/responses", h.respond},
		{"POST", "/pulses/{id}/close", h.closePulse},
		{"POST", "/pulses/{id}/scorecard-sync", h.syncPulse},
		{"GET", "/pulses/{id}/results", h.pulseResults},
		{"GET", "/pulses/{id}/results.csv", h.pulseResultsCSV},
		{"GET", "/pulses/{id}/team-results", h.teamResults},
		{"GET", "/action-plans", h.actionPlans},
		{"POST", "/action-plans", h.createActionPlan},
		{"POST", "/action-plans/{id}/actions", h.addActionItem},
	}, append(h.checkinRoutes(), h.developmentRoutes()...)...)
}

// RouteList returns the method and path of every route, for tests.
func (h *Handler) RouteList() [][2]string {
	var out [][2]string
	for _, r := range h.routes() {
		out = append(out, [2]string{r.Method, r.Path})
	}
	return out
}
