package store

import "context"

// SaveSSOState stores a sign-in attempt under the hash of its state.
func (tx *Tx) SaveSSOState(ctx context.Context, id, nonce, verifier, next string, expires int64) error {
	_, err := tx.exec(ctx, `INSERT INTO sso_states (id, nonce, verifier, next, expires_at) VALUES (?, ?, ?, ?, ?)`, id, nonce, verifier, next, expires)
	return wrap("save sso state", err)
}

// TakeSSOState returns and deletes a sign-in attempt, so a state works once.
func (tx *Tx) TakeSSOState(ctx context.Context, id string) (nonce, verifier, next string, expires int64, err error) {
	err = tx.queryRow(ctx, `DELETE FROM sso_states WHERE id = ? RETURNING nonce, verifier, next, expires_at`, id).Scan(&nonce, &verifier, &next, &expires)
	return nonce, verifier, next, expires, wrap("take sso state", err)
}

// DeleteExpiredSSOStates removes abandoned sign-in attempts.
func (tx *Tx) DeleteExpiredSSOStates(ctx context.Context) error {
	_, err := tx.exec(ctx, `DELETE FROM sso_states WHERE expires_at <= ?`, tx.now.Unix())
	return wrap("delete sso states", err)
}
