// Package asof builds the registers as they stood at a past date, by
// replaying part of the log into fresh views:
//
//   - Recorded: "as the ledger stood at recorded date X", every event the
//     store had committed by X (the store's recorded time). This is what a
//     reader of the ledger could have seen at X.
//   - Occurred: "as currently known for occurred date X", every event whose
//     envelope says it happened by X, including what was written down later.
//
// Both replay the whole log (skipping what is outside the date), so they cost
// about one rebuild; they are meant for on-request reviews, not hot paths.
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
	return build(ctx, store, func(e *projections.Event) bool { return !e.RecordedAt.After(at) })
}

// Occurred returns every view as currently known for occurred time at.
func Occurred(ctx context.Context, store eventstore.Store, at time.Time) (*readmodel.Set, error) {
	return build(ctx, store, func(e *projections.Event) bool { return !e.Env.OccurredAt.After(at) })
}

func build(ctx context.Context, store eventstore.Store, keep func(*projections.Event) bool) (*readmodel.Set, error) {
	set := readmodel.NewSet()
	res, err := projections.Replay(ctx, store, projections.ReplayOptions{Keep: keep}, set.All()...)
	if err != nil {
		return nil, fmt.Errorf("as-of replay: %w", err)
	}
	for _, v := range res.Views {
		if v.Err != nil {
			return nil, fmt.Errorf("as-of replay: %w", v.Err)
		}
	}
	return set, nil
}
