package projections

import "fmt"

// target is one view in a replay with where it stands.
type target struct {
	view   Projection
	pos    uint64 // last good position, meaningful once failed
	err    error
	failed bool
}

type targets []*target

func newTargets(views []Projection, after uint64) targets {
	ts := make(targets, len(views))
	for i, v := range views {
		ts[i] = &target{view: v, pos: after}
	}
	return ts
}

// applyBatch applies b's events to every view still healthy and advances res.
func (ts targets) applyBatch(b *batch, keep func(*Event) bool, res *ReplayResult) error {
	for i := range b.evs {
		e := &b.evs[i]
		prev := res.Position
		res.Position, res.Events = e.Position, res.Events+1
		if keep != nil && !keep(e) {
			continue
		}
		for _, t := range ts {
			if !t.failed {
				t.apply(e, prev)
			}
		}
	}
	if b.decodeErr != nil {
		for _, t := range ts {
			t.fail(res.Position, b.decodeErr)
		}
	}
	if b.readErr != nil {
		return fmt.Errorf("replay after position %d: %w", res.Position, b.readErr)
	}
	return nil
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

func (ts targets) states(last uint64) []ViewState {
	out := make([]ViewState, len(ts))
	for i, t := range ts {
		out[i] = ViewState{Name: t.view.Name(), Position: last}
		if t.failed {
			out[i].Position, out[i].Err = t.pos, t.err
		}
	}
	return out
}
