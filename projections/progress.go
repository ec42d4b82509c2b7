package projections

import (
	"context"
	"fmt"
	"sync"
)

// progress is the position a view has reached, its error state, and the
// callers waiting for a position.
type progress struct {
	mu      sync.Mutex
	pos     uint64
	err     error
	changed chan struct{} // closed and replaced to wake waiters
	waiters int           // callers blocked on changed since it was made
}

func newProgress() *progress { return &progress{changed: make(chan struct{})} }

func (p *progress) get() (uint64, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.pos, p.err
}

// set records a new position and error state and wakes the waiters.
func (p *progress) set(pos uint64, err error) {
	p.mu.Lock()
	p.pos, p.err = pos, err
	p.wakeLocked()
	p.mu.Unlock()
}

// advance moves the position forward. Waking waiters costs a channel only
// when somebody could be waiting, so the per-event cost stays small.
func (p *progress) advance(pos uint64) {
	p.mu.Lock()
	p.pos = pos
	if p.waiters > 0 {
		p.wakeLocked()
	}
	p.mu.Unlock()
}

// waitFor blocks until pos is reached, the view fails, or ctx ends.
func (p *progress) waitFor(ctx context.Context, name string, pos uint64) error {
	for {
		p.mu.Lock()
		cur, err, ch := p.pos, p.err, p.changed
		if cur >= pos {
			p.mu.Unlock()
			return nil
		}
		if err != nil {
			p.mu.Unlock()
			return fmt.Errorf("%s stopped at position %d before %d: %w", name, cur, pos, err)
		}
		p.waiters++
		p.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("%s at position %d, waiting for %d: %w", name, cur, pos, ctx.Err())
		}
	}
}

func (p *progress) wakeLocked() {
	close(p.changed)
	p.changed = make(chan struct{})
	p.waiters = 0
}
