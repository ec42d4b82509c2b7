package audit_test

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/audit"
)

// benchTrail is a trail of LEDGER_SNAPSHOT_EVENTS generated events (a
// million unless set), built once for the benchmarks, and its snapshot.
var benchTrail struct {
	once   sync.Once
	trail  *audit.Trail
	snap   []byte
	events int
}

func benchSnapshot(b *testing.B) (*audit.Trail, []byte, int) {
	benchTrail.once.Do(func() {
		n := 1_000_000
		if v, err := strconv.Atoi(os.Getenv("LEDGER_SNAPSHOT_EVENTS")); err == nil && v > 0 {
			n = v
		}
		tr := audit.New()
		eachSyntheticEvent(b, n, func(e *projections.Event) {
			if err := tr.Apply(e); err != nil {
				b.Fatal(err)
			}
		})
		var buf bytes.Buffer
		if err := tr.WriteSnapshot(&buf); err != nil {
			b.Fatal(err)
		}
		benchTrail.trail, benchTrail.snap, benchTrail.events = tr, buf.Bytes(), tr.Len()
	})
	if benchTrail.trail == nil {
		b.Fatal("no trail to benchmark")
	}
	return benchTrail.trail, benchTrail.snap, benchTrail.events
}

// BenchmarkAuditSnapshotWrite is the cost of writing the trail's snapshot,
// per event it holds.
func BenchmarkAuditSnapshotWrite(b *testing.B) {
	tr, snap, events := benchSnapshot(b)
	b.SetBytes(int64(len(snap)))
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if err := tr.WriteSnapshot(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	report(b, len(snap), events, cpuTime()-cpu)
}

// BenchmarkAuditSnapshotRead is the cost of reading the trail back from its
// snapshot (all of a restart's share for this view), per event it holds.
func BenchmarkAuditSnapshotRead(b *testing.B) {
	_, snap, events := benchSnapshot(b)
	b.SetBytes(int64(len(snap)))
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if err := audit.New().ReadSnapshot(bytes.NewReader(snap)); err != nil {
			b.Fatal(err)
		}
	}
	report(b, len(snap), events, cpuTime()-cpu)
}

// report gives the cost per event held, in wall-clock time and in CPU time
// (every thread's, the collector's included): on a machine shared with
// other work the CPU figure is the steadier one.
func report(b *testing.B, size, events int, cpu time.Duration) {
	perEvent := float64(b.N) * float64(events)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/perEvent, "ns/event")
	b.ReportMetric(float64(cpu.Nanoseconds())/perEvent, "cpu-ns/event")
	b.ReportMetric(float64(size)/float64(events), "bytes/event")
	b.ReportMetric(float64(events), "events")
}

// cpuTime is the user and system time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
