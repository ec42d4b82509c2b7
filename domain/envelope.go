package domain

import (
	"reflect"
	"slices"
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

func (c Classification) valid() bool { return slices.Contains(Values[Classification](), c) }

// Actor is who recorded an event: a person, in a role, acting for a component.
// ID identifies the person (a user id, not a name) so erasure never touches it.
type Actor struct {
	ID        string    `json:"id" doc:"id of the person who recorded the event (a user id, never a name)"`
	Role      string    `json:"role" doc:"role they acted in, e.g. officer"`
	Component uuid.UUID `json:"component,omitzero" doc:"component they acted for"`
}

// Envelope is the event metadata stored next to the payload
// (eventstore.EventData.Metadata). It is flat but for the actor, so that
// projections decode it cheaply. New fields are added as siblings with
// omitempty, so old envelopes still decode.
//
// The stored metadata also ends with the integrity seal, "prev_hash" and
// "hash" (64 hex each), appended by the write path after encoding (see
// package domain/integrity). They are deliberately not fields here: views
// decode every envelope on replay and have no use for them, and
// integrity.ReadSeal reads them without a JSON decode.
type Envelope struct {
	OperationID            uuid.UUID      `json:"operation_id" doc:"operation the record belongs to; views partition by it"`
	OccurredAt             time.Time      `json:"occurred_at" doc:"when the thing happened (may be earlier than recorded_at)"`
	RecordedAt             time.Time      `json:"recorded_at" doc:"when the ledger decided the event"`
	Actor                  Actor          `json:"actor" doc:"who recorded it"`
	Classification         Classification `json:"class" doc:"public, movement, restricted or confidential"`
	CorrelationID          string         `json:"correlation_id,omitempty" doc:"id shared by the events of one user request or workflow"`
	CausationID            string         `json:"causation_id,omitempty" doc:"id of the message or event that caused this one"`
	IdempotencyKey         string         `json:"idempotency_key,omitempty" doc:"keyed hash (HMAC-SHA256) of the command's idempotency key, scoped to who sent it and what it targets; never the key itself"`
	IdempotencyFingerprint string         `json:"idempotency_fingerprint,omitempty" doc:"keyed hash of the command's name and canonical body, so a key reused with another request is refused"`
}

// EnvelopeFields documents the envelope for the catalogue.
func EnvelopeFields() []FieldDoc { return fieldsOf(reflect.TypeFor[Envelope](), "") }
