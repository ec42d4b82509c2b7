package domain

import "github.com/google/uuid"

// Aggregate is one record's state, rebuilt by folding its stream.
type Aggregate interface {
	base() *Base
	apply(Payload)
}

// Base is the state every aggregate shares: identity, owning operation,
// stream version and the ids of its events (so a correction can check that
// the event it points to is really part of this record).
type Base struct {
	ID          uuid.UUID `json:"id"`
	OperationID uuid.UUID `json:"operation_id"`
	Version     uint64    `json:"version"`
	// Classification is the strictest any of the record's events carried:
	// what the record as a whole is, for the rules of records made about it.
	Classification Classification    `json:"classification"`
	history        []Event           // every event folded, corrections applied: what refold replays
	index          map[uuid.UUID]int // event id -> its place in history
}

func (b *Base) base() *Base { return b }

// Exists reports whether the record has at least one event.
func (b *Base) Exists() bool { return b.Version > 0 }

// HasEvent reports whether the event id belongs to this record.
func (b *Base) HasEvent(id uuid.UUID) bool {
	_, ok := b.index[id]
	return ok
}

// Fold applies one stored event to the aggregate. It never fails: events are
// facts already validated when they were decided. A correction folds the
// record again with the corrected event fixed (refold), so the state is
// always that of the corrected history.
func Fold(a Aggregate, ev Event) {
	if c, ok := ev.Payload.(CorrectionRecorded); ok {
		refold(a, c)
	}
	a.base().remember(ev)
	a.apply(ev.Payload)
}

// New returns the empty aggregate for a reference, ready to fold.
func New(ref Ref) Aggregate {
	b := Base{ID: ref.ID}
	switch ref.Kind {
	case KindOperation:
		return &Operation{Base: b}
	case KindComponent:
		return &Component{Base: b}
	case KindProject:
		return &Project{Base: b}
	case KindContact:
		return &Contact{Base: b}
	case KindMechanism:
		return &Mechanism{Base: b}
	case KindMeeting:
		return &Meeting{Base: b}
	case KindDecision:
		return &Decision{Base: b}
	case KindActionPoint:
		return &ActionPoint{Base: b}
	case KindCompliance:
		return &ComplianceIssue{Base: b}
	case KindEscalation:
		return &Escalation{Base: b}
	case KindLesson:
		return &Lesson{Base: b}
	case KindPerson:
		return &Person{Base: b}
	}
	return nil
}

// BaseOf exposes the shared state of any aggregate (id, operation, version).
func BaseOf(a Aggregate) *Base { return a.base() }
