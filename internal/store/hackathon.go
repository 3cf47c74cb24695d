package store

import (
	"context"
	"strings"

	"throughline/internal/model"
)

const hackathonColumns = `h.id, h.title, h.theme, h.description, h.starts_on, h.ends_on, h.team_min, h.team_max, h.status, h.votes_close_at,
	h.weight_impact, h.weight_feasibility, h.weight_alignment, h.weight_innovation, COALESCE(h.organizer_person_id, 0), COALESCE(o.name, ''), h.created_at,
	(SELECT count(*) FROM hackathon_registrations r WHERE r.hackathon_id = h.id),
	(SELECT count(*) FROM hackathon_teams t WHERE t.hackathon_id = h.id),
	(SELECT count(*) FROM hackathon_submissions s WHERE s.hackathon_id = h.id)`

const hackathonFrom = ` FROM hackathons h LEFT JOIN people o ON o.id = h.organizer_person_id`

func scanHackathon(s rowScanner) (model.Hackathon, error) {
	var h model.Hackathon
	var status string
	err := s.Scan(&h.ID, &h.Title, &h.Theme, &h.Description, &h.StartsOn, &h.EndsOn, &h.TeamMin, &h.TeamMax, &status, &h.VotesCloseAt,
		&h.Weights.Impact, &h.Weights.Feasibility, &h.Weights.Alignment, &h.Weights.Innovation, &h.OrganizerID, &h.OrganizerName, &h.CreatedAt,
		&h.Registered, &h.TeamCount, &h.Submissions)
	h.Status = model.HackathonStatus(status)
	return h, err
}

// FindHackathons lists hackathons, the latest first.
func (tx *Tx) FindHackathons(ctx context.Context, f model.HackathonFilter) ([]model.Hackathon, error) {
	q := `SELECT ` + hackathonColumns + hackathonFrom
	var args []any
	if f.Status != "" {
		q += ` WHERE h.status = ?`
		args = append(args, string(f.Status))
	}
	return collectRows(ctx, tx, "find hackathons", q+` ORDER BY h.starts_on DESC, h.id DESC`, args, scanHackathon)
}

// FindHackathonByID returns one hackathon without its related rows.
func (tx *Tx) FindHackathonByID(ctx context.Context, id int64) (model.Hackathon, error) {
	h, err := scanHackathon(tx.queryRow(ctx, `SELECT `+hackathonColumns+hackathonFrom+` WHERE h.id = ?`, id))
	return h, wrap("find hackathon", err)
}

// HackathonRecord is a hackathon's row as written.
type HackathonRecord struct {
	model.HackathonInput
	Status      model.HackathonStatus
	OrganizerID int64
	CreatedAt   int64 // 0: now
}

// CreateHackathon inserts a hackathon.
func (tx *Tx) CreateHackathon(ctx context.Context, r HackathonRecord) (int64, error) {
	at := r.CreatedAt
	if at == 0 {
		at = tx.now.Unix()
	}
	w := r.Weights
	id, err := tx.insertID(ctx, `INSERT INTO hackathons (title, theme, description, starts_on, ends_on, team_min, team_max, status, votes_close_at,
		weight_impact, weight_feasibility, weight_alignment, weight_innovation, organizer_person_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.Title, r.Theme, r.Description, r.StartsOn, r.EndsOn, r.TeamMin, r.TeamMax,
		string(r.Status), r.VotesCloseAt(), w.Impact, w.Feasibility, w.Alignment, w.Innovation, nullInt64(r.OrganizerID), at, at)
	return id, wrap("create hackathon", err)
}

// UpdateHackathon writes a hackathon's fields, not its phase.
func (tx *Tx) UpdateHackathon(ctx context.Context, id int64, in model.HackathonInput) error {
	w := in.Weights
	res, err := tx.exec(ctx, `UPDATE hackathons SET title = ?, theme = ?, description = ?, starts_on = ?, ends_on = ?, team_min = ?, team_max = ?,
		votes_close_at = ?, weight_impact = ?, weight_feasibility = ?, weight_alignment = ?, weight_innovation = ?, updated_at = ? WHERE id = ?`,
		in.Title, in.Theme, in.Description, in.StartsOn, in.EndsOn, in.TeamMin, in.TeamMax, in.VotesCloseAt(), w.Impact, w.Feasibility, w.Alignment,
		w.Innovation, tx.now.Unix(), id)
	if err != nil {
		return wrap("update hackathon", err)
	}
	return mustAffect(res, "update hackathon")
}

// SetHackathonStatus moves a hackathon to a phase. It locks the row on PostgreSQL, so
// votes and scores written in the same transaction see the phase they checked.
func (tx *Tx) SetHackathonStatus(ctx context.Context, id int64, s model.HackathonStatus) error {
	_, err := tx.exec(ctx, `UPDATE hackathons SET status = ?, updated_at = ? WHERE id = ?`, string(s), tx.now.Unix(), id)
	return wrap("set hackathon status", err)
}

// CloseVotesNow moves the end of voting to now when it is later.
func (tx *Tx) CloseVotesNow(ctx context.Context, id int64) error {
	_, err := tx.exec(ctx, `UPDATE hackathons SET votes_close_at = ? WHERE id = ? AND votes_close_at > ?`, tx.now.Unix(), id, tx.now.Unix())
	return wrap("close votes", err)
}

// ReplaceJudges sets a hackathon's judges.
func (tx *Tx) ReplaceJudges(ctx context.Context, hackathonID int64, personIDs []int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM hackathon_judges WHERE hackathon_id = ?`, hackathonID); err != nil {
		return wrap("replace judges", err)
	}
	rows := make([][]any, 0, len(personIDs))
	for _, id := range personIDs {
		rows = append(rows, []any{hackathonID, id})
	}
	return tx.insertMany(ctx, "hackathon_judges", []string{"hackathon_id", "person_id"}, rows)
}

// FindJudges returns a hackathon's judges by name.
func (tx *Tx) FindJudges(ctx context.Context, hackathonID int64) ([]model.Person, error) {
	var out []model.Person
	var hid int64
	err := tx.scanPeopleWith(ctx, "find judges", `SELECT j.hackathon_id, `+personColumns+personFrom+
		` JOIN hackathon_judges j ON j.person_id = p.id WHERE j.hackathon_id = ? ORDER BY p.name, p.id`, []any{hackathonID}, []any{&hid},
		func(p model.Person) { out = append(out, p) })
	return out, err
}

// IsJudge reports whether a person judges a hackathon.
func (tx *Tx) IsJudge(ctx context.Context, hackathonID, personID int64) (bool, error) {
	n, err := tx.count(ctx, `SELECT count(*) FROM hackathon_judges WHERE hackathon_id = ? AND person_id = ?`, hackathonID, personID)
	return n > 0, wrap("is judge", err)
}

const challengeColumns = `c.id, c.hackathon_id, c.title, c.description, COALESCE(c.objective_id, 0), COALESCE(o.title, ''), c.position`

func scanChallenge(s rowScanner) (model.Challenge, error) {
	var c model.Challenge
	err := s.Scan(&c.ID, &c.HackathonID, &c.Title, &c.Description, &c.ObjectiveID, &c.ObjectiveTitle, &c.Position)
	return c, err
}

// FindChallenges returns a hackathon's challenges in order.
func (tx *Tx) FindChallenges(ctx context.Context, hackathonID int64) ([]model.Challenge, error) {
	return collectRows(ctx, tx, "find challenges", `SELECT `+challengeColumns+` FROM hackathon_challenges c LEFT JOIN objectives o ON o.id = c.objective_id
		WHERE c.hackathon_id = ? ORDER BY c.position, c.id`, []any{hackathonID}, scanChallenge)
}

// FindChallengeByID returns one challenge.
func (tx *Tx) FindChallengeByID(ctx context.Context, id int64) (model.Challenge, error) {
	c, err := scanChallenge(tx.queryRow(ctx, `SELECT `+challengeColumns+` FROM hackathon_challenges c LEFT JOIN objectives o ON o.id = c.objective_id WHERE c.id = ?`, id))
	return c, wrap("find challenge", err)
}

// CreateChallenge adds a challenge at the end.
func (tx *Tx) CreateChallenge(ctx context.Context, hackathonID int64, in model.ChallengeInput) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO hackathon_challenges (hackathon_id, title, description, objective_id, position)
		VALUES (?, ?, ?, ?, (SELECT COALESCE(max(position), 0) + 1 FROM hackathon_challenges WHERE hackathon_id = ?))`,
		hackathonID, in.Title, in.Description, nullInt64(in.ObjectiveID), hackathonID)
	return id, wrap("create challenge", err)
}

const teamColumns = `t.id, t.hackathon_id, t.name, COALESCE(t.challenge_id, 0), COALESCE(c.title, ''), COALESCE(t.created_by_person_id, 0)`

func scanTeam(s rowScanner) (model.HackTeam, error) {
	var t model.HackTeam
	err := s.Scan(&t.ID, &t.HackathonID, &t.Name, &t.ChallengeID, &t.ChallengeTitle, &t.CreatedByID)
	return t, err
}

// FindTeams returns a hackathon's teams by name, without members.
func (tx *Tx) FindTeams(ctx context.Context, hackathonID int64) ([]model.HackTeam, error) {
	return collectRows(ctx, tx, "find teams", `SELECT `+teamColumns+` FROM hackathon_teams t LEFT JOIN hackathon_challenges c ON c.id = t.challenge_id
		WHERE t.hackathon_id = ? ORDER BY t.name_key, t.id`, []any{hackathonID}, scanTeam)
}

// FindTeamByID returns one team without members.
func (tx *Tx) FindTeamByID(ctx context.Context, id int64) (model.HackTeam, error) {
	t, err := scanTeam(tx.queryRow(ctx, `SELECT `+teamColumns+` FROM hackathon_teams t LEFT JOIN hackathon_challenges c ON c.id = t.challenge_id WHERE t.id = ?`, id))
	return t, wrap("find team", err)
}

// CreateTeam inserts a team. A name already used in the hackathon (case-insensitively)
// is a unique violation.
func (tx *Tx) CreateTeam(ctx context.Context, hackathonID int64, name string, challengeID, createdBy int64, at int64) (int64, error) {
	if at == 0 {
		at = tx.now.Unix()
	}
	id, err := tx.insertID(ctx, `INSERT INTO hackathon_teams (hackathon_id, name, name_key, challenge_id, created_by_person_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, hackathonID, name, model.FoldKey(name), nullInt64(challengeID), nullInt64(createdBy), at, at)
	return id, wrap("create team", err)
}

// LockTeam touches a team's row so that, on PostgreSQL, concurrent joins of the same
// team queue behind each other and each counts the members the previous one added.
// (SQLite has a single writer, so transactions are already serial.)
func (tx *Tx) LockTeam(ctx context.Context, teamID int64) error {
	res, err := tx.exec(ctx, `UPDATE hackathon_teams SET updated_at = ? WHERE id = ?`, tx.now.Unix(), teamID)
	if err != nil {
		return wrap("lock team", err)
	}
	return mustAffect(res, "lock team")
}

// TeamMembers returns the members of teams, by team, by name.
func (tx *Tx) TeamMembers(ctx context.Context, teamIDs []int64) (map[int64][]model.Person, error) {
	out := map[int64][]model.Person{}
	for _, chunk := range chunks(teamIDs, 5000) {
		cond, args := inIDs("r.team_id", chunk)
		var tid int64
		err := tx.scanPeopleWith(ctx, "team members", `SELECT r.team_id, `+personColumns+personFrom+
			` JOIN hackathon_registrations r ON r.person_id = p.id WHERE `+cond+` ORDER BY p.name, p.id`, args, []any{&tid},
			func(p model.Person) { out[tid] = append(out[tid], p) })
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// CountTeamMembers counts a team's members.
func (tx *Tx) CountTeamMembers(ctx context.Context, teamID int64) (int, error) {
	n, err := tx.count(ctx, `SELECT count(*) FROM hackathon_registrations WHERE team_id = ?`, teamID)
	return n, wrap("count team members", err)
}

// Registration is a person's registration for a hackathon.
type Registration struct {
	Registered bool
	TeamID     int64
}

// RegistrationOf returns a person's registration.
func (tx *Tx) RegistrationOf(ctx context.Context, hackathonID, personID int64) (Registration, error) {
	var r Registration
	var team *int64
	err := tx.queryRow(ctx, `SELECT team_id FROM hackathon_registrations WHERE hackathon_id = ? AND person_id = ?`, hackathonID, personID).Scan(&team)
	if isNoRows(err) {
		return r, nil
	}
	if err != nil {
		return r, wrap("registration", err)
	}
	r.Registered = true
	if team != nil {
		r.TeamID = *team
	}
	return r, nil
}

// SetRegistration registers a person, or moves them to a team (0: no team).
func (tx *Tx) SetRegistration(ctx context.Context, hackathonID, personID, teamID int64) error {
	_, err := tx.exec(ctx, `INSERT INTO hackathon_registrations (hackathon_id, person_id, team_id, registered_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (hackathon_id, person_id) DO UPDATE SET team_id = excluded.team_id`, hackathonID, personID, nullInt64(teamID), tx.now.Unix())
	return wrap("register", err)
}

// Unregister removes a registration.
func (tx *Tx) Unregister(ctx context.Context, hackathonID, personID int64) error {
	_, err := tx.exec(ctx, `DELETE FROM hackathon_registrations WHERE hackathon_id = ? AND person_id = ?`, hackathonID, personID)
	return wrap("unregister", err)
}

// RegisteredPeople returns everyone registered for a hackathon with their team (0 for
// none), by name.
func (tx *Tx) RegisteredPeople(ctx context.Context, hackathonID int64) ([]model.Person, map[int64]int64, error) {
	var out []model.Person
	teams := map[int64]int64{}
	var team int64
	err := tx.scanPeopleWith(ctx, "registered people", `SELECT COALESCE(r.team_id, 0), `+personColumns+personFrom+
		` JOIN hackathon_registrations r ON r.person_id = p.id WHERE r.hackathon_id = ? ORDER BY p.name, p.id`, []any{hackathonID}, []any{&team},
		func(p model.Person) {
			out = append(out, p)
			teams[p.ID] = team
		})
	return out, teams, err
}

const submissionColumns = `s.id, s.hackathon_id, s.team_id, t.name, s.title, s.description, s.links, s.impact_hypothesis, s.place, s.audience_choice,
	COALESCE(s.initiative_id, 0), s.submitted_at, s.updated_at`

func scanSubmission(r rowScanner) (model.Submission, error) {
	var s model.Submission
	var links string
	err := r.Scan(&s.ID, &s.HackathonID, &s.TeamID, &s.TeamName, &s.Title, &s.Description, &links, &s.ImpactHypothesis, &s.Place,
		&s.AudienceChoice, &s.InitiativeID, &s.SubmittedAt, &s.UpdatedAt)
	s.Links = (model.SubmissionInput{Links: links}).LinkList()
	return s, err
}

// FindSubmissions returns a hackathon's submissions by team name.
func (tx *Tx) FindSubmissions(ctx context.Context, hackathonID int64) ([]model.Submission, error) {
	return collectRows(ctx, tx, "find submissions", `SELECT `+submissionColumns+` FROM hackathon_submissions s JOIN hackathon_teams t ON t.id = s.team_id
		WHERE s.hackathon_id = ? ORDER BY t.name_key, s.id`, []any{hackathonID}, scanSubmission)
}

// FindSubmissionByID returns one submission.
func (tx *Tx) FindSubmissionByID(ctx context.Context, id int64) (model.Submission, error) {
	s, err := scanSubmission(tx.queryRow(ctx, `SELECT `+submissionColumns+` FROM hackathon_submissions s JOIN hackathon_teams t ON t.id = s.team_id WHERE s.id = ?`, id))
	return s, wrap("find submission", err)
}

// UpsertSubmission writes a team's submission: the first time it inserts, later it updates.
func (tx *Tx) UpsertSubmission(ctx context.Context, hackathonID, teamID int64, in model.SubmissionInput, at int64) (int64, error) {
	if at == 0 {
		at = tx.now.Unix()
	}
	var id int64
	err := tx.queryRow(ctx, `INSERT INTO hackathon_submissions (hackathon_id, team_id, title, description, links, impact_hypothesis, submitted_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (team_id) DO UPDATE SET title = excluded.title, description = excluded.description, links = excluded.links,
		impact_hypothesis = excluded.impact_hypothesis, updated_at = excluded.updated_at RETURNING id`,
		hackathonID, teamID, in.Title, in.Description, strings.Join(in.LinkList(), "\n"), in.ImpactHypothesis, at, at).Scan(&id)
	return id, wrap("save submission", err)
}

// SetPlaces publishes a hackathon's winners: places by submission (1–3) and the
// audience's choice; every other submission of the hackathon is reset.
func (tx *Tx) SetPlaces(ctx context.Context, hackathonID int64, places map[int64]int, audienceChoice int64) error {
	if _, err := tx.exec(ctx, `UPDATE hackathon_submissions SET place = 0, audience_choice = FALSE WHERE hackathon_id = ?`, hackathonID); err != nil {
		return wrap("set places", err)
	}
	for id, place := range places {
		if _, err := tx.exec(ctx, `UPDATE hackathon_submissions SET place = ? WHERE id = ? AND hackathon_id = ?`, place, id, hackathonID); err != nil {
			return wrap("set places", err)
		}
	}
	if audienceChoice != 0 {
		if _, err := tx.exec(ctx, `UPDATE hackathon_submissions SET audience_choice = TRUE WHERE id = ? AND hackathon_id = ?`, audienceChoice, hackathonID); err != nil {
			return wrap("set places", err)
		}
	}
	return nil
}

// SetSubmissionInitiative records the initiative a submission became.
func (tx *Tx) SetSubmissionInitiative(ctx context.Context, submissionID, initiativeID int64) error {
	_, err := tx.exec(ctx, `UPDATE hackathon_submissions SET initiative_id = ? WHERE id = ?`, initiativeID, submissionID)
	return wrap("set submission initiative", err)
}

// UpsertScore records a judge's scores of a submission, replacing earlier ones.
func (tx *Tx) UpsertScore(ctx context.Context, submissionID, judgeID int64, in model.ScoreInput, at int64) error {
	if at == 0 {
		at = tx.now.Unix()
	}
	_, err := tx.exec(ctx, `INSERT INTO hackathon_scores (submission_id, judge_person_id, impact, feasibility, alignment, innovation, comment, scored_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (submission_id, judge_person_id) DO UPDATE SET impact = excluded.impact, feasibility = excluded.feasibility,
		alignment = excluded.alignment, innovation = excluded.innovation, comment = excluded.comment, scored_at = excluded.scored_at`,
		submissionID, judgeID, in.Impact, in.Feasibility, in.Alignment, in.Innovation, in.Comment, at)
	return wrap("save score", err)
}

// FindScores returns every judge's scores of a hackathon's submissions.
func (tx *Tx) FindScores(ctx context.Context, hackathonID int64) ([]model.JudgeScore, error) {
	return collectRows(ctx, tx, "find scores", `SELECT sc.submission_id, sc.judge_person_id, j.name, sc.impact, sc.feasibility, sc.alignment, sc.innovation,
		sc.comment, sc.scored_at FROM hackathon_scores sc JOIN hackathon_submissions s ON s.id = sc.submission_id JOIN people j ON j.id = sc.judge_person_id
		WHERE s.hackathon_id = ? ORDER BY sc.submission_id, j.name`, []any{hackathonID}, func(r rowScanner) (model.JudgeScore, error) {
		var s model.JudgeScore
		err := r.Scan(&s.SubmissionID, &s.JudgeID, &s.JudgeName, &s.Impact, &s.Feasibility, &s.Alignment, &s.Innovation, &s.Comment, &s.ScoredAt)
		return s, err
	})
}

// UpsertVote records a person's audience vote in a hackathon, replacing their earlier
// vote. The primary key (hackathon, person) and ON CONFLICT make this one atomic
// statement on both engines, so concurrent requests from the same person leave exactly
// one vote: the last one written.
func (tx *Tx) UpsertVote(ctx context.Context, hackathonID, personID, submissionID int64) error {
	_, err := tx.exec(ctx, `INSERT INTO hackathon_votes (hackathon_id, person_id, submission_id, voted_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (hackathon_id, person_id) DO UPDATE SET submission_id = excluded.submission_id, voted_at = excluded.voted_at`,
		hackathonID, personID, submissionID, tx.now.Unix())
	return wrap("vote", err)
}

// DeleteVote withdraws a person's vote.
func (tx *Tx) DeleteVote(ctx context.Context, hackathonID, personID int64) error {
	_, err := tx.exec(ctx, `DELETE FROM hackathon_votes WHERE hackathon_id = ? AND person_id = ?`, hackathonID, personID)
	return wrap("withdraw vote", err)
}

// VoteOf returns the submission a person voted for, or 0.
func (tx *Tx) VoteOf(ctx context.Context, hackathonID, personID int64) (int64, error) {
	var id int64
	err := tx.queryRow(ctx, `SELECT submission_id FROM hackathon_votes WHERE hackathon_id = ? AND person_id = ?`, hackathonID, personID).Scan(&id)
	if isNoRows(err) {
		return 0, nil
	}
	return id, wrap("vote of", err)
}

// VoteCounts counts the votes of each submission of a hackathon.
func (tx *Tx) VoteCounts(ctx context.Context, hackathonID int64) (map[int64]int, error) {
	type row struct {
		id int64
		n  int
	}
	rs, err := collectRows(ctx, tx, "vote counts", `SELECT submission_id, count(*) FROM hackathon_votes WHERE hackathon_id = ? GROUP BY submission_id`,
		[]any{hackathonID}, func(s rowScanner) (row, error) {
			var r row
			err := s.Scan(&r.id, &r.n)
			return r, err
		})
	out := map[int64]int{}
	for _, r := range rs {
		out[r.id] = r.n
	}
	return out, err
}
