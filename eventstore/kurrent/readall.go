package kurrent

import (
	"context"
	"errors"
	"iter"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"

	"github.com/movementcoord/ledger/eventstore"
)

// ReadAll yields our events of $all after a position, page by page, hiding
// system events (they still move the cursor).
func (s *Store) ReadAll(ctx context.Context, after uint64, max int) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		if err := s.checkPosition(ctx, after); err != nil {
			yield(eventstore.RecordedEvent{}, err)
			return
		}
		cur := cursor{pos: after, have: after > 0}
		yielded := 0
		for {
			raw := uint64(0)
			err := s.readEvents(ctx, "read $all", cur.openPage(ctx, s.cfg.pageSize), func(e *esdb.ResolvedEvent) bool {
				raw++
				r := e.OriginalEvent()
				if !cur.advance(r) {
					return true
				}
				meta, ours := s.ours(r)
				if !ours {
					return true
				}
				yielded++
				return yield(s.fromRecorded(r, meta), nil) && (max == 0 || yielded < max)
			})
			switch {
			case errors.Is(err, errStopped):
				return
			case err != nil:
				yield(eventstore.RecordedEvent{}, err)
				return
			case raw < s.cfg.pageSize:
				return
			}
		}
	}
}

// cursor is the position of the last event seen in $all. KurrentDB reads
// forward from a position inclusively and subscriptions start after it;
// skipping what is not beyond the cursor makes both exact.
type cursor struct {
	pos  uint64
	have bool
}

// advance moves past r and reports whether r is new.
func (c *cursor) advance(r *esdb.RecordedEvent) bool {
	if c.have && r.Position.Commit <= c.pos {
		return false
	}
	c.pos, c.have = r.Position.Commit, true
	return true
}

func (c *cursor) from() esdb.AllPosition {
	if !c.have {
		return esdb.Start{}
	}
	return allPosition(c.pos)
}

func (c *cursor) openPage(ctx context.Context, size uint64) func(*esdb.Client) (*esdb.ReadStream, error) {
	from := c.from()
	return func(cl *esdb.Client) (*esdb.ReadStream, error) {
		return cl.ReadAll(ctx, esdb.ReadAllOptions{Direction: esdb.Forwards, From: from}, size)
	}
}
