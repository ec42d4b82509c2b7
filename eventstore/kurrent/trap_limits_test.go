package kurrent_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

// Limits the client leaves to the caller: the node's append size, and
// reads with no deadline.

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
