package model

import (
	"strings"
	"unicode/utf8"
)

// ReviewCycleStatus is where a review cycle stands.
type ReviewCycleStatus string

// Cycle statuses. A closed cycle is read-only and its scorecards are frozen.
const (
	CycleDraft  ReviewCycleStatus = "draft"
	CycleOpen   ReviewCycleStatus = "open"
	CycleClosed ReviewCycleStatus = "closed"
)

// Label is the status as shown to people.
func (s ReviewCycleStatus) Label() string {
	switch s {
	case CycleDraft:
		return "Draft"
	case CycleOpen:
		return "In progress"
	case CycleClosed:
		return "Closed"
	}
	return string(s)
}

// ReviewCycle is one round of reviews of the middle managers, for a scorecard period.
type ReviewCycle struct {
	ID            int64
	Name          string
	Period        string // the scorecard quarter the reviews look back on
	Status        ReviewCycleStatus
	SelfDue       string
	ManagerDue    string
	SignoffDue    string
	CreatedByName string
	CreatedAt     int64
	OpenedAt      int64
	ClosedAt      int64
	Total         int
	ByState       map[ReviewState]int
}

// SignedOff is the number of reviews signed off.
func (c ReviewCycle) SignedOff() int { return c.ByState[ReviewSignedOff] }

// ReviewCycleInput creates a cycle.
type ReviewCycleInput struct {
	Name       string
	Period     string
	SelfDue    string
	ManagerDue string
	SignoffDue string
}

// Validate checks the input: a quarter, and deadlines in order.
func (in *ReviewCycleInput) Validate() error {
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	in.Period = strings.ToUpper(strings.TrimSpace(in.Period))
	in.SelfDue = strings.TrimSpace(in.SelfDue)
	in.ManagerDue = strings.TrimSpace(in.ManagerDue)
	in.SignoffDue = strings.TrimSpace(in.SignoffDue)
	var v Validator
	v.Check(in.Name != "", "name", "Name the cycle, such as “Q1 2026 reviews”.")
	v.Check(utf8.RuneCountInString(in.Name) <= 120, "name", "The name must be at most 120 characters.")
	v.Check(ValidQuarter(in.Period), "period", "The period must be a quarter such as 2026-Q1.")
	v.Check(ValidDate(in.SelfDue), "self_due", "Enter the self-review deadline as a date.")
	v.Check(ValidDate(in.ManagerDue), "manager_due", "Enter the manager-review deadline as a date.")
	v.Check(ValidDate(in.SignoffDue), "signoff_due", "Enter the sign-off deadline as a date.")
	if v.Valid() {
		v.Check(in.SelfDue <= in.ManagerDue, "manager_due", "The manager review is due on or after the self review.")
		v.Check(in.ManagerDue <= in.SignoffDue, "signoff_due", "Sign-off is due on or after the manager review.")
	}
	return v.Err()
}

// ReviewState is where one review stands:
// draft → self review → manager review → discussion → signed off.
type ReviewState string

// Review states, in order.
const (
	ReviewDraft      ReviewState = "draft"
	ReviewSelf       ReviewState = "self_review"
	ReviewManager    ReviewState = "manager_review"
	ReviewDiscussion ReviewState = "discussion"
	ReviewSignedOff  ReviewState = "signed_off"
)

// ReviewStates lists the states in order.
var ReviewStates = []ReviewState{ReviewDraft, ReviewSelf, ReviewManager, ReviewDiscussion, ReviewSignedOff}

// Label is the state as shown to people.
func (s ReviewState) Label() string {
	switch s {
	case ReviewDraft:
		return "Draft"
	case ReviewSelf:
		return "Self review"
	case ReviewManager:
		return "Manager review"
	case ReviewDiscussion:
		return "Discussion"
	case ReviewSignedOff:
		return "Signed off"
	}
	return string(s)
}

// Index is the state's position in ReviewStates.
func (s ReviewState) Index() int {
	for i, x := range ReviewStates {
		if s == x {
			return i
		}
	}
	return -1
}

// ReviewParty is who acts on a review.
type ReviewParty string

// Parties: the person reviewed, their reviewer (their manager), and hr (hr or admin).
const (
	PartyPerson   ReviewParty = "person"
	PartyReviewer ReviewParty = "reviewer"
	PartyHR       ReviewParty = "hr"
)

// ReviewStep is an action that moves a review.
type ReviewStep string

// Steps.
const (
	StepLaunch        ReviewStep = "launch"         // hr: draft → self review (opening the cycle)
	StepSubmitSelf    ReviewStep = "submit_self"    // person: self review → manager review
	StepReturn        ReviewStep = "return"         // reviewer: manager review → self review
	StepSubmitManager ReviewStep = "submit_manager" // reviewer: manager review → discussion
	StepSign          ReviewStep = "sign"           // person or reviewer: signs; both → signed off
)

// Review is one person's review in a cycle. The texts hold only what the viewer may
// read: the self review reaches the reviewer once submitted, the manager review reaches
// the person once the review is in discussion.
type Review struct {
	ID                 int64
	CycleID            int64
	CycleName          string
	CyclePeriod        string
	CycleStatus        ReviewCycleStatus
	SelfDue            string
	ManagerDue         string
	SignoffDue         string
	PersonID           int64
	PersonName         string
	PersonTitle        string
	ReviewerID         int64
	ReviewerName       string
	State              ReviewState
	SelfText           string
	ManagerText        string
	SelfSubmittedAt    int64
	ManagerSubmittedAt int64
	PersonSignedAt     int64
	ReviewerSignedAt   int64
	Snapshot           string // the scorecard frozen when the cycle closed, as JSON
	UpdatedAt          int64
}

// Due is the deadline of the review's current state, or "".
func (r Review) Due() string {
	switch r.State {
	case ReviewSelf:
		return r.SelfDue
	case ReviewManager:
		return r.ManagerDue
	case ReviewDiscussion:
		return r.SignoffDue
	}
	return ""
}

// Apply moves the review by a step taken by a party at an instant, or explains why it
// cannot. It is the whole review state machine; core decides who the party is.
func (r Review) Apply(step ReviewStep, party ReviewParty, now int64) (Review, error) {
	if r.CycleStatus == CycleClosed {
		return r, Errorf(CodeConflict, "The cycle is closed; its reviews can no longer change.")
	}
	refuse := func(msg string) (Review, error) { return r, Errorf(CodeConflict, "%s", msg) }
	switch step {
	case StepLaunch:
		if party != PartyHR {
			return r, Forbidden()
		}
		if r.State != ReviewDraft {
			return refuse("The review has already started.")
		}
		r.State = ReviewSelf
	case StepSubmitSelf:
		if party != PartyPerson {
			return r, Forbidden()
		}
		if r.State != ReviewSelf {
			return refuse("The self review can be submitted only while it is the self-review step.")
		}
		if strings.TrimSpace(r.SelfText) == "" {
			return r, &Error{Code: CodeInvalid, Message: "Write your self review before submitting it.", Fields: map[string]string{"self_text": "Write your self review before submitting it."}}
		}
		r.State, r.SelfSubmittedAt = ReviewManager, now
	case StepReturn:
		if party != PartyReviewer {
			return r, Forbidden()
		}
		if r.State != ReviewManager {
			return refuse("Only a review waiting for the manager review can be returned.")
		}
		r.State, r.SelfSubmittedAt = ReviewSelf, 0
	case StepSubmitManager:
		if party != PartyReviewer {
			return r, Forbidden()
		}
		if r.State != ReviewManager {
			return refuse("The manager review can be submitted only after the self review.")
		}
		if strings.TrimSpace(r.ManagerText) == "" {
			return r, &Error{Code: CodeInvalid, Message: "Write the manager review before submitting it.", Fields: map[string]string{"manager_text": "Write the manager review before submitting it."}}
		}
		r.State, r.ManagerSubmittedAt = ReviewDiscussion, now
	case StepSign:
		if r.State != ReviewDiscussion {
			return refuse("A review is signed off after the discussion.")
		}
		switch party {
		case PartyPerson:
			if r.PersonSignedAt != 0 {
				return refuse("You have already signed this review.")
			}
			r.PersonSignedAt = now
		case PartyReviewer:
			if r.ReviewerSignedAt != 0 {
				return refuse("You have already signed this review.")
			}
			r.ReviewerSignedAt = now
		default:
			return r, Forbidden()
		}
		if r.PersonSignedAt != 0 && r.ReviewerSignedAt != 0 {
			r.State = ReviewSignedOff
		}
	default:
		return r, Errorf(CodeInvalid, "Unknown step.")
	}
	return r, nil
}

// ReviewTextInput saves the self review or the manager review (a draft, until submitted).
type ReviewTextInput struct {
	Text string
}

// Validate checks the input.
func (in *ReviewTextInput) Validate(field string) error {
	in.Text = strings.TrimSpace(in.Text)
	var v Validator
	v.Check(utf8.RuneCountInString(in.Text) <= 20000, field, "Keep the review under 20,000 characters.")
	return v.Err()
}

// ReviewAction is an action the person and their manager agree on in a review.
type ReviewAction struct {
	ID        int64
	ReviewID  int64
	Text      string
	OwnerID   int64
	OwnerName string
	DueOn     string
	Done      bool
	CreatedAt int64
}

// ReviewActionInput adds an agreed action.
type ReviewActionInput struct {
	Text    string
	OwnerID int64
	DueOn   string
}

// Validate checks the input.
func (in *ReviewActionInput) Validate() error {
	in.Text = strings.TrimSpace(in.Text)
	in.DueOn = strings.TrimSpace(in.DueOn)
	var v Validator
	v.Check(in.Text != "", "text", "Describe the action.")
	v.Check(utf8.RuneCountInString(in.Text) <= 500, "text", "Keep the action under 500 characters.")
	v.Check(in.DueOn == "" || ValidDate(in.DueOn), "due_on", "Enter the due date as a date.")
	return v.Err()
}

// ReviewGoal is one of the person's goals for the review period, as the review shows it.
type ReviewGoal struct {
	ID       int64
	Title    string
	Progress float64
	Status   string
}

// UpwardFeedbackSummary is what a manager's direct reports said about them in their
// latest 360 assessment that closed by the end of the review's period, aggregated and
// protected by the anonymity engine (no group below the threshold is shown, nor any
// competency fewer than the threshold rated). Collected is false when there is none.
type UpwardFeedbackSummary struct {
	Collected   bool
	Respondents int
	Source      string // the assessment's title
	ClosedOn    string
	Items       []UpwardFeedbackItem
	Comments    []string
}

// UpwardFeedbackItem is one aggregated question of upward feedback: a competency.
type UpwardFeedbackItem struct {
	Question string
	Score    float64 // 0..1: the share of ratings of 4 or 5
	Mean     float64 // 1..5
	Answers  int
}

// ReviewDetail is a review with every section of the template.
type ReviewDetail struct {
	Review    Review
	Scorecard *Scorecard // live until the cycle closes, then the frozen snapshot
	Frozen    bool
	Goals     []ReviewGoal
	Upward    UpwardFeedbackSummary
	// Competencies are the results of the same 360 assessment, or nil when there is none.
	Competencies *AssessmentResults
	Actions      []ReviewAction
	// Calibration is the rating hr recorded from the calibration grid, if any.
	Calibration *Calibration
	Party       ReviewParty // the viewer's part, or "" for a reader
	CanEditSelf, CanEditManager,
	CanSubmitSelf, CanReturn, CanSubmitManager, CanSign, CanAddAction bool
	ShowSelf, ShowManager bool
}
