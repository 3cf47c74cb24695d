package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations
var migrationFS embed.FS

// Migration is one embedded schema change.
type Migration struct {
	Version   int
	Name      string
	AppliedAt int64 // 0 when pending
	sql       string
}

// Pending reports whether the migration has not been applied.
func (m Migration) Pending() bool { return m.AppliedAt == 0 }

// migrationLockKey is the PostgreSQL advisory lock that serializes migrations when
// several servers start at once.
const migrationLockKey = 7_201_959_555

// loadMigrations reads the embedded files of one engine: NNNN_name.sql.
func loadMigrations(engine string) ([]Migration, error) {
	dir := path.Join("migrations", engine)
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, fmt.Errorf("store: read migrations: %w", err)
	}
	var out []Migration
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, rest, ok := strings.Cut(strings.TrimSuffix(name, ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("store: migration file %q is not named NNNN_name.sql", name)
		}
		b, err := migrationFS.ReadFile(path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: rest, sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, fmt.Errorf("store: two migrations numbered %d", out[i].Version)
		}
	}
	return out, nil
}

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at BIGINT NOT NULL
)`

// Migrations lists every embedded migration with the time it was applied, if it was.
func (db *DB) Migrations(ctx context.Context) ([]Migration, error) {
	all, err := loadMigrations(db.d.name)
	if err != nil {
		return nil, err
	}
	applied, err := db.appliedMigrations(ctx, db.read)
	if err != nil {
		return nil, err
	}
	for i := range all {
		all[i].AppliedAt = applied[all[i].Version]
	}
	return all, nil
}

func (db *DB) appliedMigrations(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (map[int]int64, error) {
	out := map[int]int64{}
	rows, err := q.QueryContext(ctx, `SELECT version, applied_at FROM schema_migrations`)
	if err != nil {
		if db.tableMissing(err) {
			return out, nil
		}
		return nil, fmt.Errorf("store: read schema_migrations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		var at int64
		if err := rows.Scan(&v, &at); err != nil {
			return nil, err
		}
		out[v] = at
	}
	return out, rows.Err()
}

func (db *DB) tableMissing(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "no such table") || strings.Contains(msg, "does not exist")
}

// Current reports whether every embedded migration has been applied.
func (db *DB) Current(ctx context.Context) (bool, error) {
	ms, err := db.Migrations(ctx)
	if err != nil {
		return false, err
	}
	for _, m := range ms {
		if m.Pending() {
			return false, nil
		}
	}
	return true, nil
}

// Migrate applies the pending migrations, each in its own transaction, and returns the
// ones it applied. On PostgreSQL it holds an advisory lock for the duration, so servers
// that start together take turns and the later ones find nothing to do. On SQLite the
// IMMEDIATE transaction on the single writer connection gives the same guarantee
// between processes.
func (db *DB) Migrate(ctx context.Context) ([]Migration, error) {
	all, err := loadMigrations(db.d.name)
	if err != nil {
		return nil, err
	}
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: migrate: %w", err)
	}
	defer conn.Close()
	if db.d.name == Postgres {
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(`+strconv.Itoa(migrationLockKey)+`)`); err != nil {
			return nil, fmt.Errorf("store: migrate: lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(`+strconv.Itoa(migrationLockKey)+`)`)
	}
	if _, err := conn.ExecContext(ctx, createMigrationsTable); err != nil {
		return nil, fmt.Errorf("store: migrate: %w", err)
	}
	var done []Migration
	for _, m := range all {
		applied, err := db.applyOne(ctx, conn, m)
		if err != nil {
			return done, err
		}
		if applied {
			m.AppliedAt = db.now().Unix()
			done = append(done, m)
		}
	}
	return done, nil
}

func (db *DB) applyOne(ctx context.Context, conn *sql.Conn, m Migration) (bool, error) {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("store: migrate %04d: begin: %w", m.Version, err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, db.d.rebind(`SELECT count(*) FROM schema_migrations WHERE version = ?`), m.Version).Scan(&n); err != nil {
		return false, fmt.Errorf("store: migrate %04d: %w", m.Version, err)
	}
	if n > 0 {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return false, fmt.Errorf("store: migration %04d_%s failed: %w", m.Version, m.Name, err)
	}
	if _, err := tx.ExecContext(ctx, db.d.rebind(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
		m.Version, m.Name, db.now().Unix()); err != nil {
		return false, fmt.Errorf("store: migrate %04d: record: %w", m.Version, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("store: migrate %04d: commit: %w", m.Version, err)
	}
	return true, nil
}

// Columns describes the schema: for each table, its columns in order. Tests use it to
// prove both engines end with the same tables and columns, and the engine move
// (export --all, import --all) uses it to copy every table.
func (db *DB) Columns(ctx context.Context) (map[string][]string, error) {
	out := map[string][]string{}
	var q string
	if db.d.name == Postgres {
		q = `SELECT table_name, column_name FROM information_schema.columns
		     WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`
	} else {
		q = `SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c
		     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, c.cid`
	}
	rows, err := db.read.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("store: columns: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var t, c string
		if err := rows.Scan(&t, &c); err != nil {
			return nil, err
		}
		out[t] = append(out[t], c)
	}
	return out, rows.Err()
}

// MigrationList lists the embedded migrations of an engine, without touching a database.
func MigrationList(engine string) ([]Migration, error) { return loadMigrations(engine) }

// MigrationsHash is a short hash of one engine's embedded migrations; test helpers name
// their template databases with it, so a changed migration builds a new template.
func MigrationsHash(engine string) (string, error) {
	ms, err := loadMigrations(engine)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, m := range ms {
		fmt.Fprintf(h, "%d %s\n%s\n", m.Version, m.Name, m.sql)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}
