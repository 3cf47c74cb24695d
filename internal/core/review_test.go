package core_test

import (
	"context"
	"strings"
	"testing"

	"throughline/internal/core"
	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

func reviewOf(t *testing.T, c *core.Core, actor model.Actor, personID int64) model.Review {
	t.Helper()
	rs, err := c.Reviews(context.Background(), actor)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range append(append(rs.Own, rs.ToReview...), rs.Line...) {
		if r.PersonID == personID {
			return r
		}
	}
	t.Fatalf("no review of person %d for %s", personID, actor.Name)
	return model.Review{}
}

// TestReviewCycle runs a cycle from creation to close: who sees which text when, the
// steps each party may take, agreed actions, reminders, and the scorecard frozen at close.
func TestReviewCycle(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newPerfOrg(t, db)
		c := o.c
		ctx := context.Background()
		o.record(t, o.hr, model.SourceManual, obs("employee_engagement", "team", "E6", "2026-Q1", 70))
		in := model.ReviewCycleInput{Name: "Q1 2026 reviews", Period: "2026-Q1", SelfDue: "2026-05-20", ManagerDue: "2026-05-31", SignoffDue: "2026-06-15"}
		if _, err := c.CreateReviewCycle(ctx, o.bo, in); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("a manager creates a cycle: %v", err)
		}
		bad := in
		bad.SignoffDue = "2026-05-01"
		if _, err := c.CreateReviewCycle(ctx, o.hr, bad); model.FieldsOf(err)["signoff_due"] == "" {
			t.Errorf("deadlines out of order: %v", err)
		}
		cy, err := c.CreateReviewCycle(ctx, o.hr, in)
		if err != nil {
			t.Fatal(err)
		}
		if cy.Total != 3 || cy.ByState[model.ReviewDraft] != 3 {
			t.Fatalf("cycle with %d reviews %v, want the 3 middle managers in draft", cy.Total, cy.ByState)
		}
		fayReview := reviewOf(t, c, o.fay, o.ids["E6"])
		if fayReview.ReviewerID != o.ids["E2"] {
			t.Errorf("Fay's reviewer %d, want Bo", fayReview.ReviewerID)
		}
		id := fayReview.ID
		if err := c.SaveReviewText(ctx, o.fay, id, "self", model.ReviewTextInput{Text: "x"}); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("writing before the cycle opens: %v", err)
		}
		if err := c.OpenReviewCycle(ctx, o.hr, cy.ID); err != nil {
			t.Fatal(err)
		}
		due, _ := c.DueItems(ctx, o.fay)
		if len(due) == 0 || due[0].Title != "Write your self review" || due[0].DueOn != "2026-05-20" {
			t.Errorf("Fay's due items %+v", due)
		}
		const selfText = "My team's engagement rose after we started weekly purpose huddles."
		const managerText = "Fay leads with care; the incident backlog needs her attention."
		if err := c.SaveReviewText(ctx, o.fay, id, "self", model.ReviewTextInput{Text: selfText}); err != nil {
			t.Fatal(err)
		}
		if err := c.SaveReviewText(ctx, o.bo, id, "manager", model.ReviewTextInput{Text: managerText}); err != nil {
			t.Fatal(err)
		}
		if err := c.SaveReviewText(ctx, o.bo, id, "self", model.ReviewTextInput{Text: "forged"}); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("the reviewer writes the self review: %v", err)
		}
		// Before submission the texts stay with their authors.
		bo, _ := c.Review(ctx, o.bo, id)
		fay, _ := c.Review(ctx, o.fay, id)
		hr, _ := c.Review(ctx, o.hr, id)
		if bo.Review.SelfText != "" || hr.Review.SelfText != "" || fay.Review.ManagerText != "" || hr.Review.ManagerText != "" {
			t.Errorf("unsubmitted texts leak: reviewer sees %q, hr sees %q/%q, person sees %q", bo.Review.SelfText, hr.Review.SelfText, hr.Review.ManagerText, fay.Review.ManagerText)
		}
		if fay.Review.SelfText != selfText || bo.Review.ManagerText != managerText || !fay.CanSubmitSelf || bo.CanSubmitManager {
			t.Errorf("authors' view: %+v / %+v", fay, bo)
		}
		if _, err := c.AdvanceReview(ctx, o.bo, id, model.StepSubmitManager); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("manager review before the self review: %v", err)
		}
		if st, err := c.AdvanceReview(ctx, o.fay, id, model.StepSubmitSelf); err != nil || st != model.ReviewManager {
			t.Fatalf("submit self: %v %v", st, err)
		}
		if due, _ := c.DueItems(ctx, o.bo); !containsTitle(due, "Review Fay Wray") {
			t.Errorf("Bo's due items %+v, want Fay's review", due)
		}
		bo, _ = c.Review(ctx, o.bo, id)
		if bo.Review.SelfText != selfText {
			t.Errorf("submitted self review not shown to the reviewer: %q", bo.Review.SelfText)
		}
		if err := c.SaveReviewText(ctx, o.fay, id, "self", model.ReviewTextInput{Text: "changed"}); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("editing a submitted self review: %v", err)
		}
		if st, err := c.AdvanceReview(ctx, o.bo, id, model.StepSubmitManager); err != nil || st != model.ReviewDiscussion {
			t.Fatalf("submit manager: %v %v", st, err)
		}
		fay, _ = c.Review(ctx, o.fay, id)
		if fay.Review.ManagerText != managerText {
			t.Errorf("in discussion the person reads the manager review: %q", fay.Review.ManagerText)
		}
		// Readers: the managers above, hr; nobody else.
		if _, err := c.Review(ctx, o.ada, id); err != nil {
			t.Errorf("Ada (above Fay) reads the review: %v", err)
		}
		for name, a := range map[string]model.Actor{"Dee": o.dee, "Gus": o.gus} {
			if _, err := c.Review(ctx, a, id); model.ErrorCodeOf(err) != model.CodeNotFound {
				t.Errorf("%s reads Fay's review: %v", name, err)
			}
		}
		// Agreed actions and sign-off.
		if err := c.AddReviewAction(ctx, o.bo, id, model.ReviewActionInput{Text: "Clear the incident backlog", DueOn: "2026-07-31"}); err != nil {
			t.Fatal(err)
		}
		if err := c.AddReviewAction(ctx, o.hr, id, model.ReviewActionInput{Text: "x"}); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("hr adds an action: %v", err)
		}
		if _, err := c.AdvanceReview(ctx, o.fay, id, model.StepSign); err != nil {
			t.Fatal(err)
		}
		if st, err := c.AdvanceReview(ctx, o.bo, id, model.StepSign); err != nil || st != model.ReviewSignedOff {
			t.Fatalf("both signed: %v %v", st, err)
		}
		// Close: the scorecard is frozen; later corrections change the live one only.
		if err := c.CloseReviewCycle(ctx, o.hr, cy.ID); err != nil {
			t.Fatal(err)
		}
		o.record(t, o.hr, model.SourceManual, obs("employee_engagement", "team", "E6", "2026-Q1", 40))
		d, err := c.Review(ctx, o.fay, id)
		if err != nil {
			t.Fatal(err)
		}
		if !d.Frozen || d.Scorecard == nil {
			t.Fatalf("closed review: frozen %v", d.Frozen)
		}
		if m, _ := d.Scorecard.Find(o.engagement.ID); m.Value != 70 {
			t.Errorf("frozen engagement %v, want 70 as it stood at close", m.Value)
		}
		live, _ := c.Scorecard(ctx, o.fay, o.ids["E6"], "2026-Q1")
		if m, _ := live.Card.Find(o.engagement.ID); m.Value != 40 {
			t.Errorf("live engagement %v, want the corrected 40", m.Value)
		}
		if len(d.Actions) != 1 || d.Actions[0].OwnerID != o.ids["E6"] {
			t.Errorf("actions %+v", d.Actions)
		}
		if _, err := c.AdvanceReview(ctx, o.fay, reviewOf(t, c, o.bo, o.ids["E2"]).ID, model.StepSubmitSelf); err == nil {
			t.Error("a step in a closed cycle")
		}
	})
}

func containsTitle(items []model.DueItem, title string) bool {
	for _, it := range items {
		if strings.Contains(it.Title, title) {
			return true
		}
	}
	return false
}
