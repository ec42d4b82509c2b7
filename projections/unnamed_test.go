package projections_test

import (
	"context"
	"iter"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/projections"
)

// unnamingStore hands out event `at` without its stream name, as a broken
// store would; the port promises every event carries its stream.
type unnamingStore struct {
	*memory.Store
	at atomic.Uint64
}

func (s *unnamingStore) ReadAll(ctx context.Context, after uint64, max int) iter.Seq2[eventstore.RecordedEvent, error] {
	return s.unname(s.Store.ReadAll(ctx, after, max))
}

func (s *unnamingStore) SubscribeAll(ctx context.Context, after uint64) iter.Seq2[eventstore.RecordedEvent, error] {
	return s.unname(s.Store.SubscribeAll(ctx, after))
}

func (s *unnamingStore) unname(events iter.Seq2[eventstore.RecordedEvent, error]) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		for rec, err := range events {
			if err == nil && rec.Position == s.at.Load() {
				rec.Stream = ""
			}
			if !yield(rec, err) {
				return
			}
		}
	}
}

// TestAnEventWithoutItsStreamFailsTheReplay: views never guess, and never
// skip; a store that breaks its promise stops the replay with a clear error.
func TestAnEventWithoutItsStreamFailsTheReplay(t *testing.T) {
	t.Parallel()
	store := &unnamingStore{Store: memory.New()}
	store.at.Store(2)
	for range 3 {
		appendPayload(t, store, lesson(), recorded())
	}
	c := &counter{name: "c"}
	_, err := projections.Replay(waitCtx(t), store, projections.ReplayOptions{}, c)
	require.ErrorContains(t, err, "event at position 2")
	require.ErrorContains(t, err, "without its stream name")
	require.Equal(t, []uint64{1}, c.positions, "nothing after the bad event is applied")
}
