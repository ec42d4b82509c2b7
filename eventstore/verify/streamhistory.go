package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// StreamHistory is the History of a log whose checkpoints are events of the
// log itself (integrity.DigestStream), as on KurrentDB, where no table can
// be written in the same transaction as each commit. Only the checkpoints
// of origin are kept: several servers sharing one log each sign their own.
func StreamHistory(store eventstore.Store, origin string) History {
	return streamHistory{store: store, origin: origin}
}

type streamHistory struct {
	store  eventstore.Store
	origin string
}

// notes reads the stream's checkpoints of the origin, in log order.
func (h streamHistory) notes(ctx context.Context) ([]integrity.Digest, error) {
	var out []integrity.Digest
	err := h.each(ctx, eventstore.Forward, func(d integrity.Digest) bool {
		out = append(out, d)
		return true
	})
	return out, err
}

// each calls fn with the origin's checkpoints in the direction given, until
// fn returns false. Reading backwards, the latest checkpoint costs one read
// however long the stream has grown (a server asks for it several times a
// second).
func (h streamHistory) each(ctx context.Context, dir eventstore.Direction, fn func(integrity.Digest) bool) error {
	for ev, err := range h.store.ReadStream(ctx, integrity.DigestStream, eventstore.ReadStreamOptions{Direction: dir}) {
		if errors.Is(err, eventstore.ErrStreamNotFound) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", integrity.DigestStream, err)
		}
		var d integrity.Digest
		if json.Unmarshal(ev.Data, &d) != nil || !bytes.HasPrefix([]byte(d.Checkpoint), []byte(h.origin+"\n")) {
			continue // a digest of the old format, or another server's
		}
		if !fn(d) {
			return nil
		}
	}
	return nil
}

// newest is the latest of the origin's checkpoints that keep accepts,
// read from the end of the stream; stop ends the search early.
func (h streamHistory) newest(ctx context.Context, keep, stop func(integrity.Digest) bool) ([]byte, bool, error) {
	var found []byte
	err := h.each(ctx, eventstore.Backward, func(d integrity.Digest) bool {
		if keep(d) {
			found = []byte(d.Checkpoint)
			return false
		}
		return !stop(d)
	})
	return found, found != nil, err
}

func (h streamHistory) LatestCheckpoint(ctx context.Context) ([]byte, bool, error) {
	return h.newest(ctx, func(integrity.Digest) bool { return true }, func(integrity.Digest) bool { return false })
}

func (h streamHistory) CheckpointSizes(ctx context.Context) ([]uint64, error) {
	ds, err := h.notes(ctx)
	out := make([]uint64, len(ds))
	for i, d := range ds {
		out[i] = d.Events
	}
	slices.Sort(out)
	return slices.Compact(out), err
}

// CheckpointAt reads back from the end: checkpoints only grow along the
// stream, so the search stops at the first one smaller than size.
func (h streamHistory) CheckpointAt(ctx context.Context, size uint64) ([]byte, bool, error) {
	return h.newest(ctx, func(d integrity.Digest) bool { return d.Events == size },
		func(d integrity.Digest) bool { return d.Events < size })
}
