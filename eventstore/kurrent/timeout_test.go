package kurrent_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

// One call reaching the call timeout fails that call only: the shared
// client, and the subscription and reads on it, go on.
func TestACallTimeoutDoesNotKillTheSharedClient(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{StallAppendsTo: "slow-1"})
	logs, logOpt := captureLog()
	store := openStore(t, srv.ConnString(), logOpt, kurrent.WithCallTimeout(300*time.Millisecond))

	sub := subscribe(ctx, store, 0)
	first := events(1, "test.created.v1")
	_, err := store.Append(ctx, streamName("fast"), eventstore.NoStream(), first...)
	require.NoError(t, err)
	require.Equal(t, dataIDs(first), ids(sub.next(t, ctx, 1)))

	_, err = store.Append(ctx, "slow-1", eventstore.NoStream(), events(1, "test.created.v1")...)
	require.ErrorIs(t, err, eventstore.ErrUnavailable, "the slow call fails")

	second := events(1, "test.created.v1")
	_, err = store.Append(ctx, streamName("fast"), eventstore.NoStream(), second...)
	require.NoError(t, err)
	require.Equal(t, dataIDs(second), ids(sub.next(t, ctx, 1)))
	require.NotContains(t, logs.String(), "replacing client", "the client was kept")
	require.NotContains(t, logs.String(), "subscription dropped", "the subscription on it was not cut")
}
