package model

import (
	"strings"
	"unicode/utf8"
)

// CheckinSeries is the recurring one-to-one between a manager and one direct report.
type CheckinSeries struct {
	ID          int64
	ManagerID   int64
	ManagerName string
	ReportID    int64
	ReportName  string
	ReportTitle string
	CadenceDays int
	Active      bool
	CreatedAt   int64
	NextID      int64  // the planned check-in, if any
	NextOn      string // its date
	LastOn      string // the date of the last check-in held
	Held        int    // check-ins held
	OpenActions int
}

// CadenceLabel describes the cadence.
func (s CheckinSeries) CadenceLabel() string { return CadenceLabel(s.CadenceDays) }

// CadenceLabel describes a cadence in days.
func CadenceLabel(days int) string {
	switch days {
	case 7:
		return "Weekly"
	case 14:
		return "Every two weeks"
	case 28, 30, 31:
		return "Monthly"
	}
	return "Every " + itoaSmall(days) + " days"
}

func itoaSmall(n int) string {
	if n < 0 {
		return "-" + itoaSmall(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoaSmall(n/10) + string(rune('0'+n%10))
}

// CheckinSeriesInput starts a series of check-ins with a direct report.
type CheckinSeriesInput struct {
	ReportID    int64
	CadenceDays int
	FirstOn     string // the date of the first check-in
}

// Validate checks the input.
func (in *CheckinSeriesInput) Validate() error {
	in.FirstOn = strings.TrimSpace(in.FirstOn)
	var v Validator
	v.Check(in.ReportID > 0, "report_id", "Choose the person to meet.")
	v.Check(in.CadenceDays >= 1 && in.CadenceDays <= 92, "cadence_days", "Choose how often you meet: from every day to once a quarter.")
	v.Check(ValidDate(in.FirstOn), "first_on", "Enter the date of the first check-in.")
	return v.Err()
}

// CheckinStatus is where one check-in stands.
type CheckinStatus string

// Statuses.
const (
	CheckinPlanned CheckinStatus = "planned"
	CheckinDone    CheckinStatus = "done"
)

// Checkin is one meeting of a series. Its agenda, shared notes and action items belong
// to both participants, and to no one else. Private notes are not part of it: each
// author reads their own through core.MyPrivateNote, on the check-in page only.
type Checkin struct {
	ID          int64
	SeriesID    int64
	ManagerID   int64
	ManagerName string
	ReportID    int64
	ReportName  string
	ReportTitle string
	CadenceDays int
	ScheduledOn string
	Status      CheckinStatus
	SharedNotes string
	CompletedAt int64
	UpdatedAt   int64
	Points      []CheckinPoint
	Actions     []CheckinAction // open actions carried in, and those added here
	PrevID      int64
	NextID      int64
}

// CheckinPoint is a talking point on the shared agenda, optionally about a goal or a
// metric of the scorecard.
type CheckinPoint struct {
	ID         int64
	CheckinID  int64
	AuthorID   int64
	AuthorName string
	Text       string
	GoalID     int64
	GoalTitle  string
	MetricID   int64
	MetricName string
	Discussed  bool
	CreatedAt  int64
}

// CheckinPointInput adds a talking point.
type CheckinPointInput struct {
	Text     string
	GoalID   int64
	MetricID int64
}

// Validate checks the input.
func (in *CheckinPointInput) Validate() error {
	in.Text = strings.TrimSpace(in.Text)
	var v Validator
	v.Check(in.Text != "", "text", "Write the talking point.")
	v.Check(utf8.RuneCountInString(in.Text) <= 500, "text", "Keep a talking point under 500 characters.")
	return v.Err()
}

// CheckinAction is an action item agreed in a check-in. Until it is done it moves from
// check-in to check-in: completing a check-in carries its open items into the next one.
type CheckinAction struct {
	ID              int64
	SeriesID        int64
	CheckinID       int64
	OriginCheckinID int64
	OriginOn        string // the date of the check-in that created it
	Text            string
	OwnerID         int64
	OwnerName       string
	DueOn           string
	Carried         int // how many times it was carried into a next check-in
	DoneAt          int64
	CreatedAt       int64
}

// Done reports whether the action is done.
func (a CheckinAction) Done() bool { return a.DoneAt != 0 }

// CheckinActionInput adds an action item.
type CheckinActionInput struct {
	Text    string
	OwnerID int64
	DueOn   string
}

// Validate checks the input.
func (in *CheckinActionInput) Validate() error {
	in.Text = strings.TrimSpace(in.Text)
	in.DueOn = strings.TrimSpace(in.DueOn)
	var v Validator
	v.Check(in.Text != "", "action_text", "Describe the action.")
	v.Check(utf8.RuneCountInString(in.Text) <= 500, "action_text", "Keep an action under 500 characters.")
	v.Check(in.OwnerID > 0, "owner_id", "Choose who owns the action.")
	v.Check(in.DueOn == "" || ValidDate(in.DueOn), "due_on", "Enter the due date as a date.")
	return v.Err()
}

// CheckinNotesInput saves the shared notes or the viewer's private note.
type CheckinNotesInput struct {
	Text string
}

// Validate checks the input.
func (in *CheckinNotesInput) Validate(field string) error {
	in.Text = strings.TrimSpace(in.Text)
	var v Validator
	v.Check(utf8.RuneCountInString(in.Text) <= 20000, field, "Keep notes under 20,000 characters.")
	return v.Err()
}

// CheckinSeed is a complete past check-in, for the demo generator: the meeting, its
// agenda, notes, private notes and actions, written at once.
type CheckinSeed struct {
	ScheduledOn  string
	Done         bool
	SharedNotes  string
	Points       []CheckinPointSeed
	PrivateNotes map[int64]string // author person id → note
	Actions      []CheckinActionSeed
}

// CheckinPointSeed is a talking point of a seeded check-in.
type CheckinPointSeed struct {
	AuthorID  int64
	Text      string
	MetricID  int64
	GoalID    int64
	Discussed bool
}

// CheckinActionSeed is an action of a seeded check-in.
type CheckinActionSeed struct {
	Text    string
	OwnerID int64
	DueOn   string
	Done    bool
}

// CheckinSeriesSeed is a series with its history, for the demo generator.
type CheckinSeriesSeed struct {
	ManagerID   int64
	ReportID    int64
	CadenceDays int
	Checkins    []CheckinSeed
}
