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

// TestAnalyticsRoutesByRole is the role × route table of issue 8. In the small
// organization every team is below the anonymity threshold, so no team engagement
// figure may appear anywhere: the heatmap shows it hidden.
func TestAnalyticsRoutesByRole(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		pulseFixture(t, f, db)
		ctx := context.Background()
		cy, err := f.c.CreateReviewCycle(ctx, model.System, model.ReviewCycleInput{Name: "Winter reviews", Period: "2025-Q4",
			SelfDue: "2026-03-10", ManagerDue: "2026-03-20", SignoffDue: "2026-03-31"})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.c.OpenReviewCycle(ctx, model.System, cy.ID); err != nil {
			t.Fatal(err)
		}
		cycle := itoa(cy.ID)
		json := http.Header{"Content-Type": {"application/json"}}
		scenarios := []struct {
			scenario
			body string // a JSON body for the API
		}{
			{scenario: scenario{actor: "", method: "GET", url: "/analytics/dashboard", status: 303}},
			{scenario: scenario{actor: "employee", method: "GET", url: "/analytics/dashboard", status: 403}},
			{scenario: scenario{actor: "manager", method: "GET", url: "/analytics/dashboard", status: 403}},
			{scenario: scenario{actor: "executive", method: "GET", url: "/analytics/dashboard", status: 200, want: []string{"Is purpose taking root?", "Objectives staffed", "Programs and their measured impact"}, unwanted: []string{"Recompute now"}}},
			{scenario: scenario{actor: "hr", method: "GET", url: "/analytics/dashboard", status: 200, want: []string{"Recompute now"}}},
			{scenario: scenario{actor: "executive", method: "GET", url: "/analytics/dashboard.csv", status: 200, want: []string{"table,name,value,detail", "objectives,active"}}},
			{scenario: scenario{actor: "employee", method: "GET", url: "/analytics/dashboard.csv", status: 403}},
			{scenario: scenario{actor: "employee", method: "GET", url: "/analytics/heatmap", status: 403}},
			{scenario: scenario{actor: "executive", method: "GET", url: "/analytics/heatmap?by=location", status: 200, want: []string{"Team engagement by Location", ">hidden<"}}},
			{scenario: scenario{actor: "executive", method: "GET", url: "/analytics/heatmap?by=planet", status: 422}},
			{scenario: scenario{actor: "hr", method: "GET", url: "/analytics/heatmap.csv?by=department", status: 200, want: []string{"measure,department,period", "team_engagement,Sales,2026-Q1,,,2,hidden"}}},
			{scenario: scenario{actor: "employee", method: "GET", url: "/analytics/index", status: 403}},
			{scenario: scenario{actor: "manager", method: "GET", url: "/analytics/index?period=2026-Q1", status: 200, want: []string{"Fay Wray"}, unwanted: []string{"Cy Twombly"}}},
			{scenario: scenario{actor: "executive", method: "GET", url: "/analytics/index?period=2026-Q1", status: 200, want: []string{"Fay Wray", "Cy Twombly", "Bo Diddley"}}},
			{scenario: scenario{actor: "executive", method: "GET", url: "/analytics/index?period=2019-Q1", status: 422, want: []string{"last 8 quarters"}}},
			{scenario: scenario{actor: "manager", method: "GET", url: "/analytics/index.csv?period=2026-Q1", status: 200, want: []string{"period,manager,title", "Fay Wray"}, unwanted: []string{"Cy Twombly"}}},
			{scenario: scenario{actor: "manager", method: "GET", url: "/analytics/index/{E6}?period=2026-Q1", status: 200, want: []string{"Purpose Leadership Index of Fay Wray", "too few answers to show"}}},
			{scenario: scenario{actor: "manager", method: "GET", url: "/analytics/index/{E3}?period=2026-Q1", status: 403}},
			{scenario: scenario{actor: "lead", method: "GET", url: "/analytics/index/{E2}?period=2026-Q1", status: 403}},
			{scenario: scenario{actor: "lead", method: "GET", url: "/me/index?period=2026-Q1", status: 200, want: []string{"Your Purpose Leadership Index"}}},
			{scenario: scenario{actor: "employee", method: "GET", url: "/me/index", status: 404}},
			{scenario: scenario{actor: "employee", method: "POST", url: "/analytics/recompute", form: url.Values{}, status: 403}},
			{scenario: scenario{actor: "hr", method: "POST", url: "/analytics/recompute", form: url.Values{}, status: 303}},
			{scenario: scenario{actor: "employee", method: "GET", url: "/analytics/calibration", status: 403}},
			{scenario: scenario{actor: "manager", method: "GET", url: "/analytics/calibration", status: 403}},
			{scenario: scenario{actor: "executive", method: "GET", url: "/analytics/calibration?cycle=" + cycle, status: 200, want: []string{"Calibration grid", "Winter reviews"}, unwanted: []string{"Record a calibrated rating"}}},
			{scenario: scenario{actor: "hr", method: "GET", url: "/analytics/calibration?cycle=" + cycle, status: 200, want: []string{"Record a calibrated rating"}}},
			{scenario: scenario{actor: "executive", method: "POST", url: "/analytics/calibration", form: url.Values{"cycle_id": {cycle}, "person_id": {"{E6}"}, "rating": {"4"}, "reason": {"Steady results and a team that knows why."}}, status: 403}},
			{scenario: scenario{actor: "hr", method: "POST", url: "/analytics/calibration", form: url.Values{"cycle_id": {cycle}, "person_id": {"{E6}"}, "rating": {"9"}, "reason": {"short"}}, status: 422, want: []string{"Choose a rating from 1 to 5.", "Give the reason"}}},
			{scenario: scenario{actor: "hr", method: "POST", url: "/analytics/calibration", form: url.Values{"cycle_id": {cycle}, "person_id": {"{E6}"}, "rating": {"4"}, "reason": {"Steady results and a team that knows why."}}, status: 303}},
			{scenario: scenario{actor: "hr", method: "GET", url: "/analytics/calibration.csv?cycle=" + cycle, status: 200, want: []string{"Fay Wray", "Steady results and a team that knows why."}}},
			{scenario: scenario{actor: "", method: "GET", url: "/help/index", status: 303}},
			{scenario: scenario{actor: "employee", method: "GET", url: "/help/index", status: 200, want: []string{"Line of sight", "Team engagement"}, unwanted: []string{"Save the weights"}}},
			{scenario: scenario{actor: "employee", method: "POST", url: "/help/index", form: url.Values{"line_of_sight": {"1"}}, status: 403}},
			{scenario: scenario{actor: "hr", method: "POST", url: "/help/index", form: url.Values{"line_of_sight": {"11"}, "development": {"1"}, "purpose_results": {"1"}, "collaboration": {"1"}, "team_engagement": {"x"}}, status: 422, want: []string{"Give a weight from 0 to 10.", `id="w-team_engagement-err"`}}},

			// The API.
			{scenario: scenario{actor: "token:employee", method: "GET", url: "/api/v1/analytics/dashboard", status: 403}},
			{scenario: scenario{actor: "token:executive", method: "GET", url: "/api/v1/analytics/dashboard", status: 200, want: []string{`"objectives"`, `"distribution_by_tens"`}}},
			{scenario: scenario{actor: "token:hr", method: "GET", url: "/api/v1/analytics/heatmap?by=level", status: 200, want: []string{`"status":"hidden"`, `"by":"level"`}}},
			{scenario: scenario{actor: "token:manager", method: "GET", url: "/api/v1/analytics/heatmap", status: 403}},
			{scenario: scenario{actor: "token:manager", method: "GET", url: "/api/v1/analytics/index?period=2026-Q1", status: 200, want: []string{"Fay Wray", `"component":"team_engagement","label":"Team engagement","value":null`}, unwanted: []string{"Cy Twombly"}}},
			{scenario: scenario{actor: "token:employee", method: "GET", url: "/api/v1/analytics/index", status: 403}},
			{scenario: scenario{actor: "token:executive", method: "GET", url: "/api/v1/analytics/index?department_id=x", status: 422}},
			{scenario: scenario{actor: "token:lead", method: "GET", url: "/api/v1/analytics/index/{E6}?period=2026-Q1", status: 200, want: []string{`"trend"`, `"formula"`}}},
			{scenario: scenario{actor: "token:lead", method: "GET", url: "/api/v1/analytics/index/{E3}", status: 403}},
			{scenario: scenario{actor: "token:lead", method: "POST", url: "/api/v1/analytics/recompute", status: 403}},
			{scenario: scenario{actor: "token:admin", method: "POST", url: "/api/v1/analytics/recompute", status: 200, want: []string{`"period":"2026-Q1"`}}},
			{scenario: scenario{actor: "token:employee", method: "GET", url: "/api/v1/analytics/index-weights", status: 200, want: []string{`"team_engagement":1`}}},
			{scenario: scenario{actor: "token:employee", method: "PUT", url: "/api/v1/analytics/index-weights", status: 403}, body: `{"line_of_sight":2,"development":1,"purpose_results":1,"collaboration":1,"team_engagement":1}`},
			{scenario: scenario{actor: "token:hr", method: "PUT", url: "/api/v1/analytics/index-weights", status: 422, want: []string{"At least one component"}}, body: `{"line_of_sight":0,"development":0,"purpose_results":0,"collaboration":0,"team_engagement":0}`},
			{scenario: scenario{actor: "token:hr", method: "PUT", url: "/api/v1/analytics/index-weights", status: 422}, body: `{"line_of_sight":1,"extra":2}`},
			{scenario: scenario{actor: "token:hr", method: "PUT", url: "/api/v1/analytics/index-weights", status: 200, want: []string{`"line_of_sight":2`}}, body: `{"line_of_sight":2,"development":1,"purpose_results":1,"collaboration":1,"team_engagement":1}`},
			{scenario: scenario{actor: "token:executive", method: "GET", url: "/api/v1/analytics/calibration?cycle_id=" + cycle, status: 200, want: []string{`"results_band"`, `"rating":4`}}},
			{scenario: scenario{actor: "token:executive", method: "POST", url: "/api/v1/analytics/calibration", status: 403}, body: `{"cycle_id":` + cycle + `,"person_id":{E2},"rating":3,"reason":"Meets the bar on both axes."}`},
			{scenario: scenario{actor: "token:hr", method: "POST", url: "/api/v1/analytics/calibration", status: 422, want: []string{"no review in the cycle"}}, body: `{"cycle_id":` + cycle + `,"person_id":{E4},"rating":3,"reason":"Meets the bar on both axes."}`},
			{scenario: scenario{actor: "token:hr", method: "POST", url: "/api/v1/analytics/calibration", status: 200, want: []string{`"rating_label":"Meeting expectations"`}}, body: `{"cycle_id":` + cycle + `,"person_id":{E2},"rating":3,"reason":"Meets the bar on both axes."}`},
		}
		for _, s := range scenarios {
			t.Run(s.actor+" "+s.method+" "+s.url, func(t *testing.T) {
				var body io.Reader
				h := http.Header{}
				switch {
				case s.form != nil:
					for k, v := range s.form {
						for i := range v {
							v[i] = f.expand(v[i])
						}
						s.form[k] = v
					}
					body = strings.NewReader(s.form.Encode())
					h.Set("Content-Type", "application/x-www-form-urlencoded")
				case s.body != "":
					body, h = strings.NewReader(f.expand(s.body)), json
				}
				w := f.do(t, s.actor, s.method, f.expand(s.url), body, h)
				if w.Code != s.status {
					t.Fatalf("status %d, want %d; body: %.600s", w.Code, s.status, w.Body.String())
				}
				for _, x := range s.want {
					if !strings.Contains(w.Body.String(), x) {
						t.Errorf("body lacks %q: %.3000s", x, w.Body.String())
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
