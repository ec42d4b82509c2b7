package kurrent_test

import (
	"context"
	"testing"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

// rawAppend writes one event with the bare client, as an operator, another
// application or a user projection would: no ledger marker.
func rawAppend(t *testing.T, ctx context.Context, raw *esdb.Client, stream string) {
	t.Helper()
	_, err := raw.AppendToStream(ctx, stream, esdb.AppendToStreamOptions{}, esdb.EventData{
		EventID: uuid.New(), EventType: "test", ContentType: esdb.ContentTypeJson, Data: []byte(`{"hello":1}`),
	})
	require.NoError(t, err)
}

func TestForeignEventsAreSkippedCountedAndLogged(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	raw := rawClient(t, srv)
	logs, logOpt := captureLog()
	t1 := openStore(t, srv.ConnString(), kurrent.WithStreamPrefix("t1-"), logOpt)
	t10 := openStore(t, srv.ConnString(), kurrent.WithStreamPrefix("t10-"))

	mine := events(2, "test.created.v1")
	_, err := t1.Append(ctx, "op-1", eventstore.NoStream(), mine...)
	require.NoError(t, err)
	theirs := events(1, "test.created.v1")
	_, err = t10.Append(ctx, "op-1", eventstore.NoStream(), theirs...)
	require.NoError(t, err)
	foreign := []string{"operator-test", "t1-operator-test", "orders-42"}
	for _, s := range foreign {
		rawAppend(t, ctx, raw, s)
	}
	more := events(1, "test.created.v1")
	_, err = t1.Append(ctx, "op-2", eventstore.NoStream(), more...)
	require.NoError(t, err)

	want := append(dataIDs(mine), dataIDs(more)...)
	require.Equal(t, want, ids(readAll(t, ctx, t1, 0)), "ReadAll: only the ledger's events, the ledger goes on past the others")
	require.Equal(t, want, ids(subscribe(ctx, t1, 0).next(t, ctx, len(want))), "SubscribeAll: the same")
	require.Equal(t, dataIDs(theirs), ids(readAll(t, ctx, t10, 0)), "t10- is not t1-, nor the other way round")

	st := t1.Foreign()
	require.Equal(t, uint64(len(foreign)+len(theirs)), st.Count, "each foreign event counted once, though read twice")
	require.Equal(t, foreign[len(foreign)-1], st.LastStream)
	require.Contains(t, logs.String(), "outside the ledger's namespace")
	require.Contains(t, logs.String(), "t1-operator-test", "an unmarked write inside the prefix is named")
}

func TestStreamPrefixNeedsABoundary(t *testing.T) {
	t.Parallel()
	srv := esdbtest.Start(t, esdbtest.Options{})
	for _, tc := range []struct {
		prefix string
		ok     bool
	}{
		{"", true}, {"t1-", true}, {"ledger:", true}, {"a_b.", true}, {"x/", true},
		{"t1", false},    // no separator: t1 would read t10
		{"t1-a-", false}, // a separator inside: t1- would read it
		{"$sys-", false}, {"-", false}, {"t 1-", false},
	} {
		t.Run(tc.prefix, func(t *testing.T) {
			ctx := testContext(t)
			s, err := kurrent.Open(ctx, srv.ConnString(), kurrent.WithStreamPrefix(tc.prefix))
			if tc.ok {
				require.NoError(t, err)
				require.NoError(t, s.Close())
				return
			}
			require.ErrorIs(t, err, kurrent.ErrInvalidConnString)
			_, err = kurrent.Open(ctx, srv.ConnString()+"&streamPrefix="+tc.prefix)
			require.ErrorIs(t, err, kurrent.ErrInvalidConnString, "the connection string setting is checked the same way")
		})
	}
}

func TestMetadataComesBackByteForByte(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	store := openStore(t, srv.ConnString())
	for name, meta := range map[string][]byte{
		"spaced JSON":  []byte("{ \"a\" : 1 ,\n \"b\":[1, 2] }"),
		"not JSON":     {0xff, 0x00, '{'},
		"JSON null":    []byte("null"),
		"empty":        nil,
		"with the ids": []byte(`{"correlation_id":"req-1","causation_id":"cmd-2"}`),
	} {
		ev := events(1, "test.created.v1")[0]
		ev.Metadata = meta
		stream := streamName("meta")
		_, err := store.Append(ctx, stream, eventstore.NoStream(), ev)
		require.NoError(t, err, name)
		for got, err := range store.ReadStream(ctx, stream, eventstore.ReadStreamOptions{}) {
			require.NoError(t, err)
			require.Equal(t, string(meta), string(got.Metadata), name)
		}
	}
}

func TestCorrelationIdsReachKurrentDBsNames(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	raw := rawClient(t, srv)
	store := openStore(t, srv.ConnString())
	ev := events(1, "test.created.v1")[0]
	ev.Metadata = []byte(`{"correlation_id":"req-1","causation_id":"cmd-2"}`)
	stream := streamName("corr")
	_, err := store.Append(ctx, stream, eventstore.NoStream(), ev)
	require.NoError(t, err)
	rs, err := raw.ReadStream(ctx, stream, esdb.ReadStreamOptions{}, 1)
	require.NoError(t, err)
	defer rs.Close()
	r, err := rs.Recv()
	require.NoError(t, err)
	require.Contains(t, string(r.Event.UserMetadata), `"$correlationId":"req-1"`)
	require.Contains(t, string(r.Event.UserMetadata), `"$causationId":"cmd-2"`)
}

func TestUnmarkedEventsOnlyWhenTheOperatorSaysSo(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	raw := rawClient(t, srv)
	rawAppend(t, ctx, raw, "old-op-1") // written by a ledger before markers
	strict := openStore(t, srv.ConnString(), kurrent.WithStreamPrefix("old-"))
	legacy := openStore(t, srv.ConnString(), kurrent.WithStreamPrefix("old-"), kurrent.WithUnmarkedEvents())
	require.Empty(t, readAll(t, ctx, strict, 0))
	got := readAll(t, ctx, legacy, 0)
	require.Len(t, got, 1)
	require.Equal(t, "op-1", got[0].Stream)
}

// The side store (token registry, access log) shares the namespace but is
// neither the ledger's log nor foreign.
func TestSideStreamsAreNeitherLogNorForeign(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	store := openStore(t, srv.ConnString(), kurrent.WithStreamPrefix("s1-"))
	side := store.Side()
	evs := events(2, "test.side.v1")
	_, err := side.Append(ctx, "tokens", eventstore.NoStream(), evs...)
	require.NoError(t, err)
	logEvs := events(1, "test.created.v1")
	_, err = store.Append(ctx, "op-1", eventstore.NoStream(), logEvs...)
	require.NoError(t, err)

	require.Equal(t, dataIDs(logEvs), ids(readAll(t, ctx, store, 0)))
	require.Zero(t, store.Foreign().Count)
	var got []eventstore.RecordedEvent
	for ev, err := range side.ReadStream(ctx, "tokens", eventstore.ReadStreamOptions{}) {
		require.NoError(t, err)
		got = append(got, ev)
	}
	require.Equal(t, dataIDs(evs), ids(got))
	require.Equal(t, "tokens", got[0].Stream)
	for _, err := range side.ReadAll(ctx, 0, 0) {
		require.ErrorIs(t, err, kurrent.ErrSideStreamsOnly)
	}
	require.NoError(t, side.Close())
	_, err = store.Append(ctx, "op-1", eventstore.Exact(1), events(1, "test.created.v1")...)
	require.NoError(t, err, "closing the side store leaves the store open")
}

// An event written into one of the ledger's own streams by someone else is
// refused, not handed over as part of the record.
func TestAForeignEventInALedgerStreamIsRefused(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	raw := rawClient(t, srv)
	store := openStore(t, srv.ConnString(), kurrent.WithStreamPrefix("l-"))
	_, err := store.Append(ctx, "op-1", eventstore.NoStream(), events(1, "test.created.v1")...)
	require.NoError(t, err)
	rawAppend(t, ctx, raw, "l-op-1")
	var last error
	for _, err := range store.ReadStream(ctx, "op-1", eventstore.ReadStreamOptions{}) {
		last = err
	}
	require.ErrorIs(t, last, kurrent.ErrForeignEvent)
	require.Equal(t, uint64(1), store.Foreign().Count)
}
