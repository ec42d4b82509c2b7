package projections_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// TestDigestsInTheLogDoNotStopTheViews: signed digests recorded in the log
// are passed over by the registers, listed by the audit trail, and the
// views' positions move past them.
func TestDigestsInTheLogDoNotStopTheViews(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	store := memory.New()
	appendPayload(t, store, lesson(), recorded())
	res, err := recorder.New(store).RecordDigest(ctx, integrity.Digest{Position: 1, Events: 1, Streams: 1, Time: time.Now()})
	require.NoError(t, err)

	r := readmodel.NewRunner(store)
	go func() { _ = r.Run(ctx) }()
	r.NoteHead(res.Position)
	require.NoError(t, r.WaitFor(ctx, res.Position))
	require.True(t, r.Ready())
	for _, st := range r.Status() {
		require.Empty(t, st.Error, st.Name)
		require.Equal(t, res.Position, st.Position, st.Name)
	}
	for rec, err := range store.ReadAll(ctx, res.Position-1, 1) {
		require.NoError(t, err)
		ev, err := projections.Decode(&rec)
		require.NoError(t, err)
		require.Equal(t, projections.KindDigest, ev.Ref.Kind)
	}
}
