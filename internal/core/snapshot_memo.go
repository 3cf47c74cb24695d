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

// snapMemo keeps stored views (analytics_snapshots) decoded, each with the version it
// was decoded from. A read checks the stored version in the database, a one-row query,
// and decodes the body again only when it changed, so a copy can never be older than
// what is stored; the version is the instant of the computation and the length of the
// body. Speed only, never correctness: several servers each keep their own copies.
// A value read is shared with every other reader of the same version: callers read it
// and never change it.
type snapMemo[T any] struct {
	mu     sync.Mutex
	byName map[string]snapEntry[T]
}

type snapEntry[T any] struct {
	version store.SnapshotVersion
	value   T
}

// read returns the stored view name, decoded; when none is stored yet, fresh computes
// (and stores) it. setAt receives the instant it was computed.
func (m *snapMemo[T]) read(ctx context.Context, c *Core, name string, fresh func() (T, error), setAt ...func(*T, int64)) (T, error) {
	var zero T
	var v store.SnapshotVersion
	err := c.read(ctx, func(tx *store.Tx) (err error) {
		v, err = tx.SnapshotVersion(ctx, name)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return fresh()
	}
	if err != nil {
		return zero, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.byName[name]; ok && e.version == v {
		return e.value, nil
	}
	var body string
	var at int64
	err = c.read(ctx, func(tx *store.Tx) (err error) {
		body, at, err = tx.FindSnapshot(ctx, name)
		return err
	})
	if err != nil {
		return zero, err
	}
	var out T
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		return zero, fmt.Errorf("core: snapshot %s: %w", name, err)
	}
	for _, f := range setAt {
		f(&out, at)
	}
	if m.byName == nil {
		m.byName = map[string]snapEntry[T]{}
	}
	m.byName[name] = snapEntry[T]{version: store.SnapshotVersion{At: at, Length: int64(utf8.RuneCountInString(body))}, value: out}
	return out, nil
}

// saveSnapshot stores a view.
func (c *Core) saveSnapshot(ctx context.Context, name string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("core: snapshot %s: %w", name, err)
	}
	return c.write(ctx, func(tx *store.Tx) error { return tx.SaveSnapshot(ctx, name, string(b)) })
}

func heatmapSnapshot(by model.IndexGroupBy) string { return "index_heatmap:" + string(by) }

// refreshIndexHeatmaps computes the heatmaps by department, location and level from the
// stored index, stores them and returns them. TestIndexRunEqualsFreshComputation proves a stored
// heatmap equals a fresh one.
func (c *Core) refreshIndexHeatmaps(ctx context.Context) (map[model.IndexGroupBy]IndexHeatmap, error) {
	out := map[model.IndexGroupBy]IndexHeatmap{}
	for _, by := range []model.IndexGroupBy{model.IndexByDepartment, model.IndexByLocation, model.IndexByLevel} {
		h, err := c.ComputeIndexHeatmap(ctx, model.System, by)
		if err != nil {
			return nil, err
		}
		if err := c.saveSnapshot(ctx, heatmapSnapshot(by), h); err != nil {
			return nil, err
		}
		out[by] = h
	}
	return out, nil
}
