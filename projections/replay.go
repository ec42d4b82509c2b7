package projections

import (
	"context"
	"fmt"
	"runtime"

	"github.com/movementcoord/ledger/eventstore"
)

// ReplayOptions bound a replay.
type ReplayOptions struct {
	After uint64 // replay events after this position
	Until uint64 // stop after this position; zero replays to the end of the log
	// Keep, when set, drops the events it returns false for: as-of views keep
	// only what was recorded, or had occurred, by a date.
	Keep func(*Event) bool
	// Workers decoding batches in parallel, and applying a batch to several
	// views at once; zero means GOMAXPROCS.
	Workers int
	// OnBatch, when set, is told the last position read after every batch.
	OnBatch func(position uint64, events int)
}

// ViewState is where one replayed view ended.
type ViewState struct {
	Name     string
	Position uint64 // last position applied (or skipped by Keep)
	Err      error  // set when the view failed; Position is then the last good one
}

// ReplayResult says how far a replay went.
type ReplayResult struct {
	Position uint64 // last position read
	Events   int    // events read
	Views    []ViewState
}

// Replay reads the log from opts.After and applies every event to views,
// which must not be shared yet (nothing locks them) and must not depend on
// one another: a batch of events is applied to several views at once, each
// view's events in order on one goroutine at a time. Keep is called once per
// event, on the caller's goroutine. A view whose Apply fails
// stops there and keeps its error; the others go on. An event that cannot be
// decoded stops every view. The returned error is a failed read of the store
// or the end of ctx.
func Replay(ctx context.Context, store eventstore.Store, opts ReplayOptions, views ...Projection) (ReplayResult, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ts := newTargets(views, opts.After, workers(opts.Workers))
	res := ReplayResult{Position: opts.After}
	for b := range decodeBatches(ctx, store, opts) {
		<-b.done
		err := ts.applyBatch(b, opts.Keep, &res)
		b.release()
		if err != nil {
			return res.finish(ts), err
		}
		if opts.OnBatch != nil {
			opts.OnBatch(res.Position, res.Events)
		}
	}
	if err := ctx.Err(); err != nil {
		return res.finish(ts), fmt.Errorf("replay: %w", err)
	}
	return res.finish(ts), nil
}

func (r ReplayResult) finish(ts *targets) ReplayResult {
	r.Views = ts.states(r.Position)
	return r
}

func workers(n int) int {
	if n > 0 {
		return n
	}
	return runtime.GOMAXPROCS(0)
}
