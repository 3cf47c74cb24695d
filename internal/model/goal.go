package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// GoalLevel is where a goal sits in the cascade: company objectives (model.Objective)
// at the top, then department goals, manager or team goals, and individual goals.
type GoalLevel string

// Goal levels, from the top.
const (
	LevelDepartment GoalLevel = "department"
	LevelTeam       GoalLevel = "team"
	LevelIndividual GoalLevel = "individual"
)

// GoalLevels lists the levels from the top.
var GoalLevels = []GoalLevel{LevelDepartment, LevelTeam, LevelIndividual}

// Rank is 1 for department goals, 2 for team goals and 3 for individual goals; a
// parent must have a smaller rank than its child.
func (l GoalLevel) Rank() int {
	for i, x := range GoalLevels {
		if l == x {
			return i + 1
		}
	}
	return 0
}

// Label is the level as shown to people.
func (l GoalLevel) Label() string {
	switch l {
	case LevelDepartment:
		return "Department goal"
	case LevelTeam:
		return "Team goal"
	case LevelIndividual:
		return "Individual goal"
	}
	return string(l)
}

// GoalStatus is the owner's judgement of a goal.
type GoalStatus string

// Goal statuses.
const (
	StatusOnTrack  GoalStatus = "on_track"
	StatusAtRisk   GoalStatus = "at_risk"
	StatusOffTrack GoalStatus = "off_track"
	StatusDone     GoalStatus = "done"
)

// GoalStatuses lists the statuses.
var GoalStatuses = []GoalStatus{StatusOnTrack, StatusAtRisk, StatusOffTrack, StatusDone}

// Valid reports whether s is a known status.
func (s GoalStatus) Valid() bool {
	for _, x := range GoalStatuses {
		if s == x {
			return true
		}
	}
	return false
}

// Label is the status as shown to people.
func (s GoalStatus) Label() string {
	switch s {
	case StatusOnTrack:
		return "On track"
	case StatusAtRisk:
		return "At risk"
	case StatusOffTrack:
		return "Off track"
	case StatusDone:
		return "Done"
	}
	return string(s)
}

// Goal is a goal in the cascade.
type Goal struct {
	ID             int64
	Level          GoalLevel
	Title          string
	Description    string
	OwnerID        int64
	OwnerName      string
	OwnerPath      string // the owner's place in the hierarchy, for authorization
	DepartmentID   int64
	DepartmentName string
	Period         string // 2026-Q1, 2026-H1 or 2026
	StartsOn       string
	EndsOn         string
	Status         GoalStatus
	Progress       float64 // 0..1, rolled up from key results and child goals
	UpdatedAt      int64

	Parents      []GoalLink
	Contributors []Person
	KeyResults   []KeyResult
	Children     []GoalChild
	Updates      []GoalUpdate
}

// GoalLink is an alignment of a goal to a parent goal or to an objective, with the
// weight the child carries in the parent's progress.
type GoalLink struct {
	ID           int64
	ChildID      int64
	ParentGoalID int64 // 0 when the parent is an objective
	ObjectiveID  int64 // 0 when the parent is a goal
	Weight       float64
	Title        string // the parent's title
	Progress     float64
}

// GoalChild is a goal aligned under another, with its link's weight.
type GoalChild struct {
	ID        int64
	Title     string
	Level     GoalLevel
	OwnerID   int64
	OwnerName string
	OwnerPath string
	Status    GoalStatus
	Progress  float64
	Weight    float64
}

// KeyResultKind is how a key result is measured.
type KeyResultKind string

// Key result kinds.
const (
	KRMeasured  KeyResultKind = "measured"  // from a start value towards a target value
	KRMilestone KeyResultKind = "milestone" // done or not
)

// KeyResult is a measurable result of a goal.
type KeyResult struct {
	ID        int64
	GoalID    int64
	Title     string
	Kind      KeyResultKind
	Start     float64
	Target    float64
	Current   float64
	Unit      string
	Done      bool
	Weight    float64
	Position  int
	UpdatedAt int64
}

// GoalUpdate is a check-in on a goal: its status and progress at the time, and a comment.
type GoalUpdate struct {
	ID         int64
	GoalID     int64
	AuthorName string
	Status     GoalStatus
	Progress   float64
	Comment    string
	CreatedAt  int64
}

// GoalFilter selects goals.
type GoalFilter struct {
	OwnerIDs     []int64
	Level        GoalLevel
	Period       string
	Year         string // goals whose period falls in this year ("2026")
	DepartmentID int64
	Status       GoalStatus
	Query        string
	Page         Page
}

// ParentRef names a parent in an input: a goal or an objective, with a weight.
type ParentRef struct {
	GoalID      int64
	ObjectiveID int64
	Weight      float64
}

// GoalInput creates or updates a goal.
type GoalInput struct {
	Level        GoalLevel
	Title        string
	Description  string
	OwnerID      int64
	Period       string
	StartsOn     string // default: the period's first day
	EndsOn       string // default: the period's last day
	Status       GoalStatus
	Parents      []ParentRef
	Contributors []int64
}

// Validate checks the fields that need no database and fills the dates from the period.
func (in *GoalInput) Validate() error {
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	in.Description = strings.TrimSpace(in.Description)
	in.Period = strings.ToUpper(strings.TrimSpace(in.Period))
	in.StartsOn = strings.TrimSpace(in.StartsOn)
	in.EndsOn = strings.TrimSpace(in.EndsOn)
	if in.Status == "" {
		in.Status = StatusOnTrack
	}
	var v Validator
	v.Check(in.Level.Rank() > 0, "level", "Choose the level: department, team or individual.")
	v.Check(in.Title != "", "title", "Give the goal a title.")
	v.Check(utf8.RuneCountInString(in.Title) <= 200, "title", "The title must be at most 200 characters.")
	v.Check(utf8.RuneCountInString(in.Description) <= 5000, "description", "The description must be at most 5,000 characters.")
	v.Check(in.OwnerID > 0, "owner_id", "Choose the goal's owner.")
	v.Check(in.Status.Valid(), "status", "Choose a status.")
	start, end, err := PeriodDates(in.Period)
	if err != nil {
		v.Add("period", err.Error())
	} else {
		if in.StartsOn == "" {
			in.StartsOn = start
		}
		if in.EndsOn == "" {
			in.EndsOn = end
		}
	}
	v.Check(in.StartsOn == "" || ValidDate(in.StartsOn), "starts_on", "The start must be a date in the form YYYY-MM-DD.")
	v.Check(in.EndsOn == "" || ValidDate(in.EndsOn), "ends_on", "The end must be a date in the form YYYY-MM-DD.")
	if ValidDate(in.StartsOn) && ValidDate(in.EndsOn) && in.EndsOn < in.StartsOn {
		v.Add("ends_on", "The end must not be before the start.")
	}
	seen := map[[2]int64]bool{}
	for _, p := range in.Parents {
		if (p.GoalID == 0) == (p.ObjectiveID == 0) {
			v.Add("parents", "Each alignment names one goal or one objective.")
			break
		}
		if p.Weight < 0 || p.Weight > 100 {
			v.Add("parents", "Alignment weights must be between 0 and 100.")
			break
		}
		k := [2]int64{p.GoalID, p.ObjectiveID}
		if seen[k] {
			v.Add("parents", "The same parent is named twice.")
			break
		}
		seen[k] = true
	}
	v.Check(len(in.Parents) <= 10, "parents", "Align a goal to at most 10 parents.")
	v.Check(len(in.Contributors) <= 50, "contributors", "Name at most 50 contributors.")
	return v.Err()
}

// KeyResultInput creates or updates a key result.
type KeyResultInput struct {
	Title   string
	Kind    KeyResultKind
	Start   float64
	Target  float64
	Current float64
	Unit    string
	Done    bool
	Weight  float64
}

// Validate checks the input.
func (in *KeyResultInput) Validate() error {
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	in.Unit = strings.TrimSpace(in.Unit)
	if in.Weight == 0 {
		in.Weight = 1
	}
	var v Validator
	v.Check(in.Title != "", "title", "Describe the key result.")
	v.Check(utf8.RuneCountInString(in.Title) <= 200, "title", "The key result must be at most 200 characters.")
	v.Check(in.Kind == KRMeasured || in.Kind == KRMilestone, "kind", "Choose measured or milestone.")
	if in.Kind == KRMeasured {
		v.Check(in.Start != in.Target, "target", "The target must differ from the start value.")
	}
	v.Check(utf8.RuneCountInString(in.Unit) <= 20, "unit", "The unit must be at most 20 characters.")
	v.Check(in.Weight > 0 && in.Weight <= 100, "weight", "The weight must be between 0 and 100.")
	return v.Err()
}

// ProgressInput updates a key result's progress: a new current value, or done.
type ProgressInput struct {
	Current *float64
	Done    *bool
}

// GoalUpdateInput records a check-in on a goal.
type GoalUpdateInput struct {
	Status  GoalStatus
	Comment string
}

// Validate checks the input.
func (in *GoalUpdateInput) Validate() error {
	in.Comment = strings.TrimSpace(in.Comment)
	var v Validator
	v.Check(in.Status.Valid(), "status", "Choose a status.")
	v.Check(utf8.RuneCountInString(in.Comment) <= 5000, "comment", "The comment must be at most 5,000 characters.")
	return v.Err()
}

// PeriodDates returns the first and last day of a period: "2026" (a year), "2026-H1"
// or "2026-H2" (a half) or "2026-Q1" … "2026-Q4" (a quarter).
func PeriodDates(period string) (string, string, error) {
	bad := fmt.Errorf("%q is not a period such as 2026, 2026-H1 or 2026-Q3", Clip(period, 20))
	year, part, _ := strings.Cut(period, "-")
	y, err := strconv.Atoi(year)
	if err != nil || len(year) != 4 || y < 2000 || y > 2100 {
		return "", "", bad
	}
	first, months := 1, 12
	switch part {
	case "":
	case "H1", "H2":
		first, months = 1+6*int(part[1]-'1'), 6
	case "Q1", "Q2", "Q3", "Q4":
		first, months = 1+3*int(part[1]-'1'), 3
	default:
		return "", "", bad
	}
	start := time.Date(y, time.Month(first), 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, months, -1)
	return start.Format("2006-01-02"), end.Format("2006-01-02"), nil
}

// CurrentQuarter is the quarter containing t, such as "2026-Q4".
func CurrentQuarter(t time.Time) string {
	return fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())-1)/3+1)
}

// LineOfSight is one manager's view from the purpose to their team's work.
type LineOfSight struct {
	Person     Person
	Purpose    *PurposeVersion
	Objectives []SightObjective
	Unlinked   []SightGoal // goals of the person and their team that reach no objective
	Own        int         // goals owned by the person
	Team       int         // goals owned by their direct reports
	Linked     int         // of own and team goals, those that reach an objective
}

// SightObjective is an objective and the goals under it that lead to the person's work.
type SightObjective struct {
	Objective Objective
	Goals     []SightGoal
}

// SightGoal is a goal in a line-of-sight tree.
type SightGoal struct {
	Goal     Goal
	Mine     bool // owned by the person
	Team     bool // owned by one of their direct reports
	Weight   float64
	Children []SightGoal
}

// GoalBatch is a parsed goals file: goals and key results, each with its line.
type GoalBatch struct {
	Goals      []GoalRow
	KeyResults []KeyResultRow
	Problems   []LineError
}

// GoalRow is one goal of a goals file.
type GoalRow struct {
	Line    int
	Ref     string // the goal's name within the file
	Owner   string // the owner's employee id
	Parents []ParentSpec
	GoalInput
}

// ParentSpec names a parent in a goals file: another goal of the file by Ref, an
// existing goal by id, or an objective by id or title.
type ParentSpec struct {
	Ref         string
	GoalID      int64
	ObjectiveID int64
	Objective   string
	Weight      float64
}

// KeyResultRow is one key result of a goals file, for the goal named by GoalRef (a ref
// in the file) or GoalID.
type KeyResultRow struct {
	Line    int
	GoalRef string
	GoalID  int64
	KeyResultInput
}
