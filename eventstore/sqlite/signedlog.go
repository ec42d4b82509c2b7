package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// signedLog is the writer's side of the verifiable log: the frontier of the
// Merkle tree over every event in position order, and the key that signs a
// checkpoint of it in the same transaction as each commit group. An event
// appended by anything but this writer is then not covered by any signature,
// and the next start refuses the log (ErrUnsigned).
type signedLog struct {
	signer *integrity.LogSigner
	front  *integrity.Frontier
	note   []byte // the last checkpoint committed
	// signed is true once the file holds checkpoints: appends without the
	// key are then refused.
	signed bool
}

// leafOf is the Merkle leaf of an event about to be written. A signed log
// takes only sealed events: the seal's hash covers the event's bytes.
func leafOf(stream string, ev eventstore.EventData) (integrity.Hash, error) {
	_, h, err := integrity.ReadSeal(ev.Metadata)
	if err != nil {
		return integrity.Hash{}, fmt.Errorf("append to %s: %w: a signed log takes only sealed events", stream, err)
	}
	return integrity.LeafHash(h), nil
}

// checkpoint signs the group's tree and writes it inside the group's
// transaction, moving the stored frontier to the new newest row. It returns
// the frontier and note to adopt once the commit succeeds.
func (g *group) checkpoint() (*integrity.Frontier, []byte, error) {
	l := g.w.s.log
	s := <-g.ahead
	if !slices.Equal(s.leaves, g.leaves) { // a request failed or was a retry
		s = l.sign(g.leaves)
	}
	front, note, err := s.front, s.note, s.err
	if err != nil {
		return nil, nil, err
	}
	if front.Size() != uint64(g.pos) {
		return nil, nil, fmt.Errorf("signed log: %d leaves for %d events", front.Size(), g.pos)
	}
	if _, err := g.w.stmts.dropFrontier.ExecContext(g.ctx, int64(l.front.Size())); err != nil {
		return nil, nil, err
	}
	if _, err := g.w.stmts.insertCheckpoint.ExecContext(g.ctx, g.pos, note, front.Bytes()); err != nil {
		return nil, nil, err
	}
	return front, note, nil
}

// signed is a checkpoint of the frontier extended by leaves.
type signed struct {
	leaves []integrity.Hash
	front  *integrity.Frontier
	note   []byte
	err    error
}

func (l *signedLog) sign(leaves []integrity.Hash) signed { return l.signFrom(l.front.Clone(), leaves) }

// signFrom extends front, a copy of the writer's frontier, and signs it.
func (l *signedLog) signFrom(front *integrity.Frontier, leaves []integrity.Hash) signed {
	for _, leaf := range leaves {
		front.Append(leaf)
	}
	note, err := l.signer.Sign(front.Size(), front.Root())
	return signed{leaves: leaves, front: front, note: note, err: err}
}

// signAhead signs, on another core while the group's rows are written, the
// checkpoint the group gets if every request lands, which is the common
// case: the Ed25519 signature then costs the commit nothing. The writer
// takes it only if the leaves it wrote are exactly these.
func (l *signedLog) signAhead(reqs []*appendReq) <-chan signed {
	out := make(chan signed, 1)
	var leaves []integrity.Hash
	for _, r := range reqs {
		r.leaves = make([]integrity.Hash, 0, len(r.events))
		for _, ev := range r.events {
			leaf, err := leafOf(r.stream, ev)
			if err != nil {
				r.leaves = nil  // leavesOf works it out again and reports the error
				out <- signed{} // matches no group that wrote events
				return out
			}
			r.leaves = append(r.leaves, leaf)
		}
		leaves = append(leaves, r.leaves...)
	}
	base := l.front.Clone() // the writer moves l.front on after its commit
	go func() { out <- l.signFrom(base, leaves) }()
	return out
}

// head is the newest stored checkpoint.
type head struct {
	size     uint64
	note     []byte
	frontier []byte
}

func readHead(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (head, bool, error) {
	var h head
	err := q.QueryRowContext(ctx, "SELECT size, note, COALESCE(frontier, x'') FROM checkpoints ORDER BY size DESC LIMIT 1").
		Scan(&h.size, &h.note, &h.frontier)
	if isNoRow(err) {
		return h, false, nil
	}
	return h, err == nil, err
}
