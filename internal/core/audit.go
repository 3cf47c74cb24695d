package core

import (
	"context"

	"throughline/internal/model"
	"throughline/internal/store"
)

// AuditEntry is one line of the audit log: who did what to what, and when. It never
// holds private text (answers, journal entries, notes), only what happened.
type AuditEntry = store.AuditEntry

// AuditLog lists the newest audit entries, for administrators.
func (c *Core) AuditLog(ctx context.Context, actor model.Actor, page model.Page) (model.List[AuditEntry], error) {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return model.List[AuditEntry]{}, err
	}
	page = page.Normalize()
	var out model.List[AuditEntry]
	err := c.read(ctx, func(tx *store.Tx) error {
		items, total, err := tx.FindAudit(ctx, page.Limit, page.Offset)
		out = model.List[AuditEntry]{Items: items, Total: total, Page: page}
		return err
	})
	return out, err
}

// ExportAuditLog returns the whole audit log, newest first, and records the export.
func (c *Core) ExportAuditLog(ctx context.Context, actor model.Actor) ([]AuditEntry, error) {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return nil, err
	}
	var out []AuditEntry
	err := c.write(ctx, func(tx *store.Tx) error {
		for offset := 0; ; offset += 5000 {
			items, total, err := tx.FindAudit(ctx, 5000, offset)
			if err != nil {
				return err
			}
			out = append(out, items...)
			if offset+5000 >= total {
				break
			}
		}
		return audit(ctx, tx, actor, "audit_exported", "audit", 0, "")
	})
	return out, err
}
