package readmodel_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/synthetic"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/asof"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// TestAsOfFromTheNearestSnapshotEqualsAsOfFromZero writes a snapshot after
// each of three stretches of the log (a runner stopped after each), then
// asks for the views as recorded at dates before, between and after them:
// starting from the nearest earlier snapshot must give what a replay of
// the whole log gives.
func TestAsOfFromTheNearestSnapshotEqualsAsOfFromZero(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store, dir := memory.New(), t.TempDir()
	snaps, err := projections.OpenSnapshots(dir, nil)
	require.NoError(t, err)
	g := synthetic.New(7, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	var dates []time.Time
	for stretch := range 3 {
		ph := g.Operation(4)
		appendRecords(t, store, ph[0], ph[1])
		dates = append(dates, instant())
		appendRecords(t, store, ph[2], ph[3])
		if stretch < 2 {
			stopAfterCatchingUp(t, store, snaps)
		}
		dates = append(dates, instant())
	}
	require.Len(t, snapshotsIn(t, dir), 2)
	for _, at := range append(dates, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)) {
		fromZero, err := asof.Recorded(ctx, store, at)
		require.NoError(t, err)
		fromSnapshot, err := asof.RecordedFrom(ctx, store, snaps, at)
		require.NoError(t, err)
		requireSameAnswers(t, fromZero, fromSnapshot, "as recorded at %s", at)
	}
}

// instant is a recorded date strictly between the events before and after.
func instant() time.Time {
	time.Sleep(time.Millisecond)
	at := time.Now().UTC()
	time.Sleep(time.Millisecond)
	return at
}

// stopAfterCatchingUp runs every view once over the log and stops, which
// writes a snapshot.
func stopAfterCatchingUp(t *testing.T, store *memory.Store, snaps *projections.Snapshots) {
	t.Helper()
	r := readmodel.NewRunner(store)
	r.UseSnapshots(snaps, projections.SnapshotOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	require.NoError(t, r.WaitFor(ctx, lastPosition(t, store)))
	cancel()
	require.NoError(t, <-done)
}

func snapshotsIn(t *testing.T, dir string) []string {
	names, err := filepath.Glob(filepath.Join(dir, "*.snap"))
	require.NoError(t, err)
	return names
}
