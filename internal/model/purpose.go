package model

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// PurposeVersion is one version of the organization's purpose statement. The newest is
// current; the older ones are its history.
type PurposeVersion struct {
	ID          int64
	Statement   string
	Explanation string
	AuthorName  string
	CreatedAt   int64
}

// PurposeInput sets a new purpose statement.
type PurposeInput struct {
	Statement   string
	Explanation string
}

// Validate checks the input.
func (in *PurposeInput) Validate() error {
	in.Statement = strings.TrimSpace(in.Statement)
	in.Explanation = strings.TrimSpace(in.Explanation)
	var v Validator
	v.Check(in.Statement != "", "statement", "Write the purpose statement.")
	v.Check(utf8.RuneCountInString(in.Statement) <= 600, "statement", "Keep the statement under 600 characters: a purpose people can remember.")
	v.Check(utf8.RuneCountInString(in.Explanation) <= 5000, "explanation", "The explanation must be at most 5,000 characters.")
	return v.Err()
}

// Value is one of the organization's values, with the behaviours that show it.
type Value struct {
	ID          int64
	Name        string
	Description string
	Behaviours  []string
	Position    int
	Active      bool
}

// ValueInput creates or updates a value.
type ValueInput struct {
	Name        string
	Description string
	Behaviours  []string
	Position    int
}

// Validate checks the input.
func (in *ValueInput) Validate() error {
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	in.Description = strings.TrimSpace(in.Description)
	var bs []string
	for _, b := range in.Behaviours {
		if b = strings.TrimSpace(b); b != "" {
			bs = append(bs, b)
		}
	}
	in.Behaviours = bs
	var v Validator
	v.Check(in.Name != "", "name", "Name the value.")
	v.Check(utf8.RuneCountInString(in.Name) <= 60, "name", "A value's name must be at most 60 characters.")
	v.Check(utf8.RuneCountInString(in.Description) <= 2000, "description", "The description must be at most 2,000 characters.")
	v.Check(len(in.Behaviours) <= 12, "behaviours", "List at most 12 behaviours.")
	return v.Err()
}

// ObjectiveStatus is where a strategic objective stands.
type ObjectiveStatus string

// Objective statuses.
const (
	ObjectiveProposed ObjectiveStatus = "proposed"
	ObjectiveActive   ObjectiveStatus = "active"
	ObjectiveAchieved ObjectiveStatus = "achieved"
	ObjectiveRetired  ObjectiveStatus = "retired"
)

// ObjectiveStatuses lists the statuses in order.
var ObjectiveStatuses = []ObjectiveStatus{ObjectiveProposed, ObjectiveActive, ObjectiveAchieved, ObjectiveRetired}

// Valid reports whether s is a known status.
func (s ObjectiveStatus) Valid() bool {
	for _, x := range ObjectiveStatuses {
		if s == x {
			return true
		}
	}
	return false
}

// Label is the status as shown to people.
func (s ObjectiveStatus) Label() string {
	switch s {
	case ObjectiveProposed:
		return "Proposed"
	case ObjectiveActive:
		return "Active"
	case ObjectiveAchieved:
		return "Achieved"
	case ObjectiveRetired:
		return "Retired"
	}
	return string(s)
}

// Objective is a strategic objective: what the organization sets out to achieve, and why
// it matters. Goals and metrics link up to objectives.
type Objective struct {
	ID          int64
	Title       string
	Description string
	Why         string // why it matters, in plain words
	Horizon     string // e.g. "2026" or "2026–2028"
	OwnerID     int64  // the owning executive
	OwnerName   string
	Status      ObjectiveStatus
	Position    int
	Progress    float64 // the weighted progress of the goals linked to it, 0..1
	GoalCount   int     // goals linked directly
}

// ObjectiveInput creates or updates an objective.
type ObjectiveInput struct {
	Title       string
	Description string
	Why         string
	Horizon     string
	OwnerID     int64
	Status      ObjectiveStatus
	Position    int
}

// Validate checks the input.
func (in *ObjectiveInput) Validate() error {
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	in.Description = strings.TrimSpace(in.Description)
	in.Why = strings.TrimSpace(in.Why)
	in.Horizon = strings.TrimSpace(in.Horizon)
	if in.Status == "" {
		in.Status = ObjectiveActive
	}
	var v Validator
	v.Check(in.Title != "", "title", "Give the objective a title.")
	v.Check(utf8.RuneCountInString(in.Title) <= 200, "title", "The title must be at most 200 characters.")
	v.Check(in.Why != "", "why", "Say why this objective matters: people work better on what they understand.")
	v.Check(utf8.RuneCountInString(in.Why) <= 2000, "why", "Why it matters must be at most 2,000 characters.")
	v.Check(utf8.RuneCountInString(in.Description) <= 5000, "description", "The description must be at most 5,000 characters.")
	v.Check(utf8.RuneCountInString(in.Horizon) <= 40, "horizon", "The horizon must be at most 40 characters, such as 2026 or 2026–2028.")
	v.Check(in.Status.Valid(), "status", "Choose a status.")
	return v.Err()
}

// PersonalPurpose is a person's own purpose statement and their top values. It belongs to
// the person: their manager sees it only when ShareManager is set, their coach only when
// ShareCoach is set, and hr and executives see only aggregates.
type PersonalPurpose struct {
	PersonID     int64
	Statement    string
	ShareManager bool
	ShareCoach   bool
	UpdatedAt    int64
	Values       []PersonalValue // by rank, at most five
	Alignment    Alignment
}

// PersonalValue is one of a person's top values: an organization value, or their own words.
type PersonalValue struct {
	Rank     int
	ValueID  int64 // 0 for the person's own words
	Name     string
	OrgValue bool
}

// ValueChoice is one ranked choice in PersonalPurposeInput.
type ValueChoice struct {
	ValueID  int64
	OwnWords string
}

// PersonalPurposeInput sets a person's statement and top values (rank 1 first; empty
// choices are skipped).
type PersonalPurposeInput struct {
	Statement    string
	ShareManager bool
	ShareCoach   bool
	Values       []ValueChoice
}

// Validate checks the input and drops empty choices.
func (in *PersonalPurposeInput) Validate() error {
	in.Statement = strings.TrimSpace(in.Statement)
	var v Validator
	v.Check(utf8.RuneCountInString(in.Statement) <= 1000, "statement", "Keep your statement under 1,000 characters.")
	var kept []ValueChoice
	seen := map[string]bool{}
	for _, c := range in.Values {
		c.OwnWords = strings.Join(strings.Fields(c.OwnWords), " ")
		if c.ValueID == 0 && c.OwnWords == "" {
			continue
		}
		key := FoldKey(c.OwnWords)
		if c.ValueID != 0 {
			key = "#" + strconv.FormatInt(c.ValueID, 10)
		}
		if seen[key] {
			v.Add("values", "Each value can be chosen once.")
			continue
		}
		seen[key] = true
		if utf8.RuneCountInString(c.OwnWords) > 60 {
			v.Add("values", "A value in your own words must be at most 60 characters.")
		}
		kept = append(kept, c)
	}
	v.Check(len(kept) <= 5, "values", "Choose at most five values.")
	in.Values = kept
	return v.Err()
}

// Alignment measures how a person's top values overlap with the organization's: the
// share of their chosen values that are organization values, weighted by rank (rank 1
// weighs 5, rank 5 weighs 1). See score.ValuesAlignment.
type Alignment struct {
	Score   float64 // 0..1
	Matched int     // chosen values that are organization values
	Chosen  int
}

// PurposeAggregates are what hr and executives see of personal purpose: counts and
// alignment, never below the anonymity threshold.
type PurposeAggregates struct {
	Threshold    int
	People       int // middle managers and everyone else, active
	Written      int
	Alignment    float64
	HasAlignment bool
	Departments  []DepartmentPurpose
}

// DepartmentPurpose is one department's aggregate, or a suppressed row.
type DepartmentPurpose struct {
	Name         string
	People       int
	Written      int
	Alignment    float64
	HasAlignment bool
	Suppressed   bool
}
