package sqlite_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
)

func benchEvents(n int) []eventstore.EventData {
	out := make([]eventstore.EventData, n)
	for i := range out {
		out[i] = eventstore.EventData{ID: newID(), Type: "bench.recorded.v1", Data: make([]byte, 824), Metadata: make([]byte, 200)}
	}
	return out
}

// BenchmarkAppend measures durable appends of one event by 1, 16 and 128
// concurrent writers, and of 100-event batches by one writer.
func BenchmarkAppend(b *testing.B) {
	for _, c := range []struct{ writers, batch int }{{1, 1}, {16, 1}, {128, 1}, {1, 100}} {
		b.Run(fmt.Sprintf("writers=%d/batch=%d", c.writers, c.batch), func(b *testing.B) {
			store := openTemp(&testing.T{})
			defer store.Close()
			b.SetParallelism(max(1, c.writers/max(1, runtimeProcs())))
			var seq atomic.Int64
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				stream := fmt.Sprintf("bench-%d-%s", seq.Add(1), uuid.NewString())
				v := uint64(0)
				for pb.Next() {
					_, err := store.Append(context.Background(), stream, eventstore.Exact(v), benchEvents(c.batch)...)
					if err != nil {
						b.Fatal(err)
					}
					v += uint64(c.batch)
				}
			})
			b.ReportMetric(float64(b.N*c.batch)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// BenchmarkReadAll measures a full scan of a 100,000-event log.
func BenchmarkReadAll(b *testing.B) {
	store := openTemp(&testing.T{})
	defer store.Close()
	ctx := context.Background()
	for v := uint64(0); v < 100_000; v += 500 {
		_, err := store.Append(ctx, "fill", eventstore.Exact(v), benchEvents(500)...)
		require.NoError(b, err)
	}
	b.ResetTimer()
	n := 0
	for range b.N {
		for _, err := range store.ReadAll(ctx, 0, 0) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
}
