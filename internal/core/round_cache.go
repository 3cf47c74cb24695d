package core

import (
	"container/list"
	"sync"

	"throughline/internal/model"
)

// roundCache keeps the last few closed rounds loaded for the anonymity engine: their
// frozen groups, blocks, block tallies and questions. A closed round never changes (its
// groups and tallies are written in the transaction that closes it, answers are refused
// afterwards, and a closed round never moves to another status), so a copy is as good
// as a fresh read on every server; results pages and the home page read the same
// rounds again and again, and loading one is most of their cost. Open and scheduled
// rounds are never kept. TestRoundCacheEqualsFresh proves a kept round gives the same
// results as a fresh load.
type roundCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // of *roundData, most recently used first
	byID  map[int64]*list.Element
}

// closedRoundsKept bounds the cache: enough for a pulse's trend over its rounds. At
// 100,000 people a closed round holds some 60,000 frozen groups and 12,000 blocks'
// tallies, some 40 MiB.
const closedRoundsKept = 8

func newRoundCache(n int) *roundCache {
	return &roundCache{max: n, order: list.New(), byID: map[int64]*list.Element{}}
}

// get returns a kept round, as a copy whose names the caller may set.
func (rc *roundCache) get(r model.Round) (*roundData, bool) {
	if rc == nil || r.Status != model.RoundClosed {
		return nil, false
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	e, ok := rc.byID[r.ID]
	if !ok {
		return nil, false
	}
	rc.order.MoveToFront(e)
	d := *e.Value.(*roundData)
	d.round = r
	return &d, true
}

// put keeps a closed round.
func (rc *roundCache) put(d *roundData) {
	if rc == nil || d.round.Status != model.RoundClosed {
		return
	}
	kept := *d
	kept.names = nil
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if e, ok := rc.byID[d.round.ID]; ok {
		rc.order.MoveToFront(e)
		return
	}
	rc.byID[d.round.ID] = rc.order.PushFront(&kept)
	for rc.order.Len() > rc.max {
		last := rc.order.Back()
		rc.order.Remove(last)
		delete(rc.byID, last.Value.(*roundData).round.ID)
	}
}
