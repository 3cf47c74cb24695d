package store

import (
	"context"

	"throughline/internal/model"
)

const calibrationColumns = `k.id, k.cycle_id, c.name, k.person_id, p.name, k.rating, k.results_band, k.purpose_band, k.reason, k.by_name, k.created_at, k.updated_at
	FROM calibrations k JOIN review_cycles c ON c.id = k.cycle_id JOIN people p ON p.id = k.person_id`

func scanCalibration(s rowScanner) (model.Calibration, error) {
	var k model.Calibration
	var rb, pb string
	err := s.Scan(&k.ID, &k.CycleID, &k.CycleName, &k.PersonID, &k.PersonName, &k.Rating, &rb, &pb, &k.Reason, &k.ByName, &k.CreatedAt, &k.UpdatedAt)
	k.ResultsBand, k.PurposeBand = model.Band(rb), model.Band(pb)
	return k, err
}

// SaveCalibration records or replaces the calibrated rating of a person in a cycle.
func (tx *Tx) SaveCalibration(ctx context.Context, k model.Calibration) error {
	now := tx.now.Unix()
	_, err := tx.exec(ctx, `INSERT INTO calibrations (cycle_id, person_id, rating, results_band, purpose_band, reason, by_name, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (cycle_id, person_id) DO UPDATE SET rating = excluded.rating, results_band = excluded.results_band,
		purpose_band = excluded.purpose_band, reason = excluded.reason, by_name = excluded.by_name, updated_at = excluded.updated_at`,
		k.CycleID, k.PersonID, k.Rating, string(k.ResultsBand), string(k.PurposeBand), k.Reason, k.ByName, now, now)
	return wrap("save calibration", err)
}

// FindCalibrations returns the calibrations of a cycle (0 for every cycle), for some
// people (nil for everyone).
func (tx *Tx) FindCalibrations(ctx context.Context, cycleID int64, personIDs []int64) ([]model.Calibration, error) {
	var conds []string
	var args []any
	if cycleID != 0 {
		conds = append(conds, "k.cycle_id = ?")
		args = append(args, cycleID)
	}
	if personIDs != nil {
		if len(personIDs) == 0 {
			return nil, nil
		}
		conds = append(conds, "k.person_id IN ("+placeholders(len(personIDs))+")")
		args = append(args, int64Args(personIDs)...)
	}
	return collectRows(ctx, tx, "find calibrations", `SELECT `+calibrationColumns+where(conds)+` ORDER BY p.name, k.id`, args, scanCalibration)
}

// FindCalibration returns the calibration of a person in a cycle.
func (tx *Tx) FindCalibration(ctx context.Context, cycleID, personID int64) (model.Calibration, error) {
	k, err := scanCalibration(tx.queryRow(ctx, `SELECT `+calibrationColumns+` WHERE k.cycle_id = ? AND k.person_id = ?`, cycleID, personID))
	return k, wrap("find calibration", err)
}
