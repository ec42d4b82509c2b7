package asof

import (
	"context"
	"time"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// RecordedFrom is Recorded starting from the newest snapshot in snaps (nil:
// none) whose every event was recorded by at: the views read it and replay
// only the log after it, keeping what was recorded by at. Views that are not
// in snapshots replay the whole log, as without one.
func RecordedFrom(ctx context.Context, store eventstore.Store, snaps *projections.Snapshots, at time.Time) (*readmodel.Set, error) {
	keep := func(e *projections.Event) bool { return !e.RecordedAt.After(at) }
	if snaps == nil {
		return build(ctx, store, keep)
	}
	var set *readmodel.Set
	fresh := func() []projections.Projection {
		set = readmodel.NewSet()
		return set.All()
	}
	views, res, ok, err := snaps.Restore(ctx, store, fresh, func(h projections.SnapshotHeader) bool {
		return !h.RecordedUntil.After(at)
	})
	if err != nil || !ok {
		return build(ctx, store, keep)
	}
	var restored, empty []projections.Projection
	for i, v := range views {
		if res.FromSnapshot[i] {
			restored = append(restored, v)
		} else {
			empty = append(empty, v)
		}
	}
	if err := replay(ctx, store, res.Header.Position, keep, restored); err != nil {
		return nil, err
	}
	if err := replay(ctx, store, 0, keep, empty); err != nil {
		return nil, err
	}
	return set, nil
}
