package kurrent_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

// Fault tests stop and restart the in-process test server on the same port.

// appendUntil retries one append (same ids, same expectation, so retries
// are idempotent) until it succeeds, collecting the errors it saw.
func appendUntil(ctx context.Context, s eventstore.Store, stream string, exp eventstore.ExpectedVersion, evs []eventstore.EventData) (eventstore.AppendResult, []error) {
	var errs []error
	for {
		res, err := s.Append(ctx, stream, exp, evs...)
		if err == nil || ctx.Err() != nil {
			return res, errs
		}
		errs = append(errs, err)
		time.Sleep(50 * time.Millisecond)
	}
}

func requireAllUnavailable(t *testing.T, errs []error) {
	t.Helper()
	for _, err := range errs {
		require.ErrorIs(t, err, eventstore.ErrUnavailable)
	}
}

func TestFaultClientReplacedAfterFailedDiscovery(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	raw := rawClient(t, srv)
	logs, logOpt := captureLog()
	store := openStore(t, srv.ConnString(), logOpt)
	ev := esdb.EventData{EventID: uuid.New(), EventType: "test.raw.v1", Data: []byte(`{}`)}
	_, err := raw.AppendToStream(ctx, "raw-1", esdb.AppendToStreamOptions{ExpectedRevision: esdb.Any{}}, ev)
	require.NoError(t, err)

	srv.Stop()
	// Keep calling through the outage, past the client's discovery budget.
	for deadline := time.Now().Add(1500 * time.Millisecond); time.Now().Before(deadline); {
		_, err = store.Append(ctx, "s-1", eventstore.Any(), events(1, "test.created.v1")...)
		require.ErrorIs(t, err, eventstore.ErrUnavailable)
		require.Contains(t, err.Error(), "append to s-1")
	}
	t.Logf("during the outage: %v", err)
	// The bare client: one failure schedules rediscovery, the next call
	// rediscovers for about a second and fails, and the client has closed
	// itself for good.
	for range 3 {
		_, err = raw.AppendToStream(ctx, "raw-1", esdb.AppendToStreamOptions{ExpectedRevision: esdb.Any{}}, ev)
		require.Error(t, err)
	}
	require.NoError(t, srv.Restart())
	_, err = raw.AppendToStream(ctx, "raw-1", esdb.AppendToStreamOptions{ExpectedRevision: esdb.Any{}}, ev)
	var e *esdb.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, esdb.ErrorCodeConnectionClosed, e.Code(), "the bare client stays closed with the server back")

	// The adapter replaces its client and carries on.
	res, errs := appendUntil(ctx, store, "s-1", eventstore.Any(), events(1, "test.created.v1"))
	require.NoError(t, ctx.Err())
	require.Equal(t, uint64(1), res.Version)
	requireAllUnavailable(t, errs)
	require.Contains(t, logs.String(), "replacing client")
}

func TestFaultSubscriptionResumesAfterRestart(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	logs, logOpt := captureLog()
	store := openStore(t, srv.ConnString(), logOpt)
	sub := subscribe(ctx, store, 0)
	stream := streamName("resume")
	before := events(5, "test.created.v1")
	for i, ev := range before {
		_, err := store.Append(ctx, stream, eventstore.Exact(uint64(i)), ev)
		require.NoError(t, err)
	}
	got := sub.next(t, ctx, 5)

	srv.Stop()
	_, err := store.Append(ctx, stream, eventstore.Exact(5), events(1, "test.lost.v1")...)
	require.ErrorIs(t, err, eventstore.ErrUnavailable)
	time.Sleep(1500 * time.Millisecond) // long enough for the client to give up discovery
	require.NoError(t, srv.Restart())

	after := events(5, "test.appended.v1")
	for i, ev := range after {
		_, errs := appendUntil(ctx, store, stream, eventstore.Exact(uint64(5+i)), []eventstore.EventData{ev})
		requireAllUnavailable(t, errs)
	}
	got = append(got, sub.next(t, ctx, 5)...)
	sub.quiet(t, 300*time.Millisecond)
	require.Equal(t, append(dataIDs(before), dataIDs(after)...), ids(got), "every event exactly once, in order")
	require.Contains(t, logs.String(), "subscription dropped, resuming")
}

func TestFaultAppendsDuringRestart(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	store := openStore(t, srv.ConnString())
	sub := subscribe(ctx, store, 0)
	stream := streamName("writer")
	const total = 30
	evs := events(total, "test.created.v1")

	var mu sync.Mutex
	var seen []error
	half, stopped, finished := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		for i, ev := range evs {
			if i == total/3 {
				close(half)
				<-stopped
			}
			_, errs := appendUntil(ctx, store, stream, eventstore.Exact(uint64(i)), []eventstore.EventData{ev})
			mu.Lock()
			seen = append(seen, errs...)
			mu.Unlock()
			time.Sleep(10 * time.Millisecond)
		}
	}()
	<-half
	srv.Stop()
	close(stopped)
	time.Sleep(1200 * time.Millisecond) // the writer keeps retrying meanwhile
	require.NoError(t, srv.Restart())
	<-finished
	require.NoError(t, ctx.Err())

	got := sub.next(t, ctx, total)
	sub.quiet(t, 300*time.Millisecond)
	require.Equal(t, dataIDs(evs), ids(got), "the subscriber sees every event exactly once")
	var read []uuid.UUID
	for ev, err := range store.ReadStream(ctx, stream, eventstore.ReadStreamOptions{}) {
		require.NoError(t, err)
		read = append(read, ev.ID)
	}
	require.Equal(t, dataIDs(evs), read, "retries wrote nothing twice")
	mu.Lock()
	defer mu.Unlock()
	require.NotEmpty(t, seen, "the outage was noticed")
	requireAllUnavailable(t, seen)
}

func TestScaleOutTwoStoresOneLog(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	a := openStore(t, srv.ConnString())
	b := openStore(t, srv.ConnString())
	subB := subscribe(ctx, b, 0)
	subA := subscribe(ctx, a, 0)

	viaA := events(1, "test.created.v1")
	resA, err := a.Append(ctx, streamName("a"), eventstore.NoStream(), viaA...)
	require.NoError(t, err)
	viaB := events(1, "test.created.v1")
	resB, err := b.Append(ctx, streamName("b"), eventstore.NoStream(), viaB...)
	require.NoError(t, err)

	want := []uuid.UUID{viaA[0].ID, viaB[0].ID}
	gotB := subB.next(t, ctx, 2)
	require.Equal(t, want, ids(gotB), "b's subscription sees a's write")
	require.Equal(t, want, ids(subA.next(t, ctx, 2)), "a's subscription sees b's write")
	require.Equal(t, []uint64{resA.Position, resB.Position}, []uint64{gotB[0].Position, gotB[1].Position})
	require.False(t, errors.Is(ctx.Err(), context.DeadlineExceeded))
}
