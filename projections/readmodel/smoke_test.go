package readmodel_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/synthetic"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/readmodel"
	"github.com/movementcoord/ledger/projections/views"
)

func TestReplayOfAGeneratedLogLeavesEveryViewHealthy(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := memory.New()
	n, err := synthetic.Fill(ctx, store, synthetic.New(1, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), synthetic.FillOptions{Events: 20_000})
	require.NoError(t, err)
	set := readmodel.NewSet()
	res, err := projections.Replay(ctx, store, projections.ReplayOptions{}, set.All()...)
	require.NoError(t, err)
	require.Equal(t, n, res.Events)
	for _, v := range res.Views {
		require.NoError(t, v.Err, v.Name)
		require.Equal(t, uint64(n), v.Position, v.Name)
	}
	require.Equal(t, n, set.Audit.Len())
	ops := set.Operations.List()
	require.NotEmpty(t, ops)
	require.NotEmpty(t, set.Decisions.List(ops[0].ID, views.DecisionFilter{}))
}
