package domain

import (
	"time"

	"github.com/google/uuid"
)

// Decide runs a command against the folded state of its record and returns
// the events to append, with their envelopes filled in (ids are left to the
// caller). now is the caller's clock; the domain never reads one itself.
func Decide(cmd Command, self Aggregate, look Lookup, now time.Time) ([]Event, error) {
	h := cmd.CommandHeader()
	occurred, err := checkHeader(h, now)
	if err != nil {
		return nil, err
	}
	if err := checkCommand(cmd); err != nil {
		return nil, err
	}
	if cmd.Target().Kind == KindCompliance && h.Classification == ClassPublic {
		return nil, ErrInvalid.at("classification", "compliance matters are never public; use restricted or confidential")
	}
	s := &Scope{Self: self, Look: look, Now: now, Occurred: occurred, Header: h, ID: self.base().ID}
	if err := s.checkExistence(cmd); err != nil {
		return nil, err
	}
	if _, free := cmd.(operationFree); !free {
		if err := s.loadOperation(cmd); err != nil {
			return nil, err
		}
	}
	payloads, err := cmd.decide(s)
	if err != nil {
		return nil, err
	}
	return s.wrap(cmd, payloads), nil
}

func checkHeader(h Header, now time.Time) (time.Time, error) {
	switch {
	case h.IdempotencyKey == "":
		return time.Time{}, ErrIdempotencyKeyAbsent.at("idempotency_key", "every command needs an idempotency key so a retry is not recorded twice")
	case h.Actor.ID == "":
		return time.Time{}, ErrRequired.at("actor.id", "say who is recording this")
	case h.Actor.Role == "":
		return time.Time{}, ErrRequired.at("actor.role", "say in which role the actor records this")
	case h.Classification != "" && !h.Classification.valid():
		return time.Time{}, ErrInvalid.at("classification", "classification %q is not public, movement, restricted or confidential", h.Classification)
	}
	if h.OccurredAt.IsZero() {
		return now.UTC(), nil
	}
	if h.OccurredAt.After(now.Add(MaxClockSkew)) {
		return time.Time{}, ErrFutureOccurrence.at("occurred_at", "occurred time %s is in the future; check the device clock", h.OccurredAt.UTC().Format(time.RFC3339))
	}
	return h.OccurredAt.UTC(), nil
}

func (s *Scope) checkExistence(cmd Command) error {
	exists := s.Self.base().Exists()
	ref := cmd.Target()
	if Creates(cmd) && exists {
		return ErrAlreadyExists.withf("%s %s already exists; use a new id or idempotency key", ref.Kind, ref.ID)
	}
	if !Creates(cmd) && !exists {
		return ErrNotFound.withf("%s %s does not exist", ref.Kind, ref.ID)
	}
	return nil
}

// loadOperation finds the record's operation and refuses anything but lessons
// and corrections once it is closed.
func (s *Scope) loadOperation(cmd Command) error {
	opID, err := s.operationID(cmd)
	if err != nil {
		return err
	}
	if op, ok := s.Self.(*Operation); ok {
		s.Op = op
	} else if s.Op, err = s.operation(opID); err != nil {
		return err
	}
	if _, ok := cmd.(closedOK); !ok && s.Op.Phase == PhaseClosed {
		return ErrOperationClosed.withf("operation %q is closed; only lessons and corrections can be recorded", s.Op.Name)
	}
	return nil
}

func (s *Scope) operationID(cmd Command) (uuid.UUID, error) {
	b := s.Self.base()
	if cmd.Target().Kind == KindOperation {
		return b.ID, nil
	}
	given := s.Header.OperationID
	switch {
	case b.Exists() && given != uuid.Nil && given != b.OperationID:
		return uuid.Nil, ErrWrongOperation.at("operation_id", "this record belongs to operation %s, not %s", b.OperationID, given)
	case b.Exists():
		return b.OperationID, nil
	case given == uuid.Nil:
		return uuid.Nil, ErrRequired.at("operation_id", "say which operation this record belongs to")
	}
	return given, nil
}

func (s *Scope) wrap(cmd Command, payloads []Payload) []Event {
	env := Envelope{
		OperationID: s.operationOf(), OccurredAt: s.Occurred, RecordedAt: s.Now.UTC(),
		Actor: s.Header.Actor, Classification: s.classification(cmd),
		CorrelationID: s.Header.CorrelationID, CausationID: s.Header.CausationID,
		IdempotencyKey: s.Header.IdempotencyKey,
	}
	out := make([]Event, len(payloads))
	for i, p := range payloads {
		out[i] = Event{Payload: p, Envelope: env}
	}
	return out
}

// operationOf is the operation the events belong to: none for commands that
// span operations.
func (s *Scope) operationOf() uuid.UUID {
	if s.Op == nil {
		return uuid.Nil
	}
	return s.Op.ID
}

// classification is the one the command asks for; without one, the
// record's own (a progress report keeps its record's classification), and
// for a new record the kind's default: confidential for compliance matters,
// Movement-internal for everything else. It is never less restricted than
// the record itself or the records the command is about (Scope.about), so
// nothing derived from a confidential record is shown more widely than it.
func (s *Scope) classification(cmd Command) Classification {
	own := s.Self.base().Classification
	asked := s.Header.Classification
	switch {
	case asked != "":
	case own != "":
		asked = own
	case cmd.Target().Kind == KindCompliance:
		asked = ClassConfidential
	default:
		asked = ClassMovement
	}
	return Strictest(asked, own, s.inherited)
}
