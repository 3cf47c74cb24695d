package model

import (
	"math"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// HackathonStatus is the phase of a hackathon. Phases only move forward.
type HackathonStatus string

// Hackathon phases, in order.
const (
	HackRegistration HackathonStatus = "registration" // people register and form teams
	HackHacking      HackathonStatus = "hacking"      // teams work and submit; teams can still form
	HackJudging      HackathonStatus = "judging"      // judges score; the audience votes
	HackFinished     HackathonStatus = "finished"     // results and winners are published
)

// HackathonStatuses lists the phases in order.
var HackathonStatuses = []HackathonStatus{HackRegistration, HackHacking, HackJudging, HackFinished}

// Rank is the phase's position, 1 for registration.
func (s HackathonStatus) Rank() int {
	for i, x := range HackathonStatuses {
		if s == x {
			return i + 1
		}
	}
	return 0
}

// Label is the phase as shown to people.
func (s HackathonStatus) Label() string {
	switch s {
	case HackRegistration:
		return "Registration open"
	case HackHacking:
		return "Hacking"
	case HackJudging:
		return "Judging and voting"
	case HackFinished:
		return "Finished"
	}
	return string(s)
}

// Rubric is the weight of each judging criterion. Judges score each criterion from 1
// to 5; a submission's judged score is the weighted mean over criteria, averaged over
// judges, on a 0–100 scale (1 → 0, 5 → 100). See score rules in core.SubmissionScore.
type Rubric struct {
	Impact      float64
	Feasibility float64
	Alignment   float64 // purpose alignment
	Innovation  float64
}

// DefaultRubric weighs impact and purpose alignment above feasibility and innovation.
var DefaultRubric = Rubric{Impact: 0.3, Feasibility: 0.2, Alignment: 0.3, Innovation: 0.2}

// Total is the sum of the weights.
func (r Rubric) Total() float64 { return r.Impact + r.Feasibility + r.Alignment + r.Innovation }

// Share is a weight as a fraction of the total, for display.
func (r Rubric) Share(w float64) float64 {
	if t := r.Total(); t > 0 {
		return w / t
	}
	return 0
}

// Score is the weighted mean of one judge's criterion scores (each 1–5), mapped to
// 0–100: 100 × (mean − 1) / 4.
func (r Rubric) Score(impact, feasibility, alignment, innovation float64) float64 {
	t := r.Total()
	if t <= 0 {
		return 0
	}
	mean := (r.Impact*impact + r.Feasibility*feasibility + r.Alignment*alignment + r.Innovation*innovation) / t
	return math.Round(1000*100*(mean-1)/4) / 1000
}

// Hackathon is an event on social and environmental challenges.
type Hackathon struct {
	ID            int64
	Title         string
	Theme         string
	Description   string
	StartsOn      string
	EndsOn        string
	TeamMin       int
	TeamMax       int
	Status        HackathonStatus
	VotesCloseAt  int64
	Weights       Rubric
	OrganizerID   int64
	OrganizerName string
	CreatedAt     int64
	Registered    int // people registered
	TeamCount     int
	Submissions   int

	Challenges []Challenge
	Teams      []HackTeam
	Judges     []Person
}

// StartMonth and StartDay print the first day for a calendar badge ("Jul", "30").
func (h Hackathon) StartMonth() string {
	t, err := time.Parse("2006-01-02", h.StartsOn)
	if err != nil {
		return ""
	}
	return t.Format("Jan")
}

// StartDay is the day of the month the hackathon starts.
func (h Hackathon) StartDay() string {
	t, err := time.Parse("2006-01-02", h.StartsOn)
	if err != nil {
		return ""
	}
	return t.Format("2")
}

// VotingOpen reports whether the audience may vote or change their vote at now: during
// hacking and judging, until VotesCloseAt.
func (h Hackathon) VotingOpen(now time.Time) bool {
	return (h.Status == HackHacking || h.Status == HackJudging) && now.Unix() < h.VotesCloseAt
}

// TeamsOpen reports whether teams may still form and change.
func (h Hackathon) TeamsOpen() bool { return h.Status == HackRegistration || h.Status == HackHacking }

// Challenge is a problem a hackathon asks teams to work on, linked to the objective it
// serves.
type Challenge struct {
	ID             int64
	HackathonID    int64
	Title          string
	Description    string
	ObjectiveID    int64
	ObjectiveTitle string
	Position       int
}

// HackTeam is a team in a hackathon.
type HackTeam struct {
	ID             int64
	HackathonID    int64
	Name           string
	ChallengeID    int64
	ChallengeTitle string
	CreatedByID    int64
	Members        []Person
	Mix            TeamMix
	Submission     *Submission
}

// Has reports whether a person is a member.
func (t HackTeam) Has(personID int64) bool {
	for _, m := range t.Members {
		if m.ID == personID {
			return true
		}
	}
	return false
}

// Submission is what a team hands in.
type Submission struct {
	ID               int64
	HackathonID      int64
	TeamID           int64
	TeamName         string
	Title            string
	Description      string
	Links            []string
	ImpactHypothesis string
	Place            int // 1, 2, 3 for winners; 0 otherwise
	AudienceChoice   bool
	InitiativeID     int64 // the initiative it became, if any
	SubmittedAt      int64
	UpdatedAt        int64
}

// JudgeScore is one judge's scores of one submission.
type JudgeScore struct {
	SubmissionID int64
	JudgeID      int64
	JudgeName    string
	Impact       int
	Feasibility  int
	Alignment    int
	Innovation   int
	Comment      string
	ScoredAt     int64
	Weighted     float64 // 0–100
}

// SubmissionResult is a submission's standing: the judges' weighted score, the mean of
// each criterion, and the audience votes.
type SubmissionResult struct {
	Submission  Submission
	Challenge   string
	Members     []Person
	Judges      int
	Score       float64 // 0–100, the mean of the judges' weighted scores
	Impact      float64 // criterion means, 1–5
	Feasibility float64
	Alignment   float64
	Innovation  float64
	Votes       int
	Rank        int
}

// HackathonResults are a hackathon's standings, best first.
type HackathonResults struct {
	Hackathon   Hackathon
	Results     []SubmissionResult
	TotalVotes  int
	ShowTallies bool // vote counts and scores are visible to this viewer
}

// HackathonFilter selects hackathons.
type HackathonFilter struct {
	Status HackathonStatus
}

// HackathonInput creates or changes a hackathon.
type HackathonInput struct {
	Title        string
	Theme        string
	Description  string
	StartsOn     string
	EndsOn       string
	VotesCloseOn string // the last day of audience voting
	TeamMin      int
	TeamMax      int
	Weights      Rubric
	JudgeIDs     []int64
}

// Validate checks the fields that need no database.
func (in *HackathonInput) Validate() error {
	in.Title = oneLine(in.Title)
	in.Theme = oneLine(in.Theme)
	in.Description = strings.TrimSpace(in.Description)
	in.StartsOn, in.EndsOn, in.VotesCloseOn = strings.TrimSpace(in.StartsOn), strings.TrimSpace(in.EndsOn), strings.TrimSpace(in.VotesCloseOn)
	in.JudgeIDs = uniquePositiveIDs(in.JudgeIDs)
	if in.Weights == (Rubric{}) {
		in.Weights = DefaultRubric
	}
	if in.VotesCloseOn == "" {
		in.VotesCloseOn = in.EndsOn
	}
	var v Validator
	checkTextField(&v, "title", in.Title, true, 200, "Give the hackathon a title.")
	checkTextField(&v, "theme", in.Theme, true, 200, "Name the theme: which social or environmental problem is it about?")
	checkTextField(&v, "description", in.Description, false, 5000, "")
	v.Check(ValidDate(in.StartsOn), "starts_on", "The start must be a date in the form YYYY-MM-DD.")
	v.Check(ValidDate(in.EndsOn), "ends_on", "The end must be a date in the form YYYY-MM-DD.")
	if ValidDate(in.StartsOn) && ValidDate(in.EndsOn) && in.EndsOn < in.StartsOn {
		v.Add("ends_on", "The end must not be before the start.")
	}
	v.Check(ValidDate(in.VotesCloseOn), "votes_close_on", "The vote's closing day must be a date in the form YYYY-MM-DD.")
	if ValidDate(in.VotesCloseOn) && ValidDate(in.StartsOn) && in.VotesCloseOn < in.StartsOn {
		v.Add("votes_close_on", "Voting cannot close before the hackathon starts.")
	}
	v.Check(in.TeamMin >= 1 && in.TeamMin <= 20, "team_min", "The smallest team must have 1 to 20 people.")
	v.Check(in.TeamMax >= in.TeamMin && in.TeamMax <= 20, "team_max", "The largest team must have at least as many people as the smallest, and at most 20.")
	w := in.Weights
	if w.Impact < 0 || w.Feasibility < 0 || w.Alignment < 0 || w.Innovation < 0 || w.Impact > 100 || w.Feasibility > 100 || w.Alignment > 100 || w.Innovation > 100 {
		v.Add("weights", "Each weight must be between 0 and 100.")
	} else if w.Total() <= 0 {
		v.Add("weights", "At least one criterion must have a weight.")
	}
	v.Check(len(in.JudgeIDs) <= 20, "judge_ids", "Name at most 20 judges.")
	return v.Err()
}

// VotesCloseAt is the instant voting closes: the end of VotesCloseOn, UTC.
func (in HackathonInput) VotesCloseAt() int64 {
	t, err := time.Parse("2006-01-02", in.VotesCloseOn)
	if err != nil {
		return 0
	}
	return t.AddDate(0, 0, 1).Unix() - 1
}

// ChallengeInput adds a challenge to a hackathon.
type ChallengeInput struct {
	Title       string
	Description string
	ObjectiveID int64
}

// Validate checks the input.
func (in *ChallengeInput) Validate() error {
	in.Title = oneLine(in.Title)
	in.Description = strings.TrimSpace(in.Description)
	var v Validator
	checkTextField(&v, "title", in.Title, true, 200, "Name the challenge.")
	checkTextField(&v, "description", in.Description, false, 3000, "")
	return v.Err()
}

// TeamInput registers a team: its name, its challenge and its members. The person who
// registers it is always a member.
type TeamInput struct {
	Name        string
	ChallengeID int64
	MemberIDs   []int64
}

// Validate checks the input.
func (in *TeamInput) Validate() error {
	in.Name = oneLine(in.Name)
	in.MemberIDs = uniquePositiveIDs(in.MemberIDs)
	var v Validator
	checkTextField(&v, "name", in.Name, true, 80, "Name the team.")
	v.Check(in.ChallengeID > 0, "challenge_id", "Choose the challenge the team works on.")
	return v.Err()
}

// SubmissionInput hands in or changes a team's submission.
type SubmissionInput struct {
	Title            string
	Description      string
	Links            string // one per line
	ImpactHypothesis string
}

// Validate checks the input.
func (in *SubmissionInput) Validate() error {
	in.Title = oneLine(in.Title)
	in.Description = strings.TrimSpace(in.Description)
	in.ImpactHypothesis = strings.TrimSpace(in.ImpactHypothesis)
	var v Validator
	checkTextField(&v, "title", in.Title, true, 200, "Give the submission a title.")
	checkTextField(&v, "description", in.Description, true, 5000, "Describe what the team built or designed.")
	checkTextField(&v, "impact_hypothesis", in.ImpactHypothesis, true, 2000, "State the impact hypothesis: if we do this, what changes, for whom, and how would we know?")
	links := in.LinkList()
	v.Check(len(links) <= 10, "links", "List at most 10 links.")
	for _, l := range links {
		u, err := url.Parse(l)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || utf8.RuneCountInString(l) > 500 {
			v.Add("links", "Each link must be a full web address starting with http:// or https://, such as "+Clip("https://example.org/demo", 40)+".")
			break
		}
	}
	return v.Err()
}

// LinkList is the links, one per line, trimmed, empty lines dropped.
func (in SubmissionInput) LinkList() []string {
	var out []string
	for _, l := range strings.Split(in.Links, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// ScoreInput is a judge's scores of one submission, each criterion from 1 to 5.
type ScoreInput struct {
	Impact      int
	Feasibility int
	Alignment   int
	Innovation  int
	Comment     string
}

// Validate checks the input.
func (in *ScoreInput) Validate() error {
	in.Comment = strings.TrimSpace(in.Comment)
	var v Validator
	for _, c := range []struct {
		field string
		v     int
	}{{"impact", in.Impact}, {"feasibility", in.Feasibility}, {"alignment", in.Alignment}, {"innovation", in.Innovation}} {
		v.Check(c.v >= 1 && c.v <= 5, c.field, "Score from 1 to 5.")
	}
	checkTextField(&v, "comment", in.Comment, false, 2000, "")
	return v.Err()
}

// WinnersInput publishes the results: up to three places, by submission.
type WinnersInput struct {
	Places []int64 // submission ids: first, second, third; zero to leave a place empty
}
