package api

import (
	"net/http"
	"strconv"
	"time"

	"throughline/internal/core"
	"throughline/internal/httpx"
	"throughline/internal/model"
)

// The JSON API of leadership development (issue 6): programs, cohorts and progress,
// workshops and calendars, coaching, the author's own journal, competencies, 360s,
// development plans, and the measures the analytics read. A coach's session notes are
// never in the API, and no route reads anyone's journal but the caller's own.

func (h *Handler) developmentRoutes() []Route {
	return []Route{
		{"GET", "/development", h.myDevelopment},
		{"GET", "/programs", h.devPrograms},
		{"POST", "/programs", h.createDevProgram},
		{"GET", "/programs/{id}", h.devProgram},
		{"PATCH", "/programs/{id}", h.updateDevProgram},
		{"POST", "/programs/{id}/copy", h.copyDevProgram},
		{"POST", "/programs/{id}/modules", h.addDevModule},
		{"PATCH", "/modules/{id}", h.updateDevModule},
		{"DELETE", "/modules/{id}", h.deleteDevModule},
		{"GET", "/cohorts", h.cohorts},
		{"POST", "/cohorts", h.createCohort},
		{"GET", "/cohorts/{id}", h.cohort},
		{"POST", "/cohorts/{id}/members", h.addCohortMembers},
		{"POST", "/cohorts/{id}/completions", h.recordCompletion},
		{"GET", "/cohorts/{id}/modules/{module}", h.cohortModule},
		{"POST", "/cohorts/{id}/modules/{module}/complete", h.completeModule},
		{"PUT", "/cohorts/{id}/modules/{module}/reflection", h.putReflection},
		{"PUT", "/cohorts/{id}/modules/{module}/action-project", h.putActionProject},
		{"GET", "/workshops", h.workshops},
		{"POST", "/workshops", h.createWorkshop},
		{"GET", "/workshops/{id}", h.workshop},
		{"PATCH", "/workshops/{id}", h.updateWorkshop},
		{"PUT", "/workshops/{id}/registration", h.registerWorkshop},
		{"DELETE", "/workshops/{id}/registration", h.unregisterWorkshop},
		{"PUT", "/workshops/{id}/attendance", h.putAttendance},
		{"GET", "/workshops/{id}/calendar.ics", h.workshopICS},
		{"GET", "/me/calendar-feed", h.calendarFeed},
		{"POST", "/me/calendar-feed", h.newCalendarFeed},
		{"DELETE", "/me/calendar-feed", h.revokeCalendarFeed},
		{"GET", "/coaching", h.coaching},
		{"POST", "/coaching", h.assignCoach},
		{"GET", "/coaching/{id}", h.coachingDetail},
		{"POST", "/coaching/{id}/sessions", h.scheduleCoaching},
		{"POST", "/coaching/{id}/commitments", h.addCommitment},
		{"POST", "/coaching/{id}/end", h.endCoaching},
		{"PUT", "/coaching/sessions/{id}/status", h.coachingSessionStatus},
		{"GET", "/coaching/sessions/{id}/calendar.ics", h.coachingSessionICS},
		{"PUT", "/commitments/{id}/done", h.commitmentDone},
		{"GET", "/me/journal", h.journal},
		{"POST", "/me/journal", h.writeJournal},
		{"GET", "/me/journal/export", h.exportJournal},
		{"GET", "/me/journal/{id}", h.journalEntry},
		{"PUT", "/me/journal/{id}", h.updateJournal},
		{"DELETE", "/me/journal/{id}", h.deleteJournal},
		{"PUT", "/me/journal/{id}/share", h.shareJournal},
		{"GET", "/competencies", h.competencyFramework},
		{"GET", "/assessments", h.assessments},
		{"POST", "/assessments", h.startAssessment},
		{"GET", "/assessments/{id}", h.assessment},
		{"POST", "/assessments/{id}/close", h.closeAssessment},
		{"GET", "/assessments/{id}/form", h.assessmentForm},
		{"POST", "/assessments/{id}/ratings", h.submitRatings},
		{"GET", "/people/{id}/development-plan", h.devPlan},
		{"POST", "/people/{id}/development-plan/goals", h.addPlanGoal},
		{"GET", "/development/measures", h.developmentMeasures},
		{"GET", "/development/cohort-members", h.cohortMembers},
		{"GET", "/development/upward-ratings", h.upwardRatings},
	}
}

// Response and request types.

// DevProgramBody is a development program.
type DevProgramBody struct {
	ID           int64  `json:"id"`
	Key          string `json:"key,omitempty"`
	Title        string `json:"title"`
	Summary      string `json:"summary"`
	Audience     string `json:"audience,omitempty"`
	Builtin      bool   `json:"builtin"`
	CopiedFromID int64  `json:"copied_from_id,omitempty"`
	Active       bool   `json:"active"`
	Modules      int    `json:"module_count"`
	Cohorts      int    `json:"cohort_count"`
}

func devProgramBody(p model.DevProgram) DevProgramBody {
	return DevProgramBody{ID: p.ID, Key: p.Key, Title: p.Title, Summary: p.Summary, Audience: p.Audience, Builtin: p.Builtin, CopiedFromID: p.CopiedFromID,
		Active: p.Active, Modules: p.Modules, Cohorts: p.Cohorts}
}

// OptionBody is a choice of a dilemma.
type OptionBody struct {
	ID    int64  `json:"id"`
	Label string `json:"label"`
}

// ModuleBody is a module of a program; body is Markdown.
type ModuleBody struct {
	ID            int64        `json:"id"`
	ProgramID     int64        `json:"program_id"`
	Key           string       `json:"key,omitempty"`
	Position      int          `json:"position"`
	Kind          string       `json:"kind"`
	Title         string       `json:"title"`
	Body          string       `json:"body_markdown"`
	Prompt        string       `json:"prompt,omitempty"`
	Required      bool         `json:"required"`
	DueDays       int          `json:"due_days,omitempty"`
	DueOn         string       `json:"due_on,omitempty"`
	Competency    string       `json:"competency,omitempty"`
	Prerequisites []int64      `json:"prerequisites"`
	Options       []OptionBody `json:"options,omitempty"`
}

func moduleBody(m model.DevModule) ModuleBody {
	b := ModuleBody{ID: m.ID, ProgramID: m.ProgramID, Key: m.Key, Position: m.Position, Kind: string(m.Kind), Title: m.Title, Body: m.Body, Prompt: m.Prompt,
		Required: m.Required, DueDays: m.DueDays, DueOn: m.DueOn, Competency: m.Competency, Prerequisites: m.Prereqs}
	if b.Prerequisites == nil {
		b.Prerequisites = []int64{}
	}
	for _, o := range m.Options {
		b.Options = append(b.Options, OptionBody{ID: o.ID, Label: o.Label})
	}
	return b
}

// DevProgramDetailBody is a program with its modules.
type DevProgramDetailBody struct {
	DevProgramBody
	ModuleList []ModuleBody `json:"modules"`
	CohortList []CohortBody `json:"cohorts,omitempty"`
	CanEdit    bool         `json:"can_edit"`
}

// DevProgramRequest creates or changes a program.
type DevProgramRequest struct {
	Title    string `json:"title"`
	Summary  string `json:"summary"`
	Audience string `json:"audience"`
	Active   *bool  `json:"active"`
}

func (q DevProgramRequest) input() model.DevProgramInput {
	in := model.DevProgramInput{Title: q.Title, Summary: q.Summary, Audience: q.Audience, Active: true}
	if q.Active != nil {
		in.Active = *q.Active
	}
	return in
}

// CopyRequest copies a program; the title defaults to "… (our version)".
type CopyRequest struct {
	Title string `json:"title"`
}

// ModuleRequest creates or changes a module.
type ModuleRequest struct {
	Kind          string   `json:"kind"`
	Title         string   `json:"title"`
	Body          string   `json:"body_markdown"`
	Prompt        string   `json:"prompt"`
	Required      bool     `json:"required"`
	DueDays       int      `json:"due_days"`
	DueOn         string   `json:"due_on"`
	Competency    string   `json:"competency"`
	Prerequisites []int64  `json:"prerequisites"`
	Options       []string `json:"options"`
}

func (q ModuleRequest) input() model.DevModuleInput {
	return model.DevModuleInput{Kind: model.ModuleKind(q.Kind), Title: q.Title, Body: q.Body, Prompt: q.Prompt, Required: q.Required, DueDays: q.DueDays,
		DueOn: q.DueOn, Competency: q.Competency, Prereqs: q.Prerequisites, Options: q.Options}
}

// CohortBody is a cohort.
type CohortBody struct {
	ID           int64  `json:"id"`
	ProgramID    int64  `json:"program_id"`
	Program      string `json:"program"`
	Name         string `json:"name"`
	StartsOn     string `json:"starts_on"`
	EndsOn       string `json:"ends_on"`
	Status       string `json:"status"`
	Participants int    `json:"participants"`
	Facilitators int    `json:"facilitators"`
}

func cohortBody(c model.Cohort, today string) CohortBody {
	return CohortBody{ID: c.ID, ProgramID: c.ProgramID, Program: c.ProgramTitle, Name: c.Name, StartsOn: c.StartsOn, EndsOn: c.EndsOn,
		Status: string(c.StatusOn(today)), Participants: c.Participants, Facilitators: c.Facilitators}
}

// ModuleProgressBody is where a participant stands with one module.
type ModuleProgressBody struct {
	ModuleID    int64  `json:"module_id"`
	Title       string `json:"title"`
	Kind        string `json:"kind"`
	Required    bool   `json:"required"`
	State       string `json:"state"`
	DueOn       string `json:"due_on,omitempty"`
	Overdue     bool   `json:"overdue"`
	CompletedAt int64  `json:"completed_at,omitempty"`
}

// ProgressBody is a participant's progress: percent = 100 × completed required modules ÷
// required modules.
type ProgressBody struct {
	Required  int                  `json:"required"`
	Completed int                  `json:"completed"`
	Percent   float64              `json:"percent"`
	Complete  bool                 `json:"complete"`
	Behind    bool                 `json:"behind"`
	Overdue   int                  `json:"overdue"`
	Modules   []ModuleProgressBody `json:"modules"`
}

func progressBody(p model.Progress) ProgressBody {
	b := ProgressBody{Required: p.Required, Completed: p.Completed, Percent: p.Percent, Complete: p.Complete, Behind: p.Behind, Overdue: p.Overdue,
		Modules: []ModuleProgressBody{}}
	for _, m := range p.Modules {
		b.Modules = append(b.Modules, ModuleProgressBody{ModuleID: m.Module.ID, Title: m.Module.Title, Kind: string(m.Module.Kind), Required: m.Module.Required,
			State: string(m.State), DueOn: m.DueOn, Overdue: m.Overdue, CompletedAt: m.DoneAt})
	}
	return b
}

// ParticipantBody is a participant with their progress, for facilitators.
type ParticipantBody struct {
	Person   MemberRef    `json:"person"`
	Progress ProgressBody `json:"progress"`
}

// OptionCountBody is how many chose an option.
type OptionCountBody struct {
	Label string  `json:"label"`
	Count int     `json:"count"`
	Share float64 `json:"share"`
}

// SpreadBody is the spread of a cohort's choices in a dilemma: with fewer than three
// answers, shown is false and there is no count at all.
type SpreadBody struct {
	ModuleID int64             `json:"module_id"`
	Title    string            `json:"title"`
	Shown    bool              `json:"shown"`
	Answers  *int              `json:"answers"`
	Options  []OptionCountBody `json:"options"`
}

// ActionProjectBody is an action project.
type ActionProjectBody struct {
	PersonID    int64  `json:"person_id"`
	ModuleID    int64  `json:"module_id"`
	Plan        string `json:"plan"`
	Outcome     string `json:"outcome"`
	GoalID      int64  `json:"goal_id,omitempty"`
	Goal        string `json:"goal,omitempty"`
	MetricID    int64  `json:"metric_id,omitempty"`
	Metric      string `json:"metric,omitempty"`
	SubmittedAt int64  `json:"submitted_at,omitempty"`
}

func actionProjectBody(a model.ActionProject) ActionProjectBody {
	return ActionProjectBody{PersonID: a.PersonID, ModuleID: a.ModuleID, Plan: a.Plan, Outcome: a.Outcome, GoalID: a.GoalID, Goal: a.GoalTitle,
		MetricID: a.MetricID, Metric: a.MetricName, SubmittedAt: a.SubmittedAt}
}

// CohortDetailBody is a cohort as the caller may see it: participants see their own
// progress; facilitators, hr and admin see everyone's, who is behind and the spread of
// dilemma choices. Nobody sees anyone's reflections.
type CohortDetailBody struct {
	CohortBody
	YourPart      string              `json:"your_part,omitempty"`
	YourProgress  *ProgressBody       `json:"your_progress,omitempty"`
	Modules       []ModuleBody        `json:"modules"`
	FacilitatedBy []MemberRef         `json:"facilitated_by"`
	Participants  []ParticipantBody   `json:"participant_list,omitempty"`
	Spreads       []SpreadBody        `json:"dilemma_spreads,omitempty"`
	Projects      []ActionProjectBody `json:"action_projects,omitempty"`
	MeanProgress  *float64            `json:"mean_progress,omitempty"`
	Behind        *int                `json:"behind,omitempty"`
	OnTrack       *bool               `json:"on_track,omitempty"`
}

// CohortSummaryBody is a cohort with how it is doing.
type CohortSummaryBody struct {
	CohortBody
	MeanProgress float64 `json:"mean_progress"`
	Behind       int     `json:"behind"`
	Complete     int     `json:"complete"`
	OnTrack      bool    `json:"on_track"`
}

// CohortRequest creates a cohort.
type CohortRequest struct {
	ProgramID      int64   `json:"program_id"`
	Name           string  `json:"name"`
	StartsOn       string  `json:"starts_on"`
	EndsOn         string  `json:"ends_on"`
	ParticipantIDs []int64 `json:"participant_ids"`
	FacilitatorIDs []int64 `json:"facilitator_ids"`
}

// MembersRequest adds people to a cohort.
type MembersRequest struct {
	ParticipantIDs []int64 `json:"participant_ids"`
	FacilitatorIDs []int64 `json:"facilitator_ids"`
}

// CompletionRequest records (or undoes) a participant's completion of a module.
type CompletionRequest struct {
	PersonID int64 `json:"person_id"`
	ModuleID int64 `json:"module_id"`
	Done     bool  `json:"done"`
}

// ModuleReflectionRequest answers a reflection module; the text goes into the caller's own
// journal.
type ModuleReflectionRequest struct {
	Body     string `json:"body"`
	OptionID int64  `json:"option_id"`
}

// ActionProjectRequest saves an action project; submit hands in the outcome report.
type ActionProjectRequest struct {
	Plan     string `json:"plan"`
	Outcome  string `json:"outcome"`
	GoalID   int64  `json:"goal_id"`
	MetricID int64  `json:"metric_id"`
	Submit   bool   `json:"submit"`
}

// CohortModuleBody is one module of a cohort as the caller works on it; my_reflection
// is the caller's own entry and is there for them alone.
type CohortModuleBody struct {
	CohortID     int64               `json:"cohort_id"`
	Module       ModuleBody          `json:"module"`
	Progress     *ModuleProgressBody `json:"progress,omitempty"`
	MyReflection *JournalEntryBody   `json:"my_reflection,omitempty"`
	MyChoice     int64               `json:"my_choice,omitempty"`
	Project      *ActionProjectBody  `json:"action_project,omitempty"`
	Sessions     []WorkshopBody      `json:"sessions,omitempty"`
	SelfRated    bool                `json:"self_rated"`
}

// WorkshopBody is a workshop session; times are RFC 3339 in UTC.
type WorkshopBody struct {
	ID          int64      `json:"id"`
	CohortID    int64      `json:"cohort_id,omitempty"`
	Cohort      string     `json:"cohort,omitempty"`
	ModuleID    int64      `json:"module_id,omitempty"`
	Module      string     `json:"module,omitempty"`
	Title       string     `json:"title"`
	Description string     `json:"description,omitempty"`
	StartsAt    string     `json:"starts_at"`
	EndsAt      string     `json:"ends_at"`
	Place       string     `json:"place,omitempty"`
	VideoURL    string     `json:"video_url,omitempty"`
	Capacity    int        `json:"capacity"`
	Registered  int        `json:"registered"`
	SeatsLeft   int        `json:"seats_left"`
	Facilitator *MemberRef `json:"facilitator,omitempty"`
	YouAre      bool       `json:"registered_by_you"`
	Attendance  string     `json:"your_attendance,omitempty"`
}

func rfc(unix int64) string { return time.Unix(unix, 0).UTC().Format(time.RFC3339) }

func workshopBody(s model.WorkshopSession) WorkshopBody {
	b := WorkshopBody{ID: s.ID, CohortID: s.CohortID, Cohort: s.CohortName, ModuleID: s.ModuleID, Module: s.ModuleTitle, Title: s.Title, Description: s.Description,
		StartsAt: rfc(s.StartsAt), EndsAt: rfc(s.EndsAt), Place: s.Place, VideoURL: s.VideoURL, Capacity: s.Capacity, Registered: s.Registered,
		SeatsLeft: s.SeatsLeft(), YouAre: s.Mine}
	if s.Mine {
		b.Attendance = string(s.Attendance)
	}
	if s.FacilitatorID != 0 {
		b.Facilitator = &MemberRef{ID: s.FacilitatorID, Name: s.FacilitatorName}
	}
	return b
}

func workshopBodies(ss []model.WorkshopSession) []WorkshopBody {
	out := make([]WorkshopBody, 0, len(ss))
	for _, s := range ss {
		out = append(out, workshopBody(s))
	}
	return out
}

// RegistrationBody is a person registered for a session.
type RegistrationBody struct {
	Person     MemberRef `json:"person"`
	Attendance string    `json:"attendance"`
}

// WorkshopDetailBody is a session; registrations are for those who run it.
type WorkshopDetailBody struct {
	WorkshopBody
	CanManage     bool               `json:"can_manage"`
	CanRegister   bool               `json:"can_register"`
	NotOpen       string             `json:"why_not_open,omitempty"`
	Registrations []RegistrationBody `json:"registrations,omitempty"`
}

// WorkshopCalendarBody is the workshop calendar.
type WorkshopCalendarBody struct {
	Upcoming []WorkshopBody `json:"upcoming"`
	Past     []WorkshopBody `json:"past"`
}

// WorkshopRequest schedules or changes a session; starts_at and ends_at are RFC 3339 or
// 2026-05-12T14:00 (UTC).
type WorkshopRequest struct {
	CohortID      int64  `json:"cohort_id"`
	ModuleID      int64  `json:"module_id"`
	Title         string `json:"title"`
	Description   string `json:"description"`
	StartsAt      string `json:"starts_at"`
	EndsAt        string `json:"ends_at"`
	Place         string `json:"place"`
	VideoURL      string `json:"video_url"`
	Capacity      int    `json:"capacity"`
	FacilitatorID int64  `json:"facilitator_id"`
}

func (q WorkshopRequest) input() model.WorkshopInput {
	return model.WorkshopInput{CohortID: q.CohortID, ModuleID: q.ModuleID, Title: q.Title, Description: q.Description, StartsAt: q.StartsAt, EndsAt: q.EndsAt,
		Place: q.Place, VideoURL: q.VideoURL, Capacity: q.Capacity, FacilitatorID: q.FacilitatorID}
}

// AttendanceRecord is one person's attendance.
type AttendanceRecord struct {
	PersonID   int64  `json:"person_id"`
	Attendance string `json:"attendance"`
}

// AttendanceRequest records attendance: present or absent per registered person.
type AttendanceRequest struct {
	Records []AttendanceRecord `json:"records"`
}

// CalendarFeedBody is the caller's calendar feed; token and url are given once, when
// a new feed is made.
type CalendarFeedBody struct {
	Active    bool   `json:"active"`
	CreatedAt int64  `json:"created_at,omitempty"`
	Token     string `json:"token,omitempty"`
	URL       string `json:"url,omitempty"`
}

// AssignmentBody is a coaching relationship.
type AssignmentBody struct {
	ID          int64     `json:"id"`
	Coach       MemberRef `json:"coach"`
	Coachee     MemberRef `json:"coachee"`
	Focus       string    `json:"focus,omitempty"`
	StartedOn   string    `json:"started_on"`
	EndedOn     string    `json:"ended_on,omitempty"`
	Active      bool      `json:"active"`
	Sessions    int       `json:"sessions"`
	NextSession string    `json:"next_session,omitempty"`
}

func assignmentBody(a model.CoachingAssignment) AssignmentBody {
	b := AssignmentBody{ID: a.ID, Coach: MemberRef{ID: a.CoachID, Name: a.CoachName}, Coachee: MemberRef{ID: a.CoacheeID, Name: a.CoacheeName},
		Focus: a.Focus, StartedOn: a.StartedOn, EndedOn: a.EndedOn, Active: a.Active(), Sessions: a.Sessions}
	if a.NextSession != 0 {
		b.NextSession = rfc(a.NextSession)
	}
	return b
}

func assignmentBodies(as []model.CoachingAssignment) []AssignmentBody {
	out := make([]AssignmentBody, 0, len(as))
	for _, a := range as {
		out = append(out, assignmentBody(a))
	}
	return out
}

// CoachingOverviewBody is the caller's coaching: their coaches and coachees, and for hr
// and admin every relationship.
type CoachingOverviewBody struct {
	Coaches  []AssignmentBody `json:"coaches"`
	Coachees []AssignmentBody `json:"coachees"`
	All      []AssignmentBody `json:"all,omitempty"`
}

// CoachingSessionBody is a coaching session.
type CoachingSessionBody struct {
	ID       int64  `json:"id"`
	StartsAt string `json:"starts_at"`
	EndsAt   string `json:"ends_at"`
	Place    string `json:"place,omitempty"`
	Status   string `json:"status"`
}

// CommitmentBody is a commitment of coach or coachee.
type CommitmentBody struct {
	ID    int64  `json:"id"`
	Text  string `json:"text"`
	Owner string `json:"owner"`
	DueOn string `json:"due_on,omitempty"`
	Done  bool   `json:"done"`
}

// CoachingDetailBody is one coaching relationship: sessions for coach, coachee, hr and
// admin; commitments for coach and coachee; shared reflections for the coach. Session
// notes are never here.
type CoachingDetailBody struct {
	AssignmentBody
	YourPart          string                `json:"your_part,omitempty"`
	SessionList       []CoachingSessionBody `json:"session_list"`
	Commitments       []CommitmentBody      `json:"commitments,omitempty"`
	SharedReflections []JournalEntryBody    `json:"shared_reflections,omitempty"`
}

// AssignRequest pairs a coach with a coachee.
type AssignRequest struct {
	CoachID   int64  `json:"coach_id"`
	CoacheeID int64  `json:"coachee_id"`
	Focus     string `json:"focus"`
}

// CoachingSessionRequest schedules a session.
type CoachingSessionRequest struct {
	StartsAt string `json:"starts_at"`
	EndsAt   string `json:"ends_at"`
	Place    string `json:"place"`
}

// CommitmentRequest adds a commitment.
type CommitmentRequest struct {
	Text  string `json:"text"`
	Owner string `json:"owner"`
	DueOn string `json:"due_on"`
}

// StatusRequest sets a status.
type StatusRequest struct {
	Status string `json:"status"`
}

// DoneRequest marks something done or not.
type DoneRequest struct {
	Done bool `json:"done"`
}

// JournalEntryBody is a journal entry.
type JournalEntryBody struct {
	ID         int64      `json:"id"`
	ModuleID   int64      `json:"module_id,omitempty"`
	Module     string     `json:"module,omitempty"`
	CohortID   int64      `json:"cohort_id,omitempty"`
	Prompt     string     `json:"prompt,omitempty"`
	Body       string     `json:"body"`
	SharedWith *MemberRef `json:"shared_with,omitempty"`
	SharedAt   int64      `json:"shared_at,omitempty"`
	CreatedAt  int64      `json:"created_at"`
	UpdatedAt  int64      `json:"updated_at"`
}

func journalBody(e model.JournalEntry) JournalEntryBody {
	b := JournalEntryBody{ID: e.ID, ModuleID: e.ModuleID, Module: e.ModuleTitle, CohortID: e.CohortID, Prompt: e.Prompt, Body: e.Body, SharedAt: e.SharedAt,
		CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
	if e.SharedWithID != 0 {
		b.SharedWith = &MemberRef{ID: e.SharedWithID, Name: e.SharedWithName}
	}
	return b
}

func journalBodies(es []model.JournalEntry) []JournalEntryBody {
	out := make([]JournalEntryBody, 0, len(es))
	for _, e := range es {
		out = append(out, journalBody(e))
	}
	return out
}

// JournalRequest writes or changes an entry.
type JournalRequest struct {
	Prompt string `json:"prompt"`
	Body   string `json:"body"`
}

// ShareRequest shares an entry with one of the caller's coaches (0: with no one).
type ShareRequest struct {
	CoachID int64 `json:"coach_id"`
}

// CompetencyBody is a competency of the framework with its anchors for levels 1 to 5.
type CompetencyBody struct {
	Key     string   `json:"key"`
	Label   string   `json:"label"`
	Summary string   `json:"summary"`
	Anchors []string `json:"anchors"`
}

func competencyBodies() []CompetencyBody {
	out := make([]CompetencyBody, 0, len(model.Competencies))
	for _, c := range model.Competencies {
		out = append(out, CompetencyBody{Key: c.Key, Label: c.Label, Summary: c.Summary, Anchors: c.Anchors[:]})
	}
	return out
}

// AssessmentBody is a 360 assessment; how many answered is never told.
type AssessmentBody struct {
	ID          int64     `json:"id"`
	Subject     MemberRef `json:"subject"`
	Title       string    `json:"title"`
	OpensOn     string    `json:"opens_on"`
	ClosesOn    string    `json:"closes_on"`
	Status      string    `json:"status"`
	MinGroup    int       `json:"anonymity_threshold"`
	Invited     int       `json:"asked"`
	YourPart    string    `json:"your_relation,omitempty"`
	YouAnswered bool      `json:"answered_by_you,omitempty"`
}

func assessmentBody(a model.Assessment) AssessmentBody {
	return AssessmentBody{ID: a.ID, Subject: MemberRef{ID: a.SubjectID, Name: a.SubjectName}, Title: a.Title, OpensOn: a.OpensOn, ClosesOn: a.ClosesOn,
		Status: string(a.Status), MinGroup: a.MinGroup, Invited: a.Invited, YourPart: string(a.MyRelation), YouAnswered: a.IAnswered}
}

func assessmentBodies(as []model.Assessment) []AssessmentBody {
	out := make([]AssessmentBody, 0, len(as))
	for _, a := range as {
		out = append(out, assessmentBody(a))
	}
	return out
}

// AssessmentsHubBody is the caller's 360s.
type AssessmentsHubBody struct {
	ToAnswer []AssessmentBody `json:"to_answer"`
	Mine     []AssessmentBody `json:"mine"`
	Line     []AssessmentBody `json:"reporting_line"`
}

// AssessmentRequest starts a 360.
type AssessmentRequest struct {
	SubjectID int64   `json:"subject_id"`
	Title     string  `json:"title"`
	ClosesOn  string  `json:"closes_on"`
	PeerIDs   []int64 `json:"peer_ids"`
}

// AssessmentFormBody is what a rater answers.
type AssessmentFormBody struct {
	Assessment   AssessmentBody   `json:"assessment"`
	Relation     string           `json:"your_relation"`
	Answered     bool             `json:"answered"`
	Anonymous    bool             `json:"anonymous"`
	Competencies []CompetencyBody `json:"competencies"`
}

// RatingsRequest is one rater's answers: competency key → level 1 to 5; leave out what
// you cannot judge.
type RatingsRequest struct {
	Ratings map[string]int `json:"ratings"`
}

// GroupScoreBody is one group's ratings of a competency; a hidden group has no mean
// and no count.
type GroupScoreBody struct {
	Shown bool     `json:"shown"`
	Mean  *float64 `json:"mean"`
	N     *int     `json:"n"`
}

func groupScoreBody(g model.GroupScore) GroupScoreBody {
	if !g.Shown {
		return GroupScoreBody{}
	}
	m, n := g.Mean, g.N
	return GroupScoreBody{Shown: true, Mean: &m, N: &n}
}

// CompetencyResultBody is one competency of a 360's results.
type CompetencyResultBody struct {
	Key     string         `json:"key"`
	Label   string         `json:"label"`
	Self    GroupScoreBody `json:"self"`
	Manager GroupScoreBody `json:"manager"`
	Peers   GroupScoreBody `json:"peers"`
	Reports GroupScoreBody `json:"direct_reports"`
	Others  GroupScoreBody `json:"others"`
	Gap     *float64       `json:"self_minus_others"`
}

// AssessmentResultsBody is a closed 360's results through the anonymity rules.
type AssessmentResultsBody struct {
	K            int                    `json:"anonymity_threshold"`
	PeersShown   bool                   `json:"peers_shown"`
	ReportsShown bool                   `json:"direct_reports_shown"`
	Peers        *int                   `json:"peers_answered"`
	Reports      *int                   `json:"direct_reports_answered"`
	Competencies []CompetencyResultBody `json:"competencies"`
	Others       GroupScoreBody         `json:"others_overall"`
}

func resultsBody360(r model.AssessmentResults) AssessmentResultsBody {
	b := AssessmentResultsBody{K: r.K, PeersShown: r.PeersShown, ReportsShown: r.ReportsShown, Others: groupScoreBody(r.Others), Competencies: []CompetencyResultBody{}}
	if r.PeersShown {
		n := r.Peers
		b.Peers = &n
	}
	if r.ReportsShown {
		n := r.Reports
		b.Reports = &n
	}
	for _, it := range r.Items {
		c := CompetencyResultBody{Key: it.Competency.Key, Label: it.Competency.Label, Self: groupScoreBody(it.Self), Manager: groupScoreBody(it.Manager),
			Peers: groupScoreBody(it.Peers), Reports: groupScoreBody(it.Reports), Others: groupScoreBody(it.Others)}
		if it.HasGap {
			g := it.Gap
			c.Gap = &g
		}
		b.Competencies = append(b.Competencies, c)
	}
	return b
}

// AssessmentDetailBody is a 360 for its readers, with results once closed.
type AssessmentDetailBody struct {
	Assessment AssessmentBody         `json:"assessment"`
	Results    *AssessmentResultsBody `json:"results"`
}

// ModuleRefBody names a module.
type ModuleRefBody struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	ProgramID int64  `json:"program_id"`
	Program   string `json:"program"`
}

// PlanItemBody is a goal of a development plan.
type PlanItemBody struct {
	ID         int64   `json:"id"`
	Competency string  `json:"competency"`
	GoalID     int64   `json:"goal_id,omitempty"`
	Goal       string  `json:"goal,omitempty"`
	Progress   float64 `json:"goal_progress"`
	ModuleID   int64   `json:"module_id,omitempty"`
	Module     string  `json:"module,omitempty"`
}

// PlanGapBody is one competency of a plan.
type PlanGapBody struct {
	Competency string          `json:"competency"`
	Label      string          `json:"label"`
	Others     *float64        `json:"others"`
	Self       *float64        `json:"self"`
	Gap        *float64        `json:"self_minus_others"`
	Modules    []ModuleRefBody `json:"modules"`
}

// DevPlanBody is a development plan.
type DevPlanBody struct {
	Person       MemberRef      `json:"person"`
	AssessmentID int64          `json:"assessment_id,omitempty"`
	Gaps         []PlanGapBody  `json:"competencies"`
	Items        []PlanItemBody `json:"goals"`
}

// PlanGoalRequest turns a competency into a goal linked to a module.
type PlanGoalRequest struct {
	Competency string `json:"competency"`
	Title      string `json:"title"`
	ModuleID   int64  `json:"module_id"`
	Period     string `json:"period"`
}

// DevMeasureBody is one middle manager's development measures; a missing measure is null.
type DevMeasureBody struct {
	PersonID          int64    `json:"person_id"`
	Name              string   `json:"name"`
	Progress          *float64 `json:"program_progress"`
	OthersBefore      *float64 `json:"others_rating_before"`
	OthersAfter       *float64 `json:"others_rating_after"`
	Growth            *float64 `json:"competency_growth"`
	Upward            *float64 `json:"upward_rating"`
	UpwardRespondents *int     `json:"upward_respondents"`
	UpwardOn          string   `json:"upward_on,omitempty"`
}

// CohortMemberBody is a person of a program's cohorts with the cohort's dates.
type CohortMemberBody struct {
	CohortID  int64   `json:"cohort_id"`
	Cohort    string  `json:"cohort"`
	ProgramID int64   `json:"program_id"`
	PersonID  int64   `json:"person_id"`
	Name      string  `json:"name"`
	Role      string  `json:"role"`
	StartsOn  string  `json:"starts_on"`
	EndsOn    string  `json:"ends_on"`
	Progress  float64 `json:"progress"`
	Complete  bool    `json:"complete"`
}

// UpwardRatingBody is one manager's direct-report rating in one closed 360, where shown.
type UpwardRatingBody struct {
	PersonID     int64   `json:"person_id"`
	AssessmentID int64   `json:"assessment_id"`
	ClosedOn     string  `json:"closed_on"`
	Mean         float64 `json:"mean"`
	Respondents  int     `json:"respondents"`
}

// EnrolmentBody is one of the caller's cohorts with their progress.
type EnrolmentBody struct {
	Cohort   CohortBody    `json:"cohort"`
	Role     string        `json:"role"`
	Progress *ProgressBody `json:"progress,omitempty"`
}

// DevelopmentHomeBody is the caller's development.
type DevelopmentHomeBody struct {
	Enrolments   []EnrolmentBody  `json:"programs"`
	Facilitating []EnrolmentBody  `json:"facilitating"`
	NextSession  *WorkshopBody    `json:"next_workshop"`
	Coach        *AssignmentBody  `json:"coach"`
	ToAnswer     []AssessmentBody `json:"assessments_to_answer"`
	Mine         []AssessmentBody `json:"my_assessments"`
}

// Handlers.

func (h *Handler) today() string { return h.core.Now().UTC().Format("2006-01-02") }

// start2 reads the actor and the {id} and {module} path values.
func (h *Handler) start2(w http.ResponseWriter, r *http.Request) (model.Actor, int64, int64, bool) {
	a, id, ok := h.start(w, r, "cohort")
	if !ok {
		return a, 0, 0, false
	}
	mid, err := strconv.ParseInt(r.PathValue("module"), 10, 64)
	if err != nil || mid <= 0 {
		h.fail(w, r, model.NotFound("module"))
		return a, 0, 0, false
	}
	return a, id, mid, true
}

func (h *Handler) myDevelopment(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	d, err := h.core.MyDevelopment(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	day := h.today()
	b := DevelopmentHomeBody{Enrolments: []EnrolmentBody{}, Facilitating: []EnrolmentBody{}, ToAnswer: assessmentBodies(d.ToAnswer), Mine: assessmentBodies(d.Mine)}
	for _, e := range d.Enrolments {
		p := progressBody(e.Progress)
		b.Enrolments = append(b.Enrolments, EnrolmentBody{Cohort: cohortBody(e.Cohort, day), Role: string(e.Role), Progress: &p})
	}
	for _, e := range d.Facilitating {
		b.Facilitating = append(b.Facilitating, EnrolmentBody{Cohort: cohortBody(e.Cohort, day), Role: string(e.Role)})
	}
	if d.NextSession != nil {
		s := workshopBody(*d.NextSession)
		b.NextSession = &s
	}
	if d.Coach != nil {
		c := assignmentBody(*d.Coach)
		b.Coach = &c
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[DevelopmentHomeBody]{Data: b})
}

func (h *Handler) devPrograms(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	ps, err := h.core.DevPrograms(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]DevProgramBody, 0, len(ps))
	for _, p := range ps {
		out = append(out, devProgramBody(p))
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[[]DevProgramBody]{Data: out})
}

func (h *Handler) sendProgram(w http.ResponseWriter, r *http.Request, a model.Actor, id int64, status int) {
	d, err := h.core.DevProgram(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := DevProgramDetailBody{DevProgramBody: devProgramBody(d.Program), ModuleList: []ModuleBody{}, CanEdit: d.CanEdit}
	for _, m := range d.Modules {
		b.ModuleList = append(b.ModuleList, moduleBody(m))
	}
	day := h.today()
	for _, c := range d.Cohorts {
		b.CohortList = append(b.CohortList, cohortBody(c, day))
	}
	httpx.WriteJSON(w, status, DataBody[DevProgramDetailBody]{Data: b})
}

func (h *Handler) devProgram(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "program")
	if ok {
		h.sendProgram(w, r, a, id, http.StatusOK)
	}
}

func (h *Handler) createDevProgram(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var q DevProgramRequest
	if !h.decode(w, r, &q) {
		return
	}
	id, err := h.core.CreateDevProgram(r.Context(), a, q.input())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendProgram(w, r, a, id, http.StatusCreated)
}

func (h *Handler) updateDevProgram(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "program")
	if !ok {
		return
	}
	var q DevProgramRequest
	if !h.decode(w, r, &q) {
		return
	}
	if err := h.core.UpdateDevProgram(r.Context(), a, id, q.input()); err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendProgram(w, r, a, id, http.StatusOK)
}

func (h *Handler) copyDevProgram(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "program")
	if !ok {
		return
	}
	var q CopyRequest
	if r.ContentLength != 0 && !h.decode(w, r, &q) {
		return
	}
	nid, err := h.core.CopyDevProgram(r.Context(), a, id, q.Title)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendProgram(w, r, a, nid, http.StatusCreated)
}

func (h *Handler) addDevModule(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "program")
	if !ok {
		return
	}
	var q ModuleRequest
	if !h.decode(w, r, &q) {
		return
	}
	mid, err := h.core.AddDevModule(r.Context(), a, id, q.input())
	if err == nil {
		var m model.DevModule
		if m, err = h.core.DevModule(r.Context(), a, mid); err == nil {
			httpx.WriteJSON(w, http.StatusCreated, DataBody[ModuleBody]{Data: moduleBody(m)})
			return
		}
	}
	h.fail(w, r, err)
}

func (h *Handler) updateDevModule(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "module")
	if !ok {
		return
	}
	var q ModuleRequest
	if !h.decode(w, r, &q) {
		return
	}
	err := h.core.UpdateDevModule(r.Context(), a, id, q.input())
	if err == nil {
		var m model.DevModule
		if m, err = h.core.DevModule(r.Context(), a, id); err == nil {
			httpx.WriteJSON(w, http.StatusOK, DataBody[ModuleBody]{Data: moduleBody(m)})
			return
		}
	}
	h.fail(w, r, err)
}

func (h *Handler) deleteDevModule(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "module")
	if ok {
		h.done(w, r, h.core.DeleteDevModule(r.Context(), a, id))
	}
}

func (h *Handler) cohorts(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	sums, err := h.core.CohortsOverview(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	day := h.today()
	out := make([]CohortSummaryBody, 0, len(sums))
	for _, s := range sums {
		out = append(out, CohortSummaryBody{CohortBody: cohortBody(s.Cohort, day), MeanProgress: s.Mean, Behind: s.Behind, Complete: s.Complete, OnTrack: s.OnTrack})
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[[]CohortSummaryBody]{Data: out})
}

func (h *Handler) sendCohort(w http.ResponseWriter, r *http.Request, a model.Actor, id int64, status int) {
	v, err := h.core.Cohort(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := CohortDetailBody{CohortBody: cohortBody(v.Cohort, v.Today), YourPart: string(v.Role), Modules: []ModuleBody{}, FacilitatedBy: memberRefs(v.Facilitators)}
	for _, m := range v.Modules {
		b.Modules = append(b.Modules, moduleBody(m))
	}
	if v.Mine != nil {
		p := progressBody(*v.Mine)
		b.YourProgress = &p
	}
	if v.CanFacilitate {
		b.Participants = []ParticipantBody{}
		for _, p := range v.Participants {
			b.Participants = append(b.Participants, ParticipantBody{Person: memberRef(p.Person), Progress: progressBody(p.Progress)})
		}
		for _, s := range v.Spreads {
			sb := SpreadBody{ModuleID: s.Module.ID, Title: s.Module.Title, Shown: s.Shown, Options: []OptionCountBody{}}
			if s.Shown {
				n := s.Answers
				sb.Answers = &n
				for _, o := range s.Options {
					sb.Options = append(sb.Options, OptionCountBody{Label: o.Label, Count: o.Count, Share: o.Share})
				}
			}
			b.Spreads = append(b.Spreads, sb)
		}
		for _, p := range v.Projects {
			b.Projects = append(b.Projects, actionProjectBody(p))
		}
		mean, behind, onTrack := v.Mean, v.Behind, v.OnTrack
		b.MeanProgress, b.Behind, b.OnTrack = &mean, &behind, &onTrack
	}
	httpx.WriteJSON(w, status, DataBody[CohortDetailBody]{Data: b})
}

func (h *Handler) cohort(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "cohort")
	if ok {
		h.sendCohort(w, r, a, id, http.StatusOK)
	}
}

func (h *Handler) createCohort(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var q CohortRequest
	if !h.decode(w, r, &q) {
		return
	}
	id, err := h.core.CreateCohort(r.Context(), a, model.CohortInput{ProgramID: q.ProgramID, Name: q.Name, StartsOn: q.StartsOn, EndsOn: q.EndsOn,
		ParticipantIDs: q.ParticipantIDs, FacilitatorIDs: q.FacilitatorIDs})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendCohort(w, r, a, id, http.StatusCreated)
}

func (h *Handler) addCohortMembers(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "cohort")
	if !ok {
		return
	}
	var q MembersRequest
	if !h.decode(w, r, &q) {
		return
	}
	if err := h.core.AddCohortMembers(r.Context(), a, id, q.ParticipantIDs, q.FacilitatorIDs); err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendCohort(w, r, a, id, http.StatusOK)
}

func (h *Handler) recordCompletion(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "cohort")
	if !ok {
		return
	}
	var q CompletionRequest
	if h.decode(w, r, &q) {
		h.done(w, r, h.core.RecordCompletion(r.Context(), a, id, q.PersonID, q.ModuleID, q.Done))
	}
}

func (h *Handler) sendCohortModule(w http.ResponseWriter, r *http.Request, a model.Actor, id, mid int64, status int) {
	v, err := h.core.ModuleInCohort(r.Context(), a, id, mid)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := CohortModuleBody{CohortID: id, Module: moduleBody(v.Module), MyChoice: v.Choice, SelfRated: v.SelfRated}
	if v.Progress != nil {
		m := v.Progress
		b.Progress = &ModuleProgressBody{ModuleID: m.Module.ID, Title: m.Module.Title, Kind: string(m.Module.Kind), Required: m.Module.Required, State: string(m.State),
			DueOn: m.DueOn, Overdue: m.Overdue, CompletedAt: m.DoneAt}
	}
	if v.Entry != nil {
		e := journalBody(*v.Entry)
		b.MyReflection = &e
	}
	if v.Project != nil {
		p := actionProjectBody(*v.Project)
		b.Project = &p
	}
	if len(v.Sessions) > 0 {
		b.Sessions = workshopBodies(v.Sessions)
	}
	httpx.WriteJSON(w, status, DataBody[CohortModuleBody]{Data: b})
}

func (h *Handler) cohortModule(w http.ResponseWriter, r *http.Request) {
	a, id, mid, ok := h.start2(w, r)
	if ok {
		h.sendCohortModule(w, r, a, id, mid, http.StatusOK)
	}
}

func (h *Handler) completeModule(w http.ResponseWriter, r *http.Request) {
	a, id, mid, ok := h.start2(w, r)
	if !ok {
		return
	}
	if err := h.core.CompleteModule(r.Context(), a, id, mid); err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendCohortModule(w, r, a, id, mid, http.StatusOK)
}

func (h *Handler) putReflection(w http.ResponseWriter, r *http.Request) {
	a, id, mid, ok := h.start2(w, r)
	if !ok {
		return
	}
	var q ModuleReflectionRequest
	if !h.decode(w, r, &q) {
		return
	}
	if _, err := h.core.SubmitReflection(r.Context(), a, id, mid, model.ModuleReflectionInput{Body: q.Body, OptionID: q.OptionID}); err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendCohortModule(w, r, a, id, mid, http.StatusOK)
}

func (h *Handler) putActionProject(w http.ResponseWriter, r *http.Request) {
	a, id, mid, ok := h.start2(w, r)
	if !ok {
		return
	}
	var q ActionProjectRequest
	if !h.decode(w, r, &q) {
		return
	}
	if err := h.core.SaveActionProject(r.Context(), a, id, mid, model.ActionProjectInput{Plan: q.Plan, Outcome: q.Outcome, GoalID: q.GoalID, MetricID: q.MetricID, Submit: q.Submit}); err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendCohortModule(w, r, a, id, mid, http.StatusOK)
}

func (h *Handler) workshops(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	c, err := h.core.Workshops(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[WorkshopCalendarBody]{Data: WorkshopCalendarBody{Upcoming: workshopBodies(c.Upcoming), Past: workshopBodies(c.Past)}})
}

func (h *Handler) sendWorkshop(w http.ResponseWriter, r *http.Request, a model.Actor, id int64, status int) {
	d, err := h.core.Workshop(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := WorkshopDetailBody{WorkshopBody: workshopBody(d.Session), CanManage: d.CanManage, CanRegister: d.CanRegister, NotOpen: d.NotOpen}
	for _, reg := range d.Registrations {
		b.Registrations = append(b.Registrations, RegistrationBody{Person: MemberRef{ID: reg.PersonID, Name: reg.Name, Title: reg.Title}, Attendance: string(reg.Attendance)})
	}
	httpx.WriteJSON(w, status, DataBody[WorkshopDetailBody]{Data: b})
}

func (h *Handler) workshop(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "workshop session")
	if ok {
		h.sendWorkshop(w, r, a, id, http.StatusOK)
	}
}

func (h *Handler) createWorkshop(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var q WorkshopRequest
	if !h.decode(w, r, &q) {
		return
	}
	id, err := h.core.CreateWorkshop(r.Context(), a, q.input())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendWorkshop(w, r, a, id, http.StatusCreated)
}

func (h *Handler) updateWorkshop(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "workshop session")
	if !ok {
		return
	}
	var q WorkshopRequest
	if !h.decode(w, r, &q) {
		return
	}
	if err := h.core.UpdateWorkshop(r.Context(), a, id, q.input()); err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendWorkshop(w, r, a, id, http.StatusOK)
}

func (h *Handler) registerWorkshop(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "workshop session")
	if ok {
		h.done(w, r, h.core.RegisterWorkshop(r.Context(), a, id))
	}
}

func (h *Handler) unregisterWorkshop(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "workshop session")
	if ok {
		h.done(w, r, h.core.UnregisterWorkshop(r.Context(), a, id))
	}
}

func (h *Handler) putAttendance(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "workshop session")
	if !ok {
		return
	}
	var q AttendanceRequest
	if !h.decode(w, r, &q) {
		return
	}
	in := model.AttendanceInput{Attendance: map[int64]model.Attendance{}}
	for _, rec := range q.Records {
		in.Attendance[rec.PersonID] = model.Attendance(rec.Attendance)
	}
	if err := h.core.RecordAttendance(r.Context(), a, id, in); err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendWorkshop(w, r, a, id, http.StatusOK)
}

func writeICS(w http.ResponseWriter, data []byte) {
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(data)
}

func (h *Handler) workshopICS(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "workshop session")
	if !ok {
		return
	}
	data, err := h.core.WorkshopICS(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeICS(w, data)
}

func (h *Handler) calendarFeed(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	f, err := h.core.MyCalendarFeed(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[CalendarFeedBody]{Data: CalendarFeedBody{Active: f.Active, CreatedAt: f.CreatedAt}})
}

func (h *Handler) newCalendarFeed(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	token, err := h.core.NewCalendarFeed(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	scheme := "http"
	if httpx.IsHTTPS(r, false) {
		scheme = "https"
	}
	httpx.WriteJSON(w, http.StatusCreated, DataBody[CalendarFeedBody]{Data: CalendarFeedBody{Active: true, CreatedAt: h.core.Now().Unix(), Token: token,
		URL: scheme + "://" + r.Host + "/calendar/feed.ics?token=" + token}})
}

func (h *Handler) revokeCalendarFeed(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if ok {
		h.done(w, r, h.core.RevokeCalendarFeed(r.Context(), a))
	}
}

func (h *Handler) coaching(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	o, err := h.core.Coaching(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := CoachingOverviewBody{Coaches: assignmentBodies(o.Coaches), Coachees: assignmentBodies(o.Coachees)}
	if o.CanAssign {
		b.All = assignmentBodies(o.All)
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[CoachingOverviewBody]{Data: b})
}

func (h *Handler) sendCoaching(w http.ResponseWriter, r *http.Request, a model.Actor, id int64, status int) {
	d, err := h.core.CoachingRelationship(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := CoachingDetailBody{AssignmentBody: assignmentBody(d.Assignment), SessionList: []CoachingSessionBody{}}
	switch {
	case d.IsCoach:
		b.YourPart = "coach"
	case d.IsCoachee:
		b.YourPart = "coachee"
	}
	for _, s := range d.Sessions {
		b.SessionList = append(b.SessionList, CoachingSessionBody{ID: s.ID, StartsAt: rfc(s.StartsAt), EndsAt: rfc(s.EndsAt), Place: s.Place, Status: string(s.Status)})
	}
	for _, c := range d.Commitments {
		b.Commitments = append(b.Commitments, CommitmentBody{ID: c.ID, Text: c.Text, Owner: c.Owner, DueOn: c.DueOn, Done: c.Done})
	}
	if len(d.Shared) > 0 {
		b.SharedReflections = journalBodies(d.Shared)
	}
	httpx.WriteJSON(w, status, DataBody[CoachingDetailBody]{Data: b})
}

func (h *Handler) coachingDetail(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "coaching")
	if ok {
		h.sendCoaching(w, r, a, id, http.StatusOK)
	}
}

func (h *Handler) assignCoach(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var q AssignRequest
	if !h.decode(w, r, &q) {
		return
	}
	id, err := h.core.AssignCoach(r.Context(), a, model.CoachingAssignmentInput{CoachID: q.CoachID, CoacheeID: q.CoacheeID, Focus: q.Focus})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendCoaching(w, r, a, id, http.StatusCreated)
}

func (h *Handler) scheduleCoaching(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "coaching")
	if !ok {
		return
	}
	var q CoachingSessionRequest
	if !h.decode(w, r, &q) {
		return
	}
	if _, err := h.core.ScheduleCoachingSession(r.Context(), a, id, model.CoachingSessionInput{StartsAt: q.StartsAt, EndsAt: q.EndsAt, Place: q.Place}); err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendCoaching(w, r, a, id, http.StatusCreated)
}

func (h *Handler) addCommitment(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "coaching")
	if !ok {
		return
	}
	var q CommitmentRequest
	if !h.decode(w, r, &q) {
		return
	}
	if _, err := h.core.AddCommitment(r.Context(), a, id, model.CommitmentInput{Text: q.Text, Owner: q.Owner, DueOn: q.DueOn}); err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendCoaching(w, r, a, id, http.StatusCreated)
}

func (h *Handler) endCoaching(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "coaching")
	if ok {
		h.done(w, r, h.core.EndCoaching(r.Context(), a, id))
	}
}

func (h *Handler) coachingSessionStatus(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "coaching session")
	if !ok {
		return
	}
	var q StatusRequest
	if h.decode(w, r, &q) {
		h.done(w, r, h.core.SetCoachingSessionStatus(r.Context(), a, id, model.SessionStatus(q.Status)))
	}
}

func (h *Handler) coachingSessionICS(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "coaching session")
	if !ok {
		return
	}
	data, err := h.core.CoachingSessionICS(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeICS(w, data)
}

func (h *Handler) commitmentDone(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "commitment")
	if !ok {
		return
	}
	var q DoneRequest
	if h.decode(w, r, &q) {
		h.done(w, r, h.core.SetCommitmentDone(r.Context(), a, id, q.Done))
	}
}

func (h *Handler) journal(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	es, err := h.core.Journal(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[[]JournalEntryBody]{Data: journalBodies(es)})
}

func (h *Handler) sendJournalEntry(w http.ResponseWriter, r *http.Request, a model.Actor, id int64, status int) {
	e, err := h.core.JournalEntry(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, status, DataBody[JournalEntryBody]{Data: journalBody(e)})
}

func (h *Handler) journalEntry(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "journal entry")
	if ok {
		h.sendJournalEntry(w, r, a, id, http.StatusOK)
	}
}

func (h *Handler) writeJournal(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var q JournalRequest
	if !h.decode(w, r, &q) {
		return
	}
	id, err := h.core.WriteJournal(r.Context(), a, model.JournalInput{Prompt: q.Prompt, Body: q.Body})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendJournalEntry(w, r, a, id, http.StatusCreated)
}

func (h *Handler) updateJournal(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "journal entry")
	if !ok {
		return
	}
	var q JournalRequest
	if !h.decode(w, r, &q) {
		return
	}
	if err := h.core.UpdateJournal(r.Context(), a, id, model.JournalInput{Prompt: q.Prompt, Body: q.Body}); err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendJournalEntry(w, r, a, id, http.StatusOK)
}

func (h *Handler) deleteJournal(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "journal entry")
	if ok {
		h.done(w, r, h.core.DeleteJournal(r.Context(), a, id))
	}
}

func (h *Handler) shareJournal(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "journal entry")
	if !ok {
		return
	}
	var q ShareRequest
	if !h.decode(w, r, &q) {
		return
	}
	if err := h.core.ShareJournal(r.Context(), a, id, q.CoachID); err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendJournalEntry(w, r, a, id, http.StatusOK)
}

func (h *Handler) exportJournal(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	format := r.URL.Query().Get("format")
	data, name, err := h.core.ExportJournal(r.Context(), a, format)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ctype := "text/markdown; charset=utf-8"
	if format == core.ExportCSV {
		ctype = "text/csv; charset=utf-8"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, _ = w.Write(data)
}

func (h *Handler) competencyFramework(w http.ResponseWriter, r *http.Request) {
	if _, ok := actor(w, r); ok {
		httpx.WriteJSON(w, http.StatusOK, DataBody[[]CompetencyBody]{Data: competencyBodies()})
	}
}

func (h *Handler) assessments(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	hub, err := h.core.Assessments(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[AssessmentsHubBody]{Data: AssessmentsHubBody{ToAnswer: assessmentBodies(hub.ToAnswer), Mine: assessmentBodies(hub.Mine), Line: assessmentBodies(hub.Line)}})
}

func (h *Handler) sendAssessment(w http.ResponseWriter, r *http.Request, a model.Actor, id int64, status int) {
	d, err := h.core.Assessment(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := AssessmentDetailBody{Assessment: assessmentBody(d.Assessment)}
	if d.Results != nil {
		res := resultsBody360(*d.Results)
		b.Results = &res
	}
	httpx.WriteJSON(w, status, DataBody[AssessmentDetailBody]{Data: b})
}

func (h *Handler) assessment(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "assessment")
	if ok {
		h.sendAssessment(w, r, a, id, http.StatusOK)
	}
}

func (h *Handler) startAssessment(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var q AssessmentRequest
	if !h.decode(w, r, &q) {
		return
	}
	id, err := h.core.StartAssessment(r.Context(), a, model.AssessmentInput{SubjectID: q.SubjectID, Title: q.Title, ClosesOn: q.ClosesOn, PeerIDs: q.PeerIDs})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendAssessment(w, r, a, id, http.StatusCreated)
}

func (h *Handler) closeAssessment(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "assessment")
	if !ok {
		return
	}
	if err := h.core.CloseAssessment(r.Context(), a, id); err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendAssessment(w, r, a, id, http.StatusOK)
}

func (h *Handler) assessmentForm(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "assessment")
	if !ok {
		return
	}
	f, err := h.core.AssessmentToAnswer(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[AssessmentFormBody]{Data: AssessmentFormBody{Assessment: assessmentBody(f.Assessment), Relation: string(f.Relation),
		Answered: f.Answered, Anonymous: f.Anonymous, Competencies: competencyBodies()}})
}

func (h *Handler) submitRatings(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "assessment")
	if !ok {
		return
	}
	var q RatingsRequest
	if !h.decode(w, r, &q) {
		return
	}
	if err := h.core.SubmitRatings(r.Context(), a, id, model.RatingsInput{Ratings: q.Ratings}); err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, DataBody[AcceptedBody]{Data: AcceptedBody{Accepted: true, Message: "Your ratings are counted. They cannot be read back or changed."}})
}

func (h *Handler) sendPlan(w http.ResponseWriter, r *http.Request, a model.Actor, personID int64, status int) {
	p, err := h.core.DevelopmentPlan(r.Context(), a, personID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := DevPlanBody{Person: memberRef(p.Person), Gaps: []PlanGapBody{}, Items: []PlanItemBody{}}
	if p.Results != nil {
		b.AssessmentID = p.Results.Assessment.ID
	}
	opt := func(has bool, v float64) *float64 {
		if !has {
			return nil
		}
		return &v
	}
	for _, g := range p.Gaps {
		gb := PlanGapBody{Competency: g.Competency.Key, Label: g.Competency.Label, Others: opt(g.HasOthers, g.Others), Self: opt(g.HasSelf, g.Self), Gap: opt(g.HasGap, g.Gap), Modules: []ModuleRefBody{}}
		for _, m := range g.Modules {
			gb.Modules = append(gb.Modules, ModuleRefBody{ID: m.ID, Title: m.Title, ProgramID: m.ProgramID, Program: m.ProgramTitle})
		}
		b.Gaps = append(b.Gaps, gb)
	}
	for _, it := range p.Items {
		b.Items = append(b.Items, PlanItemBody{ID: it.ID, Competency: it.Competency, GoalID: it.GoalID, Goal: it.GoalTitle, Progress: it.GoalProgress, ModuleID: it.ModuleID, Module: it.ModuleTitle})
	}
	httpx.WriteJSON(w, status, DataBody[DevPlanBody]{Data: b})
}

func (h *Handler) devPlan(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "person")
	if ok {
		h.sendPlan(w, r, a, id, http.StatusOK)
	}
}

func (h *Handler) addPlanGoal(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "person")
	if !ok {
		return
	}
	var q PlanGoalRequest
	if !h.decode(w, r, &q) {
		return
	}
	if _, err := h.core.AddPlanGoal(r.Context(), a, id, model.PlanGoalInput{Competency: q.Competency, Title: q.Title, ModuleID: q.ModuleID, Period: q.Period}); err != nil {
		h.fail(w, r, err)
		return
	}
	h.sendPlan(w, r, a, id, http.StatusCreated)
}

func (h *Handler) developmentMeasures(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	period := r.URL.Query().Get("period")
	if period == "" {
		period = model.CurrentQuarter(h.core.Now())
	}
	ms, err := h.core.DevelopmentMeasures(r.Context(), a, period)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]DevMeasureBody, 0, len(ms))
	for _, m := range ms {
		b := DevMeasureBody{PersonID: m.PersonID, Name: m.Name}
		if m.HasProgress {
			v := m.Progress
			b.Progress = &v
		}
		if m.HasGrowth {
			bf, af, g := m.OthersBefore, m.OthersAfter, m.Growth
			b.OthersBefore, b.OthersAfter, b.Growth = &bf, &af, &g
		}
		if m.HasUpward {
			u, n := m.Upward, m.UpwardRespondents
			b.Upward, b.UpwardRespondents, b.UpwardOn = &u, &n, m.UpwardOn
		}
		out = append(out, b)
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[[]DevMeasureBody]{Data: out})
}

func (h *Handler) cohortMembers(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	pid, err := idParam(r, "program_id")
	var ms []model.CohortMember
	if err == nil {
		ms, err = h.core.CohortMembers(r.Context(), a, pid)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]CohortMemberBody, 0, len(ms))
	for _, m := range ms {
		out = append(out, CohortMemberBody{CohortID: m.CohortID, Cohort: m.CohortName, ProgramID: m.ProgramID, PersonID: m.PersonID, Name: m.Name, Role: string(m.Role),
			StartsOn: m.StartsOn, EndsOn: m.EndsOn, Progress: m.Progress, Complete: m.Complete})
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[[]CohortMemberBody]{Data: out})
}

func (h *Handler) upwardRatings(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	us, err := h.core.UpwardRatings(r.Context(), a)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]UpwardRatingBody, 0, len(us))
	for _, u := range us {
		out = append(out, UpwardRatingBody{PersonID: u.PersonID, AssessmentID: u.AssessmentID, ClosedOn: u.ClosedOn, Mean: u.Mean, Respondents: u.Respondents})
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[[]UpwardRatingBody]{Data: out})
}
