package kurrent_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

// Opening, closing and the event layout, against the test server.

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
	var stored struct {
		Correlation string          `json:"$correlationId"`
		Causation   string          `json:"$causationId"`
		Namespace   *string         `json:"ledgerNamespace"`
		Meta        json.RawMessage `json:"meta"`
	}
	require.NoError(t, json.Unmarshal(r.Event.UserMetadata, &stored), "the custom metadata is a JSON object KurrentDB's tools read")
	require.Equal(t, string(evs[0].Metadata), string(stored.Meta), "our metadata travels verbatim inside it")
	require.Equal(t, evs[0].ID.String(), stored.Correlation, "without a correlation id of ours, the append's first event correlates")
	require.Equal(t, stored.Correlation, stored.Causation)
	require.NotNil(t, stored.Namespace, "the ledger's marker")
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
