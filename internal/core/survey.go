package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"throughline/internal/model"
	"throughline/internal/store"
	"throughline/internal/webhook"
)

// Surveys and pulses. The rules, in one place:
//   - hr and admin create surveys, launch and close rounds, make invitation links and
//     set the anonymity threshold;
//   - a round freezes its audience and their demographic groups when it launches
//     (complaint: demographics that cannot be fixed after launch — we freeze them on
//     purpose, and say so before launch);
//   - a person answers a round once, signed in or through a single-use link; answers
//     are stored with their frozen group only, never with the person (store/survey.go);
//   - results exist only once a round has closed, so no one can watch them change as
//     people answer, and they pass through the anonymity engine (anonymity.go).

// Setting keys and bounds of the anonymity threshold.
const (
	SettingSurveyMinGroup = "survey_min_group"
	DefaultMinGroup       = 5
	MinMinGroup           = 3
	MaxMinGroup           = 10
)

// Job kinds of surveys.
const (
	jobOpenRound   = "survey.open"
	jobRemindRound = "survey.remind"
	jobCloseRound  = "survey.close"
)

type roundPayload struct {
	RoundID int64 `json:"round_id"`
}

func init() {
	RegisterJobKind(jobOpenRound, func(ctx context.Context, c *Core, j model.Job) error {
		var p roundPayload
		if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
			return err
		}
		return c.launchRound(ctx, model.System, p.RoundID, false)
	})
	RegisterJobKind(jobRemindRound, func(ctx context.Context, c *Core, j model.Job) error {
		var p roundPayload
		if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
			return err
		}
		return c.remindRound(ctx, p.RoundID)
	})
	RegisterJobKind(jobCloseRound, func(ctx context.Context, c *Core, j model.Job) error {
		var p roundPayload
		if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
			return err
		}
		return c.closeRound(ctx, model.System, p.RoundID)
	})
}

func jobKey(kind string, roundID int64) string { return kind + ":" + strconv.FormatInt(roundID, 10) }

// SurveyThreshold returns the organization's anonymity threshold k.
func (c *Core) SurveyThreshold(ctx context.Context) (int, error) {
	k := DefaultMinGroup
	err := c.read(ctx, func(tx *store.Tx) error {
		var err error
		k, err = threshold(ctx, tx)
		return err
	})
	return k, err
}

func threshold(ctx context.Context, tx *store.Tx) (int, error) {
	v, ok, err := tx.Setting(ctx, SettingSurveyMinGroup)
	if err != nil || !ok {
		return DefaultMinGroup, err
	}
	k, err := strconv.Atoi(v)
	if err != nil || k < MinMinGroup || k > MaxMinGroup {
		return DefaultMinGroup, nil
	}
	return k, nil
}

// SetSurveyThreshold sets the organization's anonymity threshold, from 3 to 10. It
// applies to rounds that launch from now on; a launched round keeps the k it launched
// with (RaiseRoundThreshold raises one while it is open). hr and admin.
func (c *Core) SetSurveyThreshold(ctx context.Context, actor model.Actor, k int) error {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return err
	}
	if k < MinMinGroup || k > MaxMinGroup {
		msg := fmt.Sprintf("Choose a threshold from %d to %d.", MinMinGroup, MaxMinGroup)
		return &model.Error{Code: model.CodeInvalid, Message: msg, Fields: map[string]string{"min_group": msg}}
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if err := tx.SetSetting(ctx, SettingSurveyMinGroup, strconv.Itoa(k)); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "setting_changed", "setting", 0, fmt.Sprintf("%s=%d", SettingSurveyMinGroup, k))
	})
}

// QuestionBank lists the active questions. Everyone signed in may read it: knowing what
// is asked is part of trusting a survey.
func (c *Core) QuestionBank(ctx context.Context, actor model.Actor) ([]model.Question, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []model.Question
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindQuestions(ctx, true)
		return err
	})
	return out, err
}

// AddQuestion adds a custom question to the bank. hr and admin.
func (c *Core) AddQuestion(ctx context.Context, actor model.Actor, in model.QuestionInput) (model.Question, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return model.Question{}, err
	}
	if err := in.Validate(); err != nil {
		return model.Question{}, err
	}
	var q model.Question
	err := c.write(ctx, func(tx *store.Tx) error {
		id, err := tx.CreateQuestion(ctx, in)
		if err != nil {
			return err
		}
		qs, err := tx.FindQuestions(ctx, false)
		if err != nil {
			return err
		}
		for _, x := range qs {
			if x.ID == id {
				q = x
			}
		}
		return audit(ctx, tx, actor, "question_added", "survey_question", id, string(in.Dimension))
	})
	return q, err
}

// SurveyDetail is a survey with its questions and rounds.
type SurveyDetail struct {
	Survey    model.Survey
	Questions []model.Question
	Rounds    []model.Round
	Answered  map[int64]int // respondents so far of open rounds, when at least k
	K         int           // the organization's current threshold
}

// CreateSurvey creates a survey and schedules its first round; a round whose opening
// date has come launches at once. hr and admin.
func (c *Core) CreateSurvey(ctx context.Context, actor model.Actor, in model.SurveyInput) (model.Survey, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return model.Survey{}, err
	}
	if err := in.Validate(); err != nil {
		return model.Survey{}, err
	}
	if in.Audience != model.AudienceDepartments {
		in.DepartmentIDs = nil
	}
	if in.Audience != model.AudienceLocations {
		in.LocationIDs = nil
	}
	var id, roundID int64
	var launchNow bool
	err := c.write(ctx, func(tx *store.Tx) error {
		bank, err := tx.FindQuestions(ctx, true)
		if err != nil {
			return err
		}
		known := map[int64]bool{}
		for _, q := range bank {
			known[q.ID] = true
		}
		var v model.Validator
		seen := map[int64]bool{}
		var qids []int64
		for _, q := range in.QuestionIDs {
			if !known[q] {
				v.Add("questions", "Choose questions from the bank.")
			}
			if !seen[q] {
				seen[q] = true
				qids = append(qids, q)
			}
		}
		if err := checkAudience(ctx, tx, in, &v); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		k, err := threshold(ctx, tx)
		if err != nil {
			return err
		}
		id, err = tx.CreateSurvey(ctx, store.SurveyRecord{Title: in.Title, Intro: in.Intro, Audience: in.Audience,
			DepartmentIDs: in.DepartmentIDs, LocationIDs: in.LocationIDs, QuestionIDs: qids, EveryWeeks: in.EveryWeeks,
			OpenDays: in.OpenDays, ReminderDays: in.ReminderDays, AccountID: actor.AccountID})
		if err != nil {
			return err
		}
		closes := addDays(in.OpensOn, in.OpenDays-1)
		if roundID, err = tx.CreateRound(ctx, id, 1, in.OpensOn, closes, k); err != nil {
			return err
		}
		// The opening job is scheduled even when the round opens at once below: should
		// that fail, the job runner opens it.
		opensAt := model.Round{OpensOn: in.OpensOn}.OpensAt()
		launchNow = opensAt <= tx.Now().Unix()
		if err := enqueue(ctx, tx, jobOpenRound, jobKey(jobOpenRound, roundID), roundPayload{roundID}, opensAt); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "survey_created", "survey", id, fmt.Sprintf("%d questions, %s", len(qids), in.Audience))
	})
	if err != nil {
		return model.Survey{}, err
	}
	if launchNow {
		if err := c.launchRound(ctx, actor, roundID, false); err != nil {
			return model.Survey{}, err
		}
	}
	var s model.Survey
	err = c.read(ctx, func(tx *store.Tx) (err error) {
		s, err = tx.FindSurveyByID(ctx, id)
		return err
	})
	return s, err
}

func checkAudience(ctx context.Context, tx *store.Tx, in model.SurveyInput, v *model.Validator) error {
	if len(in.DepartmentIDs) > 0 {
		ds, err := tx.FindDepartments(ctx)
		if err != nil {
			return err
		}
		ok := map[int64]bool{}
		for _, d := range ds {
			ok[d.ID] = true
		}
		for _, d := range in.DepartmentIDs {
			v.Check(ok[d], "departments", "Choose departments from the list.")
		}
	}
	if len(in.LocationIDs) > 0 {
		ls, err := tx.FindLocations(ctx)
		if err != nil {
			return err
		}
		ok := map[int64]bool{}
		for _, l := range ls {
			ok[l.ID] = true
		}
		for _, l := range in.LocationIDs {
			v.Check(ok[l], "locations", "Choose locations from the list.")
		}
	}
	return nil
}

// addDays returns the date n days after date (YYYY-MM-DD).
func addDays(date string, n int) string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return date
	}
	return t.AddDate(0, 0, n).Format("2006-01-02")
}

// Surveys lists every survey with its rounds. hr and admin.
func (c *Core) Surveys(ctx context.Context, actor model.Actor) ([]model.Survey, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return nil, err
	}
	var out []model.Survey
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindSurveys(ctx)
		return err
	})
	return out, err
}

// Survey returns a survey with its questions and rounds. hr and admin.
func (c *Core) Survey(ctx context.Context, actor model.Actor, id int64) (SurveyDetail, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return SurveyDetail{}, err
	}
	var d SurveyDetail
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		if d.Survey, err = tx.FindSurveyByID(ctx, id); err != nil {
			return notFound(err, "survey")
		}
		if d.Questions, err = tx.SurveyQuestions(ctx, id); err != nil {
			return err
		}
		if d.Rounds, err = tx.FindRounds(ctx, store.RoundFilter{SurveyID: id}); err != nil {
			return err
		}
		if d.K, err = threshold(ctx, tx); err != nil {
			return err
		}
		d.Answered = map[int64]int{}
		for _, r := range d.Rounds {
			if r.Status != model.RoundOpen {
				continue
			}
			n, err := tx.ParticipationCount(ctx, r.ID)
			if err != nil {
				return err
			}
			if n >= r.MinGroup {
				d.Answered[r.ID] = n
			}
		}
		return nil
	})
	return d, err
}

// EndSurvey stops a recurring survey: its scheduled rounds are cancelled and no new
// ones are made. An open round stays open until it closes. hr and admin.
func (c *Core) EndSurvey(ctx context.Context, actor model.Actor, id int64) error {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if err := tx.SetSurveyStatus(ctx, id, "ended"); err != nil {
			return notFound(err, "survey")
		}
		rounds, err := tx.FindRounds(ctx, store.RoundFilter{SurveyID: id, Statuses: []model.RoundStatus{model.RoundScheduled}})
		if err != nil {
			return err
		}
		for _, r := range rounds {
			if _, err := tx.MoveRoundStatus(ctx, r.ID, model.RoundScheduled, model.RoundCancelled); err != nil {
				return err
			}
			if err := tx.CancelJob(ctx, jobKey(jobOpenRound, r.ID)); err != nil {
				return err
			}
		}
		return audit(ctx, tx, actor, "survey_ended", "survey", id, "")
	})
}

// LaunchRound opens a scheduled round now, before its opening date if need be. hr and
// admin; the scheduled job does the same on the opening date.
func (c *Core) LaunchRound(ctx context.Context, actor model.Actor, roundID int64) error {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return err
	}
	return c.launchRound(ctx, actor, roundID, true)
}

// launchRound moves a round from scheduled to open. In the same transaction it freezes
// the audience and their demographic groups, freezes the threshold k, schedules the
// reminder and the closing, and, for a recurring pulse, schedules the next round. A
// round that is no longer scheduled is left alone, so the job may run twice.
func (c *Core) launchRound(ctx context.Context, actor model.Actor, roundID int64, early bool) error {
	return c.write(ctx, func(tx *store.Tx) error {
		r, err := tx.FindRoundByID(ctx, roundID)
		if err != nil {
			return notFound(err, "pulse")
		}
		if r.Status != model.RoundScheduled {
			if early {
				return model.Errorf(model.CodeConflict, "This pulse is already %s.", r.Status)
			}
			return nil
		}
		s, err := tx.FindSurveyByID(ctx, r.SurveyID)
		if err != nil {
			return err
		}
		now := tx.Now()
		if early && r.OpensAt() > now.Unix() {
			r.OpensOn = dayOf(now)
			r.ClosesOn = addDays(r.OpensOn, s.OpenDays-1)
			if err := tx.SetRoundDates(ctx, r.ID, r.OpensOn, r.ClosesOn); err != nil {
				return err
			}
		}
		moved, err := tx.MoveRoundStatus(ctx, r.ID, model.RoundScheduled, model.RoundOpen)
		if err != nil || !moved {
			return err
		}
		k, err := threshold(ctx, tx)
		if err != nil {
			return err
		}
		invited, err := freezeAudience(ctx, tx, r, s, now)
		if err != nil {
			return err
		}
		if err := tx.SetRoundLaunch(ctx, r.ID, invited, k); err != nil {
			return err
		}
		if err := tx.CancelJob(ctx, jobKey(jobOpenRound, r.ID)); err != nil {
			return err
		}
		if err := enqueue(ctx, tx, jobCloseRound, jobKey(jobCloseRound, r.ID), roundPayload{r.ID}, r.ClosesAt()); err != nil {
			return err
		}
		if s.ReminderDays > 0 {
			at := r.ClosesAt() - int64(s.ReminderDays)*86400
			if at > now.Unix() {
				if err := enqueue(ctx, tx, jobRemindRound, jobKey(jobRemindRound, r.ID), roundPayload{r.ID}, at); err != nil {
					return err
				}
			}
		}
		if s.Recurring() && s.Status == "active" {
			number, err := tx.NextRoundNumber(ctx, s.ID)
			if err != nil {
				return err
			}
			opens := addDays(r.OpensOn, 7*s.EveryWeeks)
			nextID, err := tx.CreateRound(ctx, s.ID, number, opens, addDays(opens, s.OpenDays-1), k)
			if err != nil {
				return err
			}
			if err := enqueue(ctx, tx, jobOpenRound, jobKey(jobOpenRound, nextID), roundPayload{nextID}, model.Round{OpensOn: opens}.OpensAt()); err != nil {
				return err
			}
		}
		if err := c.emit(ctx, tx, model.EventSurveyOpened, webhook.SurveyOpened{SurveyID: s.ID, SurveyTitle: s.Title,
			RoundID: r.ID, Round: r.Number, OpensOn: r.OpensOn, ClosesOn: r.ClosesOn, Invited: invited,
			URL: c.link("/pulses/" + strconv.FormatInt(r.ID, 10))}); err != nil {
			return err
		}
		c.log.Info("pulse opened", "round", r.ID, "survey", s.ID, "invited", invited, "k", k)
		return audit(ctx, tx, actor, "pulse_opened", "survey_round", r.ID, fmt.Sprintf("%d invited, k=%d", invited, k))
	})
}

// freezeAudience writes the round's groups and members: every active person in the
// survey's audience, grouped by department, location, manager's team (with reporting
// line and level) and tenure band, as they are now.
func freezeAudience(ctx context.Context, tx *store.Tx, r model.Round, s model.Survey, now time.Time) (int, error) {
	people, err := tx.AllPersonRows(ctx)
	if err != nil {
		return 0, err
	}
	depts, locs := map[int64]bool{}, map[int64]bool{}
	for _, d := range s.DepartmentIDs {
		depts[d] = true
	}
	for _, l := range s.LocationIDs {
		locs[l] = true
	}
	on, _ := time.Parse("2006-01-02", r.OpensOn)
	if on.IsZero() {
		on = now
	}
	type key struct {
		dept, loc int64
		path      string
		tenure    model.TenureBand
	}
	index := map[key]int{}
	var groups []store.GroupRecord
	var memberIDs []int64
	var memberGroup []int
	for _, p := range people {
		if !p.Active {
			continue
		}
		switch s.Audience {
		case model.AudienceDepartments:
			if !depts[p.DepartmentID] {
				continue
			}
		case model.AudienceLocations:
			if !locs[p.LocationID] {
				continue
			}
		}
		k := key{p.DepartmentID, p.LocationID, p.Path, model.TenureOf(p.HireDate, on)}
		i, ok := index[k]
		if !ok {
			i = len(groups)
			index[k] = i
			groups = append(groups, store.GroupRecord{DepartmentID: p.DepartmentID, LocationID: p.LocationID, TeamID: p.ManagerID,
				Path: p.Path, Level: p.Depth, Tenure: k.tenure})
		}
		groups[i].Invited++
		memberIDs = append(memberIDs, p.ID)
		memberGroup = append(memberGroup, i)
	}
	ids, err := tx.InsertGroups(ctx, r.ID, groups)
	if err != nil {
		return 0, err
	}
	gids := make([]int64, len(memberIDs))
	for i, g := range memberGroup {
		gids[i] = ids[g]
	}
	return len(memberIDs), tx.InsertMembers(ctx, r.ID, memberIDs, gids)
}

// remindRound records that a round's reminder is due: from then on the home page of
// everyone who has not answered shows the reminder. Issue 10's webhooks will also send
// it to chat.
func (c *Core) remindRound(ctx context.Context, roundID int64) error {
	return c.write(ctx, func(tx *store.Tx) error {
		ok, err := tx.MarkRoundReminded(ctx, roundID)
		if err != nil || !ok {
			return err
		}
		// Neither the log nor the audit log says how many have not answered: below k,
		// that count is as protected as the response rate.
		c.log.Info("pulse reminder", "round", roundID)
		return audit(ctx, tx, model.System, "pulse_reminded", "survey_round", roundID, "")
	})
}

// CloseRound closes an open round now. hr and admin; the scheduled job does the same on
// the closing date.
func (c *Core) CloseRound(ctx context.Context, actor model.Actor, roundID int64) error {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return err
	}
	var status model.RoundStatus
	err := c.read(ctx, func(tx *store.Tx) error {
		r, err := tx.FindRoundByID(ctx, roundID)
		status = r.Status
		return notFound(err, "pulse")
	})
	if err != nil {
		return err
	}
	if status != model.RoundOpen {
		return model.Errorf(model.CodeConflict, "Only an open pulse can be closed; this one is %s.", status)
	}
	return c.closeRound(ctx, actor, roundID)
}

// closeRound moves a round from open to closed, in one transaction: it rewrites the
// answers in shuffled order (where the engine keeps insertion order), counts
// respondents per group, computes and stores the anonymity blocks and the answers
// summed per block, records the team results that feed the scorecards, and forgets
// who was frozen into which group and the unused invitation links. A round that is no
// longer open is left alone, so the job may run twice.
func (c *Core) closeRound(ctx context.Context, actor model.Actor, roundID int64) error {
	closed := false
	err := c.write(ctx, func(tx *store.Tx) error {
		moved, err := tx.MoveRoundStatus(ctx, roundID, model.RoundOpen, model.RoundClosed)
		if err != nil || !moved {
			return err
		}
		closed = true
		r, err := tx.FindRoundByID(ctx, roundID)
		if err != nil {
			return err
		}
		if err := tx.ShuffleRound(ctx, roundID); err != nil {
			return err
		}
		groups, err := tx.FindGroups(ctx, roundID)
		if err != nil {
			return err
		}
		counts, err := tx.ResponseCounts(ctx, roundID)
		if err != nil {
			return err
		}
		as := make([]AnonAtom, len(groups))
		for i := range groups {
			groups[i].Respondents = counts[groups[i].ID]
			as[i] = AnonAtom{ID: groups[i].ID, Respondents: groups[i].Respondents}
		}
		blocks := NewBlocks(r.MinGroup, as, surveyCandidates(groups))
		for i := range groups {
			groups[i].Block = blocks.BlockOf(groups[i].ID)
		}
		if err := tx.SetGroupBlocks(ctx, groups); err != nil {
			return err
		}
		raw, err := tx.Tallies(ctx, roundID)
		if err != nil {
			return err
		}
		bt := blocks.NewTallies()
		for _, t := range raw {
			bt.Add(t.GroupID, t.QuestionID, t.Value, t.Count)
		}
		var sums []store.BlockTallyRow
		for blk, qs := range bt.Blocks() {
			row := store.BlockTallyRow{Block: blk, Tallies: make(map[int64][11]int, len(qs))}
			for q, t := range qs {
				row.Tallies[q] = t
			}
			sums = append(sums, row)
		}
		if err := tx.InsertBlockTallies(ctx, roundID, sums); err != nil {
			return err
		}
		d, err := loadRoundWith(ctx, tx, r, groups)
		if err != nil {
			return err
		}
		if err := tx.ReplaceTeamResults(ctx, roundID, d.teamResults()); err != nil {
			return err
		}
		if err := tx.DeleteMembers(ctx, roundID); err != nil {
			return err
		}
		if err := tx.DeleteUnusedInvitations(ctx, roundID); err != nil {
			return err
		}
		for _, kind := range []string{jobCloseRound, jobRemindRound} {
			if err := tx.CancelJob(ctx, jobKey(kind, roundID)); err != nil {
				return err
			}
		}
		// The count of answers stays out of the logs: below k it is protected.
		c.log.Info("pulse closed", "round", roundID, "blocks", len(blocks.BlockSizes()))
		return audit(ctx, tx, actor, "pulse_closed", "survey_round", roundID, fmt.Sprintf("%d invited, k=%d", r.Invited, r.MinGroup))
	})
	if err == nil && closed {
		c.syncEngagement(ctx, roundID)
	}
	return err
}

// RaiseRoundThreshold raises the threshold of an open round. It cannot be lowered
// after launch, and it cannot change after the round closes: a second set of blocks
// beside the first could cut across it. hr and admin.
func (c *Core) RaiseRoundThreshold(ctx context.Context, actor model.Actor, roundID int64, k int) error {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		r, err := tx.FindRoundByID(ctx, roundID)
		if err != nil {
			return notFound(err, "pulse")
		}
		if r.Status == model.RoundClosed || r.Status == model.RoundCancelled {
			return model.Errorf(model.CodeConflict, "The threshold of a closed pulse cannot change: its results were published with k = %d.", r.MinGroup)
		}
		if k < r.MinGroup || k > MaxMinGroup {
			msg := fmt.Sprintf("Choose a threshold from %d (this pulse's current one; it cannot be lowered after launch) to %d.", r.MinGroup, MaxMinGroup)
			return &model.Error{Code: model.CodeInvalid, Message: msg, Fields: map[string]string{"min_group": msg}}
		}
		if err := tx.SetRoundMinGroup(ctx, roundID, k); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "pulse_threshold_raised", "survey_round", roundID, fmt.Sprintf("k=%d", k))
	})
}

// Questionnaire is what a person sees to answer a round.
type Questionnaire struct {
	Round     model.Round
	Questions []model.Question
	OrgName   string
	Plans     []model.ActionPlan // what the person's team is doing about the last results
}

// MyPulses lists the open rounds the actor was invited to, with whether they answered.
func (c *Core) MyPulses(ctx context.Context, actor model.Actor) ([]model.Round, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	if actor.PersonID == 0 {
		return nil, nil
	}
	var out []model.Round
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.PersonRounds(ctx, actor.PersonID)
		return err
	})
	return out, err
}

// Questionnaire returns a round for the actor to answer: they must have been invited
// when it launched, it must be open, and they must not have answered yet.
func (c *Core) Questionnaire(ctx context.Context, actor model.Actor, roundID int64) (Questionnaire, error) {
	if err := requireSignedIn(actor); err != nil {
		return Questionnaire{}, err
	}
	var q Questionnaire
	err := c.read(ctx, func(tx *store.Tx) error {
		var err error
		q, err = questionnaire(ctx, tx, roundID, actor.PersonID)
		return err
	})
	return q, err
}

func questionnaire(ctx context.Context, tx *store.Tx, roundID, personID int64) (Questionnaire, error) {
	var q Questionnaire
	r, err := openFor(ctx, tx, roundID, personID)
	if err != nil {
		return q, err
	}
	q.Round = r
	if q.Questions, err = tx.SurveyQuestions(ctx, r.SurveyID); err != nil {
		return q, err
	}
	if q.OrgName, _, err = tx.Setting(ctx, SettingOrgName); err != nil {
		return q, err
	}
	p, err := tx.FindPersonByID(ctx, personID)
	if err != nil {
		return q, err
	}
	if p.ManagerID != 0 {
		q.Plans, err = tx.FindActionPlans(ctx, store.ActionPlanFilter{ManagerIDs: []int64{p.ManagerID}, Limit: 1})
	}
	return q, err
}

// openFor checks that a person may answer a round now: it is open, they were in its
// audience when it launched, and they have not answered.
func openFor(ctx context.Context, tx *store.Tx, roundID, personID int64) (model.Round, error) {
	r, err := tx.FindRoundByID(ctx, roundID)
	if err != nil {
		return r, notFound(err, "pulse")
	}
	if r.Status != model.RoundOpen {
		return r, notOpen(r)
	}
	if personID == 0 {
		return r, model.Errorf(model.CodeForbidden, "This pulse is for people in the organization; your account is not linked to one.")
	}
	if _, err := tx.MemberGroup(ctx, roundID, personID); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return r, model.Errorf(model.CodeForbidden, "You were not in this pulse's audience when it opened.")
		}
		return r, err
	}
	done, err := tx.Participated(ctx, roundID, personID)
	if err != nil {
		return r, err
	}
	if done {
		return r, alreadyAnswered()
	}
	r.Invitee = true
	return r, nil
}

func notOpen(r model.Round) error {
	switch r.Status {
	case model.RoundScheduled:
		return model.Errorf(model.CodeConflict, "This pulse opens on %s.", r.OpensOn)
	case model.RoundClosed:
		return model.Errorf(model.CodeConflict, "This pulse closed on %s. Thank you for your interest.", r.ClosesOn)
	}
	return model.Errorf(model.CodeConflict, "This pulse is not open.")
}

func alreadyAnswered() error {
	return model.Errorf(model.CodeConflict, "You have already answered this pulse. Answers cannot be changed: they are not linked to you.")
}

// SubmitPulse records the actor's answers to an open round, once.
func (c *Core) SubmitPulse(ctx context.Context, actor model.Actor, roundID int64, sub model.PulseAnswers) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		return submit(ctx, tx, roundID, actor.PersonID, sub, "signed_in")
	})
}

// submit checks and writes one submission in tx: the participation record, then the
// answers with the person's frozen group and nothing else.
func submit(ctx context.Context, tx *store.Tx, roundID, personID int64, sub model.PulseAnswers, channel string) error {
	r, err := openFor(ctx, tx, roundID, personID)
	if err != nil {
		return err
	}
	qs, err := tx.SurveyQuestions(ctx, r.SurveyID)
	if err != nil {
		return err
	}
	row, err := checkSubmission(qs, sub)
	if err != nil {
		return err
	}
	if row.GroupID, err = tx.MemberGroup(ctx, roundID, personID); err != nil {
		return err
	}
	if err := tx.InsertParticipation(ctx, roundID, personID, channel); err != nil {
		if errors.Is(err, store.ErrUnique) {
			return alreadyAnswered()
		}
		return err
	}
	return tx.InsertResponses(ctx, roundID, []store.ResponseRow{row})
}

// checkSubmission validates answers against the round's questions. Field names are
// "q<id>". Messages never quote the answers.
func checkSubmission(qs []model.Question, sub model.PulseAnswers) (store.ResponseRow, error) {
	byID := map[int64]model.Question{}
	for _, q := range qs {
		byID[q.ID] = q
	}
	var v model.Validator
	row := store.ResponseRow{Answers: map[int64]int{}, Comments: map[int64]string{}}
	for id, val := range sub.Answers {
		q, ok := byID[id]
		field := "q" + strconv.FormatInt(id, 10)
		if !ok || q.Kind == model.KindComment {
			v.Add(field, "This question is not part of the pulse.")
			continue
		}
		lo, hi := q.Kind.Range()
		if val < lo || val > hi {
			v.Add(field, fmt.Sprintf("Choose an answer from %d to %d.", lo, hi))
			continue
		}
		row.Answers[id] = val
	}
	for id, text := range sub.Comments {
		q, ok := byID[id]
		field := "q" + strconv.FormatInt(id, 10)
		if !ok || q.Kind != model.KindComment {
			v.Add(field, "This question is not part of the pulse.")
			continue
		}
		text = strings.TrimSpace(strings.ToValidUTF8(text, ""))
		if text == "" {
			continue
		}
		if utf8.RuneCountInString(text) > model.MaxCommentRunes {
			v.Add(field, fmt.Sprintf("Keep your comment under %d characters.", model.MaxCommentRunes))
			continue
		}
		row.Comments[id] = text
	}
	if err := v.Err(); err != nil {
		return row, err
	}
	if len(row.Answers) == 0 && len(row.Comments) == 0 {
		return row, &model.Error{Code: model.CodeInvalid, Message: "Answer at least one question. You may skip any of them."}
	}
	return row, nil
}

// CreateInvitations makes single-use links for the people invited to an open round
// (or only those without an account). Everyone invited gets one, whether they answered
// or not, so the file says nothing about who answered; a link of someone who answered
// says so when opened. Each token is returned once; only its hash is kept, and making
// links again replaces the unused ones. hr and admin.
func (c *Core) CreateInvitations(ctx context.Context, actor model.Actor, roundID int64, opts model.InvitationOptions) ([]model.Invitation, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return nil, err
	}
	var out []model.Invitation
	err := c.write(ctx, func(tx *store.Tx) error {
		r, err := tx.FindRoundByID(ctx, roundID)
		if err != nil {
			return notFound(err, "pulse")
		}
		if r.Status != model.RoundOpen {
			return notOpen(r)
		}
		members, err := tx.Members(ctx, roundID)
		if err != nil {
			return err
		}
		for _, m := range members {
			if opts.WithoutAccountOnly && m.HasAccount {
				continue
			}
			token, hash := newSecret()
			if err := tx.PutInvitation(ctx, roundID, m.PersonID, hash); err != nil {
				return err
			}
			out = append(out, model.Invitation{PersonID: m.PersonID, EmployeeID: m.EmployeeID, Name: m.Name, Email: m.Email, Token: token})
		}
		return audit(ctx, tx, actor, "pulse_links_created", "survey_round", roundID, fmt.Sprintf("%d links", len(out)))
	})
	return out, err
}

// InvitationQuestionnaire returns the round an invitation link is for. The link works
// without an account; it stops working once used or when the round closes.
func (c *Core) InvitationQuestionnaire(ctx context.Context, token string) (Questionnaire, error) {
	var q Questionnaire
	err := c.read(ctx, func(tx *store.Tx) error {
		_, roundID, personID, used, err := tx.FindInvitation(ctx, hashSecret(strings.TrimSpace(token)))
		if err != nil {
			return invalidLink(err)
		}
		if used {
			return linkUsed()
		}
		q, err = questionnaire(ctx, tx, roundID, personID)
		return err
	})
	return q, err
}

// SubmitByInvitation records answers through an invitation link and uses the link up.
func (c *Core) SubmitByInvitation(ctx context.Context, token string, sub model.PulseAnswers) error {
	return c.write(ctx, func(tx *store.Tx) error {
		id, roundID, personID, used, err := tx.FindInvitation(ctx, hashSecret(strings.TrimSpace(token)))
		if err != nil {
			return invalidLink(err)
		}
		if used {
			return linkUsed()
		}
		ok, err := tx.UseInvitation(ctx, id)
		if err != nil {
			return err
		}
		if !ok {
			return linkUsed()
		}
		return submit(ctx, tx, roundID, personID, sub, "link")
	})
}

func invalidLink(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return &model.Error{Code: model.CodeNotFound, Message: "This link is not valid. Check that you copied all of it, or ask for a new one."}
	}
	return err
}

func linkUsed() error {
	return model.Errorf(model.CodeConflict, "This link has already been used to answer. Each link works once.")
}

// SeedResponses records many people's submissions to an open round in one transaction,
// with the same checks as answering one by one. It is for the demo generator and for
// importing results gathered elsewhere. System only.
func (c *Core) SeedResponses(ctx context.Context, actor model.Actor, roundID int64, personIDs []int64, subs []model.PulseAnswers) error {
	if !actor.IsSystem() {
		return model.Forbidden()
	}
	if len(personIDs) != len(subs) {
		return fmt.Errorf("core: seed responses: %d people, %d submissions", len(personIDs), len(subs))
	}
	return c.write(ctx, func(tx *store.Tx) error {
		r, err := tx.FindRoundByID(ctx, roundID)
		if err != nil {
			return notFound(err, "pulse")
		}
		if r.Status != model.RoundOpen {
			return notOpen(r)
		}
		qs, err := tx.SurveyQuestions(ctx, r.SurveyID)
		if err != nil {
			return err
		}
		groups, err := tx.MemberGroups(ctx, roundID, personIDs)
		if err != nil {
			return err
		}
		rows := make([]store.ResponseRow, 0, len(subs))
		for i, sub := range subs {
			g, ok := groups[personIDs[i]]
			if !ok {
				return model.Errorf(model.CodeInvalid, "Person %d was not invited to this pulse.", personIDs[i])
			}
			row, err := checkSubmission(qs, sub)
			if err != nil {
				return err
			}
			row.GroupID = g
			rows = append(rows, row)
		}
		if err := tx.InsertParticipations(ctx, roundID, personIDs, "import"); err != nil {
			if errors.Is(err, store.ErrUnique) {
				return alreadyAnswered()
			}
			return err
		}
		return tx.InsertResponses(ctx, roundID, rows)
	})
}

// OpenRoundProgress is what anyone may know about an open round: the overall count of
// answers, and only when it has reached k (anything finer, while people are still
// answering, would let someone watch who answers when).
type OpenRoundProgress struct {
	Round    model.Round
	Answered int
	Shown    bool
	DaysLeft int
	Reminded bool
}

// RoundProgress returns the progress of an open round for everyone signed in.
func (c *Core) RoundProgress(ctx context.Context, actor model.Actor, roundID int64) (OpenRoundProgress, error) {
	if err := requireSignedIn(actor); err != nil {
		return OpenRoundProgress{}, err
	}
	var p OpenRoundProgress
	err := c.read(ctx, func(tx *store.Tx) error {
		r, err := tx.FindRoundByID(ctx, roundID)
		if err != nil {
			return notFound(err, "pulse")
		}
		p.Round = r
		p.DaysLeft = r.DaysLeft(tx.Now())
		p.Reminded = r.Reminded
		if r.Status != model.RoundOpen {
			return nil
		}
		n, err := tx.ParticipationCount(ctx, roundID)
		if err != nil {
			return err
		}
		if n >= r.MinGroup {
			p.Answered, p.Shown = n, true
		}
		return nil
	})
	return p, err
}

// SurveyOptions is what the form for a new survey offers.
type SurveyOptions struct {
	Bank        []model.Question
	Departments []model.Department
	Locations   []model.Location
	K           int
	Today       string
}

// NewSurveyOptions returns the choices of the new-survey form. hr and admin.
func (c *Core) NewSurveyOptions(ctx context.Context, actor model.Actor) (SurveyOptions, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return SurveyOptions{}, err
	}
	var o SurveyOptions
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		if o.Bank, err = tx.FindQuestions(ctx, true); err != nil {
			return err
		}
		if o.Departments, err = tx.FindDepartments(ctx); err != nil {
			return err
		}
		if o.Locations, err = tx.FindLocations(ctx); err != nil {
			return err
		}
		o.Today = today(tx)
		o.K, err = threshold(ctx, tx)
		return err
	})
	return o, err
}

// PersonIDsByEmployeeID maps every person's employee id to their id, for the demo
// generator and imports of results gathered elsewhere. System, hr and admin.
func (c *Core) PersonIDsByEmployeeID(ctx context.Context, actor model.Actor) (map[string]int64, error) {
	if !actor.IsSystem() {
		if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
			return nil, err
		}
	}
	out := map[string]int64{}
	err := c.read(ctx, func(tx *store.Tx) error {
		rows, err := tx.AllPersonRows(ctx)
		for _, r := range rows {
			out[r.EmployeeID] = r.ID
		}
		return err
	})
	return out, err
}
