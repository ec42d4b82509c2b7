package views_test

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/synthetic"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/views"
)

// registers are the nine Snapshotters, fresh.
func registers() []projections.Snapshotter {
	return []projections.Snapshotter{views.NewOperations(), views.NewComponents(), views.NewContacts(),
		views.NewMechanisms(), views.NewDecisions(), views.NewActions(), views.NewCompliance(),
		views.NewEscalations(), views.NewLessons()}
}

var benchLog struct {
	sync.Once
	events int
	snaps  [][]byte
}

// benchSnapshots replays a synthetic log of VIEWS_BENCH_EVENTS events (1M
// unless set) into the nine registers and keeps their snapshots.
func benchSnapshots(b *testing.B) (events int, snaps [][]byte) {
	benchLog.Do(func() {
		want := 1_000_000
		if n, err := strconv.Atoi(os.Getenv("VIEWS_BENCH_EVENTS")); err == nil {
			want = n
		}
		ctx := context.Background()
		store := memory.New()
		n, err := synthetic.Fill(ctx, store, synthetic.New(1, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)),
			synthetic.FillOptions{Events: want, Workers: 2})
		require.NoError(b, err)
		regs := registers()
		ps := make([]projections.Projection, len(regs))
		for i, r := range regs {
			ps[i] = r
		}
		_, err = projections.Replay(ctx, store, projections.ReplayOptions{}, ps...)
		require.NoError(b, err)
		for _, r := range regs {
			var buf bytes.Buffer
			require.NoError(b, r.WriteSnapshot(&buf))
			benchLog.snaps = append(benchLog.snaps, buf.Bytes())
		}
		benchLog.events = n
	})
	return benchLog.events, benchLog.snaps
}

// BenchmarkRestoreViews reads the nine registers back, one after another
// (CPU per event of the log they were built from):
//
//	go test ./projections/views -run '^$' -bench RestoreViews -benchtime 5x
func BenchmarkRestoreViews(b *testing.B) {
	events, snaps := benchSnapshots(b)
	size := 0
	for _, s := range snaps {
		size += len(s)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	for b.Loop() {
		for i, r := range registers() {
			if err := r.ReadSnapshot(bytes.NewReader(snaps[i])); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(events), "ns/event")
	b.ReportMetric(float64(processCPU()-cpu)/float64(b.N)/float64(events), "cpu-ns/event")
	b.ReportMetric(float64(size)/float64(events), "bytes/event")
}

// processCPU is the CPU time the process has used, in ns, the collector's
// included: under other work's load it is steadier than the wall time.
func processCPU() int64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return u.Utime.Nano() + u.Stime.Nano()
}
