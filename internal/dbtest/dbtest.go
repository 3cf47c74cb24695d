// Package dbtest gives tests a fresh, migrated database per test on each engine: SQLite
// always, and PostgreSQL when THROUGHLINE_TEST_POSTGRES holds a URL (CI sets it, and
// there PostgreSQL is required, not skipped).
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"throughline/internal/store"
)

// PostgresURL is the server tests use, from THROUGHLINE_TEST_POSTGRES ("" when unset).
func PostgresURL() string { return os.Getenv("THROUGHLINE_TEST_POSTGRES") }

// Engines runs fn as subtests "sqlite" and, when PostgreSQL is configured, "postgres",
// each with its own fresh database.
func Engines(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, engine := range EngineNames() {
		t.Run(engine, func(t *testing.T) {
			fn(t, Open(t, engine))
		})
	}
}

// EngineNames lists the engines tests run on.
func EngineNames() []string {
	if PostgresURL() != "" {
		return []string{store.SQLite, store.Postgres}
	}
	return []string{store.SQLite}
}

// Open returns a fresh migrated database on engine, closed and removed when the test ends.
func Open(t testing.TB, engine string) *store.DB {
	t.Helper()
	u := NewURL(t, engine)
	db, err := store.Open(context.Background(), u)
	if err != nil {
		t.Fatalf("dbtest: open %s: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// NewURL creates a fresh migrated database on engine and returns its URL. It is dropped
// when the test ends.
func NewURL(t testing.TB, engine string) string {
	t.Helper()
	switch engine {
	case store.SQLite:
		tmpl, err := sqliteTemplate()
		if err != nil {
			t.Fatalf("dbtest: sqlite template: %v", err)
		}
		path := filepath.Join(t.TempDir(), "test.db")
		if err := copyFile(tmpl, path); err != nil {
			t.Fatalf("dbtest: copy template: %v", err)
		}
		return path
	case store.Postgres:
		base := PostgresURL()
		if base == "" {
			t.Fatal("dbtest: THROUGHLINE_TEST_POSTGRES is not set")
		}
		tmpl, err := postgresTemplate(base)
		if err != nil {
			t.Fatalf("dbtest: postgres template: %v", err)
		}
		name := "tl_test_" + randomHex(6)
		if err := adminExec(base, createDBWithRetry(name, tmpl)); err != nil {
			t.Fatalf("dbtest: create database: %v", err)
		}
		t.Cleanup(func() {
			if err := adminExec(base, func(db *sql.DB) error {
				_, err := db.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
				return err
			}); err != nil {
				t.Logf("dbtest: drop %s: %v", name, err)
			}
		})
		return withDatabase(base, name)
	}
	t.Fatalf("dbtest: unknown engine %q", engine)
	return ""
}

var (
	sqliteOnce sync.Once
	sqlitePath string
	sqliteErr  error
)

// sqliteTemplate migrates one SQLite file per test process; each test copies it.
func sqliteTemplate() (string, error) {
	sqliteOnce.Do(func() {
		dir, err := os.MkdirTemp("", "throughline-dbtest-")
		if err != nil {
			sqliteErr = err
			return
		}
		sqlitePath = filepath.Join(dir, "template.db")
		db, err := store.Open(context.Background(), sqlitePath)
		if err != nil {
			sqliteErr = err
			return
		}
		if _, err := db.Migrate(context.Background()); err != nil {
			db.Close()
			sqliteErr = err
			return
		}
		sqliteErr = db.Close() // closing the last connection checkpoints the WAL into the file
	})
	return sqlitePath, sqliteErr
}

var (
	pgMu    sync.Mutex
	pgTmpls = map[string]string{}
)

// postgresTemplate makes (once per migration set, shared by every test process) a
// migrated template database. An advisory lock keeps concurrent test binaries from
// building it twice.
func postgresTemplate(base string) (string, error) {
	pgMu.Lock()
	defer pgMu.Unlock()
	if name, ok := pgTmpls[base]; ok {
		return name, nil
	}
	hash, err := store.MigrationsHash(store.Postgres)
	if err != nil {
		return "", err
	}
	name := "tl_tmpl_" + hash
	err = adminExec(base, func(db *sql.DB) error {
		ctx := context.Background()
		conn, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(8675309)`); err != nil {
			return err
		}
		defer conn.ExecContext(ctx, `SELECT pg_advisory_unlock(8675309)`)
		var n int
		if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM pg_database WHERE datname = $1`, name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		building := name + "_building"
		if _, err := conn.ExecContext(ctx, `DROP DATABASE IF EXISTS `+building+` WITH (FORCE)`); err != nil {
			return err
		}
		if _, err := conn.ExecContext(ctx, `CREATE DATABASE `+building); err != nil {
			return err
		}
		sdb, err := store.Open(ctx, withDatabase(base, building))
		if err != nil {
			return err
		}
		_, merr := sdb.Migrate(ctx)
		sdb.Close()
		if merr != nil {
			return merr
		}
		_, err = conn.ExecContext(ctx, `ALTER DATABASE `+building+` RENAME TO `+name)
		return err
	})
	if err != nil {
		return "", err
	}
	pgTmpls[base] = name
	return name, nil
}

func createDBWithRetry(name, tmpl string) func(db *sql.DB) error {
	return func(db *sql.DB) error {
		var err error
		for attempt := 0; attempt < 50; attempt++ {
			_, err = db.Exec(`CREATE DATABASE ` + name + ` TEMPLATE ` + tmpl)
			if err == nil || !strings.Contains(err.Error(), "being accessed by other users") {
				return err
			}
			time.Sleep(100 * time.Millisecond)
		}
		return err
	}
}

func adminExec(base string, fn func(db *sql.DB) error) error {
	db, err := sql.Open("pgx", base)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(2)
	return fn(db)
}

// withDatabase returns base with its database name replaced.
func withDatabase(base, name string) string {
	u, err := url.Parse(base)
	if err != nil {
		panic(fmt.Sprintf("dbtest: bad THROUGHLINE_TEST_POSTGRES: %v", err))
	}
	u.Path = "/" + name
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
