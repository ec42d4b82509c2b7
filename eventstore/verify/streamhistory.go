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
	for ev, err := range h.store.ReadStream(ctx, integrity.DigestStream, eventstore.ReadStreamOptions{}) {
		if errors.Is(err, eventstore.ErrStreamNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", integrity.DigestStream, err)
		}
		var d integrity.Digest
		if json.Unmarshal(ev.Data, &d) != nil || !bytes.HasPrefix([]byte(d.Checkpoint), []byte(h.origin+"\n")) {
			continue // a digest of the old format, or another server's
		}
		out = append(out, d)
	}
	return out, nil
}

func (h streamHistory) LatestCheckpoint(ctx context.Context) ([]byte, bool, error) {
	ds, err := h.notes(ctx)
	if err != nil || len(ds) == 0 {
		return nil, false, err
	}
	return []byte(ds[len(ds)-1].Checkpoint), true, nil
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

func (h streamHistory) CheckpointAt(ctx context.Context, size uint64) ([]byte, bool, error) {
	ds, err := h.notes(ctx)
	for _, d := range ds {
		if d.Events == size {
			return []byte(d.Checkpoint), true, nil
		}
	}
	return nil, false, err
}
