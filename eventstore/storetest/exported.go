package storetest

import (
	"context"
	"testing"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/eventstore"
)

// Helpers for backends' own tests, so each backend does not write them again.

// NewEvents returns n events of type typ with fresh ids and small payloads.
func NewEvents(n int, typ string) []eventstore.EventData { return newEvents(n, typ) }

// ReadAllEvents reads the global log after a position, failing t on error.
func ReadAllEvents(t *testing.T, ctx context.Context, s eventstore.Store, after uint64) []eventstore.RecordedEvent {
	t.Helper()
	return readAll(t, ctx, s, after, 0)
}

// IDs lists the ids of recorded events, in order.
func IDs(evs []eventstore.RecordedEvent) []uuid.UUID { return ids(evs) }

// DataIDs lists the ids of proposed events, in order.
func DataIDs(evs []eventstore.EventData) []uuid.UUID { return dataIDs(evs) }
