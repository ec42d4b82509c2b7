package domain

import (
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// Payload is the typed body of an event. EventType returns its explicit,
// versioned name; it never comes from the Go type name.
type Payload interface {
	EventType() string
}

// Event is a payload with its identity and envelope, as folded by aggregates
// and as produced by Decide. ID is zero for events not yet stored.
type Event struct {
	ID       uuid.UUID
	Payload  Payload
	Envelope Envelope
}

// Kind names an aggregate type; it is also the prefix of its stream names.
type Kind string

const (
	KindOperation   Kind = "operation"
	KindComponent   Kind = "component"
	KindProject     Kind = "project"
	KindContact     Kind = "contact"
	KindMechanism   Kind = "mechanism"
	KindMeeting     Kind = "meeting"
	KindDecision    Kind = "decision"
	KindActionPoint Kind = "actionpoint"
	KindCompliance  Kind = "compliance"
	KindEscalation  Kind = "escalation"
	KindLesson      Kind = "lesson"
	KindPerson      Kind = "person"
)

// Kinds lists every aggregate kind, in catalogue order.
func Kinds() []Kind {
	return Values[Kind]()
}

// Ref points at one aggregate instance.
type Ref struct {
	Kind Kind      `json:"kind"`
	ID   uuid.UUID `json:"id"`
}

// Stream is the store stream holding the aggregate: "<kind>-<uuid>".
func (r Ref) Stream() string { return string(r.Kind) + "-" + r.ID.String() }

// ParseStream splits a stream name back into a Ref, for projections.
func ParseStream(stream string) (Ref, error) {
	// A UUID is 36 characters with dashes of its own, so split by length.
	if len(stream) < 38 {
		return Ref{}, fmt.Errorf("stream %q is not <kind>-<uuid>", stream)
	}
	kind, id := stream[:len(stream)-37], stream[len(stream)-36:]
	u, err := uuid.Parse(id)
	if err != nil || stream[len(stream)-37] != '-' {
		return Ref{}, fmt.Errorf("stream %q is not <kind>-<uuid>", stream)
	}
	return Ref{Kind: Kind(kind), ID: u}, nil
}

// ShortRef is a human-facing reference derived from an id, such as "AP-3F9C1A".
// The tail of a UUIDv7 is random, so it tells records apart in a meeting room.
func ShortRef(prefix string, id uuid.UUID) string {
	s := strings.ReplaceAll(id.String(), "-", "")
	return prefix + "-" + strings.ToUpper(s[len(s)-6:])
}
