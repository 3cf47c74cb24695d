package store

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// ErrBackupUnsupported is returned by Backup on PostgreSQL, whose backups are pg_dump's job.
var ErrBackupUnsupported = errors.New("store: backup of PostgreSQL is done with pg_dump (see the README)")

// Backup writes a consistent copy of a SQLite database to path while the database stays
// in use: VACUUM INTO reads one snapshot and writes a compact new file.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.d.name != SQLite {
		return ErrBackupUnsupported
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("store: backup: %s already exists", path)
	}
	if _, err := db.read.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}
