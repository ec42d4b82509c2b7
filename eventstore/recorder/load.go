package recorder

import (
	"context"
	"errors"
	"fmt"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// record is a folded stream plus what the idempotency check found in it.
type record struct {
	agg     domain.Aggregate
	version uint64
	head    integrity.Hash // hash of the last event, the next one's prev_hash
	seen    *Result        // set when an event already carries the command's scoped key
	// seenPrint is the fingerprint of the request that used the key first.
	seenPrint string
}

// load folds a stream; a stream that does not exist is a new, empty record.
// key is the command's scoped key hash ("" for none): the fold notes where an
// append with it ended.
func (s *Service) load(ctx context.Context, ref domain.Ref, key string) (record, error) {
	return loadFrom(ctx, s.store, ref, key)
}

// loadFrom folds a record's stream as store holds it: the log for a write,
// the views' unsealed store for a reader (ReadRecord).
func loadFrom(ctx context.Context, store eventstore.Store, ref domain.Ref, key string) (record, error) {
	rec := record{agg: domain.New(ref)}
	if rec.agg == nil {
		return rec, fmt.Errorf("load %s: unknown kind %q", ref.Stream(), ref.Kind)
	}
	for ev, err := range store.ReadStream(ctx, ref.Stream(), eventstore.ReadStreamOptions{}) {
		if errors.Is(err, eventstore.ErrStreamNotFound) {
			return rec, nil
		}
		if err != nil {
			return rec, fmt.Errorf("read %s: %w", ref.Stream(), err)
		}
		if err := rec.fold(ref, ev, key); err != nil {
			return rec, err
		}
	}
	return rec, nil
}

func (r *record) fold(ref domain.Ref, ev eventstore.RecordedEvent, key string) error {
	e, err := decode(ev)
	if err != nil {
		return err
	}
	domain.Fold(r.agg, e)
	r.version = ev.Version
	r.head = headHash(ev)
	if key != "" && e.Envelope.IdempotencyKey == key {
		// The last event with the key is where that append ended.
		r.seen = &Result{Ref: ref, Stream: ev.Stream, Version: ev.Version, Position: ev.Position, Duplicate: true}
		r.seenPrint = e.Envelope.IdempotencyFingerprint
	}
	return nil
}

// decode turns a stored event into a domain event, upcasting old versions.
func decode(ev eventstore.RecordedEvent) (domain.Event, error) {
	p, err := domain.DecodePayload(ev.Type, ev.Data)
	if err != nil {
		return domain.Event{}, fmt.Errorf("%s@%d: %w", ev.Stream, ev.Version, err)
	}
	env, err := domain.DecodeEnvelope(ev.Metadata)
	if err != nil {
		return domain.Event{}, fmt.Errorf("%s@%d: %w", ev.Stream, ev.Version, err)
	}
	return domain.Event{ID: ev.ID, Payload: p, Envelope: env}, nil
}

// Load returns the current state of a record, for callers that need to read
// one before deciding what to send (the demo, the record endpoint). Writes
// never need it: Execute loads the record itself.
// A record that does not exist comes back with Version 0.
func (s *Service) Load(ctx context.Context, ref domain.Ref) (domain.Aggregate, error) {
	rec, err := s.load(ctx, ref, "")
	return rec.agg, err
}

// lookup serves the domain's cross-record rules from the store, reading each
// record at most once per attempt, and folding it only when it changed since
// the service last folded it (see lookups).
type lookup struct {
	ctx   context.Context
	svc   *Service
	cache map[domain.Ref]domain.Aggregate
}

func (l *lookup) Load(ref domain.Ref) (domain.Aggregate, error) {
	if a, ok := l.cache[ref]; ok {
		return a, nil
	}
	a, err := l.svc.lookups.load(l.ctx, l.svc.store, ref)
	if err != nil {
		return nil, err
	}
	if l.cache == nil {
		l.cache = map[domain.Ref]domain.Aggregate{}
	}
	l.cache[ref] = a
	return a, nil
}
