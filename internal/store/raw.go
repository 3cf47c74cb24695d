package store

import (
	"context"
	"database/sql"
)

// RawQuery runs a plain SQL query, written once with ? placeholders, in the
// transaction. It exists for `throughline bench`, which times the engine's own limit
// (the same aggregate as one plain query) beside core's code paths; the application
// reads through the named store methods instead.
func (tx *Tx) RawQuery(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return tx.query(ctx, q, args...)
}

// RawExec runs a plain SQL statement, written once with ? placeholders, in the
// transaction. Like RawQuery it is for `throughline bench` only.
func (tx *Tx) RawExec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return tx.exec(ctx, q, args...)
}

// MaxParams is the most bind parameters one statement may carry on both engines
// (PostgreSQL's limit is 65,535; SQLite's 32,766).
const MaxParams = maxParams
