package kurrent_test

import (
	"testing"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

func TestPositionsAreCheckedAgainstTheLog(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	raw := rawClient(t, srv)
	store := openStore(t, srv.ConnString())
	evs := events(3, "test.created.v1")
	res, err := store.Append(ctx, streamName("pos"), eventstore.NoStream(), evs...)
	require.NoError(t, err)
	all := readAll(t, ctx, store, 0)
	require.Len(t, all, len(evs))
	inside := all[0].Position + 1 // inside the first record

	// The trap: the node refuses a position inside a record, every time.
	sub, err := raw.SubscribeToAll(ctx, esdb.SubscribeToAllOptions{From: esdb.Position{Commit: inside, Prepare: inside}})
	if err == nil {
		ev := sub.Recv()
		require.NotNil(t, ev.SubscriptionDropped, "the node drops a subscription from inside a record")
		_ = sub.Close()
	}

	for _, tc := range []struct {
		name  string
		after uint64
		valid bool
	}{
		{"an event's position", all[0].Position, true},
		{"the last event's", res.Position, true},
		{"inside a record", inside, false},
		{"beyond the end", res.Position + 1_000_000, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var last error
			for _, err := range store.ReadAll(ctx, tc.after, 0) {
				last = err
			}
			calls := srv.ReadCalls()
			start := time.Now()
			var subErr error
			if !tc.valid {
				for _, err := range store.SubscribeAll(ctx, tc.after) {
					subErr = err
					break
				}
			}
			if tc.valid {
				require.NoError(t, last)
				return
			}
			require.ErrorIs(t, last, eventstore.ErrInvalidPosition)
			require.ErrorIs(t, subErr, eventstore.ErrInvalidPosition, "the subscription ends at once, no resubscribe loop")
			require.LessOrEqual(t, srv.ReadCalls()-calls, int64(1), "one look at the log, nothing more")
			require.Less(t, time.Since(start), time.Second)
		})
	}
}

// A resume the node refuses as an invalid position ends the subscription
// with ErrInvalidPosition instead of resubscribing for ever.
func TestARefusedResumeEndsTheSubscription(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	store := openStore(t, srv.ConnString())
	sub := subscribe(ctx, store, 0)
	evs := events(2, "test.created.v1")
	_, err := store.Append(ctx, streamName("resume"), eventstore.NoStream(), evs...)
	require.NoError(t, err)
	require.Equal(t, dataIDs(evs), ids(sub.next(t, ctx, len(evs))))

	srv.RefuseResume()
	srv.Stop()
	require.NoError(t, srv.Restart())
	select {
	case err := <-sub.errs:
		require.ErrorIs(t, err, eventstore.ErrInvalidPosition)
	case <-time.After(10 * time.Second):
		t.Fatalf("the subscription kept resubscribing: %d read calls", srv.ReadCalls())
	}
	calls := srv.ReadCalls()
	time.Sleep(300 * time.Millisecond)
	require.Equal(t, calls, srv.ReadCalls(), "and stopped asking")
}

// A subscription from a position, opened while the node is down, waits for
// it like any resume: the position check is retried, not fatal.
func TestAPositionCheckWaitsForTheNode(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	store := openStore(t, srv.ConnString())
	res, err := store.Append(ctx, streamName("down"), eventstore.NoStream(), events(1, "test.created.v1")...)
	require.NoError(t, err)

	srv.Stop()
	sub := subscribe(ctx, store, res.Position)
	time.Sleep(300 * time.Millisecond)
	require.NoError(t, srv.Restart())
	later := events(2, "test.created.v1")
	_, errs := appendUntil(ctx, store, streamName("up"), eventstore.NoStream(), later)
	requireAllUnavailable(t, errs)
	require.Equal(t, dataIDs(later), ids(sub.next(t, ctx, len(later))))
}
