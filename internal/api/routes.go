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
	return []Route{
		{"GET", "/openapi.json", h.openapi},
		{"GET", "/me", h.me},
		{"GET", "/people", h.people},
		{"GET", "/people/{id}", h.person},
		{"POST", "/people/import", h.importPeople},
		{"GET", "/people/export", h.exportPeople},
		{"GET", "/departments", h.departments},
		{"GET", "/departments/{id}", h.department},
		{"GET", "/locations", h.locations},
		{"GET", "/locations/{id}", h.location},
		// Engagement (issue 5).
		{"GET", "/question-bank", h.questionBank},
		{"GET", "/surveys", h.surveys},
		{"POST", "/surveys", h.createSurvey},
		{"GET", "/surveys/{id}", h.survey},
		{"GET", "/pulses", h.pulses},
		{"GET", "/pulses/{id}/questions", h.questionnaire},
		{"POST", "/pulses/{id}/responses", h.respond},
		{"POST", "/pulses/{id}/close", h.closePulse},
		{"GET", "/pulses/{id}/results", h.results},
		{"GET", "/pulses/{id}/results.csv", h.resultsCSV},
		{"GET", "/pulses/{id}/team-results", h.teamResults},
		{"GET", "/action-plans", h.actionPlans},
		{"POST", "/action-plans", h.createActionPlan},
		{"POST", "/action-plans/{id}/actions", h.addActionItem},
	}
}

// RouteList returns the method and path of every route, for tests.
func (h *Handler) RouteList() [][2]string {
	var out [][2]string
	for _, r := range h.routes() {
		out = append(out, [2]string{r.Method, r.Path})
	}
	return out
}
