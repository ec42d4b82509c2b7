package verify

import (
	"sort"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// ref names the event behind a leaf of the tree. It points at the stream's
// head for the name, so a million refs hold no copy of a stream name.
type ref struct {
	head     *head
	version  uint64
	position uint64
}

func (r ref) stream() string { return r.head.stream }

// Tracker folds the log, event by event in global order, into every
// stream's chain head and the Merkle tree over all events, so that a server
// subscribed to the log can check checkpoints and prove events without
// reading the log again. It is not safe for concurrent use.
type Tracker struct {
	c    *chains
	tree *integrity.Tree
	refs []ref
	x    integrity.Hasher
	// dense: positions must run 1, 2, 3... (the embedded store), so a
	// deleted event shows as a gap even when it was a stream's last.
	dense bool
}

// NewTracker returns a tracker at the start of the log. With dense, a gap in
// the global positions is a problem.
func NewTracker(dense bool) *Tracker {
	return &Tracker{c: newChains(), tree: integrity.NewTree(), dense: dense}
}

// Add checks ev and extends the tree. After a Problem the tracker stays
// where it was: the log is not intact.
func (t *Tracker) Add(ev *eventstore.RecordedEvent) *Problem {
	iev := toIntegrity(*ev)
	s, err := t.x.Open(&iev)
	return t.add(ev, s, integrity.LeafHash(s.Hash), err)
}

func (t *Tracker) add(ev *eventstore.RecordedEvent, s integrity.Sealed, leaf integrity.Hash, openErr error) *Problem {
	if t.dense && ev.Position != t.tree.Size()+1 {
		return &Problem{Stream: ev.Stream, Version: ev.Version, Position: ev.Position, Err: integrity.ErrRootMismatch,
			Reason: gapOrRepeat(t.tree.Size(), ev.Position)}
	}
	h, p := t.c.add(ev, s, openErr)
	if p != nil {
		return p
	}
	t.tree.Append(leaf)
	t.refs = append(t.refs, ref{head: h, version: ev.Version, position: ev.Position})
	return nil
}

func gapOrRepeat(size, pos uint64) string {
	if pos <= size {
		return "the global position goes back (events reordered or duplicated)"
	}
	if pos == size+2 {
		return "position " + u(size+1) + " is missing (an event was deleted)"
	}
	return "positions " + u(size+1) + " to " + u(pos-1) + " are missing (events were deleted)"
}

// Size is the number of events folded.
func (t *Tracker) Size() uint64 { return t.tree.Size() }

// Position is the global position of the last event added.
func (t *Tracker) Position() uint64 { return t.c.last }

// Streams is the number of streams seen.
func (t *Tracker) Streams() int { return len(t.c.heads) }

// Tree is the Merkle tree of the events folded so far.
func (t *Tracker) Tree() *integrity.Tree { return t.tree }

// index is the leaf of the event at position, or false.
func (t *Tracker) index(position uint64) (uint64, bool) {
	i := sort.Search(len(t.refs), func(i int) bool { return t.refs[i].position >= position })
	return uint64(i), i < len(t.refs) && t.refs[i].position == position
}
