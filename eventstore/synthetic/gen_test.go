package synthetic_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/synthetic"
)

func TestFillWritesAtLeastTheEventsAskedWithValidSeals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := memory.New()
	n, err := synthetic.Fill(ctx, store, synthetic.New(9, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), synthetic.FillOptions{Events: 1500, Workers: 4})
	require.NoError(t, err)
	require.GreaterOrEqual(t, n, 1500)
	var x integrity.Hasher
	prev := map[string]integrity.Hash{}
	count := 0
	for rec, err := range store.ReadAll(ctx, 0, 0) {
		require.NoError(t, err)
		s, err := x.Open(&integrity.Event{Stream: rec.Stream, Version: rec.Version, ID: rec.ID, Type: rec.Type, Data: rec.Data, Metadata: rec.Metadata})
		require.NoError(t, err)
		require.Equal(t, prev[rec.Stream], s.Prev, "each stream is one hash chain")
		prev[rec.Stream] = s.Hash
		count++
	}
	require.Equal(t, n, count)
}

func TestTheSameSeedGivesTheSameLog(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a, b := synthetic.New(4, start).Operation(5), synthetic.New(4, start).Operation(5)
	require.Equal(t, a, b)
	require.NotEqual(t, a, synthetic.New(5, start).Operation(5))
}
