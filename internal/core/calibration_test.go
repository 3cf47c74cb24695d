package core_test

import (
	"context"
	"errors"
	"testing"

	"throughline/internal/core"
	"throughline/internal/model"
)

// checkCalibration runs on the demo organization (from TestIndexRunEqualsFreshComputation):
// the grid places the open cycle's managers by their bands, hr records a rating that
// appears in the review, and the rules hold.
func checkCalibration(t *testing.T, c *core.Core) {
	t.Helper()
	ctx := context.Background()
	cycles, err := c.ReviewCycles(ctx, hrActor)
	if err != nil {
		t.Fatal(err)
	}
	var open, closed model.ReviewCycle
	for _, cy := range cycles {
		switch cy.Status {
		case model.CycleOpen:
			open = cy
		case model.CycleClosed:
			closed = cy
		}
	}
	if open.ID == 0 || closed.ID == 0 {
		t.Fatalf("demo cycles: %+v", cycles)
	}
	g, err := c.Calibration(ctx, hrActor, core.GridQuery{CycleID: open.ID})
	if err != nil {
		t.Fatal(err)
	}
	placed := 0
	var someone core.GridManager
	for i, row := range g.Rows {
		for j, cell := range row {
			for _, m := range cell.Managers {
				placed++
				if m.PurposeBand.Index() != 2-i || m.Results.Index() != j {
					t.Errorf("%s (results %s, purpose %s) is in row %d, column %d", m.Person.Name, m.Results, m.PurposeBand, i, j)
				}
				if (m.Financial < core.ResultsLowEdge) != (m.Results == model.BandLow) || (m.Purpose >= core.PurposeHighEdge) != (m.PurposeBand == model.BandHigh) {
					t.Errorf("%s: bands %s/%s for %.2f/%.1f", m.Person.Name, m.Results, m.PurposeBand, m.Financial, m.Purpose)
				}
				someone = m
			}
		}
	}
	if placed == 0 || placed+len(g.Unplaced) != g.Total || !g.CanCalibrate {
		t.Fatalf("grid: %d placed, %d unplaced, %d total, can calibrate %v", placed, len(g.Unplaced), g.Total, g.CanCalibrate)
	}
	in := model.CalibrationInput{CycleID: open.ID, PersonID: someone.Person.ID, Rating: 4, Reason: "Strong results, and the team says purpose is part of every week."}
	exec := model.Actor{AccountID: 9, Role: model.RoleExecutive}
	if _, err := c.Calibrate(ctx, exec, in); model.ErrorCodeOf(err) != model.CodeForbidden {
		t.Errorf("an executive calibrates: %v", err)
	}
	short := in
	short.Reason = "ok"
	if err := errField(c.Calibrate(ctx, hrActor, short)); err != "reason" {
		t.Errorf("a short reason: field %q", err)
	}
	k, err := c.Calibrate(ctx, hrActor, in)
	if err != nil {
		t.Fatal(err)
	}
	if k.Rating != 4 || k.ResultsBand != someone.Results || k.PurposeBand != someone.PurposeBand {
		t.Errorf("calibration %+v, want rating 4 in %s/%s", k, someone.Results, someone.PurposeBand)
	}
	d, err := c.Review(ctx, hrActor, someone.ReviewID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Calibration == nil || d.Calibration.Rating != 4 || d.Calibration.Reason != in.Reason {
		t.Errorf("the review shows %+v", d.Calibration)
	}
	late := in
	late.CycleID = closed.ID
	if _, err := c.Calibrate(ctx, hrActor, late); err == nil {
		t.Errorf("calibrated in a closed cycle")
	}
}

func errField[T any](_ T, err error) string {
	var e *model.Error
	if !errors.As(err, &e) {
		return ""
	}
	for f := range e.Fields {
		return f
	}
	return ""
}
