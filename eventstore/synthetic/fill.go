package synthetic

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/movementcoord/ledger/eventstore"
)

// FillOptions size a generated log.
type FillOptions struct {
	Events   int // stop once the log holds at least this many events
	Size     int // size of each operation (see Gen.Operation); zero means 40
	Workers  int // concurrent appenders; the store groups their commits. Zero means 1.
	Progress func(events int)
}

// opsPerRound is how many operations are appended phase by phase together,
// so that each phase has enough records to keep the appenders busy.
const opsPerRound = 8

// Fill appends generated operations to store until it holds at least
// opts.Events events and returns how many it appended.
func Fill(ctx context.Context, store eventstore.Store, g *Gen, opts FillOptions) (int, error) {
	if opts.Size <= 0 {
		opts.Size = 40
	}
	total := 0
	for total < opts.Events {
		var round Phases
		for range opsPerRound {
			ph := g.Operation(opts.Size)
			for i := range ph {
				round[i] = append(round[i], ph[i]...)
			}
			if total += ph.Events(); total >= opts.Events {
				break
			}
		}
		for _, recs := range round {
			if err := appendAll(ctx, store, recs, max(opts.Workers, 1)); err != nil {
				return total, err
			}
		}
		if opts.Progress != nil {
			opts.Progress(total)
		}
	}
	return total, nil
}

// appendAll appends each record as a new stream, from several goroutines.
func appendAll(ctx context.Context, store eventstore.Store, recs []Record, workers int) error {
	var next atomic.Int64
	var mu sync.Mutex
	var first error
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(len(recs)); i = next.Add(1) - 1 {
				r := recs[i]
				if _, err := store.Append(ctx, r.Stream, eventstore.NoStream(), r.Events...); err != nil {
					mu.Lock()
					first = cmpErr(first, fmt.Errorf("append %s: %w", r.Stream, err))
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}

func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}
