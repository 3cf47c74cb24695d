package core

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"throughline/internal/ical"
	"throughline/internal/model"
	"throughline/internal/store"
)

// Workshops and calendars. The rules:
//   - everyone signed in sees the workshop calendar; a session of a cohort takes
//     registrations from that cohort's participants, a session without a cohort from
//     anyone in the organization;
//   - a seat is taken with one conditional update (store.RegisterSeat), so capacity holds
//     however many people register at once;
//   - the session's facilitator, the cohort's facilitators, hr and admin schedule
//     sessions, see who registered and record attendance; attending a workshop module's
//     session completes the module;
//   - a personal calendar feed is reached with a secret token in its URL (no session):
//     only the token's hash is kept, and making a new token revokes the old one.

// markMine fills in the actor's registration and attendance on sessions.
func markMine(ctx context.Context, tx *store.Tx, actor model.Actor, ss []model.WorkshopSession) error {
	if actor.PersonID == 0 || len(ss) == 0 {
		return nil
	}
	ids := make([]int64, len(ss))
	for i, s := range ss {
		ids[i] = s.ID
	}
	mine, err := tx.MyRegistrations(ctx, actor.PersonID, ids)
	if err != nil {
		return err
	}
	for i := range ss {
		if a, ok := mine[ss[i].ID]; ok {
			ss[i].Mine, ss[i].Attendance = true, a
		}
	}
	return nil
}

// WorkshopCalendar is the workshop calendar: sessions to come and recent ones.
type WorkshopCalendar struct {
	Upcoming  []model.WorkshopSession
	Past      []model.WorkshopSession
	CanCreate bool
}

// Workshops lists the sessions to come and those of the last six months.
func (c *Core) Workshops(ctx context.Context, actor model.Actor) (WorkshopCalendar, error) {
	if err := requireSignedIn(actor); err != nil {
		return WorkshopCalendar{}, err
	}
	var out WorkshopCalendar
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		now := tx.Now().Unix()
		if out.Upcoming, err = tx.FindWorkshops(ctx, store.WorkshopFilter{From: now, Limit: 200}); err != nil {
			return err
		}
		if out.Past, err = tx.FindWorkshops(ctx, store.WorkshopFilter{From: now - 183*86400, To: now, Descending: true, Limit: 100}); err != nil {
			return err
		}
		if err := markMine(ctx, tx, actor, out.Upcoming); err != nil {
			return err
		}
		if err := markMine(ctx, tx, actor, out.Past); err != nil {
			return err
		}
		out.CanCreate = canManageDevelopment(actor)
		if !out.CanCreate && actor.PersonID != 0 {
			fac, err := tx.FindCohorts(ctx, store.CohortFilter{MemberID: actor.PersonID})
			if err != nil {
				return err
			}
			for _, ch := range fac {
				if r, _ := tx.CohortRole(ctx, ch.ID, actor.PersonID); r == model.CohortFacilitator {
					out.CanCreate = true
				}
			}
		}
		return nil
	})
	return out, err
}

// WorkshopDetail is a session's page.
type WorkshopDetail struct {
	Session       model.WorkshopSession
	CanManage     bool                 // facilitators, hr and admin
	Registrations []model.Registration // for those who manage it
	CanRegister   bool
	NotOpen       string // why the actor cannot register, when they cannot
	Started       bool
}

// canManageSession reports whether actor schedules and runs a session.
func canManageSession(ctx context.Context, tx *store.Tx, actor model.Actor, s model.WorkshopSession) (bool, error) {
	if canManageDevelopment(actor) {
		return true, nil
	}
	if actor.PersonID == 0 {
		return false, nil
	}
	if s.FacilitatorID == actor.PersonID {
		return true, nil
	}
	if s.CohortID == 0 {
		return false, nil
	}
	role, err := tx.CohortRole(ctx, s.CohortID, actor.PersonID)
	return role == model.CohortFacilitator, err
}

// Workshop returns a session with what the actor may do with it.
func (c *Core) Workshop(ctx context.Context, actor model.Actor, id int64) (WorkshopDetail, error) {
	if err := requireSignedIn(actor); err != nil {
		return WorkshopDetail{}, err
	}
	var d WorkshopDetail
	err := c.read(ctx, func(tx *store.Tx) error {
		s, err := tx.FindWorkshopByID(ctx, id)
		if err != nil {
			return notFound(err, "workshop session")
		}
		ss := []model.WorkshopSession{s}
		if err := markMine(ctx, tx, actor, ss); err != nil {
			return err
		}
		d.Session = ss[0]
		d.Started = s.StartsAt <= tx.Now().Unix()
		if d.CanManage, err = canManageSession(ctx, tx, actor, s); err != nil {
			return err
		}
		if d.CanManage {
			if d.Registrations, err = tx.SeatHolders(ctx, id); err != nil {
				return err
			}
		}
		d.NotOpen, err = registrationRefusal(ctx, tx, actor, d.Session)
		d.CanRegister = d.NotOpen == "" && !d.Session.Mine
		return err
	})
	return d, err
}

// registrationRefusal says why actor cannot register for a session, or "".
func registrationRefusal(ctx context.Context, tx *store.Tx, actor model.Actor, s model.WorkshopSession) (string, error) {
	switch {
	case actor.PersonID == 0:
		return "Your account is not linked to a person in the organization.", nil
	case s.StartsAt <= tx.Now().Unix():
		return "This session has already started.", nil
	}
	if s.CohortID != 0 {
		role, err := tx.CohortRole(ctx, s.CohortID, actor.PersonID)
		if err != nil {
			return "", err
		}
		if role != model.CohortParticipant {
			return "This session is for the participants of " + s.CohortName + ".", nil
		}
	}
	if s.Full() && !s.Mine {
		return "Every seat is taken.", nil
	}
	return "", nil
}

// checkWorkshop checks a session's cohort, module and facilitator, and that the actor
// may schedule it: hr, admin, or a facilitator of its cohort.
func checkWorkshop(ctx context.Context, tx *store.Tx, actor model.Actor, in model.WorkshopInput) error {
	var v model.Validator
	if in.CohortID != 0 {
		ch, err := tx.FindCohortByID(ctx, in.CohortID)
		if errors.Is(err, store.ErrNotFound) {
			v.Add("cohort_id", "Choose one of the cohorts.")
		} else if err != nil {
			return err
		} else if in.ModuleID != 0 {
			m, err := tx.FindDevModuleByID(ctx, in.ModuleID)
			if errors.Is(err, store.ErrNotFound) || (err == nil && (m.ProgramID != ch.ProgramID || m.Kind != model.ModuleWorkshop)) {
				v.Add("module_id", "Choose a workshop module of the cohort's program.")
			} else if err != nil {
				return err
			}
		}
		if !canManageDevelopment(actor) {
			role, err := tx.CohortRole(ctx, in.CohortID, actor.PersonID)
			if err != nil {
				return err
			}
			if role != model.CohortFacilitator {
				return model.Forbidden()
			}
		}
	} else {
		if in.ModuleID != 0 {
			v.Add("module_id", "A session linked to a module belongs to a cohort.")
		}
		if !canManageDevelopment(actor) {
			return model.Forbidden()
		}
	}
	if _, err := activePerson(ctx, tx, &v, in.FacilitatorID, "facilitator_id", "Choose an active person as the facilitator."); err != nil {
		return err
	}
	return v.Err()
}

// CreateWorkshop schedules a session. hr, admin and the facilitators of its cohort.
func (c *Core) CreateWorkshop(ctx context.Context, actor model.Actor, in model.WorkshopInput) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	if in.CohortID == 0 && !canManageDevelopment(actor) {
		return 0, model.Errorf(model.CodeForbidden, "Only hr and admin schedule sessions open to everyone; facilitators schedule their cohort's.")
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		if err := checkWorkshop(ctx, tx, actor, in); err != nil {
			return err
		}
		var err error
		if id, err = tx.CreateWorkshop(ctx, in); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "workshop_created", "workshop", id, in.Title)
	})
	return id, err
}

// UpdateWorkshop changes a session; its capacity cannot fall below the people already
// registered.
func (c *Core) UpdateWorkshop(ctx context.Context, actor model.Actor, id int64, in model.WorkshopInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		s, err := tx.FindWorkshopByID(ctx, id)
		if err != nil {
			return notFound(err, "workshop session")
		}
		if ok, err := canManageSession(ctx, tx, actor, s); err != nil {
			return err
		} else if !ok {
			return model.Forbidden()
		}
		if err := checkWorkshop(ctx, tx, actor, in); err != nil {
			return err
		}
		if in.Capacity < s.Registered {
			msg := fmt.Sprintf("%d people are registered; the capacity cannot be lower.", s.Registered)
			return &model.Error{Code: model.CodeInvalid, Message: msg, Fields: map[string]string{"capacity": msg}}
		}
		if err := tx.UpdateWorkshop(ctx, id, in); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "workshop_updated", "workshop", id, in.Title)
	})
}

// RegisterWorkshop takes a seat in a session for the actor.
func (c *Core) RegisterWorkshop(ctx context.Context, actor model.Actor, id int64) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		s, err := tx.FindWorkshopByID(ctx, id)
		if err != nil {
			return notFound(err, "workshop session")
		}
		ss := []model.WorkshopSession{s}
		if err := markMine(ctx, tx, actor, ss); err != nil {
			return err
		}
		if ss[0].Mine {
			return model.Errorf(model.CodeConflict, "You are already registered for this session.")
		}
		why, err := registrationRefusal(ctx, tx, actor, s)
		if err != nil {
			return err
		}
		if why != "" {
			return model.Errorf(model.CodeConflict, "%s", why)
		}
		switch err := tx.RegisterSeat(ctx, id, actor.PersonID); {
		case errors.Is(err, store.ErrFull):
			return model.Errorf(model.CodeConflict, "Every seat is taken.")
		case errors.Is(err, store.ErrUnique):
			return model.Errorf(model.CodeConflict, "You are already registered for this session.")
		case err != nil:
			return err
		}
		return audit(ctx, tx, actor, "workshop_registered", "workshop", id, "")
	})
}

// UnregisterWorkshop gives the actor's seat back, before the session starts.
func (c *Core) UnregisterWorkshop(ctx context.Context, actor model.Actor, id int64) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		s, err := tx.FindWorkshopByID(ctx, id)
		if err != nil {
			return notFound(err, "workshop session")
		}
		if s.StartsAt <= tx.Now().Unix() {
			return model.Errorf(model.CodeConflict, "The session has started; registrations no longer change.")
		}
		if err := tx.ReleaseSeat(ctx, id, actor.PersonID); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return model.Errorf(model.CodeConflict, "You are not registered for this session.")
			}
			return err
		}
		return audit(ctx, tx, actor, "workshop_unregistered", "workshop", id, "")
	})
}

// RecordAttendance records who attended a session, once it has started. Attending a
// session of a workshop module completes the module for the cohort's participant;
// marking them absent undoes a completion that attendance recorded.
func (c *Core) RecordAttendance(ctx context.Context, actor model.Actor, id int64, in model.AttendanceInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		s, err := tx.FindWorkshopByID(ctx, id)
		if err != nil {
			return notFound(err, "workshop session")
		}
		if ok, err := canManageSession(ctx, tx, actor, s); err != nil {
			return err
		} else if !ok {
			return model.Forbidden()
		}
		if s.StartsAt > tx.Now().Unix() {
			return model.Errorf(model.CodeConflict, "Attendance is recorded once the session has started.")
		}
		regs, err := tx.SeatHolders(ctx, id)
		if err != nil {
			return err
		}
		registered := map[int64]bool{}
		for _, r := range regs {
			registered[r.PersonID] = true
		}
		var v model.Validator
		for pid, a := range in.Attendance {
			field := fmt.Sprintf("attendance_%d", pid)
			v.Check(registered[pid], field, "This person is not registered for the session.")
			v.Check(a.Valid(), field, "Choose present or absent.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		var d cohortData
		if s.CohortID != 0 && s.ModuleID != 0 {
			if d, err = loadCohort(ctx, tx, s.CohortID); err != nil {
				return err
			}
		}
		present := 0
		for pid, a := range in.Attendance {
			if err := tx.SetAttendance(ctx, id, pid, a); err != nil {
				return err
			}
			if a == model.AttendancePresent {
				present++
			}
			if d.cohort.ID == 0 || d.roleOf(pid) != model.CohortParticipant {
				continue
			}
			switch {
			case a == model.AttendancePresent && d.done[pid][s.ModuleID] == 0:
				err = tx.Complete(ctx, store.CompletionRow{CohortID: s.CohortID, PersonID: pid, ModuleID: s.ModuleID, RecordedBy: "attendance", CompletedAt: s.StartsAt})
			case a != model.AttendancePresent && d.by[pid][s.ModuleID] == "attendance":
				err = tx.Uncomplete(ctx, s.CohortID, pid, s.ModuleID)
			}
			if err != nil {
				return err
			}
		}
		return audit(ctx, tx, actor, "attendance_recorded", "workshop", id, fmt.Sprintf("%d present", present))
	})
}

// calendarUID returns the installation's part of event UIDs.
func calendarUID(ctx context.Context, tx *store.Tx) (string, error) {
	v, ok, err := tx.Setting(ctx, "calendar_uid")
	if err != nil || !ok || v == "" {
		return "throughline", err
	}
	return v, nil
}

func workshopEvent(s model.WorkshopSession, uid string) ical.Event {
	desc := s.Description
	if s.CohortName != "" {
		desc = strings.TrimSpace("Cohort: " + s.CohortName + "\n\n" + desc)
	}
	if s.FacilitatorName != "" {
		desc = strings.TrimSpace(desc + "\n\nFacilitator: " + s.FacilitatorName)
	}
	loc := s.Place
	if loc == "" {
		loc = s.VideoURL
	}
	return ical.Event{UID: fmt.Sprintf("workshop-%d-%s@throughline", s.ID, uid), Start: time.Unix(s.StartsAt, 0), End: time.Unix(s.EndsAt, 0),
		Summary: s.Title, Description: desc, Location: loc, URL: s.VideoURL}
}

func coachingEvent(s model.CoachingSession, a model.CoachingAssignment, personID int64, uid string) ical.Event {
	with := a.CoachName
	if personID == a.CoachID {
		with = a.CoacheeName
	}
	return ical.Event{UID: fmt.Sprintf("coaching-%d-%s@throughline", s.ID, uid), Start: time.Unix(s.StartsAt, 0), End: time.Unix(s.EndsAt, 0),
		Summary: "Coaching with " + with, Location: s.Place, Cancelled: s.Status == model.SessionCancelled}
}

// WorkshopICS returns a session as an iCalendar file, for everyone signed in.
func (c *Core) WorkshopICS(ctx context.Context, actor model.Actor, id int64) ([]byte, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []byte
	err := c.read(ctx, func(tx *store.Tx) error {
		s, err := tx.FindWorkshopByID(ctx, id)
		if err != nil {
			return notFound(err, "workshop session")
		}
		uid, err := calendarUID(ctx, tx)
		if err != nil {
			return err
		}
		out = ical.Calendar{Stamp: tx.Now(), Events: []ical.Event{workshopEvent(s, uid)}}.Bytes()
		return nil
	})
	return out, err
}

// MyCalendarFeed says whether the actor has a calendar feed.
func (c *Core) MyCalendarFeed(ctx context.Context, actor model.Actor) (model.CalendarFeed, error) {
	if err := requirePerson(actor); err != nil {
		return model.CalendarFeed{}, err
	}
	var f model.CalendarFeed
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		f, err = tx.CalendarFeed(ctx, actor.PersonID)
		return err
	})
	return f, err
}

// NewCalendarFeed makes a new secret token for the actor's calendar feed and returns it,
// once; the previous token stops working at once. Only its hash is kept.
func (c *Core) NewCalendarFeed(ctx context.Context, actor model.Actor) (string, error) {
	if err := requirePerson(actor); err != nil {
		return "", err
	}
	token, hash := newSecret()
	err := c.write(ctx, func(tx *store.Tx) error {
		if err := tx.SetCalendarFeed(ctx, actor.PersonID, hash); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "calendar_feed_created", "person", actor.PersonID, "")
	})
	return token, err
}

// RevokeCalendarFeed revokes the actor's calendar feed.
func (c *Core) RevokeCalendarFeed(ctx context.Context, actor model.Actor) error {
	if err := requirePerson(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteCalendarFeed(ctx, actor.PersonID); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "calendar_feed_revoked", "person", actor.PersonID, "")
	})
}

// CalendarFeedICS returns the calendar feed a token opens: the owner's registered
// workshop sessions and their coaching sessions (as coach or coachee), from 60 days ago
// on. It needs no session, the token is the credential; an unknown or revoked token is
// not found.
func (c *Core) CalendarFeedICS(ctx context.Context, token string) ([]byte, error) {
	token = strings.TrimSpace(token)
	if token == "" || len(token) > 200 {
		return nil, model.NotFound("calendar feed")
	}
	var out []byte
	err := c.read(ctx, func(tx *store.Tx) error {
		pid, err := tx.FeedOwner(ctx, hashSecret(token))
		if err != nil {
			return notFound(err, "calendar feed")
		}
		me, err := tx.FindPersonByID(ctx, pid)
		if err != nil {
			return err
		}
		if !me.Active {
			return model.NotFound("calendar feed")
		}
		uid, err := calendarUID(ctx, tx)
		if err != nil {
			return err
		}
		from := tx.Now().Unix() - 60*86400
		cal := ical.Calendar{Name: "Throughline: " + me.Name, Stamp: tx.Now()}
		ws, err := tx.FindWorkshops(ctx, store.WorkshopFilter{RegisteredID: pid, From: from, Limit: 500})
		if err != nil {
			return err
		}
		for _, s := range ws {
			cal.Events = append(cal.Events, workshopEvent(s, uid))
		}
		var as []model.CoachingAssignment
		for _, f := range []store.AssignmentFilter{{CoachID: pid}, {CoacheeID: pid}} {
			x, err := tx.FindAssignments(ctx, f)
			if err != nil {
				return err
			}
			as = append(as, x...)
		}
		byID := map[int64]model.CoachingAssignment{}
		ids := make([]int64, len(as))
		for i, a := range as {
			byID[a.ID], ids[i] = a, a.ID
		}
		sessions, err := tx.CoachingSessions(ctx, ids)
		if err != nil {
			return err
		}
		for _, s := range sessions {
			if s.StartsAt >= from {
				cal.Events = append(cal.Events, coachingEvent(s, byID[s.AssignmentID], pid, uid))
			}
		}
		out = cal.Bytes()
		return nil
	})
	return out, err
}
