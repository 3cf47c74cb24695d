package store

import (
	"context"
	"database/sql"
	"errors"
)

// Settings returns every organization setting.
func (tx *Tx) Settings(ctx context.Context) (map[string]string, error) {
	rows, err := tx.query(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return nil, wrap("settings", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, wrap("settings", err)
		}
		out[k] = v
	}
	return out, wrap("settings", rows.Err())
}

// Setting returns one setting, or "" and false when it is not set.
func (tx *Tx) Setting(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := tx.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return v, err == nil, wrap("setting", err)
}

// SetSetting stores a setting.
func (tx *Tx) SetSetting(ctx context.Context, key, value string) error {
	_, err := tx.exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return wrap("set setting", err)
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
