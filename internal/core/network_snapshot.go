package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"unicode/utf8"

	"throughline/internal/model"
	"throughline/internal/store"
)

// orgNetworkSnapshot names the stored organization network. It is computed with the
// dashboard (refreshDashboard), so it is redone when the index is, by one server, at
// most IndexTTL after the last time; TestOrgNetworkSnapshotEqualsFresh proves the
// stored network equals a fresh computation. At 100,000 people and a million ties a
// fresh computation takes a fraction of a second: too long for a page.
const orgNetworkSnapshot = "org_network"

// netMemo keeps the last stored network decoded, with the instant it was computed: a
// read checks that instant in the database and decodes the body only when it changed,
// so a copy can never be older than what is stored (the version is the instant and the
// length of the stored body).
type netMemo struct {
	mu      sync.Mutex
	version store.SnapshotVersion
	net     model.OrgNetwork
}

// OrgNetwork returns the organization's collaboration network over the last twelve
// months, as last computed with the dashboard: the department × department matrix,
// silos, the strongest bridges and every middle manager's measures. Executives, hr and
// admin may read it.
func (c *Core) OrgNetwork(ctx context.Context, actor model.Actor) (model.OrgNetwork, error) {
	if err := requireRole(actor, model.RoleExecutive, model.RoleHR, model.RoleAdmin); err != nil {
		return model.OrgNetwork{}, err
	}
	if _, err := c.indexRuns(ctx); err != nil { // schedules a recompute when stale
		return model.OrgNetwork{}, err
	}
	var v store.SnapshotVersion
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		v, err = tx.SnapshotVersion(ctx, orgNetworkSnapshot)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		if _, err := c.refreshDashboard(ctx); err != nil {
			return model.OrgNetwork{}, err
		}
		return c.storedOrgNetwork(ctx, store.SnapshotVersion{})
	}
	if err != nil {
		return model.OrgNetwork{}, err
	}
	return c.storedOrgNetwork(ctx, v)
}

// storedOrgNetwork returns the stored network, from memory when its version is v.
func (c *Core) storedOrgNetwork(ctx context.Context, v store.SnapshotVersion) (model.OrgNetwork, error) {
	m := &c.network
	m.mu.Lock()
	defer m.mu.Unlock()
	if v.At != 0 && m.version == v {
		return m.net, nil
	}
	var body string
	var at int64
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		body, at, err = tx.FindSnapshot(ctx, orgNetworkSnapshot)
		return err
	})
	if err != nil {
		return model.OrgNetwork{}, err
	}
	var n model.OrgNetwork
	if err := json.Unmarshal([]byte(body), &n); err != nil {
		return model.OrgNetwork{}, fmt.Errorf("core: organization network snapshot: %w", err)
	}
	n.ComputedAt = at
	m.version, m.net = store.SnapshotVersion{At: at, Length: int64(utf8.RuneCountInString(body))}, n
	return n, nil
}
