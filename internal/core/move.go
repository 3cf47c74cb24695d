package core

import (
	"context"
	"fmt"
	"io"

	"throughline/internal/model"
	"throughline/internal/store"
)

// ExportAll writes the whole organization — every table — as a dump that ImportAll
// reads into a database of either engine. Administrators and the command line only.
func (c *Core) ExportAll(ctx context.Context, actor model.Actor, w io.Writer) ([]store.TableSummary, error) {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return nil, err
	}
	sums, err := c.db.Dump(ctx, w)
	if err != nil {
		return nil, err
	}
	return sums, c.write(ctx, func(tx *store.Tx) error {
		return audit(ctx, tx, actor, "exported_all", "database", 0, fmt.Sprintf("%d tables", len(sums)))
	})
}

// TableCheck compares one table's count and checksum in the dump and after the load.
type TableCheck struct {
	Name           string
	DumpRows, Rows int
	DumpSHA, SHA   string
	Match          bool
}

// ImportAll loads a dump into this (empty, migrated) database, then recounts and
// re-checksums every table and compares each with the dump. Any difference is an error.
func (c *Core) ImportAll(ctx context.Context, actor model.Actor, r io.Reader) ([]TableCheck, error) {
	if err := requireRole(actor, model.RoleAdmin); err != nil {
		return nil, err
	}
	declared, err := c.db.Load(ctx, r)
	if err != nil {
		return nil, err
	}
	got, err := c.db.Checksums(ctx)
	if err != nil {
		return nil, err
	}
	byName := map[string]store.TableSummary{}
	for _, s := range got {
		byName[s.Name] = s
	}
	var checks []TableCheck
	bad := 0
	for _, d := range declared {
		g := byName[d.Name]
		ch := TableCheck{Name: d.Name, DumpRows: d.Rows, Rows: g.Rows, DumpSHA: d.SHA256, SHA: g.SHA256}
		ch.Match = ch.DumpRows == ch.Rows && ch.DumpSHA == ch.SHA
		if !ch.Match {
			bad++
		}
		checks = append(checks, ch)
	}
	if bad > 0 {
		return checks, fmt.Errorf("%w: %d table(s) differ", store.ErrChecksum, bad)
	}
	return checks, c.write(ctx, func(tx *store.Tx) error {
		return audit(ctx, tx, actor, "imported_all", "database", 0, fmt.Sprintf("%d tables", len(checks)))
	})
}
