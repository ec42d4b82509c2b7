package kurrent_test

import (
	"testing"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

// Traps in how the client reports errors and expectations, shown with the
// bare client and then handled by the adapter, against the test server.

func TestTrapFromErrorLosesWrappedCode(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	raw := rawClient(t, srv)

	_, ok := esdb.FromError(nil)
	require.True(t, ok, "FromError says ok for no error")

	// The test server does not implement stream subscriptions; the client
	// wraps the coded error in fmt.Errorf("...: %w").
	_, err := raw.SubscribeToStream(ctx, "s-1", esdb.SubscribeToStreamOptions{})
	require.Error(t, err)
	fromErr, _ := esdb.FromError(err)
	require.Equal(t, esdb.ErrorCodeUnknown, fromErr.Code(), "FromError's type assertion misses the wrapped code")
	var e *esdb.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, esdb.ErrorCodeUnsupportedFeature, e.Code(), "errors.As finds it")
}

func TestTrapExpectedVersionAlwaysPassed(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	raw := rawClient(t, srv)
	store := openStore(t, srv.ConnString())
	stream := streamName("exp")
	_, err := store.Append(ctx, stream, eventstore.NoStream(), events(2, "test.created.v1")...)
	require.NoError(t, err)

	// The bare client's zero options mean Any: it appends to a stream the
	// caller believed new.
	_, err = raw.AppendToStream(ctx, stream, esdb.AppendToStreamOptions{}, esdb.EventData{EventID: uuid.New(), EventType: "test.raw.v1", Data: []byte(`{}`)})
	require.NoError(t, err)

	_, err = store.Append(ctx, stream, eventstore.NoStream(), events(1, "test.appended.v1")...)
	var wrong *eventstore.WrongExpectedVersionError
	require.ErrorAs(t, err, &wrong)
	require.Equal(t, uint64(3), wrong.Actual, "the actual version is parsed from the client's message")
	require.Equal(t, stream, wrong.Stream)

	res, err := store.Append(ctx, stream, eventstore.Exact(3), events(1, "test.appended.v1")...)
	require.NoError(t, err)
	require.Equal(t, uint64(4), res.Version, "Exact(3) is revision 2 on the wire; the new event is revision 3, version 4")
}

func TestDeletedStreamReadsAsNotFound(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	raw := rawClient(t, srv)
	store := openStore(t, srv.ConnString())
	stream := streamName("gone")
	_, err := store.Append(ctx, stream, eventstore.NoStream(), events(2, "test.created.v1")...)
	require.NoError(t, err)
	srv.Tombstone(stream)

	// The node signals deletion in trailers; the bare client turns them
	// into ErrorCodeStreamDeleted.
	rs, err := raw.ReadStream(ctx, stream, esdb.ReadStreamOptions{}, 10)
	require.NoError(t, err)
	defer rs.Close()
	_, err = rs.Recv()
	var e *esdb.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, esdb.ErrorCodeStreamDeleted, e.Code())

	var last error
	for _, err := range store.ReadStream(ctx, stream, eventstore.ReadStreamOptions{}) {
		last = err
	}
	require.ErrorIs(t, last, eventstore.ErrStreamNotFound)
	_, err = store.Append(ctx, stream, eventstore.Any(), events(1, "test.appended.v1")...)
	require.ErrorIs(t, err, eventstore.ErrStreamNotFound)
	require.Len(t, readAll(t, ctx, store, 0), 2, "the tombstone is a system event, hidden")
}

func TestUnexpectedReplyDoesNotCrash(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{UnexpectedReply: true})
	store := openStore(t, srv.ConnString())
	stream := streamName("odd")
	_, err := store.Append(ctx, stream, eventstore.NoStream(), events(1, "test.created.v1")...)
	require.NoError(t, err)

	// The bare client panics ("unreachable code") on a reply type it does
	// not know; the adapter recovers and reports the store unavailable.
	var last error
	for _, err := range store.ReadStream(ctx, stream, eventstore.ReadStreamOptions{}) {
		last = err
	}
	require.ErrorIs(t, last, eventstore.ErrUnavailable)
	require.Contains(t, last.Error(), "client failed")
}
