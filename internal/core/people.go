package core

import (
	"context"
	"errors"

	"throughline/internal/model"
	"throughline/internal/store"
)

// The people rules, in one place:
//   - every signed-in person reads the directory fields of active people;
//   - a person reads everything about themselves;
//   - a manager reads everything about their whole reporting line, direct and indirect;
//   - hr and admin read everything about everyone, inactive people included;
//   - everyone else gets Person.Directory() copies, and inactive people do not exist
//     for them (not_found, so a page cannot reveal who left).

// canSeePrivate reports whether actor may read p's private fields.
func canSeePrivate(actor model.Actor, p model.Person) bool {
	if actor.SeesEveryone() {
		return true
	}
	if actor.PersonID != 0 && actor.PersonID == p.ID {
		return true
	}
	return isUnder(p.Path, actor.Line)
}

// inLine reports whether p is the actor or in the actor's reporting line.
func inLine(actor model.Actor, p model.Person) bool {
	return (actor.PersonID != 0 && actor.PersonID == p.ID) || isUnder(p.Path, actor.Line)
}

// view returns p as actor may see it, or not_found.
func view(actor model.Actor, p model.Person) (model.Person, error) {
	if canSeePrivate(actor, p) {
		return p, nil
	}
	if !p.Active {
		return model.Person{}, model.NotFound("person")
	}
	return p.Directory(), nil
}

func viewAll(actor model.Actor, ps []model.Person) []model.Person {
	out := ps[:0]
	for _, p := range ps {
		if v, err := view(actor, p); err == nil {
			out = append(out, v)
		}
	}
	return out
}

// Directory searches the people directory. Inactive people are listed only for hr and admin.
func (c *Core) Directory(ctx context.Context, actor model.Actor, f model.PersonFilter) (model.List[model.Person], error) {
	if err := requireSignedIn(actor); err != nil {
		return model.List[model.Person]{}, err
	}
	if !actor.SeesEveryone() {
		f.IncludeInactive = false
	}
	if f.Under != "" && !actor.SeesEveryone() && !isUnder(f.Under, actor.Line) {
		f.Under = ""
	}
	f.Page = f.Page.Normalize()
	var out model.List[model.Person]
	err := c.read(ctx, func(tx *store.Tx) error {
		items, total, err := tx.FindPeople(ctx, f)
		if err != nil {
			return err
		}
		out = model.List[model.Person]{Items: viewAll(actor, items), Total: total, Page: f.Page}
		return nil
	})
	return out, err
}

// PersonDetail is a person's page: the person, the managers above them and their
// direct reports.
type PersonDetail struct {
	Person  model.Person
	Chain   []model.Person // nearest manager first
	Reports []model.Person
	Account *model.Account // for hr and admin, when the person has one
	Total   int            // everyone below, at any depth
	InLine  bool           // the person is the viewer or in the viewer's reporting line
}

// Person returns a person's page as actor may see it.
func (c *Core) Person(ctx context.Context, actor model.Actor, id int64) (PersonDetail, error) {
	if err := requireSignedIn(actor); err != nil {
		return PersonDetail{}, err
	}
	var d PersonDetail
	err := c.read(ctx, func(tx *store.Tx) error {
		p, err := tx.FindPersonByID(ctx, id)
		if err != nil {
			return notFound(err, "person")
		}
		if d.Person, err = view(actor, p); err != nil {
			return err
		}
		d.InLine = inLine(actor, p)
		chain, err := tx.Chain(ctx, p.Path)
		if err != nil {
			return err
		}
		d.Chain = viewAll(actor, chain)
		reports, err := tx.FindAllPeople(ctx, model.PersonFilter{ManagerID: p.ID, IncludeInactive: actor.SeesEveryone()})
		if err != nil {
			return err
		}
		d.Reports = viewAll(actor, reports)
		if d.Total, err = tx.SubtreeSize(ctx, p.LinePrefix()); err != nil {
			return err
		}
		if actor.SeesEveryone() {
			a, err := tx.FindAccountByPersonID(ctx, p.ID)
			if err == nil {
				d.Account = &a
			} else if !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		return nil
	})
	return d, err
}

// Me returns the actor's own person record, or not_found when the account has none.
func (c *Core) Me(ctx context.Context, actor model.Actor) (model.Person, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.Person{}, err
	}
	if actor.PersonID == 0 {
		return model.Person{}, model.NotFound("person")
	}
	var p model.Person
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		p, err = tx.FindPersonByID(ctx, actor.PersonID)
		return notFound(err, "person")
	})
	return p, err
}

// Team is a manager and their direct reports.
type Team struct {
	Manager model.Person
	Members []model.Person
	Total   int // everyone below the manager
	InLine  bool
}

// Team returns the team of a manager: directory fields for everyone, private fields for
// the manager's own line, hr and admin.
func (c *Core) Team(ctx context.Context, actor model.Actor, managerID int64) (Team, error) {
	if err := requireSignedIn(actor); err != nil {
		return Team{}, err
	}
	var t Team
	err := c.read(ctx, func(tx *store.Tx) error {
		m, err := tx.FindPersonByID(ctx, managerID)
		if err != nil {
			return notFound(err, "person")
		}
		if t.Manager, err = view(actor, m); err != nil {
			return err
		}
		t.InLine = inLine(actor, m)
		members, err := tx.FindAllPeople(ctx, model.PersonFilter{ManagerID: m.ID})
		if err != nil {
			return err
		}
		t.Members = viewAll(actor, members)
		t.Total, err = tx.SubtreeSize(ctx, m.LinePrefix())
		return err
	})
	return t, err
}

// OrgChart returns the hierarchy from a root (0: the top of the organization) down to
// depth levels below it. Deeper levels are counted, not expanded.
func (c *Core) OrgChart(ctx context.Context, actor model.Actor, rootID int64, depth int) ([]*model.OrgNode, []model.Person, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, nil, err
	}
	depth = max(1, min(depth, 4))
	var roots []*model.OrgNode
	var chain []model.Person
	err := c.read(ctx, func(tx *store.Tx) error {
		var top []model.Person
		if rootID == 0 {
			var err error
			if top, err = tx.FindAllPeople(ctx, model.PersonFilter{TopLevel: true}); err != nil {
				return err
			}
		} else {
			p, err := tx.FindPersonByID(ctx, rootID)
			if err != nil {
				return notFound(err, "person")
			}
			if _, err := view(actor, p); err != nil {
				return err
			}
			top = []model.Person{p}
			ch, err := tx.Chain(ctx, p.Path)
			if err != nil {
				return err
			}
			chain = viewAll(actor, ch)
		}
		level := make([]*model.OrgNode, 0, len(top))
		for _, p := range top {
			n := &model.OrgNode{Person: p}
			roots = append(roots, n)
			level = append(level, n)
		}
		for d := 0; d < depth && len(level) > 0; d++ {
			ids := make([]int64, len(level))
			byID := make(map[int64]*model.OrgNode, len(level))
			for i, n := range level {
				ids[i] = n.Person.ID
				byID[n.Person.ID] = n
			}
			kids, err := tx.FindAllPeople(ctx, model.PersonFilter{ManagerIDs: ids})
			if err != nil {
				return err
			}
			var next []*model.OrgNode
			for _, k := range kids {
				n := &model.OrgNode{Person: k}
				parent := byID[k.ManagerID]
				parent.Reports = append(parent.Reports, n)
				next = append(next, n)
			}
			level = next
		}
		for _, n := range level {
			n.More = n.Person.DirectReports
		}
		for _, r := range roots {
			size, err := tx.SubtreeSize(ctx, r.Person.LinePrefix())
			if err != nil {
				return err
			}
			r.Total = size
		}
		var restrict func(n *model.OrgNode)
		restrict = func(n *model.OrgNode) {
			n.Person, _ = view(actor, n.Person)
			for _, r := range n.Reports {
				restrict(r)
			}
		}
		for _, r := range roots {
			restrict(r)
		}
		return nil
	})
	return roots, chain, err
}
