package domain

import (
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

// ConflictRecorded keeps a change recorded offline that collided with
// someone else's newer change of the same field (CollisionSince): nothing is
// written over the newer value; both values wait side by side for an
// officer. Who proposed the change and when they captured it are this
// event's actor and occurred time; the recorded time is when it reached the
// server.
type ConflictRecorded struct {
	Command       string          `json:"command" doc:"name of the command recorded offline and not applied, e.g. actionpoint.change_due_date"`
	Field         ChangedField    `json:"field" doc:"what both changes set: due_date, status or minutes"`
	SeenVersion   uint64          `json:"seen_version" doc:"version of the record the officer saw when they made the change"`
	Proposed      json.RawMessage `json:"proposed,omitempty" doc:"the offline change's fields as sent, without its header"`
	TheirsEventID uuid.UUID       `json:"theirs_event_id" doc:"the newer event it collided with, whose value the record keeps"`
	TheirsType    string          `json:"theirs_type" doc:"type of that event"`
	Theirs        json.RawMessage `json:"theirs,omitempty" doc:"that event's fields"`
	TheirsBy      Actor           `json:"theirs_by" doc:"who recorded that event"`
	TheirsAt      time.Time       `json:"theirs_at" doc:"when that event occurred"`
}

// ConflictResolved records which value an officer chose. Keeping the
// proposed value appends the offline change's own events right after this
// one, decided on the record as it is then.
type ConflictResolved struct {
	ConflictEventID uuid.UUID `json:"conflict_event_id" doc:"the conflict.recorded event resolved"`
	Kept            Keep      `json:"kept" doc:"theirs (the newer value stays) or proposed (the offline change is applied now)"`
	Reason          string    `json:"reason,omitempty" doc:"why this value was kept"`
}

// Keep is the value a resolution keeps.
type Keep string

const (
	KeepTheirs   Keep = "theirs"
	KeepProposed Keep = "proposed"
)

func (ConflictRecorded) EventType() string { return "conflict.recorded.v1" }
func (ConflictResolved) EventType() string { return "conflict.resolved.v1" }

var conflictEvents = []eventSpec{
	spec[ConflictRecorded](KindAny, "A change recorded offline met someone else's newer change of the same field; both values are kept for an officer to choose."),
	spec[ConflictResolved](KindAny, "An officer chose which value of a conflict the record keeps."),
}

// Conflict is one conflict of a record, with its resolution once there is one.
type Conflict struct {
	Event    Event // the conflict.recorded event, with who proposed and when
	Recorded ConflictRecorded
	Resolved *ConflictResolved
	By       Actor // who resolved it
}

// Conflicts lists a record's conflicts in the order they were recorded.
func Conflicts(a Aggregate) []Conflict {
	var out []Conflict
	at := map[uuid.UUID]int{}
	for _, ev := range a.base().history {
		switch p := ev.Payload.(type) {
		case ConflictRecorded:
			at[ev.ID] = len(out)
			out = append(out, Conflict{Event: ev, Recorded: p})
		case ConflictResolved:
			if i, ok := at[p.ConflictEventID]; ok {
				out[i].Resolved, out[i].By = &p, ev.Envelope.Actor
			}
		}
	}
	return out
}
