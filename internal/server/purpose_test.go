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

// seedPurpose adds a purpose, a value, two objectives and a goal cascade to the fixture:
// Bo's department goal → Fay's team goal → Hal's individual goal (with a key result).
func seedPurpose(t *testing.T, f *fixture) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	c, sys := f.c, model.System
	ids := map[string]int64{}
	must := func(id int64, err error) int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	must(c.SetPurpose(ctx, sys, model.PurposeInput{Statement: "Feed the future without costing the earth."}))
	ids["value"] = must(c.CreateValue(ctx, sys, model.ValueInput{Name: "Stewardship", Behaviours: []string{"Checks soil data"}}))
	ids["obj"] = must(c.CreateObjective(ctx, sys, model.ObjectiveInput{Title: "Grow responsibly", Why: "Growth pays for the mission."}))
	ids["unstaffed"] = must(c.CreateObjective(ctx, sys, model.ObjectiveInput{Title: "Restore pollinator habitat", Why: "Bees feed us."}))
	ids["dept"] = must(c.CreateGoal(ctx, sys, model.GoalInput{Level: model.LevelDepartment, Title: "Sales up responsibly", OwnerID: f.ids["E2"], Period: "2026", Parents: []model.ParentRef{{ObjectiveID: ids["obj"]}}}))
	ids["team"] = must(c.CreateGoal(ctx, sys, model.GoalInput{Level: model.LevelTeam, Title: "Team pipeline", OwnerID: f.ids["E6"], Period: "2026-H1", Parents: []model.ParentRef{{GoalID: ids["dept"]}}}))
	ids["hal"] = must(c.CreateGoal(ctx, sys, model.GoalInput{Level: model.LevelIndividual, Title: "Hal private growth goal", OwnerID: f.ids["E8"], Period: "2026-Q1", Parents: []model.ParentRef{{GoalID: ids["team"]}}}))
	ids["kr"] = must(c.AddKeyResult(ctx, sys, ids["hal"], model.KeyResultInput{Title: "Calls made", Kind: model.KRMeasured, Start: 0, Target: 40}))
	return ids
}

func (f *fixture) expandIDs(u string, ids map[string]int64) string {
	for k, v := range ids {
		u = strings.ReplaceAll(u, "{"+k+"}", itoa(v))
	}
	return f.expand(u)
}

// TestPurposeRoutesByRole covers the purpose and goal pages and API, role by role.
func TestPurposeRoutesByRole(t *testing.T) {
	scenarios := []scenario{
		{actor: "employee", method: "GET", url: "/purpose", status: 200, want: []string{"Feed the future", "Grow responsibly", "Stewardship", "No goals serve this objective yet"}, unwanted: []string{"Edit the purpose"}},
		{actor: "executive", method: "GET", url: "/purpose", status: 200, want: []string{"Edit the purpose", "New objective"}},
		{actor: "employee", method: "GET", url: "/purpose/edit", status: 200},
		{actor: "employee", method: "POST", url: "/purpose/edit", form: url.Values{"statement": {"Hijack"}}, status: 403},
		{actor: "hr", method: "POST", url: "/purpose/edit", form: url.Values{"statement": {"Hijack"}}, status: 403},
		{actor: "executive", method: "POST", url: "/purpose/edit", form: url.Values{"statement": {""}}, status: 422, want: []string{"Write the purpose statement."}},
		{actor: "executive", method: "POST", url: "/purpose/edit", form: url.Values{"statement": {"Feed the future, together."}}, status: 303},
		{actor: "manager", method: "POST", url: "/objectives", form: url.Values{"title": {"x"}, "why": {"y"}}, status: 403},
		{actor: "admin", method: "POST", url: "/objectives", form: url.Values{"title": {"Cleaner water"}}, status: 422, want: []string{"Say why this objective matters"}},
		{actor: "employee", method: "GET", url: "/objectives/{unstaffed}", status: 200, want: []string{"No one's goals serve this objective yet"}},
		{actor: "employee", method: "GET", url: "/objectives/{obj}", status: 200, want: []string{"Sales up responsibly"}, unwanted: []string{"Hal private growth goal"}},
		{actor: "employee", method: "GET", url: "/goals/{dept}", status: 200, want: []string{"Sales up responsibly", "Team pipeline"}, unwanted: []string{"Hal private growth goal", "Add a key result"}},
		{actor: "employee", method: "GET", url: "/goals/{hal}", status: 404},
		{actor: "other", method: "GET", url: "/goals/{hal}", status: 404},
		{actor: "lead", method: "GET", url: "/goals/{hal}", status: 200, want: []string{"Calls made", "Add a key result"}},
		{actor: "manager", method: "GET", url: "/goals/{team}", status: 200, want: []string{"Hal private growth goal"}},
		{actor: "employee", method: "POST", url: "/goals/{team}/key-results", form: url.Values{"title": {"x"}, "kind": {"milestone"}}, status: 403},
		{actor: "lead", method: "POST", url: "/goals/{team}/key-results", form: url.Values{"title": {""}, "kind": {"measured"}}, status: 422, want: []string{"Describe the key result."}},
		{actor: "lead", method: "POST", url: "/goals/{team}/key-results", form: url.Values{"title": {"Demos"}, "kind": {"measured"}, "start": {"0"}, "target": {"x"}}, status: 422, want: []string{"Enter a number."}},
		{actor: "lead", method: "POST", url: "/goals/{team}/key-results", form: url.Values{"title": {"Demos"}, "kind": {"measured"}, "start": {"0"}, "target": {"8"}}, status: 303},
		{actor: "other", method: "POST", url: "/key-results/{kr}/progress", form: url.Values{"current": {"40"}}, status: 404},
		{actor: "lead", method: "POST", url: "/key-results/{kr}/progress", form: url.Values{"current": {"20"}}, status: 303},
		{actor: "employee", method: "POST", url: "/goals", form: url.Values{"level": {"individual"}, "title": {"For Gus"}, "owner_id": {"{E7}"}, "period": {"2026-Q1"}}, status: 422, want: []string{"people in your reporting line"}},
		{actor: "employee", method: "POST", url: "/goals", form: url.Values{"level": {"individual"}, "title": {"My own"}, "owner_id": {"{E4}"}, "period": {"2026-Q1"}, "parent_1": {"g:{team}"}, "weight_1": {"1"}}, status: 303},
		{actor: "employee", method: "GET", url: "/goals?view=all", status: 200, want: []string{"Team pipeline"}, unwanted: []string{"Hal private growth goal"}},
		{actor: "employee", method: "GET", url: "/goals/new", status: 200, want: []string{"Grow responsibly"}},
		{actor: "employee", method: "GET", url: "/line-of-sight", status: 200, want: []string{"Feed the future"}},
		{actor: "lead", method: "GET", url: "/line-of-sight", status: 200, want: []string{"Team pipeline", "Hal private growth goal", "Grow responsibly"}},
		{actor: "employee", method: "GET", url: "/line-of-sight?person={E6}", status: 403},
		{actor: "manager", method: "GET", url: "/line-of-sight?person={E6}", status: 200, want: []string{"Line of sight of Fay Wray"}},
		{actor: "employee", method: "GET", url: "/strategy", status: 403},
		{actor: "manager", method: "GET", url: "/strategy", status: 403},
		{actor: "executive", method: "GET", url: "/strategy", status: 200, want: []string{"Restore pollinator habitat", "Unstaffed objectives"}},
		{actor: "hr", method: "GET", url: "/strategy", status: 200},
		{actor: "employee", method: "GET", url: "/me/purpose", status: 200, want: []string{"Your top five values"}},
		{actor: "employee", method: "POST", url: "/me/purpose", form: url.Values{"statement": {"I help farmers."}, "value_1": {"{value}"}, "value_2": {"own"}, "own_2": {"Craft"}}, status: 303},
		{actor: "manager", method: "GET", url: "/goals/import", status: 200},

		{actor: "token:employee", method: "GET", url: "/api/v1/purpose", status: 200, want: []string{`"statement":"Feed the future`}},
		{actor: "token:employee", method: "PUT", url: "/api/v1/purpose", status: 403},
		{actor: "token:employee", method: "GET", url: "/api/v1/objectives", status: 200, want: []string{`"why_it_matters":"Bees feed us."`, `"goal_count":0`}},
		{actor: "token:employee", method: "GET", url: "/api/v1/goals/{hal}", status: 404},
		{actor: "token:lead", method: "GET", url: "/api/v1/goals/{hal}", status: 200, want: []string{`"key_results":[{`, `"can_edit":true`}},
		{actor: "token:employee", method: "GET", url: "/api/v1/goals?year=2026", status: 200, want: []string{"Team pipeline"}, unwanted: []string{"Hal private growth goal"}},
		{actor: "token:employee", method: "GET", url: "/api/v1/goals?level=boss", status: 422},
		{actor: "token:employee", method: "GET", url: "/api/v1/strategy", status: 403},
		{actor: "token:executive", method: "GET", url: "/api/v1/strategy?year=2026", status: 200, want: []string{`"unstaffed_objectives":[{`, "Restore pollinator habitat"}},
		{actor: "token:hr", method: "GET", url: "/api/v1/purpose/aggregates", status: 200, want: []string{`"anonymity_threshold":5`}},
		{actor: "token:employee", method: "GET", url: "/api/v1/purpose/aggregates", status: 403},
		{actor: "token:employee", method: "GET", url: "/api/v1/line-of-sight", status: 200, want: []string{`"objectives":`}},
		{actor: "token:employee", method: "GET", url: "/api/v1/people/{E8}/purpose", status: 403},
		{actor: "token:employee", method: "GET", url: "/api/v1/me/purpose", status: 200},
	}
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ids := seedPurpose(t, f)
		for _, s := range scenarios {
			t.Run(s.actor+" "+s.method+" "+s.url, func(t *testing.T) {
				var body io.Reader
				h := http.Header{}
				if s.form != nil {
					form := url.Values{}
					for k, vs := range s.form {
						for _, v := range vs {
							form.Add(k, f.expandIDs(v, ids))
						}
					}
					body = strings.NewReader(form.Encode())
					h.Set("Content-Type", "application/x-www-form-urlencoded")
				} else if s.method == "PUT" || s.method == "POST" || s.method == "PATCH" {
					body = strings.NewReader(`{"statement":"x"}`)
					h.Set("Content-Type", "application/json")
				}
				w := f.do(t, s.actor, s.method, f.expandIDs(s.url, ids), body, h)
				if w.Code != s.status {
					t.Fatalf("status %d, want %d; body: %.400s", w.Code, s.status, w.Body.String())
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

// TestPersonalPurposeNeverLeaks checks every GET route, page and API, as hr, admin and
// the author's skip-level manager: an unshared personal statement appears nowhere.
func TestPersonalPurposeNeverLeaks(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ids := seedPurpose(t, f)
		const secret = "My secret reason is the river behind my house"
		hal := dbtest.MustActor(t, f.c, "hal@example.org")
		if err := f.c.SavePersonalPurpose(context.Background(), hal, model.PersonalPurposeInput{Statement: secret}); err != nil {
			t.Fatal(err)
		}
		var urls []string
		for _, p := range httpxPatterns(f.mux) {
			method, path, _ := strings.Cut(p, " ")
			if method != "GET" || strings.Contains(path, "{file}") {
				continue
			}
			path = strings.TrimSuffix(path, "{$}")
			if strings.Contains(path, "{id}") {
				for _, id := range []int64{f.ids["E8"], ids["hal"], ids["obj"]} {
					urls = append(urls, strings.ReplaceAll(path, "{id}", itoa(id)))
				}
				continue
			}
			urls = append(urls, path)
		}
		urls = append(urls, "/line-of-sight?person="+itoa(f.ids["E8"]), "/api/v1/line-of-sight?person_id="+itoa(f.ids["E8"]))
		for _, actor := range []string{"hr", "admin", "manager", "executive", "token:hr", "token:admin", "token:manager"} {
			for _, u := range urls {
				w := f.do(t, actor, "GET", u, nil, nil)
				if strings.Contains(w.Body.String(), secret) {
					t.Errorf("%s GET %s shows Hal's unshared personal purpose", actor, u)
				}
			}
		}
	})
}
