package projections

import (
	"context"
	"fmt"
	"slices"
)

// Rebuild replays the whole log into a fresh instance of the named view and
// swaps it in; queries are answered by the old instance until the swap. It
// is how a view stopped by an error is restarted once the cause is fixed.
func (r *Runner) Rebuild(ctx context.Context, name string) error {
	s, ok := r.byName[name]
	if !ok {
		return fmt.Errorf("%w: %q", ErrUnknownView, name)
	}
	return r.rebuild(ctx, []*slot{s})
}

// RebuildAll rebuilds every view in one replay, decoding each event once.
func (r *Runner) RebuildAll(ctx context.Context) error { return r.rebuild(ctx, r.slots) }

func (r *Runner) rebuild(ctx context.Context, slots []*slot) error {
	_, err := r.rebuildFrom(ctx, slots, freshOf(slots), 0)
	return err
}

// rebuildFrom replays the log after position after into fresh (the slots'
// new instances, empty or restored from a snapshot at after), swaps them
// in, and reports how many events it read.
func (r *Runner) rebuildFrom(ctx context.Context, slots []*slot, fresh []Projection, after uint64) (int, error) {
	for i, s := range slots {
		if !s.rebuilding.CompareAndSwap(false, true) {
			for _, done := range slots[:i] {
				done.rebuilding.Store(false)
			}
			return 0, fmt.Errorf("%s: %w", s.name, ErrRebuildInProgress)
		}
	}
	defer func() {
		for _, s := range slots {
			s.rebuilding.Store(false)
		}
	}()
	targets := fresh
	if r.snap != nil {
		targets = append(slices.Clip(fresh), &r.snap.clock) // the recorded times a snapshot header needs
		targets = append(targets, r.generationTarget()...)  // and its erasure generation
	}
	res, err := Replay(ctx, r.store, ReplayOptions{After: after}, targets...)
	if err != nil {
		return res.Events, fmt.Errorf("rebuild: %w", err)
	}
	r.NoteHead(res.Position)
	for i, s := range slots {
		if err := r.swap(ctx, s, fresh[i], res.Views[i]); err != nil {
			return res.Events, err
		}
	}
	return res.Events, nil
}

// swap catches the fresh instance up with what the live loop has applied
// meanwhile (holding the slot so the live loop waits), then publishes it.
func (r *Runner) swap(ctx context.Context, s *slot, fresh Projection, st ViewState) error {
	s.applyMu.Lock()
	defer s.applyMu.Unlock()
	if live := r.dispatched.Load(); st.Err == nil && live > st.Position {
		res, err := Replay(ctx, r.store, ReplayOptions{After: st.Position, Until: live}, fresh)
		if err != nil {
			return fmt.Errorf("rebuild %s: catch up: %w", s.name, err)
		}
		st = res.Views[0]
	}
	s.cur.Store(&holder{p: fresh})
	s.prog.set(st.Position, st.Err)
	return nil
}
