package store

import (
	"context"

	"throughline/internal/model"
)

// CreateSession stores a session under the hash of its token.
func (tx *Tx) CreateSession(ctx context.Context, s model.Session) error {
	_, err := tx.exec(ctx, `INSERT INTO sessions (id, account_id, created_at, expires_at, last_seen_at, address, agent)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, s.ID, s.AccountID, s.CreatedAt, s.ExpiresAt, s.LastSeenAt, s.Address, s.Agent)
	return wrap("create session", err)
}

// FindSession returns a session, its account and the path of the account's person ("" when
// none) by the hash of the token: everything a request needs to know who acts, in one query.
func (tx *Tx) FindSession(ctx context.Context, id string) (model.Session, model.Account, string, error) {
	var s model.Session
	row := tx.queryRow(ctx, `SELECT s.id, s.account_id, s.created_at, s.expires_at, s.last_seen_at, s.address, s.agent, `+accountColumns+`,
		COALESCE(pp.path, ''), COALESCE(pp.active, TRUE)
		FROM sessions s JOIN accounts a ON a.id = s.account_id LEFT JOIN people pp ON pp.id = a.person_id WHERE s.id = ?`, id)
	var a model.Account
	var role, path string
	var personActive bool
	err := row.Scan(&s.ID, &s.AccountID, &s.CreatedAt, &s.ExpiresAt, &s.LastSeenAt, &s.Address, &s.Agent,
		&a.ID, &a.PersonID, &a.Login, &a.DisplayName, &role, &a.Active, &a.HasPassword, &a.CreatedAt, &a.LastSignInAt, &path, &personActive)
	a.Role = model.Role(role)
	a.Active = a.Active && personActive
	return s, a, path, wrap("find session", err)
}

// TouchSession extends a session: it was seen now and expires later.
func (tx *Tx) TouchSession(ctx context.Context, id string, lastSeen, expires int64) error {
	_, err := tx.exec(ctx, `UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?`, lastSeen, expires, id)
	return wrap("touch session", err)
}

// FindSessions lists an account's sessions, newest first.
func (tx *Tx) FindSessions(ctx context.Context, accountID int64) ([]model.Session, error) {
	rows, err := tx.query(ctx, `SELECT id, account_id, created_at, expires_at, last_seen_at, address, agent
		FROM sessions WHERE account_id = ? AND expires_at > ? ORDER BY last_seen_at DESC`, accountID, tx.now.Unix())
	if err != nil {
		return nil, wrap("find sessions", err)
	}
	defer rows.Close()
	var out []model.Session
	for rows.Next() {
		var s model.Session
		if err := rows.Scan(&s.ID, &s.AccountID, &s.CreatedAt, &s.ExpiresAt, &s.LastSeenAt, &s.Address, &s.Agent); err != nil {
			return nil, wrap("find sessions", err)
		}
		out = append(out, s)
	}
	return out, wrap("find sessions", rows.Err())
}

// DeleteSession removes one session.
func (tx *Tx) DeleteSession(ctx context.Context, id string) error {
	_, err := tx.exec(ctx, `DELETE FROM sessions WHERE id = ?`, id)
	return wrap("delete session", err)
}

// DeleteSessions removes every session of an account ("sign out everywhere").
func (tx *Tx) DeleteSessions(ctx context.Context, accountID int64) (int64, error) {
	res, err := tx.exec(ctx, `DELETE FROM sessions WHERE account_id = ?`, accountID)
	if err != nil {
		return 0, wrap("delete sessions", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// DeleteExpiredSessions removes sessions that expired before now.
func (tx *Tx) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	res, err := tx.exec(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, tx.now.Unix())
	if err != nil {
		return 0, wrap("delete expired sessions", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// HitRateLimit counts one event against key in a fixed window of the given length
// (seconds) and returns the count in the current window. The window restarts when the
// previous one has passed. It lives in the database so every server sees the same count.
func (tx *Tx) HitRateLimit(ctx context.Context, key string, window int64) (int, error) {
	now := tx.now.Unix()
	var n int
	err := tx.queryRow(ctx, `INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1)
		ON CONFLICT (key) DO UPDATE SET
			count = CASE WHEN rate_limits.window_start <= ? THEN 1 ELSE rate_limits.count + 1 END,
			window_start = CASE WHEN rate_limits.window_start <= ? THEN excluded.window_start ELSE rate_limits.window_start END
		RETURNING count`, key, now, now-window, now-window).Scan(&n)
	return n, wrap("hit rate limit", err)
}

// RateLimitCount returns the count in key's current window.
func (tx *Tx) RateLimitCount(ctx context.Context, key string, window int64) (int, error) {
	n, err := tx.count(ctx, `SELECT COALESCE(max(count), 0) FROM rate_limits WHERE key = ? AND window_start > ?`, key, tx.now.Unix()-window)
	return n, wrap("rate limit count", err)
}

// ResetRateLimit clears key.
func (tx *Tx) ResetRateLimit(ctx context.Context, key string) error {
	_, err := tx.exec(ctx, `DELETE FROM rate_limits WHERE key = ?`, key)
	return wrap("reset rate limit", err)
}

// DeleteStaleRateLimits removes windows that started before the given instant.
func (tx *Tx) DeleteStaleRateLimits(ctx context.Context, before int64) error {
	_, err := tx.exec(ctx, `DELETE FROM rate_limits WHERE window_start < ?`, before)
	return wrap("delete stale rate limits", err)
}
