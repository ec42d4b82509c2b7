package projections_test

import (
	"context"
	"encoding/json"
	"io"
	"iter"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/projections"
)

// snapCounter is a counter that snapshots the positions it applied.
type snapCounter struct {
	counter
	version uint32
}

func (c *snapCounter) SnapshotVersion() uint32         { return c.version }
func (c *snapCounter) WriteSnapshot(w io.Writer) error { return json.NewEncoder(w).Encode(c.positions) }
func (c *snapCounter) ReadSnapshot(r io.Reader) error  { return json.NewDecoder(r).Decode(&c.positions) }

func snapView(name string, version uint32) projections.Factory {
	return func() projections.Projection { return &snapCounter{counter: counter{name: name}, version: version} }
}

func plainView(name string) projections.Factory {
	return func() projections.Projection { return &counter{name: name} }
}

// countingStore counts the events its reads hand out.
type countingStore struct {
	eventstore.Store
	read atomic.Int64
}

func (s *countingStore) ReadAll(ctx context.Context, after uint64, max int) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		for rec, err := range s.Store.ReadAll(ctx, after, max) {
			s.read.Add(1)
			if !yield(rec, err) {
				return
			}
		}
	}
}

// runUntil starts a runner with snapshots in dir, waits until it applied
// pos, stops it (which writes the shutdown snapshot) and returns it.
func runUntil(t *testing.T, store eventstore.Store, dir string, pos uint64, opts projections.SnapshotOptions, fs ...projections.Factory) *projections.Runner {
	t.Helper()
	snaps, err := projections.OpenSnapshots(dir, nil)
	require.NoError(t, err)
	r := projections.NewRunner(store, fs...)
	r.UseSnapshots(snaps, opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	require.NoError(t, r.WaitFor(waitCtx(t), pos))
	cancel()
	require.NoError(t, <-done)
	return r
}

func appendLessons(t *testing.T, store eventstore.Store, n int) (positions []uint64) {
	for range n {
		positions = append(positions, appendPayload(t, store, lesson(), recorded()))
	}
	return positions
}

func snapshotFiles(t *testing.T, dir string) []string {
	names, err := filepath.Glob(filepath.Join(dir, "*.snap"))
	require.NoError(t, err)
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}

func TestARestartReadsOnlyTheLogAfterItsSnapshot(t *testing.T) {
	t.Parallel()
	store, dir := memory.New(), t.TempDir()
	first := appendLessons(t, store, 10)
	runUntil(t, store, dir, first[9], projections.SnapshotOptions{Every: 1000}, snapView("c", 1), plainView("plain"))
	require.Equal(t, []string{"00000000000000000010.snap"}, snapshotFiles(t, dir), "written at shutdown")
	tail := appendLessons(t, store, 3)

	counting := &countingStore{Store: store}
	r := runUntil(t, counting, dir, tail[2], projections.SnapshotOptions{Every: 1000}, snapView("c", 1), plainView("plain"))
	require.Equal(t, projections.StartUp{Restored: true, SnapshotPosition: first[9], TailEvents: 3, ReplayedFromZero: []string{"plain"}}, r.StartedFrom())
	c, err := projections.Get[*snapCounter](r, "c")
	require.NoError(t, err)
	require.Equal(t, append(first, tail...), c.applied(), "the snapshot's positions, then the tail's")
	plain, err := projections.Get[*counter](r, "plain")
	require.NoError(t, err)
	require.Equal(t, append(first, tail...), plain.applied(), "a view without snapshots replays from zero")
	// the tail, the snapshot's last event (checked), and the plain view's full replay
	require.Equal(t, int64(3+1+13), counting.read.Load())
}

func TestASnapshotThatFailsACheckIsDiscardedAndTheLogReplayed(t *testing.T) {
	t.Parallel()
	flip := func(offset int64) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			b, err := os.ReadFile(path)
			require.NoError(t, err)
			if offset < 0 {
				offset += int64(len(b))
			}
			b[offset] ^= 0x40
			require.NoError(t, os.WriteFile(path, b, 0o600))
		}
	}
	truncate := func(t *testing.T, path string) {
		st, err := os.Stat(path)
		require.NoError(t, err)
		require.NoError(t, os.Truncate(path, st.Size()-3))
	}
	keep := func(*testing.T, string) {}
	cases := []struct {
		name         string
		spoil        func(t *testing.T, path string)
		wrote, reads []projections.Factory
		anotherStore bool
	}{
		{name: "a byte of a body changed", spoil: flip(-2)},
		{name: "the position in the header changed", spoil: flip(12)},
		{name: "truncated", spoil: truncate},
		{name: "another version of the view", spoil: keep, reads: []projections.Factory{snapView("c", 2)}},
		{name: "a view the code no longer has", spoil: keep,
			wrote: []projections.Factory{snapView("c", 1), snapView("gone", 1)}},
		{name: "a view missing from it", spoil: keep,
			reads: []projections.Factory{snapView("c", 1), snapView("new", 1)}},
		{name: "another store's log", spoil: keep, anotherStore: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.wrote == nil {
				tc.wrote = []projections.Factory{snapView("c", 1)}
			}
			if tc.reads == nil {
				tc.reads = []projections.Factory{snapView("c", 1)}
			}
			store, dir := memory.New(), t.TempDir()
			positions := appendLessons(t, store, 5)
			runUntil(t, store, dir, positions[4], projections.SnapshotOptions{}, tc.wrote...)
			path := filepath.Join(dir, "00000000000000000005.snap")
			tc.spoil(t, path)
			if tc.anotherStore {
				store = memory.New()
				positions = appendLessons(t, store, 5)
			}
			positions = append(positions, appendLessons(t, store, 1)...)

			r := runUntil(t, store, dir, positions[5], projections.SnapshotOptions{}, tc.reads...)
			require.False(t, r.StartedFrom().Restored)
			c, err := projections.Get[*snapCounter](r, "c")
			require.NoError(t, err)
			require.Equal(t, positions, c.applied(), "as a replay from zero")
			require.Equal(t, []string{"00000000000000000006.snap"}, snapshotFiles(t, dir), "the bad one is gone")
		})
	}
}

func TestTheLiveLoopWritesASnapshotEveryNEvents(t *testing.T) {
	t.Parallel()
	store, dir := memory.New(), t.TempDir()
	snaps, err := projections.OpenSnapshots(dir, nil)
	require.NoError(t, err)
	r := projections.NewRunner(store, snapView("c", 1))
	r.UseSnapshots(snaps, projections.SnapshotOptions{Every: 5})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	for range 7 {
		require.NoError(t, r.WaitFor(waitCtx(t), appendPayload(t, store, lesson(), recorded())))
	}
	cancel()
	require.NoError(t, <-done)
	require.Equal(t, []string{"00000000000000000005.snap", "00000000000000000007.snap"}, snapshotFiles(t, dir),
		"the fifth event's, and the shutdown's")
}

func TestOldSnapshotsAreThinnedButSomeFarBackStay(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	snaps, err := projections.OpenSnapshots(dir, nil)
	require.NoError(t, err)
	v := snapView("c", 1)()
	for pos := uint64(1); pos <= 100; pos++ {
		_, err := snaps.Write(projections.SnapshotHeader{Position: pos}, []projections.Projection{v})
		require.NoError(t, err)
	}
	files := snapshotFiles(t, dir)
	require.LessOrEqual(t, len(files), 4+8, files)
	require.Subset(t, files, []string{"00000000000000000097.snap", "00000000000000000098.snap", "00000000000000000099.snap", "00000000000000000100.snap"})
	require.Less(t, files[0], "00000000000000000050.snap", "one far back stays")
}
