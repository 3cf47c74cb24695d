package demo_test

import (
	"context"
	"testing"
	"time"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/demo"
	"throughline/internal/model"
	"throughline/internal/store"
)

// TestDemoCollaboration checks the demo organization's collaboration on both engines:
// eight initiatives (one single-department, one grown from a hackathon winner), a
// finished hackathon with winners and an open one, about 150 posts with votes and
// comments, a service corps of six projects with a balanced cohort, and a network with
// a silo and bridges that the demo manager takes part in.
func TestDemoCollaboration(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := dbtest.NewCore(db)
		res, err := demo.Generate(ctx, c, demo.Options{Scenario: "agriculture", People: 300, Seed: 1, Password: "purpose-first", Now: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		sys := model.System
		inits, err := c.Initiatives(ctx, sys, model.InitiativeFilter{})
		if err != nil {
			t.Fatal(err)
		}
		single, fromWinner := 0, 0
		for _, in := range inits.Items {
			if in.Mix.SingleDepartment {
				single++
			}
			if in.FromSubmission != 0 {
				fromWinner++
			}
		}
		if inits.Total != 8 || single != 1 || fromWinner != 1 {
			t.Errorf("initiatives: %d, single-department %d, from a winner %d; want 8, 1, 1", inits.Total, single, fromWinner)
		}
		hs, err := c.Hackathons(ctx, sys, model.HackathonFilter{})
		if err != nil {
			t.Fatal(err)
		}
		finished, open := 0, 0
		for _, h := range hs {
			switch {
			case h.Status == model.HackFinished:
				finished++
				r, err := c.HackathonResults(ctx, sys, h.ID)
				if err != nil {
					t.Fatal(err)
				}
				if r.Results[0].Submission.Place != 1 || r.TotalVotes == 0 {
					t.Errorf("finished hackathon: first ranked has place %d, %d votes", r.Results[0].Submission.Place, r.TotalVotes)
				}
			case h.TeamsOpen():
				open++
			}
		}
		if len(hs) != 2 || finished != 1 || open != 1 {
			t.Errorf("hackathons %d (finished %d, open %d), want 2 (1, 1)", len(hs), finished, open)
		}
		posts, err := c.Posts(ctx, sys, model.PostFilter{Sort: "votes", Page: model.Page{Limit: 5}})
		if err != nil {
			t.Fatal(err)
		}
		if posts.Total < 140 || posts.Total > 160 || posts.Items[0].Votes < 5 {
			t.Errorf("posts %d, top votes %d", posts.Total, posts.Items[0].Votes)
		}
		progs, err := c.ServicePrograms(ctx, sys)
		if err != nil {
			t.Fatal(err)
		}
		if len(progs) != 1 || len(progs[0].Projects) != 6 || progs[0].Hours == 0 {
			t.Errorf("service corps: %d programs, %d projects, %.0f hours", len(progs), len(progs[0].Projects), progs[0].Hours)
		}
		org, err := c.OrgNetwork(ctx, sys)
		if err != nil {
			t.Fatal(err)
		}
		if len(org.Silos) != 1 || org.Bridges[0].DepartmentsReached < 3 || org.CrossShare < 0.4 {
			t.Errorf("network: silos %v, top bridge %+v, cross share %.2f", org.Silos, org.Bridges[0], org.CrossShare)
		}
		mgr, err := c.PersonNetwork(ctx, sys, res.Manager.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		if mgr.Measure.DepartmentsReached < 2 {
			t.Errorf("the demo manager reaches %d other departments", mgr.Measure.DepartmentsReached)
		}
		// Implemented ideas and adopted practices land in the quarters of the last year.
		teams := 0
		for k := 0; k < 4; k++ {
			counts, err := c.InnovationCounts(ctx, sys, model.CurrentQuarter(time.Now().AddDate(0, -3*k, 0)))
			if err != nil {
				t.Fatal(err)
			}
			teams += len(counts)
		}
		if teams < 8 {
			t.Errorf("only %d team-quarters with innovation in the last year", teams)
		}
		// Engagement on the scorecards comes from the pulses since they began: survey
		// values for the pulses' quarters, the HR export's before, never both.
		m, err := c.MetricByKey(ctx, sys, core.EngagementMetric)
		if err != nil {
			t.Fatal(err)
		}
		obs, err := c.Observations(ctx, sys, model.ObservationFilter{MetricID: m.ID, Page: model.Page{Limit: 10000}})
		if err != nil {
			t.Fatal(err)
		}
		bySource := map[model.Source]map[string]bool{}
		for _, o := range obs.Items {
			if bySource[o.Source] == nil {
				bySource[o.Source] = map[string]bool{}
			}
			bySource[o.Source][o.Period] = true
		}
		if len(bySource[model.SourceSurvey]) == 0 || len(bySource[model.SourceCSV]) == 0 {
			t.Errorf("engagement periods by source: %v; want survey and export quarters", bySource)
		}
		for q := range bySource[model.SourceSurvey] {
			if bySource[model.SourceCSV][q] {
				t.Errorf("engagement for %s from both the export and the pulses", q)
			}
		}
	})
}
