package core

import (
	"context"
	"errors"
	"strconv"
	"time"

	"throughline/internal/model"
	"throughline/internal/store"
)

// The check-in rules, in one place:
//   - a series of check-ins belongs to a manager and one direct report; a manager starts
//     it with a person who reports to them;
//   - the agenda, the shared notes and the action items are read and written by the two
//     participants, and by no one else: not their managers, not hr, not admin;
//   - a private note is read by its author alone, on the check-in page, signed in with a
//     session. No role, no API route, no API token and no export reads private notes:
//     MyPrivateNote is the only way in, and it reads the actor's own note;
//   - completing a check-in plans the next one and carries the open action items into it.

// checkinParty returns "manager" or "report" for a participant, or "".
func checkinParty(actor model.Actor, managerID, reportID int64) string {
	switch {
	case actor.PersonID == 0:
		return ""
	case actor.PersonID == managerID:
		return "manager"
	case actor.PersonID == reportID:
		return "report"
	}
	return ""
}

// loadCheckin loads a check-in for a participant, or not_found for anyone else.
func loadCheckin(ctx context.Context, tx *store.Tx, actor model.Actor, id int64) (model.Checkin, string, error) {
	c, err := tx.FindCheckinByID(ctx, id)
	if err != nil {
		return c, "", notFound(err, "check-in")
	}
	party := checkinParty(actor, c.ManagerID, c.ReportID)
	if party == "" {
		return model.Checkin{}, "", model.NotFound("check-in")
	}
	return c, party, nil
}

// StartCheckins starts a recurring series with a direct report and plans the first
// check-in. The actor is the manager.
func (c *Core) StartCheckins(ctx context.Context, actor model.Actor, in model.CheckinSeriesInput) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var first int64
	err := c.write(ctx, func(tx *store.Tx) error {
		r, err := tx.FindPersonByID(ctx, in.ReportID)
		if err != nil || !r.Active || r.ManagerID == 0 || r.ManagerID != actor.PersonID {
			return &model.Error{Code: model.CodeInvalid, Message: "Check-ins are held with your direct reports.", Fields: map[string]string{"report_id": "Choose one of your direct reports."}}
		}
		if s, err := tx.FindCheckinSeriesPair(ctx, actor.PersonID, r.ID); err == nil {
			return &model.Error{Code: model.CodeConflict, Message: "You already have check-ins with " + r.Name + ".", Fields: map[string]string{"report_id": "Check-ins with this person already exist (series " + strconv.FormatInt(s.ID, 10) + ")."}}
		}
		sid, err := tx.CreateCheckinSeries(ctx, actor.PersonID, r.ID, in.CadenceDays)
		if err != nil {
			return conflict(err, "report_id", "Check-ins with this person already exist.")
		}
		if first, err = tx.CreateCheckin(ctx, sid, in.FirstOn); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "checkins_started", "checkin_series", sid, "")
	})
	return first, err
}

// CheckinOverview is a person's one-to-ones: with each direct report, and with their
// own manager.
type CheckinOverview struct {
	AsManager   []model.CheckinSeries
	WithManager []model.CheckinSeries
	NotStarted  []model.Person // direct reports without a series yet
}

// Checkins lists the actor's check-in series.
func (c *Core) Checkins(ctx context.Context, actor model.Actor) (CheckinOverview, error) {
	if err := requireSignedIn(actor); err != nil {
		return CheckinOverview{}, err
	}
	var out CheckinOverview
	if actor.PersonID == 0 {
		return out, nil
	}
	err := c.read(ctx, func(tx *store.Tx) error {
		ss, err := tx.FindCheckinSeriesOf(ctx, actor.PersonID)
		if err != nil {
			return err
		}
		has := map[int64]bool{}
		for _, s := range ss {
			if s.ManagerID == actor.PersonID {
				out.AsManager = append(out.AsManager, s)
				has[s.ReportID] = true
			} else {
				out.WithManager = append(out.WithManager, s)
			}
		}
		reports, err := tx.FindAllPeople(ctx, model.PersonFilter{ManagerID: actor.PersonID})
		for _, r := range reports {
			if !has[r.ID] {
				out.NotStarted = append(out.NotStarted, r.Directory())
			}
		}
		return err
	})
	return out, err
}

// CheckinView is one check-in as a participant sees it, with what its talking points
// can link to.
type CheckinView struct {
	Checkin model.Checkin
	Party   string // manager or report
	History []model.Checkin
	Goals   []model.ReviewGoal // the participants' goals this quarter
	Metrics []model.Metric     // the metrics of the manager's scorecard... and the report's, when they have one
}

// Checkin returns a check-in for one of its two participants.
func (c *Core) Checkin(ctx context.Context, actor model.Actor, id int64) (CheckinView, error) {
	if err := requireSignedIn(actor); err != nil {
		return CheckinView{}, err
	}
	var v CheckinView
	err := c.read(ctx, func(tx *store.Tx) error {
		ck, party, err := loadCheckin(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if ck.Points, err = tx.CheckinPoints(ctx, id); err != nil {
			return err
		}
		if ck.Actions, err = tx.CheckinActions(ctx, id); err != nil {
			return err
		}
		v.Checkin, v.Party = ck, party
		if v.History, err = tx.FindCheckinsOfSeries(ctx, ck.SeriesID, 12); err != nil {
			return err
		}
		q := c.CurrentPeriod()
		if v.Goals, err = tx.ReviewGoals(ctx, []int64{ck.ManagerID, ck.ReportID}, model.MonthsOf(q)[0]+"-01", model.QuarterEnd(q)); err != nil {
			return err
		}
		people, err := tx.FindScorecardPeople(ctx, store.ScorecardPeopleFilter{IDs: []int64{ck.ManagerID, ck.ReportID}})
		if err != nil {
			return err
		}
		ms, err := tx.FindMetrics(ctx, model.MetricFilter{Status: model.MetricPublished})
		if err != nil {
			return err
		}
		sortMetrics(ms)
		for _, m := range ms {
			for _, p := range people {
				if appliesTo(m, p) {
					v.Metrics = append(v.Metrics, m)
					break
				}
			}
		}
		return nil
	})
	return v, err
}

// MyPrivateNote returns the actor's own private note on a check-in, for the check-in
// page. It is the only function that reads private notes, and it reads only the
// actor's: there is no way to ask for someone else's.
func (c *Core) MyPrivateNote(ctx context.Context, actor model.Actor, checkinID int64) (string, error) {
	if err := requireSignedIn(actor); err != nil {
		return "", err
	}
	var note string
	err := c.read(ctx, func(tx *store.Tx) error {
		if _, _, err := loadCheckin(ctx, tx, actor, checkinID); err != nil {
			return err
		}
		if actor.TokenID != 0 {
			return nil // integrations never read private notes, not even their owner's
		}
		var err error
		note, err = tx.PrivateNote(ctx, checkinID, actor.PersonID)
		return err
	})
	return note, err
}

// SavePrivateNote saves the actor's private note on a check-in (an empty text deletes
// it). Only participants write notes, and each writes only their own. The text never
// reaches a log or the audit trail.
func (c *Core) SavePrivateNote(ctx context.Context, actor model.Actor, checkinID int64, in model.CheckinNotesInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if err := in.Validate("private_note"); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if _, _, err := loadCheckin(ctx, tx, actor, checkinID); err != nil {
			return err
		}
		if actor.TokenID != 0 {
			return model.Errorf(model.CodeForbidden, "Private notes are written in the browser, not with an API token.")
		}
		return tx.SetPrivateNote(ctx, checkinID, actor.PersonID, in.Text)
	})
}

// SaveSharedNotes saves the notes both participants read.
func (c *Core) SaveSharedNotes(ctx context.Context, actor model.Actor, checkinID int64, in model.CheckinNotesInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if err := in.Validate("shared_notes"); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if _, _, err := loadCheckin(ctx, tx, actor, checkinID); err != nil {
			return err
		}
		return tx.SetSharedNotes(ctx, checkinID, in.Text)
	})
}

// AddCheckinPoint adds a talking point to a planned check-in, optionally linked to a
// goal or a metric.
func (c *Core) AddCheckinPoint(ctx context.Context, actor model.Actor, checkinID int64, in model.CheckinPointInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		ck, _, err := loadCheckin(ctx, tx, actor, checkinID)
		if err != nil {
			return err
		}
		if ck.Status != model.CheckinPlanned {
			return model.Errorf(model.CodeConflict, "This check-in was held; add talking points to the next one.")
		}
		var v model.Validator
		if in.GoalID != 0 {
			ok, err := tx.ExistingIDs(ctx, "goals", []int64{in.GoalID})
			if err != nil {
				return err
			}
			v.Check(ok[in.GoalID], "goal_id", "Choose one of the listed goals.")
		}
		if in.MetricID != 0 {
			ok, err := tx.ExistingIDs(ctx, "metrics", []int64{in.MetricID})
			if err != nil {
				return err
			}
			v.Check(ok[in.MetricID], "metric_id", "Choose one of the listed metrics.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		_, err = tx.AddCheckinPoint(ctx, checkinID, actor.PersonID, in, false)
		return err
	})
}

// TickCheckinPoint marks a talking point discussed, or not.
func (c *Core) TickCheckinPoint(ctx context.Context, actor model.Actor, checkinID, pointID int64, discussed bool) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if _, _, err := loadCheckin(ctx, tx, actor, checkinID); err != nil {
			return err
		}
		return notFound(tx.SetPointDiscussed(ctx, checkinID, pointID, discussed), "talking point")
	})
}

// AddCheckinAction adds an action item, owned by one of the participants.
func (c *Core) AddCheckinAction(ctx context.Context, actor model.Actor, checkinID int64, in model.CheckinActionInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		ck, _, err := loadCheckin(ctx, tx, actor, checkinID)
		if err != nil {
			return err
		}
		if in.OwnerID != ck.ManagerID && in.OwnerID != ck.ReportID {
			return &model.Error{Code: model.CodeInvalid, Message: "An action is owned by one of the two of you.", Fields: map[string]string{"owner_id": "Choose one of the two of you."}}
		}
		if ck.Status != model.CheckinPlanned {
			return model.Errorf(model.CodeConflict, "This check-in was held; add actions to the next one.")
		}
		_, err = tx.AddCheckinAction(ctx, ck.SeriesID, checkinID, in)
		return err
	})
}

// SetCheckinActionDone marks an action item of the check-in's series done, or open.
func (c *Core) SetCheckinActionDone(ctx context.Context, actor model.Actor, checkinID, actionID int64, done bool) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		ck, _, err := loadCheckin(ctx, tx, actor, checkinID)
		if err != nil {
			return err
		}
		return notFound(tx.SetActionDone(ctx, ck.SeriesID, actionID, done), "action")
	})
}

// CompleteCheckin marks a check-in held, plans the next one (on nextOn, or one cadence
// later) and carries the open action items into it. It returns the next check-in.
func (c *Core) CompleteCheckin(ctx context.Context, actor model.Actor, checkinID int64, nextOn string) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	if nextOn != "" && !model.ValidDate(nextOn) {
		return 0, &model.Error{Code: model.CodeInvalid, Message: "Enter the date of the next check-in.", Fields: map[string]string{"next_on": "Enter a date."}}
	}
	var next int64
	err := c.write(ctx, func(tx *store.Tx) error {
		ck, _, err := loadCheckin(ctx, tx, actor, checkinID)
		if err != nil {
			return err
		}
		if ck.Status != model.CheckinPlanned {
			return model.Errorf(model.CodeConflict, "This check-in was already held.")
		}
		if nextOn == "" {
			d, _ := time.Parse("2006-01-02", ck.ScheduledOn)
			today := tx.Now().UTC().Truncate(24 * time.Hour)
			if d.Before(today) {
				d = today
			}
			nextOn = d.AddDate(0, 0, ck.CadenceDays).Format("2006-01-02")
		}
		if nextOn <= ck.ScheduledOn {
			return &model.Error{Code: model.CodeInvalid, Message: "The next check-in comes after this one.", Fields: map[string]string{"next_on": "Choose a date after " + ck.ScheduledOn + "."}}
		}
		if next, err = tx.CreateCheckin(ctx, ck.SeriesID, nextOn); err != nil {
			return err
		}
		if err := tx.CompleteCheckin(ctx, checkinID, next); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "checkin_held", "checkin", checkinID, "")
	})
	return next, err
}

// SeedCheckins writes series of past check-ins at once, for the demo generator: the
// same tables and rules (participants are a manager and a direct report; private notes
// belong to one of them), without a transaction per meeting. System only.
func (c *Core) SeedCheckins(ctx context.Context, actor model.Actor, seeds []model.CheckinSeriesSeed) error {
	if !actor.IsSystem() {
		return model.Forbidden()
	}
	return c.write(ctx, func(tx *store.Tx) error {
		var points, notes, actions [][]any
		for _, s := range seeds {
			sid, err := tx.CreateCheckinSeries(ctx, s.ManagerID, s.ReportID, s.CadenceDays)
			if err != nil {
				return err
			}
			rows := make([][]any, len(s.Checkins))
			for i, ck := range s.Checkins {
				status, completed := "planned", int64(0)
				if ck.Done {
					status, completed = "done", dayUnix(ck.ScheduledOn)
				}
				rows[i] = []any{sid, ck.ScheduledOn, status, ck.SharedNotes, completed, dayUnix(ck.ScheduledOn) - 86400*3, completed}
			}
			ids, err := tx.InsertCheckinIDs(ctx, rows)
			if err != nil {
				return err
			}
			// Open actions sit in the first check-in after the one that created them
			// that is not yet held: that is where carrying puts them.
			sitting := func(from int) (int, int) {
				carried := 0
				for j := from; j < len(s.Checkins); j++ {
					if !s.Checkins[j].Done {
						return j, carried
					}
					carried++
				}
				return len(s.Checkins) - 1, carried
			}
			for i, ck := range s.Checkins {
				at := dayUnix(ck.ScheduledOn)
				for _, p := range ck.Points {
					if p.AuthorID != s.ManagerID && p.AuthorID != s.ReportID {
						return model.Errorf(model.CodeInvalid, "A talking point is written by a participant.")
					}
					points = append(points, []any{ids[i], p.AuthorID, p.Text, nullID(p.GoalID), nullID(p.MetricID), p.Discussed, at - 86400})
				}
				for author, text := range ck.PrivateNotes {
					if author != s.ManagerID && author != s.ReportID {
						return model.Errorf(model.CodeInvalid, "A private note is written by a participant.")
					}
					notes = append(notes, []any{ids[i], author, text, at})
				}
				for _, a := range ck.Actions {
					where, carried := i, 0
					var done int64
					if a.Done {
						done = at + 86400*5
					} else if ck.Done {
						where, carried = sitting(i + 1)
						carried++
					}
					actions = append(actions, []any{sid, ids[where], ids[i], a.Text, a.OwnerID, a.DueOn, carried, done, at})
				}
			}
		}
		return tx.InsertCheckinParts(ctx, points, notes, actions)
	})
}

func dayUnix(date string) int64 {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return 0
	}
	return t.Add(10 * time.Hour).Unix()
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// SeedActor returns the actor a person would be when signed in: their account's role
// (employee without one) and their reporting line. The demo generator uses it to write
// history as the people who would have written it, through the same rules. System only.
func (c *Core) SeedActor(ctx context.Context, actor model.Actor, personID int64) (model.Actor, error) {
	if !actor.IsSystem() {
		return model.Actor{}, model.Forbidden()
	}
	var out model.Actor
	err := c.read(ctx, func(tx *store.Tx) error {
		p, err := tx.FindPersonByID(ctx, personID)
		if err != nil {
			return notFound(err, "person")
		}
		a, err := tx.FindAccountByPersonID(ctx, personID)
		switch {
		case err == nil:
			out = actorOf(a, p.Path)
		case errors.Is(err, store.ErrNotFound):
			out = model.Actor{PersonID: p.ID, Line: p.LinePrefix(), Role: model.RoleEmployee, Name: p.Name, Login: p.Email}
		default:
			return err
		}
		return nil
	})
	return out, err
}
