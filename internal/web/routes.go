package web

import (
	"net/http"

	"throughline/internal/httpx"
	"throughline/internal/model"
)

// Routes registers every page on mux.
func (h *Handler) Routes(mux *http.ServeMux) {
	handle := func(pattern string, fn http.HandlerFunc) { httpx.HandleFunc(mux, pattern, fn) }

	handle("GET /static/{file}", h.serveStatic)
	handle("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/static/"+h.assets["favicon.svg"].hashed, http.StatusMovedPermanently)
	})

	handle("GET /signin", h.signInForm)
	handle("POST /signin", h.signIn)
	handle("POST /signout", h.signOut)
	handle("GET /auth/oidc/start", h.ssoStart)
	handle("GET /auth/oidc/callback", h.ssoCallback)

	handle("GET /{$}", h.home)

	handle("GET /people", h.directory)
	handle("GET /people/{id}", h.person)
	handle("POST /people/{id}/middle-manager", h.setMiddleManager)
	handle("GET /people/{id}/team", h.team)
	handle("GET /org", h.orgChart)

	handle("GET /account", h.account)
	handle("POST /account/password", h.changePassword)
	handle("POST /account/signout-everywhere", h.signOutEverywhere)
	handle("POST /account/tokens", h.createToken)
	handle("POST /account/tokens/{id}/revoke", h.revokeToken)

	handle("GET /admin/accounts", h.adminAccounts)
	handle("POST /admin/accounts", h.adminCreateAccount)
	handle("GET /admin/accounts/{id}", h.adminAccount)
	handle("POST /admin/accounts/{id}/role", h.adminSetRole)
	handle("POST /admin/accounts/{id}/password", h.adminSetPassword)
	handle("POST /admin/accounts/{id}/active", h.adminSetActive)
	handle("GET /admin/import", h.importForm)
	handle("POST /admin/import", h.importPeople)
	handle("GET /admin/export/people.csv", h.exportPeople)
	handle("GET /admin/audit", h.auditLog)
	handle("GET /admin/audit.csv", h.auditExport)
	handle("GET /admin/webhooks", h.webhooks)
	handle("POST /admin/webhooks", h.createWebhook)
	handle("GET /admin/webhooks/{id}", h.webhook)
	handle("POST /admin/webhooks/{id}", h.updateWebhook)
	handle("POST /admin/webhooks/{id}/delete", h.deleteWebhook)
	handle("POST /admin/webhooks/{id}/test", h.testWebhook)
	handle("POST /admin/webhooks/{id}/secret", h.renewWebhookSecret)
	handle("GET /admin/webhook-deliveries", h.webhookDeliveries)
	handle("GET /admin/webhook-deliveries/{id}", h.webhookDelivery)
	handle("POST /admin/webhook-deliveries/{id}/redeliver", h.redeliverWebhook)

	handle("GET /help/import", h.helpImport)

	handle("GET /purpose", h.purpose)
	handle("GET /purpose/edit", h.purposeEdit)
	handle("POST /purpose/edit", h.purposeSave)
	handle("GET /values/new", h.valueNew)
	handle("POST /values", h.valueCreate)
	handle("GET /values/{id}/edit", h.valueEdit)
	handle("POST /values/{id}/edit", h.valueUpdate)
	handle("GET /objectives/new", h.objectiveNew)
	handle("POST /objectives", h.objectiveCreate)
	handle("GET /objectives/{id}", h.objective)
	handle("GET /objectives/{id}/edit", h.objectiveEdit)
	handle("POST /objectives/{id}/edit", h.objectiveUpdate)
	handle("GET /me/purpose", h.myPurpose)
	handle("POST /me/purpose", h.myPurposeSave)
	handle("GET /strategy", h.strategy)
	handle("GET /line-of-sight", h.lineOfSight)

	handle("GET /goals", h.goals)
	handle("GET /goals/new", h.goalNew)
	handle("POST /goals", h.goalCreate)
	handle("GET /goals/import", h.goalImportForm)
	handle("POST /goals/import", h.goalImport)
	handle("GET /goals/{id}", h.goal)
	handle("GET /goals/{id}/edit", h.goalEdit)
	handle("POST /goals/{id}/edit", h.goalUpdate)
	handle("POST /goals/{id}/delete", h.goalDelete)
	handle("POST /goals/{id}/key-results", h.keyResultAdd)
	handle("POST /goals/{id}/updates", h.goalCheckIn)
	handle("POST /key-results/{id}/progress", h.keyResultProgress)
	handle("POST /key-results/{id}/delete", h.keyResultDelete)
	// Performance (issue 4): scorecards, the metric catalogue, reviews, check-ins, feedback.
	handle("GET /scorecard", h.myScorecard)
	handle("GET /scorecards", h.scorecards)
	handle("GET /scorecards/export.csv", h.exportScorecards)
	handle("GET /scorecards/{id}", h.scorecard)
	handle("GET /scorecards/{id}/metrics/{metric}", h.scorecardMetric)
	handle("GET /help/scorecard", h.helpScorecard)
	handle("GET /catalogue", h.catalogue)
	handle("POST /catalogue", h.createMetric)
	handle("GET /catalogue/new", h.newMetric)
	handle("GET /catalogue/settings", h.scoreSettings)
	handle("POST /catalogue/settings", h.saveScoreSettings)
	handle("GET /catalogue/import", h.observationImportForm)
	handle("POST /catalogue/import", h.importObservations)
	handle("GET /catalogue/{id}", h.metric)
	handle("POST /catalogue/{id}", h.updateMetric)
	handle("GET /catalogue/{id}/edit", h.editMetric)
	handle("POST /catalogue/{id}/status", h.setMetricStatus)
	handle("POST /catalogue/{id}/observations", h.recordObservation)
	handle("GET /observations/{id}", h.observation)
	handle("GET /reviews", h.reviews)
	handle("POST /reviews/cycles", h.createReviewCycle)
	handle("GET /reviews/cycles/{id}", h.reviewCycle)
	handle("POST /reviews/cycles/{id}/open", h.reviewCycleAction(true))
	handle("POST /reviews/cycles/{id}/close", h.reviewCycleAction(false))
	handle("GET /reviews/{id}", h.review)
	handle("POST /reviews/{id}/self", h.saveReviewText("self"))
	handle("POST /reviews/{id}/manager", h.saveReviewText("manager"))
	handle("POST /reviews/{id}/step", h.reviewStep)
	handle("POST /reviews/{id}/actions", h.addReviewAction)
	handle("POST /reviews/{id}/actions/{action}/done", h.reviewActionDone)
	handle("GET /checkins", h.checkins)
	handle("POST /checkins", h.startCheckins)
	handle("GET /checkins/{id}", h.checkin)
	handle("POST /checkins/{id}/points", h.checkinPost("#agenda", "Talking point added.", h.addCheckinPoint))
	handle("POST /checkins/{id}/points/{point}/discussed", h.tickCheckinPoint)
	handle("POST /checkins/{id}/notes", h.checkinPost("#shared-notes", "Shared notes saved.", func(r *http.Request, a model.Actor, id int64) error {
		return h.core.SaveSharedNotes(r.Context(), a, id, model.CheckinNotesInput{Text: r.PostForm.Get("text")})
	}))
	handle("POST /checkins/{id}/private-note", h.checkinPost("#private-note", "Private note saved. Only you can read it.", func(r *http.Request, a model.Actor, id int64) error {
		return h.core.SavePrivateNote(r.Context(), a, id, model.CheckinNotesInput{Text: r.PostForm.Get("text")})
	}))
	handle("POST /checkins/{id}/actions", h.checkinPost("#actions", "Action added.", func(r *http.Request, a model.Actor, id int64) error {
		return h.core.AddCheckinAction(r.Context(), a, id, model.CheckinActionInput{Text: r.PostForm.Get("action_text"), OwnerID: formID(r, "owner_id"), DueOn: r.PostForm.Get("due_on")})
	}))
	handle("POST /checkins/{id}/actions/{action}/done", h.checkinActionDone)
	handle("POST /checkins/{id}/complete", h.completeCheckin)
	handle("GET /feedback", h.feedback)
	handle("POST /feedback", h.giveFeedback)
	handle("POST /feedback/requests", h.requestFeedback)
	handle("POST /feedback/requests/{id}/decline", h.declineFeedback)

	// Collaboration (issue 7).
	handle("GET /collaborate", h.collaborate)
	handle("GET /initiatives", h.initiatives)
	handle("GET /initiatives/new", h.initiativeNew)
	handle("POST /initiatives", h.initiativeCreate)
	handle("GET /initiatives/{id}", h.initiative)
	handle("GET /initiatives/{id}/edit", h.initiativeEdit)
	handle("POST /initiatives/{id}/edit", h.initiativeUpdate)
	handle("POST /initiatives/{id}/members", h.initiativeAddMember)
	handle("POST /initiatives/{id}/members/{person}/remove", h.initiativeRemoveMember)
	handle("POST /initiatives/{id}/milestones", h.initiativeAddMilestone)
	handle("POST /initiatives/{id}/join", h.initiativeJoin)
	handle("POST /milestones/{id}/done", h.milestoneDone)
	handle("POST /join-requests/{id}/decide", h.joinRequestDecide)
	handle("GET /hackathons", h.hackathons)
	handle("GET /hackathons/new", h.hackathonNew)
	handle("POST /hackathons", h.hackathonCreate)
	handle("GET /hackathons/{id}", h.hackathon)
	handle("GET /hackathons/{id}/edit", h.hackathonEdit)
	handle("POST /hackathons/{id}/edit", h.hackathonUpdate)
	handle("POST /hackathons/{id}/challenges", h.hackathonAddChallenge)
	handle("POST /hackathons/{id}/phase", h.hackathonPhase)
	handle("POST /hackathons/{id}/register", h.hackathonRegister)
	handle("POST /hackathons/{id}/unregister", h.hackathonUnregister)
	handle("GET /hackathons/{id}/teams/new", h.hackTeamNew)
	handle("POST /hackathons/{id}/teams", h.hackTeamCreate)
	handle("GET /hackathons/{id}/judging", h.judging)
	handle("POST /hackathons/{id}/vote", h.hackathonVote)
	handle("GET /hackathons/{id}/results", h.hackathonResults)
	handle("POST /hackathons/{id}/winners", h.hackathonWinners)
	handle("GET /hackathon-teams/{id}", h.hackTeam)
	handle("POST /hackathon-teams/{id}/join", h.hackTeamJoin)
	handle("POST /hackathon-teams/{id}/leave", h.hackTeamLeave)
	handle("POST /hackathon-teams/{id}/submission", h.hackTeamSubmit)
	handle("POST /submissions/{id}/score", h.scoreSubmission)
	handle("POST /submissions/{id}/initiative", h.submissionToInitiative)
	handle("GET /ideas", h.ideas)
	handle("GET /ideas/new", h.ideaNew)
	handle("POST /ideas", h.ideaCreate)
	handle("GET /ideas/{id}", h.idea)
	handle("GET /ideas/{id}/edit", h.ideaEdit)
	handle("POST /ideas/{id}/edit", h.ideaUpdate)
	handle("POST /ideas/{id}/vote", h.ideaVote)
	handle("POST /ideas/{id}/comments", h.ideaComment)
	handle("POST /ideas/{id}/status", h.ideaStatus)
	handle("POST /ideas/{id}/adoptions", h.ideaAdopt)
	handle("GET /service", h.service)
	handle("GET /service/programs/new", h.programNew)
	handle("POST /service/programs", h.programCreate)
	handle("GET /service/programs/{id}", h.program)
	handle("POST /service/programs/{id}/projects", h.programAddProject)
	handle("POST /service/programs/{id}/status", h.programStatus)
	handle("GET /service/programs/{id}/selection", h.selection)
	handle("POST /service/programs/{id}/selection", h.selectionConfirm)
	handle("GET /service/projects/{id}", h.project)
	handle("POST /service/projects/{id}/apply", h.projectApply)
	handle("POST /service/projects/{id}/withdraw", h.projectWithdraw)
	handle("POST /service/projects/{id}/hours", h.projectHours)
	handle("POST /service/projects/{id}/reflections", h.projectReflection)
	handle("POST /service/projects/{id}/skills", h.projectSkills)
	handle("POST /reflections/{id}/share", h.reflectionShare)
	// Analytics (issue 8): the dashboard, heatmaps, the index, calibration.
	handle("GET /analytics/dashboard", h.dashboard)
	handle("GET /analytics/dashboard.csv", h.dashboardExport)
	handle("GET /analytics/heatmap", h.heatmap)
	handle("GET /analytics/heatmap.csv", h.heatmapExport)
	handle("GET /analytics/index", h.indexList)
	handle("GET /analytics/index.csv", h.indexExport)
	handle("GET /analytics/index/{id}", h.personIndex)
	handle("GET /me/index", h.myIndex)
	handle("POST /analytics/recompute", h.recomputeIndex)
	handle("GET /analytics/calibration", h.calibration)
	handle("GET /analytics/calibration.csv", h.calibrationExport)
	handle("POST /analytics/calibration", h.calibrate)
	handle("GET /analytics/programs/{id}", h.programImpact)
	handle("GET /analytics/programs/{id}/impact.csv", h.programImpactExport)
	handle("GET /help/index", h.helpIndex)
	handle("POST /help/index", h.setIndexWeights)

	handle("GET /network", h.myNetwork)
	handle("GET /network/org", h.orgNetwork)
	handle("GET /network/people/{id}", h.personNetwork)
	// Engagement (issue 5).
	handle("GET /surveys", h.surveys)
	handle("POST /surveys", h.createSurvey)
	handle("GET /surveys/new", h.newSurvey)
	handle("POST /surveys/settings", h.setThreshold)
	handle("GET /surveys/questions", h.questionBank)
	handle("POST /surveys/questions", h.addQuestion)
	handle("GET /surveys/{id}", h.survey)
	handle("POST /surveys/{id}/end", h.roundAction(h.endSurvey))
	handle("GET /pulses/{id}", h.answerForm)
	handle("POST /pulses/{id}", h.submitAnswers)
	handle("POST /pulses/{id}/launch", h.roundAction(h.launchRound))
	handle("POST /pulses/{id}/close", h.roundAction(h.closeRound))
	handle("POST /pulses/{id}/threshold", h.roundAction(h.raiseThreshold))
	handle("POST /pulses/{id}/invitations", h.invitations)
	handle("GET /pulses/{id}/results", h.results)
	handle("GET /pulses/{id}/results.csv", h.resultsCSV)
	handle("POST /pulses/{id}/plans", h.createPlan)
	handle("GET /plans/{id}", h.plan)
	handle("POST /plans/{id}", h.updatePlan)
	handle("POST /plans/{id}/items", h.addPlanItem)
	handle("POST /plans/items/{id}/status", h.setItemStatus)
	handle("GET /invite", h.inviteForm)
	handle("POST /invite", h.submitInvite)
	handle("GET /help/anonymity", h.helpAnonymity)

	handle("/", h.notFound)
}

// navFor is the navigation of a role, in groups. Every signed-in person has the purpose,
// goals, directory and org chart; people in the org chart have their line of sight,
// check-ins and feedback; leaders have scorecards; hr and admin have the admin pages.
func navFor(a model.Actor) []NavGroup {
	person := a.PersonID != 0
	leads := a.Is(model.RoleManager, model.RoleExecutive, model.RoleHR, model.RoleAdmin)
	var nav []NavGroup
	add := func(group string, items ...NavItem) {
		if len(items) == 0 {
			return
		}
		for i := range nav {
			if nav[i].Label == group {
				nav[i].Items = append(nav[i].Items, items...)
				return
			}
		}
		nav = append(nav, NavGroup{Label: group, Items: items})
	}
	when := func(ok bool, it NavItem) []NavItem {
		if ok {
			return []NavItem{it}
		}
		return nil
	}
	add("", NavItem{Label: "Home", Href: "/", Section: "home"})

	add("Purpose", NavItem{Label: "Purpose and strategy", Href: "/purpose", Section: "purpose"})
	add("Purpose", when(person, NavItem{Label: "Line of sight", Href: "/line-of-sight", Section: "sight"})...)
	add("Purpose", NavItem{Label: "Goals", Href: "/goals", Section: "goals"})
	add("Purpose", when(person, NavItem{Label: "Your purpose", Href: "/me/purpose", Section: "mypurpose"})...)
	add("Purpose", when(a.Is(model.RoleExecutive, model.RoleHR, model.RoleAdmin), NavItem{Label: "Where strategy lives", Href: "/strategy", Section: "strategy"})...)

	add("Performance", when(leads, NavItem{Label: "Scorecards", Href: "/scorecards", Section: "scorecards"})...)
	add("Performance", when(person, NavItem{Label: "Check-ins", Href: "/checkins", Section: "checkins"})...)
	add("Performance", when(person || a.Is(model.RoleAdmin, model.RoleHR), NavItem{Label: "Reviews", Href: "/reviews", Section: "reviews"})...)
	add("Performance", when(person, NavItem{Label: "Feedback", Href: "/feedback", Section: "feedback"})...)
	add("Performance", NavItem{Label: "Metric catalogue", Href: "/catalogue", Section: "catalogue"})

	add("Performance", when(leads && !a.Is(model.RoleExecutive, model.RoleHR, model.RoleAdmin), NavItem{Label: "Leadership index", Href: "/analytics/index", Section: "index"})...)

	add("Engagement", NavItem{Label: "Pulse surveys", Href: "/surveys", Section: "engagement"})

	add("Collaboration", NavItem{Label: "Collaborate", Href: "/collaborate", Section: "collab"})

	insight := a.Is(model.RoleExecutive, model.RoleHR, model.RoleAdmin)
	add("Insight", when(insight, NavItem{Label: "Dashboard", Href: "/analytics/dashboard", Section: "dashboard"})...)
	add("Insight", when(insight, NavItem{Label: "Heatmaps", Href: "/analytics/heatmap", Section: "heatmap"})...)
	add("Insight", when(insight, NavItem{Label: "Leadership index", Href: "/analytics/index", Section: "index"})...)
	add("Insight", when(insight, NavItem{Label: "Calibration", Href: "/analytics/calibration", Section: "calibration"})...)

	add("Organization", NavItem{Label: "People", Href: "/people", Section: "people"}, NavItem{Label: "Org chart", Href: "/org", Section: "org"})
	add("Organization", when(person && leads, NavItem{Label: "My team", Href: "/people/" + itoa(a.PersonID) + "/team", Section: "team"})...)

	add("Administration", when(a.Is(model.RoleAdmin, model.RoleHR), NavItem{Label: "Import people", Href: "/admin/import", Section: "import"})...)
	add("Administration", when(a.Is(model.RoleAdmin), NavItem{Label: "Accounts", Href: "/admin/accounts", Section: "accounts"})...)
	add("Administration", when(a.Is(model.RoleAdmin), NavItem{Label: "Audit log", Href: "/admin/audit", Section: "audit"})...)
	add("Administration", when(a.Is(model.RoleAdmin), NavItem{Label: "Webhooks", Href: "/admin/webhooks", Section: "webhooks"})...)
	return nav
}
