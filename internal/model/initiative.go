package model

import (
	"strings"
	"unicode/utf8"
)

// InitiativeStatus is where a cross-functional initiative stands.
type InitiativeStatus string

// Initiative statuses.
const (
	InitiativeProposed  InitiativeStatus = "proposed"
	InitiativeActive    InitiativeStatus = "active"
	InitiativePaused    InitiativeStatus = "paused"
	InitiativeCompleted InitiativeStatus = "completed"
	InitiativeCancelled InitiativeStatus = "cancelled"
)

// InitiativeStatuses lists the statuses in order.
var InitiativeStatuses = []InitiativeStatus{InitiativeProposed, InitiativeActive, InitiativePaused, InitiativeCompleted, InitiativeCancelled}

// Valid reports whether s is a known status.
func (s InitiativeStatus) Valid() bool {
	for _, x := range InitiativeStatuses {
		if s == x {
			return true
		}
	}
	return false
}

// Label is the status as shown to people.
func (s InitiativeStatus) Label() string {
	switch s {
	case InitiativeProposed:
		return "Proposed"
	case InitiativeActive:
		return "Active"
	case InitiativePaused:
		return "Paused"
	case InitiativeCompleted:
		return "Completed"
	case InitiativeCancelled:
		return "Cancelled"
	}
	return string(s)
}

// Open reports whether people can still join: proposed, active or paused.
func (s InitiativeStatus) Open() bool {
	return s == InitiativeProposed || s == InitiativeActive || s == InitiativePaused
}

// Initiative is a cross-functional mission project: a sponsor who backs it, a lead who
// runs it, the objectives it serves, members from several departments and places,
// milestones, and the outcomes it reports.
type Initiative struct {
	ID          int64
	Title       string
	Mission     string
	SponsorID   int64
	SponsorName string
	LeadID      int64
	LeadName    string
	LeadPath    string // the lead's place in the hierarchy, for authorization
	Status      InitiativeStatus
	StartsOn    string
	EndsOn      string // "" while open-ended
	Outcomes    string
	CreatedAt   int64
	UpdatedAt   int64
	MemberCount int
	// FromSubmission is the hackathon submission the initiative grew from, if any.
	FromSubmission      int64
	FromSubmissionTitle string
	FromHackathonID     int64

	Objectives []ObjectiveRef
	Members    []InitiativeMember
	Milestones []Milestone
	Requests   []JoinRequest // pending requests, for those who decide them
	Mix        TeamMix
}

// MilestonesDone counts the milestones reached.
func (in Initiative) MilestonesDone() int {
	n := 0
	for _, m := range in.Milestones {
		if m.DoneAt != 0 {
			n++
		}
	}
	return n
}

// InitiativeMember is a member of an initiative and the role they play in it.
type InitiativeMember struct {
	Person   Person
	Role     string
	JoinedAt int64
}

// Milestone is a step of an initiative.
type Milestone struct {
	ID           int64
	InitiativeID int64
	Title        string
	DueOn        string
	DoneAt       int64 // 0 until reached
	Position     int
}

// JoinRequestStatus is where a request to join stands.
type JoinRequestStatus string

// Join request statuses.
const (
	JoinPending   JoinRequestStatus = "pending"
	JoinAccepted  JoinRequestStatus = "accepted"
	JoinDeclined  JoinRequestStatus = "declined"
	JoinWithdrawn JoinRequestStatus = "withdrawn"
)

// JoinRequest is someone asking to join an initiative.
type JoinRequest struct {
	ID              int64
	InitiativeID    int64
	InitiativeTitle string
	Person          Person
	Message         string
	Status          JoinRequestStatus
	DecidedByName   string
	CreatedAt       int64
	DecidedAt       int64
}

// InitiativeFilter selects initiatives.
type InitiativeFilter struct {
	Status   InitiativeStatus
	MemberID int64 // only initiatives this person is a member of
	Query    string
	Open     bool // only proposed, active and paused initiatives
	Page     Page
}

// InitiativeInput creates or changes an initiative.
type InitiativeInput struct {
	Title        string
	Mission      string
	SponsorID    int64
	LeadID       int64
	Status       InitiativeStatus
	StartsOn     string
	EndsOn       string
	Outcomes     string
	ObjectiveIDs []int64
}

// Validate checks the fields that need no database.
func (in *InitiativeInput) Validate() error {
	in.Title = oneLine(in.Title)
	in.Mission = strings.TrimSpace(in.Mission)
	in.Outcomes = strings.TrimSpace(in.Outcomes)
	in.StartsOn = strings.TrimSpace(in.StartsOn)
	in.EndsOn = strings.TrimSpace(in.EndsOn)
	in.ObjectiveIDs = uniquePositiveIDs(in.ObjectiveIDs)
	if in.Status == "" {
		in.Status = InitiativeProposed
	}
	var v Validator
	checkTextField(&v, "title", in.Title, true, 200, "Give the initiative a title.")
	checkTextField(&v, "mission", in.Mission, true, 10000, "Describe the mission: what will be different when it succeeds?")
	checkTextField(&v, "outcomes", in.Outcomes, false, 5000, "")
	v.Check(in.SponsorID > 0, "sponsor_id", "Choose a sponsor.")
	v.Check(in.LeadID > 0, "lead_id", "Choose a lead.")
	v.Check(in.Status.Valid(), "status", "Choose a status.")
	v.Check(ValidDate(in.StartsOn), "starts_on", "The start must be a date in the form YYYY-MM-DD.")
	v.Check(in.EndsOn == "" || ValidDate(in.EndsOn), "ends_on", "The end must be a date in the form YYYY-MM-DD, or empty while open-ended.")
	if ValidDate(in.StartsOn) && ValidDate(in.EndsOn) && in.EndsOn < in.StartsOn {
		v.Add("ends_on", "The end must not be before the start.")
	}
	v.Check(len(in.ObjectiveIDs) <= 5, "objective_ids", "Link at most five objectives.")
	if in.Status == InitiativeCompleted && in.Outcomes == "" {
		v.Add("outcomes", "Say what the initiative achieved before marking it completed.")
	}
	return v.Err()
}

// MemberInput adds someone to an initiative, or changes their role.
type MemberInput struct {
	PersonID int64
	Role     string
}

// Validate checks the input.
func (in *MemberInput) Validate() error {
	in.Role = oneLine(in.Role)
	var v Validator
	v.Check(in.PersonID > 0, "person_id", "Choose a person.")
	v.Check(utf8.RuneCountInString(in.Role) <= 80, "role", "The role must be at most 80 characters.")
	return v.Err()
}

// MilestoneInput adds a milestone.
type MilestoneInput struct {
	Title string
	DueOn string
}

// Validate checks the input.
func (in *MilestoneInput) Validate() error {
	in.Title = oneLine(in.Title)
	in.DueOn = strings.TrimSpace(in.DueOn)
	var v Validator
	checkTextField(&v, "title", in.Title, true, 200, "Name the milestone.")
	v.Check(in.DueOn == "" || ValidDate(in.DueOn), "due_on", "The due date must be in the form YYYY-MM-DD.")
	return v.Err()
}

// JoinRequestInput asks to join an initiative.
type JoinRequestInput struct {
	Message string
}

// Validate checks the input.
func (in *JoinRequestInput) Validate() error {
	in.Message = strings.TrimSpace(in.Message)
	var v Validator
	checkTextField(&v, "message", in.Message, false, 1000, "")
	return v.Err()
}
