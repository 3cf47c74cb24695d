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
	nav = append(nav, NavItem{Label: "People", Href: "/people", Section: "people"}, NavItem{Label: "Org chart", Href: "/org", Section: "org"})
	if a.PersonID != 0 && a.Is(model.RoleManager, model.RoleExecutive, model.RoleHR, model.RoleAdmin) {
		nav = append(nav, NavItem{Label: "My team", Href: "/people/" + itoa(a.PersonID) + "/team", Section: "team"})
	}
	if a.Is(model.RoleAdmin, model.RoleHR) {
		nav = append(nav, NavItem{Label: "Import people", Href: "/admin/import", Section: "import"})
	}
	if a.Is(model.RoleAdmin) {
		nav = append(nav, NavItem{Label: "Accounts", Href: "/admin/accounts", Section: "accounts"},
			NavItem{Label: "Audit log", Href: "/admin/audit", Section: "audit"})
	}
	return nav
}
