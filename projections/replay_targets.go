package projections

import (
	"cmp"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// target is one view in a replay with where it stands.
type target struct {
	view   Projection
	pos    uint64 // last good position, meaningful once failed
	err    error
	failed bool
	cost   time.Duration // what the last batch took, to hand out the costly views first
}

type targets struct {
	all     []*target
	order   []*target // all, costliest first
	workers int       // goroutines applying a batch, one view each at a time
	skip    []bool    // per event of the batch: dropped by Keep
}

func newTargets(views []Projection, after uint64, workers int) *targets {
	ts := &targets{all: make([]*target, len(views)), workers: min(workers, len(views))}
	for i, v := range views {
		ts.all[i] = &target{view: v, pos: after}
	}
	ts.order = slices.Clone(ts.all)
	return ts
}

// applyBatch applies b's events to every view still healthy and advances
// res. The views are independent of one another, so a batch is applied to
// several at once, each view by one goroutine, its events in order; the
// next batch starts once every view is done with this one.
func (ts *targets) applyBatch(b *batch, keep func(*Event) bool, res *ReplayResult) error {
	prev := res.Position
	ts.skip = ts.skip[:0]
	for i := range b.evs {
		e := &b.evs[i]
		res.Position, res.Events = e.Position, res.Events+1
		ts.skip = append(ts.skip, keep != nil && !keep(e))
	}
	ts.applyEach(b.evs, prev)
	if b.decodeErr != nil {
		for _, t := range ts.all {
			t.fail(res.Position, b.decodeErr)
		}
	}
	if b.readErr != nil {
		return fmt.Errorf("replay after position %d: %w", res.Position, b.readErr)
	}
	return nil
}

// applyEach applies evs to every view, on up to ts.workers goroutines that
// take the views costliest first (as the last batch measured them), so the
// costliest does not start last.
func (ts *targets) applyEach(evs []Event, prev uint64) {
	if len(evs) == 0 {
		return
	}
	if ts.workers < 2 {
		for _, t := range ts.all {
			t.applyAll(evs, ts.skip, prev)
		}
		return
	}
	var next atomic.Int32
	run := func() {
		for i := int(next.Add(1)) - 1; i < len(ts.order); i = int(next.Add(1)) - 1 {
			t := ts.order[i]
			start := time.Now()
			t.applyAll(evs, ts.skip, prev)
			t.cost = time.Since(start)
		}
	}
	var wg sync.WaitGroup
	for range ts.workers - 1 {
		wg.Go(run)
	}
	run()
	wg.Wait()
	slices.SortStableFunc(ts.order, func(a, b *target) int { return cmp.Compare(b.cost, a.cost) })
}

// applyAll folds the events not skipped; prev is the position before the
// first, where a failure on it leaves the view.
func (t *target) applyAll(evs []Event, skip []bool, prev uint64) {
	for i := range evs {
		e := &evs[i]
		if !t.failed && !skip[i] {
			t.apply(e, prev)
		}
		prev = e.Position
	}
}

// apply folds e; prev is the position before it, where a failure leaves the view.
func (t *target) apply(e *Event, prev uint64) {
	if err := t.view.Apply(e); err != nil {
		t.fail(prev, fmt.Errorf("%s at position %d (%s): %w", t.view.Name(), e.Position, e.Type, err))
	}
}

// fail stops the view; pos is the last position it applied.
func (t *target) fail(pos uint64, err error) {
	if t.failed {
		return
	}
	t.failed, t.pos, t.err = true, pos, fmt.Errorf("%w: %w", ErrFailed, err)
}

func (ts *targets) states(last uint64) []ViewState {
	out := make([]ViewState, len(ts.all))
	for i, t := range ts.all {
		out[i] = ViewState{Name: t.view.Name(), Position: last}
		if t.failed {
			out[i].Position, out[i].Err = t.pos, t.err
		}
	}
	return out
}
