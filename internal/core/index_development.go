package core

import "context"

// developmentFacts returns each middle manager's development inputs for the periods:
// program progress and growth in others' competency ratings. Programs and 360
// assessments arrive with the leadership development module; until then no manager
// has development inputs, and the index re-weights the other components.
func (c *Core) developmentFacts(ctx context.Context, periods []string) (map[string]map[int64]devFacts, error) {
	return nil, nil
}
