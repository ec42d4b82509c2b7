package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
)

// concurrentAppendersRace: writers race for each next version of one stream
// with an exact expectation; exactly one wins each version, the rest are told
// the version moved.
func (s suite) concurrentAppendersRace(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	store := s.open(t)
	stream := streamName(t, "race")
	const writers, rounds = 8, 10
	wins := make([][]uint64, writers)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range uint64(rounds) {
				_, err := store.Append(ctx, stream, eventstore.Exact(v), newEvents(1, fmt.Sprintf("test.writer%d.v1", w))...)
				if err == nil {
					wins[w] = append(wins[w], v+1)
					continue
				}
				if !errors.Is(err, eventstore.ErrWrongExpectedVersion) {
					t.Errorf("writer %d: unexpected error: %v", w, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	got := readStream(t, ctx, store, stream, eventstore.ReadStreamOptions{})
	var total int
	for w, won := range wins {
		total += len(won)
		for _, v := range won {
			require.Equal(t, fmt.Sprintf("test.writer%d.v1", w), got[v-1].Type, "version %d belongs to its winner", v)
		}
	}
	require.Equal(t, rounds, total, "exactly one winner per version")
	require.Len(t, got, rounds)
}

// manyStreamsAtOnce: writers append to their own streams at the same time;
// the global log holds every event once, in an order consistent with each
// stream's own order.
func (s suite) manyStreamsAtOnce(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	store := s.open(t)
	const writers, perWriter = 16, 20
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stream := fmt.Sprintf("many-%d", w)
			for v := range uint64(perWriter) {
				if _, err := store.Append(ctx, stream, eventstore.Exact(v), newEvents(1, "test.created.v1")...); err != nil {
					t.Errorf("%s: %v", stream, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	all := readAll(t, ctx, store, 0, 0)
	require.Len(t, all, writers*perWriter)
	s.requireOrderedPositions(t, all, 1)
	next := map[string]uint64{}
	seen := map[string]bool{}
	for _, ev := range all {
		require.False(t, seen[ev.ID.String()], "event %s appears twice", ev.ID)
		seen[ev.ID.String()] = true
		next[ev.Stream]++
		require.Equal(t, next[ev.Stream], ev.Version, "%s out of order in the global log", ev.Stream)
	}
}

// subscribeWhileWriting: a live subscriber sees every event of concurrent
// writers exactly once and in global order.
func (s suite) subscribeWhileWriting(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	store := s.open(t)
	const writers, perWriter = 4, 25
	got := collect(ctx, store, 0, writers*perWriter)
	streamOf := sync.Map{} // event id -> stream it was appended to
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWriter {
				// a new stream every few events: a subscriber must always
				// be able to name the stream of what it receives
				stream := fmt.Sprintf("live-%d-%d", w, i/5)
				evs := newEvents(1, "test.created.v1")
				streamOf.Store(evs[0].ID, stream)
				if _, err := store.Append(ctx, stream, eventstore.Any(), evs...); err != nil {
					t.Errorf("writer %d: %v", w, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	evs := <-got
	require.Len(t, evs, writers*perWriter)
	s.requireOrderedPositions(t, evs, 1)
	require.Equal(t, ids(readAll(t, ctx, store, 0, 0)), ids(evs))
	for _, ev := range evs {
		want, _ := streamOf.Load(ev.ID)
		require.Equal(t, want, ev.Stream, "event at position %d carries its stream", ev.Position)
	}
}
