package core_test

import (
	"context"
	"testing"

	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

// TestCheckinCarriesActions holds a check-in and carries its open action into the next.
func TestCheckinCarriesActions(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newPerfOrg(t, db)
		c := o.c
		ctx := context.Background()
		if _, err := c.StartCheckins(ctx, o.bo, model.CheckinSeriesInput{ReportID: o.ids["E8"], CadenceDays: 14, FirstOn: "2026-05-12"}); model.FieldsOf(err)["report_id"] == "" {
			t.Errorf("Bo starts check-ins with Hal (not his direct report): %v", err)
		}
		first, err := c.StartCheckins(ctx, o.bo, model.CheckinSeriesInput{ReportID: o.ids["E6"], CadenceDays: 14, FirstOn: "2026-05-12"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.StartCheckins(ctx, o.bo, model.CheckinSeriesInput{ReportID: o.ids["E6"], CadenceDays: 7, FirstOn: "2026-05-13"}); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("a second series with the same report: %v", err)
		}
		if err := c.AddCheckinPoint(ctx, o.fay, first, model.CheckinPointInput{Text: "Engagement dipped in April", MetricID: o.engagement.ID}); err != nil {
			t.Fatal(err)
		}
		if err := c.AddCheckinAction(ctx, o.bo, first, model.CheckinActionInput{Text: "Share the pulse results with the team", OwnerID: o.ids["E6"], DueOn: "2026-05-20"}); err != nil {
			t.Fatal(err)
		}
		if err := c.AddCheckinAction(ctx, o.bo, first, model.CheckinActionInput{Text: "Book the offsite", OwnerID: o.ids["E2"]}); err != nil {
			t.Fatal(err)
		}
		if err := c.AddCheckinAction(ctx, o.bo, first, model.CheckinActionInput{Text: "x", OwnerID: o.ids["E4"]}); model.FieldsOf(err)["owner_id"] == "" {
			t.Errorf("an action owned by an outsider: %v", err)
		}
		v, err := c.Checkin(ctx, o.fay, first)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Checkin.Points) != 1 || v.Checkin.Points[0].MetricName != "Employee engagement" || len(v.Checkin.Actions) != 2 || v.Party != "report" {
			t.Fatalf("check-in %+v", v)
		}
		booked := v.Checkin.Actions[1]
		if booked.Text != "Book the offsite" {
			booked = v.Checkin.Actions[0]
		}
		if err := c.SetCheckinActionDone(ctx, o.bo, first, booked.ID, true); err != nil {
			t.Fatal(err)
		}
		next, err := c.CompleteCheckin(ctx, o.fay, first, "")
		if err != nil {
			t.Fatal(err)
		}
		n, err := c.Checkin(ctx, o.bo, next)
		if err != nil {
			t.Fatal(err)
		}
		if n.Checkin.ScheduledOn != "2026-05-26" || n.Checkin.PrevID != first {
			t.Errorf("next check-in on %s (prev %d), want 2026-05-26 after %d", n.Checkin.ScheduledOn, n.Checkin.PrevID, first)
		}
		if len(n.Checkin.Actions) != 1 || n.Checkin.Actions[0].Text != "Share the pulse results with the team" || n.Checkin.Actions[0].Carried != 1 ||
			n.Checkin.Actions[0].OriginOn != "2026-05-12" {
			t.Errorf("carried actions %+v, want the open one, carried once from 12 May", n.Checkin.Actions)
		}
		if _, err := c.CompleteCheckin(ctx, o.bo, first, ""); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("holding a check-in twice: %v", err)
		}
		if err := c.AddCheckinPoint(ctx, o.bo, first, model.CheckinPointInput{Text: "late"}); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("a point on a held check-in: %v", err)
		}
		due, _ := c.DueItems(ctx, o.fay)
		if !containsTitle(due, "Share the pulse results") {
			t.Errorf("Fay's due items %+v, want her open action", due)
		}
	})
}

// TestPrivateNotesStayPrivate: a private note is read by its author alone, whatever the
// role: not the other participant, not the managers above, not hr, not admin.
func TestPrivateNotesStayPrivate(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newPerfOrg(t, db)
		c := o.c
		ctx := context.Background()
		admin := dbtest.MustAdmin(t, c)
		id, err := c.StartCheckins(ctx, o.bo, model.CheckinSeriesInput{ReportID: o.ids["E6"], CadenceDays: 14, FirstOn: "2026-05-12"})
		if err != nil {
			t.Fatal(err)
		}
		const boNote = "Bo private: worried about Fay's workload"
		const fayNote = "Fay private: thinking about the transfer"
		if err := c.SavePrivateNote(ctx, o.bo, id, model.CheckinNotesInput{Text: boNote}); err != nil {
			t.Fatal(err)
		}
		if err := c.SavePrivateNote(ctx, o.fay, id, model.CheckinNotesInput{Text: fayNote}); err != nil {
			t.Fatal(err)
		}
		if err := c.SaveSharedNotes(ctx, o.fay, id, model.CheckinNotesInput{Text: "We agreed on priorities."}); err != nil {
			t.Fatal(err)
		}
		if got, _ := c.MyPrivateNote(ctx, o.bo, id); got != boNote {
			t.Errorf("Bo reads %q, want his own note", got)
		}
		if got, _ := c.MyPrivateNote(ctx, o.fay, id); got != fayNote {
			t.Errorf("Fay reads %q, want her own note", got)
		}
		for name, a := range map[string]model.Actor{"hr": o.hr, "admin": admin, "executive (Bo's manager)": o.ada, "employee": o.dee, "system": model.System} {
			if got, err := c.MyPrivateNote(ctx, a, id); got != "" || model.ErrorCodeOf(err) != model.CodeNotFound {
				t.Errorf("%s reads a private note: %q %v", name, got, err)
			}
			if _, err := c.Checkin(ctx, a, id); model.ErrorCodeOf(err) != model.CodeNotFound {
				t.Errorf("%s reads the check-in: %v", name, err)
			}
			if err := c.SavePrivateNote(ctx, a, id, model.CheckinNotesInput{Text: "overwrite"}); model.ErrorCodeOf(err) != model.CodeNotFound {
				t.Errorf("%s writes a private note: %v", name, err)
			}
		}
		// Not even the author reads or writes it with an API token.
		boToken := o.bo
		boToken.TokenID = 99
		if got, err := c.MyPrivateNote(ctx, boToken, id); got != "" || err != nil {
			t.Errorf("the author's API token reads the note: %q %v", got, err)
		}
		if err := c.SavePrivateNote(ctx, boToken, id, model.CheckinNotesInput{Text: "x"}); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("the author's API token writes the note: %v", err)
		}
		// An empty note deletes it.
		if err := c.SavePrivateNote(ctx, o.bo, id, model.CheckinNotesInput{Text: ""}); err != nil {
			t.Fatal(err)
		}
		if got, _ := c.MyPrivateNote(ctx, o.bo, id); got != "" {
			t.Errorf("deleted note reads %q", got)
		}
		if got, _ := c.MyPrivateNote(ctx, o.fay, id); got != fayNote {
			t.Errorf("Bo's delete touched Fay's note: %q", got)
		}
	})
}

// TestFeedbackVisibility: private feedback is read by its giver, its recipient and the
// recipient's manager; public praise by everyone; requests are answered once.
func TestFeedbackVisibility(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		o := newPerfOrg(t, db)
		c := o.c
		ctx := context.Background()
		eli := dbtest.MustActor(t, c, "eli@example.org")
		const private = "Your handover notes saved the Hendricks account."
		if _, err := c.GiveFeedback(ctx, o.dee, model.FeedbackInput{ToID: o.ids["E5"], Text: private, Competency: "developing_others"}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.GiveFeedback(ctx, o.fay, model.FeedbackInput{ToID: o.ids["E8"], Text: "Thank you for running the food drive!", Visibility: model.FeedbackPublic}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.GiveFeedback(ctx, o.dee, model.FeedbackInput{ToID: o.ids["E4"], Text: "me"}); model.FieldsOf(err)["to_id"] == "" {
			t.Errorf("feedback to oneself: %v", err)
		}
		if _, err := c.GiveFeedback(ctx, o.dee, model.FeedbackInput{ToID: o.ids["E5"], Text: "x", Competency: "juggling"}); model.FieldsOf(err)["competency"] == "" {
			t.Errorf("unknown competency: %v", err)
		}
		sees := func(a model.Actor) bool {
			in, err := c.Feedback(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			for _, list := range [][]model.Feedback{in.Received, in.Given, in.Team, in.Praise} {
				for _, f := range list {
					if f.Text == private {
						return true
					}
				}
			}
			return false
		}
		for name, tc := range map[string]struct {
			a    model.Actor
			want bool
		}{"giver": {o.dee, true}, "recipient": {eli, true}, "recipient's manager": {o.bo, true},
			"another manager": {o.fay, false}, "hr": {o.hr, false}, "executive": {o.ada, false}} {
			if got := sees(tc.a); got != tc.want {
				t.Errorf("%s reads the private feedback: %v, want %v", name, got, tc.want)
			}
		}
		in, _ := c.Feedback(ctx, o.gus)
		if len(in.Praise) != 1 || in.Praise[0].ToName != "Hal Holbrook" {
			t.Errorf("public praise for Gus: %+v", in.Praise)
		}
		// Requests.
		qid, err := c.RequestFeedback(ctx, eli, model.FeedbackRequestInput{ToID: o.ids["E4"], Message: "How did my demo land?"})
		if err != nil {
			t.Fatal(err)
		}
		if due, _ := c.DueItems(ctx, o.dee); !containsTitle(due, "Eli Wallach asked for your feedback") {
			t.Errorf("Dee's due items %+v", due)
		}
		if _, err := c.GiveFeedback(ctx, o.fay, model.FeedbackInput{ToID: o.ids["E5"], Text: "x", RequestID: qid}); model.ErrorCodeOf(err) != model.CodeNotFound {
			t.Errorf("answering someone else's request: %v", err)
		}
		if _, err := c.GiveFeedback(ctx, o.dee, model.FeedbackInput{ToID: o.ids["E5"], Text: "Clear and calm.", RequestID: qid}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.GiveFeedback(ctx, o.dee, model.FeedbackInput{ToID: o.ids["E5"], Text: "Again.", RequestID: qid}); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("answering twice: %v", err)
		}
		if in, _ := c.Feedback(ctx, eli); len(in.Sent) != 1 || in.Sent[0].Status != model.RequestAnswered {
			t.Errorf("Eli's sent requests %+v", in.Sent)
		}
	})
}
