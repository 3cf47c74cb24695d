package store

import (
	"context"

	"throughline/internal/model"
)

const objectiveColumns = `o.id, o.title, o.description, o.why, o.horizon, COALESCE(o.owner_person_id, 0), COALESCE(op.name, ''),
	o.status, o.position`

const objectiveFrom = ` FROM objectives o LEFT JOIN people op ON op.id = o.owner_person_id`

func scanObjective(s interface{ Scan(...any) error }) (model.Objective, error) {
	var o model.Objective
	var status string
	err := s.Scan(&o.ID, &o.Title, &o.Description, &o.Why, &o.Horizon, &o.OwnerID, &o.OwnerName, &status, &o.Position)
	o.Status = model.ObjectiveStatus(status)
	return o, err
}

// FindObjectives lists the strategic objectives in their order. Retired ones are
// included only when asked.
func (tx *Tx) FindObjectives(ctx context.Context, includeRetired bool) ([]model.Objective, error) {
	q := `SELECT ` + objectiveColumns + objectiveFrom
	if !includeRetired {
		q += ` WHERE o.status <> 'retired'`
	}
	rows, err := tx.query(ctx, q+` ORDER BY o.position, o.id`)
	if err != nil {
		return nil, wrap("find objectives", err)
	}
	defer rows.Close()
	var out []model.Objective
	for rows.Next() {
		o, err := scanObjective(rows)
		if err != nil {
			return nil, wrap("find objectives", err)
		}
		out = append(out, o)
	}
	return out, wrap("find objectives", rows.Err())
}

// FindObjectiveByID returns one objective.
func (tx *Tx) FindObjectiveByID(ctx context.Context, id int64) (model.Objective, error) {
	o, err := scanObjective(tx.queryRow(ctx, `SELECT `+objectiveColumns+objectiveFrom+` WHERE o.id = ?`, id))
	return o, wrap("find objective", err)
}
