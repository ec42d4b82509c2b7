package audit_test

import (
	"testing"
	"time"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/synthetic"
	"github.com/movementcoord/ledger/projections"
)

// syntheticEvents generates a decoded log of at least n events.
func syntheticEvents(tb testing.TB, n int) []projections.Event {
	tb.Helper()
	out := make([]projections.Event, 0, n)
	eachSyntheticEvent(tb, n, func(e *projections.Event) { out = append(out, *e) })
	return out
}

// eachSyntheticEvent generates a log of at least n events as synthetic.Fill
// would append it (operations in rounds of eight, phase by phase, each
// record's events together) and hands each event, decoded, to apply.
func eachSyntheticEvent(tb testing.TB, n int, apply func(*projections.Event)) {
	tb.Helper()
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	g := synthetic.New(11, clock)
	versions := map[string]uint64{}
	for pos := uint64(0); pos < uint64(n); {
		var round synthetic.Phases
		for range 8 {
			ph := g.Operation(40)
			for i := range ph {
				round[i] = append(round[i], ph[i]...)
			}
		}
		for _, phase := range round {
			for _, r := range phase {
				clock = clock.Add(1733 * time.Microsecond) // one append's commit
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
}
