package store

import (
	"context"
	"errors"
	"fmt"
)

// BulkLoad runs fn with the database set for a large one-off load, such as generating
// the demo organization, and restores the usual settings when fn returns. On SQLite the
// writer connection stops waiting for the disk (synchronous=OFF) and keeps a larger page
// cache: an application crash still loses nothing committed, but a power loss during the
// load may lose or damage the load, which writes into an empty database and can be run
// again. PostgreSQL runs fn unchanged.
func (db *DB) BulkLoad(ctx context.Context, fn func() error) (err error) {
	if db.d.name != SQLite {
		return fn()
	}
	// The writer pool holds one connection, so these reach the connection that writes.
	if _, err := db.write.ExecContext(ctx, "PRAGMA synchronous = OFF"); err != nil {
		return fmt.Errorf("store: bulk load: %w", err)
	}
	if _, err := db.write.ExecContext(ctx, "PRAGMA cache_size = -131072"); err != nil {
		return fmt.Errorf("store: bulk load: %w", err)
	}
	defer func() {
		// The settings openSQLite gives every connection.
		_, e1 := db.write.ExecContext(context.WithoutCancel(ctx), "PRAGMA synchronous = NORMAL")
		_, e2 := db.write.ExecContext(context.WithoutCancel(ctx), "PRAGMA cache_size = -32000")
		if rerr := errors.Join(e1, e2); rerr != nil && err == nil {
			err = fmt.Errorf("store: bulk load: restore settings: %w", rerr)
		}
	}()
	return fn()
}
