package readmodel_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/synthetic"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/asof"
	"github.com/movementcoord/ledger/projections/readmodel"
)

var (
	zeroTime  = time.Time{}
	farFuture = time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)
)

// checkpoint is what the live views showed at a recorded time.
type checkpoint struct {
	at   time.Time
	seen dump
}

// TestLiveViewsEqualRebuiltViewsAndAsOf generates random valid logs and
// checks, for each: the views built live (subscription, one event at a
// time) equal the views rebuilt from zero; and the as-of views at a recorded
// date equal what the live views showed at that date. It runs seeds for
// about two seconds.
func TestLiveViewsEqualRebuiltViewsAndAsOf(t *testing.T) {
	t.Parallel()
	deadline := time.Now().Add(2 * time.Second)
	base := rand.Uint64()
	for i := uint64(0); i < 2 || time.Now().Before(deadline); i++ {
		seed := base + i
		t.Logf("seed %d", seed)
		checkLog(t, seed)
	}
}

func checkLog(t *testing.T, seed uint64) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	store := memory.New()
	runner := readmodel.NewRunner(store)
	done := make(chan error, 1)
	go func() { done <- runner.Run(ctx) }()

	rng := rand.New(rand.NewPCG(seed, 1))
	g := synthetic.New(seed, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	var cps []checkpoint
	for range 1 + rng.IntN(3) {
		ph := g.Operation(2 + rng.IntN(8))
		for _, recs := range ph {
			for _, r := range recs {
				res, err := store.Append(ctx, r.Stream, eventstore.NoStream(), r.Events...)
				require.NoError(t, err)
				if rng.IntN(40) == 0 {
					cps = append(cps, takeCheckpoint(t, ctx, runner, res.Position))
				}
			}
		}
	}
	last := takeCheckpoint(t, ctx, runner, lastPosition(t, store))
	rebuilt := readmodel.NewSet()
	res, err := projections.Replay(ctx, store, projections.ReplayOptions{}, rebuilt.All()...)
	require.NoError(t, err)
	for _, v := range res.Views {
		require.NoError(t, v.Err)
	}
	require.Equal(t, last.seen, dumpOf(rebuilt), "seed %d: live views differ from a rebuild", seed)
	for _, cp := range append(cps, last) {
		then, err := asof.Recorded(ctx, store, cp.at)
		require.NoError(t, err)
		require.Equal(t, cp.seen, dumpOf(then), "seed %d: as-of %s differs from what the views showed then", seed, cp.at)
	}
	cancel()
	require.NoError(t, <-done)
}

// takeCheckpoint waits for the live views to reach pos and records what
// they show, with a time after every event so far and before any later one.
func takeCheckpoint(t *testing.T, ctx context.Context, r *projections.Runner, pos uint64) checkpoint {
	require.NoError(t, r.WaitFor(ctx, pos))
	set, err := readmodel.Current(r)
	require.NoError(t, err)
	cp := checkpoint{at: time.Now().UTC(), seen: dumpOf(set)}
	time.Sleep(time.Millisecond) // later appends are recorded strictly after cp.at
	return cp
}

func lastPosition(t *testing.T, s eventstore.Store) uint64 {
	var last uint64
	for rec, err := range s.ReadAll(context.Background(), 0, 0) {
		require.NoError(t, err)
		last = rec.Position
	}
	return last
}
