package server

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// pulseFixture adds to the small organization a closed pulse that everyone answered
// and an open one, and returns their ids (as strings, for URLs).
func pulseFixture(t *testing.T, f *fixture, db *store.DB) (closed, open string) {
	t.Helper()
	db.SetNow(func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) })
	ctx := context.Background()
	bank, err := f.c.QuestionBank(ctx, model.System)
	if err != nil {
		t.Fatal(err)
	}
	var qids []int64
	for _, q := range bank {
		if q.InPulse {
			qids = append(qids, q.ID)
		}
	}
	mk := func(title string) model.Round {
		s, err := f.c.CreateSurvey(ctx, model.System, model.SurveyInput{Title: title, Audience: model.AudienceEveryone, QuestionIDs: qids,
			OpensOn: "2026-03-02", OpenDays: 7})
		if err != nil {
			t.Fatal(err)
		}
		d, err := f.c.Survey(ctx, model.System, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		return d.Rounds[0]
	}
	r := mk("Spring pulse")
	var ids []int64
	var subs []model.PulseAnswers
	for i, e := range []string{"E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9"} {
		sub := model.PulseAnswers{Answers: map[int64]int{}, Comments: map[int64]string{}}
		for _, q := range bank {
			switch {
			case !q.InPulse:
			case q.Kind == model.KindComment:
				sub.Comments[q.ID] = "private remark from " + e
			case q.Kind == model.KindENPS:
				sub.Answers[q.ID] = 5 + i%6
			default:
				sub.Answers[q.ID] = 1 + i%5
			}
		}
		ids = append(ids, f.ids[e])
		subs = append(subs, sub)
	}
	if err := f.c.SeedResponses(ctx, model.System, r.ID, ids, subs); err != nil {
		t.Fatal(err)
	}
	if err := f.c.CloseRound(ctx, model.System, r.ID); err != nil {
		t.Fatal(err)
	}
	o := mk("Open pulse")
	return itoa(r.ID), itoa(o.ID)
}

// TestEngagementRoutesByRole is the role × route table of issue 5.
func TestEngagementRoutesByRole(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		closed, open := pulseFixture(t, f, db)
		hidden := "Hidden to protect anonymity"
		scenarios := []scenario{
			{actor: "", method: "GET", url: "/surveys", status: 303},
			{actor: "", method: "GET", url: "/help/anonymity", status: 200, want: []string{"How anonymity works", "fewer than"}, unwanted: []string{"Sign out"}},
			{actor: "", method: "GET", url: "/invite?t=nope", status: 404, want: []string{"This link is not valid"}},
			{actor: "employee", method: "GET", url: "/surveys", status: 200, want: []string{"Engagement", "Open pulse", "Answer now"}, unwanted: []string{"New survey", "Anonymity threshold"}},
			{actor: "hr", method: "GET", url: "/surveys", status: 200, want: []string{"New survey", "Spring pulse", "Anonymity threshold"}},
			{actor: "employee", method: "GET", url: "/surveys/new", status: 403},
			{actor: "manager", method: "GET", url: "/surveys/new", status: 403},
			{actor: "hr", method: "GET", url: "/surveys/new", status: 200, want: []string{"Demographics are frozen when a pulse opens", "Most weeks, my work gives me more energy"}},
			{actor: "admin", method: "GET", url: "/surveys/questions", status: 200, want: []string{"Add a question"}},
			{actor: "employee", method: "GET", url: "/surveys/questions", status: 200, unwanted: []string{"Add a question"}},
			{actor: "employee", method: "POST", url: "/surveys/questions", form: url.Values{"dimension": {"purpose"}, "text": {"x"}}, status: 403},
			{actor: "hr", method: "POST", url: "/surveys/questions", form: url.Values{"dimension": {"purpose"}, "text": {""}}, status: 422, want: []string{"Write the question."}},
			{actor: "employee", method: "POST", url: "/surveys/settings", form: url.Values{"min_group": {"3"}}, status: 403},
			{actor: "hr", method: "POST", url: "/surveys/settings", form: url.Values{"min_group": {"2"}}, status: 422, want: []string{"Choose a threshold from 3 to 10."}},
			{actor: "hr", method: "POST", url: "/surveys", form: url.Values{"title": {""}, "audience": {"everyone"}}, status: 422, want: []string{"Give the survey a title.", "Choose at least one question.", `aria-invalid="true"`}},
			{actor: "employee", method: "POST", url: "/surveys", form: url.Values{"title": {"x"}}, status: 403},
			{actor: "employee", method: "GET", url: "/surveys/1", status: 403},
			{actor: "hr", method: "GET", url: "/surveys/1", status: 200, want: []string{"Team results for scorecards", "Insufficient"}},
			{actor: "employee", method: "POST", url: "/pulses/" + open + "/close", form: url.Values{}, status: 403},
			{actor: "employee", method: "POST", url: "/pulses/" + open + "/invitations", form: url.Values{}, status: 403},

			// Results: employees get the organization summary; a manager's small team is
			// hidden with one message; comments never for hidden groups.
			{actor: "employee", method: "GET", url: "/pulses/" + closed + "/results?team={E6}", status: 200, want: []string{"organization-wide summary", "Everyone"}, unwanted: []string{"private remark", "Team of Fay"}},
			{actor: "lead", method: "GET", url: "/pulses/" + closed + "/results?team={E6}", status: 200, want: []string{hidden, "Team of Fay Wray"}, unwanted: []string{"private remark", `id="headline"`}},
			{actor: "manager", method: "GET", url: "/pulses/" + closed + "/results?group_by=team", status: 200, want: []string{"Your reporting line", "hidden"}, unwanted: []string{"private remark"}},
			{actor: "hr", method: "GET", url: "/pulses/" + closed + "/results", status: 200, want: []string{`id="headline"`, "private remark", "Comments"}},
			{actor: "hr", method: "GET", url: "/pulses/" + closed + "/results?group_by=department", status: 200, want: []string{"Heatmap by Department", "hidden"}},
			{actor: "hr", method: "GET", url: "/pulses/" + open + "/results", status: 409, want: []string{"Results appear when the pulse closes"}},
			{actor: "hr", method: "GET", url: "/pulses/" + closed + "/results?group_by=nonsense", status: 422},

			// Answering.
			{actor: "employee", method: "GET", url: "/pulses/" + open, status: 200, want: []string{"Your answers are anonymous", `name="a`}},
			{actor: "employee", method: "GET", url: "/pulses/" + closed, status: 409, want: []string{"closed on"}},
			{actor: "employee", method: "POST", url: "/pulses/" + open, form: url.Values{"a1": {"9"}}, status: 422, want: []string{"Choose an answer from 1 to 5."}},
			{actor: "employee", method: "POST", url: "/pulses/" + open, form: url.Values{"a1": {"4"}}, status: 303},
			{actor: "employee", method: "POST", url: "/pulses/" + open, form: url.Values{"a1": {"4"}}, status: 409, want: []string{"already answered"}},

			// The API.
			{actor: "token:employee", method: "GET", url: "/api/v1/pulses", status: 200, want: []string{`"answered":true`}},
			{actor: "token:employee", method: "GET", url: "/api/v1/pulses?status=closed", status: 200, want: []string{"Spring pulse"}},
			{actor: "token:employee", method: "GET", url: "/api/v1/question-bank", status: 200, want: []string{`"key":"enps"`}},
			{actor: "token:employee", method: "GET", url: "/api/v1/surveys", status: 403},
			{actor: "token:hr", method: "GET", url: "/api/v1/surveys/1", status: 200, want: []string{`"pulse_list"`}},
			{actor: "token:lead", method: "GET", url: "/api/v1/pulses/" + open + "/questions", status: 200, want: []string{`"questions"`}},
			{actor: "token:lead", method: "GET", url: "/api/v1/pulses/" + closed + "/results?team_id={E6}", status: 200, want: []string{`"shown":false`, `"respondents":null`, `"response_rate_pct":null`}, unwanted: []string{"private remark"}},
			{actor: "token:employee", method: "GET", url: "/api/v1/pulses/" + closed + "/results?team_id={E6}", status: 200, want: []string{`"summary_only":true`, `"respondents":9`}},
			{actor: "token:employee", method: "GET", url: "/api/v1/pulses/" + closed + "/team-results", status: 403},
			{actor: "token:hr", method: "GET", url: "/api/v1/pulses/" + closed + "/team-results", status: 200, want: []string{`"status":"insufficient"`}, unwanted: []string{`"status":"ok"`}},
			{actor: "token:employee", method: "POST", url: "/api/v1/pulses/" + closed + "/scorecard-sync", status: 403},
			{actor: "token:lead", method: "POST", url: "/api/v1/pulses/" + closed + "/scorecard-sync", status: 403},
			{actor: "token:hr", method: "POST", url: "/api/v1/pulses/" + closed + "/scorecard-sync", status: 200, want: []string{`"created":0`}},
			{actor: "token:hr", method: "POST", url: "/api/v1/pulses/" + open + "/scorecard-sync", status: 409},
			{actor: "token:hr", method: "GET", url: "/api/v1/pulses/" + closed + "/results.csv?group_by=department", status: 200, want: []string{"pulse,group,shown", ",false,"}},
			{actor: "token:employee", method: "GET", url: "/api/v1/pulses/" + closed + "/results?level=x", status: 422},
			{actor: "token:employee", method: "GET", url: "/api/v1/pulses/" + closed + "/results?tenure=forever", status: 422},
			{actor: "token:employee", method: "GET", url: "/api/v1/action-plans", status: 422},
			{actor: "token:employee", method: "GET", url: "/api/v1/pulses/999999/results", status: 404},
		}
		for _, s := range scenarios {
			t.Run(s.actor+" "+s.method+" "+s.url, func(t *testing.T) {
				var body io.Reader
				h := http.Header{}
				if s.form != nil {
					body = strings.NewReader(s.form.Encode())
					h.Set("Content-Type", "application/x-www-form-urlencoded")
				}
				u := f.expand(strings.ReplaceAll(s.url, "a1", "a"+firstLikert(t, f)))
				if s.form != nil {
					for k, v := range s.form {
						if k == "a1" {
							s.form.Del(k)
							s.form["a"+firstLikert(t, f)] = v
							body = strings.NewReader(s.form.Encode())
						}
					}
				}
				w := f.do(t, s.actor, s.method, u, body, h)
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
		// The API: answer once, then a conflict; unknown fields are refused.
		post := func(actor, body string) int {
			return f.do(t, actor, "POST", "/api/v1/pulses/"+open+"/responses", strings.NewReader(body), http.Header{"Content-Type": {"application/json"}}).Code
		}
		q := firstLikert(t, f)
		if c := post("token:lead", `{"answers":{"`+q+`":4},"extra":1}`); c != 422 {
			t.Errorf("unknown field: %d, want 422", c)
		}
		if c := post("token:lead", `{"answers":{"`+q+`":4},"comments":{}}`); c != 201 {
			t.Errorf("answer: %d, want 201", c)
		}
		if c := post("token:lead", `{"answers":{"`+q+`":5}}`); c != 409 {
			t.Errorf("second answer: %d, want 409", c)
		}
	})
}

func firstLikert(t *testing.T, f *fixture) string {
	t.Helper()
	bank, err := f.c.QuestionBank(context.Background(), model.System)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range bank {
		if q.InPulse && q.Kind == model.KindLikert {
			return itoa(q.ID)
		}
	}
	t.Fatal("no Likert question")
	return ""
}

// TestDifferencingThroughAPIAndCSV is the attacker with an API token and CSV exports:
// on a 29-person organization that everyone answered, they send every filter (each
// attribute, every pair, department × location × level × tenure) with every breakdown,
// as JSON and as CSV, and combine every figure they get. No combination isolates fewer
// than k people, the CSV shows nothing the JSON hides, and hidden groups carry no
// count.
func TestDifferencingThroughAPIAndCSV(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		db.SetNow(func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) })
		ctx := context.Background()
		// A second organization would need a second database; instead the 29 people
		// join the small one under its chief executive, as a new Sales and People.
		dbtest.MustImport(t, f.c, attackPeople)
		people, err := f.c.Directory(ctx, model.System, model.PersonFilter{Page: model.Page{Limit: 500}})
		if err != nil {
			t.Fatal(err)
		}
		bank, _ := f.c.QuestionBank(ctx, model.System)
		var qids []int64
		for _, q := range bank {
			if q.InPulse {
				qids = append(qids, q.ID)
			}
		}
		s, err := f.c.CreateSurvey(ctx, model.System, model.SurveyInput{Title: "Pulse", Audience: model.AudienceEveryone, QuestionIDs: qids, OpensOn: "2026-03-02", OpenDays: 7})
		if err != nil {
			t.Fatal(err)
		}
		d, _ := f.c.Survey(ctx, model.System, s.ID)
		round := d.Rounds[0]
		var ids []int64
		var subs []model.PulseAnswers
		for i, p := range people.Items {
			sub := model.PulseAnswers{Answers: map[int64]int{}}
			for _, q := range bank {
				if q.InPulse && q.Kind != model.KindComment {
					lo, hi := q.Kind.Range()
					sub.Answers[q.ID] = lo + (i*7+int(q.ID))%(hi-lo+1)
				}
			}
			ids = append(ids, p.ID)
			subs = append(subs, sub)
		}
		if err := f.c.SeedResponses(ctx, model.System, round.ID, ids, subs); err != nil {
			t.Fatal(err)
		}
		if err := f.c.CloseRound(ctx, model.System, round.ID); err != nil {
			t.Fatal(err)
		}
		member := func(p model.Person, filter map[string]string) bool {
			for k, v := range filter {
				switch k {
				case "department_id":
					if itoa(p.DepartmentID) != v {
						return false
					}
				case "location_id":
					if itoa(p.LocationID) != v {
						return false
					}
				case "team_id":
					if itoa(p.ManagerID) != v {
						return false
					}
				case "line_id":
					if !strings.Contains(p.Path, "/"+v+"/") {
						return false
					}
				case "level":
					if fmt.Sprint(p.Depth) != v {
						return false
					}
				case "tenure":
					if string(model.TenureOf(p.HireDate, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC))) != v {
						return false
					}
				}
			}
			return true
		}
		// The battery of filters.
		vals := map[string][]string{"department_id": {}, "location_id": {}, "team_id": {}, "line_id": {}, "level": {}, "tenure": {}}
		seenVal := map[string]bool{}
		add := func(k, v string) {
			if v != "0" && !seenVal[k+v] {
				seenVal[k+v] = true
				vals[k] = append(vals[k], v)
			}
		}
		for _, p := range people.Items {
			add("department_id", itoa(p.DepartmentID))
			add("location_id", itoa(p.LocationID))
			add("team_id", itoa(p.ManagerID))
			add("line_id", itoa(p.ManagerID))
			add("level", fmt.Sprint(p.Depth))
			add("tenure", string(model.TenureOf(p.HireDate, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC))))
		}
		keys := []string{"department_id", "location_id", "team_id", "line_id", "level", "tenure"}
		var filters []url.Values
		filters = append(filters, url.Values{})
		for i, a := range keys {
			for _, av := range vals[a] {
				filters = append(filters, url.Values{a: {av}})
				for _, b := range keys[i+1:] {
					for _, bv := range vals[b] {
						filters = append(filters, url.Values{a: {av}, b: {bv}})
					}
				}
			}
		}
		for _, dv := range vals["department_id"] {
			for _, lv := range vals["location_id"] {
				for _, vv := range vals["level"] {
					for _, tv := range vals["tenure"] {
						filters = append(filters, url.Values{"department_id": {dv}, "location_id": {lv}, "level": {vv}, "tenure": {tv}})
					}
				}
			}
		}
		type shownGroup struct {
			label   string
			members map[int64]bool
		}
		var shown []shownGroup
		bys := []string{"department", "team", "location", "level", "tenure"}
		base := "/api/v1/pulses/" + itoa(round.ID)
		for i, fv := range filters {
			q := url.Values{}
			for k, v := range fv {
				q[k] = v
			}
			q.Set("group_by", bys[i%len(bys)])
			w := f.do(t, "token:hr", "GET", base+"/results?"+q.Encode(), nil, nil)
			if w.Code != 200 {
				t.Fatalf("%s: %d %s", q.Encode(), w.Code, w.Body.String())
			}
			var body struct {
				Data struct {
					Group  json.RawMessage   `json:"group"`
					Groups []json.RawMessage `json:"groups"`
				} `json:"data"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			hiddenLabels := map[string]bool{}
			for _, raw := range append([]json.RawMessage{body.Data.Group}, body.Data.Groups...) {
				var g struct {
					Label       string            `json:"label"`
					Filter      map[string]string `json:"filter"`
					Shown       bool              `json:"shown"`
					Respondents *int              `json:"respondents"`
					Dimensions  []json.RawMessage `json:"dimensions"`
				}
				if err := json.Unmarshal(raw, &g); err != nil {
					t.Fatal(err)
				}
				if !g.Shown {
					if g.Respondents != nil || len(g.Dimensions) != 0 || strings.Contains(string(raw), `"answered"`) {
						t.Fatalf("hidden group %q carries figures: %s", g.Label, raw)
					}
					hiddenLabels[g.Label] = true
					continue
				}
				m := map[int64]bool{}
				for _, p := range people.Items {
					if member(p, g.Filter) {
						m[p.ID] = true
					}
				}
				if *g.Respondents != len(m) {
					t.Fatalf("%q: %d respondents reported, %d true", g.Label, *g.Respondents, len(m))
				}
				shown = append(shown, shownGroup{label: g.Label, members: m})
			}
			// The CSV of the same request shows exactly the same groups, and no number
			// on the lines of hidden ones.
			w = f.do(t, "token:hr", "GET", base+"/results.csv?"+q.Encode(), nil, nil)
			recs, err := csv.NewReader(strings.NewReader(w.Body.String())).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			for _, rec := range recs[1:] {
				if rec[2] == "false" {
					if !hiddenLabels[rec[1]] {
						t.Errorf("the CSV hides %q but the JSON shows it", rec[1])
					}
					for _, cell := range rec[4:6] {
						if cell != "" {
							t.Errorf("hidden CSV line %q carries %q", rec[1], cell)
						}
					}
					for _, cell := range rec[8:] {
						if cell != "" {
							t.Errorf("hidden CSV line %q carries %q", rec[1], cell)
						}
					}
				} else if hiddenLabels[rec[1]] {
					t.Errorf("the CSV shows %q, which the JSON hides", rec[1])
				}
			}
		}
		// Combine everything.
		sig := map[int64][]byte{}
		for _, p := range people.Items {
			b := make([]byte, len(shown))
			for i, g := range shown {
				if g.members[p.ID] {
					b[i] = 1
				}
			}
			sig[p.ID] = b
		}
		regions := map[string]int{}
		for _, b := range sig {
			regions[string(b)]++
		}
		k, _ := f.c.SurveyThreshold(ctx)
		var sizes []int
		for _, n := range regions {
			sizes = append(sizes, n)
			if n < k {
				t.Errorf("combining %d shown groups isolates a region of %d people (k=%d)", len(shown), n, k)
			}
		}
		sort.Ints(sizes)
		t.Logf("%d filters, %d groups shown; the finest regions an attacker reaches: %v", len(filters), len(shown), sizes)
		_ = core.MaxComments
	})
}

// attackPeople adds 29 people to the small organization (under Ada, E1), like the
// anonymity tests of core: a department of three teams (7, 6 and 4) and a People team
// of 6, over two locations and four tenure bands.
var attackPeople = func() string {
	var b strings.Builder
	b.WriteString("employee_id,name,email,title,department,location,manager_id,hire_date\n")
	row := func(emp, dept, loc, mgr, hire string) {
		fmt.Fprintf(&b, "%s,Person %s,%s@example.org,Title,%s,%s,%s,%s\n", emp, emp, strings.ToLower(emp), dept, loc, mgr, hire)
	}
	hires := []string{"2025-11-01", "2023-06-01", "2021-03-01", "2015-01-01"}
	row("S0", "Field", "Lyon", "E1", "2014-01-01")
	row("P0", "Care", "Rome", "E1", "2016-01-01")
	for i, m := range []string{"S1", "S2", "S3"} {
		row(m, "Field", []string{"Lyon", "Rome", "Lyon"}[i], "S0", "2018-01-01")
	}
	for i := 1; i <= 7; i++ {
		loc := "Lyon"
		if i > 5 {
			loc = "Rome"
		}
		row(fmt.Sprintf("A%d", i), "Field", loc, "S1", hires[i%4])
	}
	for i := 1; i <= 6; i++ {
		row(fmt.Sprintf("B%d", i), "Field", "Rome", "S2", hires[i%4])
	}
	for i := 1; i <= 4; i++ {
		row(fmt.Sprintf("C%d", i), "Field", "Lyon", "S3", hires[i%4])
	}
	for i := 1; i <= 6; i++ {
		row(fmt.Sprintf("H%d", i), "Care", "Rome", "P0", hires[i%4])
	}
	return b.String()
}()
