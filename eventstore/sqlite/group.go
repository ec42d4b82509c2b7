package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/movementcoord/ledger/domain/integrity"
)

// group is one transaction's view of the writer state: what it changes is
// kept aside and becomes the writer's only if the commit succeeds.
type group struct {
	w          *writer
	ctx        context.Context
	pos        int64
	bytes      int64 // data and metadata written, to pace checkpoints
	at         int64
	versions   map[int64]uint64
	newStreams map[string]int64
	leaves     []integrity.Hash // of the events written, when the log is signed
	front      *integrity.Frontier
	note       []byte
	ahead      <-chan signed // the checkpoint signed ahead, if every request lands
}

// commitGroup applies every request in one transaction and one sync. A
// request that breaks its own expectation fails alone; a storage error fails
// the whole group, since nothing of it was committed.
func (w *writer) commitGroup(reqs []*appendReq) {
	ctx := context.Background()
	g := &group{w: w, ctx: ctx, pos: w.lastPos, at: time.Now().UnixNano(),
		versions: map[int64]uint64{}, newStreams: map[string]int64{}}
	if w.s.log.signer != nil {
		g.ahead = w.s.log.signAhead(reqs)
	}
	outs := make([]appendOutcome, len(reqs))
	err := w.exec(ctx, "BEGIN IMMEDIATE")
	for i := 0; err == nil && i < len(reqs); i++ {
		outs[i], err = g.apply(reqs[i])
	}
	if err == nil && w.s.log.signer != nil && g.pos > w.lastPos {
		g.front, g.note, err = g.checkpoint()
	}
	if err == nil {
		err = w.exec(ctx, "COMMIT")
	}
	if err != nil {
		_ = w.exec(ctx, "ROLLBACK")
		w.failAll(reqs, err)
		return
	}
	w.adopt(g, reqs)
	for i, r := range reqs {
		r.done <- outs[i]
	}
}

func (w *writer) exec(ctx context.Context, q string) error {
	_, err := w.conn.ExecContext(ctx, q)
	return err
}

func (w *writer) failAll(reqs []*appendReq, err error) {
	err = classifyWriteError(err)
	for _, r := range reqs {
		r.done <- appendOutcome{err: fmt.Errorf("append to %s: %w", r.stream, err)}
	}
}

// adopt makes a committed group's changes the writer's state and wakes
// subscribers.
func (w *writer) adopt(g *group, reqs []*appendReq) {
	w.s.streams.noteVersions(g.versions) // before any caller hears of the commit
	for name, id := range g.newStreams {
		w.s.streams.add(name, id)
	}
	if g.front != nil {
		w.s.log.front, w.s.log.note, w.s.log.signed = g.front, g.note, true
		w.s.publish.poke(g.note)
	}
	written := g.pos - w.lastPos
	w.lastPos = g.pos
	w.stats.groups.Add(1)
	w.stats.requests.Add(int64(len(reqs)))
	w.stats.events.Add(written)
	if written > 0 {
		w.s.notify.Broadcast()
	}
	if w.walBytes += g.bytes; w.walBytes >= walCheckpointBytes {
		w.walBytes = 0
		w.s.ckpt.poke()
	}
}

func (g *group) streamID(name string) (int64, bool) {
	if id, ok := g.newStreams[name]; ok {
		return id, true
	}
	return g.w.s.streams.id(name)
}

func (g *group) version(id int64) (uint64, error) {
	if v, ok := g.versions[id]; ok {
		return v, nil
	}
	if v, ok := g.w.s.streams.version(id); ok {
		return v, nil
	}
	var v uint64
	err := g.w.stmts.streamVersion.QueryRowContext(g.ctx, id).Scan(&v)
	return v, err
}
