package followup_test

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/synthetic"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/followup"
)

// benchView is the view of LEDGER_SNAPSHOT_EVENTS generated events (a
// million unless set), built once for the benchmarks, and its snapshot.
var benchView struct {
	once   sync.Once
	view   *followup.View
	snap   []byte
	events int
}

func benchSnapshot(b *testing.B) (*followup.View, []byte, int) {
	benchView.once.Do(func() {
		n := 1_000_000
		if v, err := strconv.Atoi(os.Getenv("LEDGER_SNAPSHOT_EVENTS")); err == nil && v > 0 {
			n = v
		}
		v := followup.NewView()
		events := eachSyntheticEvent(b, n, func(e *projections.Event) {
			if err := v.Apply(e); err != nil {
				b.Fatal(err)
			}
		})
		var buf bytes.Buffer
		if err := v.WriteSnapshot(&buf); err != nil {
			b.Fatal(err)
		}
		benchView.view, benchView.snap, benchView.events = v, buf.Bytes(), events
	})
	if benchView.view == nil {
		b.Fatal("no view to benchmark")
	}
	return benchView.view, benchView.snap, benchView.events
}

// BenchmarkFollowUpSnapshotWrite is the cost of writing the view's
// snapshot, per event of the log it was folded from.
func BenchmarkFollowUpSnapshotWrite(b *testing.B) {
	v, snap, events := benchSnapshot(b)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if err := v.WriteSnapshot(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	report(b, len(snap), events, cpuTime()-cpu)
}

// BenchmarkFollowUpSnapshotRead is the cost of reading the view back, per
// event of the log it was folded from.
func BenchmarkFollowUpSnapshotRead(b *testing.B) {
	_, snap, events := benchSnapshot(b)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if err := followup.NewView().ReadSnapshot(bytes.NewReader(snap)); err != nil {
			b.Fatal(err)
		}
	}
	report(b, len(snap), events, cpuTime()-cpu)
}

// report gives the cost per event of the log, in wall-clock and CPU time
// (every thread's): on a shared machine the CPU figure is the steadier one.
func report(b *testing.B, size, events int, cpu time.Duration) {
	perEvent := float64(b.N) * float64(events)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/perEvent, "ns/event")
	b.ReportMetric(float64(cpu.Nanoseconds())/perEvent, "cpu-ns/event")
	b.ReportMetric(float64(size)/float64(events), "bytes/event")
	b.ReportMetric(float64(events), "events")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// eachSyntheticEvent generates a log of at least n events as synthetic.Fill
// appends it, without a store, hands each event decoded to apply and
// returns how many there were.
func eachSyntheticEvent(tb testing.TB, n int, apply func(*projections.Event)) int {
	tb.Helper()
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	g := synthetic.New(11, clock)
	versions := map[string]uint64{}
	pos := uint64(0)
	for pos < uint64(n) {
		var round synthetic.Phases
		for range 8 {
			ph := g.Operation(40)
			for i := range ph {
				round[i] = append(round[i], ph[i]...)
			}
		}
		for _, phase := range round {
			for _, r := range phase {
				clock = clock.Add(1733 * time.Microsecond)
				for _, ev := range r.Events {
					versions[r.Stream]++
					pos++
					rec := eventstore.RecordedEvent{ID: ev.ID, Stream: r.Stream, Version: versions[r.Stream],
						Position: pos, Type: ev.Type, Data: ev.Data, Metadata: ev.Metadata, RecordedAt: clock}
					e, err := projections.Decode(&rec)
					if err != nil {
						tb.Fatal(err)
					}
					apply(&e)
				}
			}
		}
	}
	return int(pos)
}
