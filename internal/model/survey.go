package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Dimension is what a survey question measures.
type Dimension string

// The dimensions. Comment questions have their own dimension so they never mix with
// scores.
const (
	DimEngagement Dimension = "engagement"
	DimPurpose    Dimension = "purpose"
	DimSafety     Dimension = "safety"
	DimManager    Dimension = "manager"
	DimInclusion  Dimension = "inclusion"
	DimENPS       Dimension = "enps"
	DimComment    Dimension = "comment"
)

// ScoreDimensions are the Likert dimensions, in the order results show them.
var ScoreDimensions = []Dimension{DimEngagement, DimPurpose, DimSafety, DimManager, DimInclusion}

// FocusDimensions are what an action plan can focus on: the scored dimensions and eNPS.
var FocusDimensions = []Dimension{DimEngagement, DimPurpose, DimSafety, DimManager, DimInclusion, DimENPS}

// Valid reports whether d is a known dimension.
func (d Dimension) Valid() bool {
	switch d {
	case DimEngagement, DimPurpose, DimSafety, DimManager, DimInclusion, DimENPS, DimComment:
		return true
	}
	return false
}

// Label is the dimension's name as shown to people.
func (d Dimension) Label() string {
	switch d {
	case DimEngagement:
		return "Engagement"
	case DimPurpose:
		return "Purpose"
	case DimSafety:
		return "Psychological safety"
	case DimManager:
		return "Manager effectiveness"
	case DimInclusion:
		return "Inclusion"
	case DimENPS:
		return "eNPS"
	case DimComment:
		return "Open comments"
	}
	return string(d)
}

// Description says what the dimension is about, in a sentence.
func (d Dimension) Description() string {
	switch d {
	case DimEngagement:
		return "Energy, pride and the wish to stay."
	case DimPurpose:
		return "Seeing how daily work serves the organization's purpose."
	case DimSafety:
		return "Being able to speak up, disagree and admit mistakes."
	case DimManager:
		return "Feedback, explanation and care from one's manager."
	case DimInclusion:
		return "Fair treatment and room to be oneself."
	case DimENPS:
		return "Would people recommend working here? Promoters (9–10) minus detractors (0–6)."
	case DimComment:
		return "Open questions answered in people's own words."
	}
	return ""
}

// QuestionKind is how a question is answered.
type QuestionKind string

// The question kinds.
const (
	KindLikert  QuestionKind = "likert"  // 1 strongly disagree … 5 strongly agree
	KindENPS    QuestionKind = "enps"    // 0 … 10
	KindComment QuestionKind = "comment" // free text
)

// Range is the lowest and highest answer of a scale question.
func (k QuestionKind) Range() (int, int) {
	if k == KindENPS {
		return 0, 10
	}
	return 1, 5
}

// LikertLabels are the answers of a Likert question, from 1 to 5.
var LikertLabels = []string{"Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"}

// Question is one question of the bank.
type Question struct {
	ID        int64
	Key       string
	Dimension Dimension
	Kind      QuestionKind
	Text      string
	Builtin   bool
	InPulse   bool // part of the default short pulse
	Active    bool
	Position  int
}

// QuestionInput adds a question to the bank.
type QuestionInput struct {
	Dimension Dimension
	Text      string
}

// Validate checks the input.
func (in *QuestionInput) Validate() error {
	var v Validator
	in.Text = strings.Join(strings.Fields(in.Text), " ")
	v.Check(in.Dimension.Valid(), "dimension", "Choose what the question measures.")
	v.Check(in.Text != "", "text", "Write the question.")
	v.Check(utf8.RuneCountInString(in.Text) <= 300, "text", "Keep the question under 300 characters.")
	return v.Err()
}

// Kind is the kind of question a dimension takes.
func (d Dimension) Kind() QuestionKind {
	switch d {
	case DimENPS:
		return KindENPS
	case DimComment:
		return KindComment
	}
	return KindLikert
}

// Audience says who a survey is for.
type Audience string

// The audiences.
const (
	AudienceEveryone    Audience = "everyone"
	AudienceDepartments Audience = "departments"
	AudienceLocations   Audience = "locations"
)

// Survey is a questionnaire and its schedule: one-off (EveryWeeks 0) or a pulse that
// recurs every EveryWeeks weeks. Each occurrence is a Round.
type Survey struct {
	ID            int64
	Title         string
	Intro         string
	Audience      Audience
	DepartmentIDs []int64
	LocationIDs   []int64
	AudienceNames []string // the departments or locations, for display
	EveryWeeks    int
	OpenDays      int
	ReminderDays  int
	Status        string // active, ended
	QuestionIDs   []int64
	CreatedAt     int64
	Rounds        int // how many rounds exist
}

// Recurring reports whether the survey is a recurring pulse.
func (s Survey) Recurring() bool { return s.EveryWeeks > 0 }

// Schedule describes the schedule in words.
func (s Survey) Schedule() string {
	open := fmt.Sprintf("open for %d %s", s.OpenDays, plural(s.OpenDays, "day", "days"))
	switch {
	case s.EveryWeeks == 0:
		return "One-off, " + open
	case s.EveryWeeks == 1:
		return "Every week, " + open
	case s.EveryWeeks == 4:
		return "Every four weeks, " + open
	}
	return fmt.Sprintf("Every %d weeks, %s", s.EveryWeeks, open)
}

// AudienceLabel describes who the survey is for.
func (s Survey) AudienceLabel() string {
	if s.Audience == AudienceEveryone || len(s.AudienceNames) == 0 {
		return "Everyone"
	}
	return strings.Join(s.AudienceNames, ", ")
}

// SurveyInput creates a survey and schedules its first round.
type SurveyInput struct {
	Title         string
	Intro         string
	Audience      Audience
	DepartmentIDs []int64
	LocationIDs   []int64
	QuestionIDs   []int64
	OpensOn       string // YYYY-MM-DD
	OpenDays      int
	EveryWeeks    int
	ReminderDays  int
}

// Validate checks the fields that need no database.
func (in *SurveyInput) Validate() error {
	var v Validator
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	in.Intro = strings.TrimSpace(in.Intro)
	in.OpensOn = strings.TrimSpace(in.OpensOn)
	v.Check(in.Title != "", "title", "Give the survey a title.")
	v.Check(utf8.RuneCountInString(in.Title) <= 120, "title", "Keep the title under 120 characters.")
	v.Check(utf8.RuneCountInString(in.Intro) <= 2000, "intro", "Keep the introduction under 2,000 characters.")
	switch in.Audience {
	case AudienceEveryone:
	case AudienceDepartments:
		v.Check(len(in.DepartmentIDs) > 0, "departments", "Choose at least one department.")
	case AudienceLocations:
		v.Check(len(in.LocationIDs) > 0, "locations", "Choose at least one location.")
	default:
		v.Add("audience", "Choose who the survey is for.")
	}
	v.Check(len(in.QuestionIDs) > 0, "questions", "Choose at least one question.")
	v.Check(len(in.QuestionIDs) <= 40, "questions", "Choose at most 40 questions: short surveys get honest answers.")
	if !ValidDate(in.OpensOn) {
		v.Add("opens_on", "Enter the opening date as YYYY-MM-DD.")
	}
	v.Check(in.OpenDays >= 1 && in.OpenDays <= 60, "open_days", "A pulse stays open for 1 to 60 days.")
	v.Check(in.EveryWeeks >= 0 && in.EveryWeeks <= 52, "every_weeks", "Repeat every 1 to 52 weeks, or choose one-off.")
	if in.EveryWeeks > 0 && in.OpenDays >= in.EveryWeeks*7 {
		v.Add("open_days", "A recurring pulse must close before the next one opens.")
	}
	v.Check(in.ReminderDays >= 0 && in.ReminderDays <= 30, "reminder_days", "Remind 0 to 30 days before closing.")
	if in.ReminderDays > 0 && in.ReminderDays >= in.OpenDays {
		v.Add("reminder_days", "The reminder must come after the pulse opens.")
	}
	return v.Err()
}

// RoundStatus is where a round is in its life.
type RoundStatus string

// The round statuses.
const (
	RoundScheduled RoundStatus = "scheduled"
	RoundOpen      RoundStatus = "open"
	RoundClosed    RoundStatus = "closed"
	RoundCancelled RoundStatus = "cancelled"
)

// Round is one pulse of a survey: who was invited (frozen at launch), when it is open,
// and the anonymity threshold k frozen with it.
type Round struct {
	ID          int64
	SurveyID    int64
	SurveyTitle string
	Intro       string
	Number      int
	OpensOn     string
	ClosesOn    string
	Status      RoundStatus
	MinGroup    int // k
	Invited     int
	Reminded    bool
	OpenedAt    int64
	ClosedAt    int64
	// For the actor asking: whether they were invited and whether they answered.
	Invitee  bool
	Answered bool
}

// Label names the round by its opening date, such as "2 Mar 2026" (a pulse every four
// weeks can open twice in one month, so the month alone is not enough).
func (r Round) Label() string {
	if t, err := time.Parse("2006-01-02", r.OpensOn); err == nil {
		return t.Format("2 Jan 2006")
	}
	return "Round " + strconv.Itoa(r.Number)
}

// ClosesLabel is the closing date as people read it ("9 Mar 2026").
func (r Round) ClosesLabel() string {
	if t, err := time.Parse("2006-01-02", r.ClosesOn); err == nil {
		return t.Format("2 Jan 2006")
	}
	return r.ClosesOn
}

// ShortLabel is the opening date without the year ("2 Mar"), for chart axes.
func (r Round) ShortLabel() string {
	if t, err := time.Parse("2006-01-02", r.OpensOn); err == nil {
		return t.Format("2 Jan")
	}
	return strconv.Itoa(r.Number)
}

// Minutes estimates how long answering takes: about 15 seconds a question, at least
// two minutes.
func Minutes(questions int) int { return max(2, (questions+3)/4) }

// Period is the month the round opened in ("2026-03"), the period of the observations
// it feeds. A pulse every four weeks opens twice in some months; the later round is
// the one that counts for that period.
func (r Round) Period() string {
	if len(r.OpensOn) >= 7 {
		return r.OpensOn[:7]
	}
	return ""
}

// OpensAt is the instant the round opens: the start of its opening date, UTC.
func (r Round) OpensAt() int64 { return dateUnix(r.OpensOn, 0) }

// ClosesAt is the instant the round closes: the end of its closing date, UTC.
func (r Round) ClosesAt() int64 { return dateUnix(r.ClosesOn, 1) }

func dateUnix(d string, plusDays int) int64 {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return 0
	}
	return t.AddDate(0, 0, plusDays).Unix()
}

// DaysLeft is how many days remain before the round closes, at now (at least 0).
func (r Round) DaysLeft(now time.Time) int {
	left := r.ClosesAt() - now.Unix()
	if left <= 0 {
		return 0
	}
	return int((left + 86399) / 86400)
}

// PulseAnswers is one person's answers to a round: a value per scale question and a
// text per comment question. Questions left out were skipped.
type PulseAnswers struct {
	Answers  map[int64]int
	Comments map[int64]string
}

// MaxCommentRunes bounds one comment.
const MaxCommentRunes = 2000

// TenureBand is the coarse length of service frozen into survey groups.
type TenureBand string

// The tenure bands.
const (
	TenureUnder1  TenureBand = "under_1"
	Tenure1To3    TenureBand = "1_to_3"
	Tenure3To5    TenureBand = "3_to_5"
	Tenure5Plus   TenureBand = "5_plus"
	TenureUnknown TenureBand = "unknown"
)

// TenureBands lists the bands in order.
var TenureBands = []TenureBand{TenureUnder1, Tenure1To3, Tenure3To5, Tenure5Plus, TenureUnknown}

// Label is the band as shown to people.
func (b TenureBand) Label() string {
	switch b {
	case TenureUnder1:
		return "Under 1 year"
	case Tenure1To3:
		return "1 to 3 years"
	case Tenure3To5:
		return "3 to 5 years"
	case Tenure5Plus:
		return "5 years or more"
	case TenureUnknown:
		return "Tenure unknown"
	}
	return string(b)
}

// Valid reports whether b is a known band.
func (b TenureBand) Valid() bool {
	for _, x := range TenureBands {
		if b == x {
			return true
		}
	}
	return false
}

// TenureOf returns the band of someone hired on hireDate (YYYY-MM-DD), at the date on.
func TenureOf(hireDate string, on time.Time) TenureBand {
	h, err := time.Parse("2006-01-02", hireDate)
	if err != nil {
		return TenureUnknown
	}
	switch {
	case on.Before(h.AddDate(1, 0, 0)):
		return TenureUnder1
	case on.Before(h.AddDate(3, 0, 0)):
		return Tenure1To3
	case on.Before(h.AddDate(5, 0, 0)):
		return Tenure3To5
	}
	return Tenure5Plus
}

// SurveySlice selects the respondents of a round by the attributes frozen at launch.
// Zero fields do not filter; fields combine with AND.
type SurveySlice struct {
	DepartmentID int64
	LocationID   int64
	TeamID       int64 // direct reports of this manager
	LineID       int64 // everyone below this manager, at any depth
	Level        int
	Tenure       TenureBand
}

// IsZero reports whether the slice selects everyone.
func (s SurveySlice) IsZero() bool { return s == SurveySlice{} }

// GroupBy is the attribute results are broken down by.
type GroupBy string

// The breakdowns.
const (
	ByNone       GroupBy = ""
	ByDepartment GroupBy = "department"
	ByLocation   GroupBy = "location"
	ByTeam       GroupBy = "team"
	ByLevel      GroupBy = "level"
	ByTenure     GroupBy = "tenure"
)

// GroupBys lists the breakdowns a results page offers.
var GroupBys = []GroupBy{ByDepartment, ByTeam, ByLocation, ByLevel, ByTenure}

// Valid reports whether g is a known breakdown.
func (g GroupBy) Valid() bool {
	switch g {
	case ByNone, ByDepartment, ByLocation, ByTeam, ByLevel, ByTenure:
		return true
	}
	return false
}

// Label is the breakdown as shown to people.
func (g GroupBy) Label() string {
	switch g {
	case ByDepartment:
		return "Department"
	case ByLocation:
		return "Location"
	case ByTeam:
		return "Manager's team"
	case ByLevel:
		return "Level"
	case ByTenure:
		return "Tenure"
	}
	return "No breakdown"
}

// ResultsQuery asks for the results of a round.
type ResultsQuery struct {
	RoundID int64
	Slice   SurveySlice
	GroupBy GroupBy
	// A window of the breakdown's groups, in their order: a breakdown by team of a large
	// organization has thousands. GroupLimit 0 means every group (exports).
	GroupOffset, GroupLimit int
}

// Hidden is the one message shown wherever the anonymity engine hides a figure. It is
// the same whether the group is small or would reveal a smaller group by subtraction,
// so the message itself says nothing about the count.
func Hidden(k int) string {
	return fmt.Sprintf("Hidden to protect anonymity: fewer than %d responses, or it would let someone work out the answers of fewer than %d people by comparing groups.", k, k)
}

// FewerThan is the short form for tables and chart cells: "fewer than 5".
func FewerThan(k int) string { return fmt.Sprintf("fewer than %d", k) }

// Score is an aggregate of one question or dimension over a group the anonymity engine
// allowed.
type Score struct {
	Answered     int
	Favourable   float64 // share of answers 4 or 5 (Likert), in percent
	Neutral      float64 // share of 3, in percent
	Unfavourable float64 // share of 1 or 2, in percent
	Mean         float64 // on the question's own scale
	// eNPS questions: shares of promoters (9–10), passives (7–8) and detractors (0–6),
	// in percent, and the score (promoters minus detractors).
	Promoters, Passives, Detractors, ENPS float64
	Counts                                []int // by value, from the scale's lowest
	HasChange                             bool
	Change                                float64 // since the previous round: percentage points (favourability) or eNPS points
}

// Value is the headline figure: eNPS for eNPS questions, favourability otherwise.
func (s Score) Value(kind QuestionKind) float64 {
	if kind == KindENPS {
		return s.ENPS
	}
	return s.Favourable
}

// QuestionResult is one question's result in a group.
type QuestionResult struct {
	Question Question
	Score
	Skipped int // respondents of the group who did not answer
}

// DimensionResult is one dimension's result in a group: every answer to the
// dimension's questions together.
type DimensionResult struct {
	Dimension Dimension
	Score
}

// GroupResult is the result of one group of respondents. When Shown is false every
// figure but Invited is zero: the group is hidden to protect anonymity.
type GroupResult struct {
	Key          string
	Label        string
	Slice        SurveySlice
	Shown        bool
	Invited      int
	Respondents  int
	ResponseRate float64 // percent
	Dimensions   []DimensionResult
	ENPS         *Score
	Questions    []QuestionResult // only for the main group of a results page
}

// Dimension returns the result of dimension d, if the group has one.
func (g GroupResult) Dimension(d Dimension) (DimensionResult, bool) {
	for _, x := range g.Dimensions {
		if x.Dimension == d {
			return x, x.Answered > 0
		}
	}
	return DimensionResult{}, false
}

// SurveyComment is one comment, shown without date or attributes.
type SurveyComment struct {
	Question string
	Body     string
}

// TrendPoint is one round of a trend: engagement favourability and eNPS of a group.
type TrendPoint struct {
	RoundID    int64
	Label      string
	Short      string
	Shown      bool
	Engagement float64
	HasEng     bool
	ENPS       float64
	HasENPS    bool
}

// Option is a choice in a results filter.
type Option struct {
	ID    int64
	Key   string
	Label string
}

// SurveyResults is everything a results page, the API and the CSV export show for a
// round, already through the anonymity engine.
type SurveyResults struct {
	Round         Round
	Previous      *Round // the round before, when there is one
	K             int
	Scope         string // "organization", or the name of the manager whose line the viewer sees
	SummaryOnly   bool   // the viewer sees only the organization-wide summary
	Query         ResultsQuery
	SliceLabel    string
	Main          GroupResult
	Benchmark     *GroupResult // the whole organization, beside a narrower view
	Groups        []GroupResult
	GroupsTotal   int // groups in the whole breakdown; Groups is the window asked for
	Comments      []SurveyComment
	CommentsTotal int // all comments of the group; Comments is a random sample when there are many
	CommentsShown bool
	Trend         []TrendPoint
	Plans         []ActionPlan // the latest plans of the team in view, up to this round
	// Filter options, from the groups frozen at launch within the viewer's scope.
	Departments, Locations, Teams, Levels, Tenures []Option
	// TeamsByDepartment: there are too many teams to list them all, so Teams holds those
	// of the department chosen (none until one is).
	TeamsByDepartment bool
}

// MaxTeamOptions is how many teams a results filter lists before it asks for a
// department first.
const MaxTeamOptions = 300

// TeamResult is one manager's team in a closed round: its engagement and eNPS when the
// anonymity engine shows the team, or "insufficient" with no figures.
type TeamResult struct {
	RoundID       int64
	OpensOn       string // the round's opening date
	ManagerID     int64
	ManagerName   string
	Period        string
	Status        string // ok, insufficient
	Respondents   int
	Engagement    float64 // favourability of the engagement dimension, percent
	HasEngagement bool
	ENPS          float64
	HasENPS       bool
}

// Team result statuses.
const (
	TeamResultOK           = "ok"
	TeamResultInsufficient = "insufficient"
)

// ActionPlan is what a team will do about its results: focus areas and actions.
type ActionPlan struct {
	ID          int64
	RoundID     int64
	RoundLabel  string
	ManagerID   int64
	ManagerName string
	Focus       []Dimension
	Note        string
	AuthorName  string
	CreatedAt   int64
	UpdatedAt   int64
	Items       []ActionItem
	// Progress: the change in each focus area at the following round, when shown.
	FollowUp []FocusChange
}

// Done counts the finished actions.
func (p ActionPlan) Done() int {
	n := 0
	for _, it := range p.Items {
		if it.Status == "done" {
			n++
		}
	}
	return n
}

// FocusChange is a focus area's figure before and after a plan.
type FocusChange struct {
	Dimension  Dimension
	Shown      bool // both rounds show the team
	Before     float64
	After      float64
	Change     float64
	RoundLabel string
}

// ActionItem is one action of a plan.
type ActionItem struct {
	ID        int64
	PlanID    int64
	Title     string
	OwnerID   int64
	OwnerName string
	DueOn     string
	Status    string // open, done, dropped
}

// ActionPlanInput creates a plan, or replaces its focus and note.
type ActionPlanInput struct {
	RoundID   int64
	ManagerID int64
	Focus     []Dimension
	Note      string
}

// Validate checks the input.
func (in *ActionPlanInput) Validate() error {
	var v Validator
	in.Note = strings.TrimSpace(in.Note)
	v.Check(len(in.Focus) > 0, "focus", "Pick at least one focus area.")
	v.Check(len(in.Focus) <= 3, "focus", "Pick at most three focus areas: fewer, done well, beats many.")
	for _, d := range in.Focus {
		if !d.Valid() || d == DimComment {
			v.Add("focus", "Pick focus areas from the list.")
		}
	}
	v.Check(utf8.RuneCountInString(in.Note) <= 4000, "note", "Keep the note under 4,000 characters.")
	return v.Err()
}

// ActionItemInput adds an action to a plan.
type ActionItemInput struct {
	Title   string
	OwnerID int64
	DueOn   string
}

// Validate checks the input.
func (in *ActionItemInput) Validate() error {
	var v Validator
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	in.DueOn = strings.TrimSpace(in.DueOn)
	v.Check(in.Title != "", "title", "Describe the action.")
	v.Check(utf8.RuneCountInString(in.Title) <= 300, "title", "Keep the action under 300 characters.")
	v.Check(in.OwnerID > 0, "owner", "Choose who owns the action.")
	v.Check(ValidDate(in.DueOn), "due_on", "Enter the due date as YYYY-MM-DD.")
	return v.Err()
}

// Invitation is a single-use link for one person to answer one round without signing
// in. Token is shown once, when the link is made; only its hash is stored.
type Invitation struct {
	PersonID   int64
	EmployeeID string
	Name       string
	Email      string
	Token      string
}

// InvitationOptions chooses who gets links.
type InvitationOptions struct {
	WithoutAccountOnly bool // only people who cannot sign in
}

// Presentation helpers: the figures as people read them.

// signed formats v with a sign and no decimals ("+4", "−3", "0").
func signed(v float64) string {
	r := int(v + 0.5)
	if v < 0 {
		r = -int(-v + 0.5)
	}
	switch {
	case r > 0:
		return "+" + strconv.Itoa(r)
	case r < 0:
		return "−" + strconv.Itoa(-r)
	}
	return "0"
}

// Pct formats a percentage with no decimals ("62%").
func Pct(v float64) string { return strconv.Itoa(int(v+0.5)) + "%" }

// FavText is the favourable share ("62%").
func (s Score) FavText() string { return Pct(s.Favourable) }

// ENPSText is the eNPS with its sign ("+18").
func (s Score) ENPSText() string { return signed(s.ENPS) }

// ChangeText is the change since the previous round ("+4 pts"), or "" when there is none.
func (s Score) ChangeText() string {
	if !s.HasChange {
		return ""
	}
	return signed(s.Change) + " pts"
}

// ChangeClass is "up", "down" or "flat", for styling.
func (s Score) ChangeClass() string { return changeClass(s.HasChange, s.Change) }

func changeClass(has bool, v float64) string {
	switch {
	case !has:
		return ""
	case v >= 0.5:
		return "up"
	case v <= -0.5:
		return "down"
	}
	return "flat"
}

// RateText is the response rate ("84%").
func (g GroupResult) RateText() string { return Pct(g.ResponseRate) }

// ValueText is the headline figure of a question: favourability or eNPS.
func (q QuestionResult) ValueText() string {
	if q.Question.Kind == KindENPS {
		return q.ENPSText()
	}
	return q.FavText()
}

// MeanText is the mean with one decimal.
func (s Score) MeanText() string { return strconv.FormatFloat(s.Mean, 'f', 1, 64) }

// ChangeText is the change of a focus area ("+6 pts").
func (f FocusChange) ChangeText() string { return signed(f.Change) + " pts" }

// ChangeClass is "up", "down" or "flat".
func (f FocusChange) ChangeClass() string { return changeClass(f.Shown, f.Change) }

// BeforeText and AfterText are the figures before and after ("58%", or "+12" for eNPS).
func (f FocusChange) BeforeText() string { return focusText(f.Dimension, f.Before) }

// AfterText is the figure at the later round.
func (f FocusChange) AfterText() string { return focusText(f.Dimension, f.After) }

func focusText(d Dimension, v float64) string {
	if d == DimENPS {
		return signed(v)
	}
	return Pct(v)
}

// EngagementText is the team's engagement favourability ("71%").
func (t TeamResult) EngagementText() string { return Pct(t.Engagement) }

// ENPSText is the team's eNPS ("+12").
func (t TeamResult) ENPSText() string { return signed(t.ENPS) }

// Dim returns dimension d's result when it has answers, or nil (for templates).
func (g GroupResult) Dim(d Dimension) *DimensionResult {
	if r, ok := g.Dimension(d); ok {
		return &r
	}
	return nil
}

// NeutralText, UnfavText, PassivesText and DetractorsText format the other shares.
func (s Score) NeutralText() string { return Pct(s.Neutral) }

// UnfavText is the unfavourable share.
func (s Score) UnfavText() string { return Pct(s.Unfavourable) }

// PassivesText is the share of passives.
func (s Score) PassivesText() string { return Pct(s.Passives) }

// DetractorsText is the share of detractors.
func (s Score) DetractorsText() string { return Pct(s.Detractors) }
