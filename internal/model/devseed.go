package model

// DevelopmentSeed is development history written in one step, with the instants it
// happened at: the demo organization's cohorts and their progress, workshops, coaching
// and 360 assessments. core.SeedDevelopment checks it with the same rules as the forms.
type DevelopmentSeed struct {
	Cohorts     []CohortSeed
	Workshops   []WorkshopSeed // sessions without a cohort
	Coaching    []CoachingSeed
	Assessments []AssessmentSeed
	Journal     []JournalSeed
}

// CohortSeed is a cohort with its people, completions, sessions and action projects.
type CohortSeed struct {
	CohortInput
	Completions []CompletionSeed
	Workshops   []WorkshopSeed
	Projects    []ActionProject // CohortID is filled in
}

// CompletionSeed is a completed module.
type CompletionSeed struct {
	PersonID, ModuleID int64
	OptionID           int64 // a dilemma's choice
	At                 int64
}

// WorkshopSeed is a session with its registrations.
type WorkshopSeed struct {
	ModuleID      int64
	Title         string
	Description   string
	Start, End    int64
	Place         string
	VideoURL      string
	Capacity      int
	FacilitatorID int64
	Registrations []Registration
}

// CoachingSeed is a coaching relationship with its sessions and commitments.
type CoachingSeed struct {
	CoachingAssignmentInput
	StartedOn   string
	Sessions    []CoachingSession
	Commitments []Commitment
}

// NumCompetencies is the number of competencies in the framework (len(Competencies)).
const NumCompetencies = 6

// AssessmentSeed is a 360 assessment with its raters and their answers.
type AssessmentSeed struct {
	SubjectID         int64
	Title             string
	OpensOn, ClosesOn string
	Closed            bool
	Raters            []RaterSeed
}

// RaterSeed is one rater; Levels are their ratings in the order of Competencies (0 for
// cannot say), when they answered.
type RaterSeed struct {
	PersonID int64
	Relation Relation
	Answered bool
	Levels   [NumCompetencies]int
}

// JournalSeed is a journal entry of one of the demo's sign-in accounts. Cohort is a
// 1-based index into DevelopmentSeed.Cohorts (0 for an entry outside any cohort).
type JournalSeed struct {
	PersonID, ModuleID int64
	Cohort             int
	Prompt, Body       string
	SharedWithID       int64
	At                 int64
}
