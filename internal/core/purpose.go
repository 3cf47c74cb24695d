package core

import (
	"context"

	"throughline/internal/model"
	"throughline/internal/store"
)

// Objectives lists the organization's strategic objectives. Everyone signed in may read
// them: the strategy is meant to be seen.
func (c *Core) Objectives(ctx context.Context, actor model.Actor) ([]model.Objective, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []model.Objective
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindObjectives(ctx, false)
		return err
	})
	return out, err
}

// Objective returns one strategic objective.
func (c *Core) Objective(ctx context.Context, actor model.Actor, id int64) (model.Objective, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.Objective{}, err
	}
	var out model.Objective
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindObjectiveByID(ctx, id)
		return notFound(err, "objective")
	})
	return out, err
}
