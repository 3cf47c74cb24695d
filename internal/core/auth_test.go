package core_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"throughline/internal/dbtest"
	"throughline/internal/model"
	"throughline/internal/store"
)

func signIn(c interface {
	SignIn(context.Context, model.SignInInput) (string, model.Actor, error)
}, login, pw, addr string) (string, error) {
	tok, _, err := c.SignIn(context.Background(), model.SignInInput{Login: login, Password: pw, Address: addr})
	return tok, err
}

func TestSignInAndSessions(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		c := setup(t, db)
		ctx := context.Background()
		dbtest.MustActor(t, c, "dee@example.org") // sets the password

		_, errWrong := signIn(c, "dee@example.org", "wrong password!", "192.0.2.9")
		_, errUnknown := signIn(c, "nobody@example.org", "wrong password!", "192.0.2.9")
		if model.ErrorCodeOf(errWrong) != model.CodeInvalid || model.ErrorMessageOf(errWrong) != model.ErrorMessageOf(errUnknown) {
			t.Errorf("wrong password %v and unknown email %v must look the same", errWrong, errUnknown)
		}
		tok, err := signIn(c, "DEE@example.org ", dbtest.Password, "192.0.2.9")
		if err != nil {
			t.Fatalf("sign in with a differently cased email: %v", err)
		}
		actor, err := c.Authenticate(ctx, tok)
		if err != nil || actor.PersonID != dbtest.MustPerson(t, c, "E4").ID || actor.Role != model.RoleEmployee {
			t.Fatalf("authenticate: %+v %v", actor, err)
		}
		if _, err := c.Authenticate(ctx, tok+"x"); model.ErrorCodeOf(err) != model.CodeUnauthenticated {
			t.Errorf("a tampered token authenticated: %v", err)
		}
		// Sessions expire after the idle time.
		db.SetNow(func() time.Time { return time.Now().Add(13 * time.Hour) })
		if _, err := c.Authenticate(ctx, tok); model.ErrorCodeOf(err) != model.CodeUnauthenticated {
			t.Errorf("an idle session still works after 13 h: %v", err)
		}
		db.SetNow(time.Now)

		// Sign out everywhere ends every session.
		t1, _ := signIn(c, "dee@example.org", dbtest.Password, "192.0.2.9")
		t2, _ := signIn(c, "dee@example.org", dbtest.Password, "192.0.2.10")
		a1, _ := c.Authenticate(ctx, t1)
		if n, err := c.SignOutEverywhere(ctx, a1); err != nil || n < 2 {
			t.Errorf("sign out everywhere: %d sessions, %v", n, err)
		}
		for _, tk := range []string{t1, t2} {
			if _, err := c.Authenticate(ctx, tk); err == nil {
				t.Error("a session survived sign-out-everywhere")
			}
		}

		// Deactivating the person ends their sessions at once.
		t3, _ := signIn(c, "dee@example.org", dbtest.Password, "192.0.2.9")
		dbtest.MustImport(t, c, "employee_id,name,email,status\nE4,Dee Dee,dee@example.org,inactive\n")
		if _, err := c.Authenticate(ctx, t3); model.ErrorCodeOf(err) != model.CodeUnauthenticated {
			t.Errorf("a deactivated person's session still works: %v", err)
		}
	})
}

func TestSignInRateLimit(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		c := setup(t, db)
		dbtest.MustActor(t, c, "eli@example.org")
		for i := 0; i < 5; i++ {
			if _, err := signIn(c, "eli@example.org", "guess number "+string(rune('a'+i)), "198.51.100.1"); model.ErrorCodeOf(err) != model.CodeInvalid {
				t.Fatalf("attempt %d: %v", i+1, err)
			}
		}
		// Even the right password is refused now, from any address.
		if _, err := signIn(c, "eli@example.org", dbtest.Password, "198.51.100.2"); model.ErrorCodeOf(err) != model.CodeTooMany {
			t.Errorf("after 5 failures: %v, want too_many_requests", err)
		}
		// Another account is unaffected.
		dbtest.MustActor(t, c, "ivy@example.org")
		if _, err := signIn(c, "ivy@example.org", dbtest.Password, "198.51.100.2"); err != nil {
			t.Errorf("another account: %v", err)
		}
		// The window passes.
		db.SetNow(func() time.Time { return time.Now().Add(16 * time.Minute) })
		if _, err := signIn(c, "eli@example.org", dbtest.Password, "198.51.100.2"); err != nil {
			t.Errorf("after the window: %v", err)
		}
		db.SetNow(time.Now)

		// One address guessing many accounts is limited too.
		var last error
		for i := 0; i < 31; i++ {
			_, last = signIn(c, "user"+string(rune('a'+i%26))+string(rune('a'+i/26))+"@example.org", "nope nope nope", "203.0.113.7")
		}
		if model.ErrorCodeOf(last) != model.CodeTooMany {
			t.Errorf("an address after 31 failures: %v, want too_many_requests", last)
		}
	})
}

func TestAPITokens(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		c := setup(t, db)
		ctx := context.Background()
		bo := dbtest.MustActor(t, c, "bo@example.org")
		if _, _, err := c.CreateAPIToken(ctx, bo, model.APITokenInput{Name: " "}); model.FieldsOf(err)["name"] == "" {
			t.Errorf("a token without a name: %v", err)
		}
		secret, tok, err := c.CreateAPIToken(ctx, bo, model.APITokenInput{Name: "HR sync"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(secret, "tl_") || !strings.HasPrefix(secret, tok.Prefix) {
			t.Errorf("secret %q, prefix %q", secret, tok.Prefix)
		}
		a, err := c.AuthenticateToken(ctx, secret)
		if err != nil || a.AccountID != bo.AccountID || a.TokenID != tok.ID || a.Line != bo.Line {
			t.Fatalf("token actor %+v, %v", a, err)
		}
		// A token cannot mint tokens.
		if _, _, err := c.CreateAPIToken(ctx, a, model.APITokenInput{Name: "x"}); model.ErrorCodeOf(err) != model.CodeForbidden {
			t.Errorf("token creating a token: %v", err)
		}
		// Another account cannot revoke it.
		dee := dbtest.MustActor(t, c, "dee@example.org")
		if err := c.RevokeAPIToken(ctx, dee, tok.ID); model.ErrorCodeOf(err) != model.CodeNotFound {
			t.Errorf("someone else revokes the token: %v", err)
		}
		if err := c.RevokeAPIToken(ctx, bo, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := c.AuthenticateToken(ctx, secret); model.ErrorCodeOf(err) != model.CodeUnauthenticated {
			t.Errorf("a revoked token authenticated: %v", err)
		}
		secret2, _, _ := c.CreateAPIToken(ctx, bo, model.APITokenInput{Name: "short", ExpiresAt: time.Now().Add(time.Hour).Unix()})
		db.SetNow(func() time.Time { return time.Now().Add(2 * time.Hour) })
		if _, err := c.AuthenticateToken(ctx, secret2); model.ErrorCodeOf(err) != model.CodeUnauthenticated {
			t.Errorf("an expired token authenticated: %v", err)
		}
	})
}

func TestAccountsAdmin(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		c := setup(t, db)
		ctx := context.Background()
		admin := dbtest.MustAdmin(t, c)
		// The last admin cannot be demoted or disabled.
		if err := c.SetRole(ctx, admin, admin.AccountID, model.RoleEmployee); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("demoting the last admin: %v", err)
		}
		a, err := c.CreateAccount(ctx, admin, model.AccountInput{Login: "Gus@Example.org", Role: model.RoleAdmin, Password: "long enough pw"})
		if model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("a second account for Gus (he has one from the import): %v %+v", err, a)
		}
		a, err = c.CreateAccount(ctx, admin, model.AccountInput{Login: "ops@example.org", Role: model.RoleAdmin, Password: "short"})
		if model.FieldsOf(err)["password"] == "" {
			t.Errorf("a short password: %v", err)
		}
		a, err = c.CreateAccount(ctx, admin, model.AccountInput{Login: "ops@example.org", Role: model.RoleAdmin, Password: "long enough pw"})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.SetRole(ctx, admin, admin.AccountID, model.RoleHR); err != nil {
			t.Errorf("demoting one of two admins: %v", err)
		}
		if _, err := c.CreateAccount(ctx, admin, model.AccountInput{Login: "OPS@example.org", Role: model.RoleHR}); model.ErrorCodeOf(err) != model.CodeConflict {
			t.Errorf("duplicate login in another case: %v", err)
		}
		_ = a
	})
}

func TestChangePasswordEndsOtherSessions(t *testing.T) {
	dbtest.Engines(t, func(t *testing.T, db *store.DB) {
		c := setup(t, db)
		ctx := context.Background()
		dbtest.MustActor(t, c, "ivy@example.org")
		t1, _ := signIn(c, "ivy@example.org", dbtest.Password, "192.0.2.1")
		t2, _ := signIn(c, "ivy@example.org", dbtest.Password, "192.0.2.2")
		a1, _ := c.Authenticate(ctx, t1)
		if err := c.ChangePassword(ctx, a1, "wrong", "a new long password"); model.FieldsOf(err)["current_password"] == "" {
			t.Errorf("wrong current password: %v", err)
		}
		if err := c.ChangePassword(ctx, a1, dbtest.Password, "a new long password"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Authenticate(ctx, t1); err != nil {
			t.Errorf("the current session ended: %v", err)
		}
		if _, err := c.Authenticate(ctx, t2); err == nil {
			t.Error("another session survived a password change")
		}
		if _, err := signIn(c, "ivy@example.org", "a new long password", "192.0.2.1"); err != nil {
			t.Errorf("sign in with the new password: %v", err)
		}
	})
}

func TestArgon2idHashes(t *testing.T) {
	h := dbtest.FastHasher
	a, _ := h.Hash("pw one two three")
	b, _ := h.Hash("pw one two three")
	if a == b || !strings.HasPrefix(a, "$argon2id$v=19$") {
		t.Errorf("hashes %q %q: want salted PHC strings", a, b)
	}
	if !h.Verify(a, "pw one two three") || h.Verify(a, "pw one two four") || h.Verify("garbage", "x") {
		t.Error("verify is wrong")
	}
}
