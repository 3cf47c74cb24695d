package model

import (
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
