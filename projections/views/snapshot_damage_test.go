package views_test

import (
	"bytes"
	"context"
	"io"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/synthetic"
	"github.com/movementcoord/ledger/projections"
)

// smallSnapshots are the nine registers' snapshots after a few synthetic
// operations, and those of the registers empty.
func smallSnapshots(t *testing.T) (full, empty [][]byte) {
	t.Helper()
	ctx := context.Background()
	store := memory.New()
	g := synthetic.New(7, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	for range 2 {
		for _, recs := range g.Operation(6) {
			require.NoError(t, synthetic.Append(ctx, store, recs, 1))
		}
	}
	regs := registers()
	ps := make([]projections.Projection, len(regs))
	for i, r := range regs {
		ps[i] = r
	}
	_, err := projections.Replay(ctx, store, projections.ReplayOptions{}, ps...)
	require.NoError(t, err)
	for i, r := range regs {
		full = append(full, snapshotOf(t, r))
		empty = append(empty, snapshotOf(t, registers()[i]))
	}
	return full, empty
}

func snapshotOf(t *testing.T, s projections.Snapshotter) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, s.WriteSnapshot(&buf))
	return buf.Bytes()
}

// A register's snapshot cut short or with any byte altered is refused with
// an error, and the register is left empty, never filled from part of it.
func TestADamagedViewSnapshotIsRefusedAndLeavesTheViewEmpty(t *testing.T) {
	t.Parallel()
	full, empty := smallSnapshots(t)
	for i, snap := range full {
		name := registers()[i].Name()
		require.Greater(t, len(snap), len(empty[i]), name)
		var cases []damage
		for _, n := range []int{0, 1, 4, 9, len(empty[i]), len(snap) / 3, len(snap) / 2, len(snap) - 5, len(snap) - 1} {
			cases = append(cases, damage{"cut to " + strconv.Itoa(n) + " bytes", snap[:n]})
		}
		for _, at := range spread(len(snap), 200) {
			body := bytes.Clone(snap)
			body[at] ^= 0x10
			cases = append(cases, damage{"byte " + strconv.Itoa(at) + " altered", body})
		}
		for _, tc := range cases {
			into := registers()[i]
			require.Error(t, into.ReadSnapshot(bytes.NewReader(tc.body)), "%s: %s", name, tc.name)
			require.Equal(t, empty[i], snapshotOf(t, into), "%s: %s left the view filled", name, tc.name)
		}
	}
}

// A register's snapshot is not read as another's.
func TestAViewSnapshotIsNotReadAsAnothers(t *testing.T) {
	t.Parallel()
	full, _ := smallSnapshots(t)
	regs := registers()
	for i, snap := range full {
		other := registers()[(i+1)%len(regs)]
		require.Error(t, other.ReadSnapshot(bytes.NewReader(snap)), "%s read as %s", regs[i].Name(), other.Name())
	}
}

// The reader stops at a register's last byte: the next view's snapshot
// follows it in the same file.
func TestAViewSnapshotIsReadToItsEndAndNoFurther(t *testing.T) {
	t.Parallel()
	full, _ := smallSnapshots(t)
	after := []byte("the next view's snapshot")
	for i, snap := range full {
		r := bytes.NewReader(append(bytes.Clone(snap), after...))
		require.NoError(t, registers()[i].ReadSnapshot(r))
		rest, err := io.ReadAll(r)
		require.NoError(t, err)
		require.Equal(t, after, rest, registers()[i].Name())
	}
}

type damage struct {
	name string
	body []byte
}

// spread is n offsets spread over [0, size), the first and last included.
func spread(size, n int) []int {
	out := make([]int, 0, n)
	for k := range n {
		out = append(out, k*(size-1)/(n-1))
	}
	return out
}
