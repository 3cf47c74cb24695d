package core_test

import (
	"context"
	"testing"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// TestSeedActionPlans writes a closed round's plans in bulk, with the rules of the
// one-at-a-time calls: a closed round, a team in it, one plan per team, owners from the
// team; a bad plan writes nothing.
func TestSeedActionPlans(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		p := newPulse(t, db, attackOrg())
		c := p.c
		id := func(emp string) int64 { return p.people[emp].ID }
		plan := func(mgr string, owners ...string) core.ActionPlanSeed {
			s := core.ActionPlanSeed{ActionPlanInput: model.ActionPlanInput{ManagerID: id(mgr), Focus: []model.Dimension{model.DimSafety, model.DimPurpose}, Note: "Agreed together."}}
			for i, o := range owners {
				s.Items = append(s.Items, core.ActionItemSeed{ActionItemInput: model.ActionItemInput{Title: "Action " + o, OwnerID: id(o), DueOn: "2026-04-01"},
					Status: []string{"done", "open", "dropped"}[i%3]})
			}
			return s
		}
		if err := c.SeedActionPlans(ctx, model.System, p.round.ID, []core.ActionPlanSeed{plan("S1", "S1")}); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("plans for an open round: %v", err)
		}
		p.answerAll(t, p.everyone(), varied)
		p.close(t)
		if err := c.SeedActionPlans(ctx, dbtest.MustAdmin(t, c), p.round.ID, []core.ActionPlanSeed{plan("S1", "S1")}); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("an admin seeds plans: %v", err)
		}
		for name, bad := range map[string][]core.ActionPlanSeed{
			"an owner outside the team": {plan("S1", "S1"), plan("S2", "A1")},
			"two plans for one team":    {plan("S1", "S1"), plan("S1", "A2")},
			"no team in the round":      {plan("A1", "A1")},
		} {
			if err := c.SeedActionPlans(ctx, model.System, p.round.ID, bad); err == nil {
				t.Errorf("%s: no error", name)
			}
		}
		if err := c.SeedActionPlans(ctx, model.System, p.round.ID, []core.ActionPlanSeed{plan("S1", "S1", "A1", "A2"), plan("S2", "B1")}); err != nil {
			t.Fatal(err)
		}
		plans, err := c.TeamActionPlans(ctx, model.System, id("S1"))
		if err != nil {
			t.Fatal(err)
		}
		if len(plans) != 1 || len(plans[0].Focus) != 2 || len(plans[0].Items) != 3 || plans[0].AuthorName != p.people["S1"].Name {
			t.Fatalf("S1's plans %+v, want one by S1 with two focus areas and three actions", plans)
		}
		for i, it := range plans[0].Items {
			if want := []string{"done", "open", "dropped"}[i]; it.Status != want || it.Title != "Action "+[]string{"S1", "A1", "A2"}[i] {
				t.Errorf("action %d: %q %s, want %s in order", i, it.Title, it.Status, want)
			}
		}
		if other, _ := c.TeamActionPlans(ctx, model.System, id("S3")); len(other) != 0 {
			t.Errorf("S3 has %d plans, want none (the failed batches wrote nothing)", len(other))
		}
	})
}

// TestSeedReviews writes reviews of an open cycle in bulk through the review state
// machine: texts, steps by the right party in order, actions agreed in the discussion.
func TestSeedReviews(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newPerfOrg(t, db)
		c := o.c
		ctx := context.Background()
		cy, err := c.CreateReviewCycle(ctx, o.hr, model.ReviewCycleInput{Name: "Q1 2026 reviews", Period: "2026-Q1", SelfDue: "2026-05-20", ManagerDue: "2026-05-31", SignoffDue: "2026-06-15"})
		if err != nil {
			t.Fatal(err)
		}
		fay := reviewOf(t, c, o.fay, o.ids["E6"])
		full := core.ReviewSeed{ReviewID: fay.ID, SelfText: "A good quarter.", ManagerText: "Agreed.",
			Steps: []core.ReviewStepSeed{{Step: model.StepSubmitSelf, Party: model.PartyPerson, At: 1000}, {Step: model.StepSubmitManager, Party: model.PartyReviewer, At: 2000},
				{Step: model.StepSign, Party: model.PartyPerson, At: 3000}, {Step: model.StepSign, Party: model.PartyReviewer, At: 3000}},
			Actions: []model.ReviewActionInput{{Text: "Protect one-to-ones"}, {Text: "Review the backlog", OwnerID: o.ids["E2"]}}}
		if err := c.SeedReviews(ctx, model.System, cy.ID, []core.ReviewSeed{full}); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("seeding a draft cycle: %v", err)
		}
		if err := c.OpenReviewCycle(ctx, o.hr, cy.ID); err != nil {
			t.Fatal(err)
		}
		if err := c.SeedReviews(ctx, o.hr, cy.ID, []core.ReviewSeed{full}); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("hr seeds reviews: %v", err)
		}
		outOfOrder := full
		outOfOrder.Steps = []core.ReviewStepSeed{{Step: model.StepSubmitManager, Party: model.PartyReviewer, At: 1000}}
		wrongParty := full
		wrongParty.Steps = []core.ReviewStepSeed{{Step: model.StepSubmitSelf, Party: model.PartyReviewer, At: 1000}}
		badOwner := full
		badOwner.Actions = []model.ReviewActionInput{{Text: "x", OwnerID: o.ids["E9"]}}
		early := full
		early.Steps = full.Steps[:1]
		for name, bad := range map[string]core.ReviewSeed{"steps out of order": outOfOrder, "the wrong party": wrongParty,
			"an owner outside the review": badOwner, "actions before the discussion": early} {
			if err := c.SeedReviews(ctx, model.System, cy.ID, []core.ReviewSeed{bad}); err == nil {
				t.Errorf("%s: no error", name)
			}
		}
		if r := reviewOf(t, c, o.fay, o.ids["E6"]); r.State != model.ReviewSelf {
			t.Fatalf("after refused seeds the review is %s, want it untouched", r.State)
		}
		if err := c.SeedReviews(ctx, model.System, cy.ID, []core.ReviewSeed{full}); err != nil {
			t.Fatal(err)
		}
		d, err := c.Review(ctx, o.fay, fay.ID)
		if err != nil {
			t.Fatal(err)
		}
		r := d.Review
		if r.State != model.ReviewSignedOff || r.SelfText != full.SelfText || r.ManagerText != full.ManagerText ||
			r.SelfSubmittedAt != 1000 || r.ManagerSubmittedAt != 2000 || r.PersonSignedAt != 3000 || r.ReviewerSignedAt != 3000 {
			t.Errorf("seeded review %+v", r)
		}
		if len(d.Actions) != 2 || d.Actions[0].OwnerID != o.ids["E6"] || d.Actions[1].OwnerID != o.ids["E2"] || d.Actions[0].CreatedAt != 2000 {
			t.Errorf("agreed actions %+v, want two, the first owned by Fay, agreed when the manager review was submitted", d.Actions)
		}
	})
}
