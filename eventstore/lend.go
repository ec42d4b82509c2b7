package eventstore

import (
	"context"
	"iter"
)

// Lender is implemented by stores that can read the global log without
// handing over a fresh copy of every event's bytes. It reads as ReadAll,
// but the event it yields, with its Data and Metadata, is only lent: it is
// valid until the next iteration, after which the store reuses it. A caller
// that keeps anything of it copies it first.
//
// A rebuild reads this way: it decodes every event once and keeps none of
// its bytes, so a copy per event would only feed the garbage collector.
type Lender interface {
	LendAll(ctx context.Context, after uint64, max int) iter.Seq2[*RecordedEvent, error]
}
