package core

import (
	"context"
	"errors"
	"time"

	"throughline/internal/model"
	"throughline/internal/store"
)

// The collaboration rules, in one place (initiative.go, hackathon.go, idea.go,
// service.go and network.go apply them):
//   - everyone signed in reads initiatives, hackathons (teams and submissions), the
//     ideas hub and the service corps: collaboration is meant to be seen;
//   - taking part (joining, registering, voting, posting, applying) needs an account
//     linked to a person;
//   - initiatives are started by managers, executives, hr and admin; they are run by
//     their lead, their sponsor, the lead's managers, hr and admin;
//   - hackathons and the service corps are organized by executives, hr and admin;
//   - a judge never scores a submission of their own team, and each person has one
//     audience vote per hackathon, changeable until voting closes;
//   - ideas and practices are reviewed by executives, hr, admin, and the managers above
//     their author; a declined post carries a reason;
//   - service reflections are private to their author unless shared, and then only
//     the project team and the organizers read them; no role reads an unshared one;
//   - a person's network measures are read by the person, their managers, executives,
//     hr and admin; the organization view by executives, hr and admin.

// requirePerson refuses actors whose account is not linked to a person: they cannot
// join, vote, post or apply, because those acts belong to someone in the organization.
func requirePerson(actor model.Actor) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if actor.PersonID == 0 {
		return &model.Error{Code: model.CodeForbidden, Message: "Your account is not linked to a person in the organization, so you cannot take part yourself."}
	}
	return nil
}

// canOrganize reports whether actor organizes hackathons and the service corps.
func canOrganize(actor model.Actor) bool {
	return actor.Is(model.RoleExecutive, model.RoleHR, model.RoleAdmin)
}

// requireOrganizer refuses everyone who does not organize.
func requireOrganizer(actor model.Actor) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if !canOrganize(actor) {
		return model.Forbidden()
	}
	return nil
}

// activePerson loads a person who must exist and be active; otherwise it records msg
// for field.
func activePerson(ctx context.Context, tx *store.Tx, v *model.Validator, id int64, field, msg string) (model.Person, error) {
	if id == 0 {
		return model.Person{}, nil
	}
	p, err := tx.FindPersonByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !p.Active) {
		v.Add(field, msg)
		return model.Person{}, nil
	}
	return p, err
}

// checkObjectives records a field error when one of the objectives does not exist.
func checkObjectives(ctx context.Context, tx *store.Tx, v *model.Validator, field string, ids []int64) error {
	for _, id := range ids {
		if _, err := tx.FindObjectiveByID(ctx, id); errors.Is(err, store.ErrNotFound) {
			v.Add(field, "One of the objectives does not exist.")
			return nil
		} else if err != nil {
			return err
		}
	}
	return nil
}

// PeopleChoices are the people a form offers in its person pickers.
type PeopleChoices struct {
	People []model.Person // directory fields only
	More   bool           // too many to list: the form asks for an id instead
}

// PeopleChoices lists active people for the person pickers of the collaboration forms.
func (c *Core) PeopleChoices(ctx context.Context, actor model.Actor) (PeopleChoices, error) {
	if err := requireSignedIn(actor); err != nil {
		return PeopleChoices{}, err
	}
	const limit = 1000
	var out PeopleChoices
	err := c.read(ctx, func(tx *store.Tx) error {
		people, total, err := tx.FindPeople(ctx, model.PersonFilter{Page: model.Page{Limit: limit}})
		if err != nil {
			return err
		}
		for _, p := range people {
			out.People = append(out.People, p.Directory())
		}
		out.More = total > limit
		return nil
	})
	return out, err
}

// today is the UTC date of the transaction.
func today(tx *store.Tx) string { return tx.Now().UTC().Format("2006-01-02") }

// dayOf is the UTC date of an instant.
func dayOf(t time.Time) string { return t.UTC().Format("2006-01-02") }

// viewPeople applies the people rules to a list of members.
func viewPeople(actor model.Actor, ps []model.Person) []model.Person {
	out := make([]model.Person, 0, len(ps))
	for _, p := range ps {
		if v, err := view(actor, p); err == nil {
			out = append(out, v)
		} else {
			// Inactive members stay visible by name in collaboration history.
			out = append(out, p.Directory())
		}
	}
	return out
}
