package domain

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// occurredKey is the one envelope fact a correction may change besides the
// payload: when the thing happened (a decision's adoption date is the
// occurred time of its decision.adopted event).
const occurredKey = "occurred_at"

// corrected returns the event with changes laid over its payload (and its
// occurred time), decoded again as its own type: the one patch that
// aggregates, and through them every command, see.
func corrected(ev Event, changes json.RawMessage) (Event, error) {
	var patch map[string]json.RawMessage
	if err := json.Unmarshal(changes, &patch); err != nil {
		return ev, err
	}
	if raw, ok := patch[occurredKey]; ok {
		if err := json.Unmarshal(raw, &ev.Envelope.OccurredAt); err != nil {
			return ev, err
		}
		ev.Envelope.OccurredAt = ev.Envelope.OccurredAt.UTC()
		delete(patch, occurredKey)
	}
	if len(patch) == 0 {
		return ev, nil
	}
	fields, err := payloadFields(ev.Payload)
	if err != nil {
		return ev, err
	}
	for k, v := range patch {
		fields[k] = v
	}
	raw, err := json.Marshal(fields)
	if err != nil {
		return ev, err
	}
	s, ok := registry.byType[ev.Payload.EventType()]
	if !ok {
		return ev, fmt.Errorf("%w: %s", ErrUnknownEventType, ev.Payload.EventType())
	}
	ev.Payload, err = s.decode(raw)
	return ev, err
}

func payloadFields(p Payload) (map[string]json.RawMessage, error) {
	raw, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	return m, json.Unmarshal(raw, &m)
}

// valuesOf is the event's values of the given fields as one JSON object, in
// their canonical encoding; a field the payload leaves out reads null.
func valuesOf(ev Event, keys []string) json.RawMessage {
	fields, _ := payloadFields(ev.Payload)
	out := make(map[string]json.RawMessage, len(keys))
	for _, k := range keys {
		v, ok := fields[k]
		if k == occurredKey {
			v, _ = json.Marshal(ev.Envelope.OccurredAt.UTC().Format(time.RFC3339Nano))
			ok = true
		}
		if !ok {
			v = json.RawMessage("null")
		}
		out[k] = v
	}
	raw, _ := json.Marshal(out) // a map's keys come out sorted
	return raw
}

// correctable is, per event type, the fields a correction may change: the
// payload's own top-level fields from the catalogue, except personal data
// and reporters (a correction is not sealed, and readers who may not see
// them see corrections) and the person ids that seal personal data, and
// occurred_at.
var correctable = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	for _, s := range registry.ordered {
		var names []string
		fields := fieldsOf(s.goType, "")
		for _, f := range fields {
			if !strings.ContainsAny(f.Name, ".[") && !holdsPersonal(fields, f.Name) && !sealsPersonal(f.Name) {
				names = append(names, f.Name)
			}
		}
		out[s.typ] = append(names, occurredKey)
	}
	return out
})

// CorrectableFields lists the fields a correction of an event of type typ
// may change; anything else is refused with this list.
func CorrectableFields(typ string) []string {
	if typ == (CorrectionRecorded{}).EventType() {
		return nil // a correction is not corrected: the event it corrected is
	}
	return slices.Clone(correctable()[typ])
}

// holdsPersonal reports whether a top-level field is personal or says who
// reported a compliance issue, or has such a field inside it (a list of
// attendees with their names): a correction is shown wherever the record is,
// so it must never carry what only some readers may see.
func holdsPersonal(fields []FieldDoc, name string) bool {
	for _, f := range fields {
		if (f.Personal || f.Reporter) && (f.Name == name || strings.HasPrefix(f.Name, name+".") || strings.HasPrefix(f.Name, name+"[].")) {
			return true
		}
	}
	return false
}

// sealsPersonal reports whether a field is the person id whose key seals the
// personal fields beside it (domain/personal): changing it by a correction
// would leave those fields sealed under another person's key.
func sealsPersonal(name string) bool {
	return name == "person_id" || strings.HasSuffix(name, "_person_id")
}

// personalFields lists the top-level fields of typ that hold personal data.
func personalFields(typ string) []string {
	s, ok := registry.byType[typ]
	if !ok {
		return nil
	}
	var out []string
	fields := fieldsOf(s.goType, "")
	for _, f := range fields {
		if !strings.ContainsAny(f.Name, ".[") && (holdsPersonal(fields, f.Name) || sealsPersonal(f.Name)) {
			out = append(out, f.Name)
		}
	}
	return out
}

// fieldType is how the catalogue describes a field's JSON type.
func fieldType(typ, key string) string {
	if key == occurredKey {
		return "a string (RFC 3339 date-time)"
	}
	for _, f := range fieldsOf(registry.byType[typ].goType, "") {
		if f.Name == key {
			return "a " + f.Type
		}
	}
	return "a value of the field's type"
}
