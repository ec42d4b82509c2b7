package verify

import (
	"context"
	"runtime"
	"sync"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// batchSize is how many events cross between goroutines at a time: big
// enough that channels cost nothing per event, small enough to stay in cache.
// queueDepth bounds the batches in flight: enough to keep every core busy,
// few enough that the collector has little live data to mark.
const (
	batchSize  = 256
	queueDepth = 4
)

// batch is a run of events in log order with their opened seals, filled by a
// worker; done closes when the seals are in.
type batch struct {
	evs    []eventstore.RecordedEvent
	sealed []integrity.Sealed
	leaves []integrity.Hash // the Merkle leaf of each sealed event
	errs   []error
	done   chan struct{}
}

// visit receives each event in log order with its opened seal and Merkle
// leaf (or the error opening it); it returns false to stop the walk.
type visit func(ev *eventstore.RecordedEvent, s integrity.Sealed, leaf integrity.Hash, err error) bool

// walk reads the global log and hands every event, in order, to fn. Hashing
// an event needs nothing from the others (only comparing prev_hash does, and
// fn does that in order), so one goroutine reads the store, workers hash
// whole batches in parallel, and fn runs in the caller's goroutine. The
// store hands out fresh byte slices per event, so batches can be shared.
func walk(ctx context.Context, store eventstore.Store, fn visit) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ordered := make(chan *batch, queueDepth)
	work := make(chan *batch, queueDepth)
	free := make(chan *batch, 2*queueDepth+runtime.GOMAXPROCS(0)+2)
	errc := make(chan error, 1)
	var workers sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		workers.Go(func() { hashBatches(work) })
	}
	defer workers.Wait()
	go read(ctx, store, ordered, work, free, errc)
	for b := range ordered {
		select {
		case <-b.done:
		case <-ctx.Done(): // a batch may be queued in order but never hashed
			for range ordered {
			}
			return ctx.Err()
		}
		for i := range b.evs {
			if !fn(&b.evs[i], b.sealed[i], b.leaves[i], b.errs[i]) {
				cancel()
				for range ordered { // let the reader and workers finish
				}
				return nil
			}
		}
		b.recycle(free)
	}
	return <-errc
}

func hashBatches(work <-chan *batch) {
	var x integrity.Hasher
	for b := range work {
		for i := range b.evs {
			ev := toIntegrity(b.evs[i])
			b.sealed[i], b.errs[i] = x.Open(&ev)
			b.leaves[i] = integrity.LeafHash(b.sealed[i].Hash)
		}
		close(b.done)
	}
}

// nextBatch reuses a processed batch when one is free: the walk then
// allocates nothing of its own per event.
func nextBatch(free <-chan *batch) *batch {
	select {
	case b := <-free:
		return b
	default:
		return &batch{evs: make([]eventstore.RecordedEvent, 0, batchSize), done: make(chan struct{}),
			sealed: make([]integrity.Sealed, batchSize), leaves: make([]integrity.Hash, batchSize), errs: make([]error, batchSize)}
	}
}

// recycle drops the batch's references to event bytes and offers it for reuse.
func (b *batch) recycle(free chan<- *batch) {
	clear(b.evs)
	clear(b.errs)
	b.evs, b.done = b.evs[:0], make(chan struct{})
	select {
	case free <- b:
	default:
	}
}

// read fills batches from the log and queues each for hashing and, in order,
// for fn. It closes both queues when the log ends, fails or ctx ends.
func read(ctx context.Context, store eventstore.Store, ordered, work chan<- *batch, free <-chan *batch, errc chan<- error) {
	defer close(work)
	defer close(ordered)
	send := func(b *batch) bool {
		for _, q := range []chan<- *batch{ordered, work} {
			select {
			case q <- b:
			case <-ctx.Done():
				return false
			}
		}
		return true
	}
	var err error
	b := nextBatch(free)
	for ev, e := range store.ReadAll(ctx, 0, 0) {
		if e != nil {
			err = e
			break
		}
		if b.evs = append(b.evs, ev); len(b.evs) == batchSize {
			if !send(b) {
				errc <- ctx.Err()
				return
			}
			b = nextBatch(free)
		}
	}
	if len(b.evs) > 0 && err == nil && !send(b) {
		err = ctx.Err()
	}
	errc <- err
}
