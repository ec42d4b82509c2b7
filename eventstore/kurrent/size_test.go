package kurrent_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

// KurrentDB 24.10.4 and later count data + metadata + 2x type per event
// (PR #4882), against MaxAppendSize for the append and MaxAppendEventSize
// for each event.
func TestAppendSizeCountedAsTheNodeCountsIt(t *testing.T) {
	t.Parallel()
	const limit = 4096
	typ := "test.sized.v1"
	for _, tc := range []struct {
		name       string
		node       esdbtest.Options
		adapter    []kurrent.Option
		dataLen    int
		refused    bool
		preChecked bool // refused by the adapter, nothing sent
	}{
		// The stored metadata is the adapter's envelope; the margin below
		// leaves room for it.
		{"fits the append", esdbtest.Options{MaxAppendSize: limit}, []kurrent.Option{kurrent.WithMaxAppendSize(limit)}, limit - 2*len(typ) - 400, false, false},
		{"over the append by its type", esdbtest.Options{MaxAppendSize: limit}, []kurrent.Option{kurrent.WithMaxAppendSize(limit)}, limit - len(typ), true, true},
		{"over the event limit, adapter told", esdbtest.Options{MaxAppendEventSize: limit}, []kurrent.Option{kurrent.WithMaxAppendEventSize(limit)}, limit, true, true},
		{"over the event limit, adapter not told: the node's refusal is ours", esdbtest.Options{MaxAppendEventSize: limit}, nil, limit, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			srv := esdbtest.Start(t, tc.node)
			store := openStore(t, srv.ConnString(), tc.adapter...)
			ev := events(1, typ)
			ev[0].Data = bytes.Repeat([]byte("x"), tc.dataLen)
			calls := srv.AppendCalls()
			_, err := store.Append(ctx, streamName("sized"), eventstore.Any(), ev...)
			if !tc.refused {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, eventstore.ErrPayloadTooLarge)
			if tc.preChecked {
				require.Equal(t, calls, srv.AppendCalls(), "refused before sending")
			}
		})
	}
}
