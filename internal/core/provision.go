package core

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strings"

	"throughline/internal/model"
	"throughline/internal/store"
)

// Provisioning keeps people and departments in step with an identity provider (SCIM 2.0).
// Users are people; groups are departments, and a group's members are the people in
// that department. Only administrators (through an API token) may provision. Every
// change goes through the same rules as a people import, and a deleted user is
// deactivated, never erased.

func requireProvisioner(actor model.Actor) error { return requireRole(actor, model.RoleAdmin) }

func provisioned(p model.Person, ext string) model.ProvisionedUser {
	given, family, _ := strings.Cut(p.Name, " ")
	return model.ProvisionedUser{ID: p.ID, ExternalID: ext, EmployeeID: p.EmployeeID, Email: p.Email, Name: p.Name,
		GivenName: given, FamilyName: family, Title: p.Title, Department: p.DepartmentName, ManagerID: p.ManagerID,
		Active: p.Active, Modified: p.UpdatedAt}
}

// ProvisionedUsers lists people for a provisioning client, optionally only the one with
// a userName (email) or externalId. start is 1-based.
func (c *Core) ProvisionedUsers(ctx context.Context, actor model.Actor, email, externalID string, start, count int) ([]model.ProvisionedUser, int, error) {
	if err := requireProvisioner(actor); err != nil {
		return nil, 0, err
	}
	var out []model.ProvisionedUser
	var total int
	err := c.read(ctx, func(tx *store.Tx) error {
		var people []model.Person
		switch {
		case email != "" || externalID != "":
			var p model.Person
			var err error
			if email != "" {
				p, err = tx.FindPersonByEmail(ctx, email)
			} else {
				p, err = tx.FindPersonByExternalID(ctx, externalID)
			}
			if errors.Is(err, store.ErrNotFound) {
				return nil
			}
			if err != nil {
				return err
			}
			people, total = []model.Person{p}, 1
		default:
			var err error
			people, total, err = tx.FindPeople(ctx, model.PersonFilter{IncludeInactive: true, Page: model.Page{Limit: max(1, min(count, model.MaxLimit)), Offset: max(0, start-1)}})
			if err != nil {
				return err
			}
		}
		ids := make([]int64, len(people))
		for i, p := range people {
			ids[i] = p.ID
		}
		exts, err := tx.ExternalIDs(ctx, ids)
		if err != nil {
			return err
		}
		for _, p := range people {
			out = append(out, provisioned(p, exts[p.ID]))
		}
		return nil
	})
	return out, total, err
}

// ProvisionedUser returns one person.
func (c *Core) ProvisionedUser(ctx context.Context, actor model.Actor, id int64) (model.ProvisionedUser, error) {
	if err := requireProvisioner(actor); err != nil {
		return model.ProvisionedUser{}, err
	}
	var out model.ProvisionedUser
	err := c.read(ctx, func(tx *store.Tx) error {
		p, err := tx.FindPersonByID(ctx, id)
		if err != nil {
			return notFound(err, "user")
		}
		exts, err := tx.ExternalIDs(ctx, []int64{id})
		out = provisioned(p, exts[id])
		return err
	})
	return out, err
}

// ProvisionUser creates a person (id 0) or replaces one, and returns them. A new person
// without an employee number gets one from the external id, or a generated one.
func (c *Core) ProvisionUser(ctx context.Context, actor model.Actor, id int64, u model.ProvisionedUser) (model.ProvisionedUser, error) {
	if err := requireProvisioner(actor); err != nil {
		return model.ProvisionedUser{}, err
	}
	u.Email = strings.TrimSpace(u.Email)
	name := strings.TrimSpace(u.Name)
	if name == "" {
		name = strings.TrimSpace(u.GivenName + " " + u.FamilyName)
	}
	if name == "" {
		name = u.Email
	}
	var in model.PersonInput
	var existing model.Person
	err := c.read(ctx, func(tx *store.Tx) error {
		if id != 0 {
			p, err := tx.FindPersonByID(ctx, id)
			if err != nil {
				return notFound(err, "user")
			}
			existing = p
		} else if u.Email != "" {
			if _, err := tx.FindPersonByEmail(ctx, u.Email); err == nil {
				return &model.Error{Code: model.CodeConflict, Message: "A user with this userName already exists."}
			} else if !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		emp := existing.EmployeeID
		if emp == "" {
			emp = strings.TrimSpace(u.EmployeeID)
		}
		if emp == "" && u.ExternalID != "" {
			emp = "ext-" + u.ExternalID
		}
		if emp == "" {
			b := make([]byte, 6)
			_, _ = rand.Read(b)
			emp = "scim-" + hex.EncodeToString(b)
		}
		mgr := ""
		if u.ManagerID != 0 {
			m, err := tx.FindPersonByID(ctx, u.ManagerID)
			if errors.Is(err, store.ErrNotFound) {
				return &model.Error{Code: model.CodeInvalid, Message: "The manager does not exist.", Fields: map[string]string{"manager": "No such user."}}
			}
			if err != nil {
				return err
			}
			mgr = m.EmployeeID
		} else if id != 0 {
			mgr = existingManager(ctx, tx, existing)
		}
		dept := u.Department
		if id != 0 && dept == "" {
			dept = existing.DepartmentName
		}
		in = model.PersonInput{EmployeeID: emp, Name: name, Email: u.Email, Title: u.Title, Department: dept,
			Location: existing.LocationName, ManagerEmployeeID: mgr, HireDate: existing.HireDate, Active: u.Active}
		return nil
	})
	if err != nil {
		return model.ProvisionedUser{}, err
	}
	pid, err := c.SavePerson(ctx, actor, in)
	if err != nil {
		return model.ProvisionedUser{}, err
	}
	if err := c.write(ctx, func(tx *store.Tx) error {
		if u.ExternalID != "" {
			if err := tx.SetExternalID(ctx, pid, u.ExternalID); err != nil {
				return conflict(err, "externalId", "Another user has this externalId.")
			}
		}
		return audit(ctx, tx, actor, "user_provisioned", "person", pid, "scim")
	}); err != nil {
		return model.ProvisionedUser{}, err
	}
	return c.ProvisionedUser(ctx, actor, pid)
}

func existingManager(ctx context.Context, tx *store.Tx, p model.Person) string {
	if p.ManagerID == 0 {
		return ""
	}
	m, err := tx.FindPersonByID(ctx, p.ManagerID)
	if err != nil {
		return ""
	}
	return m.EmployeeID
}

// DeprovisionUser deactivates a person (SCIM DELETE): their history stays, their
// account stops working.
func (c *Core) DeprovisionUser(ctx context.Context, actor model.Actor, id int64) error {
	u, err := c.ProvisionedUser(ctx, actor, id)
	if err != nil {
		return err
	}
	u.Active = false
	_, err = c.ProvisionUser(ctx, actor, id, u)
	return err
}

// ProvisionedGroups lists departments as groups, optionally only the one with a name.
func (c *Core) ProvisionedGroups(ctx context.Context, actor model.Actor, name string) ([]model.ProvisionedGroup, error) {
	if err := requireProvisioner(actor); err != nil {
		return nil, err
	}
	var out []model.ProvisionedGroup
	err := c.read(ctx, func(tx *store.Tx) error {
		depts, err := tx.FindDepartments(ctx)
		if err != nil {
			return err
		}
		for _, d := range depts {
			if name != "" && model.FoldKey(name) != model.FoldKey(d.Name) {
				continue
			}
			g, err := groupOf(ctx, tx, d)
			if err != nil {
				return err
			}
			out = append(out, g)
		}
		return nil
	})
	return out, err
}

func groupOf(ctx context.Context, tx *store.Tx, d model.Department) (model.ProvisionedGroup, error) {
	g := model.ProvisionedGroup{ID: d.ID, Name: d.Name}
	people, err := tx.FindAllPeople(ctx, model.PersonFilter{DepartmentID: d.ID})
	for _, p := range people {
		g.Members = append(g.Members, model.ProvisionedMember{ID: p.ID, Name: p.Name})
	}
	return g, err
}

// ProvisionedGroup returns one department as a group.
func (c *Core) ProvisionedGroup(ctx context.Context, actor model.Actor, id int64) (model.ProvisionedGroup, error) {
	if err := requireProvisioner(actor); err != nil {
		return model.ProvisionedGroup{}, err
	}
	var out model.ProvisionedGroup
	err := c.read(ctx, func(tx *store.Tx) error {
		d, err := tx.FindDepartmentByID(ctx, id)
		if err != nil {
			return notFound(err, "group")
		}
		out, err = groupOf(ctx, tx, d)
		return err
	})
	return out, err
}

// GroupChange changes a group: a new name, members to add or remove, or (Replace) the
// whole member list.
type GroupChange struct {
	Name    string
	Add     []int64
	Remove  []int64
	Replace bool
	Members []int64
}

// ProvisionGroup creates a department (id 0) or changes one.
func (c *Core) ProvisionGroup(ctx context.Context, actor model.Actor, id int64, ch GroupChange) (model.ProvisionedGroup, error) {
	if err := requireProvisioner(actor); err != nil {
		return model.ProvisionedGroup{}, err
	}
	err := c.write(ctx, func(tx *store.Tx) error {
		name := strings.Join(strings.Fields(ch.Name), " ")
		if id == 0 {
			if name == "" {
				return &model.Error{Code: model.CodeInvalid, Message: "A group needs a displayName.", Fields: map[string]string{"displayName": "Required."}}
			}
			if _, err := tx.EnsureDepartment(ctx, name); err != nil {
				return err
			}
			ids, err := tx.NamedIDs(ctx, "departments")
			if err != nil {
				return err
			}
			id = ids[model.FoldKey(name)]
		} else {
			if _, err := tx.FindDepartmentByID(ctx, id); err != nil {
				return notFound(err, "group")
			}
			if name != "" {
				if err := tx.RenameDepartment(ctx, id, name); err != nil {
					return conflict(err, "displayName", "Another group has this name.")
				}
			}
		}
		add := ch.Add
		remove := ch.Remove
		if ch.Replace {
			current, err := tx.FindAllPeople(ctx, model.PersonFilter{DepartmentID: id, IncludeInactive: true})
			if err != nil {
				return err
			}
			keep := map[int64]bool{}
			for _, m := range ch.Members {
				keep[m] = true
			}
			for _, p := range current {
				if !keep[p.ID] {
					remove = append(remove, p.ID)
				}
			}
			add = ch.Members
		}
		for _, pid := range add {
			if _, err := tx.FindPersonByID(ctx, pid); err != nil {
				return &model.Error{Code: model.CodeInvalid, Message: "A member does not exist.", Fields: map[string]string{"members": "No such user."}, Err: err}
			}
		}
		if err := tx.SetDepartment(ctx, add, id); err != nil {
			return err
		}
		// Removing someone from their department leaves them without one; removing
		// them from a group they are not in changes nothing.
		var leaving []int64
		if len(remove) > 0 {
			members, err := tx.FindAllPeople(ctx, model.PersonFilter{DepartmentID: id, IDs: remove, IncludeInactive: true})
			if err != nil {
				return err
			}
			for _, p := range members {
				leaving = append(leaving, p.ID)
			}
		}
		if err := tx.SetDepartment(ctx, leaving, 0); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "group_provisioned", "department", id, "scim")
	})
	if err != nil {
		return model.ProvisionedGroup{}, err
	}
	return c.ProvisionedGroup(ctx, actor, id)
}

// DeprovisionGroup deletes a department; its people stay, without a department.
func (c *Core) DeprovisionGroup(ctx context.Context, actor model.Actor, id int64) error {
	if err := requireProvisioner(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteDepartment(ctx, id); err != nil {
			return notFound(err, "group")
		}
		return audit(ctx, tx, actor, "group_deleted", "department", id, "scim")
	})
}
