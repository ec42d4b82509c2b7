package domain

import (
	"time"

	"github.com/google/uuid"
)

// Classification limits who may read an event.
type Classification string

const (
	ClassPublic       Classification = "public"
	ClassMovement     Classification = "movement"
	ClassRestricted   Classification = "restricted"
	ClassConfidential Classification = "confidential"
)

func (c Classification) valid() bool {
	switch c {
	case ClassPublic, ClassMovement, ClassRestricted, ClassConfidential:
		return true
	}
	return false
}

// Actor is who recorded an event: a person, in a role, acting for a component.
// ID identifies the person (a user id, not a name) so erasure never touches it.
type Actor struct {
	ID        string    `json:"id"`
	Role      string    `json:"role"`
	Component uuid.UUID `json:"component,omitzero"`
}

// Envelope is the event metadata stored next to the payload
// (eventstore.EventData.Metadata). It is flat but for the actor, so that
// projections decode it cheaply. New fields (prev_hash, hash for integrity)
// are added as siblings with omitempty, so old envelopes still decode.
type Envelope struct {
	OperationID    uuid.UUID      `json:"operation_id"`
	OccurredAt     time.Time      `json:"occurred_at"`
	RecordedAt     time.Time      `json:"recorded_at"`
	Actor          Actor          `json:"actor"`
	Classification Classification `json:"class"`
	CorrelationID  string         `json:"correlation_id,omitempty"`
	CausationID    string         `json:"causation_id,omitempty"`
	IdempotencyKey string         `json:"idempotency_key,omitempty"`
}
