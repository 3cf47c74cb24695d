package core

import (
	"context"

	"throughline/internal/store"
)

// developmentFacts returns each middle manager's development inputs for the periods:
// program progress and growth in others' competency ratings. Programs and 360
// assessments arrive with the leadership development module; until then no manager
// has development inputs, and the index re-weights the other components.
func (c *Core) developmentFacts(ctx context.Context, periods []string) (map[string]map[int64]devFacts, error) {
	return nil, nil
}

// impactPrograms returns the programs with their participants, for impact estimates.
// Programs arrive with the leadership development module; until then there are none.
func (c *Core) impactPrograms(ctx context.Context, tx *store.Tx) ([]impactProgram, error) {
	return nil, nil
}

// upwardByQuarter returns each manager's mean upward rating per 360 round, only where
// the anonymity engine showed it. 360 assessments arrive with the leadership
// development module; until then there are none.
func (c *Core) upwardByQuarter(ctx context.Context, tx *store.Tx) (map[int64][]upwardPoint, error) {
	return nil, nil
}
