package model

import (
	"strings"
	"unicode/utf8"
)

// Band is a third of an axis of the calibration grid.
type Band string

// Bands, and none for a manager without data on the axis.
const (
	BandLow    Band = "low"
	BandMedium Band = "medium"
	BandHigh   Band = "high"
	BandNone   Band = "none"
)

// Label names the band.
func (b Band) Label() string {
	switch b {
	case BandLow:
		return "Low"
	case BandMedium:
		return "Medium"
	case BandHigh:
		return "High"
	}
	return "No data"
}

// Index is the band's position on its axis, 0 (low) to 2 (high), or -1.
func (b Band) Index() int {
	switch b {
	case BandLow:
		return 0
	case BandMedium:
		return 1
	case BandHigh:
		return 2
	}
	return -1
}

// Ratings are the calibrated ratings, 1 to 5.
var Ratings = []int{1, 2, 3, 4, 5}

// RatingLabel names a calibrated rating.
func RatingLabel(r int) string {
	switch r {
	case 1:
		return "Not yet meeting expectations"
	case 2:
		return "Partly meeting expectations"
	case 3:
		return "Meeting expectations"
	case 4:
		return "Exceeding expectations"
	case 5:
		return "Exceptional"
	}
	return ""
}

// Calibration is a rating hr recorded for a person in a review cycle, with the grid
// cell they were in and why.
type Calibration struct {
	ID          int64
	CycleID     int64
	CycleName   string
	PersonID    int64
	PersonName  string
	Rating      int
	ResultsBand Band
	PurposeBand Band
	Reason      string
	ByName      string
	CreatedAt   int64
	UpdatedAt   int64
}

// RatingLabel names the rating.
func (c Calibration) RatingLabel() string { return RatingLabel(c.Rating) }

// CalibrationInput records a calibrated rating.
type CalibrationInput struct {
	CycleID  int64
	PersonID int64
	Rating   int
	Reason   string
}

// Validate checks the input.
func (in *CalibrationInput) Validate() error {
	in.Reason = strings.TrimSpace(in.Reason)
	var v Validator
	v.Check(in.CycleID != 0, "cycle_id", "Choose a review cycle.")
	v.Check(in.PersonID != 0, "person_id", "Choose a person.")
	v.Check(in.Rating >= 1 && in.Rating <= 5, "rating", "Choose a rating from 1 to 5.")
	n := utf8.RuneCountInString(in.Reason)
	v.Check(n >= 10, "reason", "Give the reason for the rating in a sentence or two.")
	v.Check(n <= 2000, "reason", "Keep the reason under 2,000 characters.")
	return v.Err()
}
