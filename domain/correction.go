package domain

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// CorrectEvent records a correction on any record. It is allowed in a closed
// operation: the record must stay correctable after the response ends.
type CorrectEvent struct {
	Header
	Record  Ref             `json:"record"`
	EventID uuid.UUID       `json:"event_id"`
	Reason  string          `json:"reason" required:"reason"`
	Changes json.RawMessage `json:"changes"` // an object of the corrected event's fields with their right values
}

func (c CorrectEvent) Target() Ref      { return c.Record }
func (CorrectEvent) allowedWhenClosed() {}

func (c CorrectEvent) decide(s *Scope) ([]Payload, error) {
	ev, err := c.correctedEvent(s.Self.base())
	if err != nil {
		return nil, err
	}
	keys, err := changedKeys(ev.Payload.EventType(), c.Changes)
	if err != nil {
		return nil, err
	}
	fixed, err := patchEach(ev, c.Changes, keys)
	if err != nil {
		return nil, err
	}
	if err := firstErr(checkValues(fixed, keys, s.Now), checkReferences(s, fixed, keys)); err != nil {
		return nil, err
	}
	before, after := valuesOf(ev, keys), valuesOf(fixed, keys)
	if string(before) == string(after) {
		return nil, ErrNothingCorrected.at("changes", "the event already holds these values (%s); say what was wrong", after)
	}
	return one(CorrectionRecorded{CorrectsEventID: c.EventID, CorrectsType: ev.Payload.EventType(),
		Reason: c.Reason, Changes: after, Before: before})
}

// correctedEvent is the event the correction points to, as corrected so far.
func (c CorrectEvent) correctedEvent(b *Base) (Event, error) {
	ev, ok := b.event(c.EventID)
	if !ok {
		return Event{}, ErrEventNotInStream.at("event_id", "event %s is not part of %s %s; the record's history lists its event ids", c.EventID, c.Record.Kind, c.Record.ID)
	}
	if _, isCorrection := ev.Payload.(CorrectionRecorded); isCorrection {
		return Event{}, ErrInvalid.at("event_id", "event %s is itself a correction; correct the event it corrected", c.EventID)
	}
	return ev, nil
}

// changedKeys checks that changes is a non-empty object naming only fields a
// correction may change in an event of type typ, and returns them sorted.
func changedKeys(typ string, changes json.RawMessage) ([]string, error) {
	var m map[string]json.RawMessage
	if len(changes) == 0 || string(changes) == "null" {
		return nil, ErrRequired.at("changes", "say which fields of the event were wrong and their right values, e.g. {\"due_at\": \"2026-12-01T17:00:00Z\"}")
	}
	if !strings.HasPrefix(strings.TrimSpace(string(changes)), "{") || json.Unmarshal(changes, &m) != nil {
		return nil, ErrInvalid.at("changes", "changes must be a JSON object of the corrected fields and their right values")
	}
	if len(m) == 0 {
		return nil, ErrRequired.at("changes", "changes is empty; say which fields of the event were wrong")
	}
	allowed := CorrectableFields(typ)
	keys := make([]string, 0, len(m))
	for k := range m {
		if !slices.Contains(allowed, k) {
			return nil, notCorrectable(typ, k, allowed)
		}
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys, nil
}

func notCorrectable(typ, key string, allowed []string) *Error {
	e := ErrNotCorrectable.at("changes."+key, "%q is not a field of %s that a correction can change; correctable: %s",
		key, typ, strings.Join(allowed, ", "))
	if slices.Contains(personalFields(typ), key) {
		e = ErrNotCorrectable.at("changes."+key, "%q is personal data or names a reporter, which a correction never copies into the log; use the record's own command (such as a reassignment); correctable: %s",
			key, strings.Join(allowed, ", "))
	}
	e.Allowed = allowed
	return e
}

// patchEach applies the changes one field at a time, so a value of the wrong
// type is reported against its own field.
func patchEach(ev Event, changes json.RawMessage, keys []string) (Event, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(changes, &m); err != nil {
		return ev, ErrInvalid.at("changes", "changes must be a JSON object")
	}
	for _, k := range keys {
		one, _ := json.Marshal(map[string]json.RawMessage{k: m[k]})
		next, err := corrected(ev, one)
		if err != nil {
			return ev, ErrInvalid.at("changes."+k, "%s must be %s, as in the corrected event", k, fieldType(ev.Payload.EventType(), k))
		}
		ev = next
	}
	return ev, nil
}

// checkValues holds the corrected values to the rules every command's input
// meets (text, listed ids, dates, lengths, enum values) and a corrected occurred time to a
// command's own, naming each field changes.<field>. Fields the correction
// leaves as they were are not its input and are not checked again.
func checkValues(ev Event, keys []string, now time.Time) error {
	if slices.Contains(keys, occurredKey) {
		at := ev.Envelope.OccurredAt
		if at.After(now.Add(MaxClockSkew)) {
			return ErrFutureOccurrence.at("changes.occurred_at", "the corrected occurred time is in the future; check the date")
		}
		if err := checkDate("changes.occurred_at", at); err != nil {
			return err
		}
	}
	return visitInput(reflect.ValueOf(ev.Payload), "changes", "", func(at, name string, v reflect.Value) error {
		if !slices.ContainsFunc(keys, func(k string) bool { return within(at, "changes."+k) }) {
			return nil
		}
		if err := checkValue(at, name, v); err != nil || v.Kind() != reflect.String {
			return err
		}
		if listed := EnumValues(v.Type()); listed != nil && !slices.Contains(listed, v.String()) {
			e := ErrInvalid.at(at, "%s must be one of %s, not %q", at, strings.Join(listed, ", "), v.String())
			e.Allowed = listed
			return e
		}
		return nil // checkValue has checked the length too
	})
}

// within reports whether the JSON path at is field or inside it.
func within(at, field string) bool {
	rest, ok := strings.CutPrefix(at, field)
	return ok && (rest == "" || rest[0] == '.' || rest[0] == '[')
}

// references are the kinds of record an id field names, by how its name ends
// (owner_component_id, by_decision_id).
var references = []struct {
	suffix string
	kind   Kind
}{{"component_id", KindComponent}, {"mechanism_id", KindMechanism}, {"decision_id", KindDecision}, {"meeting_id", KindMeeting}}

// checkReferences refuses a corrected id that names no record of the
// operation: a correction must not leave a record pointing nowhere.
func checkReferences(s *Scope, ev Event, keys []string) error {
	fields, err := payloadFields(ev.Payload)
	if err != nil {
		return err
	}
	for _, k := range keys {
		for _, r := range references {
			var id uuid.UUID
			if !strings.HasSuffix(k, r.suffix) || json.Unmarshal(fields[k], &id) != nil || id == uuid.Nil {
				continue
			}
			if _, err := load[Aggregate](s, r.kind, id, "changes."+k); err != nil {
				return err
			}
		}
	}
	return nil
}
