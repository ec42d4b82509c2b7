package audit

import (
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// Record is one event as the audit trail shows it.
type Record struct {
	Position       uint64                `json:"position"`
	EventID        uuid.UUID             `json:"event_id"`
	Stream         string                `json:"stream"`
	Record         domain.Ref            `json:"record"`
	Version        uint64                `json:"version"`
	Type           string                `json:"type"`
	OperationID    uuid.UUID             `json:"operation_id"`
	Classification domain.Classification `json:"classification"`
	Actor          domain.Actor          `json:"actor"`
	RecordedAt     time.Time             `json:"recorded_at"`
	OccurredAt     time.Time             `json:"occurred_at"`
	Component      uuid.UUID             `json:"component,omitzero"` // the component the record concerns
	Level          domain.Level          `json:"level,omitempty"`
	Corrects       uint64                `json:"corrects,omitempty"`     // position of the event this one corrects
	CorrectedBy    []uint64              `json:"corrected_by,omitempty"` // positions of the corrections of this event
	Correction     *Correction           `json:"correction,omitempty"`   // for a correction: each field before and after, and why
}

// record expands entry i; the caller holds the read lock.
func (t *Trail) record(i int32) Record {
	en := t.entries.at(i)
	s := t.streams[en.stream]
	r := Record{
		Position: en.position, EventID: en.eventID, Stream: s.ref.Stream(), Record: s.ref, Version: uint64(en.version),
		Type: t.types.values[en.typ], OperationID: s.operation, Classification: t.classes.values[en.class],
		Actor: t.actors.values[en.actor], RecordedAt: time.Unix(0, en.recorded).UTC(),
		OccurredAt: time.Unix(0, en.occurred).UTC(), Component: s.component, Level: s.level,
	}
	if en.corrects >= 0 {
		r.Corrects = t.entries.at(en.corrects).position
	}
	r.Correction = t.corrections[i]
	for _, c := range t.correctedBy[i] {
		r.CorrectedBy = append(r.CorrectedBy, t.entries.at(c).position)
	}
	return r
}
