package recorder

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// ledgerActor records what the ledger writes on its own behalf.
var ledgerActor = domain.Actor{ID: "ledger", Role: "system"}

// RecordDigest appends a signed digest to the digest stream, chained and
// sealed like every other event, so the log carries its own checkpoints. The
// event id derives from the digest's position and root: recording the
// latest digest again writes nothing and reports a duplicate.
func (s *Service) RecordDigest(ctx context.Context, d integrity.Digest) (Result, error) {
	data, err := json.Marshal(d)
	if err != nil {
		return Result{}, fmt.Errorf("encode digest: %w", err)
	}
	now := s.clock().UTC()
	meta, err := json.Marshal(domain.Envelope{OccurredAt: d.Time.UTC(), RecordedAt: now,
		Actor: ledgerActor, Classification: domain.ClassMovement})
	if err != nil {
		return Result{}, fmt.Errorf("encode digest envelope: %w", err)
	}
	id := uuid.NewSHA1(namespace, []byte("digest\x00"+strconv.FormatUint(d.Position, 10)+"\x00"+d.Root.String()))
	ev := eventstore.EventData{ID: id, Type: integrity.DigestEventType, Data: data, Metadata: meta}
	var lastErr error
	for range s.attempts {
		res, err := s.appendDigest(ctx, ev)
		if !errors.Is(err, eventstore.ErrWrongExpectedVersion) {
			return res, err
		}
		lastErr = err
	}
	return Result{}, fmt.Errorf("%s: %w after %d attempts: %w", integrity.DigestStream, ErrRetriesExhausted, s.attempts, lastErr)
}

func (s *Service) appendDigest(ctx context.Context, ev eventstore.EventData) (Result, error) {
	stream := integrity.DigestStream
	version, head := uint64(0), integrity.Zero
	for last, err := range s.store.ReadStream(ctx, stream, eventstore.ReadStreamOptions{Direction: eventstore.Backward, Max: 1}) {
		if err != nil && !errors.Is(err, eventstore.ErrStreamNotFound) {
			return Result{}, fmt.Errorf("read %s: %w", stream, err)
		}
		if err == nil {
			version, head = last.Version, headHash(last)
		}
		if err == nil && last.ID == ev.ID {
			return Result{Stream: stream, Version: last.Version, Position: last.Position, Duplicate: true}, nil
		}
	}
	evs := []eventstore.EventData{ev}
	if err := seal(stream, version, head, evs); err != nil {
		return Result{}, err
	}
	ar, err := s.store.Append(ctx, stream, eventstore.Exact(version), evs...)
	if err != nil {
		return Result{}, fmt.Errorf("append %s: %w", stream, err)
	}
	return Result{Stream: stream, Version: ar.Version, Position: ar.Position}, nil
}
