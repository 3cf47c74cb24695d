package store

import (
	"context"

	"throughline/internal/model"
)

const tokenColumns = `t.id, t.account_id, t.name, t.prefix, t.created_at, t.last_used_at, t.expires_at, t.revoked_at`

func scanToken(s interface{ Scan(...any) error }) (model.APIToken, error) {
	var t model.APIToken
	err := s.Scan(&t.ID, &t.AccountID, &t.Name, &t.Prefix, &t.CreatedAt, &t.LastUsedAt, &t.ExpiresAt, &t.RevokedAt)
	return t, err
}

// CreateAPIToken stores a token by the hash of its secret.
func (tx *Tx) CreateAPIToken(ctx context.Context, accountID int64, in model.APITokenInput, prefix, hash string) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO api_tokens (account_id, name, prefix, token_hash, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?)`, accountID, in.Name, prefix, hash, tx.now.Unix(), in.ExpiresAt)
	return id, wrap("create token", err)
}

// FindAPITokenByHash returns a token, its account and the path of the account's person by
// the hash of the secret.
func (tx *Tx) FindAPITokenByHash(ctx context.Context, hash string) (model.APIToken, model.Account, string, error) {
	row := tx.queryRow(ctx, `SELECT `+tokenColumns+`, `+accountColumns+`, COALESCE(pp.path, ''), COALESCE(pp.active, TRUE)
		FROM api_tokens t JOIN accounts a ON a.id = t.account_id LEFT JOIN people pp ON pp.id = a.person_id WHERE t.token_hash = ?`, hash)
	var t model.APIToken
	var a model.Account
	var role, path string
	var personActive bool
	err := row.Scan(&t.ID, &t.AccountID, &t.Name, &t.Prefix, &t.CreatedAt, &t.LastUsedAt, &t.ExpiresAt, &t.RevokedAt,
		&a.ID, &a.PersonID, &a.Login, &a.DisplayName, &role, &a.Active, &a.HasPassword, &a.CreatedAt, &a.LastSignInAt, &path, &personActive)
	a.Role = model.Role(role)
	a.Active = a.Active && personActive
	return t, a, path, wrap("find token", err)
}

// FindAPITokens lists an account's tokens, newest first.
func (tx *Tx) FindAPITokens(ctx context.Context, accountID int64) ([]model.APIToken, error) {
	rows, err := tx.query(ctx, `SELECT `+tokenColumns+` FROM api_tokens t WHERE t.account_id = ? ORDER BY t.id DESC`, accountID)
	if err != nil {
		return nil, wrap("find tokens", err)
	}
	defer rows.Close()
	var out []model.APIToken
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, wrap("find tokens", err)
		}
		out = append(out, t)
	}
	return out, wrap("find tokens", rows.Err())
}

// TouchAPIToken records a use of a token.
func (tx *Tx) TouchAPIToken(ctx context.Context, id int64) error {
	_, err := tx.exec(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, tx.now.Unix(), id)
	return wrap("touch token", err)
}

// RevokeAPIToken revokes a token of an account.
func (tx *Tx) RevokeAPIToken(ctx context.Context, accountID, id int64) error {
	res, err := tx.exec(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at = 0`, tx.now.Unix(), id, accountID)
	if err != nil {
		return wrap("revoke token", err)
	}
	return mustAffect(res, "revoke token")
}
