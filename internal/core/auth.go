package core

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"sync"

	"throughline/internal/model"
	"throughline/internal/store"
)

// Sign-in rate limits. Failed attempts are counted per account and per client address
// in a fixed window, in the database, so every server enforces the same budget.
const (
	RateWindow          = 15 * 60 // seconds
	MaxFailuresAccount  = 5
	MaxFailuresAddress  = 30
	sessionTouchEvery   = 60 // seconds between writes that extend a session
	tokenTouchEvery     = 60
	tokenPrefix         = "tl_"
	wrongCredentialsMsg = "The email or password is incorrect."
)

// newSecret returns a random token and the hex SHA-256 of it. Only the hash is stored:
// a leaked database does not reveal usable sessions or API tokens. SHA-256 suffices (no
// slow hash) because the secrets have 256 bits of entropy.
func newSecret() (secret, hash string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("core: no randomness: " + err.Error())
	}
	secret = strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
	return secret, hashSecret(secret)
}

func hashSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

var (
	dummyOnce sync.Once
	dummyHash string
)

// SignIn checks a login and password and opens a session. It returns the session token
// to put in a cookie. A wrong email and a wrong password get the same message, and
// take about the same time, so the form does not reveal which accounts exist.
func (c *Core) SignIn(ctx context.Context, in model.SignInInput) (string, model.Actor, error) {
	login := model.FoldKey(in.Login)
	var v model.Validator
	v.Check(login != "", "login", "Enter your email.")
	v.Check(in.Password != "", "password", "Enter your password.")
	if err := v.Err(); err != nil {
		return "", model.Actor{}, err
	}
	if len(in.Password) > 1024 || len(login) > 320 {
		return "", model.Actor{}, &model.Error{Code: model.CodeInvalid, Message: wrongCredentialsMsg}
	}
	acctKey, addrKey := "signin:account:"+login, "signin:address:"+in.Address
	tooMany := &model.Error{Code: model.CodeTooMany, Message: "Too many failed sign-in attempts. Wait 15 minutes and try again, or ask an administrator to reset your password."}

	var acct model.Account
	var hash, path string
	err := c.read(ctx, func(tx *store.Tx) error {
		n, err := tx.RateLimitCount(ctx, acctKey, RateWindow)
		if err != nil {
			return err
		}
		m, err := tx.RateLimitCount(ctx, addrKey, RateWindow)
		if err != nil {
			return err
		}
		if n >= MaxFailuresAccount || (in.Address != "" && m >= MaxFailuresAddress) {
			return tooMany
		}
		acct, err = tx.FindAccountByLogin(ctx, login)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if acct.PersonID != 0 {
			p, err := tx.FindPersonByID(ctx, acct.PersonID)
			if err != nil {
				return err
			}
			path = p.Path
			acct.Active = acct.Active && p.Active
		}
		hash, err = tx.PasswordHash(ctx, acct.ID)
		return err
	})
	if err != nil {
		return "", model.Actor{}, err
	}
	ok := false
	if acct.ID != 0 && hash != "" {
		ok = c.hasher.Verify(hash, in.Password)
	} else {
		dummyOnce.Do(func() { dummyHash, _ = c.hasher.Hash("not a real password") })
		c.hasher.Verify(dummyHash, in.Password)
	}
	if !ok || !acct.Active {
		err := c.write(ctx, func(tx *store.Tx) error {
			if _, err := tx.HitRateLimit(ctx, acctKey, RateWindow); err != nil {
				return err
			}
			if in.Address != "" {
				if _, err := tx.HitRateLimit(ctx, addrKey, RateWindow); err != nil {
					return err
				}
			}
			if acct.ID != 0 {
				return audit(ctx, tx, model.Actor{AccountID: acct.ID, Login: acct.Login}, "sign_in_failed", "account", acct.ID, "")
			}
			return nil
		})
		if err != nil {
			return "", model.Actor{}, err
		}
		return "", model.Actor{}, &model.Error{Code: model.CodeInvalid, Message: wrongCredentialsMsg}
	}

	return c.openSession(ctx, acct, path, in.Address, in.Agent, "password")
}

// openSession creates a session for an account that has proven who it is, and returns
// its token. method ("password", "sso") is recorded in the audit log.
func (c *Core) openSession(ctx context.Context, acct model.Account, path, address, agent, method string) (string, model.Actor, error) {
	token, id := newSecret()
	actor := actorOf(acct, path)
	actor.SessionID = id
	err := c.write(ctx, func(tx *store.Tx) error {
		now := tx.Now().Unix()
		if err := tx.CreateSession(ctx, model.Session{
			ID: id, AccountID: acct.ID, CreatedAt: now, LastSeenAt: now,
			ExpiresAt: now + int64(c.sessionTTL.Seconds()),
			Address:   model.Clip(address, 64), Agent: model.Clip(agent, 200),
		}); err != nil {
			return err
		}
		if err := tx.ResetRateLimit(ctx, "signin:account:"+model.FoldKey(acct.Login)); err != nil {
			return err
		}
		if err := tx.TouchSignIn(ctx, acct.ID); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "sign_in", "account", acct.ID, method)
	})
	if err != nil {
		return "", model.Actor{}, err
	}
	return token, actor, nil
}

// actorOf builds the actor of an account whose person has this path.
func actorOf(a model.Account, path string) model.Actor {
	line := ""
	if a.PersonID != 0 && path != "" {
		line = path + strconv.FormatInt(a.PersonID, 10) + "/"
	}
	name := a.DisplayName
	if name == "" {
		name = a.Login
	}
	return model.Actor{AccountID: a.ID, PersonID: a.PersonID, Line: line, Role: a.Role, Name: name, Login: a.Login}
}

// Authenticate returns the actor of a session token. An unknown, expired or disabled
// session is unauthenticated. Active sessions are extended, at most once a minute.
func (c *Core) Authenticate(ctx context.Context, token string) (model.Actor, error) {
	if token == "" || len(token) > 128 {
		return model.Actor{}, model.Unauthenticated()
	}
	id := hashSecret(token)
	var s model.Session
	var a model.Account
	var path string
	err := c.read(ctx, func(tx *store.Tx) error {
		var err error
		s, a, path, err = tx.FindSession(ctx, id)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return model.Actor{}, model.Unauthenticated()
	}
	if err != nil {
		return model.Actor{}, err
	}
	now := c.Now().Unix()
	if s.ExpiresAt <= now || !a.Active {
		_ = c.write(ctx, func(tx *store.Tx) error { return tx.DeleteSession(ctx, id) })
		return model.Actor{}, model.Unauthenticated()
	}
	if now-s.LastSeenAt >= sessionTouchEvery {
		if err := c.write(ctx, func(tx *store.Tx) error {
			return tx.TouchSession(ctx, id, now, now+int64(c.sessionTTL.Seconds()))
		}); err != nil {
			return model.Actor{}, err
		}
	}
	actor := actorOf(a, path)
	actor.SessionID = id
	return actor, nil
}

// SignOut ends the actor's current session.
func (c *Core) SignOut(ctx context.Context, actor model.Actor) error {
	if actor.SessionID == "" {
		return nil
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if err := tx.DeleteSession(ctx, actor.SessionID); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "sign_out", "account", actor.AccountID, "")
	})
}

// SignOutEverywhere ends every session of the actor's account, on every device.
func (c *Core) SignOutEverywhere(ctx context.Context, actor model.Actor) (int64, error) {
	if err := requireSignedIn(actor); err != nil {
		return 0, err
	}
	var n int64
	err := c.write(ctx, func(tx *store.Tx) error {
		var err error
		if n, err = tx.DeleteSessions(ctx, actor.AccountID); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "sign_out_everywhere", "account", actor.AccountID, "")
	})
	return n, err
}

// Sessions lists the actor's open sessions, marking the current one.
func (c *Core) Sessions(ctx context.Context, actor model.Actor) ([]model.Session, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []model.Session
	err := c.read(ctx, func(tx *store.Tx) error {
		var err error
		out, err = tx.FindSessions(ctx, actor.AccountID)
		return err
	})
	for i := range out {
		out[i].Current = out[i].ID == actor.SessionID
		out[i].ID = "" // the hash stays on the server
	}
	return out, err
}

// ChangePassword changes the actor's own password after checking the current one, and
// ends their other sessions.
func (c *Core) ChangePassword(ctx context.Context, actor model.Actor, current, next string) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	var v model.Validator
	if msg := model.PasswordProblem(next); msg != "" {
		v.Add("new_password", msg)
	}
	if err := v.Err(); err != nil {
		return err
	}
	var hash string
	if err := c.read(ctx, func(tx *store.Tx) (err error) {
		hash, err = tx.PasswordHash(ctx, actor.AccountID)
		return err
	}); err != nil {
		return err
	}
	if hash == "" || !c.hasher.Verify(hash, current) {
		return &model.Error{Code: model.CodeInvalid, Message: "Please correct the highlighted fields.",
			Fields: map[string]string{"current_password": "The current password is incorrect."}}
	}
	newHash, err := c.hasher.Hash(next)
	if err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if err := tx.SetPasswordHash(ctx, actor.AccountID, newHash); err != nil {
			return err
		}
		sessions, err := tx.FindSessions(ctx, actor.AccountID)
		if err != nil {
			return err
		}
		for _, s := range sessions {
			if s.ID != actor.SessionID {
				if err := tx.DeleteSession(ctx, s.ID); err != nil {
					return err
				}
			}
		}
		return audit(ctx, tx, actor, "password_changed", "account", actor.AccountID, "")
	})
}

// CreateAPIToken creates a token for the actor's own account and returns the secret,
// which is shown once and never stored.
func (c *Core) CreateAPIToken(ctx context.Context, actor model.Actor, in model.APITokenInput) (string, model.APIToken, error) {
	if err := requireSignedIn(actor); err != nil {
		return "", model.APIToken{}, err
	}
	if actor.TokenID != 0 {
		return "", model.APIToken{}, &model.Error{Code: model.CodeForbidden, Message: "An API token cannot create other tokens; sign in to do that."}
	}
	if err := in.Validate(); err != nil {
		return "", model.APIToken{}, err
	}
	secret, hash := newSecret()
	secret = tokenPrefix + secret
	hash = hashSecret(secret)
	var tok model.APIToken
	err := c.write(ctx, func(tx *store.Tx) error {
		id, err := tx.CreateAPIToken(ctx, actor.AccountID, in, secret[:len(tokenPrefix)+6], hash)
		if err != nil {
			return err
		}
		tok = model.APIToken{ID: id, AccountID: actor.AccountID, Name: in.Name, Prefix: secret[:len(tokenPrefix)+6], CreatedAt: tx.Now().Unix(), ExpiresAt: in.ExpiresAt}
		return audit(ctx, tx, actor, "api_token_created", "api_token", id, in.Name)
	})
	return secret, tok, err
}

// APITokens lists the actor's tokens.
func (c *Core) APITokens(ctx context.Context, actor model.Actor) ([]model.APIToken, error) {
	if err := requireSignedIn(actor); err != nil {
		return nil, err
	}
	var out []model.APIToken
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.FindAPITokens(ctx, actor.AccountID)
		return err
	})
	return out, err
}

// RevokeAPIToken revokes one of the actor's tokens.
func (c *Core) RevokeAPIToken(ctx context.Context, actor model.Actor, id int64) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	return c.write(ctx, func(tx *store.Tx) error {
		if err := tx.RevokeAPIToken(ctx, actor.AccountID, id); err != nil {
			return notFound(err, "API token")
		}
		return audit(ctx, tx, actor, "api_token_revoked", "api_token", id, "")
	})
}

// AuthenticateToken returns the actor of an API token ("tl_…").
func (c *Core) AuthenticateToken(ctx context.Context, secret string) (model.Actor, error) {
	if !strings.HasPrefix(secret, tokenPrefix) || len(secret) > 128 {
		return model.Actor{}, model.Unauthenticated()
	}
	hash := hashSecret(secret)
	var t model.APIToken
	var a model.Account
	var path string
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		t, a, path, err = tx.FindAPITokenByHash(ctx, hash)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return model.Actor{}, model.Unauthenticated()
	}
	if err != nil {
		return model.Actor{}, err
	}
	now := c.Now().Unix()
	if t.RevokedAt != 0 || (t.ExpiresAt != 0 && t.ExpiresAt <= now) || !a.Active {
		return model.Actor{}, model.Unauthenticated()
	}
	if now-t.LastUsedAt >= tokenTouchEvery {
		if err := c.write(ctx, func(tx *store.Tx) error { return tx.TouchAPIToken(ctx, t.ID) }); err != nil {
			return model.Actor{}, err
		}
	}
	actor := actorOf(a, path)
	actor.TokenID = t.ID
	return actor, nil
}

// PurgeExpired removes expired sessions, stale rate-limit windows, and webhook
// deliveries that finished more than 90 days ago.
func (c *Core) PurgeExpired(ctx context.Context) error {
	return c.write(ctx, func(tx *store.Tx) error {
		if _, err := tx.DeleteExpiredSessions(ctx); err != nil {
			return err
		}
		if err := tx.DeleteStaleRateLimits(ctx, tx.Now().Unix()-RateWindow); err != nil {
			return err
		}
		return purgeWebhookLog(ctx, tx)
	})
}
