package core

import (
	"context"

	"throughline/internal/model"
	"throughline/internal/store"
)

// Departments lists the departments with their headcounts; every signed-in person may.
func (c *Core) Departments(ctx context.Context, actor model.Actor) ([]model.Department, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []model.Department
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindDepartments(ctx)
		return err
	})
	return out, err
}

// Department returns one department.
func (c *Core) Department(ctx context.Context, actor model.Actor, id int64) (model.Department, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.Department{}, err
	}
	var out model.Department
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindDepartmentByID(ctx, id)
		return notFound(err, "department")
	})
	return out, err
}

// Locations lists the locations with their headcounts.
func (c *Core) Locations(ctx context.Context, actor model.Actor) ([]model.Location, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []model.Location
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindLocations(ctx)
		return err
	})
	return out, err
}

// Location returns one location.
func (c *Core) Location(ctx context.Context, actor model.Actor, id int64) (model.Location, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.Location{}, err
	}
	var out model.Location
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindLocationByID(ctx, id)
		return notFound(err, "location")
	})
	return out, err
}

// OrgCounts returns the headline numbers of the organization. They are aggregates of
// directory facts, so every signed-in person may read them.
func (c *Core) OrgCounts(ctx context.Context, actor model.Actor) (model.OrgCounts, error) {
	if err := requireSignedIn(actor); err != nil {
		return model.OrgCounts{}, err
	}
	var out model.OrgCounts
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.OrgCounts(ctx)
		return err
	})
	return out, err
}

// RecentImports lists the latest imports, for hr and admin.
func (c *Core) RecentImports(ctx context.Context, actor model.Actor, limit int) ([]model.ImportReport, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return nil, err
	}
	var out []model.ImportReport
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.RecentImports(ctx, max(1, min(limit, 100)))
		return err
	})
	return out, err
}

// MiddleManagers lists middle managers: in the actor's line, or everyone for hr, admin
// and executives.
func (c *Core) MiddleManagers(ctx context.Context, actor model.Actor, page model.Page) (model.List[model.Person], error) {
	if err := requireSignedIn(actor); err != nil {
		return model.List[model.Person]{}, err
	}
	f := model.PersonFilter{MiddleManagers: true, Page: page.Normalize()}
	if !actor.SeesEveryone() && !actor.Is(model.RoleExecutive) {
		if actor.Line == "" {
			return model.List[model.Person]{Page: f.Page}, nil
		}
		f.Under = actor.Line
	}
	var out model.List[model.Person]
	err := c.read(ctx, func(tx *store.Tx) error {
		items, total, err := tx.FindPeople(ctx, f)
		out = model.List[model.Person]{Items: viewAll(actor, items), Total: total, Page: f.Page}
		return err
	})
	return out, err
}

// SetMiddleManagerOverride marks a person as a middle manager or not, whatever the
// hierarchy says (nil returns them to the rule). hr and admin only.
func (c *Core) SetMiddleManagerOverride(ctx context.Context, actor model.Actor, personID int64, v *bool) error {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if err := tx.SetMiddleManagerOverride(ctx, personID, v); err != nil {
			return notFound(err, "person")
		}
		detail := "rule"
		if v != nil && *v {
			detail = "yes"
		} else if v != nil {
			detail = "no"
		}
		return audit(ctx, tx, actor, "middle_manager_override", "person", personID, detail)
	})
}

// EmployeeIndex maps every employee id to its person id, for generators and
// integrations that name people by employee id. hr and admin only.
func (c *Core) EmployeeIndex(ctx context.Context, actor model.Actor) (map[string]int64, error) {
	if err := requireRole(actor, model.RoleAdmin, model.RoleHR); err != nil {
		return nil, err
	}
	out := map[string]int64{}
	err := c.read(ctx, func(tx *store.Tx) error {
		rows, err := tx.AllPersonRows(ctx)
		for _, r := range rows {
			out[r.EmployeeID] = r.ID
		}
		return err
	})
	return out, err
}
