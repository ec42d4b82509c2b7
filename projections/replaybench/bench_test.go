package replaybench_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/movementcoord/ledger/eventstore/sqlite"
	"github.com/movementcoord/ledger/eventstore/synthetic"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// BenchmarkRebuildSQLite rebuilds every view from an embedded store of
// generated events (100,000, or LEDGER_REPLAY_EVENTS); compare with
// BenchmarkScanSQLite.
func BenchmarkRebuildSQLite(b *testing.B) {
	store, n := sqliteLog(b)
	for b.Loop() {
		if _, err := projections.Replay(context.Background(), store, projections.ReplayOptions{}, readmodel.NewSet().All()...); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkScanSQLite reads the same log without decoding anything.
func BenchmarkScanSQLite(b *testing.B) {
	store, n := sqliteLog(b)
	for b.Loop() {
		for _, err := range store.ReadAll(context.Background(), 0, 0) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

func sqliteLog(b *testing.B) (*sqlite.Store, int) {
	b.Helper()
	dir, err := os.MkdirTemp("", "replaybench-")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.RemoveAll(dir) })
	ctx := context.Background()
	store, err := sqlite.Open(ctx, dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	n, err := synthetic.Fill(ctx, store, synthetic.New(11, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)), synthetic.FillOptions{Events: benchEvents(), Workers: 32})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	return store, n
}

func benchEvents() int {
	if n, err := strconv.Atoi(os.Getenv("LEDGER_REPLAY_EVENTS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}
