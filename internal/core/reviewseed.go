package core

import (
	"context"
	"fmt"

	"throughline/internal/model"
	"throughline/internal/store"
)

// ReviewSeed is the history of one review of an open cycle as the demo writes it: the
// self review (written during the self-review step), the manager review (written before
// it is submitted), the steps the person and the reviewer took, in order and each at
// its instant, and the actions they agreed once the review reached the discussion.
type ReviewSeed struct {
	ReviewID    int64
	SelfText    string
	ManagerText string
	Steps       []ReviewStepSeed
	Actions     []model.ReviewActionInput
}

// ReviewStepSeed is one step of a seeded review: what was done, by whom, and when.
type ReviewStepSeed struct {
	Step  model.ReviewStep
	Party model.ReviewParty
	At    int64
}

// SeedReviews writes the history of many reviews of an open cycle in one transaction,
// for the demo organization, whose thousands of reviews would otherwise cost a
// transaction per text and per step. Every review goes through the same state machine
// (model.Review.Apply) and the same rules as SaveReviewText, AdvanceReview and
// AddReviewAction: the self review changes only at the self-review step, the manager
// review only until it is submitted, a review without a reviewer has no reviewer's
// steps, and the owner of an agreed action is the person or the reviewer. The system
// only.
func (c *Core) SeedReviews(ctx context.Context, actor model.Actor, cycleID int64, seeds []ReviewSeed) error {
	if !actor.IsSystem() {
		return model.Forbidden()
	}
	if len(seeds) == 0 {
		return nil
	}
	return c.write(ctx, func(tx *store.Tx) error {
		cy, err := tx.FindReviewCycleByID(ctx, cycleID)
		if err != nil {
			return notFound(err, "review cycle")
		}
		if cy.Status != model.CycleOpen {
			return model.Errorf(model.CodeConflict, "The cycle is not open; the review cannot change.")
		}
		all, err := tx.FindReviews(ctx, store.ReviewFilter{CycleID: cycleID})
		if err != nil {
			return err
		}
		byID := make(map[int64]model.Review, len(all))
		for _, r := range all {
			byID[r.ID] = r
		}
		out := make([]model.Review, 0, len(seeds))
		at := make([]int64, 0, len(seeds))
		var actions []store.ReviewActionRow
		seen := map[int64]bool{}
		for i, s := range seeds {
			r, ok := byID[s.ReviewID]
			if !ok || seen[r.ID] {
				return fmt.Errorf("core: seed review %d: review %d is not in the cycle, or twice", i+1, s.ReviewID)
			}
			seen[r.ID] = true
			last := tx.Now().Unix()
			for _, t := range []struct {
				field, text string
				ok          bool
			}{
				{"self_text", s.SelfText, r.State == model.ReviewSelf},
				{"manager_text", s.ManagerText, r.ReviewerID != 0 && (r.State == model.ReviewSelf || r.State == model.ReviewManager)},
			} {
				in := model.ReviewTextInput{Text: t.text}
				if err := in.Validate(t.field); err != nil {
					return seedErr("review", i, err)
				}
				if in.Text == "" {
					continue
				}
				if !t.ok {
					return fmt.Errorf("core: seed review %d: the %s cannot change now", i+1, t.field)
				}
				if t.field == "self_text" {
					r.SelfText = in.Text
				} else {
					r.ManagerText = in.Text
				}
			}
			agreed := false
			for _, st := range s.Steps {
				if st.Party != model.PartyPerson && st.Party != model.PartyReviewer || st.Party == model.PartyReviewer && r.ReviewerID == 0 {
					return fmt.Errorf("core: seed review %d: %s cannot take a step", i+1, st.Party)
				}
				if r, err = r.Apply(st.Step, st.Party, st.At); err != nil {
					return seedErr("review", i, err)
				}
				last = st.At
				if r.State != model.ReviewDiscussion || agreed {
					continue
				}
				agreed = true
				for _, a := range s.Actions {
					if err := a.Validate(); err != nil {
						return seedErr("review action", i, err)
					}
					if a.OwnerID == 0 {
						a.OwnerID = r.PersonID
					}
					if a.OwnerID != r.PersonID && a.OwnerID != r.ReviewerID {
						return fmt.Errorf("core: seed review %d: the owner of an action is the person reviewed or their manager", i+1)
					}
					actions = append(actions, store.ReviewActionRow{ReviewID: r.ID, ReviewActionInput: a, At: st.At})
				}
			}
			if len(s.Actions) > 0 && !agreed {
				return fmt.Errorf("core: seed review %d: actions are agreed during the discussion", i+1)
			}
			out = append(out, r)
			at = append(at, last)
		}
		if err := tx.SeedReviews(ctx, out, at, actions); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "reviews_seeded", "review_cycle", cycleID, fmt.Sprintf("%d reviews", len(out)))
	})
}
