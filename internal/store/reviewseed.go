package store

import (
	"context"

	"throughline/internal/model"
)

// ReviewActionRow is an agreed action of a review as written in bulk.
type ReviewActionRow struct {
	ReviewID int64
	model.ReviewActionInput
	At int64
}

// SeedReviews writes the state, texts and instants of many reviews at once, each
// review's updated_at set to at[i], and their agreed actions: the demo organization's
// review history. Core applies the review state machine to every review first.
func (tx *Tx) SeedReviews(ctx context.Context, rs []model.Review, at []int64, actions []ReviewActionRow) error {
	rows := make([][]any, len(rs))
	for i, r := range rs {
		rows[i] = []any{r.ID, string(r.State), r.SelfText, r.ManagerText, r.SelfSubmittedAt, r.ManagerSubmittedAt, r.PersonSignedAt, r.ReviewerSignedAt, at[i]}
	}
	err := tx.updateMany(ctx, "reviews", []bulkColumn{{"state", "TEXT"}, {"self_text", "TEXT"}, {"manager_text", "TEXT"}, {"self_submitted_at", "BIGINT"},
		{"manager_submitted_at", "BIGINT"}, {"person_signed_at", "BIGINT"}, {"reviewer_signed_at", "BIGINT"}, {"updated_at", "BIGINT"}}, rows)
	if err != nil {
		return err
	}
	vals := make([][]any, len(actions))
	for i, a := range actions {
		vals[i] = []any{a.ReviewID, a.Text, nullInt64(a.OwnerID), a.DueOn, a.At}
	}
	return tx.insertMany(ctx, "review_actions", []string{"review_id", "text", "owner_person_id", "due_on", "created_at"}, vals)
}
