package readmodel_test

import (
	"context"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/synthetic"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// benchLog is one generated log shared by the benchmarks: 50,000 events, or
// LEDGER_REPLAY_EVENTS.
var benchLog = sync.OnceValues(func() (*memory.Store, []eventstore.RecordedEvent) {
	ctx := context.Background()
	store := memory.New()
	if _, err := synthetic.Fill(ctx, store, synthetic.New(7, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)), synthetic.FillOptions{Events: benchEvents()}); err != nil {
		panic(err)
	}
	var recs []eventstore.RecordedEvent
	for r, err := range store.ReadAll(ctx, 0, 0) {
		if err != nil {
			panic(err)
		}
		recs = append(recs, r)
	}
	return store, recs
})

// BenchmarkDecode is the cost of decoding one event (envelope and payload).
func BenchmarkDecode(b *testing.B) {
	_, recs := benchLog()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := projections.Decode(&recs[i%len(recs)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkApplyAllViews is the cost of folding one decoded event into
// every view, without the store or decoding.
func BenchmarkApplyAllViews(b *testing.B) {
	_, recs := benchLog()
	evs := make([]projections.Event, len(recs))
	for i := range recs {
		evs[i], _ = projections.Decode(&recs[i])
	}
	b.ReportAllocs()
	set := readmodel.NewSet()
	all := set.All()
	for i := 0; b.Loop(); i++ {
		if i%len(evs) == 0 {
			set = readmodel.NewSet()
			all = set.All()
		}
		for _, v := range all {
			if err := v.Apply(&evs[i%len(evs)]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkReplayMemory is a full rebuild from the in-memory store, per event.
func BenchmarkReplayMemory(b *testing.B) {
	store, recs := benchLog()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := projections.Replay(context.Background(), store, projections.ReplayOptions{}, readmodel.NewSet().All()...); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(recs))*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkApplyPerView is the cost of one event in each view alone.
func BenchmarkApplyPerView(b *testing.B) {
	_, recs := benchLog()
	evs := make([]projections.Event, len(recs))
	for i := range recs {
		evs[i], _ = projections.Decode(&recs[i])
	}
	for k, v := range readmodel.NewSet().All() {
		b.Run(v.Name(), func(b *testing.B) {
			b.ReportAllocs()
			view := readmodel.NewSet().All()[k]
			for i := 0; b.Loop(); i++ {
				if i%len(evs) == 0 {
					view = readmodel.NewSet().All()[k]
				}
				if err := view.Apply(&evs[i%len(evs)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func benchEvents() int {
	if n, err := strconv.Atoi(os.Getenv("LEDGER_REPLAY_EVENTS")); err == nil && n > 0 {
		return n
	}
	return 50_000
}
