package projections_test

import (
	"context"
	"errors"
	"iter"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/projections"
)

// downStore fails every read while down is set.
type downStore struct {
	*memory.Store
	down atomic.Bool
}

var errDown = errors.New("disk unplugged")

func (s *downStore) ReadAll(ctx context.Context, after uint64, max int) iter.Seq2[eventstore.RecordedEvent, error] {
	if s.down.Load() {
		return func(yield func(eventstore.RecordedEvent, error) bool) { yield(eventstore.RecordedEvent{}, errDown) }
	}
	return s.Store.ReadAll(ctx, after, max)
}

func TestAFailingStoreStallsTheViewsVisiblyUntilItRecovers(t *testing.T) {
	t.Parallel()
	store := &downStore{Store: memory.New()}
	pos := appendPayload(t, store, lesson(), recorded())
	store.down.Store(true)
	r := projections.NewRunner(store, func() projections.Projection { return &counter{name: "c"} })
	run(t, r)
	require.Eventually(t, func() bool { return r.Status()[0].State == projections.StateStalled }, 5*time.Second, time.Millisecond)
	require.Contains(t, r.Status()[0].Error, "disk unplugged")
	require.False(t, r.Ready())

	store.down.Store(false)
	require.NoError(t, r.WaitFor(waitCtx(t), pos))
	require.Eventually(t, r.Ready, 5*time.Second, time.Millisecond)
	next := appendPayload(t, store, lesson(), recorded())
	require.NoError(t, r.WaitFor(waitCtx(t), next), "it follows the log again")
}
