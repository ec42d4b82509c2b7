package verify

import (
	"errors"
	"fmt"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// head is where a stream's chain stands during a walk.
type head struct {
	stream   string // the map's key, kept once for every reference
	version  uint64
	position uint64
	hash     integrity.Hash
}

// chains folds the global log, in order, into stream heads, checking each
// event against its stream's chain.
type chains struct {
	heads  map[string]*head
	events uint64
	last   uint64 // position of the last event folded
}

func newChains() *chains { return &chains{heads: map[string]*head{}} }

// add checks ev, whose seal was opened into s (or failed with openErr), and
// moves its stream's head, or returns the problem with it.
func (c *chains) add(ev *eventstore.RecordedEvent, s integrity.Sealed, openErr error) (*head, *Problem) {
	h, known := c.heads[ev.Stream]
	if !known {
		h = &head{stream: ev.Stream} // kept only once its first event passes
	}
	bad := func(err error, format string, args ...any) (*head, *Problem) {
		return nil, &Problem{Stream: ev.Stream, Version: ev.Version, Position: ev.Position, Reason: fmt.Sprintf(format, args...), Err: err}
	}
	if ev.Version != h.version+1 {
		return bad(nil, "version %d follows version %d of the stream: %s", ev.Version, h.version, gapReason(h.version, ev.Version))
	}
	if errors.Is(openErr, integrity.ErrHashMismatch) {
		return bad(openErr, "%v (type, payload, metadata, id or place changed)", openErr)
	}
	if openErr != nil {
		return bad(openErr, "%v", openErr)
	}
	if s.Prev != h.hash {
		return bad(integrity.ErrBrokenLink, "%v: prev_hash %s, hash of version %d is %s (an event was inserted, removed or moved)",
			integrity.ErrBrokenLink, s.Prev, h.version, h.hash)
	}
	h.version, h.position, h.hash = ev.Version, ev.Position, s.Hash
	if !known {
		c.heads[ev.Stream] = h
	}
	c.events++
	c.last = ev.Position
	return h, nil
}

func gapReason(prev, got uint64) string {
	if got <= prev {
		return "the stream goes back (events reordered or duplicated)"
	}
	if got == prev+2 {
		return fmt.Sprintf("version %d is missing", prev+1)
	}
	return fmt.Sprintf("versions %d to %d are missing", prev+1, got-1)
}
