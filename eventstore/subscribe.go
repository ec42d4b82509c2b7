package eventstore

import (
	"context"
	"iter"
	"time"
)

// CatchUpBatch is how many events a subscription reads per round trip.
const CatchUpBatch = 1024

// Subscribe builds SubscribeAll for a backend that can read its global log
// and be woken on commit: it reads what is stored in batches, and when it has
// caught up it sleeps until the next commit or until ctx ends.
func Subscribe(ctx context.Context, after uint64, readAll func(ctx context.Context, after uint64, max int) iter.Seq2[RecordedEvent, error], n *Notifier) iter.Seq2[RecordedEvent, error] {
	return func(yield func(RecordedEvent, error) bool) {
		for {
			woken := n.Wait()
			got := 0
			for ev, err := range readAll(ctx, after, CatchUpBatch) {
				if err != nil {
					yield(RecordedEvent{}, err)
					return
				}
				if !yield(ev, nil) {
					return
				}
				after = ev.Position
				got++
			}
			if got == CatchUpBatch {
				continue
			}
			select {
			case <-ctx.Done():
				yield(RecordedEvent{}, ctx.Err())
				return
			case <-woken:
			}
		}
	}
}

// Pause waits d, or less if ctx ends first, and reports whether ctx is still
// alive: the retry loops of the backends and of the subscribers share it.
func Pause(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
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
