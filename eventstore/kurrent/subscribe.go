package kurrent

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"

	"github.com/movementcoord/ledger/eventstore"
)

// SubscribeAll yields our events after a position, stored ones first, then
// live ones. The client neither resumes a dropped subscription nor starts
// anywhere but the end by default: we always pass our position, and after a
// drop we subscribe again from the last event seen, skipping anything not
// beyond it, so the consumer sees each event exactly once. The caller's
// position is checked against the log first (checkPosition), retried like a
// drop while the node cannot be reached; an invalid one ends the
// subscription at once.
func (s *Store) SubscribeAll(ctx context.Context, after uint64) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		cur := cursor{pos: after, have: after > 0}
		checked := after == 0
		wait := s.cfg.retryMin
		for {
			var progressed bool
			var err error
			if checked {
				progressed, err = s.follow(ctx, &cur, yield)
			} else if err = s.checkPosition(ctx, after); err == nil {
				checked = true
				continue
			}
			switch {
			case errors.Is(err, errStopped):
				return
			case ctx.Err() != nil:
				yield(eventstore.RecordedEvent{}, ctx.Err())
				return
			case !retryable(err):
				yield(eventstore.RecordedEvent{}, mapError("subscribe to $all", err))
				return
			}
			if progressed {
				wait = s.cfg.retryMin
			}
			s.cfg.logger.Warn("kurrent: subscription dropped, resuming", "after", cur.pos, "wait", wait, "err", mapError("subscribe to $all", err))
			if !eventstore.Pause(ctx, wait) {
				yield(eventstore.RecordedEvent{}, ctx.Err())
				return
			}
			wait = min(2*wait, s.cfg.retryMax)
		}
	}
}

// follow runs one subscription until it drops, the consumer stops
// (errStopped) or ctx ends. It reports whether any event arrived.
func (s *Store) follow(ctx context.Context, cur *cursor, yield func(eventstore.RecordedEvent, error) bool) (bool, error) {
	opts := esdb.SubscribeToAllOptions{From: cur.from()}
	sub, c, err := callOn(ctx, s, func(cl *esdb.Client) (*esdb.Subscription, error) {
		return cl.SubscribeToAll(ctx, opts)
	}, func(sub *esdb.Subscription) { _ = sub.Close() })
	if err != nil {
		return false, err
	}
	defer func() { _ = sub.Close() }()
	done := make(chan struct{})
	defer close(done)
	events := pump(done, c, func() (*esdb.SubscriptionEvent, error) { return receive(sub) })
	progressed := false
	for {
		select {
		case r := <-events:
			if r.err != nil {
				return progressed, r.err
			}
			progressed = true
			if !s.deliver(cur, r.v, yield) {
				return progressed, errStopped
			}
		case <-ctx.Done():
			return progressed, ctx.Err()
		case <-c.dead:
			return progressed, errClientRetired
		}
	}
}

// receive turns a dropped subscription into an error.
func receive(sub *esdb.Subscription) (*esdb.SubscriptionEvent, error) {
	ev := sub.Recv()
	if d := ev.SubscriptionDropped; d != nil {
		return nil, fmt.Errorf("subscription dropped: %w", d.Error)
	}
	return ev, nil
}

// deliver yields an event that is new and ours; caught-up notices and
// checkpoints carry nothing for the consumer.
func (s *Store) deliver(cur *cursor, ev *esdb.SubscriptionEvent, yield func(eventstore.RecordedEvent, error) bool) bool {
	if ev.EventAppeared == nil {
		return true
	}
	r := ev.EventAppeared.OriginalEvent()
	if !cur.advance(r) {
		return true
	}
	meta, ours := s.ours(r)
	if !ours {
		return true
	}
	return yield(s.fromRecorded(r, meta), nil)
}
