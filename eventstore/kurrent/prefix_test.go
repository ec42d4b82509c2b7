package kurrent_test

import (
	"testing"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

func TestStreamPrefixIsolatesStores(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	raw := rawClient(t, srv)
	blue := openStore(t, srv.ConnString(), kurrent.WithStreamPrefix("blue-"))
	green := openStore(t, srv.ConnString(), kurrent.WithStreamPrefix("green-"))

	b := events(2, "test.created.v1")
	_, err := blue.Append(ctx, "op-1", eventstore.NoStream(), b...)
	require.NoError(t, err)
	g := events(1, "test.created.v1")
	_, err = green.Append(ctx, "op-1", eventstore.NoStream(), g...)
	require.NoError(t, err, "same name, different prefix: a different stream")

	require.Equal(t, dataIDs(b), ids(readAll(t, ctx, blue, 0)))
	gotGreen := readAll(t, ctx, green, 0)
	require.Equal(t, dataIDs(g), ids(gotGreen))
	require.Equal(t, "op-1", gotGreen[0].Stream, "the prefix is removed on the way out")
	require.Equal(t, dataIDs(b), ids(subscribe(ctx, blue, 0).next(t, ctx, 2)))

	rs, err := raw.ReadStream(ctx, "blue-op-1", esdb.ReadStreamOptions{}, 10)
	require.NoError(t, err)
	defer rs.Close()
	ev, err := rs.Recv()
	require.NoError(t, err)
	require.Equal(t, b[0].ID, ev.Event.EventID, "stored under the prefixed name")
}
