package store

import (
	"context"

	"throughline/internal/model"
)

// AuditEntry is one line of the audit log. Detail never holds private text.
type AuditEntry struct {
	ID         int64
	At         int64
	AccountID  int64
	ActorName  string
	Action     string
	TargetType string
	TargetID   int64
	Detail     string
	Address    string
}

// AppendAudit writes one audit entry.
func (tx *Tx) AppendAudit(ctx context.Context, e AuditEntry) error {
	_, err := tx.exec(ctx, `INSERT INTO audit_log (at, account_id, actor_name, action, target_type, target_id, detail, address)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, tx.now.Unix(), nullInt64(e.AccountID), e.ActorName, e.Action, e.TargetType, e.TargetID, e.Detail, e.Address)
	return wrap("append audit", err)
}

// FindAudit returns the newest audit entries.
func (tx *Tx) FindAudit(ctx context.Context, limit, offset int) ([]AuditEntry, int, error) {
	total, err := tx.count(ctx, `SELECT count(*) FROM audit_log`)
	if err != nil {
		return nil, 0, wrap("find audit", err)
	}
	rows, err := tx.query(ctx, `SELECT id, at, COALESCE(account_id, 0), actor_name, action, target_type, target_id, detail, address
		FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, 0, wrap("find audit", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.AccountID, &e.ActorName, &e.Action, &e.TargetType, &e.TargetID, &e.Detail, &e.Address); err != nil {
			return nil, 0, wrap("find audit", err)
		}
		out = append(out, e)
	}
	return out, total, wrap("find audit", rows.Err())
}

// CreateImportRecord records a finished import for the history on the admin's home.
func (tx *Tx) CreateImportRecord(ctx context.Context, r model.ImportReport, accountID int64) (int64, error) {
	id, err := tx.insertID(ctx, `INSERT INTO imports (kind, filename, account_id, by_name, rows, created, updated, unchanged, deactivated, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.Kind, r.Filename, nullInt64(accountID), r.ByName, r.Rows, r.Created, r.Updated,
		r.Unchanged, r.Deactivated, tx.now.Unix())
	return id, wrap("record import", err)
}

// RecentImports returns the newest imports.
func (tx *Tx) RecentImports(ctx context.Context, limit int) ([]model.ImportReport, error) {
	rows, err := tx.query(ctx, `SELECT id, kind, filename, by_name, rows, created, updated, unchanged, deactivated, created_at
		FROM imports ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, wrap("recent imports", err)
	}
	defer rows.Close()
	var out []model.ImportReport
	for rows.Next() {
		var r model.ImportReport
		if err := rows.Scan(&r.ID, &r.Kind, &r.Filename, &r.ByName, &r.Rows, &r.Created, &r.Updated, &r.Unchanged, &r.Deactivated, &r.CreatedAt); err != nil {
			return nil, wrap("recent imports", err)
		}
		out = append(out, r)
	}
	return out, wrap("recent imports", rows.Err())
}
