package sqlite

import (
	"context"
	"database/sql"
	"fmt"

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
	front := l.front.Clone()
	for _, leaf := range g.leaves {
		front.Append(leaf)
	}
	if front.Size() != uint64(g.pos) {
		return nil, nil, fmt.Errorf("signed log: %d leaves for %d events", front.Size(), g.pos)
	}
	note, err := l.signer.Sign(front.Size(), front.Root())
	if err != nil {
		return nil, nil, err
	}
	if _, err := g.w.stmts.dropFrontier.ExecContext(g.ctx, int64(l.front.Size())); err != nil {
		return nil, nil, err
	}
	if _, err := g.w.stmts.insertCheckpoint.ExecContext(g.ctx, g.pos, note, front.Bytes()); err != nil {
		return nil, nil, err
	}
	return front, note, nil
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
