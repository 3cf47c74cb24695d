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

// navFor is the navigation of a role. Every signed-in person has the directory and the
// org chart; people with reports have their team; hr and admin have the admin pages.
func navFor(a model.Actor) []NavItem {
	nav := []NavItem{
		{Label: "Home", Href: "/", Section: "home"},
		{Label: "People", Href: "/people", Section: "people"},
		{Label: "Org chart", Href: "/org", Section: "org"},
		{Label: "Engagement", Href: "/surveys", Section: "engagement"},
	}
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
