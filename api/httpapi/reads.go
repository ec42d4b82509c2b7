package httpapi

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
)

// reads is the API's read service over the store: raw events and the live
// feed. It never writes; every write goes through the application service.
type reads struct{ store eventstore.Store }

// page reads up to limit events of a stream from version from on, and says
// whether more follow.
func (r *reads) page(ctx context.Context, stream string, from uint64, limit int) ([]eventstore.RecordedEvent, bool, error) {
	var out []eventstore.RecordedEvent
	opts := eventstore.ReadStreamOptions{From: from, Max: limit + 1}
	for ev, err := range r.store.ReadStream(ctx, stream, opts) {
		if err != nil {
			return nil, false, fmt.Errorf("read %s: %w", stream, err)
		}
		out = append(out, ev)
	}
	if len(out) > limit {
		return out[:limit], true, nil
	}
	return out, false, nil
}

// record reads a stream's envelopes: the record's operation (its first
// event's), its classification (the strictest of its events') and whether
// it exists at all.
func (r *reads) record(ctx context.Context, stream string) (uuid.UUID, domain.Classification, bool, error) {
	var op uuid.UUID
	var class domain.Classification
	exists := false
	for ev, err := range r.store.ReadStream(ctx, stream, eventstore.ReadStreamOptions{}) {
		if err != nil {
			return op, class, false, ignoreNotFound(err)
		}
		env, err := domain.DecodeEnvelope(ev.Metadata)
		if err != nil {
			return op, class, false, fmt.Errorf("read %s: %w", stream, err)
		}
		if !exists {
			op, exists = env.OperationID, true
		}
		class = domain.Strictest(class, env.Classification)
	}
	return op, class, exists, nil
}

// follow yields every event after position, then new ones as they commit.
func (r *reads) follow(ctx context.Context, after uint64) iter.Seq2[eventstore.RecordedEvent, error] {
	return r.store.SubscribeAll(ctx, after)
}

// ready checks that the store answers a read.
func (r *reads) ready(ctx context.Context) error {
	for _, err := range r.store.ReadAll(ctx, 0, 1) {
		if err != nil {
			return err
		}
	}
	return nil
}

func ignoreNotFound(err error) error {
	if errors.Is(err, eventstore.ErrStreamNotFound) {
		return nil
	}
	return err
}
