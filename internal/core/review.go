package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"throughline/internal/model"
	"throughline/internal/score"
	"throughline/internal/store"
	"throughline/internal/webhook"
)

// The review rules, in one place:
//   - hr and admin run cycles: create one for a quarter (a review in draft for every
//     middle manager, with their manager as reviewer), open it (every review moves to
//     the self-review step), and close it (every scorecard is frozen as it stands);
//   - a review is read by the person reviewed, their reviewer, the managers above the
//     person, and hr and admin; nobody else knows it exists;
//   - the self review reaches anyone but its author once submitted; the manager review
//     reaches the person once the review is in discussion (and other readers once it is
//     submitted);
//   - the state machine is model.Review.Apply; this file decides who the party is.

// reviewParty returns the actor's part in a review, and whether they may read it.
func reviewParty(actor model.Actor, r model.Review, personPath string) (model.ReviewParty, bool) {
	switch {
	case actor.PersonID != 0 && actor.PersonID == r.PersonID:
		return model.PartyPerson, true
	case actor.PersonID != 0 && actor.PersonID == r.ReviewerID:
		return model.PartyReviewer, true
	case actor.SeesEveryone():
		return model.PartyHR, true
	case isUnder(personPath, actor.Line):
		return "", true
	}
	return "", false
}

// redact removes the texts the viewer may not read yet.
func redact(r model.Review, party model.ReviewParty) (model.Review, bool, bool) {
	showSelf := party == model.PartyPerson || r.SelfSubmittedAt != 0
	showManager := party == model.PartyReviewer || (party == model.PartyPerson && r.State.Index() >= model.ReviewDiscussion.Index()) ||
		(party != model.PartyPerson && r.ManagerSubmittedAt != 0)
	if !showSelf {
		r.SelfText = ""
	}
	if !showManager {
		r.ManagerText = ""
	}
	r.Snapshot = ""
	return r, showSelf, showManager
}

// CreateReviewCycle creates a cycle for a quarter, with a review in draft for every
// active middle manager. hr and admin only.
func (c *Core) CreateReviewCycle(ctx context.Context, actor model.Actor, in model.ReviewCycleInput) (model.ReviewCycle, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return model.ReviewCycle{}, err
	}
	if err := in.Validate(); err != nil {
		return model.ReviewCycle{}, err
	}
	var out model.ReviewCycle
	err := c.write(ctx, func(tx *store.Tx) error {
		id, err := tx.CreateReviewCycle(ctx, in, actorName(actor))
		if err != nil {
			return err
		}
		people, err := tx.FindAllPeople(ctx, model.PersonFilter{MiddleManagers: true})
		if err != nil {
			return err
		}
		pairs := make([]store.ReviewPair, 0, len(people))
		for _, p := range people {
			pairs = append(pairs, store.ReviewPair{PersonID: p.ID, ReviewerID: p.ManagerID})
		}
		if err := tx.InsertReviews(ctx, id, pairs); err != nil {
			return err
		}
		if err := audit(ctx, tx, actor, "review_cycle_created", "review_cycle", id, in.Period); err != nil {
			return err
		}
		out, err = tx.FindReviewCycleByID(ctx, id)
		return err
	})
	return out, err
}

// OpenReviewCycle opens a draft cycle: every review moves to the self-review step.
func (c *Core) OpenReviewCycle(ctx context.Context, actor model.Actor, id int64) error {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		cy, err := tx.FindReviewCycleByID(ctx, id)
		if err != nil {
			return notFound(err, "review cycle")
		}
		if cy.Status != model.CycleDraft {
			return model.Errorf(model.CodeConflict, "The cycle is already %s.", map[model.ReviewCycleStatus]string{model.CycleOpen: "open", model.CycleClosed: "closed"}[cy.Status])
		}
		if err := tx.SetReviewCycleStatus(ctx, id, model.CycleOpen); err != nil {
			return err
		}
		if err := tx.LaunchReviews(ctx, id); err != nil {
			return err
		}
		if err := c.emit(ctx, tx, model.EventReviewDue, webhook.ReviewDue{CycleID: id, Name: cy.Name, Period: cy.Period,
			SelfDue: cy.SelfDue, ManagerDue: cy.ManagerDue, SignoffDue: cy.SignoffDue, Reviews: cy.Total,
			URL: c.link("/reviews")}); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "review_cycle_opened", "review_cycle", id, cy.Period)
	})
}

// snapshot is a scorecard frozen when its cycle closes: the inputs and settings, from
// which score recomputes the same card forever (and explains it the same way).
type snapshot struct {
	Period   string                        `json:"period"`
	Weights  map[model.Perspective]float64 `json:"weights"`
	High     float64                       `json:"financial_high"`
	Low      float64                       `json:"purpose_low"`
	Metrics  []snapshotMetric              `json:"metrics"`
	FrozenAt int64                         `json:"frozen_at"`
}

type snapshotMetric struct {
	Metric   model.Metric      `json:"metric"`
	HasData  bool              `json:"has_data"`
	Value    float64           `json:"value"`
	Parts    int               `json:"parts"`
	Expected int               `json:"expected"`
	From     model.SubjectType `json:"from"`
	FromName string            `json:"from_name"`
}

func freeze(card model.Scorecard, s model.ScoreSettings, at int64) (string, error) {
	snap := snapshot{Period: card.Period, Weights: s.Weights, High: s.FinancialHigh, Low: s.PurposeLow, FrozenAt: at}
	for _, p := range card.Perspectives {
		for _, m := range p.Metrics {
			sm := snapshotMetric{Metric: m.Metric, HasData: m.HasData, Parts: m.Parts, Expected: m.Expected, From: m.From, FromName: m.FromName}
			if m.HasData && !math.IsNaN(m.Value) {
				sm.Value = m.Value
			}
			snap.Metrics = append(snap.Metrics, sm)
		}
	}
	b, err := json.Marshal(snap)
	return string(b), err
}

func thaw(s string, person model.Person) (model.Scorecard, error) {
	var snap snapshot
	if err := json.Unmarshal([]byte(s), &snap); err != nil {
		return model.Scorecard{}, fmt.Errorf("core: frozen scorecard: %w", err)
	}
	inputs := make([]score.Input, len(snap.Metrics))
	for i := range snap.Metrics {
		m := snap.Metrics[i]
		inputs[i] = score.Input{Metric: &snap.Metrics[i].Metric, HasData: m.HasData, Value: m.Value, Parts: m.Parts, Expected: m.Expected, From: m.From, FromName: m.FromName}
	}
	card := score.Card(inputs, model.ScoreSettings{Weights: snap.Weights, FinancialHigh: snap.High, PurposeLow: snap.Low})
	card.Person, card.Period = person, snap.Period
	return card, nil
}

// CloseReviewCycle closes a cycle: every review's scorecard is frozen as it stands, and
// the reviews can no longer change.
func (c *Core) CloseReviewCycle(ctx context.Context, actor model.Actor, id int64) error {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		cy, err := tx.FindReviewCycleByID(ctx, id)
		if err != nil {
			return notFound(err, "review cycle")
		}
		if cy.Status == model.CycleClosed {
			return model.Errorf(model.CodeConflict, "The cycle is already closed.")
		}
		reviews, err := tx.FindReviews(ctx, store.ReviewFilter{CycleID: id})
		if err != nil {
			return err
		}
		ids := make([]int64, len(reviews))
		for i, r := range reviews {
			ids[i] = r.PersonID
		}
		people, err := tx.FindScorecardPeople(ctx, store.ScorecardPeopleFilter{IDs: ids})
		if err != nil {
			return err
		}
		sc, err := loadScoring(ctx, tx)
		if err != nil {
			return err
		}
		cards, err := sc.cards(ctx, tx, people, []string{cy.Period}, len(people) >= 500)
		if err != nil {
			return err
		}
		byPerson := map[int64]model.Scorecard{}
		for _, cs := range cards {
			byPerson[cs[0].Person.ID] = cs[0]
		}
		snaps := map[int64]string{}
		for _, r := range reviews {
			card, ok := byPerson[r.PersonID]
			if !ok {
				continue // the person left; their review keeps no scorecard
			}
			if snaps[r.ID], err = freeze(card, sc.settings, tx.Now().Unix()); err != nil {
				return err
			}
		}
		if err := tx.SetReviewSnapshots(ctx, snaps); err != nil {
			return err
		}
		if err := tx.SetReviewCycleStatus(ctx, id, model.CycleClosed); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "review_cycle_closed", "review_cycle", id, cy.Period)
	})
}

// ReviewCycles lists every cycle, for hr and admin.
func (c *Core) ReviewCycles(ctx context.Context, actor model.Actor) ([]model.ReviewCycle, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return nil, err
	}
	var out []model.ReviewCycle
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindReviewCycles(ctx, nil)
		return err
	})
	return out, err
}

// ReviewCycleDetail is a cycle with its reviews.
type ReviewCycleDetail struct {
	Cycle   model.ReviewCycle
	Reviews []model.Review // texts left out
}

// ReviewCycle returns a cycle and the progress of each review, for hr and admin.
func (c *Core) ReviewCycle(ctx context.Context, actor model.Actor, id int64) (ReviewCycleDetail, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return ReviewCycleDetail{}, err
	}
	var d ReviewCycleDetail
	err := c.read(ctx, func(tx *store.Tx) error {
		var err error
		if d.Cycle, err = tx.FindReviewCycleByID(ctx, id); err != nil {
			return notFound(err, "review cycle")
		}
		rs, err := tx.FindReviews(ctx, store.ReviewFilter{CycleID: id})
		for _, r := range rs {
			r.SelfText, r.ManagerText, r.Snapshot = "", "", ""
			d.Reviews = append(d.Reviews, r)
		}
		return err
	})
	return d, err
}

// MyReviews are the reviews an actor takes part in or oversees.
type MyReviews struct {
	Own      []model.Review // the actor is reviewed
	ToReview []model.Review // the actor is the reviewer
	Line     []model.Review // reviews of people further down the actor's line
}

// Reviews lists the actor's reviews: their own, those they write, and the others in
// their reporting line. Texts are left out; the review page shows them.
func (c *Core) Reviews(ctx context.Context, actor model.Actor) (MyReviews, error) {
	if err := requireSignedIn(actor); err != nil {
		return MyReviews{}, err
	}
	var out MyReviews
	if actor.PersonID == 0 {
		return out, nil
	}
	err := c.read(ctx, func(tx *store.Tx) error {
		rs, err := tx.FindReviews(ctx, store.ReviewFilter{Anyone: actor.PersonID})
		if err != nil {
			return err
		}
		for _, r := range rs {
			r.SelfText, r.ManagerText, r.Snapshot = "", "", ""
			if r.PersonID == actor.PersonID {
				out.Own = append(out.Own, r)
			} else {
				out.ToReview = append(out.ToReview, r)
			}
		}
		if actor.Line == "" {
			return nil
		}
		line, err := tx.FindReviews(ctx, store.ReviewFilter{Under: actor.Line})
		for _, r := range line {
			if r.ReviewerID != actor.PersonID {
				r.SelfText, r.ManagerText, r.Snapshot = "", "", ""
				out.Line = append(out.Line, r)
			}
		}
		return err
	})
	return out, err
}

// loadReview loads a review the actor may read, with the actor's part.
func loadReview(ctx context.Context, tx *store.Tx, actor model.Actor, id int64) (model.Review, model.ReviewParty, model.Person, error) {
	r, err := tx.FindReviewByID(ctx, id)
	if err != nil {
		return r, "", model.Person{}, notFound(err, "review")
	}
	p, err := tx.FindPersonByID(ctx, r.PersonID)
	if err != nil {
		return r, "", p, err
	}
	party, ok := reviewParty(actor, r, p.Path)
	if !ok {
		return model.Review{}, "", p, model.NotFound("review")
	}
	return r, party, p, nil
}

// Review returns a review with every section of the template, as the actor may see it.
func (c *Core) Review(ctx context.Context, actor model.Actor, id int64) (model.ReviewDetail, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.ReviewDetail{}, err
	}
	var d model.ReviewDetail
	err := c.read(ctx, func(tx *store.Tx) error {
		r, party, _, err := loadReview(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		open := r.CycleStatus == model.CycleOpen
		d.Party = party
		d.CanEditSelf = open && party == model.PartyPerson && r.State == model.ReviewSelf
		d.CanSubmitSelf = d.CanEditSelf
		d.CanEditManager = open && party == model.PartyReviewer && (r.State == model.ReviewSelf || r.State == model.ReviewManager)
		d.CanReturn = open && party == model.PartyReviewer && r.State == model.ReviewManager
		d.CanSubmitManager = d.CanReturn
		d.CanSign = open && r.State == model.ReviewDiscussion &&
			((party == model.PartyPerson && r.PersonSignedAt == 0) || (party == model.PartyReviewer && r.ReviewerSignedAt == 0))
		d.CanAddAction = open && (party == model.PartyPerson || party == model.PartyReviewer) && r.State == model.ReviewDiscussion
		// The scorecard: frozen once the cycle closed, live until then.
		people, err := tx.FindScorecardPeople(ctx, store.ScorecardPeopleFilter{IDs: []int64{r.PersonID}})
		if err != nil {
			return err
		}
		if r.Snapshot != "" && len(people) == 1 {
			card, err := thaw(r.Snapshot, people[0])
			if err != nil {
				return err
			}
			d.Scorecard, d.Frozen = &card, true
		} else if len(people) == 1 {
			sc, err := loadScoring(ctx, tx)
			if err != nil {
				return err
			}
			cards, err := sc.cards(ctx, tx, people, []string{r.CyclePeriod}, false)
			if err != nil {
				return err
			}
			d.Scorecard = &cards[0][0]
		}
		if k, err := tx.FindCalibration(ctx, r.CycleID, r.PersonID); err == nil {
			d.Calibration = &k
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		months := model.MonthsOf(r.CyclePeriod)
		if d.Goals, err = tx.ReviewGoals(ctx, []int64{r.PersonID}, months[0]+"-01", model.QuarterEnd(r.CyclePeriod)); err != nil {
			return err
		}
		if d.Actions, err = tx.FindReviewActions(ctx, r.ID); err != nil {
			return err
		}
		// Competencies and upward feedback come from the person's latest 360 assessment
		// that closed by the end of the cycle's period, through the anonymity engine.
		if d.Competencies, err = latestResults(ctx, tx, r.PersonID, model.QuarterEnd(r.CyclePeriod)); err != nil {
			return err
		}
		d.Upward = upwardSummary(d.Competencies)
		d.Review, d.ShowSelf, d.ShowManager = redact(r, party)
		return nil
	})
	return d, err
}

// SaveReviewText saves the self review (the person, during the self-review step) or the
// manager review (the reviewer, as a draft during the self review and until submitted).
func (c *Core) SaveReviewText(ctx context.Context, actor model.Actor, id int64, which string, in model.ReviewTextInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	field := "self_text"
	if which == "manager" {
		field = "manager_text"
	}
	if err := in.Validate(field); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		r, party, _, err := loadReview(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if r.CycleStatus != model.CycleOpen {
			return model.Errorf(model.CodeConflict, "The cycle is not open; the review cannot change.")
		}
		switch which {
		case "self":
			if party != model.PartyPerson {
				return model.Forbidden()
			}
			if r.State != model.ReviewSelf {
				return model.Errorf(model.CodeConflict, "The self review was submitted and can no longer change.")
			}
			r.SelfText = in.Text
		case "manager":
			if party != model.PartyReviewer {
				return model.Forbidden()
			}
			if r.State != model.ReviewSelf && r.State != model.ReviewManager {
				return model.Errorf(model.CodeConflict, "The manager review was submitted and can no longer change.")
			}
			r.ManagerText = in.Text
		default:
			return model.NotFound("review section")
		}
		return tx.UpdateReview(ctx, r)
	})
}

// AdvanceReview takes a step of the review state machine as the actor.
func (c *Core) AdvanceReview(ctx context.Context, actor model.Actor, id int64, step model.ReviewStep) (model.ReviewState, error) {
	if err := requireSignedIn(actor); err != nil {
		return "", err
	}
	var state model.ReviewState
	err := c.write(ctx, func(tx *store.Tx) error {
		r, party, _, err := loadReview(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if r.CycleStatus == model.CycleDraft && step != model.StepLaunch {
			return model.Errorf(model.CodeConflict, "The cycle has not been opened yet.")
		}
		next, err := r.Apply(step, party, tx.Now().Unix())
		if err != nil {
			return err
		}
		if err := tx.UpdateReview(ctx, next); err != nil {
			return err
		}
		state = next.State
		return audit(ctx, tx, actor, "review_"+string(step), "review", id, string(next.State))
	})
	return state, err
}

// AddReviewAction adds an agreed action during the discussion, by the person or the
// reviewer. The owner is one of them (the person when not given).
func (c *Core) AddReviewAction(ctx context.Context, actor model.Actor, id int64, in model.ReviewActionInput) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if err := in.Validate(); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		r, party, _, err := loadReview(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if party != model.PartyPerson && party != model.PartyReviewer {
			return model.Forbidden()
		}
		if r.CycleStatus != model.CycleOpen || r.State != model.ReviewDiscussion {
			return model.Errorf(model.CodeConflict, "Actions are agreed during the discussion.")
		}
		if in.OwnerID == 0 {
			in.OwnerID = r.PersonID
		}
		if in.OwnerID != r.PersonID && in.OwnerID != r.ReviewerID {
			return &model.Error{Code: model.CodeInvalid, Message: "The owner is the person reviewed or their manager.", Fields: map[string]string{"owner_id": "Choose the person reviewed or their manager."}}
		}
		_, err = tx.CreateReviewAction(ctx, id, in)
		return err
	})
}

// SetReviewActionDone marks an agreed action done, by the person or the reviewer.
func (c *Core) SetReviewActionDone(ctx context.Context, actor model.Actor, reviewID, actionID int64, done bool) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		_, party, _, err := loadReview(ctx, tx, actor, reviewID)
		if err != nil {
			return err
		}
		if party != model.PartyPerson && party != model.PartyReviewer {
			return model.Forbidden()
		}
		return notFound(tx.SetReviewActionDone(ctx, reviewID, actionID, done), "action")
	})
}
