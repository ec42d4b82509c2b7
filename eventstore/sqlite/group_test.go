package sqlite_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
)

// TestFailingRequestsDoNotFailTheirGroup sends many appends at once, a third
// with a wrong expected version and a third reusing a stored event id in the
// middle of their events; they share commit groups with valid appends, which
// all land, while the bad ones fail alone and leave nothing behind.
func TestFailingRequestsDoNotFailTheirGroup(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := openTemp(t)
	taken := benchEvents(1)[0]
	_, err := store.Append(ctx, "taken", eventstore.NoStream(), taken)
	require.NoError(t, err)
	before := store.Stats()

	const requests = 96
	errs := make([]error, requests)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range requests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			evs, exp := benchEvents(3), eventstore.NoStream()
			switch i % 3 {
			case 1:
				exp = eventstore.Exact(7)
			case 2:
				evs[1] = taken
			}
			<-start
			_, errs[i] = store.Append(ctx, fmt.Sprintf("group-%d", i), exp, evs...)
		}()
	}
	close(start)
	wg.Wait()

	for i, err := range errs {
		switch i % 3 {
		case 0:
			require.NoError(t, err, "request %d", i)
			require.Len(t, readAllOf(t, store, fmt.Sprintf("group-%d", i)), 3)
		case 1:
			require.ErrorIs(t, err, eventstore.ErrWrongExpectedVersion, "request %d", i)
		case 2:
			require.ErrorIs(t, err, eventstore.ErrDuplicateEventID, "request %d", i)
			require.Empty(t, readAllOf(t, store, fmt.Sprintf("group-%d", i)), "request %d left nothing", i)
		}
	}
	after := store.Stats()
	require.Equal(t, int64(requests/3*3), after.Events-before.Events)
	require.Less(t, after.Groups-before.Groups, int64(requests), "the requests shared commit groups")
	t.Logf("%d requests in %d groups", requests, after.Groups-before.Groups)

	var n uint64
	for ev, err := range store.ReadAll(ctx, 0, 0) {
		require.NoError(t, err)
		n++
		require.Equal(t, n, ev.Position, "no gaps left by the undone requests")
	}
}

func readAllOf(t *testing.T, s eventstore.Store, stream string) []eventstore.RecordedEvent {
	t.Helper()
	var out []eventstore.RecordedEvent
	for ev, err := range s.ReadStream(context.Background(), stream, eventstore.ReadStreamOptions{}) {
		if err != nil {
			require.ErrorIs(t, err, eventstore.ErrStreamNotFound)
			return nil
		}
		out = append(out, ev)
	}
	return out
}
