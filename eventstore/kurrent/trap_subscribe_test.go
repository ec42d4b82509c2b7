package kurrent_test

import (
	"testing"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

// Traps in reading the global log: where subscriptions start, and the
// system events KurrentDB keeps in $all.

func TestTrapSubscriptionStartsAtOurPosition(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	raw := rawClient(t, srv)
	store := openStore(t, srv.ConnString())
	stored := events(3, "test.created.v1")
	_, err := store.Append(ctx, streamName("sub"), eventstore.NoStream(), stored...)
	require.NoError(t, err)

	// The bare client's zero options start at the end: stored events are
	// never delivered.
	sub, err := raw.SubscribeToAll(ctx, esdb.SubscribeToAllOptions{})
	require.NoError(t, err)
	defer sub.Close()
	live := events(1, "test.live.v1")
	_, err = store.Append(ctx, streamName("live"), eventstore.NoStream(), live...)
	require.NoError(t, err)
	var first *esdb.RecordedEvent
	for first == nil {
		ev := sub.Recv()
		require.Nil(t, ev.SubscriptionDropped)
		if ev.EventAppeared != nil && ev.EventAppeared.Event.StreamID[0] != '$' {
			first = ev.EventAppeared.Event
		}
	}
	require.Equal(t, live[0].ID, first.EventID, "the bare client skipped the stored events")

	// The adapter starts where we say, and positions are commit positions.
	got := subscribe(ctx, store, 0).next(t, ctx, 4)
	require.Equal(t, append(dataIDs(stored), live[0].ID), ids(got))
	require.Equal(t, first.Position.Commit, got[3].Position)
	require.Equal(t, first.Position.Prepare, got[3].Position, "commit and prepare positions are equal for appended events")

	rest := subscribe(ctx, store, got[1].Position).next(t, ctx, 2)
	require.Equal(t, ids(got[2:]), ids(rest), "after a position means strictly after")
}

func TestTrapSystemEventsHidden(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{SystemEventEvery: 1})
	raw := rawClient(t, srv)
	store := openStore(t, srv.ConnString())
	for range 3 {
		_, err := store.Append(ctx, streamName("user"), eventstore.NoStream(), events(1, "test.created.v1")...)
		require.NoError(t, err)
	}
	require.Equal(t, 4, srv.SystemEvents(), "settings plus one per append")

	rs, err := raw.ReadAll(ctx, esdb.ReadAllOptions{}, 100)
	require.NoError(t, err)
	defer rs.Close()
	n := 0
	for _, err := rs.Recv(); err == nil; _, err = rs.Recv() {
		n++
	}
	require.Equal(t, 7, n, "$all holds system events")

	all := readAll(t, ctx, store, 0)
	require.Len(t, all, 3)
	for _, ev := range all {
		require.NotEqual(t, byte('$'), ev.Stream[0])
	}
	require.Len(t, subscribe(ctx, store, 0).next(t, ctx, 3), 3)
}
