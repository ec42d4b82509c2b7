package projections_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/sqlite"
	"github.com/movementcoord/ledger/projections"
)

func TestRebuildSwapsInAFreshInstanceWithoutStoppingQueries(t *testing.T) {
	t.Parallel()
	t.Run("memory", func(t *testing.T) { t.Parallel(); rebuildUnderWrites(t, memory.New()) })
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		store, err := sqlite.Open(context.Background(), t.TempDir())
		require.NoError(t, err)
		t.Cleanup(func() { store.Close() })
		rebuildUnderWrites(t, store)
	})
}

func rebuildUnderWrites(t *testing.T, store eventstore.Store) {
	var fixed atomic.Bool
	r := projections.NewRunner(store, func() projections.Projection {
		c := &counter{name: "c", failOn: "lesson.linked.v1"}
		if fixed.Load() {
			c.failOn = ""
		}
		return c
	})
	run(t, r)
	ref := lesson()
	appendPayload(t, store, ref, recorded())
	bad := appendPayload(t, store, ref, linked())
	require.ErrorIs(t, r.WaitFor(waitCtx(t), bad), projections.ErrFailed)
	old, err := projections.Get[*counter](r, "c")
	require.NoError(t, err)

	fixed.Store(true) // the bug is fixed: rebuild while writes go on
	var wg sync.WaitGroup
	var last atomic.Uint64
	wg.Go(func() {
		for range 200 {
			last.Store(appendPayload(t, store, lesson(), recorded()))
		}
	})
	require.NoError(t, r.Rebuild(waitCtx(t), "c"))
	wg.Wait()
	require.NoError(t, r.WaitFor(waitCtx(t), last.Load()))

	cur, err := projections.Get[*counter](r, "c")
	require.NoError(t, err)
	require.NotSame(t, old, cur)
	want := make([]uint64, last.Load())
	for i := range want {
		want[i] = uint64(i + 1)
	}
	require.Equal(t, want, cur.applied(), "every event exactly once, in order, across the swap")
	require.Equal(t, []uint64{1}, old.applied(), "a reader holding the old instance still sees it")
	require.Equal(t, projections.StateOK, r.Status()[0].State)
}

func TestRebuildOfAnUnknownViewFails(t *testing.T) {
	t.Parallel()
	r := projections.NewRunner(memory.New())
	require.ErrorIs(t, r.Rebuild(waitCtx(t), "nope"), projections.ErrUnknownView)
	require.ErrorIs(t, r.WaitForView(waitCtx(t), "nope", 1), projections.ErrUnknownView)
}

func TestReplayKeepsOnlyWhatKeepAcceptsAndStopsAtUntil(t *testing.T) {
	t.Parallel()
	store := memory.New()
	for range 10 {
		appendPayload(t, store, lesson(), recorded())
	}
	c := &counter{name: "c"}
	res, err := projections.Replay(waitCtx(t), store, projections.ReplayOptions{
		After: 2, Until: 8, Keep: func(e *projections.Event) bool { return e.Position%2 == 0 },
	}, c)
	require.NoError(t, err)
	require.Equal(t, []uint64{4, 6, 8}, c.positions)
	require.Equal(t, uint64(8), res.Position)
	require.Equal(t, 6, res.Events)
	require.Equal(t, []projections.ViewState{{Name: "c", Position: 8}}, res.Views)
}
