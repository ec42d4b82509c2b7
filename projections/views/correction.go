package views

import (
	"encoding/json"
	"reflect"
	"time"

	"github.com/movementcoord/ledger/domain"
)

// One rule applies a correction to every register. A correction names the
// corrected event's type, the fields it changes (Changes) and the values
// they had (Before); the domain has checked both against the catalogue. A
// register column fed by a corrected field takes the new value when it
// still shows the old one: a later event that has since replaced the value
// (a due-date change after a corrected due_at) wins, as it does in the
// record's own fold. What each view declares is only which field of which
// event feeds which of its columns (its feeds), never how to apply a patch.

// feed binds a field of one event type to a column of a row of type R.
type feed[R any] struct {
	event string // corrected event type
	key   string // payload field, or occurred_at
	set   func(r *R, before, after json.RawMessage)
}

// column feeds the column col from the field key of events of type ev.
func column[R any, T any](ev domain.Payload, key string, col func(*R) *T) feed[R] {
	return feed[R]{event: ev.EventType(), key: key, set: func(r *R, before, after json.RawMessage) {
		var now T
		if json.Unmarshal(after, &now) != nil {
			return
		}
		if was, known := decoded[T](before); known && !same(*col(r), was) {
			return // a later event has replaced the value since
		}
		*col(r) = now
	}}
}

// counted feeds a count column from the length of a corrected list.
func counted[R any](ev domain.Payload, key string, col func(*R) *int) feed[R] {
	return feed[R]{event: ev.EventType(), key: key, set: func(r *R, before, after json.RawMessage) {
		now, ok := decoded[[]json.RawMessage](after)
		if !ok {
			return
		}
		if was, known := decoded[[]json.RawMessage](before); known && *col(r) != len(was) {
			return // a later event has replaced the value since
		}
		*col(r) = len(now)
	}}
}

// occurred feeds a date column from the corrected event's occurred time.
func occurred[R any](ev domain.Payload, col func(*R) *time.Time) feed[R] {
	return column(ev, "occurred_at", col)
}

// correct applies a correction to row r through the view's feeds.
func correct[R any](r *R, c domain.CorrectionRecorded, feeds []feed[R]) {
	var after, before map[string]json.RawMessage
	if json.Unmarshal(c.Changes, &after) != nil {
		return // the domain checked the object; an unreadable one changes nothing, the audit trail shows it
	}
	_ = json.Unmarshal(c.Before, &before) // corrections recorded before Before existed carry none
	for _, f := range feeds {
		if v, ok := after[f.key]; ok && f.event == c.CorrectsType {
			f.set(r, before[f.key], v)
		}
	}
}

func decoded[T any](raw json.RawMessage) (T, bool) {
	var v T
	return v, raw != nil && json.Unmarshal(raw, &v) == nil
}

// same compares a column with a value: dates by instant, the rest by value.
func same[T any](a, b T) bool {
	if ta, ok := any(a).(time.Time); ok {
		return ta.Equal(any(b).(time.Time))
	}
	return reflect.DeepEqual(a, b)
}
