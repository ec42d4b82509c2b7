// Package asof builds the registers as they stood at a past date, by
// replaying part of the log into fresh views:
//
//   - Recorded: "as the ledger stood at recorded date X", every event the
//     store had committed by X (the store's recorded time). This is what a
//     reader of the ledger could have seen at X.
//   - Occurred: "as currently known for occurred date X", every event whose
//     envelope says it happened by X, including what was written down later.
//
// Recorded starts from the nearest snapshot taken by X, when given the
// runner's snapshots (RecordedFrom), and replays only the log after it;
// otherwise, and always for Occurred, the whole log is replayed (skipping
// what is outside the date), which costs about one rebuild.
package asof

import (
	"context"
	"fmt"
	"time"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// Recorded returns every view as the ledger stood at recorded time at.
func Recorded(ctx context.Context, store eventstore.Store, at time.Time) (*readmodel.Set, error) {
	return RecordedFrom(ctx, store, nil, at)
}

// Occurred returns every view as currently known for occurred time at. It
// cannot start from a snapshot: an event recorded after the snapshot may
// have occurred before at (a back-dated record), and one in the snapshot
// may have occurred after it, so the whole log is filtered.
func Occurred(ctx context.Context, store eventstore.Store, at time.Time) (*readmodel.Set, error) {
	return build(ctx, store, func(e *projections.Event) bool { return !e.Env.OccurredAt.After(at) })
}

func build(ctx context.Context, store eventstore.Store, keep func(*projections.Event) bool) (*readmodel.Set, error) {
	set := readmodel.NewSet()
	if err := replay(ctx, store, 0, keep, set.All()); err != nil {
		return nil, err
	}
	return set, nil
}

func replay(ctx context.Context, store eventstore.Store, after uint64, keep func(*projections.Event) bool, views []projections.Projection) error {
	if len(views) == 0 {
		return nil
	}
	res, err := projections.Replay(ctx, store, projections.ReplayOptions{After: after, Keep: keep}, views...)
	if err != nil {
		return fmt.Errorf("as-of replay: %w", err)
	}
	for _, v := range res.Views {
		if v.Err != nil {
			return fmt.Errorf("as-of replay: %w", v.Err)
		}
	}
	return nil
}
