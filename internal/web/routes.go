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
	handle("GET /network", h.myNetwork)
	handle("GET /network/org", h.orgNetwork)
	handle("GET /network/people/{id}", h.personNetwork)

	handle("/", h.notFound)
}

// navFor is the navigation of a role. Every signed-in person has the directory and the
// org chart; people with reports have their team; hr and admin have the admin pages.
func navFor(a model.Actor) []NavItem {
	nav := []NavItem{
		{Label: "Home", Href: "/", Section: "home"},
		{Label: "Purpose", Href: "/purpose", Section: "purpose"},
	}
	if a.PersonID != 0 {
		nav = append(nav, NavItem{Label: "Line of sight", Href: "/line-of-sight", Section: "sight"})
	}
	nav = append(nav, NavItem{Label: "Goals", Href: "/goals", Section: "goals"})
	if a.PersonID != 0 {
		nav = append(nav, NavItem{Label: "Your purpose", Href: "/me/purpose", Section: "mypurpose"})
	}
	if a.Is(model.RoleExecutive, model.RoleHR, model.RoleAdmin) {
		nav = append(nav, NavItem{Label: "Strategy", Href: "/strategy", Section: "strategy"})
	}
	nav = append(nav, NavItem{Label: "Collaborate", Href: "/collaborate", Section: "collab"})
	nav = append(nav, NavItem{Label: "People", Href: "/people", Section: "people"}, NavItem{Label: "Org chart", Href: "/org", Section: "org"})
	if a.PersonID != 0 && a.Is(model.RoleManager, model.RoleExecutive, model.RoleHR, model.RoleAdmin) {
		nav = append(nav, NavItem{Label: "My team", Href: "/people/" + itoa(a.PersonID) + "/team", Section: "team"})
	}
	if a.Is(model.RoleAdmin, model.RoleHR) {
		nav = append(nav, NavItem{Label: "Import people", Href: "/admin/import", Section: "import"})
	}
	if a.Is(model.RoleAdmin) {
		nav = append(nav, NavItem{Label: "Accounts", Href: "/admin/accounts", Section: "accounts"})
	}
	return nav
}
