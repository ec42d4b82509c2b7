package projections

import (
	"context"
	"fmt"
	"sync"

	"github.com/movementcoord/ledger/eventstore"
)

// batchSize trades latency of the first event for fewer channel hand-offs.
const batchSize = 256

// batch is a run of stored events decoded by one worker. done is closed when
// evs (or decodeErr) is ready; batches reach the applier in log order.
type batch struct {
	raw       []eventstore.RecordedEvent
	bytes     []byte // the raw events' payloads when the store lends them
	evs       []Event
	decodeErr error // the first event that failed to decode, at index len(evs)
	readErr   error // the store failed after raw
	done      chan struct{}
}

// batches recycles batches: a rebuild of a million events would otherwise
// allocate some 300 MB of short-lived slices for the collector to sweep.
var batches = sync.Pool{New: func() any {
	return &batch{raw: make([]eventstore.RecordedEvent, 0, batchSize), evs: make([]Event, 0, batchSize)}
}}

func newBatch() *batch {
	b := batches.Get().(*batch)
	b.done = make(chan struct{})
	return b
}

// release hands b back once its events are applied. Views copy what they
// keep out of an Event, so the slices are cleared and reused.
func (b *batch) release() {
	clear(b.raw)
	clear(b.evs)
	b.raw, b.evs, b.bytes = b.raw[:0], b.evs[:0], b.bytes[:0]
	b.decodeErr, b.readErr, b.done = nil, nil, nil
	batches.Put(b)
}

// decodeBatches reads the log on one goroutine and decodes batches on
// several, yielding them in order. The read of the store, the decoding and the
// caller's applying overlap, so a rebuild costs about the slowest of the three.
func decodeBatches(ctx context.Context, store eventstore.Store, opts ReplayOptions) <-chan *batch {
	ordered := make(chan *batch, 4*workers(opts.Workers))
	work := make(chan *batch, 4*workers(opts.Workers))
	go readBatches(ctx, store, opts, ordered, work)
	for range workers(opts.Workers) {
		go func() { // ends when readBatches closes work
			in := newInterner()
			for b := range work {
				b.decode(in)
			}
		}()
	}
	return ordered
}

func readBatches(ctx context.Context, store eventstore.Store, opts ReplayOptions, ordered, work chan<- *batch) {
	defer close(work)
	defer close(ordered)
	r := reader{ctx: ctx, store: store, opts: opts, ordered: ordered, work: work, b: newBatch(), after: opts.After}
	r.read()
	if len(r.b.raw) > 0 || r.b.readErr != nil {
		send(ctx, r.b, ordered, work)
	}
}

// reader fills batches from the log and hands them on when full.
type reader struct {
	ctx           context.Context
	store         eventstore.Store
	opts          ReplayOptions
	ordered, work chan<- *batch
	b             *batch
	after         uint64 // last position read
}

// read reads from r.after to the end (or opts.Until), borrowing the events
// when the store lends them: decoding keeps none of their bytes, so they
// are copied into the batch's own buffer, which is reused with the batch.
func (r *reader) read() {
	if l, ok := r.store.(eventstore.Lender); ok {
		for rec, err := range l.LendAll(r.ctx, r.after, 0) {
			if !r.add(rec, err, true) {
				return
			}
		}
		return
	}
	for rec, err := range r.store.ReadAll(r.ctx, r.after, 0) {
		if !r.add(&rec, err, false) {
			return
		}
	}
}

// add puts rec in the current batch (copying its payloads when it is only
// lent), handing the batch on when full; it returns false to stop reading.
func (r *reader) add(rec *eventstore.RecordedEvent, err error, lent bool) bool {
	switch {
	case err != nil:
		r.b.readErr = err
		return false
	case r.opts.Until > 0 && rec.Position > r.opts.Until:
		return false
	case rec.Stream == "":
		r.b.readErr = fmt.Errorf("event at position %d: %w", rec.Position, errUnnamedStream)
		return false
	}
	r.after = rec.Position
	r.b.raw = append(r.b.raw, *rec)
	if lent {
		r.b.keep(&r.b.raw[len(r.b.raw)-1])
	}
	if len(r.b.raw) == batchSize {
		if !send(r.ctx, r.b, r.ordered, r.work) {
			return false
		}
		r.b = newBatch()
	}
	return true
}

// keep copies the payloads of rec, an event of b.raw read from a lent one,
// into b.bytes. When they do not fit, a new buffer is started, which the
// batch keeps for its next use; the events already copied hold on to the
// old one.
func (b *batch) keep(rec *eventstore.RecordedEvent) {
	rec.Data, rec.Metadata = b.copy(rec.Data), b.copy(rec.Metadata)
}

func (b *batch) copy(p []byte) []byte {
	if len(p) == 0 {
		return p[:0:0] // nil stays nil, empty stays empty
	}
	if cap(b.bytes)-len(b.bytes) < len(p) {
		b.bytes = make([]byte, 0, max(2*cap(b.bytes), batchSize*1024, len(p)))
	}
	n := len(b.bytes)
	b.bytes = append(b.bytes, p...)
	return b.bytes[n:len(b.bytes):len(b.bytes)]
}

// send queues b for the applier first, then for a worker, so the applier
// always waits on the oldest batch.
func send(ctx context.Context, b *batch, ordered, work chan<- *batch) bool {
	select {
	case ordered <- b:
	case <-ctx.Done():
		return false
	}
	select {
	case work <- b:
		return true
	case <-ctx.Done():
		close(b.done)
		return false
	}
}

func (b *batch) decode(in *interner) {
	defer close(b.done)
	for i := range b.raw {
		ev, err := decode(&b.raw[i], in)
		if err != nil {
			b.decodeErr = err
			return
		}
		b.evs = append(b.evs, ev)
	}
}
