package core

import (
	"context"
	"sort"
	"strconv"
	"time"

	"throughline/internal/model"
	"throughline/internal/store"
)

// The feedback rules, in one place:
//   - anyone linked to a person gives feedback to any active colleague, or asks for it,
//     at any time: it does not wait for a review;
//   - private feedback is read by its giver, its recipient and the recipient's manager;
//     public praise by everyone signed in. hr and admin read no private feedback.

// canReadFeedback reports whether actor may read f, whose recipient's manager is managerID.
func canReadFeedback(actor model.Actor, f model.Feedback, managerID int64) bool {
	if f.Visibility == model.FeedbackPublic {
		return true
	}
	return actor.PersonID != 0 && (actor.PersonID == f.FromID || actor.PersonID == f.ToID || actor.PersonID == managerID)
}

// colleague loads an active person feedback can be about or addressed to.
func colleague(ctx context.Context, tx *store.Tx, id int64, field string) (model.Person, error) {
	p, err := tx.FindPersonByID(ctx, id)
	if err != nil || !p.Active {
		return p, &model.Error{Code: model.CodeInvalid, Message: "Choose someone in the directory.", Fields: map[string]string{field: "Choose someone in the directory."}}
	}
	return p, nil
}

// GiveFeedback gives feedback or public praise to a colleague, optionally answering a
// request and tagged with a value or a competency.
func (c *Core) GiveFeedback(ctx context.Context, actor model.Actor, in model.FeedbackInput) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	if actor.PersonID == 0 {
		return 0, model.Errorf(model.CodeForbidden, "Feedback is given by people in the organization; this account is not linked to one.")
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		if in.ToID == actor.PersonID {
			return &model.Error{Code: model.CodeInvalid, Message: "Feedback is for someone else.", Fields: map[string]string{"to_id": "Choose a colleague, not yourself."}}
		}
		if _, err := colleague(ctx, tx, in.ToID, "to_id"); err != nil {
			return err
		}
		if in.ValueID != 0 {
			ok, err := tx.ExistingIDs(ctx, "org_values", []int64{in.ValueID})
			if err != nil {
				return err
			}
			if !ok[in.ValueID] {
				return &model.Error{Code: model.CodeInvalid, Message: "Choose one of the organization's values.", Fields: map[string]string{"value_id": "Choose one of the listed values."}}
			}
		}
		if in.RequestID != 0 {
			q, err := tx.FindFeedbackRequestByID(ctx, in.RequestID)
			if err != nil || q.ToID != actor.PersonID || q.FromID != in.ToID {
				return model.NotFound("feedback request")
			}
			if q.Status != model.RequestOpen {
				return model.Errorf(model.CodeConflict, "That request was already answered.")
			}
			if err := tx.SetFeedbackRequestStatus(ctx, q.ID, model.RequestAnswered); err != nil {
				return err
			}
		}
		var err error
		id, err = tx.CreateFeedback(ctx, actor.PersonID, in)
		return err
	})
	return id, err
}

// RequestFeedback asks a colleague for feedback.
func (c *Core) RequestFeedback(ctx context.Context, actor model.Actor, in model.FeedbackRequestInput) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	if actor.PersonID == 0 {
		return 0, model.Errorf(model.CodeForbidden, "Feedback is asked by people in the organization; this account is not linked to one.")
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := c.write(ctx, func(tx *store.Tx) error {
		if in.ToID == actor.PersonID {
			return &model.Error{Code: model.CodeInvalid, Message: "Ask someone else.", Fields: map[string]string{"ask_to_id": "Choose a colleague, not yourself."}}
		}
		if _, err := colleague(ctx, tx, in.ToID, "ask_to_id"); err != nil {
			return err
		}
		var err error
		id, err = tx.CreateFeedbackRequest(ctx, actor.PersonID, in)
		return err
	})
	return id, err
}

// DeclineFeedbackRequest declines a request addressed to the actor.
func (c *Core) DeclineFeedbackRequest(ctx context.Context, actor model.Actor, id int64) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		q, err := tx.FindFeedbackRequestByID(ctx, id)
		if err != nil || q.ToID != actor.PersonID || actor.PersonID == 0 {
			return model.NotFound("feedback request")
		}
		if q.Status != model.RequestOpen {
			return model.Errorf(model.CodeConflict, "That request was already answered.")
		}
		return tx.SetFeedbackRequestStatus(ctx, id, model.RequestDeclined)
	})
}

// Feedback returns the actor's feedback: received, given, their direct reports' (as
// their manager), recent public praise, and requests both ways.
func (c *Core) Feedback(ctx context.Context, actor model.Actor) (model.FeedbackInbox, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.FeedbackInbox{}, err
	}
	in := model.FeedbackInbox{Competences: model.FeedbackCompetencies}
	err := c.read(ctx, func(tx *store.Tx) error {
		var err error
		if in.Praise, err = tx.FindFeedback(ctx, store.FeedbackFilter{Visibility: model.FeedbackPublic, Limit: 12}); err != nil {
			return err
		}
		if in.Values, err = tx.ActiveValues(ctx); err != nil {
			return err
		}
		if actor.PersonID == 0 {
			return nil
		}
		if in.Received, err = tx.FindFeedback(ctx, store.FeedbackFilter{ToID: actor.PersonID}); err != nil {
			return err
		}
		if in.Given, err = tx.FindFeedback(ctx, store.FeedbackFilter{FromID: actor.PersonID}); err != nil {
			return err
		}
		reports, err := tx.FindAllPeople(ctx, model.PersonFilter{ManagerID: actor.PersonID})
		if err != nil {
			return err
		}
		ids := make([]int64, len(reports))
		for i, r := range reports {
			ids[i] = r.ID
		}
		team, err := tx.FindFeedback(ctx, store.FeedbackFilter{ToIDs: ids, Limit: 30})
		if err != nil {
			return err
		}
		for _, f := range team {
			if f.FromID != actor.PersonID && canReadFeedback(actor, f, actor.PersonID) {
				in.Team = append(in.Team, f)
			}
		}
		if in.Waiting, err = tx.FindFeedbackRequests(ctx, actor.PersonID, 0, model.RequestOpen); err != nil {
			return err
		}
		in.Sent, err = tx.FindFeedbackRequests(ctx, 0, actor.PersonID, "")
		return err
	})
	return in, err
}

// DueItems lists what the actor has to do, soonest first: reviews waiting for them,
// check-ins in the coming week, open action items they own, and feedback requests
// addressed to them. It is computed when read, so reminders need no background job and
// are never stale.
func (c *Core) DueItems(ctx context.Context, actor model.Actor) ([]model.DueItem, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	if actor.PersonID == 0 {
		return nil, nil
	}
	today := c.Now().UTC().Format("2006-01-02")
	week := c.Now().UTC().AddDate(0, 0, 7).Format("2006-01-02")
	var out []model.DueItem
	add := func(it model.DueItem) {
		it.Overdue = it.DueOn != "" && it.DueOn < today
		it.Soon = it.DueOn != "" && !it.Overdue && it.DueOn <= week
		out = append(out, it)
	}
	err := c.read(ctx, func(tx *store.Tx) error {
		rs, err := tx.FindReviews(ctx, store.ReviewFilter{Anyone: actor.PersonID,
			States: []model.ReviewState{model.ReviewSelf, model.ReviewManager, model.ReviewDiscussion}})
		if err != nil {
			return err
		}
		for _, r := range rs {
			if r.CycleStatus != model.CycleOpen {
				continue
			}
			href := "/reviews/" + strconvI(r.ID)
			me := r.PersonID == actor.PersonID
			switch {
			case r.State == model.ReviewSelf && me:
				add(model.DueItem{Kind: "review", Title: "Write your self review", Detail: r.CycleName, Href: href, DueOn: r.SelfDue})
			case r.State == model.ReviewManager && !me:
				add(model.DueItem{Kind: "review", Title: "Review " + r.PersonName, Detail: r.CycleName + ": their self review is in", Href: href, DueOn: r.ManagerDue})
			case r.State == model.ReviewDiscussion && me && r.PersonSignedAt == 0:
				add(model.DueItem{Kind: "review", Title: "Discuss and sign your review", Detail: r.CycleName, Href: href, DueOn: r.SignoffDue})
			case r.State == model.ReviewDiscussion && !me && r.ReviewerSignedAt == 0:
				add(model.DueItem{Kind: "review", Title: "Discuss and sign " + r.PersonName + "’s review", Detail: r.CycleName, Href: href, DueOn: r.SignoffDue})
			}
		}
		cks, err := tx.PlannedCheckinsFor(ctx, actor.PersonID, week)
		if err != nil {
			return err
		}
		for _, ck := range cks {
			other := ck.ReportName
			if ck.ReportID == actor.PersonID {
				other = ck.ManagerName
			}
			add(model.DueItem{Kind: "checkin", Title: "Check-in with " + other, Detail: "Add your talking points", Href: "/checkins/" + strconvI(ck.ID), DueOn: ck.ScheduledOn})
		}
		acts, err := tx.OpenActionsOwnedBy(ctx, actor.PersonID)
		if err != nil {
			return err
		}
		for _, a := range acts {
			add(model.DueItem{Kind: "action", Title: a.Text, Detail: "Agreed in the check-in of " + humanDate(a.OriginOn), Href: "/checkins/" + strconvI(a.CheckinID), DueOn: a.DueOn})
		}
		qs, err := tx.FindFeedbackRequests(ctx, actor.PersonID, 0, model.RequestOpen)
		if err != nil {
			return err
		}
		for _, q := range qs {
			add(model.DueItem{Kind: "feedback", Title: q.FromName + " asked for your feedback", Detail: model.Clip(q.Message, 80),
				Href: "/feedback?request=" + strconvI(q.ID) + "#give", DueOn: time.Unix(q.CreatedAt, 0).UTC().AddDate(0, 0, 14).Format("2006-01-02")})
		}
		return nil
	})
	sortDue(out)
	return out, err
}

// sortDue orders items by due date, undated last, keeping the kinds' order otherwise.
func sortDue(items []model.DueItem) {
	sort.SliceStable(items, func(i, j int) bool { return dueBefore(items[i], items[j]) })
}

func dueBefore(a, b model.DueItem) bool {
	switch {
	case a.DueOn == b.DueOn:
		return false
	case a.DueOn == "":
		return false
	case b.DueOn == "":
		return true
	}
	return a.DueOn < b.DueOn
}

func strconvI(n int64) string { return strconv.FormatInt(n, 10) }

// humanDate prints an ISO date as "12 May 2026".
func humanDate(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return t.Format("2 Jan 2006")
}
