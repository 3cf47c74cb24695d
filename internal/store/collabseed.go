package store

import (
	"context"

	"throughline/internal/model"
)

// The bulk writers below seed collaboration history (the demo organization) in a few
// multi-row statements, with the instants the history happened at. Core checks every
// row before it calls them.

// MemberRow is an initiative member as written in bulk.
type MemberRow struct {
	InitiativeID, PersonID int64
	Role                   string
	JoinedAt               int64
}

// InsertInitiativeMembers writes initiative members.
func (tx *Tx) InsertInitiativeMembers(ctx context.Context, rows []MemberRow) error {
	vals := make([][]any, len(rows))
	for i, r := range rows {
		vals[i] = []any{r.InitiativeID, r.PersonID, r.Role, r.JoinedAt}
	}
	return tx.insertMany(ctx, "initiative_members", []string{"initiative_id", "person_id", "role", "joined_at"}, vals)
}

// MilestoneRow is a milestone as written in bulk.
type MilestoneRow struct {
	InitiativeID int64
	Title, DueOn string
	DoneAt       int64
	Position     int
	CreatedAt    int64
}

// InsertMilestones writes milestones.
func (tx *Tx) InsertMilestones(ctx context.Context, rows []MilestoneRow) error {
	vals := make([][]any, len(rows))
	for i, r := range rows {
		vals[i] = []any{r.InitiativeID, r.Title, r.DueOn, r.DoneAt, r.Position, r.CreatedAt}
	}
	return tx.insertMany(ctx, "initiative_milestones", []string{"initiative_id", "title", "due_on", "done_at", "position", "created_at"}, vals)
}

// JoinRequestRow is a join request as written in bulk.
type JoinRequestRow struct {
	InitiativeID, PersonID int64
	Message                string
	Status                 model.JoinRequestStatus
	DecidedBy              string
	CreatedAt, DecidedAt   int64
}

// InsertJoinRequests writes join requests.
func (tx *Tx) InsertJoinRequests(ctx context.Context, rows []JoinRequestRow) error {
	vals := make([][]any, len(rows))
	for i, r := range rows {
		vals[i] = []any{r.InitiativeID, r.PersonID, r.Message, string(r.Status), r.DecidedBy, r.CreatedAt, r.DecidedAt}
	}
	return tx.insertMany(ctx, "initiative_join_requests", []string{"initiative_id", "person_id", "message", "status", "decided_by_name", "created_at", "decided_at"}, vals)
}

// RegistrationRow is a hackathon registration as written in bulk.
type RegistrationRow struct {
	HackathonID, PersonID, TeamID int64
	At                            int64
}

// InsertRegistrations writes registrations.
func (tx *Tx) InsertRegistrations(ctx context.Context, rows []RegistrationRow) error {
	vals := make([][]any, len(rows))
	for i, r := range rows {
		vals[i] = []any{r.HackathonID, r.PersonID, nullInt64(r.TeamID), r.At}
	}
	return tx.insertMany(ctx, "hackathon_registrations", []string{"hackathon_id", "person_id", "team_id", "registered_at"}, vals)
}

// VoteRow is an audience vote as written in bulk.
type VoteRow struct {
	HackathonID, PersonID, SubmissionID int64
	At                                  int64
}

// InsertVotes writes audience votes; the primary key still allows one per person.
func (tx *Tx) InsertVotes(ctx context.Context, rows []VoteRow) error {
	vals := make([][]any, len(rows))
	for i, r := range rows {
		vals[i] = []any{r.HackathonID, r.PersonID, r.SubmissionID, r.At}
	}
	return tx.insertMany(ctx, "hackathon_votes", []string{"hackathon_id", "person_id", "submission_id", "voted_at"}, vals)
}

// PostLinkRow ties a post to a person (a vote or a co-author) or a tag, at an instant.
type PostLinkRow struct {
	PostID, PersonID int64
	Tag              string
	At               int64
}

// InsertPostTags writes tags.
func (tx *Tx) InsertPostTags(ctx context.Context, rows []PostLinkRow) error {
	vals := make([][]any, len(rows))
	for i, r := range rows {
		vals[i] = []any{r.PostID, r.Tag}
	}
	return tx.insertMany(ctx, "post_tags", []string{"post_id", "tag"}, vals)
}

// InsertCoAuthors writes co-authors.
func (tx *Tx) InsertCoAuthors(ctx context.Context, rows []PostLinkRow) error {
	vals := make([][]any, len(rows))
	for i, r := range rows {
		vals[i] = []any{r.PostID, r.PersonID}
	}
	return tx.insertMany(ctx, "post_coauthors", []string{"post_id", "person_id"}, vals)
}

// InsertPostVotes writes votes for posts.
func (tx *Tx) InsertPostVotes(ctx context.Context, rows []PostLinkRow) error {
	vals := make([][]any, len(rows))
	for i, r := range rows {
		vals[i] = []any{r.PostID, r.PersonID, r.At}
	}
	return tx.insertMany(ctx, "post_votes", []string{"post_id", "person_id", "created_at"}, vals)
}

// CreateCommentAt adds a comment written at an instant.
func (tx *Tx) CreateCommentAt(ctx context.Context, postID, authorID, parentID int64, body string, at int64) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO post_comments (post_id, parent_id, author_person_id, body, created_at) VALUES (?, ?, ?, ?, ?)`,
		postID, nullInt64(parentID), authorID, body, at)
	return id, wrap("create comment", err)
}

// AdoptionRow is a practice adoption as written in bulk.
type AdoptionRow struct {
	PostID, TeamManagerID int64
	AdoptedOn, Note, By   string
	At                    int64
}

// InsertAdoptions writes adoptions.
func (tx *Tx) InsertAdoptions(ctx context.Context, rows []AdoptionRow) error {
	vals := make([][]any, len(rows))
	for i, r := range rows {
		vals[i] = []any{r.PostID, r.TeamManagerID, r.AdoptedOn, r.Note, r.By, r.At}
	}
	return tx.insertMany(ctx, "practice_adoptions", []string{"post_id", "team_manager_id", "adopted_on", "note", "recorded_by_name", "created_at"}, vals)
}

// ApplicationRow is a service application as written in bulk.
type ApplicationRow struct {
	ProjectID, PersonID int64
	Motivation          string
	Status              model.ApplicationStatus
	CreatedAt           int64
	DecidedAt           int64
}

// InsertApplications writes applications.
func (tx *Tx) InsertApplications(ctx context.Context, rows []ApplicationRow) error {
	vals := make([][]any, len(rows))
	for i, r := range rows {
		vals[i] = []any{r.ProjectID, r.PersonID, r.Motivation, string(r.Status), r.CreatedAt, r.DecidedAt}
	}
	return tx.insertMany(ctx, "service_applications", []string{"project_id", "person_id", "motivation", "status", "created_at", "decided_at"}, vals)
}

// LogRow is a service log as written in bulk.
type LogRow struct {
	ProjectID, PersonID int64
	model.ServiceLogInput
	At int64
}

// InsertServiceLogs writes service logs.
func (tx *Tx) InsertServiceLogs(ctx context.Context, rows []LogRow) error {
	vals := make([][]any, len(rows))
	for i, r := range rows {
		vals[i] = []any{r.ProjectID, r.PersonID, r.WorkedOn, r.Hours, r.Beneficiaries, r.Note, r.At}
	}
	return tx.insertMany(ctx, "service_logs", []string{"project_id", "person_id", "worked_on", "hours", "beneficiaries", "note", "created_at"}, vals)
}

// ReflectionRow is a reflection as written in bulk.
type ReflectionRow struct {
	ProjectID, PersonID int64
	Body                string
	Shared              bool
	At                  int64
}

// InsertReflections writes reflections.
func (tx *Tx) InsertReflections(ctx context.Context, rows []ReflectionRow) error {
	vals := make([][]any, len(rows))
	for i, r := range rows {
		vals[i] = []any{r.ProjectID, r.PersonID, r.Body, r.Shared, r.At, r.At}
	}
	return tx.insertMany(ctx, "service_reflections", []string{"project_id", "person_id", "body", "shared", "created_at", "updated_at"}, vals)
}

// SeedPostStatus sets a post's workflow state directly, for history: the status, the
// decline reason and the adoption and implementation days.
func (tx *Tx) SeedPostStatus(ctx context.Context, id int64, status model.PostStatus, reason, adoptedOn, implementedOn string, at int64) error {
	_, err := tx.exec(ctx, `UPDATE posts SET status = ?, decline_reason = ?, adopted_on = ?, implemented_on = ?, updated_at = ? WHERE id = ?`,
		string(status), reason, adoptedOn, implementedOn, at, id)
	return wrap("seed post status", err)
}

// StatusChangeRow is a step of a post's workflow history as written in bulk.
type StatusChangeRow struct {
	PostID   int64
	From, To model.PostStatus
	Reason   string
	By       string
	At       int64
}

// InsertStatusChanges writes workflow history.
func (tx *Tx) InsertStatusChanges(ctx context.Context, rows []StatusChangeRow) error {
	vals := make([][]any, len(rows))
	for i, r := range rows {
		vals[i] = []any{r.PostID, string(r.From), string(r.To), r.Reason, r.By, r.At}
	}
	return tx.insertMany(ctx, "post_status_changes", []string{"post_id", "from_status", "to_status", "reason", "by_name", "created_at"}, vals)
}
