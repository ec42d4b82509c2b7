package kurrent_test

import (
	"testing"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

// The client gives a nil event id a random one; the adapter never sends one.

func TestTrapEventIDsAlwaysPassed(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	raw := rawClient(t, srv)
	store := openStore(t, srv.ConnString())

	// The bare client gives a nil id a random one: a retry is a duplicate.
	rawStream := streamName("raw")
	noID := esdb.EventData{EventType: "test.raw.v1", Data: []byte(`{}`)}
	for range 2 {
		_, err := raw.AppendToStream(ctx, rawStream, esdb.AppendToStreamOptions{ExpectedRevision: esdb.Any{}}, noID)
		require.NoError(t, err)
	}
	rs, err := raw.ReadStream(ctx, rawStream, esdb.ReadStreamOptions{}, 10)
	require.NoError(t, err)
	defer rs.Close()
	n := 0
	for _, err := rs.Recv(); err == nil; _, err = rs.Recv() {
		n++
	}
	require.Equal(t, 2, n, "the bare client wrote the 'same' event twice")

	// The adapter refuses a nil id before sending, and sends ours.
	calls := srv.AppendCalls()
	bad := events(1, "test.created.v1")
	bad[0].ID = uuid.Nil
	_, err = store.Append(ctx, streamName("nil"), eventstore.Any(), bad...)
	require.ErrorIs(t, err, eventstore.ErrInvalidEventID)
	require.Equal(t, calls, srv.AppendCalls(), "nothing was sent")

	stream := streamName("ids")
	evs := events(2, "test.created.v1")
	first, err := store.Append(ctx, stream, eventstore.Any(), evs...)
	require.NoError(t, err)
	again, err := store.Append(ctx, stream, eventstore.Any(), evs...)
	require.NoError(t, err)
	require.Equal(t, first, again)
	var got []uuid.UUID
	for ev, err := range store.ReadStream(ctx, stream, eventstore.ReadStreamOptions{}) {
		require.NoError(t, err)
		got = append(got, ev.ID)
	}
	require.Equal(t, dataIDs(evs), got)
}
