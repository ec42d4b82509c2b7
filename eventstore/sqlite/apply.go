package sqlite

import (
	"fmt"

	"github.com/movementcoord/ledger/domain/integrity"

	"github.com/movementcoord/ledger/eventstore"
)

// apply writes one request inside the group's transaction. Its outcome's
// error is the request's own failure; the returned error is a storage error
// that fails the whole group.
func (g *group) apply(r *appendReq) (appendOutcome, error) {
	id, exists := g.streamID(r.stream)
	var current uint64
	if exists {
		v, err := g.version(id)
		if err != nil {
			return appendOutcome{}, err
		}
		current = v
	}
	if !r.expected.Satisfied(current) {
		return g.retriedOr(r, &eventstore.WrongExpectedVersionError{Stream: r.stream, Expected: r.expected, Actual: current})
	}
	leaves, err := g.leavesOf(r)
	if err != nil {
		return appendOutcome{err: err}, nil
	}
	if !exists {
		res, err := g.w.stmts.insertStream.ExecContext(g.ctx, r.stream)
		if err != nil {
			return appendOutcome{}, err
		}
		if id, err = res.LastInsertId(); err != nil {
			return appendOutcome{}, err
		}
		g.w.s.streams.nameID(id, r.stream)
	}
	first := g.pos + 1
	for i, ev := range r.events {
		_, err := g.w.stmts.insertEvent.ExecContext(g.ctx, first+int64(i), id, current+uint64(i)+1,
			ev.ID[:], ev.Type, nonNil(ev.Data), ev.Metadata, g.at)
		if isUniqueViolation(err) {
			if err := g.undo(first, id, !exists); err != nil {
				return appendOutcome{}, err
			}
			return g.retriedOr(r, fmt.Errorf("append to %s: %w: %s", r.stream, eventstore.ErrDuplicateEventID, ev.ID))
		}
		if err != nil {
			return appendOutcome{}, err
		}
		g.bytes += int64(len(ev.Data) + len(ev.Metadata))
	}
	g.pos = first + int64(len(r.events)) - 1
	g.leaves = append(g.leaves, leaves...)
	g.versions[id] = current + uint64(len(r.events))
	if !exists {
		g.newStreams[r.stream] = id
	}
	return appendOutcome{res: eventstore.AppendResult{Version: g.versions[id], Position: uint64(g.pos)}}, nil
}

// leavesOf is the Merkle leaves of r's events when the log is signed. A
// store opened without the key refuses appends to a signed log.
func (g *group) leavesOf(r *appendReq) ([]integrity.Hash, error) {
	l := g.w.s.log
	if l.signer == nil {
		if l.signed {
			return nil, fmt.Errorf("append to %s: %w", r.stream, ErrSignedLog)
		}
		return nil, nil
	}
	if r.leaves != nil {
		return r.leaves, nil // signAhead has worked them out
	}
	out := make([]integrity.Hash, len(r.events))
	for i, ev := range r.events {
		leaf, err := leafOf(r.stream, ev)
		if err != nil {
			return nil, err
		}
		out[i] = leaf
	}
	return out, nil
}

// undo removes what a failed request wrote before the failure, inside the
// still open transaction, so its neighbours in the group are unaffected.
func (g *group) undo(first, streamID int64, newStream bool) error {
	if _, err := g.w.stmts.deleteFrom.ExecContext(g.ctx, first); err != nil {
		return err
	}
	if newStream {
		_, err := g.w.stmts.deleteStream.ExecContext(g.ctx, streamID)
		return err
	}
	return nil
}

// retriedOr recognises a retry of an append that already landed (its events
// are stored, in order, in this stream) and answers with the first result;
// otherwise the request fails with failure.
func (g *group) retriedOr(r *appendReq, failure error) (appendOutcome, error) {
	id, ok := g.streamID(r.stream)
	var last struct{ version, position int64 }
	for i, ev := range r.events {
		var sid, version, position int64
		err := g.w.stmts.eventByID.QueryRowContext(g.ctx, ev.ID[:]).Scan(&sid, &version, &position)
		if isNoRow(err) && i == 0 {
			return appendOutcome{err: failure}, nil
		}
		if err != nil && !isNoRow(err) {
			return appendOutcome{}, err
		}
		if isNoRow(err) || !ok || sid != id || (i > 0 && version != last.version+1) {
			return appendOutcome{err: fmt.Errorf("append to %s: %w: %s is stored but this append is not a retry of the one that stored it",
				r.stream, eventstore.ErrDuplicateEventID, r.events[0].ID)}, nil
		}
		last.version, last.position = version, position
	}
	return appendOutcome{res: eventstore.AppendResult{Version: uint64(last.version), Position: uint64(last.position)}}, nil
}

// nonNil keeps an empty payload distinct from SQL NULL.
func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}
