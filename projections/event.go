package projections

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// Event is a stored event decoded once and shared, read-only, by every view.
type Event struct {
	Position   uint64
	ID         uuid.UUID
	Version    uint64
	Type       string
	RecordedAt time.Time // the store's commit time: the axis of "as the ledger stood"
	Ref        domain.Ref
	Env        domain.Envelope
	Payload    domain.Payload
}

// Operation is the operation the event belongs to; views partition by it.
func (e *Event) Operation() uuid.UUID { return e.Env.OperationID }

// Decode turns a stored event into an Event: the stream name is parsed into a
// record reference, the envelope and the payload (upcast to its current
// version) are decoded.
func Decode(rec *eventstore.RecordedEvent) (Event, error) { return decode(rec, nil) }

// decode is Decode with a decode worker's interner.
func decode(rec *eventstore.RecordedEvent, in *interner) (Event, error) {
	if rec.Stream == integrity.DigestStream {
		return decodeDigest(rec, in)
	}
	ref, err := domain.ParseStream(rec.Stream)
	if err != nil {
		return Event{}, fmt.Errorf("event at position %d: %w", rec.Position, err)
	}
	env, err := decodeEnvelope(rec.Metadata, in)
	if err != nil {
		return Event{}, fmt.Errorf("event at position %d (%s): %w", rec.Position, rec.Type, err)
	}
	p, err := decodePayload(rec.Type, rec.Data)
	if err != nil {
		return Event{}, fmt.Errorf("event at position %d: %w", rec.Position, err)
	}
	return Event{
		Position: rec.Position, ID: rec.ID, Version: rec.Version, Type: rec.Type,
		RecordedAt: rec.RecordedAt, Ref: ref, Env: env, Payload: p,
	}, nil
}

// KindDigest is the record kind of the signed digests the log carries about
// itself. They belong to no operation and change no register; the audit
// trail lists them, and the views' positions move past them.
const KindDigest domain.Kind = "digest"

func decodeDigest(rec *eventstore.RecordedEvent, in *interner) (Event, error) {
	env, err := decodeEnvelope(rec.Metadata, in)
	if err != nil {
		return Event{}, fmt.Errorf("digest at position %d: %w", rec.Position, err)
	}
	return Event{Position: rec.Position, ID: rec.ID, Version: rec.Version, Type: rec.Type,
		RecordedAt: rec.RecordedAt, Ref: domain.Ref{Kind: KindDigest}, Env: env}, nil
}
