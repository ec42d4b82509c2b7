package projections

import (
	"context"
	"time"
)

// Pauses between attempts to read a failing store.
const (
	firstWait = 100 * time.Millisecond
	maxWait   = 5 * time.Second
)

func nextWait(w time.Duration) time.Duration {
	if w == 0 {
		return firstWait
	}
	return min(2*w, maxWait)
}

// sleep waits d, or less if ctx ends first; it reports whether ctx is alive.
func sleep(ctx context.Context, d time.Duration) bool {
	if d == 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// stalled records (or, with nil, clears) the store's failure for Status.
func (r *Runner) stalled(err error) {
	if err == nil {
		if r.storeErr.Load() != nil {
			r.storeErr.Store(nil)
		}
		return
	}
	r.storeErr.Store(&err)
}
