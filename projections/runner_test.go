package projections_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/projections"
)

func TestRunnerCatchesUpThenFollowsTheLog(t *testing.T) {
	t.Parallel()
	store := memory.New()
	first := appendPayload(t, store, lesson(), recorded())
	r := projections.NewRunner(store, func() projections.Projection { return &counter{name: "c"} })
	run(t, r)
	require.NoError(t, r.WaitFor(waitCtx(t), first))
	second := appendPayload(t, store, lesson(), recorded())
	require.NoError(t, r.WaitFor(waitCtx(t), second), "a client reads its own write")
	c, err := projections.Get[*counter](r, "c")
	require.NoError(t, err)
	require.Equal(t, []uint64{first, second}, c.applied())
	st := r.Status()
	require.Len(t, st, 1)
	require.Equal(t, projections.Status{Name: "c", State: projections.StateOK, Position: second, Head: second}, st[0])
	require.True(t, r.Ready())
}

func TestWaitForIsBoundedByItsContext(t *testing.T) {
	t.Parallel()
	store := memory.New()
	r := projections.NewRunner(store, func() projections.Projection { return &counter{name: "c"} })
	run(t, r)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := r.WaitFor(ctx, 99)
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestAFailingViewStopsVisiblyWhileOthersGoOn(t *testing.T) {
	t.Parallel()
	store := memory.New()
	good := appendPayload(t, store, lesson(), recorded())
	r := projections.NewRunner(store,
		func() projections.Projection { return &counter{name: "healthy"} },
		func() projections.Projection { return &counter{name: "buggy", failOn: "lesson.linked.v1"} })
	run(t, r)
	ref := lesson()
	appendPayload(t, store, ref, recorded())
	bad := appendPayload(t, store, ref, linked())
	require.NoError(t, r.WaitForView(waitCtx(t), "healthy", bad))
	err := r.WaitFor(waitCtx(t), bad)
	require.ErrorIs(t, err, projections.ErrFailed)
	st := r.Status()
	require.Equal(t, projections.StateOK, st[0].State)
	require.Equal(t, projections.StateFailed, st[1].State)
	require.Equal(t, bad-1, st[1].Position, "the failed view stays at the last event it applied")
	require.Equal(t, uint64(1), st[1].Lag)
	require.Contains(t, st[1].Error, "boom")
	require.False(t, r.Ready())
	// later events are not applied to the stopped view: nothing is skipped silently
	after := appendPayload(t, store, lesson(), recorded())
	require.NoError(t, r.WaitForView(waitCtx(t), "healthy", after))
	buggy, err := projections.Get[*counter](r, "buggy")
	require.NoError(t, err)
	require.Equal(t, []uint64{good, bad - 1}, buggy.applied())
}

func TestAnUnknownEventTypeStopsEveryView(t *testing.T) {
	t.Parallel()
	store := memory.New()
	r := projections.NewRunner(store, func() projections.Projection { return &counter{name: "c"} })
	run(t, r)
	ok := appendPayload(t, store, lesson(), recorded())
	require.NoError(t, r.WaitFor(waitCtx(t), ok))
	bad := appendRaw(t, store, lesson(), "lesson.invented.v9", []byte(`{}`))
	err := r.WaitFor(waitCtx(t), bad)
	require.ErrorIs(t, err, projections.ErrFailed)
	st := r.Status()[0]
	require.Equal(t, projections.StateFailed, st.State)
	require.Equal(t, ok, st.Position)
	require.Contains(t, st.Error, "lesson.invented.v9")
}

func TestARunnerIsNotReadyBeforeItsFirstCatchUp(t *testing.T) {
	t.Parallel()
	store := memory.New()
	pos := appendPayload(t, store, lesson(), recorded())
	r := projections.NewRunner(store, func() projections.Projection { return &counter{name: "c"} })
	require.False(t, r.Ready())
	require.Equal(t, projections.StateRebuilding, r.Status()[0].State)
	run(t, r)
	require.NoError(t, r.WaitFor(waitCtx(t), pos))
	require.Eventually(t, r.Ready, 5*time.Second, time.Millisecond)
}
