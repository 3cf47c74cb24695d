// Package store keeps Throughline's data in SQLite or PostgreSQL. It fetches and writes
// rows; every business rule lives in core. SQL is written once with ? placeholders and
// rewritten for PostgreSQL by the dialect, the only place that knows which engine runs.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"modernc.org/sqlite"
)

// DB is a connection to the database. On SQLite it holds two pools: readers, and one
// writer connection, because SQLite allows one writer at a time and a single writer
// connection turns lock contention into an orderly queue. On PostgreSQL both are the
// same pool.
type DB struct {
	read    *sql.DB
	write   *sql.DB
	d       dialect
	path    string // the SQLite file, for backups
	display string // the URL without its password
	now     func() time.Time
}

// Engine names.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// Open connects to the database named by rawURL. A postgres:// or postgresql:// URL
// selects PostgreSQL; anything else is a SQLite file (sqlite:///abs/path, sqlite:rel/path,
// file:path or a plain path).
func Open(ctx context.Context, rawURL string) (*DB, error) {
	if IsPostgresURL(rawURL) {
		return openPostgres(ctx, rawURL)
	}
	return openSQLite(ctx, SQLitePath(rawURL))
}

// IsPostgresURL reports whether rawURL names a PostgreSQL database.
func IsPostgresURL(rawURL string) bool {
	return strings.HasPrefix(rawURL, "postgres://") || strings.HasPrefix(rawURL, "postgresql://")
}

// SQLitePath returns the file path in a SQLite database URL.
func SQLitePath(rawURL string) string {
	p := rawURL
	for _, prefix := range []string{"sqlite://", "sqlite:", "file:"} {
		if strings.HasPrefix(p, prefix) {
			p = strings.TrimPrefix(p, prefix)
			break
		}
	}
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	return p
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	if path == "" || path == ":memory:" {
		return nil, errors.New("store: SQLite needs a file path (an in-memory database cannot be shared by the reader and writer pools)")
	}
	// WAL lets readers work while the writer writes; synchronous=NORMAL in WAL mode is
	// durable across application crashes (a power loss may lose the last transactions,
	// never corrupt the file); busy_timeout makes other processes (the CLI beside a
	// running server) wait instead of failing.
	params := url.Values{}
	params.Add("_pragma", "journal_mode(WAL)")
	params.Add("_pragma", "synchronous(NORMAL)")
	params.Add("_pragma", "busy_timeout(10000)")
	params.Add("_pragma", "foreign_keys(1)")
	params.Add("_pragma", "cache_size(-32000)")
	params.Add("_pragma", "temp_store(MEMORY)")
	base := "file:" + path + "?" + params.Encode()

	// The writer begins transactions IMMEDIATE, taking the write lock at BEGIN, so a
	// transaction never fails half-way with SQLITE_BUSY when it first writes.
	write, err := sql.Open("sqlite", base+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	write.SetConnMaxIdleTime(0)
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("store: open sqlite %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", base)
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	n := max(4, runtime.NumCPU()*2)
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	read.SetConnMaxIdleTime(5 * time.Minute)
	return &DB{read: read, write: write, d: dialect{name: SQLite}, path: path, display: "sqlite:" + path, now: time.Now}, nil
}

func openPostgres(ctx context.Context, rawURL string) (*DB, error) {
	pool, err := sql.Open("pgx", rawURL)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	pool.SetMaxOpenConns(20)
	pool.SetMaxIdleConns(10)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	pool.SetConnMaxLifetime(time.Hour)
	display := rawURL
	if u, err := url.Parse(rawURL); err == nil {
		display = u.Redacted()
	}
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: connect to %s: %w", display, err)
	}
	return &DB{read: pool, write: pool, d: dialect{name: Postgres}, display: display, now: time.Now}, nil
}

// Close closes the pools.
func (db *DB) Close() error {
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// Engine is "sqlite" or "postgres".
func (db *DB) Engine() string { return db.d.name }

// String is the database URL without its password.
func (db *DB) String() string { return db.display }

// SetNow replaces the clock; tests use it to travel in time.
func (db *DB) SetNow(now func() time.Time) { db.now = now }

// Now is the store's clock.
func (db *DB) Now() time.Time { return db.now() }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.read.PingContext(ctx) }

// PoolStats are the statistics of the reader and writer pools.
func (db *DB) PoolStats() map[string]sql.DBStats {
	if db.read == db.write {
		return map[string]sql.DBStats{"main": db.read.Stats()}
	}
	return map[string]sql.DBStats{"read": db.read.Stats(), "write": db.write.Stats()}
}

// Read runs fn in a read transaction. It sees one consistent snapshot.
func (db *DB) Read(ctx context.Context, fn func(tx *Tx) error) error {
	var opts *sql.TxOptions
	if db.d.name == Postgres {
		opts = &sql.TxOptions{ReadOnly: true}
	}
	return db.run(ctx, db.read, opts, fn)
}

// Write runs fn in a write transaction and commits it when fn returns nil.
func (db *DB) Write(ctx context.Context, fn func(tx *Tx) error) error {
	return db.run(ctx, db.write, nil, fn)
}

func (db *DB) run(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, fn func(tx *Tx) error) (err error) {
	sqlTx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	tx := &Tx{tx: sqlTx, d: db.d, now: db.now().UTC()}
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = sqlTx.Rollback()
			return
		}
		if cerr := sqlTx.Commit(); cerr != nil {
			err = fmt.Errorf("store: commit: %w", cerr)
			return
		}
		for _, fn := range tx.onCommit {
			fn()
		}
	}()
	return fn(tx)
}

// Tx is a transaction. Store methods hang off it, so a use case in core composes them
// and commits or rolls back as one.
type Tx struct {
	tx       *sql.Tx
	d        dialect
	now      time.Time
	onCommit []func()
}

// OnCommit runs fn after the transaction commits, and never if it rolls back. Core uses
// it to wake the job runner when a transaction enqueued work that is due at once.
func (tx *Tx) OnCommit(fn func()) { tx.onCommit = append(tx.onCommit, fn) }

// Now is the instant the transaction began, the same for every write in it.
func (tx *Tx) Now() time.Time { return tx.now }

// Engine is "sqlite" or "postgres".
func (tx *Tx) Engine() string { return tx.d.name }

func (tx *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return tx.tx.ExecContext(ctx, tx.d.rebind(q), args...)
}

func (tx *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return tx.tx.QueryContext(ctx, tx.d.rebind(q), args...)
}

func (tx *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(ctx, tx.d.rebind(q), args...)
}

// insertID runs an INSERT … RETURNING id and returns the id.
func (tx *Tx) insertID(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := tx.queryRow(ctx, q+" RETURNING id", args...).Scan(&id)
	return id, err
}

// count runs a query returning one integer.
func (tx *Tx) count(ctx context.Context, q string, args ...any) (int, error) {
	var n int
	err := tx.queryRow(ctx, q, args...).Scan(&n)
	return n, err
}

// dialect holds everything that differs between the engines.
type dialect struct {
	name string
}

// rebind rewrites ? placeholders to $1, $2, … for PostgreSQL. It leaves question marks
// inside quoted strings and identifiers alone.
func (d dialect) rebind(q string) string {
	if d.name != Postgres || strings.IndexByte(q, '?') < 0 {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	var quote byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// skipLocked is the row-locking clause of a job claim: on PostgreSQL, concurrent
// claimers skip rows another transaction has locked instead of waiting for them. SQLite
// has one writer at a time, so it needs none.
func (d dialect) skipLocked() string {
	if d.name == Postgres {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

// keepsInsertionOrder reports whether a table's rows are stored in the order they were
// written. PostgreSQL's heap does (and each row records its writing transaction);
// SQLite's WITHOUT ROWID tables are stored in primary-key order. The answer tables
// rely on it: see ShuffleRound.
func (d dialect) keepsInsertionOrder() bool { return d.name == Postgres }

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return fmt.Sprint(n)
}

// maxParams is how many bind parameters one statement may carry on both engines
// (SQLite allows 32766, PostgreSQL 65535).
const maxParams = 32000

// isUnique reports whether err is a unique-constraint violation.
func isUnique(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == 2067 || se.Code() == 1555 // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505"
	}
	return false
}

// isForeignKey reports whether err is a foreign-key violation.
func isForeignKey(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == 787 // SQLITE_CONSTRAINT_FOREIGNKEY
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23503"
	}
	return false
}

// ErrUnique is wrapped by store errors that come from a unique-constraint violation,
// so core can turn them into a conflict with a message that names the field.
var ErrUnique = errors.New("store: unique constraint violated")

// ErrForeignKey is wrapped by store errors from a foreign-key violation.
var ErrForeignKey = errors.New("store: foreign key violated")

// ErrNotFound is returned when a row does not exist. Core turns it into model.NotFound.
var ErrNotFound = errors.New("store: not found")

// wrap classifies a driver error.
func wrap(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("store: %s: %w", op, ErrNotFound)
	case isUnique(err):
		return fmt.Errorf("store: %s: %w: %v", op, ErrUnique, err)
	case isForeignKey(err):
		return fmt.Errorf("store: %s: %w: %v", op, ErrForeignKey, err)
	}
	return fmt.Errorf("store: %s: %w", op, err)
}

// placeholders returns "?, ?, ?" with n marks.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// int64Args converts ids to query arguments.
func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// where joins conditions with AND, or returns "" when there are none.
func where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// nullInt64 maps 0 to NULL for optional foreign keys.
func nullInt64(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

// nullString maps "" to NULL.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// likePattern returns a LIKE pattern matching s anywhere, with LIKE's wildcards escaped;
// use it with ESCAPE '\'.
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}
