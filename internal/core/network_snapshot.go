package core

import (
	"context"

	"throughline/internal/model"
)

// orgNetworkSnapshot names the stored organization network. It is computed with the
// dashboard (refreshDashboard), so it is redone when the index is, by one server, at
// most IndexTTL after the last time; TestIndexRunEqualsFreshComputation proves the
// stored network equals a fresh computation. At 100,000 people and a million ties a
// fresh computation takes a fraction of a second: too long for a page.
const orgNetworkSnapshot = "org_network"

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
	return c.networks.read(ctx, c, orgNetworkSnapshot, func() (model.OrgNetwork, error) {
		_, n, err := c.refreshDashboard(ctx)
		return n, err
	}, func(n *model.OrgNetwork, at int64) { n.ComputedAt = at })
}
