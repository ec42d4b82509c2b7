package projections

import (
	"fmt"
	"sync"
	"sync/atomic"
)

// slot holds the current instance of one view. Queries load the instance
// pointer; a rebuild replaces it atomically, so queries never stop.
type slot struct {
	name       string
	factory    Factory
	cur        atomic.Pointer[holder]
	applyMu    sync.Mutex // orders live applies against the swap of a rebuilt instance
	prog       *progress
	rebuilding atomic.Bool
}

type holder struct{ p Projection }

func newSlot(f Factory) *slot {
	p := f()
	s := &slot{name: p.Name(), factory: f, prog: newProgress()}
	s.cur.Store(&holder{p: p})
	return s
}

func (s *slot) view() Projection { return s.cur.Load().p }

// applyLive folds one event of the live subscription into the shared
// instance, under the view's write lock. decodeErr stops the view.
func (s *slot) applyLive(pos uint64, e *Event, decodeErr error) {
	s.applyMu.Lock()
	defer s.applyMu.Unlock()
	cur, failed := s.prog.get()
	if failed != nil || pos <= cur {
		return // stopped views wait for a rebuild; applied events are ignored
	}
	if decodeErr != nil {
		s.prog.set(cur, fmt.Errorf("%w: %s: %w", ErrFailed, s.name, decodeErr))
		return
	}
	v := s.view()
	v.Lock()
	err := v.Apply(e)
	v.Unlock()
	if err != nil {
		s.prog.set(cur, fmt.Errorf("%w: %s at position %d (%s): %w", ErrFailed, s.name, pos, e.Type, err))
		return
	}
	s.prog.advance(pos)
}
