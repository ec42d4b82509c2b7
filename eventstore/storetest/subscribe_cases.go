package storetest

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
)

// collect ranges a subscription in the background and hands over the first
// n events, or the error that ended it.
func collect(ctx context.Context, store eventstore.Store, after uint64, n int) <-chan []eventstore.RecordedEvent {
	out := make(chan []eventstore.RecordedEvent, 1)
	go func() {
		var got []eventstore.RecordedEvent
		for ev, err := range store.SubscribeAll(ctx, after) {
			if err != nil {
				break
			}
			if got = append(got, ev); len(got) == n {
				break
			}
		}
		out <- got
	}()
	return out
}

func (s suite) subscribeCatchUpThenLive(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	store := s.open(t)
	stream := streamName(t, "sub")
	stored := newEvents(3, "test.created.v1")
	mustAppend(t, ctx, store, stream, eventstore.NoStream(), stored...)

	got := collect(ctx, store, 0, 5)
	live := newEvents(2, "test.appended.v1")
	mustAppend(t, ctx, store, stream, eventstore.Exact(3), live[0])
	mustAppend(t, ctx, store, streamName(t, "other"), eventstore.NoStream(), live[1])

	evs := <-got
	require.Equal(t, append(dataIDs(stored), dataIDs(live)...), ids(evs))
	s.requireOrderedPositions(t, evs, 1)
}

func (s suite) subscribeFromPosition(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	store := s.open(t)
	stream := streamName(t, "from")
	evs := newEvents(4, "test.created.v1")
	mustAppend(t, ctx, store, stream, eventstore.NoStream(), evs[:2]...)
	mid := mustAppend(t, ctx, store, stream, eventstore.Exact(2), evs[2])
	mustAppend(t, ctx, store, stream, eventstore.Exact(3), evs[3])

	got := <-collect(ctx, store, mid.Position, 1)
	require.Equal(t, []uuid.UUID{evs[3].ID}, ids(got), "starts after the given position")
}

func (s suite) subscribeEndsWithContext(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	store := s.open(t)
	mustAppend(t, ctx, store, streamName(t, "end"), eventstore.NoStream(), newEvents(1, "test.created.v1")...)
	subCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		var last error
		n := 0
		for _, err := range store.SubscribeAll(subCtx, 0) {
			if err != nil {
				last = err
				continue
			}
			if n++; n == 1 {
				cancel()
			}
		}
		done <- last
	}()
	select {
	case err := <-done:
		require.ErrorIs(t, err, context.Canceled)
	case <-ctx.Done():
		t.Fatal("subscription did not end when its context was cancelled")
	}
}
