package store

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	mrand "math/rand/v2"
	"slices"
	"sort"
	"strconv"

	"throughline/internal/model"
)

// The survey tables keep identity apart from answers: survey_responses, survey_answers
// and survey_comments hold no person id and no time, and their ids are random (see
// RandomID), so neither an id nor the order of rows follows the order in which people
// answered. survey_participation records only that a person answered.

// RandomID returns a random positive 62-bit id from the operating system's generator,
// for rows whose order must not reveal when they were written. Two draws collide with
// negligible probability (a birthday bound near 2³¹ rows); a collision fails the insert
// and rolls it back, never merges rows.
func RandomID() int64 {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("store: no randomness: " + err.Error())
	}
	return int64(binary.BigEndian.Uint64(b[:]) >> 2)
}

// Questions.

const questionColumns = `id, key, dimension, kind, text, builtin, in_pulse, active, position`

func scanQuestion(s interface{ Scan(...any) error }) (model.Question, error) {
	var q model.Question
	var dim, kind string
	err := s.Scan(&q.ID, &q.Key, &dim, &kind, &q.Text, &q.Builtin, &q.InPulse, &q.Active, &q.Position)
	q.Dimension, q.Kind = model.Dimension(dim), model.QuestionKind(kind)
	return q, err
}

// FindQuestions lists the question bank in display order.
func (tx *Tx) FindQuestions(ctx context.Context, activeOnly bool) ([]model.Question, error) {
	q := `SELECT ` + questionColumns + ` FROM survey_questions`
	if activeOnly {
		q += ` WHERE active`
	}
	rows, err := tx.query(ctx, q+` ORDER BY position, id`)
	if err != nil {
		return nil, wrap("find questions", err)
	}
	defer rows.Close()
	var out []model.Question
	for rows.Next() {
		x, err := scanQuestion(rows)
		if err != nil {
			return nil, wrap("find questions", err)
		}
		out = append(out, x)
	}
	return out, wrap("find questions", rows.Err())
}

// CreateQuestion adds a custom question to the bank, after the built-in ones of its
// dimension.
func (tx *Tx) CreateQuestion(ctx context.Context, in model.QuestionInput) (int64, error) {
	var pos int
	if err := tx.queryRow(ctx, `SELECT COALESCE(max(position), 0) + 1 FROM survey_questions WHERE dimension = ?`, string(in.Dimension)).Scan(&pos); err != nil {
		return 0, wrap("create question", err)
	}
	var n int
	if err := tx.queryRow(ctx, `SELECT count(*) FROM survey_questions`).Scan(&n); err != nil {
		return 0, wrap("create question", err)
	}
	id, err := tx.insertID(ctx, `INSERT INTO survey_questions (key, dimension, kind, text, builtin, in_pulse, active, position, created_at)
		VALUES (?, ?, ?, ?, FALSE, FALSE, TRUE, ?, ?)`, fmt.Sprintf("custom_%d_%d", n+1, tx.now.UnixNano()%1_000_000),
		string(in.Dimension), string(in.Dimension.Kind()), in.Text, pos, tx.now.Unix())
	return id, wrap("create question", err)
}

// Surveys.

// SurveyRecord is a survey as written.
type SurveyRecord struct {
	Title, Intro  string
	Audience      model.Audience
	DepartmentIDs []int64
	LocationIDs   []int64
	QuestionIDs   []int64
	EveryWeeks    int
	OpenDays      int
	ReminderDays  int
	AccountID     int64
}

// CreateSurvey writes a survey with its audience and questions.
func (tx *Tx) CreateSurvey(ctx context.Context, r SurveyRecord) (int64, error) {
	now := tx.now.Unix()
	id, err := tx.insertID(ctx, `INSERT INTO surveys (title, intro, audience, every_weeks, open_days, reminder_days, status, account_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)`, r.Title, r.Intro, string(r.Audience), r.EveryWeeks, r.OpenDays, r.ReminderDays,
		nullInt64(r.AccountID), now, now)
	if err != nil {
		return 0, wrap("create survey", err)
	}
	var aud [][]any
	for _, d := range r.DepartmentIDs {
		aud = append(aud, []any{id, d, nil})
	}
	for _, l := range r.LocationIDs {
		aud = append(aud, []any{id, nil, l})
	}
	if err := tx.insertMany(ctx, "survey_audience", []string{"survey_id", "department_id", "location_id"}, aud); err != nil {
		return 0, err
	}
	items := make([][]any, len(r.QuestionIDs))
	for i, q := range r.QuestionIDs {
		items[i] = []any{id, q, i + 1}
	}
	if err := tx.insertMany(ctx, "survey_items", []string{"survey_id", "question_id", "position"}, items); err != nil {
		return 0, err
	}
	return id, nil
}

const surveyColumns = `s.id, s.title, s.intro, s.audience, s.every_weeks, s.open_days, s.reminder_days, s.status, s.created_at,
	(SELECT count(*) FROM survey_rounds r WHERE r.survey_id = s.id)`

func scanSurvey(s interface{ Scan(...any) error }) (model.Survey, error) {
	var x model.Survey
	var aud string
	err := s.Scan(&x.ID, &x.Title, &x.Intro, &aud, &x.EveryWeeks, &x.OpenDays, &x.ReminderDays, &x.Status, &x.CreatedAt, &x.Rounds)
	x.Audience = model.Audience(aud)
	return x, err
}

// FindSurveys lists every survey, newest first, with audiences and questions.
func (tx *Tx) FindSurveys(ctx context.Context) ([]model.Survey, error) {
	rows, err := tx.query(ctx, `SELECT `+surveyColumns+` FROM surveys s ORDER BY s.id DESC`)
	if err != nil {
		return nil, wrap("find surveys", err)
	}
	var out []model.Survey
	for rows.Next() {
		s, err := scanSurvey(rows)
		if err != nil {
			rows.Close()
			return nil, wrap("find surveys", err)
		}
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, wrap("find surveys", err)
	}
	for i := range out {
		if err := tx.loadSurveyParts(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// FindSurveyByID returns one survey.
func (tx *Tx) FindSurveyByID(ctx context.Context, id int64) (model.Survey, error) {
	s, err := scanSurvey(tx.queryRow(ctx, `SELECT `+surveyColumns+` FROM surveys s WHERE s.id = ?`, id))
	if err != nil {
		return s, wrap("find survey", err)
	}
	return s, tx.loadSurveyParts(ctx, &s)
}

func (tx *Tx) loadSurveyParts(ctx context.Context, s *model.Survey) error {
	rows, err := tx.query(ctx, `SELECT COALESCE(a.department_id, 0), COALESCE(a.location_id, 0), COALESCE(d.name, l.name, '')
		FROM survey_audience a LEFT JOIN departments d ON d.id = a.department_id LEFT JOIN locations l ON l.id = a.location_id
		WHERE a.survey_id = ? ORDER BY 3`, s.ID)
	if err != nil {
		return wrap("survey audience", err)
	}
	for rows.Next() {
		var d, l int64
		var name string
		if err := rows.Scan(&d, &l, &name); err != nil {
			rows.Close()
			return wrap("survey audience", err)
		}
		if d != 0 {
			s.DepartmentIDs = append(s.DepartmentIDs, d)
		}
		if l != 0 {
			s.LocationIDs = append(s.LocationIDs, l)
		}
		s.AudienceNames = append(s.AudienceNames, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return wrap("survey audience", err)
	}
	rows, err = tx.query(ctx, `SELECT question_id FROM survey_items WHERE survey_id = ? ORDER BY position`, s.ID)
	if err != nil {
		return wrap("survey items", err)
	}
	defer rows.Close()
	for rows.Next() {
		var q int64
		if err := rows.Scan(&q); err != nil {
			return wrap("survey items", err)
		}
		s.QuestionIDs = append(s.QuestionIDs, q)
	}
	return wrap("survey items", rows.Err())
}

// SurveyQuestions returns a survey's questions in order.
func (tx *Tx) SurveyQuestions(ctx context.Context, surveyID int64) ([]model.Question, error) {
	rows, err := tx.query(ctx, `SELECT q.id, q.key, q.dimension, q.kind, q.text, q.builtin, q.in_pulse, q.active, i.position
		FROM survey_items i JOIN survey_questions q ON q.id = i.question_id WHERE i.survey_id = ? ORDER BY i.position`, surveyID)
	if err != nil {
		return nil, wrap("survey questions", err)
	}
	defer rows.Close()
	var out []model.Question
	for rows.Next() {
		q, err := scanQuestion(rows)
		if err != nil {
			return nil, wrap("survey questions", err)
		}
		out = append(out, q)
	}
	return out, wrap("survey questions", rows.Err())
}

// SetSurveyStatus sets a survey active or ended.
func (tx *Tx) SetSurveyStatus(ctx context.Context, id int64, status string) error {
	res, err := tx.exec(ctx, `UPDATE surveys SET status = ?, updated_at = ? WHERE id = ?`, status, tx.now.Unix(), id)
	if err != nil {
		return wrap("set survey status", err)
	}
	return mustAffect(res, "set survey status")
}

// Rounds.

const roundColumns = `r.id, r.survey_id, s.title, s.intro, r.number, r.opens_on, r.closes_on, r.status, r.min_group, r.invited,
	r.reminded, r.opened_at, r.closed_at`

const roundFrom = ` FROM survey_rounds r JOIN surveys s ON s.id = r.survey_id`

func scanRound(s interface{ Scan(...any) error }) (model.Round, error) {
	var r model.Round
	var status string
	err := s.Scan(&r.ID, &r.SurveyID, &r.SurveyTitle, &r.Intro, &r.Number, &r.OpensOn, &r.ClosesOn, &status, &r.MinGroup, &r.Invited,
		&r.Reminded, &r.OpenedAt, &r.ClosedAt)
	r.Status = model.RoundStatus(status)
	return r, err
}

// CreateRound schedules a round of a survey.
func (tx *Tx) CreateRound(ctx context.Context, surveyID int64, number int, opensOn, closesOn string, minGroup int) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO survey_rounds (survey_id, number, opens_on, closes_on, status, min_group)
		VALUES (?, ?, ?, ?, 'scheduled', ?)`, surveyID, number, opensOn, closesOn, minGroup)
	return id, wrap("create round", err)
}

// FindRoundByID returns one round.
func (tx *Tx) FindRoundByID(ctx context.Context, id int64) (model.Round, error) {
	r, err := scanRound(tx.queryRow(ctx, `SELECT `+roundColumns+roundFrom+` WHERE r.id = ?`, id))
	return r, wrap("find round", err)
}

// RoundFilter selects rounds.
type RoundFilter struct {
	SurveyID int64
	Statuses []model.RoundStatus
	Limit    int
}

// FindRounds lists rounds, newest opening first.
func (tx *Tx) FindRounds(ctx context.Context, f RoundFilter) ([]model.Round, error) {
	var conds []string
	var args []any
	if f.SurveyID != 0 {
		conds = append(conds, "r.survey_id = ?")
		args = append(args, f.SurveyID)
	}
	if len(f.Statuses) > 0 {
		conds = append(conds, "r.status IN ("+placeholders(len(f.Statuses))+")")
		for _, s := range f.Statuses {
			args = append(args, string(s))
		}
	}
	q := `SELECT ` + roundColumns + roundFrom + where(conds) + ` ORDER BY r.opens_on DESC, r.id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, wrap("find rounds", err)
	}
	defer rows.Close()
	var out []model.Round
	for rows.Next() {
		r, err := scanRound(rows)
		if err != nil {
			return nil, wrap("find rounds", err)
		}
		out = append(out, r)
	}
	return out, wrap("find rounds", rows.Err())
}

// PreviousRound returns the closed round of the same survey before round number n.
func (tx *Tx) PreviousRound(ctx context.Context, surveyID int64, number int) (model.Round, error) {
	r, err := scanRound(tx.queryRow(ctx, `SELECT `+roundColumns+roundFrom+`
		WHERE r.survey_id = ? AND r.number < ? AND r.status = 'closed' ORDER BY r.number DESC LIMIT 1`, surveyID, number))
	return r, wrap("previous round", err)
}

// NextRoundNumber returns the number the next round of a survey gets.
func (tx *Tx) NextRoundNumber(ctx context.Context, surveyID int64) (int, error) {
	n, err := tx.count(ctx, `SELECT COALESCE(max(number), 0) + 1 FROM survey_rounds WHERE survey_id = ?`, surveyID)
	return n, wrap("next round number", err)
}

// MoveRoundStatus changes a round's status from one value to another and reports
// whether it did: a round that is no longer in status from is left alone, so two
// servers (or a person and a scheduled job) cannot open or close it twice.
func (tx *Tx) MoveRoundStatus(ctx context.Context, id int64, from, to model.RoundStatus) (bool, error) {
	q := `UPDATE survey_rounds SET status = ?`
	args := []any{string(to)}
	switch to {
	case model.RoundOpen:
		q += `, opened_at = ?`
		args = append(args, tx.now.Unix())
	case model.RoundClosed, model.RoundCancelled:
		q += `, closed_at = ?`
		args = append(args, tx.now.Unix())
	}
	res, err := tx.exec(ctx, q+` WHERE id = ? AND status = ?`, append(args, id, string(from))...)
	if err != nil {
		return false, wrap("move round status", err)
	}
	n, err := res.RowsAffected()
	return n > 0, wrap("move round status", err)
}

// SetRoundLaunch records the frozen audience size and threshold of a round at launch.
func (tx *Tx) SetRoundLaunch(ctx context.Context, id int64, invited, minGroup int) error {
	_, err := tx.exec(ctx, `UPDATE survey_rounds SET invited = ?, min_group = ? WHERE id = ?`, invited, minGroup, id)
	return wrap("set round launch", err)
}

// SetRoundMinGroup sets a round's threshold.
func (tx *Tx) SetRoundMinGroup(ctx context.Context, id int64, k int) error {
	_, err := tx.exec(ctx, `UPDATE survey_rounds SET min_group = ? WHERE id = ?`, k, id)
	return wrap("set round threshold", err)
}

// SetRoundDates moves a scheduled round's dates.
func (tx *Tx) SetRoundDates(ctx context.Context, id int64, opensOn, closesOn string) error {
	_, err := tx.exec(ctx, `UPDATE survey_rounds SET opens_on = ?, closes_on = ? WHERE id = ?`, opensOn, closesOn, id)
	return wrap("set round dates", err)
}

// MarkRoundReminded records that a round's reminder went out; it reports false when
// it already had.
func (tx *Tx) MarkRoundReminded(ctx context.Context, id int64) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE survey_rounds SET reminded = TRUE WHERE id = ? AND NOT reminded AND status = 'open'`, id)
	if err != nil {
		return false, wrap("mark reminded", err)
	}
	n, err := res.RowsAffected()
	return n > 0, wrap("mark reminded", err)
}

// Groups and members.

// GroupRecord is one frozen demographic group of a round (an atom of the anonymity
// engine): the people who shared every attribute at launch.
type GroupRecord struct {
	ID           int64
	RoundID      int64
	DepartmentID int64
	LocationID   int64
	TeamID       int64
	Path         string
	Level        int
	Tenure       model.TenureBand
	Invited      int
	Respondents  int
	Block        int64
}

// InsertGroups writes a round's groups and returns their ids in order.
func (tx *Tx) InsertGroups(ctx context.Context, roundID int64, gs []GroupRecord) ([]int64, error) {
	return tx.insertReturningIDs(ctx, "insert groups", `INSERT INTO survey_groups (round_id, department_id, location_id, team_id, path, level, tenure, invited) VALUES `,
		"(?, ?, ?, ?, ?, ?, ?, ?)", 8, len(gs), func(args []any, i int) []any {
			g := gs[i]
			return append(args, roundID, nullInt64(g.DepartmentID), nullInt64(g.LocationID), nullInt64(g.TeamID), g.Path, g.Level, string(g.Tenure), g.Invited)
		})
}

// FindGroups returns the groups of a round.
func (tx *Tx) FindGroups(ctx context.Context, roundID int64) ([]GroupRecord, error) {
	rows, err := tx.query(ctx, `SELECT id, round_id, COALESCE(department_id, 0), COALESCE(location_id, 0), COALESCE(team_id, 0),
		path, level, tenure, invited, respondents, block FROM survey_groups WHERE round_id = ? ORDER BY id`, roundID)
	if err != nil {
		return nil, wrap("find groups", err)
	}
	defer rows.Close()
	var out []GroupRecord
	for rows.Next() {
		var g GroupRecord
		var tenure string
		if err := rows.Scan(&g.ID, &g.RoundID, &g.DepartmentID, &g.LocationID, &g.TeamID, &g.Path, &g.Level, &tenure,
			&g.Invited, &g.Respondents, &g.Block); err != nil {
			return nil, wrap("find groups", err)
		}
		g.Tenure = model.TenureBand(tenure)
		out = append(out, g)
	}
	return out, wrap("find groups", rows.Err())
}

// SetGroupBlocks writes the respondents and anonymity block of each group.
func (tx *Tx) SetGroupBlocks(ctx context.Context, gs []GroupRecord) error {
	rows := make([][]any, len(gs))
	for i, g := range gs {
		rows[i] = []any{g.ID, g.Respondents, g.Block}
	}
	return tx.updateMany(ctx, "survey_groups", []bulkColumn{{"respondents", "INTEGER"}, {"block", "BIGINT"}}, rows)
}

// InsertMembers writes who was invited to a round, and their group.
func (tx *Tx) InsertMembers(ctx context.Context, roundID int64, personIDs, groupIDs []int64) error {
	rows := make([][]any, len(personIDs))
	for i := range personIDs {
		rows[i] = []any{roundID, personIDs[i], groupIDs[i]}
	}
	return tx.insertMany(ctx, "survey_members", []string{"round_id", "person_id", "group_id"}, rows)
}

// MemberGroup returns the group a person was frozen into for a round.
func (tx *Tx) MemberGroup(ctx context.Context, roundID, personID int64) (int64, error) {
	var g int64
	err := tx.queryRow(ctx, `SELECT group_id FROM survey_members WHERE round_id = ? AND person_id = ?`, roundID, personID).Scan(&g)
	return g, wrap("member group", err)
}

// MemberGroups returns the groups of many people in a round (people not invited are absent).
func (tx *Tx) MemberGroups(ctx context.Context, roundID int64, personIDs []int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	for start := 0; start < len(personIDs); start += maxParams - 1 {
		chunk := personIDs[start:min(start+maxParams-1, len(personIDs))]
		rows, err := tx.query(ctx, `SELECT person_id, group_id FROM survey_members WHERE round_id = ? AND person_id IN (`+placeholders(len(chunk))+`)`,
			append([]any{roundID}, int64Args(chunk)...)...)
		if err != nil {
			return nil, wrap("member groups", err)
		}
		for rows.Next() {
			var p, g int64
			if err := rows.Scan(&p, &g); err != nil {
				rows.Close()
				return nil, wrap("member groups", err)
			}
			out[p] = g
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, wrap("member groups", err)
		}
	}
	return out, nil
}

// RoundMember is an invited person, for invitation links and reminders.
type RoundMember struct {
	PersonID   int64
	EmployeeID string
	Name       string
	Email      string
	HasAccount bool
}

// Members lists the people invited to a round, answered or not.
func (tx *Tx) Members(ctx context.Context, roundID int64) ([]RoundMember, error) {
	rows, err := tx.query(ctx, `SELECT p.id, p.employee_id, p.name, p.email, a.id IS NOT NULL AND a.active
		FROM survey_members m JOIN people p ON p.id = m.person_id LEFT JOIN accounts a ON a.person_id = p.id
		WHERE m.round_id = ? ORDER BY p.name, p.id`, roundID)
	if err != nil {
		return nil, wrap("members", err)
	}
	defer rows.Close()
	var out []RoundMember
	for rows.Next() {
		var m RoundMember
		var has *bool
		if err := rows.Scan(&m.PersonID, &m.EmployeeID, &m.Name, &m.Email, &has); err != nil {
			return nil, wrap("members", err)
		}
		m.HasAccount = has != nil && *has
		out = append(out, m)
	}
	return out, wrap("members", rows.Err())
}

// DeleteMembers forgets who was frozen into which group, once a round has closed.
func (tx *Tx) DeleteMembers(ctx context.Context, roundID int64) error {
	_, err := tx.exec(ctx, `DELETE FROM survey_members WHERE round_id = ?`, roundID)
	return wrap("delete members", err)
}

// Participation.

// InsertParticipation records that a person answered a round. A second answer is a
// unique violation (ErrUnique).
func (tx *Tx) InsertParticipation(ctx context.Context, roundID, personID int64, channel string) error {
	_, err := tx.exec(ctx, `INSERT INTO survey_participation (round_id, person_id, channel) VALUES (?, ?, ?)`, roundID, personID, channel)
	return wrap("record participation", err)
}

// InsertParticipations records many at once.
func (tx *Tx) InsertParticipations(ctx context.Context, roundID int64, personIDs []int64, channel string) error {
	rows := make([][]any, len(personIDs))
	for i, p := range personIDs {
		rows[i] = []any{roundID, p, channel}
	}
	return tx.insertMany(ctx, "survey_participation", []string{"round_id", "person_id", "channel"}, rows)
}

// Participated reports whether a person answered a round.
func (tx *Tx) Participated(ctx context.Context, roundID, personID int64) (bool, error) {
	n, err := tx.count(ctx, `SELECT count(*) FROM survey_participation WHERE round_id = ? AND person_id = ?`, roundID, personID)
	return n > 0, wrap("participated", err)
}

// ParticipationCount counts the people who answered a round.
func (tx *Tx) ParticipationCount(ctx context.Context, roundID int64) (int, error) {
	n, err := tx.count(ctx, `SELECT count(*) FROM survey_participation WHERE round_id = ?`, roundID)
	return n, wrap("participation count", err)
}

// PersonRounds lists the open and scheduled rounds a person was invited to, with
// whether they answered.
func (tx *Tx) PersonRounds(ctx context.Context, personID int64) ([]model.Round, error) {
	rows, err := tx.query(ctx, `SELECT `+roundColumns+`,
		EXISTS (SELECT 1 FROM survey_participation x WHERE x.round_id = r.id AND x.person_id = m.person_id)
		`+roundFrom+` JOIN survey_members m ON m.round_id = r.id AND m.person_id = ?
		WHERE r.status = 'open' ORDER BY r.closes_on, r.id`, personID)
	if err != nil {
		return nil, wrap("person rounds", err)
	}
	defer rows.Close()
	var out []model.Round
	for rows.Next() {
		var r model.Round
		var status string
		if err := rows.Scan(&r.ID, &r.SurveyID, &r.SurveyTitle, &r.Intro, &r.Number, &r.OpensOn, &r.ClosesOn, &status, &r.MinGroup, &r.Invited,
			&r.Reminded, &r.OpenedAt, &r.ClosedAt, &r.Answered); err != nil {
			return nil, wrap("person rounds", err)
		}
		r.Status = model.RoundStatus(status)
		r.Invitee = true
		out = append(out, r)
	}
	return out, wrap("person rounds", rows.Err())
}

// UnitNames returns the names of every department or location by id, without the
// headcounts FindDepartments computes.
func (tx *Tx) UnitNames(ctx context.Context, table string) (map[int64]string, error) {
	if table != "departments" && table != "locations" {
		panic("store: UnitNames of " + table)
	}
	rows, err := tx.query(ctx, `SELECT id, name FROM `+table)
	if err != nil {
		return nil, wrap("unit names", err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, wrap("unit names", err)
		}
		out[id] = name
	}
	return out, wrap("unit names", rows.Err())
}

// PersonNames returns the names of people by id, active or not.
func (tx *Tx) PersonNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	for start := 0; start < len(ids); start += maxParams {
		chunk := ids[start:min(start+maxParams, len(ids))]
		rows, err := tx.query(ctx, `SELECT id, name FROM people WHERE id IN (`+placeholders(len(chunk))+`)`, int64Args(chunk)...)
		if err != nil {
			return nil, wrap("person names", err)
		}
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return nil, wrap("person names", err)
			}
			out[id] = name
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, wrap("person names", err)
		}
	}
	return out, nil
}

// Answers.

// ResponseRow is one submitted questionnaire of a group: its scale answers by
// question and its comments by question.
type ResponseRow struct {
	GroupID  int64
	Answers  map[int64]int
	Comments map[int64]string
}

// InsertResponses writes submitted questionnaires: one survey_responses row each, one
// survey_answers row per answered scale question and one survey_comments row per
// comment, every one with a random id and nothing that names the person or the time.
// The rows of a batch are written in an order that says nothing about the order of the
// questionnaires: shuffled on PostgreSQL, whose heap keeps the order of writing; in
// primary-key order (group, question, value, random id) on SQLite, where the answer
// tables are stored in that order whatever the order of writing, and where writing in
// it appends to the table's B-tree instead of inserting all over it (about twice as
// fast for the hundreds of thousands of answers of a large organization's pulse).
func (tx *Tx) InsertResponses(ctx context.Context, roundID int64, rs []ResponseRow) error {
	type row struct {
		id, group, question int64
		value               int
		body                string
	}
	na, nc := 0, 0
	for _, r := range rs {
		na, nc = na+len(r.Answers), nc+len(r.Comments)
	}
	resp, ans, cmt := make([]row, 0, len(rs)), make([]row, 0, na), make([]row, 0, nc)
	for _, r := range rs {
		resp = append(resp, row{group: r.GroupID})
		for q, v := range r.Answers {
			ans = append(ans, row{group: r.GroupID, question: q, value: v})
		}
		for q, body := range r.Comments {
			cmt = append(cmt, row{group: r.GroupID, question: q, body: body})
		}
	}
	// The primary keys: (round, group, id) for responses and comments, (round, group,
	// question, value, id) for answers, whose question and value sort first.
	for t, rows := range [][]row{resp, ans, cmt} {
		ids := randomIDs(len(rows))
		for i := range rows {
			rows[i].id = ids[i]
		}
		if tx.d.keepsInsertionOrder() {
			mrand.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
			continue
		}
		slices.SortFunc(rows, func(a, b row) int {
			if c := cmp.Compare(a.group, b.group); c != 0 || t != 1 {
				return cmp.Or(c, cmp.Compare(a.id, b.id))
			}
			return cmp.Or(cmp.Compare(a.question, b.question), cmp.Compare(a.value, b.value), cmp.Compare(a.id, b.id))
		})
	}
	err := tx.insertRows(ctx, "survey_responses", []string{"id", "round_id", "group_id"}, len(resp), func(args []any, i int) []any {
		return append(args, resp[i].id, roundID, resp[i].group)
	})
	if err != nil {
		return err
	}
	err = tx.insertRows(ctx, "survey_answers", []string{"id", "round_id", "group_id", "question_id", "value"}, len(ans), func(args []any, i int) []any {
		return append(args, ans[i].id, roundID, ans[i].group, ans[i].question, ans[i].value)
	})
	if err != nil {
		return err
	}
	return tx.insertRows(ctx, "survey_comments", []string{"id", "round_id", "group_id", "question_id", "body"}, len(cmt), func(args []any, i int) []any {
		return append(args, cmt[i].id, roundID, cmt[i].group, cmt[i].question, cmt[i].body)
	})
}

// randomIDs returns n random ids, as RandomID makes them, from one read of the system's
// randomness.
func randomIDs(n int) []int64 {
	b := make([]byte, 8*n)
	if _, err := rand.Read(b); err != nil {
		panic("store: no randomness: " + err.Error())
	}
	out := make([]int64, n)
	for i := range out {
		out[i] = int64(binary.BigEndian.Uint64(b[8*i:]) >> 2)
	}
	return out
}

// ShuffleRound rewrites a round's responses, answers and comments in one transaction,
// in random order and with new random ids, when the round closes. On PostgreSQL, whose
// heap keeps rows in the order they were written and records each row's writing
// transaction, it leaves nothing in the physical order or the system columns that
// follows the order in which people answered: every row then carries the closing
// transaction. On SQLite the answer tables are WITHOUT ROWID tables stored in order of
// round, group and random id, which already says nothing about time, so there is
// nothing to rewrite.
func (tx *Tx) ShuffleRound(ctx context.Context, roundID int64) error {
	if !tx.d.keepsInsertionOrder() {
		return nil
	}
	// PostgreSQL only (see keepsInsertionOrder): one statement per table moves the rows
	// through a data-modifying WITH, in random order, with new random 62-bit ids, so
	// the rows never leave the server.
	for _, t := range []struct{ name, cols string }{
		{"survey_responses", "group_id"},
		{"survey_answers", "group_id, question_id, value"},
		{"survey_comments", "group_id, question_id, body"},
	} {
		q := `WITH moved AS (DELETE FROM ` + t.name + ` WHERE round_id = ? RETURNING ` + t.cols + `)
			INSERT INTO ` + t.name + ` (id, round_id, ` + t.cols + `)
			SELECT (random() * 4611686018427387903)::bigint, ?, ` + t.cols + ` FROM moved ORDER BY random()`
		if _, err := tx.exec(ctx, q, roundID, roundID); err != nil {
			return wrap("shuffle "+t.name, err)
		}
	}
	return nil
}

// TallyRow counts the answers of one value to one question in one group.
type TallyRow struct {
	GroupID, QuestionID int64
	Value, Count        int
}

// Tallies counts a round's answers by group, question and value: one scan of the
// round's range of the primary key.
func (tx *Tx) Tallies(ctx context.Context, roundID int64) ([]TallyRow, error) {
	rows, err := tx.query(ctx, `SELECT group_id, question_id, value, count(*) FROM survey_answers WHERE round_id = ?
		GROUP BY group_id, question_id, value`, roundID)
	if err != nil {
		return nil, wrap("tallies", err)
	}
	defer rows.Close()
	out := make([]TallyRow, 0, 1024)
	for rows.Next() {
		var t TallyRow
		if err := rows.Scan(&t.GroupID, &t.QuestionID, &t.Value, &t.Count); err != nil {
			return nil, wrap("tallies", err)
		}
		out = append(out, t)
	}
	return out, wrap("tallies", rows.Err())
}

// BlockTallyRow is the answers of one anonymity block of a closed round: for each
// question, the number of answers of each value from 0 to 10.
type BlockTallyRow struct {
	Block   int64
	Tallies map[int64][11]int
}

// InsertBlockTallies writes a closed round's answers summed per block, one row per
// block. The tallies are written compactly as "question:value=count,…;…", counts of
// zero left out, because results read every block of a round on every view.
func (tx *Tx) InsertBlockTallies(ctx context.Context, roundID int64, rows []BlockTallyRow) error {
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = []any{roundID, r.Block, encodeTallies(r.Tallies)}
	}
	return tx.insertMany(ctx, "survey_block_tallies", []string{"round_id", "block", "tallies"}, out)
}

func encodeTallies(m map[int64][11]int) string {
	qs := make([]int64, 0, len(m))
	for q := range m {
		qs = append(qs, q)
	}
	sort.Slice(qs, func(i, j int) bool { return qs[i] < qs[j] })
	var b []byte
	for i, q := range qs {
		if i > 0 {
			b = append(b, ';')
		}
		b = strconv.AppendInt(b, q, 10)
		b = append(b, ':')
		first := true
		for v, n := range m[q] {
			if n == 0 {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = strconv.AppendInt(b, int64(v), 10)
			b = append(b, '=')
			b = strconv.AppendInt(b, int64(n), 10)
		}
	}
	return string(b)
}

// decodeTallies parses encodeTallies' format.
func decodeTallies(s []byte) (map[int64][11]int, error) {
	out := map[int64][11]int{}
	num := func(i int) (int64, int) {
		var n int64
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			n = n*10 + int64(s[j]-'0')
			j++
		}
		return n, j
	}
	for i := 0; i < len(s); {
		q, j := num(i)
		if j == i || j >= len(s) || s[j] != ':' {
			return nil, fmt.Errorf("bad tallies at byte %d", i)
		}
		i = j + 1
		var t [11]int
		for i < len(s) && s[i] != ';' {
			v, j := num(i)
			if j == i || j >= len(s) || s[j] != '=' || v > 10 {
				return nil, fmt.Errorf("bad tallies at byte %d", i)
			}
			n, k := num(j + 1)
			if k == j+1 {
				return nil, fmt.Errorf("bad tallies at byte %d", j)
			}
			t[v] = int(n)
			i = k
			if i < len(s) && s[i] == ',' {
				i++
			}
		}
		out[q] = t
		i++
	}
	return out, nil
}

// BlockTallies reads a closed round's answers summed per block.
func (tx *Tx) BlockTallies(ctx context.Context, roundID int64) ([]BlockTallyRow, error) {
	rows, err := tx.query(ctx, `SELECT block, tallies FROM survey_block_tallies WHERE round_id = ?`, roundID)
	if err != nil {
		return nil, wrap("block tallies", err)
	}
	defer rows.Close()
	var out []BlockTallyRow
	var raw []byte
	for rows.Next() {
		var t BlockTallyRow
		if err := rows.Scan(&t.Block, &raw); err != nil {
			return nil, wrap("block tallies", err)
		}
		if t.Tallies, err = decodeTallies(raw); err != nil {
			return nil, fmt.Errorf("store: block tallies of round %d: %w", roundID, err)
		}
		out = append(out, t)
	}
	return out, wrap("block tallies", rows.Err())
}

// ResponseCounts counts a round's responses by group.
func (tx *Tx) ResponseCounts(ctx context.Context, roundID int64) (map[int64]int, error) {
	rows, err := tx.query(ctx, `SELECT group_id, count(*) FROM survey_responses WHERE round_id = ? GROUP BY group_id`, roundID)
	if err != nil {
		return nil, wrap("response counts", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var g int64
		var n int
		if err := rows.Scan(&g, &n); err != nil {
			return nil, wrap("response counts", err)
		}
		out[g] = n
	}
	return out, wrap("response counts", rows.Err())
}

// CommentRow is one comment with the group it came from (core never shows the group).
type CommentRow struct {
	ID, GroupID, QuestionID int64
	Body                    string
}

// FindRoundComments returns up to limit of a round's comments from some groups (nil: all),
// in the order of their random ids (an order that says nothing about when they were
// written, so the first ones are a random sample), and how many there are in all.
func (tx *Tx) FindRoundComments(ctx context.Context, roundID int64, groupIDs []int64, limit int) ([]CommentRow, int, error) {
	var out []CommentRow
	total := 0
	chunks := [][]int64{nil}
	if groupIDs != nil {
		chunks = nil
		for start := 0; start < len(groupIDs); start += maxParams - 2 {
			chunks = append(chunks, groupIDs[start:min(start+maxParams-2, len(groupIDs))])
		}
	}
	for _, chunk := range chunks {
		args := append([]any{roundID}, int64Args(chunk)...)
		in := ` FROM survey_comments WHERE round_id = ?`
		if chunk != nil {
			in += ` AND group_id IN (` + placeholders(len(chunk)) + `)`
		}
		n, err := tx.count(ctx, `SELECT count(*)`+in, args...)
		if err != nil {
			return nil, 0, wrap("find comments", err)
		}
		total += n
		rows, err := tx.query(ctx, `SELECT id, group_id, question_id, body`+in+` ORDER BY id LIMIT ?`, append(args, limit)...)
		if err != nil {
			return nil, 0, wrap("find comments", err)
		}
		for rows.Next() {
			var c CommentRow
			if err := rows.Scan(&c.ID, &c.GroupID, &c.QuestionID, &c.Body); err != nil {
				rows.Close()
				return nil, 0, wrap("find comments", err)
			}
			out = append(out, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, 0, wrap("find comments", err)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, total, nil
}

// Invitations.

// PutInvitation stores the hash of a new invitation link for a person and a round,
// replacing their unused earlier links; used ones stay, so they keep refusing reuse.
func (tx *Tx) PutInvitation(ctx context.Context, roundID, personID int64, hash string) error {
	if _, err := tx.exec(ctx, `DELETE FROM survey_invitations WHERE round_id = ? AND person_id = ? AND NOT used`, roundID, personID); err != nil {
		return wrap("put invitation", err)
	}
	_, err := tx.exec(ctx, `INSERT INTO survey_invitations (round_id, person_id, token_hash, created_at) VALUES (?, ?, ?, ?)`,
		roundID, personID, hash, tx.now.Unix())
	return wrap("put invitation", err)
}

// FindInvitation returns the round and person of an invitation by the hash of its token.
func (tx *Tx) FindInvitation(ctx context.Context, hash string) (id, roundID, personID int64, used bool, err error) {
	err = tx.queryRow(ctx, `SELECT id, round_id, person_id, used FROM survey_invitations WHERE token_hash = ?`, hash).Scan(&id, &roundID, &personID, &used)
	return id, roundID, personID, used, wrap("find invitation", err)
}

// UseInvitation marks an invitation used and reports false when it already was: of two
// requests racing with the same link, one wins.
func (tx *Tx) UseInvitation(ctx context.Context, id int64) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE survey_invitations SET used = TRUE WHERE id = ? AND NOT used`, id)
	if err != nil {
		return false, wrap("use invitation", err)
	}
	n, err := res.RowsAffected()
	return n > 0, wrap("use invitation", err)
}

// DeleteUnusedInvitations removes a round's unused links when it closes.
func (tx *Tx) DeleteUnusedInvitations(ctx context.Context, roundID int64) error {
	_, err := tx.exec(ctx, `DELETE FROM survey_invitations WHERE round_id = ? AND NOT used`, roundID)
	return wrap("delete invitations", err)
}

// Team results.

// ReplaceTeamResults writes the team results of a round.
func (tx *Tx) ReplaceTeamResults(ctx context.Context, roundID int64, rs []model.TeamResult) error {
	if _, err := tx.exec(ctx, `DELETE FROM survey_team_results WHERE round_id = ?`, roundID); err != nil {
		return wrap("replace team results", err)
	}
	rows := make([][]any, len(rs))
	for i, r := range rs {
		var n, eng, enps any
		if r.Status == model.TeamResultOK {
			n = r.Respondents
			if r.HasEngagement {
				eng = r.Engagement
			}
			if r.HasENPS {
				enps = r.ENPS
			}
		}
		rows[i] = []any{roundID, r.ManagerID, r.Period, r.Status, n, eng, enps}
	}
	return tx.insertMany(ctx, "survey_team_results", []string{"round_id", "manager_id", "period", "status", "respondents", "engagement", "enps"}, rows)
}

// TeamResultFilter selects team results.
type TeamResultFilter struct {
	RoundID   int64
	ManagerID int64
	Periods   []string // months the rounds opened in
	Limit     int
}

// FindTeamResults returns team results, newest round first.
func (tx *Tx) FindTeamResults(ctx context.Context, f TeamResultFilter) ([]model.TeamResult, error) {
	var conds []string
	var args []any
	if f.RoundID != 0 {
		conds = append(conds, "t.round_id = ?")
		args = append(args, f.RoundID)
	}
	if f.ManagerID != 0 {
		conds = append(conds, "t.manager_id = ?")
		args = append(args, f.ManagerID)
	}
	if len(f.Periods) > 0 {
		conds = append(conds, "t.period IN ("+placeholders(len(f.Periods))+")")
		for _, p := range f.Periods {
			args = append(args, p)
		}
	}
	q := `SELECT t.round_id, r.opens_on, t.manager_id, p.name, t.period, t.status, COALESCE(t.respondents, 0), COALESCE(t.engagement, 0),
		t.engagement IS NOT NULL, COALESCE(t.enps, 0), t.enps IS NOT NULL
		FROM survey_team_results t JOIN people p ON p.id = t.manager_id JOIN survey_rounds r ON r.id = t.round_id` + where(conds) +
		` ORDER BY r.opens_on DESC, p.name, t.manager_id`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, wrap("find team results", err)
	}
	defer rows.Close()
	var out []model.TeamResult
	for rows.Next() {
		var r model.TeamResult
		if err := rows.Scan(&r.RoundID, &r.OpensOn, &r.ManagerID, &r.ManagerName, &r.Period, &r.Status, &r.Respondents, &r.Engagement, &r.HasEngagement, &r.ENPS, &r.HasENPS); err != nil {
			return nil, wrap("find team results", err)
		}
		out = append(out, r)
	}
	return out, wrap("find team results", rows.Err())
}
