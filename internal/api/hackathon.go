package api

import (
	"net/http"

	"throughline/internal/httpx"
	"throughline/internal/model"
)

// HackathonBody is a hackathon.
type HackathonBody struct {
	ID           int64           `json:"id"`
	Title        string          `json:"title"`
	Theme        string          `json:"theme"`
	Description  string          `json:"description"`
	StartsOn     string          `json:"starts_on"`
	EndsOn       string          `json:"ends_on"`
	Status       string          `json:"status"`
	TeamMin      int             `json:"team_min"`
	TeamMax      int             `json:"team_max"`
	VotesCloseAt int64           `json:"votes_close_at"`
	Weights      RubricBody      `json:"weights"`
	Registered   int             `json:"registered"`
	TeamCount    int             `json:"team_count"`
	Challenges   []ChallengeBody `json:"challenges"`
	Judges       []MemberRef     `json:"judges,omitempty"`
	Teams        []TeamBody      `json:"teams,omitempty"`
	// For the caller: their team (0 for none), their audience vote (0 for none), and
	// whether voting is open now.
	MyTeamID   int64 `json:"my_team_id,omitempty"`
	MyVote     int64 `json:"my_vote_submission_id,omitempty"`
	VotingOpen *bool `json:"voting_open,omitempty"`
}

// RubricBody is the weight of each judging criterion.
type RubricBody struct {
	Impact      float64 `json:"impact"`
	Feasibility float64 `json:"feasibility"`
	Alignment   float64 `json:"purpose_alignment"`
	Innovation  float64 `json:"innovation"`
}

// ChallengeBody is a hackathon challenge.
type ChallengeBody struct {
	ID          int64  `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	ObjectiveID int64  `json:"objective_id,omitempty"`
	Objective   string `json:"objective,omitempty"`
}

// TeamBody is a hackathon team.
type TeamBody struct {
	ID          int64           `json:"id"`
	Name        string          `json:"name"`
	ChallengeID int64           `json:"challenge_id,omitempty"`
	Challenge   string          `json:"challenge,omitempty"`
	Members     []MemberRef     `json:"members"`
	Mix         MixBody         `json:"mix"`
	Submission  *SubmissionBody `json:"submission,omitempty"`
}

// SubmissionBody is a team's submission.
type SubmissionBody struct {
	ID               int64    `json:"id"`
	TeamID           int64    `json:"team_id"`
	Team             string   `json:"team"`
	Title            string   `json:"title"`
	Description      string   `json:"description"`
	Links            []string `json:"links"`
	ImpactHypothesis string   `json:"impact_hypothesis"`
	Place            int      `json:"place,omitempty"`
	AudienceChoice   bool     `json:"audience_choice,omitempty"`
	InitiativeID     int64    `json:"initiative_id,omitempty"`
	SubmittedAt      int64    `json:"submitted_at"`
}

func rubricBody(r model.Rubric) RubricBody {
	return RubricBody{Impact: r.Impact, Feasibility: r.Feasibility, Alignment: r.Alignment, Innovation: r.Innovation}
}

func submissionBody(s model.Submission) SubmissionBody {
	links := s.Links
	if links == nil {
		links = []string{}
	}
	return SubmissionBody{ID: s.ID, TeamID: s.TeamID, Team: s.TeamName, Title: s.Title, Description: s.Description, Links: links,
		ImpactHypothesis: s.ImpactHypothesis, Place: s.Place, AudienceChoice: s.AudienceChoice, InitiativeID: s.InitiativeID, SubmittedAt: s.SubmittedAt}
}

func teamBody(t model.HackTeam) TeamBody {
	b := TeamBody{ID: t.ID, Name: t.Name, ChallengeID: t.ChallengeID, Challenge: t.ChallengeTitle, Members: memberRefs(t.Members), Mix: mixBody(t.Mix)}
	if t.Submission != nil {
		s := submissionBody(*t.Submission)
		b.Submission = &s
	}
	return b
}

func hackathonBody(h model.Hackathon) HackathonBody {
	b := HackathonBody{ID: h.ID, Title: h.Title, Theme: h.Theme, Description: h.Description, StartsOn: h.StartsOn, EndsOn: h.EndsOn, Status: string(h.Status),
		TeamMin: h.TeamMin, TeamMax: h.TeamMax, VotesCloseAt: h.VotesCloseAt, Weights: rubricBody(h.Weights), Registered: h.Registered, TeamCount: h.TeamCount,
		Challenges: []ChallengeBody{}}
	for _, c := range h.Challenges {
		b.Challenges = append(b.Challenges, ChallengeBody{ID: c.ID, Title: c.Title, Description: c.Description, ObjectiveID: c.ObjectiveID, Objective: c.ObjectiveTitle})
	}
	b.Judges = memberRefs(h.Judges)
	for _, t := range h.Teams {
		b.Teams = append(b.Teams, teamBody(t))
	}
	return b
}

// HackathonRequest creates a hackathon.
type HackathonRequest struct {
	Title        string     `json:"title"`
	Theme        string     `json:"theme"`
	Description  string     `json:"description"`
	StartsOn     string     `json:"starts_on"`
	EndsOn       string     `json:"ends_on"`
	VotesCloseOn string     `json:"votes_close_on"`
	TeamMin      int        `json:"team_min"`
	TeamMax      int        `json:"team_max"`
	Weights      RubricBody `json:"weights"`
	JudgeIDs     []int64    `json:"judge_ids"`
}

// ChallengeRequest adds a challenge.
type ChallengeRequest struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	ObjectiveID int64  `json:"objective_id"`
}

// PhaseRequest moves a hackathon to a later phase.
type PhaseRequest struct {
	Status string `json:"status"`
}

// TeamRequest registers a team.
type TeamRequest struct {
	Name        string  `json:"name"`
	ChallengeID int64   `json:"challenge_id"`
	MemberIDs   []int64 `json:"member_ids"`
}

// SubmissionRequest hands in or changes a submission.
type SubmissionRequest struct {
	Title            string   `json:"title"`
	Description      string   `json:"description"`
	Links            []string `json:"links"`
	ImpactHypothesis string   `json:"impact_hypothesis"`
}

// ScoreRequest is a judge's scores, each from 1 to 5.
type ScoreRequest struct {
	Impact      int    `json:"impact"`
	Feasibility int    `json:"feasibility"`
	Alignment   int    `json:"purpose_alignment"`
	Innovation  int    `json:"innovation"`
	Comment     string `json:"comment"`
}

// VoteRequest casts or changes the caller's audience vote.
type VoteRequest struct {
	SubmissionID int64 `json:"submission_id"`
}

// WinnersRequest publishes the winners: submission ids in order of place (up to three).
type WinnersRequest struct {
	Places []int64 `json:"places"`
}

// ResultBody is one submission's standing.
type ResultBody struct {
	Rank        int            `json:"rank"`
	Submission  SubmissionBody `json:"submission"`
	Challenge   string         `json:"challenge,omitempty"`
	Judges      int            `json:"judges"`
	Score       float64        `json:"score"`
	Impact      float64        `json:"impact"`
	Feasibility float64        `json:"feasibility"`
	Alignment   float64        `json:"purpose_alignment"`
	Innovation  float64        `json:"innovation"`
	Votes       int            `json:"votes"`
}

// ResultsBody are a hackathon's standings.
type ResultsBody struct {
	HackathonID int64        `json:"hackathon_id"`
	Status      string       `json:"status"`
	TotalVotes  int          `json:"total_votes"`
	Results     []ResultBody `json:"results"`
}

// JudgingRowBody is one submission on a judge's sheet.
type JudgingRowBody struct {
	Submission SubmissionBody `json:"submission"`
	OwnTeam    bool           `json:"own_team"`
	Scored     bool           `json:"scored"`
}

func (h *Handler) hackathons(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	f := model.HackathonFilter{Status: model.HackathonStatus(r.URL.Query().Get("status"))}
	if f.Status != "" && f.Status.Rank() == 0 {
		h.fail(w, r, &model.Error{Code: model.CodeInvalid, Message: "status must be registration, hacking, judging or finished.", Fields: map[string]string{"status": "Unknown status."}})
		return
	}
	hs, err := h.core.Hackathons(r.Context(), a, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := ListBody[HackathonBody]{Data: []HackathonBody{}, Page: PageBody{Limit: len(hs), Total: len(hs)}}
	for _, x := range hs {
		out.Data = append(out.Data, hackathonBody(x))
	}
	httpx.WriteJSON(w, http.StatusOK, out)
}

func (h *Handler) hackathon(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "hackathon")
	if !ok {
		return
	}
	h.writeHackathon(w, r, a, id, http.StatusOK)
}

func (h *Handler) writeHackathon(w http.ResponseWriter, r *http.Request, a model.Actor, id int64, status int) {
	d, err := h.core.Hackathon(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	b := hackathonBody(d.Hackathon)
	b.MyTeamID, b.MyVote, b.VotingOpen = d.MyTeamID, d.MyVote, &d.VotingOpen
	httpx.WriteJSON(w, status, DataBody[HackathonBody]{Data: b})
}

func (h *Handler) createHackathon(w http.ResponseWriter, r *http.Request) {
	a, ok := actor(w, r)
	if !ok {
		return
	}
	var req HackathonRequest
	if !h.decode(w, r, &req) {
		return
	}
	id, err := h.core.CreateHackathon(r.Context(), a, model.HackathonInput{Title: req.Title, Theme: req.Theme, Description: req.Description,
		StartsOn: req.StartsOn, EndsOn: req.EndsOn, VotesCloseOn: req.VotesCloseOn, TeamMin: req.TeamMin, TeamMax: req.TeamMax, JudgeIDs: req.JudgeIDs,
		Weights: model.Rubric{Impact: req.Weights.Impact, Feasibility: req.Weights.Feasibility, Alignment: req.Weights.Alignment, Innovation: req.Weights.Innovation}})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeHackathon(w, r, a, id, http.StatusCreated)
}

func (h *Handler) addChallenge(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "hackathon")
	if !ok {
		return
	}
	var req ChallengeRequest
	if !h.decode(w, r, &req) {
		return
	}
	cid, err := h.core.AddChallenge(r.Context(), a, id, model.ChallengeInput{Title: req.Title, Description: req.Description, ObjectiveID: req.ObjectiveID})
	h.created(w, r, cid, err)
}

func (h *Handler) hackathonPhase(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "hackathon")
	if !ok {
		return
	}
	var req PhaseRequest
	if !h.decode(w, r, &req) {
		return
	}
	h.done(w, r, h.core.AdvanceHackathon(r.Context(), a, id, model.HackathonStatus(req.Status)))
}

func (h *Handler) register(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "hackathon")
	if !ok {
		return
	}
	h.done(w, r, h.core.RegisterForHackathon(r.Context(), a, id))
}

func (h *Handler) unregister(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "hackathon")
	if !ok {
		return
	}
	h.done(w, r, h.core.UnregisterFromHackathon(r.Context(), a, id))
}

func (h *Handler) createTeam(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "hackathon")
	if !ok {
		return
	}
	var req TeamRequest
	if !h.decode(w, r, &req) {
		return
	}
	tid, err := h.core.CreateTeam(r.Context(), a, id, model.TeamInput{Name: req.Name, ChallengeID: req.ChallengeID, MemberIDs: req.MemberIDs})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeTeam(w, r, a, tid, http.StatusCreated)
}

func (h *Handler) team(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "team")
	if !ok {
		return
	}
	h.writeTeam(w, r, a, id, http.StatusOK)
}

func (h *Handler) writeTeam(w http.ResponseWriter, r *http.Request, a model.Actor, id int64, status int) {
	d, err := h.core.HackTeam(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	httpx.WriteJSON(w, status, DataBody[TeamBody]{Data: teamBody(d.Team)})
}

func (h *Handler) joinTeam(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "team")
	if !ok {
		return
	}
	h.done(w, r, h.core.JoinTeam(r.Context(), a, id))
}

func (h *Handler) leaveTeam(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "team")
	if !ok {
		return
	}
	h.done(w, r, h.core.LeaveTeam(r.Context(), a, id))
}

func (h *Handler) putSubmission(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "team")
	if !ok {
		return
	}
	var req SubmissionRequest
	if !h.decode(w, r, &req) {
		return
	}
	links := ""
	for i, l := range req.Links {
		if i > 0 {
			links += "\n"
		}
		links += l
	}
	if _, err := h.core.SaveSubmission(r.Context(), a, id, model.SubmissionInput{Title: req.Title, Description: req.Description, Links: links, ImpactHypothesis: req.ImpactHypothesis}); err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeTeam(w, r, a, id, http.StatusOK)
}

func (h *Handler) judgingSheet(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "hackathon")
	if !ok {
		return
	}
	s, err := h.core.JudgingSheet(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := ListBody[JudgingRowBody]{Data: []JudgingRowBody{}, Page: PageBody{Limit: len(s.Rows), Total: len(s.Rows)}}
	for _, row := range s.Rows {
		out.Data = append(out.Data, JudgingRowBody{Submission: submissionBody(row.Submission), OwnTeam: row.OwnTeam, Scored: row.Score != nil})
	}
	httpx.WriteJSON(w, http.StatusOK, out)
}

func (h *Handler) putScore(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "submission")
	if !ok {
		return
	}
	var req ScoreRequest
	if !h.decode(w, r, &req) {
		return
	}
	_, err := h.core.ScoreSubmission(r.Context(), a, id, model.ScoreInput{Impact: req.Impact, Feasibility: req.Feasibility, Alignment: req.Alignment, Innovation: req.Innovation, Comment: req.Comment})
	h.done(w, r, err)
}

func (h *Handler) putVote(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "hackathon")
	if !ok {
		return
	}
	var req VoteRequest
	if !h.decode(w, r, &req) {
		return
	}
	h.done(w, r, h.core.Vote(r.Context(), a, id, req.SubmissionID))
}

func (h *Handler) deleteVote(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "hackathon")
	if !ok {
		return
	}
	h.done(w, r, h.core.WithdrawVote(r.Context(), a, id))
}

func (h *Handler) results(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "hackathon")
	if !ok {
		return
	}
	res, err := h.core.HackathonResults(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := ResultsBody{HackathonID: id, Status: string(res.Hackathon.Status), TotalVotes: res.TotalVotes, Results: []ResultBody{}}
	for _, x := range res.Results {
		out.Results = append(out.Results, ResultBody{Rank: x.Rank, Submission: submissionBody(x.Submission), Challenge: x.Challenge, Judges: x.Judges, Score: x.Score,
			Impact: x.Impact, Feasibility: x.Feasibility, Alignment: x.Alignment, Innovation: x.Innovation, Votes: x.Votes})
	}
	httpx.WriteJSON(w, http.StatusOK, DataBody[ResultsBody]{Data: out})
}

func (h *Handler) publishWinners(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "hackathon")
	if !ok {
		return
	}
	var req WinnersRequest
	if !h.decode(w, r, &req) {
		return
	}
	h.done(w, r, h.core.PublishWinners(r.Context(), a, id, model.WinnersInput{Places: req.Places}))
}

func (h *Handler) submissionInitiative(w http.ResponseWriter, r *http.Request) {
	a, id, ok := h.start(w, r, "submission")
	if !ok {
		return
	}
	iid, err := h.core.SubmissionToInitiative(r.Context(), a, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeInitiative(w, r, a, iid, http.StatusCreated)
}
