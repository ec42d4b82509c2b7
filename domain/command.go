package domain

import (
	"time"

	"github.com/google/uuid"
)

// MaxClockSkew is how far in the future an occurred time may lie before it is
// refused: devices in the field have drifting clocks, but not by hours.
const MaxClockSkew = 5 * time.Minute

// Header is what every command carries besides its own fields.
type Header struct {
	Actor          Actor          `json:"actor"`
	OccurredAt     time.Time      `json:"occurred_at"`     // zero means now; back-dating is allowed
	IdempotencyKey string         `json:"idempotency_key"` // required; the same key twice on a record writes nothing
	OperationID    uuid.UUID      `json:"operation_id"`    // required when creating a record; checked when given otherwise
	Classification Classification `json:"classification"`
	CorrelationID  string         `json:"correlation_id"`
	CausationID    string         `json:"causation_id"`
}

// CommandHeader gives the header of any command that embeds it.
func (h Header) CommandHeader() Header { return h }

// Command is a request to change one record. Commands are plain data; the
// unexported decide method keeps the set of commands inside this package.
type Command interface {
	CommandHeader() Header
	// Target is the record the events are appended to. A zero ID on a
	// creating command lets the caller choose one (see the app service).
	Target() Ref
	decide(s *Scope) ([]Payload, error)
}

// creator marks commands that create their record.
type creator interface{ creates() }

// closedOK marks commands allowed in a closed operation (lessons, corrections).
type closedOK interface{ allowedWhenClosed() }

// operationFree marks commands about something that spans operations (a
// person's erasure): they load no operation and their events carry none.
type operationFree interface{ spansOperations() }

// Creates reports whether the command creates a new record.
func Creates(c Command) bool {
	_, ok := c.(creator)
	return ok
}

// SpansOperations reports whether the command is about something that
// belongs to no operation (a person).
func SpansOperations(c Command) bool {
	_, ok := c.(operationFree)
	return ok
}

// Lookup loads other records a rule needs (the operation, a mechanism, a
// component). A record that does not exist comes back with Version 0.
type Lookup interface {
	Load(ref Ref) (Aggregate, error)
}
