package core

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"throughline/internal/model"
	"throughline/internal/store"
	"throughline/internal/webhook"
)

// HackathonDetail is a hackathon's page: the event, its challenges, teams (with their
// members and department mix), judges, and what the viewer may do.
type HackathonDetail struct {
	model.Hackathon
	CanOrganize  bool
	IsJudge      bool
	IsRegistered bool
	MyTeamID     int64
	MyVote       int64 // the submission the viewer voted for
	VotingOpen   bool
	Submissions  []model.Submission
	Unteamed     []model.Person // registered, not in a team yet
}

// Hackathons lists the hackathons, the latest first.
func (c *Core) Hackathons(ctx context.Context, actor model.Actor, f model.HackathonFilter) ([]model.Hackathon, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []model.Hackathon
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindHackathons(ctx, f)
		if err != nil {
			return err
		}
		for i := range out {
			if out[i].Challenges, err = tx.FindChallenges(ctx, out[i].ID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// Hackathon returns a hackathon's page.
func (c *Core) Hackathon(ctx context.Context, actor model.Actor, id int64) (HackathonDetail, error) {
	if err := requireSignedIn(actor); err != nil {
		return HackathonDetail{}, err
	}
	var d HackathonDetail
	err := c.read(ctx, func(tx *store.Tx) error {
		h, err := tx.FindHackathonByID(ctx, id)
		if err != nil {
			return notFound(err, "hackathon")
		}
		if err := c.loadHackathon(ctx, tx, actor, &h); err != nil {
			return err
		}
		d.Hackathon = h
		d.CanOrganize = canOrganize(actor)
		d.VotingOpen = h.VotingOpen(tx.Now())
		if d.Submissions, err = tx.FindSubmissions(ctx, id); err != nil {
			return err
		}
		people, teams, err := tx.RegisteredPeople(ctx, id)
		if err != nil {
			return err
		}
		for _, p := range people {
			if teams[p.ID] == 0 {
				d.Unteamed = append(d.Unteamed, p.Directory())
			}
		}
		if actor.PersonID != 0 {
			for _, j := range h.Judges {
				if j.ID == actor.PersonID {
					d.IsJudge = true
				}
			}
			reg, err := tx.RegistrationOf(ctx, id, actor.PersonID)
			if err != nil {
				return err
			}
			d.IsRegistered, d.MyTeamID = reg.Registered, reg.TeamID
			if d.MyVote, err = tx.VoteOf(ctx, id, actor.PersonID); err != nil {
				return err
			}
		}
		return nil
	})
	return d, err
}

// loadHackathon fills challenges, judges, and teams with members, mix and submission.
func (c *Core) loadHackathon(ctx context.Context, tx *store.Tx, actor model.Actor, h *model.Hackathon) error {
	var err error
	if h.Challenges, err = tx.FindChallenges(ctx, h.ID); err != nil {
		return err
	}
	judges, err := tx.FindJudges(ctx, h.ID)
	if err != nil {
		return err
	}
	h.Judges = viewPeople(actor, judges)
	if h.Teams, err = tx.FindTeams(ctx, h.ID); err != nil {
		return err
	}
	ids := make([]int64, len(h.Teams))
	for i, t := range h.Teams {
		ids[i] = t.ID
	}
	members, err := tx.TeamMembers(ctx, ids)
	if err != nil {
		return err
	}
	subs, err := tx.FindSubmissions(ctx, h.ID)
	if err != nil {
		return err
	}
	byTeam := map[int64]*model.Submission{}
	for i := range subs {
		byTeam[subs[i].TeamID] = &subs[i]
	}
	for i := range h.Teams {
		t := &h.Teams[i]
		t.Mix = model.MixOf(members[t.ID])
		t.Members = viewPeople(actor, members[t.ID])
		t.Submission = byTeam[t.ID]
	}
	return nil
}

// checkHackathon checks judges against the database.
func checkJudges(ctx context.Context, tx *store.Tx, ids []int64) error {
	var v model.Validator
	for _, id := range ids {
		if _, err := activePerson(ctx, tx, &v, id, "judge_ids", "Every judge must be an active person."); err != nil {
			return err
		}
	}
	return v.Err()
}

// CreateHackathon creates a hackathon open for registration.
func (c *Core) CreateHackathon(ctx context.Context, actor model.Actor, in model.HackathonInput) (int64, error) {
	if err := requireOrganizer(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) (err error) {
		if err := checkJudges(ctx, tx, in.JudgeIDs); err != nil {
			return err
		}
		if id, err = tx.CreateHackathon(ctx, store.HackathonRecord{HackathonInput: in, Status: model.HackRegistration, OrganizerID: actor.PersonID}); err != nil {
			return err
		}
		if err := tx.ReplaceJudges(ctx, id, in.JudgeIDs); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "hackathon_created", "hackathon", id, "")
	})
	return id, err
}

// UpdateHackathon changes a hackathon's details, rubric and judges.
func (c *Core) UpdateHackathon(ctx context.Context, actor model.Actor, id int64, in model.HackathonInput) error {
	if err := requireOrganizer(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		h, err := tx.FindHackathonByID(ctx, id)
		if err != nil {
			return notFound(err, "hackathon")
		}
		if h.Status == model.HackFinished {
			return &model.Error{Code: model.CodeConflict, Message: "A finished hackathon cannot be changed: its results stand."}
		}
		if err := checkJudges(ctx, tx, in.JudgeIDs); err != nil {
			return err
		}
		if err := tx.UpdateHackathon(ctx, id, in); err != nil {
			return err
		}
		if err := tx.ReplaceJudges(ctx, id, in.JudgeIDs); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "hackathon_updated", "hackathon", id, "")
	})
}

// AddChallenge adds a challenge, optionally linked to a strategic objective.
func (c *Core) AddChallenge(ctx context.Context, actor model.Actor, hackathonID int64, in model.ChallengeInput) (int64, error) {
	if err := requireOrganizer(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) (err error) {
		if _, err := tx.FindHackathonByID(ctx, hackathonID); err != nil {
			return notFound(err, "hackathon")
		}
		var v model.Validator
		if in.ObjectiveID != 0 {
			if err := checkObjectives(ctx, tx, &v, "objective_id", []int64{in.ObjectiveID}); err != nil {
				return err
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		id, err = tx.CreateChallenge(ctx, hackathonID, in)
		return err
	})
	return id, err
}

// AdvanceHackathon moves a hackathon forward to a later phase; phases never go back.
// Finishing closes the vote.
func (c *Core) AdvanceHackathon(ctx context.Context, actor model.Actor, id int64, to model.HackathonStatus) error {
	if err := requireOrganizer(actor); err != nil {
		return err
	}
	if to.Rank() == 0 {
		return &model.Error{Code: model.CodeInvalid, Message: "Choose a phase.", Fields: map[string]string{"status": "Choose registration, hacking, judging or finished."}}
	}
	return c.write(ctx, func(tx *store.Tx) error {
		h, err := tx.FindHackathonByID(ctx, id)
		if err != nil {
			return notFound(err, "hackathon")
		}
		if to.Rank() <= h.Status.Rank() {
			return &model.Error{Code: model.CodeConflict, Message: fmt.Sprintf("The hackathon is already at %q; phases only move forward.", h.Status.Label())}
		}
		if err := tx.SetHackathonStatus(ctx, id, to); err != nil {
			return err
		}
		if to == model.HackFinished {
			if err := tx.CloseVotesNow(ctx, id); err != nil {
				return err
			}
			// Finishing publishes the results, with whatever places are set.
			if err := c.emitResults(ctx, tx, actor, h); err != nil {
				return err
			}
		}
		return audit(ctx, tx, actor, "hackathon_"+string(to), "hackathon", id, "")
	})
}

// loadOpenHackathon loads a hackathon whose teams may still change.
func loadOpenHackathon(ctx context.Context, tx *store.Tx, id int64) (model.Hackathon, error) {
	h, err := tx.FindHackathonByID(ctx, id)
	if err != nil {
		return h, notFound(err, "hackathon")
	}
	if !h.TeamsOpen() {
		return h, &model.Error{Code: model.CodeConflict, Message: "Teams are closed: the hackathon is " + strings.ToLower(h.Status.Label()) + "."}
	}
	return h, nil
}

// RegisterForHackathon registers the actor, without a team yet.
func (c *Core) RegisterForHackathon(ctx context.Context, actor model.Actor, id int64) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if _, err := loadOpenHackathon(ctx, tx, id); err != nil {
			return err
		}
		reg, err := tx.RegistrationOf(ctx, id, actor.PersonID)
		if err != nil || reg.Registered {
			return err
		}
		return tx.SetRegistration(ctx, id, actor.PersonID, 0)
	})
}

// UnregisterFromHackathon withdraws the actor, leaving their team.
func (c *Core) UnregisterFromHackathon(ctx context.Context, actor model.Actor, id int64) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if _, err := loadOpenHackathon(ctx, tx, id); err != nil {
			return err
		}
		return tx.Unregister(ctx, id, actor.PersonID)
	})
}

// CreateTeam registers a team: the actor and the members they name, up to the size
// limit, none of them already in another team of the hackathon. Everyone named is
// registered for the hackathon.
func (c *Core) CreateTeam(ctx context.Context, actor model.Actor, hackathonID int64, in model.TeamInput) (int64, error) {
	if err := requirePerson(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		h, err := loadOpenHackathon(ctx, tx, hackathonID)
		if err != nil {
			return err
		}
		members := []int64{actor.PersonID}
		for _, m := range in.MemberIDs {
			if m != actor.PersonID {
				members = append(members, m)
			}
		}
		var v model.Validator
		if ch, err := tx.FindChallengeByID(ctx, in.ChallengeID); errors.Is(err, store.ErrNotFound) || (err == nil && ch.HackathonID != hackathonID) {
			v.Add("challenge_id", "Choose one of this hackathon's challenges.")
		} else if err != nil {
			return err
		}
		if len(members) > h.TeamMax {
			v.Add("member_ids", fmt.Sprintf("A team has at most %d people, you included.", h.TeamMax))
		}
		for _, m := range members {
			p, err := activePerson(ctx, tx, &v, m, "member_ids", "Every member must be an active person.")
			if err != nil {
				return err
			}
			if p.ID == 0 {
				continue
			}
			reg, err := tx.RegistrationOf(ctx, hackathonID, m)
			if err != nil {
				return err
			}
			if reg.TeamID != 0 {
				if m == actor.PersonID {
					v.Add("member_ids", "You are already in a team of this hackathon. Leave it first.")
				} else {
					v.Add("member_ids", p.Name+" is already in another team.")
				}
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		id, err = tx.CreateTeam(ctx, hackathonID, in.Name, in.ChallengeID, actor.PersonID, 0)
		if errors.Is(err, store.ErrUnique) {
			return &model.Error{Code: model.CodeConflict, Message: "Another team already has that name.", Fields: map[string]string{"name": "Another team already has that name."}, Err: err}
		}
		if err != nil {
			return err
		}
		for _, m := range members {
			if err := tx.SetRegistration(ctx, hackathonID, m, id); err != nil {
				return err
			}
		}
		return audit(ctx, tx, actor, "hackathon_team_created", "hackathon", hackathonID, "")
	})
	return id, err
}

// JoinTeam puts the actor in a team with room. The team's row is locked first, so two
// people taking the last place at once cannot both get it.
func (c *Core) JoinTeam(ctx context.Context, actor model.Actor, teamID int64) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		t, err := tx.FindTeamByID(ctx, teamID)
		if err != nil {
			return notFound(err, "team")
		}
		h, err := loadOpenHackathon(ctx, tx, t.HackathonID)
		if err != nil {
			return err
		}
		if err := tx.LockTeam(ctx, teamID); err != nil {
			return err
		}
		reg, err := tx.RegistrationOf(ctx, t.HackathonID, actor.PersonID)
		if err != nil {
			return err
		}
		if reg.TeamID == teamID {
			return nil
		}
		if reg.TeamID != 0 {
			return &model.Error{Code: model.CodeConflict, Message: "You are already in another team of this hackathon. Leave it first."}
		}
		n, err := tx.CountTeamMembers(ctx, teamID)
		if err != nil {
			return err
		}
		if n >= h.TeamMax {
			return &model.Error{Code: model.CodeConflict, Message: fmt.Sprintf("This team is full: teams have at most %d people.", h.TeamMax)}
		}
		return tx.SetRegistration(ctx, t.HackathonID, actor.PersonID, teamID)
	})
}

// LeaveTeam takes the actor out of their team; they stay registered.
func (c *Core) LeaveTeam(ctx context.Context, actor model.Actor, teamID int64) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		t, err := tx.FindTeamByID(ctx, teamID)
		if err != nil {
			return notFound(err, "team")
		}
		if _, err := loadOpenHackathon(ctx, tx, t.HackathonID); err != nil {
			return err
		}
		reg, err := tx.RegistrationOf(ctx, t.HackathonID, actor.PersonID)
		if err != nil {
			return err
		}
		if reg.TeamID != teamID {
			return &model.Error{Code: model.CodeConflict, Message: "You are not in this team."}
		}
		return tx.SetRegistration(ctx, t.HackathonID, actor.PersonID, 0)
	})
}

// TeamDetail is a hackathon team's page.
type TeamDetail struct {
	Team      model.HackTeam
	Hackathon model.Hackathon
	IsMember  bool
	CanSubmit bool
	CanJoin   bool
	Full      bool
}

// HackTeam returns a hackathon team's page.
func (c *Core) HackTeam(ctx context.Context, actor model.Actor, teamID int64) (TeamDetail, error) {
	if err := requireSignedIn(actor); err != nil {
		return TeamDetail{}, err
	}
	var d TeamDetail
	err := c.read(ctx, func(tx *store.Tx) error {
		t, err := tx.FindTeamByID(ctx, teamID)
		if err != nil {
			return notFound(err, "team")
		}
		if d.Hackathon, err = tx.FindHackathonByID(ctx, t.HackathonID); err != nil {
			return err
		}
		members, err := tx.TeamMembers(ctx, []int64{teamID})
		if err != nil {
			return err
		}
		t.Mix = model.MixOf(members[teamID])
		t.Members = viewPeople(actor, members[teamID])
		subs, err := tx.FindSubmissions(ctx, t.HackathonID)
		if err != nil {
			return err
		}
		for i := range subs {
			if subs[i].TeamID == teamID {
				t.Submission = &subs[i]
			}
		}
		d.Team = t
		d.IsMember = actor.PersonID != 0 && t.Has(actor.PersonID)
		d.Full = len(t.Members) >= d.Hackathon.TeamMax
		d.CanSubmit = d.IsMember && d.Hackathon.TeamsOpen()
		if actor.PersonID != 0 && !d.IsMember && d.Hackathon.TeamsOpen() && !d.Full {
			reg, err := tx.RegistrationOf(ctx, t.HackathonID, actor.PersonID)
			if err != nil {
				return err
			}
			d.CanJoin = reg.TeamID == 0
		}
		return nil
	})
	return d, err
}

// TeamSuggestions are the people the team form suggests, with the departments already
// in the actor's company (their own department, for a new team).
type TeamSuggestions struct {
	Hackathon model.Hackathon
	MyDept    string
	// Looking are registered people without a team, people from other departments first.
	Looking []model.Person
	// Others are colleagues from departments other than the actor's who have not
	// registered yet, a few per department: a mixed team learns more.
	Others     []model.Person
	Challenges []model.Challenge
}

// TeamSuggestions suggests members from other departments for a new team.
func (c *Core) TeamSuggestions(ctx context.Context, actor model.Actor, hackathonID int64) (TeamSuggestions, error) {
	if err := requirePerson(actor); err != nil {
		return TeamSuggestions{}, err
	}
	var s TeamSuggestions
	err := c.read(ctx, func(tx *store.Tx) error {
		h, err := tx.FindHackathonByID(ctx, hackathonID)
		if err != nil {
			return notFound(err, "hackathon")
		}
		s.Hackathon = h
		if s.Challenges, err = tx.FindChallenges(ctx, hackathonID); err != nil {
			return err
		}
		me, err := tx.FindPersonByID(ctx, actor.PersonID)
		if err != nil {
			return err
		}
		s.MyDept = me.DepartmentName
		people, teams, err := tx.RegisteredPeople(ctx, hackathonID)
		if err != nil {
			return err
		}
		registered := map[int64]bool{}
		var same []model.Person
		for _, p := range people {
			registered[p.ID] = true
			if teams[p.ID] != 0 || p.ID == me.ID {
				continue
			}
			if p.DepartmentID != me.DepartmentID {
				s.Looking = append(s.Looking, p.Directory())
			} else {
				same = append(same, p.Directory())
			}
		}
		s.Looking = append(s.Looking, same...)
		// A few colleagues from each other department, spread across the directory so
		// the same names are not always offered.
		depts, err := tx.FindDepartments(ctx)
		if err != nil {
			return err
		}
		for _, d := range depts {
			if d.ID == me.DepartmentID || d.Headcount == 0 {
				continue
			}
			offset := int((me.ID*7919 + hackathonID*104729) % int64(max(1, d.Headcount)))
			page, _, err := tx.FindPeople(ctx, model.PersonFilter{DepartmentID: d.ID, Page: model.Page{Limit: 3, Offset: max(0, min(offset, d.Headcount-3))}})
			if err != nil {
				return err
			}
			for _, p := range page {
				if !registered[p.ID] {
					s.Others = append(s.Others, p.Directory())
				}
			}
		}
		return nil
	})
	return s, err
}

// SaveSubmission hands in or changes a team's submission; team members may, until
// judging starts.
func (c *Core) SaveSubmission(ctx context.Context, actor model.Actor, teamID int64, in model.SubmissionInput) (int64, error) {
	if err := requirePerson(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		t, err := tx.FindTeamByID(ctx, teamID)
		if err != nil {
			return notFound(err, "team")
		}
		reg, err := tx.RegistrationOf(ctx, t.HackathonID, actor.PersonID)
		if err != nil {
			return err
		}
		if reg.TeamID != teamID {
			return &model.Error{Code: model.CodeForbidden, Message: "Only the team's members can hand in its submission."}
		}
		if _, err := loadOpenHackathon(ctx, tx, t.HackathonID); err != nil {
			return &model.Error{Code: model.CodeConflict, Message: "Submissions are closed: judging has started."}
		}
		if id, err = tx.UpsertSubmission(ctx, t.HackathonID, teamID, in, 0); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "hackathon_submission_saved", "hackathon", t.HackathonID, "")
	})
	return id, err
}

// JudgingSheet is what a judge scores: every submission, with their own scores so far,
// and the ones they may not score because they are on that team.
type JudgingSheet struct {
	Hackathon model.Hackathon
	Rows      []JudgingRow
}

// JudgingRow is one submission on a judge's sheet.
type JudgingRow struct {
	Submission model.Submission
	OwnTeam    bool // the judge is a member: conflict of interest, no scoring
	Score      *model.JudgeScore
}

// JudgingSheet returns the actor's judging sheet; only the hackathon's judges have one.
func (c *Core) JudgingSheet(ctx context.Context, actor model.Actor, hackathonID int64) (JudgingSheet, error) {
	if err := requirePerson(actor); err != nil {
		return JudgingSheet{}, err
	}
	var s JudgingSheet
	err := c.read(ctx, func(tx *store.Tx) error {
		h, err := tx.FindHackathonByID(ctx, hackathonID)
		if err != nil {
			return notFound(err, "hackathon")
		}
		judge, err := tx.IsJudge(ctx, hackathonID, actor.PersonID)
		if err != nil {
			return err
		}
		if !judge {
			return &model.Error{Code: model.CodeForbidden, Message: "Only this hackathon's judges score its submissions."}
		}
		s.Hackathon = h
		subs, err := tx.FindSubmissions(ctx, hackathonID)
		if err != nil {
			return err
		}
		reg, err := tx.RegistrationOf(ctx, hackathonID, actor.PersonID)
		if err != nil {
			return err
		}
		scores, err := tx.FindScores(ctx, hackathonID)
		if err != nil {
			return err
		}
		mine := map[int64]*model.JudgeScore{}
		for i := range scores {
			if scores[i].JudgeID == actor.PersonID {
				sc := scores[i]
				sc.Weighted = h.Weights.Score(float64(sc.Impact), float64(sc.Feasibility), float64(sc.Alignment), float64(sc.Innovation))
				mine[sc.SubmissionID] = &sc
			}
		}
		for _, sub := range subs {
			s.Rows = append(s.Rows, JudgingRow{Submission: sub, OwnTeam: reg.TeamID != 0 && reg.TeamID == sub.TeamID, Score: mine[sub.ID]})
		}
		return nil
	})
	return s, err
}

// ScoreSubmission records a judge's scores of a submission while the hackathon is in
// judging. A judge can never score their own team's submission: the rule is checked
// here, in the same transaction that writes the score, so a judge who joins a team
// later cannot slip past it either. It returns the hackathon's id.
func (c *Core) ScoreSubmission(ctx context.Context, actor model.Actor, submissionID int64, in model.ScoreInput) (int64, error) {
	if err := requirePerson(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var hid int64
	err := c.write(ctx, func(tx *store.Tx) error {
		s, err := tx.FindSubmissionByID(ctx, submissionID)
		if err != nil {
			return notFound(err, "submission")
		}
		hid = s.HackathonID
		h, err := tx.FindHackathonByID(ctx, s.HackathonID)
		if err != nil {
			return err
		}
		judge, err := tx.IsJudge(ctx, h.ID, actor.PersonID)
		if err != nil {
			return err
		}
		if !judge {
			return &model.Error{Code: model.CodeForbidden, Message: "Only this hackathon's judges score its submissions."}
		}
		reg, err := tx.RegistrationOf(ctx, h.ID, actor.PersonID)
		if err != nil {
			return err
		}
		if reg.TeamID != 0 && reg.TeamID == s.TeamID {
			return &model.Error{Code: model.CodeForbidden, Message: "You are a member of this team, so you cannot score its submission. Another judge will."}
		}
		if h.Status != model.HackJudging {
			return &model.Error{Code: model.CodeConflict, Message: "Scores are recorded during judging only."}
		}
		if err := tx.UpsertScore(ctx, submissionID, actor.PersonID, in, 0); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "hackathon_scored", "submission", submissionID, "")
	})
	return hid, err
}

// Vote casts or changes the actor's audience vote. One vote per person per hackathon
// is kept by the table's primary key and an upsert (store.UpsertVote); the phase and
// the closing time are checked in the same transaction. Nobody votes for their own team.
func (c *Core) Vote(ctx context.Context, actor model.Actor, hackathonID, submissionID int64) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		h, err := tx.FindHackathonByID(ctx, hackathonID)
		if err != nil {
			return notFound(err, "hackathon")
		}
		if !h.VotingOpen(tx.Now()) {
			return &model.Error{Code: model.CodeConflict, Message: "Voting is closed for this hackathon."}
		}
		s, err := tx.FindSubmissionByID(ctx, submissionID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && s.HackathonID != hackathonID) {
			return &model.Error{Code: model.CodeInvalid, Message: "Choose one of this hackathon's submissions.", Fields: map[string]string{"submission_id": "Choose one of this hackathon's submissions."}}
		}
		if err != nil {
			return err
		}
		reg, err := tx.RegistrationOf(ctx, hackathonID, actor.PersonID)
		if err != nil {
			return err
		}
		if reg.TeamID != 0 && reg.TeamID == s.TeamID {
			return &model.Error{Code: model.CodeForbidden, Message: "You cannot vote for your own team. Vote for another team's work."}
		}
		return tx.UpsertVote(ctx, hackathonID, actor.PersonID, submissionID)
	})
}

// WithdrawVote removes the actor's audience vote while voting is open.
func (c *Core) WithdrawVote(ctx context.Context, actor model.Actor, hackathonID int64) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		h, err := tx.FindHackathonByID(ctx, hackathonID)
		if err != nil {
			return notFound(err, "hackathon")
		}
		if !h.VotingOpen(tx.Now()) {
			return &model.Error{Code: model.CodeConflict, Message: "Voting is closed for this hackathon."}
		}
		return tx.DeleteVote(ctx, hackathonID, actor.PersonID)
	})
}

// HackathonResults returns the standings. Everyone reads them once the hackathon has
// finished; before that only organizers do, so scores and tallies cannot sway votes.
func (c *Core) HackathonResults(ctx context.Context, actor model.Actor, hackathonID int64) (model.HackathonResults, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.HackathonResults{}, err
	}
	var r model.HackathonResults
	err := c.read(ctx, func(tx *store.Tx) error {
		h, err := tx.FindHackathonByID(ctx, hackathonID)
		if err != nil {
			return notFound(err, "hackathon")
		}
		if h.Status != model.HackFinished && !canOrganize(actor) {
			return &model.Error{Code: model.CodeForbidden, Message: "Results are published when the hackathon finishes."}
		}
		r, err = results(ctx, tx, actor, h)
		return err
	})
	return r, err
}

// results ranks the submissions: by the judges' score (the mean over judges of each
// judge's rubric-weighted score, 0–100), then audience votes, then the earliest
// submission. Submissions no judge has scored come last.
func results(ctx context.Context, tx *store.Tx, actor model.Actor, h model.Hackathon) (model.HackathonResults, error) {
	r := model.HackathonResults{Hackathon: h, ShowTallies: true}
	subs, err := tx.FindSubmissions(ctx, h.ID)
	if err != nil {
		return r, err
	}
	scores, err := tx.FindScores(ctx, h.ID)
	if err != nil {
		return r, err
	}
	votes, err := tx.VoteCounts(ctx, h.ID)
	if err != nil {
		return r, err
	}
	teams, err := tx.FindTeams(ctx, h.ID)
	if err != nil {
		return r, err
	}
	challenge := map[int64]string{}
	teamIDs := make([]int64, len(teams))
	for i, t := range teams {
		challenge[t.ID] = t.ChallengeTitle
		teamIDs[i] = t.ID
	}
	members, err := tx.TeamMembers(ctx, teamIDs)
	if err != nil {
		return r, err
	}
	bySub := map[int64][]model.JudgeScore{}
	for _, s := range scores {
		bySub[s.SubmissionID] = append(bySub[s.SubmissionID], s)
	}
	for _, s := range subs {
		res := model.SubmissionResult{Submission: s, Challenge: challenge[s.TeamID], Members: viewPeople(actor, members[s.TeamID]), Votes: votes[s.ID]}
		for _, sc := range bySub[s.ID] {
			res.Judges++
			res.Score += h.Weights.Score(float64(sc.Impact), float64(sc.Feasibility), float64(sc.Alignment), float64(sc.Innovation))
			res.Impact += float64(sc.Impact)
			res.Feasibility += float64(sc.Feasibility)
			res.Alignment += float64(sc.Alignment)
			res.Innovation += float64(sc.Innovation)
		}
		if n := float64(res.Judges); n > 0 {
			res.Score = math.Round(res.Score/n*10) / 10
			res.Impact, res.Feasibility, res.Alignment, res.Innovation = res.Impact/n, res.Feasibility/n, res.Alignment/n, res.Innovation/n
		}
		r.TotalVotes += res.Votes
		r.Results = append(r.Results, res)
	}
	sort.SliceStable(r.Results, func(i, j int) bool {
		a, b := r.Results[i], r.Results[j]
		if (a.Judges > 0) != (b.Judges > 0) {
			return a.Judges > 0
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Votes != b.Votes {
			return a.Votes > b.Votes
		}
		return a.Submission.SubmittedAt < b.Submission.SubmittedAt
	})
	for i := range r.Results {
		r.Results[i].Rank = i + 1
	}
	return r, nil
}

// PublishWinners publishes the results: the places the organizers chose (each a
// submission of this hackathon, at most three), the audience's choice (the most votes;
// a tie goes to the higher judged score), and the hackathon finishes.
func (c *Core) PublishWinners(ctx context.Context, actor model.Actor, hackathonID int64, in model.WinnersInput) error {
	if err := requireOrganizer(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		h, err := tx.FindHackathonByID(ctx, hackathonID)
		if err != nil {
			return notFound(err, "hackathon")
		}
		if h.Status != model.HackJudging && h.Status != model.HackFinished {
			return &model.Error{Code: model.CodeConflict, Message: "Winners are published after judging starts."}
		}
		res, err := results(ctx, tx, actor, h)
		if err != nil {
			return err
		}
		valid := map[int64]bool{}
		for _, r := range res.Results {
			valid[r.Submission.ID] = true
		}
		places := map[int64]int{}
		var v model.Validator
		if len(in.Places) > 3 {
			v.Add("places", "Choose at most three places.")
		}
		for i, id := range in.Places {
			if id == 0 {
				continue
			}
			if !valid[id] {
				v.Add("places", "Each place must be one of this hackathon's submissions.")
				break
			}
			if _, dup := places[id]; dup {
				v.Add("places", "A submission can take one place only.")
				break
			}
			places[id] = i + 1
		}
		if len(places) == 0 {
			v.Add("places", "Choose at least the winner.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		var audienceChoice int64
		best := 0
		for _, r := range res.Results { // ranked by score, so ties in votes go to the better score
			if r.Votes > best {
				best, audienceChoice = r.Votes, r.Submission.ID
			}
		}
		if err := tx.SetPlaces(ctx, hackathonID, places, audienceChoice); err != nil {
			return err
		}
		if h.Status != model.HackFinished {
			if err := tx.SetHackathonStatus(ctx, hackathonID, model.HackFinished); err != nil {
				return err
			}
		}
		if err := tx.CloseVotesNow(ctx, hackathonID); err != nil {
			return err
		}
		if err := c.emitResults(ctx, tx, actor, h); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "hackathon_winners_published", "hackathon", hackathonID, "")
	})
}

// emitResults emits hackathon.results: the places and the audience's choice as they
// are stored in tx.
func (c *Core) emitResults(ctx context.Context, tx *store.Tx, actor model.Actor, h model.Hackathon) error {
	res, err := results(ctx, tx, actor, h)
	if err != nil {
		return err
	}
	ev := webhook.HackathonResults{HackathonID: h.ID, Title: h.Title, Winners: []webhook.Winner{},
		URL: c.link("/hackathons/" + strconv.FormatInt(h.ID, 10) + "/results")}
	for _, r := range res.Results {
		s := r.Submission
		w := webhook.Winner{Place: s.Place, SubmissionID: s.ID, Title: s.Title, Team: s.TeamName}
		if w.Place > 0 {
			ev.Winners = append(ev.Winners, w)
		}
		if s.AudienceChoice {
			w.Place = 0
			ev.AudienceChoice = &w
		}
	}
	sort.Slice(ev.Winners, func(i, j int) bool { return ev.Winners[i].Place < ev.Winners[j].Place })
	return c.emit(ctx, tx, model.EventHackathonResults, ev)
}

// SubmissionToInitiative turns a winning submission into an initiative in one step:
// the submission's title and description become the initiative's, its impact
// hypothesis opens the mission, the challenge's objective is linked, the team becomes
// the initiative's members, the team's founder leads and the actor sponsors (or the
// organizer, when the actor is not a person). It returns the new initiative's id.
func (c *Core) SubmissionToInitiative(ctx context.Context, actor model.Actor, submissionID int64) (int64, error) {
	if err := requireOrganizer(actor); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		s, err := tx.FindSubmissionByID(ctx, submissionID)
		if err != nil {
			return notFound(err, "submission")
		}
		if s.Place == 0 {
			return &model.Error{Code: model.CodeConflict, Message: "Only a winning submission becomes an initiative this way."}
		}
		if s.InitiativeID != 0 {
			return &model.Error{Code: model.CodeConflict, Message: "This submission is already an initiative."}
		}
		h, err := tx.FindHackathonByID(ctx, s.HackathonID)
		if err != nil {
			return err
		}
		t, err := tx.FindTeamByID(ctx, s.TeamID)
		if err != nil {
			return err
		}
		members, err := tx.TeamMembers(ctx, []int64{t.ID})
		if err != nil {
			return err
		}
		team := members[t.ID]
		if len(team) == 0 {
			return &model.Error{Code: model.CodeConflict, Message: "The team has no members left to carry the initiative."}
		}
		lead := team[0].ID
		for _, m := range team {
			if m.ID == t.CreatedByID {
				lead = m.ID
			}
		}
		sponsor := actor.PersonID
		if sponsor == 0 {
			sponsor = h.OrganizerID
		}
		if sponsor == 0 {
			sponsor = lead
		}
		var objectives []int64
		if t.ChallengeID != 0 {
			ch, err := tx.FindChallengeByID(ctx, t.ChallengeID)
			if err != nil {
				return err
			}
			if ch.ObjectiveID != 0 {
				objectives = append(objectives, ch.ObjectiveID)
			}
		}
		in := model.InitiativeInput{Title: s.Title, Mission: s.Description + "\n\nImpact hypothesis: " + s.ImpactHypothesis +
			"\n\n(From the hackathon \u201c" + h.Title + "\u201d, team " + t.Name + ".)", SponsorID: sponsor, LeadID: lead,
			Status: model.InitiativeProposed, StartsOn: today(tx), ObjectiveIDs: objectives}
		if err := in.Validate(); err != nil {
			return err
		}
		rec, err := c.checkInitiative(ctx, tx, in)
		if err != nil {
			return err
		}
		if id, err = tx.CreateInitiative(ctx, rec); err != nil {
			return err
		}
		if err := tx.ReplaceInitiativeObjectives(ctx, id, objectives); err != nil {
			return err
		}
		for _, m := range team {
			role := "Hackathon team"
			if m.ID == lead {
				role = "Lead"
			}
			if m.Active {
				if err := tx.UpsertInitiativeMember(ctx, id, m.ID, role); err != nil {
					return err
				}
			}
		}
		if err := tx.SetSubmissionInitiative(ctx, submissionID, id); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "initiative_from_submission", "initiative", id, "")
	})
	return id, err
}
