package core

import (
	"context"
	"errors"

	"throughline/internal/model"
	"throughline/internal/store"
)

// canStartInitiative reports whether actor may start an initiative.
func canStartInitiative(actor model.Actor) bool {
	return actor.Is(model.RoleManager, model.RoleExecutive, model.RoleHR, model.RoleAdmin)
}

// canRunInitiative reports whether actor runs an initiative: its lead, its sponsor, the
// lead's managers, hr and admin.
func canRunInitiative(actor model.Actor, in model.Initiative) bool {
	if actor.SeesEveryone() {
		return true
	}
	if actor.PersonID != 0 && (actor.PersonID == in.LeadID || actor.PersonID == in.SponsorID) {
		return true
	}
	return isUnder(in.LeadPath, actor.Line)
}

// InitiativeDetail is an initiative's page: the initiative with its members, milestones
// and mix, and what the viewer may do.
type InitiativeDetail struct {
	model.Initiative
	CanManage bool // edit, add members and milestones, decide join requests
	IsMember  bool
	Requested bool // the viewer has a pending request to join
	CanJoin   bool // the viewer may ask to join
}

// Initiatives lists initiatives with their team mix.
func (c *Core) Initiatives(ctx context.Context, actor model.Actor, f model.InitiativeFilter) (model.List[model.Initiative], error) {
	if err := requireSignedIn(actor); err != nil {
		return model.List[model.Initiative]{}, err
	}
	f.Page = f.Page.Normalize()
	var out model.List[model.Initiative]
	err := c.read(ctx, func(tx *store.Tx) error {
		items, total, err := tx.FindInitiatives(ctx, f)
		if err != nil {
			return err
		}
		ids := make([]int64, len(items))
		for i, in := range items {
			ids[i] = in.ID
		}
		members, err := tx.InitiativeMembers(ctx, ids)
		if err != nil {
			return err
		}
		objectives, err := tx.InitiativeObjectives(ctx, ids)
		if err != nil {
			return err
		}
		for i := range items {
			items[i].Mix = mixOfMembers(members[items[i].ID])
			items[i].Objectives = objectives[items[i].ID]
		}
		out = model.List[model.Initiative]{Items: items, Total: total, Page: f.Page}
		return nil
	})
	return out, err
}

func mixOfMembers(ms []model.InitiativeMember) model.TeamMix {
	people := make([]model.Person, len(ms))
	for i, m := range ms {
		people[i] = m.Person
	}
	return model.MixOf(people)
}

// Initiative returns an initiative's page.
func (c *Core) Initiative(ctx context.Context, actor model.Actor, id int64) (InitiativeDetail, error) {
	if err := requireSignedIn(actor); err != nil {
		return InitiativeDetail{}, err
	}
	var d InitiativeDetail
	err := c.read(ctx, func(tx *store.Tx) error {
		in, err := tx.FindInitiativeByID(ctx, id)
		if err != nil {
			return notFound(err, "initiative")
		}
		if err := c.loadInitiative(ctx, tx, actor, &in); err != nil {
			return err
		}
		d.Initiative = in
		d.CanManage = canRunInitiative(actor, in)
		for _, m := range in.Members {
			if m.Person.ID == actor.PersonID && actor.PersonID != 0 {
				d.IsMember = true
			}
		}
		if actor.PersonID != 0 && !d.IsMember {
			pending, err := tx.PendingJoinRequestsOf(ctx, actor.PersonID)
			if err != nil {
				return err
			}
			d.Requested = pending[id]
			d.CanJoin = !d.Requested && in.Status.Open() && !d.CanManage
		}
		if !d.CanManage {
			d.Requests = nil
		}
		return nil
	})
	return d, err
}

// loadInitiative fills an initiative's members, objectives, milestones, pending join
// requests and mix. The mix is computed from the full records (levels are private per
// person, but their count in a team is not), then members are shown as actor may see them.
func (c *Core) loadInitiative(ctx context.Context, tx *store.Tx, actor model.Actor, in *model.Initiative) error {
	members, err := tx.InitiativeMembers(ctx, []int64{in.ID})
	if err != nil {
		return err
	}
	ms := members[in.ID]
	in.Mix = mixOfMembers(ms)
	for i := range ms {
		ms[i].Person = viewPeople(actor, []model.Person{ms[i].Person})[0]
	}
	// The lead first, then everyone by name.
	for i := range ms {
		if ms[i].Person.ID == in.LeadID && i > 0 {
			lead := ms[i]
			copy(ms[1:i+1], ms[:i])
			ms[0] = lead
			break
		}
	}
	in.Members = ms
	objectives, err := tx.InitiativeObjectives(ctx, []int64{in.ID})
	if err != nil {
		return err
	}
	in.Objectives = objectives[in.ID]
	if in.Milestones, err = tx.FindMilestones(ctx, in.ID); err != nil {
		return err
	}
	reqs, err := tx.FindJoinRequests(ctx, in.ID, model.JoinPending)
	if err != nil {
		return err
	}
	for i := range reqs {
		reqs[i].Person = viewPeople(actor, []model.Person{reqs[i].Person})[0]
	}
	in.Requests = reqs
	if in.FromSubmission != 0 {
		s, err := tx.FindSubmissionByID(ctx, in.FromSubmission)
		if err != nil {
			return err
		}
		in.FromSubmissionTitle, in.FromHackathonID = s.Title, s.HackathonID
	}
	return nil
}

// checkInitiative checks the rules that need the database and returns the row.
func (c *Core) checkInitiative(ctx context.Context, tx *store.Tx, in model.InitiativeInput) (store.InitiativeRecord, error) {
	var v model.Validator
	if _, err := activePerson(ctx, tx, &v, in.SponsorID, "sponsor_id", "The sponsor must be an active person."); err != nil {
		return store.InitiativeRecord{}, err
	}
	if _, err := activePerson(ctx, tx, &v, in.LeadID, "lead_id", "The lead must be an active person."); err != nil {
		return store.InitiativeRecord{}, err
	}
	if err := checkObjectives(ctx, tx, &v, "objective_ids", in.ObjectiveIDs); err != nil {
		return store.InitiativeRecord{}, err
	}
	if err := v.Err(); err != nil {
		return store.InitiativeRecord{}, err
	}
	return store.InitiativeRecord{Title: in.Title, Mission: in.Mission, SponsorID: in.SponsorID, LeadID: in.LeadID, Status: in.Status,
		StartsOn: in.StartsOn, EndsOn: in.EndsOn, Outcomes: in.Outcomes}, nil
}

// CreateInitiative starts an initiative. Its lead becomes its first member.
func (c *Core) CreateInitiative(ctx context.Context, actor model.Actor, in model.InitiativeInput) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	if !canStartInitiative(actor) {
		return 0, model.Forbidden()
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		rec, err := c.checkInitiative(ctx, tx, in)
		if err != nil {
			return err
		}
		if id, err = tx.CreateInitiative(ctx, rec); err != nil {
			return err
		}
		if err := tx.ReplaceInitiativeObjectives(ctx, id, in.ObjectiveIDs); err != nil {
			return err
		}
		if err := tx.UpsertInitiativeMember(ctx, id, in.LeadID, "Lead"); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "initiative_created", "initiative", id, "")
	})
	return id, err
}

// loadRunnable loads an initiative the actor runs: not_found when it does not exist,
// forbidden when the actor does not run it.
func (c *Core) loadRunnable(ctx context.Context, tx *store.Tx, actor model.Actor, id int64) (model.Initiative, error) {
	in, err := tx.FindInitiativeByID(ctx, id)
	if err != nil {
		return in, notFound(err, "initiative")
	}
	if !canRunInitiative(actor, in) {
		return in, model.Forbidden()
	}
	return in, nil
}

// UpdateInitiative changes an initiative. The new lead becomes a member.
func (c *Core) UpdateInitiative(ctx context.Context, actor model.Actor, id int64, in model.InitiativeInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if _, err := c.loadRunnable(ctx, tx, actor, id); err != nil {
			return err
		}
		rec, err := c.checkInitiative(ctx, tx, in)
		if err != nil {
			return err
		}
		if err := tx.UpdateInitiative(ctx, id, rec); err != nil {
			return err
		}
		if err := tx.ReplaceInitiativeObjectives(ctx, id, in.ObjectiveIDs); err != nil {
			return err
		}
		member, err := tx.IsInitiativeMember(ctx, id, in.LeadID)
		if err != nil {
			return err
		}
		if !member {
			if err := tx.UpsertInitiativeMember(ctx, id, in.LeadID, "Lead"); err != nil {
				return err
			}
		}
		return audit(ctx, tx, actor, "initiative_updated", "initiative", id, string(in.Status))
	})
}

// AddInitiativeMember adds someone to an initiative with a role, or changes their role.
func (c *Core) AddInitiativeMember(ctx context.Context, actor model.Actor, id int64, in model.MemberInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if _, err := c.loadRunnable(ctx, tx, actor, id); err != nil {
			return err
		}
		var v model.Validator
		if _, err := activePerson(ctx, tx, &v, in.PersonID, "person_id", "Choose an active person."); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if in.Role == "" {
			in.Role = "Member"
		}
		if err := tx.UpsertInitiativeMember(ctx, id, in.PersonID, in.Role); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "initiative_member_added", "initiative", id, "")
	})
}

// RemoveInitiativeMember takes someone off an initiative: those who run it may remove
// anyone but the lead; a member may leave.
func (c *Core) RemoveInitiativeMember(ctx context.Context, actor model.Actor, id, personID int64) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		in, err := tx.FindInitiativeByID(ctx, id)
		if err != nil {
			return notFound(err, "initiative")
		}
		self := actor.PersonID != 0 && actor.PersonID == personID
		if !self && !canRunInitiative(actor, in) {
			return model.Forbidden()
		}
		if personID == in.LeadID {
			return &model.Error{Code: model.CodeConflict, Message: "The lead cannot leave the initiative. Choose another lead first."}
		}
		if err := tx.RemoveInitiativeMember(ctx, id, personID); err != nil {
			return notFound(err, "member")
		}
		return audit(ctx, tx, actor, "initiative_member_removed", "initiative", id, "")
	})
}

// AddMilestone adds a milestone to an initiative.
func (c *Core) AddMilestone(ctx context.Context, actor model.Actor, id int64, in model.MilestoneInput) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var mid int64
	err := c.write(ctx, func(tx *store.Tx) (err error) {
		if _, err := c.loadRunnable(ctx, tx, actor, id); err != nil {
			return err
		}
		mid, err = tx.CreateMilestone(ctx, id, in)
		return err
	})
	return mid, err
}

// SetMilestoneDone marks a milestone reached or not; members and those who run the
// initiative may. It returns the initiative's id.
func (c *Core) SetMilestoneDone(ctx context.Context, actor model.Actor, milestoneID int64, done bool) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	var iid int64
	err := c.write(ctx, func(tx *store.Tx) error {
		m, err := tx.FindMilestoneByID(ctx, milestoneID)
		if err != nil {
			return notFound(err, "milestone")
		}
		iid = m.InitiativeID
		in, err := tx.FindInitiativeByID(ctx, m.InitiativeID)
		if err != nil {
			return err
		}
		member := false
		if actor.PersonID != 0 {
			if member, err = tx.IsInitiativeMember(ctx, in.ID, actor.PersonID); err != nil {
				return err
			}
		}
		if !member && !canRunInitiative(actor, in) {
			return model.Forbidden()
		}
		return tx.SetMilestoneDone(ctx, milestoneID, done)
	})
	return iid, err
}

// RequestToJoin asks to join an open initiative.
func (c *Core) RequestToJoin(ctx context.Context, actor model.Actor, id int64, in model.JoinRequestInput) (int64, error) {
	if err := requirePerson(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var rid int64
	err := c.write(ctx, func(tx *store.Tx) error {
		ini, err := tx.FindInitiativeByID(ctx, id)
		if err != nil {
			return notFound(err, "initiative")
		}
		if !ini.Status.Open() {
			return &model.Error{Code: model.CodeConflict, Message: "This initiative is " + ini.Status.Label() + " and no longer takes new members."}
		}
		member, err := tx.IsInitiativeMember(ctx, id, actor.PersonID)
		if err != nil {
			return err
		}
		if member {
			return &model.Error{Code: model.CodeConflict, Message: "You are already a member of this initiative."}
		}
		rid, err = tx.CreateJoinRequest(ctx, id, actor.PersonID, in.Message)
		if errors.Is(err, store.ErrUnique) {
			return &model.Error{Code: model.CodeConflict, Message: "You have already asked to join; the lead will answer soon.", Err: err}
		}
		if err != nil {
			return err
		}
		return audit(ctx, tx, actor, "initiative_join_requested", "initiative", id, "")
	})
	return rid, err
}

// DecideJoinRequest accepts (the person becomes a member) or declines a pending
// request. It returns the initiative's id.
func (c *Core) DecideJoinRequest(ctx context.Context, actor model.Actor, requestID int64, accept bool) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	var iid int64
	err := c.write(ctx, func(tx *store.Tx) error {
		r, err := tx.FindJoinRequestByID(ctx, requestID)
		if err != nil {
			return notFound(err, "join request")
		}
		iid = r.InitiativeID
		if _, err := c.loadRunnable(ctx, tx, actor, r.InitiativeID); err != nil {
			return err
		}
		if r.Status != model.JoinPending {
			return &model.Error{Code: model.CodeConflict, Message: "This request was already answered."}
		}
		status := model.JoinDeclined
		if accept {
			status = model.JoinAccepted
			if err := tx.UpsertInitiativeMember(ctx, r.InitiativeID, r.Person.ID, "Member"); err != nil {
				return err
			}
		}
		if err := tx.DecideJoinRequest(ctx, requestID, status, actor.Name); err != nil {
			return notFound(err, "join request")
		}
		return audit(ctx, tx, actor, "initiative_join_"+string(status), "initiative", r.InitiativeID, "")
	})
	return iid, err
}
