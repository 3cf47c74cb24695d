package model

// CollabSeed is collaboration history written in one step, with the instants it
// happened at: the demo organization's initiatives, hackathons, posts and service corps.
// core.SeedCollaboration checks it with the same rules as the forms.
type CollabSeed struct {
	Hackathons  []HackathonSeed
	Initiatives []InitiativeSeed
	Posts       []PostSeed
	Programs    []ProgramSeed
}

// InitiativeSeed is an initiative with its history.
type InitiativeSeed struct {
	InitiativeInput
	CreatedAt  int64
	Members    []MemberSeed // the lead is added when missing
	Milestones []MilestoneSeed
	Requests   []JoinSeed // pending requests to join
	// FromHackathon and FromTeam (1-based indexes into CollabSeed.Hackathons and its
	// Teams; 0 for none) name the winning submission the initiative grew from.
	FromHackathon, FromTeam int
}

// MemberSeed is a member of a seeded initiative.
type MemberSeed struct {
	PersonID int64
	Role     string
	JoinedAt int64
}

// MilestoneSeed is a milestone of a seeded initiative.
type MilestoneSeed struct {
	Title, DueOn string
	DoneAt       int64
}

// JoinSeed is a pending request to join.
type JoinSeed struct {
	PersonID int64
	Message  string
	At       int64
}

// HackathonSeed is a hackathon with its history.
type HackathonSeed struct {
	HackathonInput
	Status      HackathonStatus
	OrganizerID int64
	CreatedAt   int64
	Challenges  []ChallengeInput
	Teams       []TeamSeed
	Unteamed    []int64 // registered without a team
	Votes       []VoteSeed
}

// TeamSeed is a hackathon team; Members[0] founded it.
type TeamSeed struct {
	Name           string
	Challenge      int // index into the hackathon's Challenges
	Members        []int64
	At             int64
	Submission     *SubmissionInput
	SubmittedAt    int64
	Place          int
	AudienceChoice bool
	Scores         []ScoreSeed
}

// ScoreSeed is one judge's scores of a team's submission.
type ScoreSeed struct {
	JudgeID int64
	ScoreInput
}

// VoteSeed is an audience vote for a team's submission.
type VoteSeed struct {
	PersonID int64
	Team     int // index into the hackathon's Teams
	At       int64
}

// PostSeed is a post of the hub with its history.
type PostSeed struct {
	PostInput
	AuthorID  int64
	CreatedAt int64
	Steps     []StepSeed // workflow steps, in order
	Voters    []int64
	Comments  []CommentSeed
	Adoptions []AdoptionSeed
}

// StepSeed is one workflow step of a seeded post.
type StepSeed struct {
	To     PostStatus
	Reason string
	By     string
	At     int64
}

// CommentSeed is a comment of a seeded post, with replies one level deep.
type CommentSeed struct {
	AuthorID int64
	Body     string
	At       int64
	Replies  []CommentSeed
}

// AdoptionSeed records a team adopting a seeded best practice.
type AdoptionSeed struct {
	TeamManagerID int64
	AdoptedOn     string
	Note          string
}

// ProgramSeed is a service corps program with its projects.
type ProgramSeed struct {
	ServiceProgramInput
	Status    ServiceStatus
	CreatedAt int64
	Projects  []ProjectSeed
}

// ProjectSeed is a service project with its applications and the work done.
type ProjectSeed struct {
	ServiceProjectInput
	Applications []ApplicationSeed
	Logs         []LogSeed
	Reflections  []ReflectionSeed
	Skills       []SkillSeed
}

// ApplicationSeed is an application to a seeded project.
type ApplicationSeed struct {
	PersonID   int64
	Motivation string
	Status     ApplicationStatus
	At         int64
}

// LogSeed is hours logged on a seeded project.
type LogSeed struct {
	PersonID int64
	ServiceLogInput
	At int64
}

// ReflectionSeed is a reflection on a seeded project.
type ReflectionSeed struct {
	PersonID int64
	Body     string
	Shared   bool
	At       int64
}

// SkillSeed records skills developed on a seeded project.
type SkillSeed struct {
	PersonID int64
	Skills   []string
	NotedOn  string
}
