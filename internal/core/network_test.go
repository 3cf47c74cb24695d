package core_test

import (
	"context"
	"math"
	"testing"
	"time"

	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// TestNetworkMeasuresByHand builds a small network whose measures are worked out by
// hand:
//
//	initiative (now):          Fay (Sales), Gus (People), Hal (Sales)  → a triangle
//	hackathon team (now):      Fay, Ada (Executive)                     → a pendant tie
//	co-authored post (now):    Dee and Ivy (both Sales)
//	hackathon team (2 years ago): Bo (Sales), Cy (People)                → outside the window
//
// Fay's collaborators Gus, Hal and Ada get p = 1/3 each; Gus and Hal know each other, so
// c(Fay) = 2·(1/3 + 1/3·1/2)² + (1/3)² = 11/18 and her brokerage is 7/18. She reaches two
// other departments (People, Executive) through two cross-department ties. Gus sits in a
// closed triangle with one extra path: c(Gus) = (1/2 + 1/4)² + (1/2 + 1/6)² = 145/144,
// brokerage 0. Sales' tie ends: 2 inside ties × 2 + 2 to People + 1 to Executive = 7, so
// its inward share is 4/7.
func TestNetworkMeasuresByHand(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newCollabWorld(t, db, 0)
		ctx := context.Background()
		now := time.Now().UTC()
		day := func(d time.Time) string { return d.Format("2006-01-02") }
		id := func(e string) int64 { return w.p[e].ID }
		old := now.AddDate(-2, 0, 0)
		seed := model.CollabSeed{
			Hackathons: []model.HackathonSeed{
				{HackathonInput: model.HackathonInput{Title: "Now", Theme: "Water", StartsOn: day(now.AddDate(0, -1, 0)), EndsOn: day(now.AddDate(0, -1, 2)), TeamMin: 1, TeamMax: 4},
					Status: model.HackFinished, CreatedAt: now.AddDate(0, -2, 0).Unix(), Challenges: []model.ChallengeInput{{Title: "Wells"}},
					Teams: []model.TeamSeed{{Name: "Fay and Ada", Members: []int64{id("E6"), id("E1")}, At: now.AddDate(0, -1, 0).Unix()}}},
				{HackathonInput: model.HackathonInput{Title: "Old", Theme: "Soil", StartsOn: day(old), EndsOn: day(old.AddDate(0, 0, 2)), TeamMin: 1, TeamMax: 4},
					Status: model.HackFinished, CreatedAt: old.Unix(), Challenges: []model.ChallengeInput{{Title: "Cover crops"}},
					Teams: []model.TeamSeed{{Name: "Bo and Cy", Members: []int64{id("E2"), id("E3")}, At: old.Unix()}}},
			},
			Initiatives: []model.InitiativeSeed{{InitiativeInput: model.InitiativeInput{Title: "Bee margins", Mission: "Flowering strips.", SponsorID: id("E1"), LeadID: id("E6"),
				Status: model.InitiativeActive, StartsOn: day(now.AddDate(0, -3, 0))}, CreatedAt: now.AddDate(0, -3, 0).Unix(),
				Members: []model.MemberSeed{{PersonID: id("E7"), Role: "Partner liaison"}, {PersonID: id("E8"), Role: "Field data"}}}},
			Posts: []model.PostSeed{{PostInput: model.PostInput{Kind: model.KindPractice, Title: "Route sharing", Body: "Share routes.", CoAuthorIDs: []int64{id("E9")}},
				AuthorID: id("E4"), CreatedAt: now.AddDate(0, 0, -10).Unix()}},
		}
		if err := w.c.SeedCollaboration(ctx, model.System, seed); err != nil {
			t.Fatal(err)
		}
		fay := must(w.c.PersonNetwork(ctx, w.actor("E6"), id("E6")))
		m := fay.Measure
		if m.Ties != 3 || m.CrossTies != 2 || m.DepartmentsReached != 2 || math.Abs(m.Constraint-0.611) > 1e-9 || math.Abs(m.Brokerage-0.389) > 1e-9 || m.Contributions != 2 {
			t.Errorf("Fay: %+v; want 3 ties, 2 cross, 2 departments, constraint 11/18, brokerage 7/18, 2 contributions", m)
		}
		sum := must(w.c.CollabSummary(ctx, w.actor("E6")))
		if sum.DepartmentsReached != 2 || sum.CrossTies != 2 || sum.Collaborators != 3 || sum.Activities != 2 || sum.MyInitiatives != 1 {
			t.Errorf("Fay's home summary %+v; want the same reach as her network page", sum)
		}
		if len(fay.Ties) != 3 || !fay.Ties[0].CrossDepartment || len(fay.Activities) != 2 {
			t.Errorf("Fay's ties %+v, activities %+v", fay.Ties, fay.Activities)
		}
		gus := must(w.c.PersonNetwork(ctx, w.actor("E3"), id("E7"))) // Cy manages Gus
		if gus.Measure.Brokerage != 0 || math.Abs(gus.Measure.Constraint-1.007) > 1e-9 || gus.Measure.DepartmentsReached != 1 {
			t.Errorf("Gus: %+v; want constraint 145/144 and brokerage 0", gus.Measure)
		}
		if bo := must(w.c.PersonNetwork(ctx, w.actor("E2"), id("E2"))); bo.Measure.HasTies {
			t.Errorf("Bo's only tie is two years old and outside the window: %+v", bo.Measure)
		}
		// Who may look.
		_, err := w.c.PersonNetwork(ctx, w.actor("E4"), id("E6"))
		wantCode(t, err, model.CodeForbidden)
		must(w.c.PersonNetwork(ctx, w.actor("E2"), id("E6"))) // her manager
		must(w.c.PersonNetwork(ctx, w.actor("E1"), id("E7"))) // an executive
		_, err = w.c.OrgNetwork(ctx, w.actor("E6"))
		wantCode(t, err, model.CodeForbidden)

		org := must(w.c.OrgNetwork(ctx, w.actor("E1")))
		if got := org.Matrix.Departments; len(got) != 3 || got[2] != "Sales" {
			t.Fatalf("departments %v", got)
		}
		if org.Matrix.Ties[2][2] != 2 || org.Matrix.Ties[1][2] != 2 || org.Matrix.Ties[0][2] != 1 || math.Abs(org.Matrix.Inward[2]-4.0/7) > 1e-12 {
			t.Errorf("matrix %v, inward %v", org.Matrix.Ties, org.Matrix.Inward)
		}
		if org.Ties != 5 || math.Abs(org.CrossShare-0.6) > 1e-12 || org.Connected != 6 {
			t.Errorf("ties %d, cross share %v, connected %d; want 5, 0.6, 6", org.Ties, org.CrossShare, org.Connected)
		}
		if org.Bridges[0].Name != "Fay Wray" {
			t.Errorf("strongest bridge %s, want Fay Wray", org.Bridges[0].Name)
		}

		// For the index: every middle manager, for a period.
		_, _, err = w.c.CollaborationMeasures(ctx, w.actor("E6"), "2026")
		wantCode(t, err, model.CodeForbidden)
		q := model.CurrentQuarter(now)
		ms, win := must2(w.c.CollaborationMeasures(ctx, w.actor("E3"), q))
		if win.To != day(now) || win.From != day(now.AddDate(-1, 0, 1)) {
			t.Errorf("window %+v for the current quarter, want the twelve months ending today", win)
		}
		byID := map[int64]model.NetworkMeasure{}
		for _, m := range ms {
			byID[m.PersonID] = m
		}
		if len(ms) != 3 || byID[id("E6")].DepartmentsReached != 2 || !byID[id("E2")].MiddleManager || byID[id("E2")].HasTies {
			t.Errorf("measures %+v; want Bo, Cy and Fay, Fay reaching 2", ms)
		}
		oldQ := model.CurrentQuarter(old)
		ms, _ = must2(w.c.CollaborationMeasures(ctx, model.System, oldQ))
		for _, m := range ms {
			if m.PersonID == id("E2") && (m.DepartmentsReached != 1 || m.PeriodContributions != 1 || m.Brokerage != 0) {
				t.Errorf("Bo in %s: %+v; want People reached through one tie, one contribution", oldQ, m)
			}
		}
	})
}

func must2[A, B any](a A, b B, err error) (A, B) {
	if err != nil {
		panic(err)
	}
	return a, b
}
