package audit

import (
	"context"
	"fmt"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/projections"
)

// Load reads the full event at position from the store (payload included),
// for a reader opening one entry of the trail.
func Load(ctx context.Context, store eventstore.Store, position uint64) (projections.Event, error) {
	if position == 0 {
		return projections.Event{}, fmt.Errorf("load event: position 0: %w", eventstore.ErrStreamNotFound)
	}
	for rec, err := range store.ReadAll(ctx, position-1, 1) {
		if err != nil {
			return projections.Event{}, fmt.Errorf("load event %d: %w", position, err)
		}
		if rec.Position != position {
			break
		}
		return projections.Decode(&rec)
	}
	return projections.Event{}, fmt.Errorf("load event %d: %w", position, eventstore.ErrStreamNotFound)
}
