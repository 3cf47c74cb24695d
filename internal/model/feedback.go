package model

import (
	"strings"
	"unicode/utf8"
)

// FeedbackVisibility says who reads a piece of feedback.
type FeedbackVisibility string

// Visibilities: private feedback is read by its giver, its recipient and the recipient's
// manager; public praise by everyone signed in.
const (
	FeedbackPrivate FeedbackVisibility = "private"
	FeedbackPublic  FeedbackVisibility = "public"
)

// FeedbackCompetency is a leadership competency feedback can be tagged with. The
// development module rates the same competencies in assessments.
type FeedbackCompetency struct {
	Key, Label string
}

// FeedbackCompetencies are the competencies feedback can be tagged with.
var FeedbackCompetencies = []FeedbackCompetency{
	{"empathy", "Empathy"},
	{"emotional_intelligence", "Emotional intelligence"},
	{"ethical_judgement", "Ethical judgement"},
	{"inclusion", "Inclusion"},
	{"communicating_purpose", "Communicating purpose"},
	{"developing_others", "Developing others"},
}

// CompetencyLabel returns the label of a competency key, or "".
func CompetencyLabel(key string) string {
	for _, c := range FeedbackCompetencies {
		if c.Key == key {
			return c.Label
		}
	}
	return ""
}

// Feedback is a piece of feedback or praise from one person to another.
type Feedback struct {
	ID         int64
	FromID     int64
	FromName   string
	ToID       int64
	ToName     string
	Visibility FeedbackVisibility
	Text       string
	ValueID    int64
	ValueName  string
	Competency string
	RequestID  int64
	CreatedAt  int64
}

// CompetencyLabel is the label of the feedback's competency tag.
func (f Feedback) CompetencyLabel() string { return CompetencyLabel(f.Competency) }

// FeedbackInput gives feedback.
type FeedbackInput struct {
	ToID       int64
	Visibility FeedbackVisibility
	Text       string
	ValueID    int64
	Competency string
	RequestID  int64 // the request it answers, if any
}

// Validate checks the input.
func (in *FeedbackInput) Validate() error {
	in.Text = strings.TrimSpace(in.Text)
	in.Competency = strings.TrimSpace(in.Competency)
	if in.Visibility == "" {
		in.Visibility = FeedbackPrivate
	}
	var v Validator
	v.Check(in.ToID > 0, "to_id", "Choose who the feedback is for.")
	v.Check(in.Text != "", "text", "Write the feedback.")
	v.Check(utf8.RuneCountInString(in.Text) <= 4000, "text", "Keep feedback under 4,000 characters.")
	v.Check(in.Visibility == FeedbackPrivate || in.Visibility == FeedbackPublic, "visibility", "Choose private feedback or public praise.")
	v.Check(in.Competency == "" || CompetencyLabel(in.Competency) != "", "competency", "Choose one of the listed competencies.")
	return v.Err()
}

// FeedbackRequestStatus is where a request for feedback stands.
type FeedbackRequestStatus string

// Request statuses.
const (
	RequestOpen     FeedbackRequestStatus = "open"
	RequestAnswered FeedbackRequestStatus = "answered"
	RequestDeclined FeedbackRequestStatus = "declined"
)

// FeedbackRequest asks someone for feedback.
type FeedbackRequest struct {
	ID         int64
	FromID     int64 // who asks, and whom the feedback is about
	FromName   string
	ToID       int64
	ToName     string
	Message    string
	Status     FeedbackRequestStatus
	CreatedAt  int64
	AnsweredAt int64
}

// FeedbackRequestInput asks for feedback.
type FeedbackRequestInput struct {
	ToID    int64
	Message string
}

// Validate checks the input.
func (in *FeedbackRequestInput) Validate() error {
	in.Message = strings.TrimSpace(in.Message)
	var v Validator
	v.Check(in.ToID > 0, "ask_to_id", "Choose whom to ask.")
	v.Check(utf8.RuneCountInString(in.Message) <= 1000, "message", "Keep the request under 1,000 characters.")
	return v.Err()
}

// FeedbackInbox is what a person sees of feedback: what they received, what they gave,
// the requests waiting for them and the ones they sent, and, for managers, the private
// feedback their direct reports received.
type FeedbackInbox struct {
	Received    []Feedback
	Given       []Feedback
	Team        []Feedback
	Praise      []Feedback // recent public praise across the organization
	Waiting     []FeedbackRequest
	Sent        []FeedbackRequest
	Values      []Value
	Colleagues  []Person // people the viewer may address (directory)
	Competences []FeedbackCompetency
}

// DueItem is something the viewer has to do, with its deadline: computed when a page is
// read, so reminders need no background job.
type DueItem struct {
	Kind    string // review, checkin, action, feedback
	Title   string
	Detail  string
	Href    string
	DueOn   string
	Overdue bool
	Soon    bool // due within a week
}
