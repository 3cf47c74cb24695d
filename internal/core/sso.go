package core

import (
	"context"
	"errors"

	"throughline/internal/model"
	"throughline/internal/store"
)

// ssoTTL is how long a single sign-on attempt may take, in seconds.
const ssoTTL = 600

// BeginSSO records a sign-in attempt: the hash of its state, its nonce and PKCE
// verifier, and where to go afterwards. It lives in the database, so the callback may
// reach any server.
func (c *Core) BeginSSO(ctx context.Context, stateHash, nonce, verifier, next string) error {
	return c.write(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteExpiredSSOStates(ctx); err != nil {
			return err
		}
		return tx.SaveSSOState(ctx, stateHash, nonce, verifier, next, tx.Now().Unix()+ssoTTL)
	})
}

// FinishSSO takes a sign-in attempt by its state hash: each works once, and not after
// ten minutes.
func (c *Core) FinishSSO(ctx context.Context, stateHash string) (nonce, verifier, next string, err error) {
	var expires int64
	err = c.write(ctx, func(tx *store.Tx) (err error) {
		nonce, verifier, next, expires, err = tx.TakeSSOState(ctx, stateHash)
		return err
	})
	if errors.Is(err, store.ErrNotFound) || (err == nil && expires <= c.Now().Unix()) {
		return "", "", "", &model.Error{Code: model.CodeInvalid, Message: "That sign-in link has expired or was already used. Please sign in again."}
	}
	return nonce, verifier, next, err
}

// SignInVerifiedEmail opens a session for the account whose login is an email address
// the identity provider verified. A person in the organization with that email and no
// account gets one (role employee, or manager when people report to them); anyone else
// is refused, and so are disabled accounts and inactive people.
func (c *Core) SignInVerifiedEmail(ctx context.Context, email, address, agent string) (string, model.Actor, error) {
	email = model.FoldKey(email)
	refused := &model.Error{Code: model.CodeForbidden, Message: "No active Throughline account uses this email address. Ask an administrator to add you."}
	var acct model.Account
	var path string
	err := c.write(ctx, func(tx *store.Tx) error {
		a, err := tx.FindAccountByLogin(ctx, email)
		switch {
		case errors.Is(err, store.ErrNotFound):
			p, err := tx.FindPersonByEmail(ctx, email)
			if errors.Is(err, store.ErrNotFound) {
				return refused
			}
			if err != nil {
				return err
			}
			if !p.Active {
				return refused
			}
			role := model.RoleEmployee
			if p.DirectReports > 0 {
				role = model.RoleManager
			}
			id, err := tx.CreateAccount(ctx, model.AccountInput{Login: p.Email, DisplayName: p.Name, Role: role, PersonID: p.ID}, "")
			if err != nil {
				return err
			}
			if a, err = tx.FindAccountByID(ctx, id); err != nil {
				return err
			}
			if err := audit(ctx, tx, model.Actor{AccountID: id, Login: p.Email}, "account_created", "account", id, "single sign-on"); err != nil {
				return err
			}
		case err != nil:
			return err
		}
		if !a.Active {
			return refused
		}
		if a.PersonID != 0 {
			p, err := tx.FindPersonByID(ctx, a.PersonID)
			if err != nil {
				return err
			}
			if !p.Active {
				return refused
			}
			path = p.Path
		}
		acct = a
		return nil
	})
	if err != nil {
		return "", model.Actor{}, err
	}
	return c.openSession(ctx, acct, path, address, agent, "sso")
}
