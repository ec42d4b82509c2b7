package verify

import (
	"crypto/ed25519"
	"time"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// Tracker follows the log event by event, checking each chain and keeping
// every stream's head, so that a server subscribed to the log can sign a
// digest at any moment without reading the log again. Feed it events in
// global order from position zero. It is not safe for concurrent use.
type Tracker struct {
	c *chains
	x integrity.Hasher
}

// NewTracker returns a tracker at the start of the log.
func NewTracker() *Tracker { return &Tracker{c: newChains()} }

// Add checks ev against its stream's chain and moves the head. After a
// Problem the tracker stays where it was: the log is not intact.
func (t *Tracker) Add(ev *eventstore.RecordedEvent) *Problem {
	iev := toIntegrity(*ev)
	s, err := t.x.Open(&iev)
	return t.c.add(ev, s, err)
}

// Position is the global position of the last event added.
func (t *Tracker) Position() uint64 { return t.c.last }

// Digest signs the heads at Position.
func (t *Tracker) Digest(key ed25519.PrivateKey, now time.Time) File {
	return t.c.sign(key, now)
}
