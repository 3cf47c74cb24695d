// Package core holds every use case of Throughline: who may do what (authorization and
// reporting-line scoping, decided here once), the anonymity rules, transactions and the
// audit log. It is the only caller of store; web, api, csvio and demo call core.
package core

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"
	"time"

	"throughline/internal/model"
	"throughline/internal/store"
	"throughline/internal/webhook"
)

// Core is the application. It is safe for concurrent use and keeps no state that
// correctness depends on: sessions, rate limits and jobs live in the database, so any
// number of servers can share one PostgreSQL.
type Core struct {
	db         *store.DB
	log        *slog.Logger
	sessionTTL time.Duration
	hasher     Hasher
	hooks      *webhook.Sender
	baseURL    string                     // the public URL, for absolute links in webhook events; may be ""
	jobWake    chan struct{}              // wakes this process's job runner early; latency only, never correctness
	rounds     *roundCache                // closed rounds, which never change; speed only, never correctness
	networks   snapMemo[model.OrgNetwork] // stored views decoded, checked against the database on every read
	heatmaps   snapMemo[IndexHeatmap]
	dashboards snapMemo[Dashboard]
	impacts    snapMemo[ProgramImpact]
}

// Options configure a Core.
type Options struct {
	Logger     *slog.Logger
	SessionTTL time.Duration
	Hasher     Hasher // nil: argon2id with the default parameters
	// BaseURL is the public URL (THROUGHLINE_BASE_URL). Webhook events link to pages with
	// it; without it their links are paths such as /pulses/12.
	BaseURL string
	// Webhooks configure outgoing webhook requests.
	Webhooks webhook.SenderOptions
}

// New returns a Core over db.
func New(db *store.DB, opts Options) *Core {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.SessionTTL <= 0 {
		opts.SessionTTL = 12 * time.Hour
	}
	if opts.Hasher == nil {
		opts.Hasher = DefaultHasher
	}
	return &Core{db: db, log: opts.Logger, sessionTTL: opts.SessionTTL, hasher: opts.Hasher,
		hooks: webhook.NewSender(opts.Webhooks), baseURL: strings.TrimRight(opts.BaseURL, "/"), jobWake: make(chan struct{}, 1), rounds: newRoundCache(closedRoundsKept)}
}

// DB returns the store, for the commands that manage the database itself (migrate,
// backup, health checks). Use cases never reach it from outside core.
func (c *Core) DB() *store.DB { return c.db }

// Now is the clock core and the store share.
func (c *Core) Now() time.Time { return c.db.Now() }

func (c *Core) read(ctx context.Context, fn func(tx *store.Tx) error) error {
	return c.db.Read(ctx, fn)
}

func (c *Core) write(ctx context.Context, fn func(tx *store.Tx) error) error {
	return c.db.Write(ctx, fn)
}

// notFound turns a store not-found into model.NotFound(what) and passes others through.
func notFound(err error, what string) error {
	if errors.Is(err, store.ErrNotFound) {
		return model.NotFound(what)
	}
	return err
}

// conflict turns a unique violation into a conflict naming field, and passes others through.
func conflict(err error, field, msg string) error {
	if errors.Is(err, store.ErrUnique) {
		return &model.Error{Code: model.CodeConflict, Message: msg, Fields: map[string]string{field: msg}, Err: err}
	}
	return err
}

// requireSignedIn refuses anonymous actors.
func requireSignedIn(actor model.Actor) error {
	if actor.Anonymous() && !actor.IsSystem() {
		return model.Unauthenticated()
	}
	return nil
}

// requireRole refuses actors without one of roles.
func requireRole(actor model.Actor, roles ...model.Role) error {
	if err := requireSignedIn(actor); err != nil {
		return err
	}
	if !actor.Is(roles...) {
		return model.Forbidden()
	}
	return nil
}

// audit appends an entry to the audit log within tx. detail must never contain private
// text: answers, journal entries, notes, passwords or tokens.
func audit(ctx context.Context, tx *store.Tx, actor model.Actor, action, targetType string, targetID int64, detail string) error {
	name := actor.Name
	if actor.Login != "" {
		name = actor.Login
	}
	if err := tx.AppendAudit(ctx, store.AuditEntry{
		AccountID: actor.AccountID, ActorName: name, Action: action,
		TargetType: targetType, TargetID: targetID, Detail: detail,
	}); err != nil {
		return fmt.Errorf("core: audit %s: %w", action, err)
	}
	return nil
}

// isUnder reports whether a person with this path is in the reporting line whose
// prefix is line (see model.Person.LinePrefix).
func isUnder(path, line string) bool {
	return line != "" && strings.HasPrefix(path, line)
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
