package core

import (
	"context"
	"errors"
	"fmt"

	"throughline/internal/ical"
	"throughline/internal/model"
	"throughline/internal/store"
)

// Coaching. The rules:
//   - hr and admin pair a coach with a coachee; a coach is any person (the coach role
//     names people whose work is coaching, but anyone can be assigned);
//   - coach and coachee schedule sessions (each with an .ics file), mark them held or
//     cancelled, and add commitments, which both of them read;
//   - the coach's note on a session is read and written by that coach alone: not the
//     coachee, not hr, not admin; no API route carries it and it is never written with an
//     API token, like a check-in's private note;
//   - the coach reads the journal entries the coachee chose to share with them, while the
//     assignment is active; hr and admin see that an assignment exists and how many
//     sessions it had, nothing of what was said.

// isCoachOf reports whether actor coaches person: an active assignment coach → coachee.
func (c *Core) isCoachOf(ctx context.Context, tx *store.Tx, actor model.Actor, personID int64) (bool, error) {
	if actor.PersonID == 0 || actor.PersonID == personID {
		return false, nil
	}
	return tx.ActiveCoaching(ctx, actor.PersonID, personID)
}

// CoachingOverview is the coaching page: the actor's coaches and coachees, and for hr
// and admin every assignment.
type CoachingOverview struct {
	Coaches   []model.CoachingAssignment // the actor is the coachee
	Coachees  []model.CoachingAssignment // the actor is the coach
	All       []model.CoachingAssignment // hr and admin
	CanAssign bool
	Shared    map[int64]int // coachee → entries shared with the actor
}

// Coaching returns the actor's coaching relationships, and for hr and admin all of them.
func (c *Core) Coaching(ctx context.Context, actor model.Actor) (CoachingOverview, error) {
	if err := requireSignedIn(actor); err != nil {
		return CoachingOverview{}, err
	}
	var o CoachingOverview
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		if actor.PersonID != 0 {
			if o.Coaches, err = tx.FindAssignments(ctx, store.AssignmentFilter{CoacheeID: actor.PersonID}); err != nil {
				return err
			}
			if o.Coachees, err = tx.FindAssignments(ctx, store.AssignmentFilter{CoachID: actor.PersonID}); err != nil {
				return err
			}
			if o.Shared, err = tx.SharedCounts(ctx, actor.PersonID); err != nil {
				return err
			}
		}
		if o.CanAssign = canManageDevelopment(actor); o.CanAssign {
			o.All, err = tx.FindAssignments(ctx, store.AssignmentFilter{})
		}
		return err
	})
	return o, err
}

// AssignCoach pairs a coach with a coachee. hr and admin.
func (c *Core) AssignCoach(ctx context.Context, actor model.Actor, in model.CoachingAssignmentInput) (int64, error) {
	if err := requireDevelopmentAdmin(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		var v model.Validator
		if _, err := activePerson(ctx, tx, &v, in.CoachID, "coach_id", "Choose an active person as the coach."); err != nil {
			return err
		}
		if _, err := activePerson(ctx, tx, &v, in.CoacheeID, "coachee_id", "Choose an active person to be coached."); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		var err error
		if id, err = tx.CreateAssignment(ctx, in, today(tx)); err != nil {
			return conflict(err, "coachee_id", "This coach already coaches this person.")
		}
		return audit(ctx, tx, actor, "coach_assigned", "coaching", id, fmt.Sprintf("coach %d, coachee %d", in.CoachID, in.CoacheeID))
	})
	return id, err
}

// EndCoaching ends an assignment: the coach no longer reads what was shared with them.
// hr and admin, or the coachee.
func (c *Core) EndCoaching(ctx context.Context, actor model.Actor, id int64) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		a, err := tx.FindAssignmentByID(ctx, id)
		if err != nil {
			return notFound(err, "coaching")
		}
		if !canManageDevelopment(actor) && actor.PersonID != a.CoacheeID {
			if actor.PersonID == a.CoachID {
				return model.Forbidden()
			}
			return model.NotFound("coaching")
		}
		if err := tx.EndAssignment(ctx, id, today(tx)); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return model.Errorf(model.CodeConflict, "This coaching has already ended.")
			}
			return err
		}
		return audit(ctx, tx, actor, "coaching_ended", "coaching", id, "")
	})
}

// CoachingDetail is one coaching relationship as its coach, its coachee or hr sees it.
type CoachingDetail struct {
	Assignment  model.CoachingAssignment
	IsCoach     bool
	IsCoachee   bool
	Sessions    []model.CoachingSession
	Commitments []model.Commitment   // coach and coachee
	Shared      []model.JournalEntry // the coach: entries the coachee shared with them
}

// loadAssignment returns an assignment and the actor's part in it: coach, coachee, or
// reader (hr and admin). Anyone else gets not found.
func loadAssignment(ctx context.Context, tx *store.Tx, actor model.Actor, id int64) (model.CoachingAssignment, bool, bool, error) {
	a, err := tx.FindAssignmentByID(ctx, id)
	if err != nil {
		return a, false, false, notFound(err, "coaching")
	}
	coach := actor.PersonID != 0 && actor.PersonID == a.CoachID
	coachee := actor.PersonID != 0 && actor.PersonID == a.CoacheeID
	if !coach && !coachee && !canManageDevelopment(actor) {
		return a, false, false, model.NotFound("coaching")
	}
	return a, coach, coachee, nil
}

// CoachingRelationship returns a coaching relationship. Coach and coachee see its
// sessions and commitments; the coach sees the entries the coachee shared with them
// while the coaching is active; hr and admin see the assignment and its sessions only.
// Session notes are never here: CoachingNote gives the coach their own.
func (c *Core) CoachingRelationship(ctx context.Context, actor model.Actor, id int64) (CoachingDetail, error) {
	if err := requireSignedIn(actor); err != nil {
		return CoachingDetail{}, err
	}
	var d CoachingDetail
	err := c.read(ctx, func(tx *store.Tx) error {
		a, coach, coachee, err := loadAssignment(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		d.Assignment, d.IsCoach, d.IsCoachee = a, coach, coachee
		if d.Sessions, err = tx.CoachingSessions(ctx, []int64{id}); err != nil {
			return err
		}
		if !coach && !coachee {
			return nil
		}
		if d.Commitments, err = tx.Commitments(ctx, id); err != nil {
			return err
		}
		if coach {
			ids := make([]int64, len(d.Sessions))
			for i, s := range d.Sessions {
				ids[i] = s.ID
			}
			noted, err := tx.NotedSessions(ctx, actor.PersonID, ids)
			if err != nil {
				return err
			}
			for i := range d.Sessions {
				d.Sessions[i].HasNote = noted[d.Sessions[i].ID]
			}
			if a.Active() {
				if d.Shared, err = tx.JournalSharedWith(ctx, actor.PersonID, a.CoacheeID); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return d, err
}

// ScheduleCoachingSession schedules a session; coach or coachee, while the coaching is
// active.
func (c *Core) ScheduleCoachingSession(ctx context.Context, actor model.Actor, assignmentID int64, in model.CoachingSessionInput) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		a, coach, coachee, err := loadAssignment(ctx, tx, actor, assignmentID)
		if err != nil {
			return err
		}
		if !coach && !coachee {
			return model.Forbidden()
		}
		if !a.Active() {
			return model.Errorf(model.CodeConflict, "This coaching has ended.")
		}
		if id, err = tx.CreateCoachingSession(ctx, assignmentID, in); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "coaching_session_scheduled", "coaching", assignmentID, fmt.Sprintf("session %d", id))
	})
	return id, err
}

// SetCoachingSessionStatus marks a session held or cancelled; coach or coachee.
func (c *Core) SetCoachingSessionStatus(ctx context.Context, actor model.Actor, sessionID int64, st model.SessionStatus) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if !st.Valid() {
		return &model.Error{Code: model.CodeInvalid, Message: "Choose scheduled, held or cancelled.", Fields: map[string]string{"status": "Choose scheduled, held or cancelled."}}
	}
	return c.write(ctx, func(tx *store.Tx) error {
		s, err := tx.FindCoachingSession(ctx, sessionID)
		if err != nil {
			return notFound(err, "coaching session")
		}
		_, coach, coachee, err := loadAssignment(ctx, tx, actor, s.AssignmentID)
		if err != nil {
			return err
		}
		if !coach && !coachee {
			return model.Forbidden()
		}
		if st == model.SessionHeld && s.StartsAt > tx.Now().Unix() {
			return model.Errorf(model.CodeConflict, "A session can be marked held once it has started.")
		}
		if err := tx.SetCoachingSessionStatus(ctx, sessionID, st); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "coaching_session_"+string(st), "coaching", s.AssignmentID, fmt.Sprintf("session %d", sessionID))
	})
}

// coachSession loads a session for its coach, and refuses everyone else: the coachee,
// hr and admin get the same not found as strangers, so a note's existence is not told.
func coachSession(ctx context.Context, tx *store.Tx, actor model.Actor, sessionID int64) (model.CoachingSession, error) {
	s, err := tx.FindCoachingSession(ctx, sessionID)
	if err != nil {
		return s, notFound(err, "coaching session")
	}
	a, err := tx.FindAssignmentByID(ctx, s.AssignmentID)
	if err != nil {
		return s, err
	}
	if actor.PersonID == 0 || actor.PersonID != a.CoachID {
		return s, model.NotFound("session note")
	}
	return s, nil
}

// CoachingNote returns the actor's own note on a session they coached ("" when none).
func (c *Core) CoachingNote(ctx context.Context, actor model.Actor, sessionID int64) (string, error) {
	if err := requireSignedIn(actor); err != nil {
		return "", err
	}
	var note string
	err := c.read(ctx, func(tx *store.Tx) error {
		if _, err := coachSession(ctx, tx, actor, sessionID); err != nil {
			return err
		}
		var err error
		note, err = tx.CoachingNote(ctx, sessionID, actor.PersonID)
		return err
	})
	return note, err
}

// SaveCoachingNote saves the coach's private note on a session (empty deletes it). It is
// written in the browser only, never with an API token.
func (c *Core) SaveCoachingNote(ctx context.Context, actor model.Actor, sessionID int64, in model.CoachingNoteInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if actor.TokenID != 0 {
		return model.Errorf(model.CodeForbidden, "Session notes are written in the browser, not with an API token.")
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if _, err := coachSession(ctx, tx, actor, sessionID); err != nil {
			return err
		}
		return tx.SetCoachingNote(ctx, sessionID, actor.PersonID, in.Body)
	})
}

// AddCommitment adds a commitment; coach or coachee.
func (c *Core) AddCommitment(ctx context.Context, actor model.Actor, assignmentID int64, in model.CommitmentInput) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		_, coach, coachee, err := loadAssignment(ctx, tx, actor, assignmentID)
		if err != nil {
			return err
		}
		if !coach && !coachee {
			return model.Forbidden()
		}
		id, err = tx.CreateCommitment(ctx, assignmentID, in)
		return err
	})
	return id, err
}

// SetCommitmentDone marks a commitment done or open; coach or coachee.
func (c *Core) SetCommitmentDone(ctx context.Context, actor model.Actor, id int64, done bool) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		cm, err := tx.FindCommitment(ctx, id)
		if err != nil {
			return notFound(err, "commitment")
		}
		_, coach, coachee, err := loadAssignment(ctx, tx, actor, cm.AssignmentID)
		if err != nil {
			return err
		}
		if !coach && !coachee {
			return model.NotFound("commitment")
		}
		return tx.SetCommitmentDone(ctx, id, done)
	})
}

// CoachingSessionICS returns a session as an iCalendar file, for its coach and coachee.
func (c *Core) CoachingSessionICS(ctx context.Context, actor model.Actor, sessionID int64) ([]byte, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []byte
	err := c.read(ctx, func(tx *store.Tx) error {
		s, err := tx.FindCoachingSession(ctx, sessionID)
		if err != nil {
			return notFound(err, "coaching session")
		}
		a, coach, coachee, err := loadAssignment(ctx, tx, actor, s.AssignmentID)
		if err != nil {
			return err
		}
		if !coach && !coachee {
			return model.NotFound("coaching session")
		}
		uid, err := calendarUID(ctx, tx)
		if err != nil {
			return err
		}
		out = ical.Calendar{Stamp: tx.Now(), Events: []ical.Event{coachingEvent(s, a, actor.PersonID, uid)}}.Bytes()
		return nil
	})
	return out, err
}
