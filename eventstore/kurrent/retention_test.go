package kurrent_test

import (
	"testing"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

// Retention or deletion set by an operator on a ledger stream is reported,
// never read as a shorter history.
func TestOperatorRetentionIsReportedNotReadAsHistory(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		operate  func(srv *esdbtest.Server, raw *esdb.Client, stream string) error
		settings string // in Retention(); empty: none expected
	}{
		{"$maxCount", func(_ *esdbtest.Server, raw *esdb.Client, stream string) error {
			var m esdb.StreamMetadata
			m.SetMaxCount(1)
			_, err := raw.SetStreamMetadata(testContext(t), stream, esdb.AppendToStreamOptions{}, m)
			return err
		}, "$maxCount=1"},
		{"$tb", func(_ *esdbtest.Server, raw *esdb.Client, stream string) error {
			var m esdb.StreamMetadata
			m.SetTruncateBefore(2)
			_, err := raw.SetStreamMetadata(testContext(t), stream, esdb.AppendToStreamOptions{}, m)
			return err
		}, "$tb=2"},
		{"soft delete", func(srv *esdbtest.Server, _ *esdb.Client, stream string) error {
			srv.SoftDelete(stream)
			return nil
		}, "$tb=3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			srv := esdbtest.Start(t, esdbtest.Options{})
			raw := rawClient(t, srv)
			logs, logOpt := captureLog()
			store := openStore(t, srv.ConnString(), kurrent.WithStreamPrefix("l-"), logOpt)
			_, err := store.Append(ctx, "op-1", eventstore.NoStream(), events(3, "test.created.v1")...)
			require.NoError(t, err)
			require.NoError(t, tc.operate(srv, raw, "l-op-1"))

			var last error
			n := 0
			for _, err := range store.ReadStream(ctx, "op-1", eventstore.ReadStreamOptions{}) {
				if err != nil {
					last = err
					continue
				}
				n++
			}
			require.ErrorIs(t, last, kurrent.ErrHistoryRemoved)
			require.Zero(t, n, "no partial history handed over")

			readAll(t, ctx, store, 0) // as the views do at start
			found := store.Retention()
			require.Len(t, found, 1)
			require.Equal(t, "op-1", found[0].Stream)
			require.Equal(t, tc.settings, found[0].Settings)
			require.Contains(t, logs.String(), "stream metadata hides events of a ledger stream")
		})
	}
}

func TestAStreamThatNeverExistedIsStillNotFound(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := esdbtest.Start(t, esdbtest.Options{})
	store := openStore(t, srv.ConnString())
	for _, err := range store.ReadStream(ctx, streamName("none"), eventstore.ReadStreamOptions{}) {
		require.ErrorIs(t, err, eventstore.ErrStreamNotFound)
		require.NotErrorIs(t, err, kurrent.ErrHistoryRemoved)
	}
	require.Empty(t, store.Retention())
}
