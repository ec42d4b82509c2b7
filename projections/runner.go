package projections

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/movementcoord/ledger/eventstore"
)

// Runner keeps a set of views up to date with the store's global log.
type Runner struct {
	store      eventstore.Store
	slots      []*slot
	byName     map[string]*slot
	dispatched atomic.Uint64         // last position the live loop handed to the views
	head       atomic.Uint64         // highest position known to exist in the store
	storeErr   atomic.Pointer[error] // set while reading the store fails
	caughtUp   atomic.Bool           // the first replay of Run is done
	snap       *runnerSnapshots      // nil: no snapshots (UseSnapshots)
	startMu    sync.Mutex            // guards snap.started
}

// NewRunner registers views by their factories. View names must be unique.
func NewRunner(store eventstore.Store, factories ...Factory) *Runner {
	r := &Runner{store: store, byName: map[string]*slot{}}
	for _, f := range factories {
		s := newSlot(f)
		if _, dup := r.byName[s.name]; dup {
			panic("projections: view registered twice: " + s.name)
		}
		r.slots = append(r.slots, s)
		r.byName[s.name] = s
	}
	return r
}

// Run catches every view up with a parallel replay of the log (from the
// newest valid snapshot, with UseSnapshots), then follows the store's
// subscription one event at a time until ctx ends; it then writes a last
// snapshot and returns nil. When the store fails, Run keeps retrying with a growing pause
// and every view reports the state "stalled" with the store's error (not
// ready) until reading works again: the views never go quietly stale.
func (r *Runner) Run(ctx context.Context) error {
	if r.catchUp(ctx) {
		r.snapshotNewGeneration()
		r.snapshotIfDue()
		r.followRetrying(ctx)
		r.snapshotOnStop()
	}
	return nil
}

// catchUp rebuilds every view, retrying while the store fails; it reports
// false when ctx ended first.
func (r *Runner) catchUp(ctx context.Context) bool {
	for wait := time.Duration(0); eventstore.Pause(ctx, wait); wait = nextWait(wait) {
		err := r.startUp(ctx)
		if err == nil {
			r.caughtUp.Store(true)
			return true
		}
		if ctx.Err() == nil {
			r.stalled(err)
		}
	}
	return false
}

// followRetrying follows the log until ctx ends, resubscribing after a
// failure of the store with a growing pause.
func (r *Runner) followRetrying(ctx context.Context) {
	wait := time.Duration(0)
	for eventstore.Pause(ctx, wait) {
		err := r.follow(ctx)
		if ctx.Err() != nil {
			return
		}
		wait = nextWait(wait)
		r.stalled(err)
	}
}

// follow applies the subscription from the lowest healthy checkpoint. It
// returns the store's error, or nil when ctx ends.
func (r *Runner) follow(ctx context.Context) error {
	from := r.resumeFrom()
	// a probe read tells a store that works again from one still failing,
	// before the subscription blocks waiting for new events
	for _, err := range r.store.ReadAll(ctx, from, 1) {
		if err != nil {
			return fmt.Errorf("follow the log after position %d: %w", from, err)
		}
	}
	r.stalled(nil)
	for rec, err := range r.store.SubscribeAll(ctx, from) {
		if err != nil {
			return fmt.Errorf("follow the log after position %d: %w", r.dispatched.Load(), err)
		}
		if rec.Stream == "" {
			return fmt.Errorf("event at position %d: %w", rec.Position, errUnnamedStream)
		}
		r.dispatch(&rec)
		r.noteGeneration(&rec) // before noteLive: a snapshot needs the generation
		r.noteLive(rec.Position, rec.RecordedAt)
	}
	return nil
}

// dispatch decodes one event once and hands it to every view.
func (r *Runner) dispatch(rec *eventstore.RecordedEvent) {
	ev, err := Decode(rec)
	r.dispatched.Store(rec.Position)
	r.NoteHead(rec.Position)
	for _, s := range r.slots {
		s.applyLive(rec.Position, &ev, err)
	}
}

// resumeFrom is the lowest checkpoint of the healthy views: the live loop
// starts there and the views ahead of it ignore what they already applied.
func (r *Runner) resumeFrom() uint64 {
	var lowest, highest uint64
	found := false
	for _, s := range r.slots {
		pos, err := s.prog.get()
		highest = max(highest, pos)
		if err == nil && (!found || pos < lowest) {
			lowest, found = pos, true
		}
	}
	if !found {
		return highest
	}
	return lowest
}

// NoteHead tells the runner that position exists in the store (the API calls
// it after an append), so Status reports the lag honestly.
func (r *Runner) NoteHead(pos uint64) {
	for {
		cur := r.head.Load()
		if pos <= cur || r.head.CompareAndSwap(cur, pos) {
			return
		}
	}
}

// View returns the current instance of the named view, for queries.
func (r *Runner) View(name string) (Projection, error) {
	s, ok := r.byName[name]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownView, name)
	}
	return s.view(), nil
}

// Get returns the current instance of the named view as its concrete type.
func Get[T Projection](r *Runner, name string) (T, error) {
	var zero T
	p, err := r.View(name)
	if err != nil {
		return zero, err
	}
	v, ok := p.(T)
	if !ok {
		return zero, fmt.Errorf("%w: %q is a %T", ErrUnknownView, name, p)
	}
	return v, nil
}

// WaitFor blocks until every view has applied position, so a client reads
// its own write; it fails when ctx ends first or a view stopped before it.
func (r *Runner) WaitFor(ctx context.Context, position uint64) error {
	var errs []error
	for _, s := range r.slots {
		if err := s.prog.waitFor(ctx, s.name, position); err != nil {
			errs = append(errs, err)
			if ctx.Err() != nil {
				break
			}
		}
	}
	return errors.Join(errs...)
}

// WaitForView is WaitFor for one view.
func (r *Runner) WaitForView(ctx context.Context, name string, position uint64) error {
	s, ok := r.byName[name]
	if !ok {
		return fmt.Errorf("%w: %q", ErrUnknownView, name)
	}
	return s.prog.waitFor(ctx, name, position)
}
