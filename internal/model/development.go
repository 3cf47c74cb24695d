package model

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Leadership development (issue 6): programs of modules, cohorts that run them,
// per-participant progress, workshops, coaching, a private journal, the competency
// framework with 360 assessments, and a development plan.

// ModuleKind is what a module asks of a participant.
type ModuleKind string

// The module kinds.
const (
	ModuleLesson        ModuleKind = "lesson"         // written content, marked as read
	ModuleWorkshop      ModuleKind = "workshop"       // a scheduled session; done when attended
	ModuleCoaching      ModuleKind = "coaching"       // a session with one's coach
	ModuleReflection    ModuleKind = "reflection"     // a prompt answered in the private journal; with options, a dilemma
	ModuleAssessment    ModuleKind = "assessment"     // a self and 360 assessment of the competencies
	ModuleActionProject ModuleKind = "action_project" // applying the theme with one's team, with an outcome report
)

// ModuleKinds lists the kinds in the order forms offer them.
var ModuleKinds = []ModuleKind{ModuleLesson, ModuleWorkshop, ModuleCoaching, ModuleReflection, ModuleAssessment, ModuleActionProject}

// Valid reports whether k is a known kind.
func (k ModuleKind) Valid() bool {
	for _, x := range ModuleKinds {
		if k == x {
			return true
		}
	}
	return false
}

// Label is the kind's name.
func (k ModuleKind) Label() string {
	switch k {
	case ModuleLesson:
		return "Lesson"
	case ModuleWorkshop:
		return "Workshop"
	case ModuleCoaching:
		return "Coaching"
	case ModuleReflection:
		return "Reflection"
	case ModuleAssessment:
		return "Assessment"
	case ModuleActionProject:
		return "Action project"
	}
	return string(k)
}

// DevProgram is a development program: a sequence of modules for an audience. Built-in
// programs come with Throughline and cannot be edited; an admin copies one to change it.
type DevProgram struct {
	ID           int64
	Key          string // a built-in program's key; "" for programs made here
	Title        string
	Summary      string
	Audience     string
	Builtin      bool
	CopiedFromID int64
	Active       bool
	Modules      int // number of modules
	Cohorts      int // number of cohorts
	CreatedAt    int64
	UpdatedAt    int64
}

// DevProgramInput creates or changes a program.
type DevProgramInput struct {
	Title    string
	Summary  string
	Audience string
	Active   bool
}

// Validate checks the input.
func (in *DevProgramInput) Validate() error {
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	in.Summary = strings.TrimSpace(in.Summary)
	in.Audience = strings.TrimSpace(in.Audience)
	var v Validator
	v.Check(in.Title != "", "title", "Give the program a title.")
	v.Check(utf8.RuneCountInString(in.Title) <= 200, "title", "Keep the title under 200 characters.")
	v.Check(utf8.RuneCountInString(in.Summary) <= 2000, "summary", "Keep the summary under 2,000 characters.")
	v.Check(utf8.RuneCountInString(in.Audience) <= 200, "audience", "Keep the audience under 200 characters.")
	return v.Err()
}

// DevModule is one step of a program. A reflection module with options is a dilemma:
// the participant chooses an option and explains why in their journal.
type DevModule struct {
	ID         int64
	ProgramID  int64
	Key        string // a built-in module's key
	Position   int
	Kind       ModuleKind
	Title      string
	Body       string // Markdown
	Prompt     string // the reflection prompt, or the task of other kinds
	Required   bool
	DueDays    int    // due this many days after the cohort starts; 0 for no offset
	DueOn      string // or due on this date; "" for none
	Competency string // the competency the module develops, or ""
	Prereqs    []int64
	Options    []DilemmaOption
}

// IsDilemma reports whether the module is a dilemma: a reflection with options.
func (m DevModule) IsDilemma() bool { return m.Kind == ModuleReflection && len(m.Options) > 0 }

// DueFor is the module's due date in a cohort that starts on start: its fixed date, or
// start plus its offset, or "" when it has neither.
func (m DevModule) DueFor(start string) string {
	if m.DueOn != "" {
		return m.DueOn
	}
	if m.DueDays > 0 && ValidDate(start) {
		t, _ := time.Parse("2006-01-02", start)
		return t.AddDate(0, 0, m.DueDays).Format("2006-01-02")
	}
	return ""
}

// CompetencyLabel is the label of the competency the module develops.
func (m DevModule) CompetencyLabel() string { return CompetencyLabel(m.Competency) }

// DilemmaOption is one choice of a dilemma.
type DilemmaOption struct {
	ID       int64
	Position int
	Label    string
}

// DevModuleInput creates or changes a module. Options are the choices of a dilemma, one
// per line in forms.
type DevModuleInput struct {
	Kind       ModuleKind
	Title      string
	Body       string
	Prompt     string
	Required   bool
	DueDays    int
	DueOn      string
	Competency string
	Prereqs    []int64
	Options    []string
}

// Validate checks the fields that need no database.
func (in *DevModuleInput) Validate() error {
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	in.Body = strings.TrimSpace(strings.ReplaceAll(in.Body, "\r\n", "\n"))
	in.Prompt = strings.TrimSpace(in.Prompt)
	in.DueOn = strings.TrimSpace(in.DueOn)
	in.Competency = strings.TrimSpace(in.Competency)
	var opts []string
	for _, o := range in.Options {
		if o = strings.Join(strings.Fields(o), " "); o != "" {
			opts = append(opts, o)
		}
	}
	in.Options = opts
	var v Validator
	v.Check(in.Kind.Valid(), "kind", "Choose the kind of module.")
	v.Check(in.Title != "", "title", "Give the module a title.")
	v.Check(utf8.RuneCountInString(in.Title) <= 200, "title", "Keep the title under 200 characters.")
	v.Check(utf8.RuneCountInString(in.Body) <= 40000, "body", "Keep the text under 40,000 characters.")
	v.Check(utf8.RuneCountInString(in.Prompt) <= 2000, "prompt", "Keep the prompt under 2,000 characters.")
	v.Check(in.DueDays >= 0 && in.DueDays <= 730, "due_days", "Enter a number of days from 0 to 730.")
	v.Check(in.DueOn == "" || ValidDate(in.DueOn), "due_on", "Enter the due date as a date, such as 2026-05-31.")
	v.Check(in.DueOn == "" || in.DueDays == 0, "due_on", "Give either a number of days after the start or a date, not both.")
	v.Check(in.Competency == "" || CompetencyLabel(in.Competency) != "", "competency", "Choose one of the competencies.")
	if in.Kind == ModuleReflection {
		v.Check(in.Prompt != "", "prompt", "A reflection needs a prompt to answer.")
	}
	if len(in.Options) > 0 {
		v.Check(in.Kind == ModuleReflection, "options", "Only a reflection can offer options (a dilemma).")
		v.Check(len(in.Options) >= 2 && len(in.Options) <= 6, "options", "A dilemma offers two to six options.")
		for _, o := range in.Options {
			if utf8.RuneCountInString(o) > 300 {
				v.Add("options", "Keep each option under 300 characters.")
			}
		}
	}
	return v.Err()
}

// CohortRole is a person's part in a cohort.
type CohortRole string

// The roles in a cohort.
const (
	CohortParticipant CohortRole = "participant"
	CohortFacilitator CohortRole = "facilitator"
)

// CohortStatus is where a cohort is between its dates.
type CohortStatus string

// The statuses, from the cohort's dates and today.
const (
	CohortPlanned   CohortStatus = "planned"
	CohortRunning   CohortStatus = "running"
	CohortCompleted CohortStatus = "completed"
)

// Label is the status's name.
func (s CohortStatus) Label() string {
	switch s {
	case CohortPlanned:
		return "Starts soon"
	case CohortRunning:
		return "Running"
	case CohortCompleted:
		return "Completed"
	}
	return string(s)
}

// Cohort runs a program with participants and facilitators between two dates.
type Cohort struct {
	ID           int64
	ProgramID    int64
	ProgramTitle string
	Name         string
	StartsOn     string
	EndsOn       string
	Participants int
	Facilitators int
	CreatedAt    int64
}

// StatusOn is the cohort's status on a day.
func (c Cohort) StatusOn(today string) CohortStatus {
	switch {
	case today < c.StartsOn:
		return CohortPlanned
	case today > c.EndsOn:
		return CohortCompleted
	}
	return CohortRunning
}

// CohortInput creates a cohort or changes its dates and people.
type CohortInput struct {
	ProgramID      int64
	Name           string
	StartsOn       string
	EndsOn         string
	ParticipantIDs []int64
	FacilitatorIDs []int64
}

// Validate checks the fields that need no database.
func (in *CohortInput) Validate() error {
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	in.StartsOn, in.EndsOn = strings.TrimSpace(in.StartsOn), strings.TrimSpace(in.EndsOn)
	in.ParticipantIDs, in.FacilitatorIDs = uniqueIDs(in.ParticipantIDs), uniqueIDs(in.FacilitatorIDs)
	var v Validator
	v.Check(in.ProgramID > 0, "program_id", "Choose the program the cohort runs.")
	v.Check(in.Name != "", "name", "Name the cohort.")
	v.Check(utf8.RuneCountInString(in.Name) <= 200, "name", "Keep the name under 200 characters.")
	v.Check(ValidDate(in.StartsOn), "starts_on", "Enter the start date, such as 2026-04-01.")
	v.Check(ValidDate(in.EndsOn), "ends_on", "Enter the end date, such as 2026-06-30.")
	if ValidDate(in.StartsOn) && ValidDate(in.EndsOn) {
		v.Check(in.EndsOn >= in.StartsOn, "ends_on", "The cohort must end on or after its start.")
	}
	for _, p := range in.ParticipantIDs {
		for _, f := range in.FacilitatorIDs {
			if p == f {
				v.Add("facilitator_ids", "A person cannot be both a participant and a facilitator of the same cohort.")
			}
		}
	}
	v.Check(len(in.ParticipantIDs) <= 500, "participant_ids", "A cohort has at most 500 participants.")
	return v.Err()
}

func uniqueIDs(ids []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if id > 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// ModuleState is where a participant stands with one module.
type ModuleState string

// The states: done; available (every prerequisite is done); locked (one is not).
const (
	StateDone      ModuleState = "done"
	StateAvailable ModuleState = "available"
	StateLocked    ModuleState = "locked"
)

// ModuleProgress is one module as one participant sees it.
type ModuleProgress struct {
	Module  DevModule
	State   ModuleState
	DoneAt  int64
	DueOn   string // "" when the module has no due date
	Overdue bool   // due date passed and not done (required modules only make a participant behind)
	Waiting []string
}

// Progress is a participant's progress through a cohort's program.
type Progress struct {
	Required  int     // required modules
	Completed int     // of them, done
	Percent   float64 // 100 × Completed ÷ Required (0 when the program has no required module)
	Complete  bool    // every required module is done
	Behind    bool    // a required module is overdue
	Overdue   int     // required modules overdue
	Done      int     // modules done, required or not
	Modules   []ModuleProgress
}

// Next is the first available module not done yet, or nil.
func (p Progress) Next() *ModuleProgress {
	for i := range p.Modules {
		if p.Modules[i].State == StateAvailable {
			return &p.Modules[i]
		}
	}
	return nil
}

// Module returns the progress of one module, or nil.
func (p Progress) Module(id int64) *ModuleProgress {
	for i := range p.Modules {
		if p.Modules[i].Module.ID == id {
			return &p.Modules[i]
		}
	}
	return nil
}

// Enrolment is one of a person's cohorts with their progress in it.
type Enrolment struct {
	Cohort   Cohort
	Role     CohortRole
	Status   CohortStatus
	Progress Progress // participants only
}

// Participant is a participant of a cohort with their progress, for facilitators.
type Participant struct {
	Person   Person
	Progress Progress
}

// OptionCount is how many participants chose an option of a dilemma.
type OptionCount struct {
	Label string
	Count int
	Share float64 // 0..1
}

// DilemmaSpread is the spread of a cohort's choices in one dilemma. Facilitators see
// it only when at least MinChoices participants answered; below that, Shown is false
// and no count, not even the number of answers, is given.
type DilemmaSpread struct {
	Module  DevModule
	Shown   bool
	Answers int
	Options []OptionCount
}

// MinChoices is the smallest number of answers whose spread a facilitator sees.
const MinChoices = 3

// CohortSummary is a cohort with how it is doing, for hr and admin.
type CohortSummary struct {
	Cohort   Cohort
	Status   CohortStatus
	Mean     float64 // mean progress of the participants, 0..100
	Behind   int     // participants with an overdue required module
	Complete int     // participants who completed every required module
	OnTrack  bool
}

// OnTrackShare is the largest share of participants who may be behind for a cohort to be
// on track: at most one in five.
const OnTrackShare = 0.2

// ActionProject is a participant's action project with their team: the plan, and the
// outcome report linked to a goal or a metric.
type ActionProject struct {
	CohortID    int64
	PersonID    int64
	ModuleID    int64
	Plan        string
	Outcome     string
	GoalID      int64
	GoalTitle   string
	MetricID    int64
	MetricName  string
	SubmittedAt int64
	UpdatedAt   int64
}

// ActionProjectInput saves an action project; Submit hands in the outcome report.
type ActionProjectInput struct {
	Plan     string
	Outcome  string
	GoalID   int64
	MetricID int64
	Submit   bool
}

// Validate checks the input.
func (in *ActionProjectInput) Validate() error {
	in.Plan, in.Outcome = strings.TrimSpace(in.Plan), strings.TrimSpace(in.Outcome)
	var v Validator
	v.Check(utf8.RuneCountInString(in.Plan) <= 10000, "plan", "Keep the plan under 10,000 characters.")
	v.Check(utf8.RuneCountInString(in.Outcome) <= 10000, "outcome", "Keep the outcome report under 10,000 characters.")
	if in.Submit {
		v.Check(in.Plan != "", "plan", "Describe what you set out to do with your team.")
		v.Check(in.Outcome != "", "outcome", "Write the outcome report before handing it in.")
		v.Check(in.GoalID != 0 || in.MetricID != 0, "goal_id", "Link the outcome to a goal or a metric.")
	}
	return v.Err()
}

// ModuleReflectionInput answers a reflection module: the text goes into the author's
// private journal; OptionID is the choice of a dilemma.
type ModuleReflectionInput struct {
	Body     string
	OptionID int64
}

// MaxJournalRunes bounds a journal entry.
const MaxJournalRunes = 20000

// Validate checks the input.
func (in *ModuleReflectionInput) Validate(dilemma bool) error {
	in.Body = strings.TrimSpace(in.Body)
	var v Validator
	v.Check(in.Body != "", "body", "Write your reflection.")
	v.Check(utf8.RuneCountInString(in.Body) <= MaxJournalRunes, "body", "Keep the reflection under 20,000 characters.")
	if dilemma {
		v.Check(in.OptionID > 0, "option_id", "Choose what you would do.")
	}
	return v.Err()
}

// JournalEntry is an entry of a person's journal. It is readable by its author alone,
// and by the one coach the author shares it with.
type JournalEntry struct {
	ID             int64
	PersonID       int64
	AuthorName     string
	ModuleID       int64
	ModuleTitle    string
	CohortID       int64
	Prompt         string
	Body           string
	SharedWithID   int64
	SharedWithName string
	SharedAt       int64
	CreatedAt      int64
	UpdatedAt      int64
}

// JournalInput writes or changes a journal entry.
type JournalInput struct {
	Prompt string
	Body   string
}

// Validate checks the input.
func (in *JournalInput) Validate() error {
	in.Prompt, in.Body = strings.TrimSpace(in.Prompt), strings.TrimSpace(in.Body)
	var v Validator
	v.Check(in.Body != "", "body", "Write something in the entry.")
	v.Check(utf8.RuneCountInString(in.Body) <= MaxJournalRunes, "body", "Keep the entry under 20,000 characters.")
	v.Check(utf8.RuneCountInString(in.Prompt) <= 2000, "prompt", "Keep the prompt under 2,000 characters.")
	return v.Err()
}

// WorkshopSession is a scheduled workshop: a time, a place or a video link, a capacity.
type WorkshopSession struct {
	ID              int64
	CohortID        int64
	CohortName      string
	ModuleID        int64
	ModuleTitle     string
	Title           string
	Description     string
	StartsAt        int64
	EndsAt          int64
	Place           string
	VideoURL        string
	Capacity        int
	Registered      int
	FacilitatorID   int64
	FacilitatorName string
	CreatedAt       int64
	// The viewer's registration.
	Mine       bool
	Attendance Attendance
}

// Full reports whether every seat is taken.
func (s WorkshopSession) Full() bool { return s.Registered >= s.Capacity }

// SeatsLeft is the number of free seats.
func (s WorkshopSession) SeatsLeft() int { return max(0, s.Capacity-s.Registered) }

// Attendance is what a facilitator recorded about a registered person.
type Attendance string

// The attendance values.
const (
	AttendanceUnknown Attendance = "unknown"
	AttendancePresent Attendance = "present"
	AttendanceAbsent  Attendance = "absent"
)

// Valid reports whether a is a known value.
func (a Attendance) Valid() bool {
	return a == AttendanceUnknown || a == AttendancePresent || a == AttendanceAbsent
}

// Registration is a person registered for a workshop session.
type Registration struct {
	PersonID     int64
	Name         string
	Title        string
	Attendance   Attendance
	RegisteredAt int64
}

// LocalTimeLayout is how forms give instants: a datetime-local value, read as UTC.
const LocalTimeLayout = "2006-01-02T15:04"

// ParseInstant reads a datetime-local value ("2026-05-12T14:00", UTC) or an RFC 3339
// instant.
func ParseInstant(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(LocalTimeLayout, s); err == nil {
		return t.Unix(), true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Unix(), true
	}
	return 0, false
}

// validLink reports whether s is an http or https URL.
func validLink(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// WorkshopInput schedules or changes a workshop session.
type WorkshopInput struct {
	CohortID      int64
	ModuleID      int64
	Title         string
	Description   string
	StartsAt      string
	EndsAt        string
	Place         string
	VideoURL      string
	Capacity      int
	FacilitatorID int64

	Start, End int64 // filled by Validate
}

// Validate checks the input and reads the instants.
func (in *WorkshopInput) Validate() error {
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	in.Description = strings.TrimSpace(in.Description)
	in.Place, in.VideoURL = strings.TrimSpace(in.Place), strings.TrimSpace(in.VideoURL)
	var v Validator
	v.Check(in.Title != "", "title", "Give the session a title.")
	v.Check(utf8.RuneCountInString(in.Title) <= 200, "title", "Keep the title under 200 characters.")
	v.Check(utf8.RuneCountInString(in.Description) <= 5000, "description", "Keep the description under 5,000 characters.")
	var ok bool
	in.Start, ok = ParseInstant(in.StartsAt)
	v.Check(ok, "starts_at", "Enter when the session starts, such as 2026-05-12T14:00 (UTC).")
	var okEnd bool
	in.End, okEnd = ParseInstant(in.EndsAt)
	v.Check(okEnd, "ends_at", "Enter when the session ends, such as 2026-05-12T16:00 (UTC).")
	if ok && okEnd {
		v.Check(in.End > in.Start, "ends_at", "The session must end after it starts.")
		v.Check(in.End-in.Start <= 24*3600, "ends_at", "A session lasts at most a day.")
	}
	v.Check(in.Place != "" || in.VideoURL != "", "place", "Give a place or a video link.")
	v.Check(utf8.RuneCountInString(in.Place) <= 300, "place", "Keep the place under 300 characters.")
	v.Check(in.VideoURL == "" || validLink(in.VideoURL), "video_url", "Enter the video link as an http or https address.")
	v.Check(in.Capacity >= 1 && in.Capacity <= 1000, "capacity", "Enter a capacity from 1 to 1,000.")
	return v.Err()
}

// AttendanceInput records attendance: person id → present or absent.
type AttendanceInput struct {
	Attendance map[int64]Attendance
}

// CalendarFeed says whether a person has a calendar feed; the token itself is shown
// once, when made.
type CalendarFeed struct {
	Active    bool
	CreatedAt int64
}

// CoachingAssignment pairs a coach with a coachee.
type CoachingAssignment struct {
	ID          int64
	CoachID     int64
	CoachName   string
	CoacheeID   int64
	CoacheeName string
	CoacheeLine string // the coachee's title and department
	Focus       string
	StartedOn   string
	EndedOn     string // "" while active
	Sessions    int
	NextSession int64
}

// Active reports whether the assignment has not ended.
func (a CoachingAssignment) Active() bool { return a.EndedOn == "" }

// CoachingAssignmentInput assigns a coach.
type CoachingAssignmentInput struct {
	CoachID   int64
	CoacheeID int64
	Focus     string
}

// Validate checks the input.
func (in *CoachingAssignmentInput) Validate() error {
	in.Focus = strings.TrimSpace(in.Focus)
	var v Validator
	v.Check(in.CoachID > 0, "coach_id", "Choose the coach.")
	v.Check(in.CoacheeID > 0, "coachee_id", "Choose the person to be coached.")
	v.Check(in.CoachID == 0 || in.CoachID != in.CoacheeID, "coachee_id", "A person cannot coach themselves.")
	v.Check(utf8.RuneCountInString(in.Focus) <= 500, "focus", "Keep the focus under 500 characters.")
	return v.Err()
}

// SessionStatus is where a coaching session stands.
type SessionStatus string

// The statuses of a coaching session.
const (
	SessionScheduled SessionStatus = "scheduled"
	SessionHeld      SessionStatus = "held"
	SessionCancelled SessionStatus = "cancelled"
)

// Valid reports whether s is a known status.
func (s SessionStatus) Valid() bool {
	return s == SessionScheduled || s == SessionHeld || s == SessionCancelled
}

// CoachingSession is a scheduled session between coach and coachee.
type CoachingSession struct {
	ID           int64
	AssignmentID int64
	StartsAt     int64
	EndsAt       int64
	Place        string
	Status       SessionStatus
	CreatedAt    int64
	HasNote      bool // the coach wrote a note (told to the coach alone)
}

// CoachingSessionInput schedules a session.
type CoachingSessionInput struct {
	StartsAt string
	EndsAt   string
	Place    string

	Start, End int64 // filled by Validate
}

// Validate checks the input.
func (in *CoachingSessionInput) Validate() error {
	in.Place = strings.TrimSpace(in.Place)
	var v Validator
	var ok, okEnd bool
	in.Start, ok = ParseInstant(in.StartsAt)
	v.Check(ok, "starts_at", "Enter when the session starts, such as 2026-05-12T14:00 (UTC).")
	in.End, okEnd = ParseInstant(in.EndsAt)
	v.Check(okEnd, "ends_at", "Enter when the session ends, such as 2026-05-12T15:00 (UTC).")
	if ok && okEnd {
		v.Check(in.End > in.Start, "ends_at", "The session must end after it starts.")
		v.Check(in.End-in.Start <= 8*3600, "ends_at", "A coaching session lasts at most eight hours.")
	}
	v.Check(utf8.RuneCountInString(in.Place) <= 300, "place", "Keep the place under 300 characters.")
	return v.Err()
}

// CoachingNoteInput is the coach's private note on a session.
type CoachingNoteInput struct {
	Body string
}

// Validate checks the input.
func (in *CoachingNoteInput) Validate() error {
	in.Body = strings.TrimSpace(in.Body)
	var v Validator
	v.Check(utf8.RuneCountInString(in.Body) <= MaxJournalRunes, "body", "Keep the note under 20,000 characters.")
	return v.Err()
}

// Commitment is something coach or coachee committed to; both read them.
type Commitment struct {
	ID           int64
	AssignmentID int64
	Text         string
	Owner        string // "coachee" or "coach"
	DueOn        string
	Done         bool
	CreatedAt    int64
}

// CommitmentInput adds a commitment.
type CommitmentInput struct {
	Text  string
	Owner string
	DueOn string
}

// Validate checks the input.
func (in *CommitmentInput) Validate() error {
	in.Text, in.DueOn = strings.TrimSpace(in.Text), strings.TrimSpace(in.DueOn)
	if in.Owner == "" {
		in.Owner = "coachee"
	}
	var v Validator
	v.Check(in.Text != "", "text", "Describe the commitment.")
	v.Check(utf8.RuneCountInString(in.Text) <= 500, "text", "Keep the commitment under 500 characters.")
	v.Check(in.Owner == "coachee" || in.Owner == "coach", "owner", "Choose who made the commitment.")
	v.Check(in.DueOn == "" || ValidDate(in.DueOn), "due_on", "Enter the due date as a date.")
	return v.Err()
}

// Competency is one competency of the leadership framework, with behavioural anchors
// for levels 1 to 5.
type Competency struct {
	Key     string
	Label   string
	Summary string
	Anchors [5]string // level 1 … level 5
}

// Anchor returns the behavioural anchor of a level from 1 to 5.
func (c Competency) Anchor(level int) string {
	if level < 1 || level > 5 {
		return ""
	}
	return c.Anchors[level-1]
}

// CompetencyByKey returns a competency of the framework.
func CompetencyByKey(key string) (Competency, bool) {
	for _, c := range Competencies {
		if c.Key == key {
			return c, true
		}
	}
	return Competency{}, false
}

// LevelLabels name the levels of the rating scale.
var LevelLabels = [5]string{"1 · Rarely", "2 · Sometimes", "3 · Usually", "4 · Consistently", "5 · A model for others"}

// Competencies is the leadership framework: the same six competencies feedback can be
// tagged with (FeedbackCompetencies), each with what it looks like at levels 1 to 5.
var Competencies = []Competency{
	{Key: "empathy", Label: "Empathy", Summary: "Understands what others feel and need, and lets that understanding shape how they lead.",
		Anchors: [5]string{
			"Moves to solutions before people have finished explaining; rarely asks how a change lands on the team.",
			"Listens when prompted, but the team's concerns seldom change what they decide or how they say it.",
			"Asks how people are doing and follows up; adjusts workload or timing when someone is struggling.",
			"Notices unspoken strain early, names it kindly, and makes room for it in plans and conversations.",
			"Builds a team where people look out for one another; others seek them out when a situation is hard.",
		}},
	{Key: "emotional_intelligence", Label: "Emotional intelligence", Summary: "Knows their own emotions and their effect on others, and manages both under pressure.",
		Anchors: [5]string{
			"Pressure shows in tone and decisions; the team learns to avoid bringing bad news.",
			"Recognizes afterwards when stress drove a reaction, but does not yet catch it in the moment.",
			"Usually stays steady under pressure and repairs the relationship when a reaction misfires.",
			"Reads the mood of a room and chooses words and timing for it; keeps calm in conflict.",
			"Turns tense moments into productive ones; others borrow their steadiness in a crisis.",
		}},
	{Key: "ethical_judgement", Label: "Ethical judgement", Summary: "Sees the ethical side of everyday decisions and acts on it, also when it costs something.",
		Anchors: [5]string{
			"Treats rules as obstacles; short-term targets decide close calls.",
			"Follows the rules but does not notice grey areas until someone else raises them.",
			"Spots the ethical side of a decision, weighs who is affected, and asks for advice when unsure.",
			"Explains the reasoning behind hard calls openly and holds to them when they cost results.",
			"Sets the standard in their part of the organization; people bring dilemmas to them early.",
		}},
	{Key: "inclusion", Label: "Inclusion", Summary: "Makes sure every voice is heard and every person has a fair chance to contribute and grow.",
		Anchors: [5]string{
			"The same few voices carry every meeting; opportunities go to people like themselves.",
			"Believes in fairness but does not check who speaks, who is asked, or who gets the stretch work.",
			"Invites quieter people in, rotates visible work, and corrects interruptions when they see them.",
			"Looks at patterns (who is promoted, praised, heard) and changes how the team works to fix them.",
			"Builds a team where difference is sought out and used; people from every background thrive there.",
		}},
	{Key: "communicating_purpose", Label: "Communicating purpose", Summary: "Connects the team's daily work to the organization's purpose in words people remember.",
		Anchors: [5]string{
			"Passes on targets without the why; the team cannot say how their work serves the purpose.",
			"Mentions the purpose in presentations, but it does not come up when priorities are set.",
			"Explains how the team's goals serve the purpose and refers to it when choosing between priorities.",
			"Tells stories that make the purpose concrete, and uses it to say no to work that does not serve it.",
			"The team explains the purpose in its own words and uses it to decide without them.",
		}},
	{Key: "developing_others", Label: "Developing others", Summary: "Grows people through feedback, stretch and coaching, and is glad when they outgrow the role.",
		Anchors: [5]string{
			"Feedback comes at review time, if at all; development is left to each person.",
			"Gives feedback when asked and approves training requests, but rarely starts the conversation.",
			"Holds regular development conversations and gives specific feedback soon after the moment.",
			"Delegates stretch work deliberately, coaches rather than tells, and tracks each person's growth.",
			"Known for growing people: many of their team have moved on to larger roles.",
		}},
}

// Relation is how a rater relates to the person assessed.
type Relation string

// The relations. Self and manager ratings are identifiable by nature and shown as they
// are; peers' are shown only aggregated over at least PeerMinimum answers, direct
// reports' only through the anonymity engine with the organization's threshold.
const (
	RelSelf    Relation = "self"
	RelManager Relation = "manager"
	RelPeer    Relation = "peer"
	RelReport  Relation = "report"
)

// Relations lists the relations in display order.
var Relations = []Relation{RelSelf, RelManager, RelPeer, RelReport}

// Label is the relation's name, as a column heading.
func (r Relation) Label() string {
	switch r {
	case RelSelf:
		return "Self"
	case RelManager:
		return "Manager"
	case RelPeer:
		return "Peers"
	case RelReport:
		return "Direct reports"
	}
	return string(r)
}

// PeerMinimum is the smallest number of peer answers shown, per competency.
const PeerMinimum = 3

// AssessmentStatus is where a 360 assessment stands.
type AssessmentStatus string

// The statuses: answers are collected while open; results exist once closed.
const (
	AssessmentOpen   AssessmentStatus = "open"
	AssessmentClosed AssessmentStatus = "closed"
)

// Assessment is a 360 assessment of one person: a round of ratings by themselves, their
// manager, peers and direct reports, on the competencies.
type Assessment struct {
	ID          int64
	SubjectID   int64
	SubjectName string
	Title       string
	OpensOn     string
	ClosesOn    string
	Status      AssessmentStatus
	MinGroup    int // the anonymity threshold k, frozen at launch
	Invited     int // raters invited, all relations
	Answered    int // raters who answered, all relations; shown to the subject only at close
	ClosedAt    int64
	CreatedAt   int64
	// The viewer as a rater.
	MyRelation Relation
	IAnswered  bool
}

// AssessmentInput starts a 360 assessment. PeerIDs adds peers to the subject's default
// peers (the other direct reports of their manager).
type AssessmentInput struct {
	SubjectID int64
	Title     string
	ClosesOn  string
	PeerIDs   []int64
}

// Validate checks the input.
func (in *AssessmentInput) Validate() error {
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	in.ClosesOn = strings.TrimSpace(in.ClosesOn)
	in.PeerIDs = uniqueIDs(in.PeerIDs)
	var v Validator
	v.Check(in.SubjectID > 0, "subject_id", "Choose the person to be assessed.")
	v.Check(utf8.RuneCountInString(in.Title) <= 200, "title", "Keep the title under 200 characters.")
	v.Check(ValidDate(in.ClosesOn), "closes_on", "Enter the day the assessment closes, such as 2026-05-31.")
	v.Check(len(in.PeerIDs) <= 20, "peer_ids", "Choose at most 20 peers.")
	return v.Err()
}

// RatingsInput is one rater's answers: competency key → level 1 to 5. A competency left
// out is "cannot say".
type RatingsInput struct {
	Ratings map[string]int
}

// Validate checks the input.
func (in *RatingsInput) Validate() error {
	var v Validator
	for k, r := range in.Ratings {
		if CompetencyLabel(k) == "" {
			v.Add(k, "This is not one of the competencies.")
			continue
		}
		v.Check(r >= 1 && r <= 5, k, "Choose a level from 1 to 5, or leave it out if you cannot say.")
	}
	if v.Valid() && len(in.Ratings) == 0 {
		return &Error{Code: CodeInvalid, Message: "Rate at least one competency. You may leave out any you cannot judge."}
	}
	return v.Err()
}

// GroupScore is one relation's (or the others') ratings of a competency. When Shown is
// false there is no figure and no count.
type GroupScore struct {
	Shown  bool
	Mean   float64 // 1..5
	N      int
	Counts [5]int // answers at levels 1..5
}

// CompetencyResult is one competency of a 360's results.
type CompetencyResult struct {
	Competency Competency
	Self       GroupScore
	Manager    GroupScore
	Peers      GroupScore
	Reports    GroupScore
	Others     GroupScore // manager, peers and reports together, from the shown groups only
	HasGap     bool
	Gap        float64 // self minus others
}

// AssessmentResults are a closed 360's results, through the anonymity rules.
type AssessmentResults struct {
	Assessment   Assessment
	K            int
	PeersShown   bool // enough peers answered for peer figures
	ReportsShown bool // the anonymity engine shows the direct reports
	Peers        int  // peers who answered, when shown
	Reports      int  // direct reports who answered, when shown
	Items        []CompetencyResult
	Others       GroupScore // every competency together
}

// Item returns the result of one competency.
func (r AssessmentResults) Item(key string) (CompetencyResult, bool) {
	for _, it := range r.Items {
		if it.Competency.Key == key {
			return it, true
		}
	}
	return CompetencyResult{}, false
}

// PlanItem is a development-plan entry: a competency turned into a goal, linked to a
// module that develops it.
type PlanItem struct {
	ID           int64
	PersonID     int64
	Competency   string
	GoalID       int64
	GoalTitle    string
	GoalProgress float64
	GoalStatus   string
	ModuleID     int64
	ModuleTitle  string
	ProgramID    int64
	CreatedAt    int64
}

// CompetencyLabel is the label of the item's competency.
func (p PlanItem) CompetencyLabel() string { return CompetencyLabel(p.Competency) }

// PlanGap is one competency of a development plan, with the gap the latest 360 showed.
type PlanGap struct {
	Competency Competency
	HasOthers  bool
	Others     float64
	HasSelf    bool
	Self       float64
	HasGap     bool
	Gap        float64
	Modules    []ModuleRef
	Items      []PlanItem
}

// ModuleRef names a module of a program.
type ModuleRef struct {
	ID           int64
	Title        string
	ProgramID    int64
	ProgramTitle string
}

// DevPlan is a person's development plan.
type DevPlan struct {
	Person  Person
	Results *AssessmentResults // the latest closed 360, nil before one
	Gaps    []PlanGap          // the competencies, largest need first
	Items   []PlanItem
	CanEdit bool
}

// PlanGoalInput turns a competency of the plan into a goal.
type PlanGoalInput struct {
	Competency string
	Title      string
	ModuleID   int64
	Period     string
}

// Validate checks the input.
func (in *PlanGoalInput) Validate() error {
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	in.Period = strings.ToUpper(strings.TrimSpace(in.Period))
	var v Validator
	v.Check(CompetencyLabel(in.Competency) != "", "competency", "Choose one of the competencies.")
	v.Check(in.Title != "", "title", "Give the goal a title.")
	v.Check(utf8.RuneCountInString(in.Title) <= 200, "title", "The title must be at most 200 characters.")
	if _, _, err := PeriodDates(in.Period); err != nil {
		v.Add("period", "Enter a period such as 2026-Q2.")
	}
	return v.Err()
}

// DevelopmentMeasure is what the analytics (issue 8) read about one middle manager's
// development for a period; see core.DevelopmentMeasures for the definitions.
type DevelopmentMeasure struct {
	PersonID int64
	Name     string

	HasProgress bool    // enrolled as a participant in a running or completed cohort by the period's end
	Progress    float64 // 0..100: mean over those cohorts of completed required modules ÷ required modules

	HasGrowth    bool    // rated by others in two closed 360s by the period's end
	OthersBefore float64 // others' mean rating (1..5) in the earlier of the last two
	OthersAfter  float64 // and in the later
	Growth       float64 // OthersAfter − OthersBefore

	HasUpward         bool    // the latest closed 360 by the period's end shows the direct reports
	Upward            float64 // their mean rating, 1..5
	UpwardRespondents int
	UpwardOn          string // the day that 360 closed
}

// CohortMember is one person of a program's cohorts, with the cohort's dates.
type CohortMember struct {
	CohortID   int64
	CohortName string
	ProgramID  int64
	PersonID   int64
	Name       string
	Role       CohortRole
	StartsOn   string
	EndsOn     string
	Progress   float64 // participants: 0..100 as of today
	Complete   bool
}

// UpwardRating is one manager's direct-report rating in one closed 360, only where the
// anonymity engine shows it.
type UpwardRating struct {
	PersonID     int64
	AssessmentID int64
	ClosedOn     string
	Mean         float64 // 1..5, every competency together
	Respondents  int
}

// DevelopmentHome is what the development hub shows a person.
type DevelopmentHome struct {
	Enrolments   []Enrolment
	Facilitating []Enrolment
	NextSession  *WorkshopSession
	Coach        *CoachingAssignment
	Coachees     int
	ToAnswer     []Assessment
	Mine         []Assessment
}

// ParseLevel reads a rating from a form ("" for cannot say).
func ParseLevel(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// String makes GroupScore readable in test failures.
func (g GroupScore) String() string {
	if !g.Shown {
		return "hidden"
	}
	return fmt.Sprintf("%.2f (n=%d)", g.Mean, g.N)
}
