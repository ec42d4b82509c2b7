package domain

import (
	"reflect"
	"slices"
	"time"

	"github.com/google/uuid"
)

// remember counts a stored event into the record's shared state and keeps it,
// so a later correction can fold the record again with the event fixed.
func (b *Base) remember(ev Event) {
	b.Version++
	if b.OperationID == uuid.Nil {
		b.OperationID = ev.Envelope.OperationID
	}
	b.Classification = Strictest(b.Classification, ev.Envelope.Classification)
	if ev.ID != uuid.Nil {
		if b.index == nil {
			b.index = map[uuid.UUID]int{}
		}
		b.index[ev.ID] = len(b.history)
	}
	b.history = append(b.history, ev)
}

// event is one event of the record, with the corrections recorded so far.
func (b *Base) event(id uuid.UUID) (Event, bool) {
	i, ok := b.index[id]
	if !ok {
		return Event{}, false
	}
	return b.history[i], true
}

// refold folds the record again from its first event with the corrected
// event's payload patched, so that every later command decides on the
// corrected values (a due-date change records the corrected date as its
// from). The aggregate's apply stays a plain fold: it never sees a correction.
func refold(a Aggregate, c CorrectionRecorded) {
	b := a.base()
	i, ok := b.index[c.CorrectsEventID]
	if !ok {
		return
	}
	fixed, err := corrected(b.history[i], c.Changes)
	if err != nil {
		return // decided valid; one that cannot be read changes nothing, and the audit trail still shows it
	}
	past := slices.Clone(b.history)
	past[i] = fixed
	id := b.ID
	reflect.ValueOf(a).Elem().SetZero() // aggregates are pointers to structs (New)
	a.base().ID = id
	for _, ev := range past {
		a.base().remember(ev)
		a.apply(ev.Payload)
	}
}

// EventRef names one event of a record: what a reader needs to correct it.
type EventRef struct {
	ID          uuid.UUID `json:"id"`
	Type        string    `json:"type"`
	Version     uint64    `json:"version"`
	OccurredAt  time.Time `json:"occurred_at"`
	Correctable []string  `json:"correctable,omitempty"` // the fields a correction of it may change
}

// History lists the record's events in order, with the values corrections
// gave them, so the record's page gives the event id a correction needs.
func (b *Base) History() []EventRef {
	out := make([]EventRef, len(b.history))
	for i, ev := range b.history {
		out[i] = EventRef{ID: ev.ID, Type: ev.Payload.EventType(), Version: uint64(i + 1),
			OccurredAt: ev.Envelope.OccurredAt, Correctable: CorrectableFields(ev.Payload.EventType())}
	}
	return out
}
