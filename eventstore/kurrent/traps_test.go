package kurrent_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

// Each test here shows one trap of EventStore-Client-Go v4.2.0 with the bare
// client, then that the adapter handles it. All run against the in-process
// test server.

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

func TestTrapAppendSizeCheckedBeforeSending(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	raw := rawClient(t, srv)
	store := openStore(t, srv.ConnString())

	// Within our 1 MiB of data and metadata, but over the node's 1 MiB
	// MaxAppendSize once the protobuf framing, id and type are counted.
	big := events(1, "test.big.v1")
	big[0].Data, big[0].Metadata = bytes.Repeat([]byte("x"), eventstore.MaxAppendBytes-8), nil
	require.NoError(t, eventstore.ValidateAppend("s", big))

	_, err := raw.AppendToStream(ctx, streamName("raw"), esdb.AppendToStreamOptions{ExpectedRevision: esdb.Any{}},
		esdb.EventData{EventID: big[0].ID, EventType: big[0].Type, Data: big[0].Data})
	var e *esdb.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, esdb.ErrorCodeUnknown, e.Code(), "the bare client reports the server's refusal as unknown")

	calls := srv.AppendCalls()
	_, err = store.Append(ctx, streamName("big"), eventstore.Any(), big...)
	require.ErrorIs(t, err, eventstore.ErrPayloadTooLarge)
	require.Contains(t, err.Error(), "MaxAppendSize")
	require.Equal(t, calls, srv.AppendCalls(), "refused before sending")

	// If the adapter is told a larger limit than the node has, the node's
	// refusal still comes back as our error.
	lax := openStore(t, srv.ConnString(), kurrent.WithMaxAppendSize(4<<20))
	_, err = lax.Append(ctx, streamName("big"), eventstore.Any(), big...)
	require.ErrorIs(t, err, eventstore.ErrPayloadTooLarge)
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

func TestTrapReadsBoundedByContext(t *testing.T) {
	t.Parallel()
	srv := esdbtest.Start(t, esdbtest.Options{StallReads: true})
	store := openStore(t, srv.ConnString())
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	var last error
	for _, err := range store.ReadAll(ctx, 0, 0) {
		last = err
	}
	require.ErrorIs(t, last, context.DeadlineExceeded)
	for _, err := range store.ReadStream(ctx, "s-1", eventstore.ReadStreamOptions{}) {
		last = err
	}
	require.ErrorIs(t, last, context.DeadlineExceeded)
	for _, err := range store.SubscribeAll(ctx, 0) {
		last = err
	}
	require.ErrorIs(t, last, context.DeadlineExceeded)
	require.Less(t, time.Since(start), 3*time.Second)
}

func TestMetadataContentTypeAndRecordedAt(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	raw := rawClient(t, srv)
	store := openStore(t, srv.ConnString())
	stream := streamName("meta")
	evs := events(1, "test.created.v1")
	_, err := store.Append(ctx, stream, eventstore.NoStream(), evs...)
	require.NoError(t, err)

	rs, err := raw.ReadStream(ctx, stream, esdb.ReadStreamOptions{}, 1)
	require.NoError(t, err)
	defer rs.Close()
	r, err := rs.Recv()
	require.NoError(t, err)
	require.Equal(t, "application/json", r.Event.ContentType)
	require.Equal(t, evs[0].Metadata, r.Event.UserMetadata, "our metadata is the custom metadata")
	require.Equal(t, uint64(0), r.Event.EventNumber, "KurrentDB counts revisions from 0")

	var got eventstore.RecordedEvent
	for ev, err := range store.ReadStream(ctx, stream, eventstore.ReadStreamOptions{}) {
		require.NoError(t, err)
		got = ev
	}
	require.Equal(t, uint64(1), got.Version, "we count versions from 1")
	require.Equal(t, r.Event.CreatedDate, got.RecordedAt)
	require.Equal(t, r.Event.Position.Commit, got.Position)
}

func TestConnectionStrings(t *testing.T) {
	t.Parallel()
	srv := esdbtest.Start(t, esdbtest.Options{})
	openStore(t, "kurrentdb://"+srv.Addr()+"?tls=false")
	openStore(t, "esdb://"+srv.Addr()+"?tls=false&keepAliveInterval=10000")

	ctx := testContext(t)
	for _, bad := range []string{"http://" + srv.Addr(), "esdb://:secret@" + srv.Addr(), "esdb://h1:x?tls=false"} {
		_, err := kurrent.Open(ctx, bad)
		require.ErrorIs(t, err, kurrent.ErrInvalidConnString, bad)
		require.NotContains(t, err.Error(), "secret")
	}
}

func TestOpenWithoutServerIsUnavailable(t *testing.T) {
	t.Parallel()
	srv := esdbtest.Start(t, esdbtest.Options{})
	srv.Stop()
	ctx := testContext(t)
	start := time.Now()
	_, err := kurrent.Open(ctx, srv.ConnString())
	require.ErrorIs(t, err, eventstore.ErrUnavailable)
	require.Less(t, time.Since(start), 10*time.Second)
}

func TestClosedStore(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	store := openStore(t, srv.ConnString())
	sub := subscribe(ctx, store, 0)
	require.NoError(t, store.Close())
	_, err := store.Append(ctx, "s-1", eventstore.Any(), events(1, "test.created.v1")...)
	require.ErrorIs(t, err, eventstore.ErrClosed)
	select {
	case err := <-sub.errs:
		require.True(t, errors.Is(err, eventstore.ErrClosed), "subscription ends with ErrClosed, got %v", err)
	case <-ctx.Done():
		t.Fatal("subscription did not end when the store closed")
	}
}
