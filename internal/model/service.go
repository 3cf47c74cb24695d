package model

import (
	"strings"
)

// ServiceStatus is where a service corps program stands.
type ServiceStatus string

// Program statuses, in order.
const (
	ServiceOpen      ServiceStatus = "open"      // people apply
	ServiceSelecting ServiceStatus = "selecting" // applications closed; the cohort is chosen
	ServiceRunning   ServiceStatus = "running"   // teams serve and log their work
	ServiceClosed    ServiceStatus = "closed"
)

// ServiceStatuses lists the statuses in order.
var ServiceStatuses = []ServiceStatus{ServiceOpen, ServiceSelecting, ServiceRunning, ServiceClosed}

// Valid reports whether s is a known status.
func (s ServiceStatus) Valid() bool {
	for _, x := range ServiceStatuses {
		if s == x {
			return true
		}
	}
	return false
}

// Label is the status as shown to people.
func (s ServiceStatus) Label() string {
	switch s {
	case ServiceOpen:
		return "Applications open"
	case ServiceSelecting:
		return "Selecting"
	case ServiceRunning:
		return "Running"
	case ServiceClosed:
		return "Closed"
	}
	return string(s)
}

// ServiceProgram is a round of the service corps: community projects people apply to.
type ServiceProgram struct {
	ID            int64
	Name          string
	Description   string
	StartsOn      string
	EndsOn        string
	ApplyBy       string
	Status        ServiceStatus
	Projects      []ServiceProject
	Applications  int
	Selected      int
	Hours         float64
	Beneficiaries int
}

// ServiceProject is a community project with a partner organization.
type ServiceProject struct {
	ID            int64
	ProgramID     int64
	ProgramName   string
	ProgramStatus ServiceStatus
	Title         string
	Description   string
	Place         string
	Partner       string
	StartsOn      string
	EndsOn        string
	Capacity      int
	Skills        []string // skills sought
	Applicants    int
	Selected      int
	Hours         float64
	Beneficiaries int
	Team          []Person
	Mix           TeamMix
}

// SeatsLeft is the capacity not yet filled.
func (p ServiceProject) SeatsLeft() int { return max(0, p.Capacity-p.Selected) }

// ApplicationStatus is where an application stands.
type ApplicationStatus string

// Application statuses.
const (
	AppApplied    ApplicationStatus = "applied"
	AppSelected   ApplicationStatus = "selected"
	AppWaitlisted ApplicationStatus = "waitlisted"
	AppDeclined   ApplicationStatus = "declined"
	AppWithdrawn  ApplicationStatus = "withdrawn"
)

// Label is the status as shown to people.
func (s ApplicationStatus) Label() string {
	switch s {
	case AppApplied:
		return "Applied"
	case AppSelected:
		return "Selected"
	case AppWaitlisted:
		return "Waitlisted"
	case AppDeclined:
		return "Not selected"
	case AppWithdrawn:
		return "Withdrawn"
	}
	return string(s)
}

// ServiceApplication is someone's application to a project.
type ServiceApplication struct {
	ID           int64
	ProjectID    int64
	ProjectTitle string
	Person       Person
	Motivation   string
	Status       ApplicationStatus
	CreatedAt    int64
	DecidedAt    int64
}

// ServiceLog is a record of time served and people helped.
type ServiceLog struct {
	ID            int64
	ProjectID     int64
	PersonID      int64
	PersonName    string
	WorkedOn      string
	Hours         float64
	Beneficiaries int
	Note          string
	CreatedAt     int64
}

// Reflection is what someone learned serving on a project. It is private to its author
// unless they share it with the project team and the organizers.
type Reflection struct {
	ID         int64
	ProjectID  int64
	PersonID   int64
	PersonName string
	Body       string
	Shared     bool
	Mine       bool
	CreatedAt  int64
}

// ServiceContribution is what one person gave to a project: days, hours and people helped.
type ServiceContribution struct {
	PersonID      int64
	Name          string
	Days          int
	Hours         float64
	Beneficiaries int
}

// SkillSource is where a skill was developed.
type SkillSource string

// Skill sources.
const (
	SkillFromService    SkillSource = "service"
	SkillFromInitiative SkillSource = "initiative"
	SkillFromHackathon  SkillSource = "hackathon"
)

// PersonSkill is a skill a person developed, and where.
type PersonSkill struct {
	ID          int64
	PersonID    int64
	Skill       string
	Source      SkillSource
	SourceID    int64
	SourceTitle string
	NotedOn     string
}

// SelectionProposal is the selection assistant's proposed cohort for a program.
type SelectionProposal struct {
	Program  ServiceProgram
	Method   string
	Projects []ProjectProposal
	Mix      TeamMix // of everyone proposed
	Unplaced []ServiceApplication
}

// ProjectProposal is the proposed team of one project and its waiting list.
type ProjectProposal struct {
	Project  ServiceProject
	Selected []ServiceApplication
	Waitlist []ServiceApplication
	// Elsewhere are applicants the assistant placed in another project of the program.
	Elsewhere []ServiceApplication
	Mix       TeamMix
}

// ServiceProgramInput creates a program.
type ServiceProgramInput struct {
	Name        string
	Description string
	StartsOn    string
	EndsOn      string
	ApplyBy     string
}

// Validate checks the input.
func (in *ServiceProgramInput) Validate() error {
	in.Name = oneLine(in.Name)
	in.Description = strings.TrimSpace(in.Description)
	in.StartsOn, in.EndsOn, in.ApplyBy = strings.TrimSpace(in.StartsOn), strings.TrimSpace(in.EndsOn), strings.TrimSpace(in.ApplyBy)
	var v Validator
	checkTextField(&v, "name", in.Name, true, 200, "Name the program.")
	checkTextField(&v, "description", in.Description, false, 5000, "")
	checkDates(&v, in.StartsOn, in.EndsOn)
	v.Check(ValidDate(in.ApplyBy), "apply_by", "The application deadline must be a date in the form YYYY-MM-DD.")
	if ValidDate(in.ApplyBy) && ValidDate(in.EndsOn) && in.ApplyBy > in.EndsOn {
		v.Add("apply_by", "Applications must close before the program ends.")
	}
	return v.Err()
}

func checkDates(v *Validator, start, end string) {
	v.Check(ValidDate(start), "starts_on", "The start must be a date in the form YYYY-MM-DD.")
	v.Check(ValidDate(end), "ends_on", "The end must be a date in the form YYYY-MM-DD.")
	if ValidDate(start) && ValidDate(end) && end < start {
		v.Add("ends_on", "The end must not be before the start.")
	}
}

// ServiceProjectInput adds a community project to a program.
type ServiceProjectInput struct {
	Title       string
	Description string
	Place       string
	Partner     string
	StartsOn    string
	EndsOn      string
	Capacity    int
	Skills      []string
}

// Validate checks the input.
func (in *ServiceProjectInput) Validate() error {
	in.Title, in.Place, in.Partner = oneLine(in.Title), oneLine(in.Place), oneLine(in.Partner)
	in.Description = strings.TrimSpace(in.Description)
	in.StartsOn, in.EndsOn = strings.TrimSpace(in.StartsOn), strings.TrimSpace(in.EndsOn)
	in.Skills = SplitList(strings.Join(in.Skills, ","))
	var v Validator
	checkTextField(&v, "title", in.Title, true, 200, "Name the project.")
	checkTextField(&v, "description", in.Description, false, 5000, "")
	checkTextField(&v, "place", in.Place, true, 200, "Say where the project takes place.")
	checkTextField(&v, "partner", in.Partner, true, 200, "Name the partner organization.")
	checkDates(&v, in.StartsOn, in.EndsOn)
	v.Check(in.Capacity >= 1 && in.Capacity <= 200, "capacity", "The capacity must be between 1 and 200 people.")
	checkListField(&v, "skills", "skills", in.Skills, 12, 60)
	return v.Err()
}

// ApplicationInput applies to a project.
type ApplicationInput struct {
	Motivation string
}

// Validate checks the input.
func (in *ApplicationInput) Validate() error {
	in.Motivation = strings.TrimSpace(in.Motivation)
	var v Validator
	checkTextField(&v, "motivation", in.Motivation, true, 3000, "Tell the organizers why you want to serve on this project.")
	return v.Err()
}

// ServiceLogInput records hours and beneficiaries.
type ServiceLogInput struct {
	WorkedOn      string
	Hours         float64
	Beneficiaries int
	Note          string
}

// Validate checks the input.
func (in *ServiceLogInput) Validate() error {
	in.WorkedOn = strings.TrimSpace(in.WorkedOn)
	in.Note = strings.TrimSpace(in.Note)
	var v Validator
	v.Check(ValidDate(in.WorkedOn), "worked_on", "The day must be a date in the form YYYY-MM-DD.")
	v.Check(in.Hours > 0 && in.Hours <= 24, "hours", "Hours must be more than 0 and at most 24 for one day.")
	v.Check(in.Beneficiaries >= 0 && in.Beneficiaries <= 100000, "beneficiaries", "Beneficiaries must be a whole number, 0 or more.")
	checkTextField(&v, "note", in.Note, false, 1000, "")
	return v.Err()
}

// ReflectionInput writes a reflection.
type ReflectionInput struct {
	Body   string
	Shared bool
}

// Validate checks the input.
func (in *ReflectionInput) Validate() error {
	in.Body = strings.TrimSpace(in.Body)
	var v Validator
	checkTextField(&v, "body", in.Body, true, 5000, "Write your reflection.")
	return v.Err()
}

// SkillsInput records skills developed on a project.
type SkillsInput struct {
	Skills []string
}

// Validate checks the input.
func (in *SkillsInput) Validate() error {
	in.Skills = SplitList(strings.Join(in.Skills, ","))
	var v Validator
	v.Check(len(in.Skills) > 0, "skills", "Name at least one skill.")
	checkListField(&v, "skills", "skills", in.Skills, 10, 60)
	return v.Err()
}

// ServiceTotal is the service one team gave in a period: the hours its members logged
// and the people they helped. The scorecard's service observations (source: system)
// can be written from these totals.
type ServiceTotal struct {
	ManagerID     int64 // the team's manager
	Period        string
	Hours         float64
	Beneficiaries int
}
