package core

import (
	"context"
	"errors"
	"fmt"

	"throughline/internal/model"
	"throughline/internal/store"
)

// Accounts lists accounts. Only admin manages accounts.
func (c *Core) Accounts(ctx context.Context, actor model.Actor, f model.AccountFilter) (model.List[model.Account], error) {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return model.List[model.Account]{}, err
	}
	f.Page = f.Page.Normalize()
	var out model.List[model.Account]
	err := c.read(ctx, func(tx *store.Tx) error {
		items, total, err := tx.FindAccounts(ctx, f)
		out = model.List[model.Account]{Items: items, Total: total, Page: f.Page}
		return err
	})
	return out, err
}

// Account returns one account, for admin.
func (c *Core) Account(ctx context.Context, actor model.Actor, id int64) (model.Account, error) {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return model.Account{}, err
	}
	var a model.Account
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		a, err = tx.FindAccountByID(ctx, id)
		return notFound(err, "account")
	})
	return a, err
}

// CreateAccount creates an account. When the login is a person's email and no person is
// named, the account is linked to that person.
func (c *Core) CreateAccount(ctx context.Context, actor model.Actor, in model.AccountInput) (model.Account, error) {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return model.Account{}, err
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return model.Account{}, err
	}
	var hash string
	if in.Password != "" {
		var err error
		if hash, err = c.hasher.Hash(in.Password); err != nil {
			return model.Account{}, err
		}
	}
	var a model.Account
	err := c.write(ctx, func(tx *store.Tx) error {
		if in.PersonID == 0 {
			p, err := tx.FindPersonByEmail(ctx, in.Login)
			switch {
			case err == nil:
				in.PersonID = p.ID
				if in.DisplayName == "" {
					in.DisplayName = p.Name
				}
			case !errors.Is(err, store.ErrNotFound):
				return err
			}
		} else if _, err := tx.FindPersonByID(ctx, in.PersonID); err != nil {
			return notFound(err, "person")
		}
		if in.PersonID != 0 {
			if _, err := tx.FindAccountByPersonID(ctx, in.PersonID); err == nil {
				return &model.Error{Code: model.CodeConflict, Message: "That person already has an account.",
					Fields: map[string]string{"login": "That person already has an account."}}
			}
		}
		if in.DisplayName == "" {
			in.DisplayName = in.Login
		}
		id, err := tx.CreateAccount(ctx, in, hash)
		if err != nil {
			return conflict(err, "login", "An account with that email already exists.")
		}
		if a, err = tx.FindAccountByID(ctx, id); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "account_created", "account", id, "role="+string(in.Role))
	})
	return a, err
}

// SetRole changes an account's role. The last active administrator cannot be demoted,
// so the organization never locks itself out.
func (c *Core) SetRole(ctx context.Context, actor model.Actor, accountID int64, role model.Role) error {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return err
	}
	if !role.Valid() {
		return &model.Error{Code: model.CodeInvalid, Message: "Choose a role.", Fields: map[string]string{"role": "Choose a role."}}
	}
	return c.write(ctx, func(tx *store.Tx) error {
		a, err := tx.FindAccountByID(ctx, accountID)
		if err != nil {
			return notFound(err, "account")
		}
		if a.Role == role {
			return nil
		}
		if a.Role == model.RoleAdmin {
			if err := lastAdminGuard(ctx, tx); err != nil {
				return err
			}
		}
		if err := tx.SetAccountRole(ctx, accountID, role); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "role_changed", "account", accountID, fmt.Sprintf("%s -> %s", a.Role, role))
	})
}

func lastAdminGuard(ctx context.Context, tx *store.Tx) error {
	admins, _, err := tx.FindAccounts(ctx, model.AccountFilter{Role: model.RoleAdmin, Page: model.Page{Limit: 2}})
	if err != nil {
		return err
	}
	active := 0
	for _, x := range admins {
		if x.Active {
			active++
		}
	}
	if active <= 1 {
		return &model.Error{Code: model.CodeConflict, Message: "This is the last administrator. Make someone else an administrator first."}
	}
	return nil
}

// SetPassword sets an account's password (admin, or the system from the command line),
// and ends the account's sessions.
func (c *Core) SetPassword(ctx context.Context, actor model.Actor, accountID int64, password string) error {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return err
	}
	if msg := model.PasswordProblem(password); msg != "" {
		return &model.Error{Code: model.CodeInvalid, Message: msg, Fields: map[string]string{"password": msg}}
	}
	hash, err := c.hasher.Hash(password)
	if err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if err := tx.SetPasswordHash(ctx, accountID, hash); err != nil {
			return notFound(err, "account")
		}
		if _, err := tx.DeleteSessions(ctx, accountID); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "password_set", "account", accountID, "")
	})
}

// SetAccountActive enables or disables an account; disabling ends its sessions.
func (c *Core) SetAccountActive(ctx context.Context, actor model.Actor, accountID int64, active bool) error {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return err
	}
	if actor.AccountID == accountID && !active {
		return &model.Error{Code: model.CodeConflict, Message: "You cannot disable your own account."}
	}
	return c.write(ctx, func(tx *store.Tx) error {
		a, err := tx.FindAccountByID(ctx, accountID)
		if err != nil {
			return notFound(err, "account")
		}
		if a.Role == model.RoleAdmin && !active {
			if err := lastAdminGuard(ctx, tx); err != nil {
				return err
			}
		}
		if err := tx.SetAccountActive(ctx, accountID, active); err != nil {
			return err
		}
		if !active {
			if _, err := tx.DeleteSessions(ctx, accountID); err != nil {
				return err
			}
		}
		return audit(ctx, tx, actor, "account_active", "account", accountID, fmt.Sprint(active))
	})
}

// AccountByLogin finds an account by login, for the command line.
func (c *Core) AccountByLogin(ctx context.Context, actor model.Actor, login string) (model.Account, error) {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return model.Account{}, err
	}
	var a model.Account
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		a, err = tx.FindAccountByLogin(ctx, login)
		return notFound(err, "account")
	})
	return a, err
}
