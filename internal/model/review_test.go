package model

import "testing"

// TestReviewStateMachine walks every step from every state as every party: the only
// moves allowed are draft → self review (hr), self review → manager review (the person,
// with a text), manager review → self review (returned by the reviewer), manager review
// → discussion (the reviewer, with a text), and discussion → signed off once both have
// signed. A closed cycle allows nothing.
func TestReviewStateMachine(t *testing.T) {
	type want struct {
		state ReviewState
		code  ErrorCode // "" when the step is allowed
	}
	base := Review{CycleStatus: CycleOpen, SelfText: "I grew the team's engagement.", ManagerText: "Agreed; ethics needs work."}
	steps := []ReviewStep{StepLaunch, StepSubmitSelf, StepReturn, StepSubmitManager, StepSign}
	parties := []ReviewParty{PartyPerson, PartyReviewer, PartyHR}
	allowed := map[ReviewState]map[ReviewStep]map[ReviewParty]ReviewState{
		ReviewDraft:      {StepLaunch: {PartyHR: ReviewSelf}},
		ReviewSelf:       {StepSubmitSelf: {PartyPerson: ReviewManager}},
		ReviewManager:    {StepReturn: {PartyReviewer: ReviewSelf}, StepSubmitManager: {PartyReviewer: ReviewDiscussion}},
		ReviewDiscussion: {StepSign: {PartyPerson: ReviewDiscussion, PartyReviewer: ReviewDiscussion}},
		ReviewSignedOff:  {},
	}
	for _, from := range ReviewStates {
		for _, step := range steps {
			for _, party := range parties {
				r := base
				r.State = from
				got, err := r.Apply(step, party, 100)
				to, ok := allowed[from][step][party]
				if ok != (err == nil) {
					t.Errorf("%s --%s by %s--> err %v, want allowed=%v", from, step, party, err, ok)
					continue
				}
				if ok && got.State != to {
					t.Errorf("%s --%s by %s--> %s, want %s", from, step, party, got.State, to)
				}
				if !ok && got.State != from {
					t.Errorf("%s --%s by %s--> refused but moved to %s", from, step, party, got.State)
				}
			}
		}
	}
}

func TestReviewSigningNeedsBoth(t *testing.T) {
	r := Review{CycleStatus: CycleOpen, State: ReviewDiscussion}
	r, err := r.Apply(StepSign, PartyPerson, 10)
	if err != nil || r.State != ReviewDiscussion || r.PersonSignedAt != 10 {
		t.Fatalf("person signs: %v %+v", err, r)
	}
	if _, err := r.Apply(StepSign, PartyPerson, 11); ErrorCodeOf(err) != CodeConflict {
		t.Errorf("signing twice: %v", err)
	}
	r, err = r.Apply(StepSign, PartyReviewer, 12)
	if err != nil || r.State != ReviewSignedOff || r.ReviewerSignedAt != 12 {
		t.Errorf("reviewer signs: %v %+v", err, r)
	}
}

func TestReviewNeedsTextsAndOpenCycle(t *testing.T) {
	r := Review{CycleStatus: CycleOpen, State: ReviewSelf, SelfText: "  "}
	if _, err := r.Apply(StepSubmitSelf, PartyPerson, 1); FieldsOf(err)["self_text"] == "" {
		t.Errorf("an empty self review submitted: %v", err)
	}
	r = Review{CycleStatus: CycleOpen, State: ReviewManager}
	if _, err := r.Apply(StepSubmitManager, PartyReviewer, 1); FieldsOf(err)["manager_text"] == "" {
		t.Errorf("an empty manager review submitted: %v", err)
	}
	r = Review{CycleStatus: CycleClosed, State: ReviewSelf, SelfText: "x"}
	if _, err := r.Apply(StepSubmitSelf, PartyPerson, 1); ErrorCodeOf(err) != CodeConflict {
		t.Errorf("a step in a closed cycle: %v", err)
	}
	// Returning a review clears the submission, so the self review is editable again.
	r = Review{CycleStatus: CycleOpen, State: ReviewManager, SelfSubmittedAt: 5}
	r, _ = r.Apply(StepReturn, PartyReviewer, 6)
	if r.SelfSubmittedAt != 0 || r.State != ReviewSelf {
		t.Errorf("returned review: %+v", r)
	}
}

func TestPeriods(t *testing.T) {
	if got := QuarterOf("2026-05"); got != "2026-Q2" {
		t.Errorf("QuarterOf = %s", got)
	}
	if got := MonthsOf("2025-Q4"); len(got) != 3 || got[0] != "2025-10" || got[2] != "2025-12" {
		t.Errorf("MonthsOf = %v", got)
	}
	if got := AddQuarters("2026-Q1", -1); got != "2025-Q4" {
		t.Errorf("AddQuarters back = %s", got)
	}
	if got := AddQuarters("2025-Q4", 5); got != "2027-Q1" {
		t.Errorf("AddQuarters on = %s", got)
	}
	if got := QuarterEnd("2026-Q1"); got != "2026-03-31" {
		t.Errorf("QuarterEnd = %s", got)
	}
	for _, bad := range []string{"2026-Q5", "2026-Q0", "2026Q1", "26-Q1", "2026-13"} {
		if ValidQuarter(bad) || (bad == "2026-13" && ValidMonth(bad)) {
			t.Errorf("%s accepted", bad)
		}
	}
	if MetricKeyOf("CO₂e per garment (kg)") != "co2e_per_garment_kg" {
		t.Errorf("key = %s", MetricKeyOf("CO₂e per garment (kg)"))
	}
}
