package model

import (
	"strings"
	"unicode/utf8"
)

// PostKind is what a post of the ideas and best-practice hub is.
type PostKind string

// Post kinds.
const (
	KindIdea     PostKind = "idea"
	KindPractice PostKind = "practice" // a best practice other teams can adopt
	KindStory    PostKind = "story"    // a story of purpose in practice
)

// PostKinds lists the kinds.
var PostKinds = []PostKind{KindIdea, KindPractice, KindStory}

// Valid reports whether k is a known kind.
func (k PostKind) Valid() bool { return k == KindIdea || k == KindPractice || k == KindStory }

// Label is the kind as shown to people.
func (k PostKind) Label() string {
	switch k {
	case KindIdea:
		return "Idea"
	case KindPractice:
		return "Best practice"
	case KindStory:
		return "Story"
	}
	return string(k)
}

// HasWorkflow reports whether posts of this kind move through review: ideas and best
// practices do; stories are simply shared.
func (k PostKind) HasWorkflow() bool { return k != KindStory }

// PostStatus is where an idea or practice stands in the workflow.
type PostStatus string

// The workflow: new → under review → adopted → implemented; new or under review →
// declined, which needs a reason. A declined post can be reopened for review.
const (
	PostNew         PostStatus = "new"
	PostUnderReview PostStatus = "under_review"
	PostAdopted     PostStatus = "adopted"
	PostImplemented PostStatus = "implemented"
	PostDeclined    PostStatus = "declined"
)

// PostStatuses lists the statuses in workflow order.
var PostStatuses = []PostStatus{PostNew, PostUnderReview, PostAdopted, PostImplemented, PostDeclined}

// Valid reports whether s is a known status.
func (s PostStatus) Valid() bool {
	for _, x := range PostStatuses {
		if s == x {
			return true
		}
	}
	return false
}

// Label is the status as shown to people.
func (s PostStatus) Label() string {
	switch s {
	case PostNew:
		return "New"
	case PostUnderReview:
		return "Under review"
	case PostAdopted:
		return "Adopted"
	case PostImplemented:
		return "Implemented"
	case PostDeclined:
		return "Declined"
	}
	return string(s)
}

// postMoves are the allowed workflow transitions.
var postMoves = map[PostStatus][]PostStatus{
	PostNew:         {PostUnderReview, PostDeclined},
	PostUnderReview: {PostAdopted, PostDeclined},
	PostAdopted:     {PostImplemented},
	PostDeclined:    {PostUnderReview},
}

// Next lists the statuses a post may move to from s.
func (s PostStatus) Next() []PostStatus { return postMoves[s] }

// CanMoveTo reports whether the workflow allows s → to.
func (s PostStatus) CanMoveTo(to PostStatus) bool {
	for _, x := range postMoves[s] {
		if x == to {
			return true
		}
	}
	return false
}

// Post is an idea, a best practice or a story.
type Post struct {
	ID              int64
	Kind            PostKind
	Title           string
	Body            string
	AuthorID        int64
	AuthorName      string
	AuthorPath      string
	AuthorDept      string
	TeamManagerID   int64 // the team it counts for: see core.teamOf
	TeamManagerName string
	ObjectiveID     int64
	ObjectiveTitle  string
	Status          PostStatus
	DeclineReason   string
	AdoptedOn       string
	ImplementedOn   string
	Tags            []string
	Votes           int
	Voted           bool // the viewer voted for it
	CommentCount    int
	AdoptionCount   int
	CoAuthors       []Person
	CreatedAt       int64
	UpdatedAt       int64
}

// PostComment is a comment on a post; replies are one level deep.
type PostComment struct {
	ID         int64
	PostID     int64
	ParentID   int64
	AuthorID   int64
	AuthorName string
	Body       string
	CreatedAt  int64
	Replies    []PostComment
}

// StatusChange is one step of a post's workflow history.
type StatusChange struct {
	From, To PostStatus
	Reason   string
	ByName   string
	At       int64
}

// Adoption records that a team adopted a best practice.
type Adoption struct {
	PostID          int64
	TeamManagerID   int64
	TeamManagerName string
	Department      string
	AdoptedOn       string
	Note            string
	RecordedByName  string
}

// PostFilter selects posts.
type PostFilter struct {
	Kind     PostKind
	Status   PostStatus
	Tag      string
	Query    string // words matched against title, body and tags
	AuthorID int64
	Sort     string // "recent" (default) or "votes"
	Page     Page
}

// TagCount is a tag and how many posts carry it.
type TagCount struct {
	Tag   string
	Count int
}

// PostInput creates or changes a post.
type PostInput struct {
	Kind        PostKind
	Title       string
	Body        string
	ObjectiveID int64
	Tags        []string
	CoAuthorIDs []int64
}

// Validate checks the fields that need no database and normalizes tags to lower case.
func (in *PostInput) Validate() error {
	in.Title = oneLine(in.Title)
	in.Body = strings.TrimSpace(in.Body)
	in.CoAuthorIDs = uniquePositiveIDs(in.CoAuthorIDs)
	var tags []string
	seen := map[string]bool{}
	for _, t := range in.Tags {
		t = FoldKey(strings.TrimPrefix(strings.TrimSpace(t), "#"))
		if t != "" && !seen[t] {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	in.Tags = tags
	var v Validator
	v.Check(in.Kind.Valid(), "kind", "Choose idea, best practice or story.")
	checkTextField(&v, "title", in.Title, true, 200, "Give it a title.")
	checkTextField(&v, "body", in.Body, true, 10000, "Describe it: what, for whom, and why it matters.")
	checkListField(&v, "tags", "tags", in.Tags, 8, 40)
	v.Check(len(in.CoAuthorIDs) <= 10, "coauthor_ids", "Name at most 10 co-authors.")
	return v.Err()
}

// CommentInput adds a comment, or a reply to a top-level comment.
type CommentInput struct {
	Body     string
	ParentID int64
}

// Validate checks the input.
func (in *CommentInput) Validate() error {
	in.Body = strings.TrimSpace(in.Body)
	var v Validator
	checkTextField(&v, "body", in.Body, true, 3000, "Write a comment.")
	return v.Err()
}

// PostStatusInput moves a post through the workflow.
type PostStatusInput struct {
	Status PostStatus
	Reason string
}

// Validate checks the input: declining needs a reason.
func (in *PostStatusInput) Validate() error {
	in.Reason = strings.TrimSpace(in.Reason)
	var v Validator
	v.Check(in.Status.Valid(), "status", "Choose a status.")
	if in.Status == PostDeclined && in.Reason == "" {
		v.Add("reason", "Say why it is declined: the author deserves a reason.")
	}
	v.Check(utf8.RuneCountInString(in.Reason) <= 2000, "reason", "The reason must be at most 2,000 characters.")
	return v.Err()
}

// AdoptionInput records that a team adopted a best practice.
type AdoptionInput struct {
	TeamManagerID int64 // 0: the actor's own team
	AdoptedOn     string
	Note          string
}

// Validate checks the input.
func (in *AdoptionInput) Validate() error {
	in.AdoptedOn = strings.TrimSpace(in.AdoptedOn)
	in.Note = strings.TrimSpace(in.Note)
	var v Validator
	v.Check(ValidDate(in.AdoptedOn), "adopted_on", "The date must be in the form YYYY-MM-DD.")
	checkTextField(&v, "note", in.Note, false, 1000, "")
	return v.Err()
}

// InnovationCount is one team's innovation in a quarter: the ideas it implemented and
// the best practices it adopted. The scorecard's innovation observations (source:
// system) are written from these counts.
type InnovationCount struct {
	ManagerID        int64 // the team's manager: the scorecard's subject
	ManagerName      string
	DepartmentName   string
	Quarter          string
	ImplementedIdeas int
	AdoptedPractices int
}

// Total is the number of innovations.
func (c InnovationCount) Total() int { return c.ImplementedIdeas + c.AdoptedPractices }

// Initials are up to two letters of the author's name, for an avatar.
func (c PostComment) Initials() string { return Person{Name: c.AuthorName}.Initials() }
