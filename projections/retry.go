package projections

import (
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
