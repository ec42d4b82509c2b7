package domain

import (
	"encoding/json"

	"github.com/google/uuid"
)

// RecordConflict keeps a change made offline on version SeenVersion of a
// record that collides with someone else's newer change (CollisionSince):
// the sync sends it instead of the change once the change met a newer
// version. Its actor and occurred time are the offline change's author and
// captured time.
type RecordConflict struct {
	Header
	Record      Ref             `json:"record"`
	SeenVersion uint64          `json:"seen_version"`
	Command     string          `json:"command" required:"true"`
	Body        json.RawMessage `json:"body"` // the change's body as the outbox held it; its header is dropped
}

func (c RecordConflict) Target() Ref { return c.Record }

func (c RecordConflict) decide(s *Scope) ([]Payload, error) {
	change, proposed, err := proposedChange(c.Command, c.Body, c.Record)
	if err != nil {
		return nil, err
	}
	hit, ok := collision(FieldOf(change), s.Self, c.SeenVersion, s.Header.Actor.ID)
	if !ok {
		return nil, ErrNoCollision.withf("%s on %s %s meets no newer change of the same field by someone else; send it as it is", c.Command, c.Record.Kind, c.Record.ID)
	}
	theirs, err := withoutPersonal(hit.Theirs.Payload)
	if err != nil {
		return nil, err
	}
	return one(ConflictRecorded{Command: c.Command, Field: hit.Field, SeenVersion: c.SeenVersion, Proposed: proposed,
		TheirsEventID: hit.Theirs.ID, TheirsType: hit.Theirs.Payload.EventType(), Theirs: theirs,
		TheirsBy: hit.Theirs.Envelope.Actor, TheirsAt: hit.Theirs.Envelope.OccurredAt})
}

// ResolveConflict chooses which value of a conflict the record keeps.
// Keeping the proposed value decides the offline change again on the record
// as it is now, in the same append, so the choice and its effect land together.
type ResolveConflict struct {
	Header
	Record          Ref       `json:"record"`
	ConflictEventID uuid.UUID `json:"conflict_event_id"`
	Keep            Keep      `json:"keep" required:"true"`
	Reason          string    `json:"reason"`
}

func (c ResolveConflict) Target() Ref { return c.Record }

func (c ResolveConflict) decide(s *Scope) ([]Payload, error) {
	open, err := c.openConflict(s.Self)
	if err != nil {
		return nil, err
	}
	resolved := ConflictResolved{ConflictEventID: c.ConflictEventID, Kept: c.Keep, Reason: c.Reason}
	if err := oneOf("keep", c.Keep, KeepTheirs, KeepProposed); err != nil || c.Keep == KeepTheirs {
		return []Payload{resolved}, err
	}
	change, _, err := proposedChange(open.Command, open.Proposed, c.Record)
	if err != nil {
		return nil, err
	}
	applied, err := change.decide(s)
	if err != nil {
		return nil, err
	}
	return append([]Payload{resolved}, applied...), nil
}

// openConflict is the unresolved conflict the command names.
func (c ResolveConflict) openConflict(self Aggregate) (ConflictRecorded, error) {
	for _, k := range Conflicts(self) {
		if k.Event.ID != c.ConflictEventID {
			continue
		}
		if k.Resolved != nil {
			return ConflictRecorded{}, ErrConflictResolved.at("conflict_event_id", "this conflict was resolved already (kept %s)", k.Resolved.Kept)
		}
		return k.Recorded, nil
	}
	return ConflictRecorded{}, ErrNotAConflict.at("conflict_event_id", "event %s is not a conflict of %s %s", c.ConflictEventID, c.Record.Kind, c.Record.ID)
}

// headerFields are the members every command carries in its header: a
// conflict keeps only what the change itself says.
var headerFields = JSONFields(typeOf[Header]())

// proposedChange decodes the change a conflict is about and checks it as
// Decide would, returning it and its body without header fields.
func proposedChange(name string, body json.RawMessage, record Ref) (Command, json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil || m == nil {
		return nil, nil, ErrInvalid.at("body", "body must be the JSON object of the change")
	}
	for _, f := range headerFields {
		delete(m, f.Name)
	}
	proposed, _ := json.Marshal(m)
	change, err := DecodeCommand(name, proposed)
	if err != nil {
		return nil, nil, err
	}
	if change.Target() != record {
		return nil, nil, ErrInvalid.at("record", "the change is about %s %s, not this record", change.Target().Kind, change.Target().ID)
	}
	if FieldOf(change) == "" {
		return nil, nil, ErrNoCollision.at("command", "%s adds to a record and never collides; send it as it is", name)
	}
	return change, proposed, checkCommand(change)
}

// withoutPersonal is a payload's fields as a conflict keeps them: without
// its personal fields (a meeting's attendees, say), which the conflict would
// otherwise copy out of reach of erasure and of the views' redaction.
func withoutPersonal(p Payload) (json.RawMessage, error) {
	raw, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, err
	}
	for _, name := range personalFields(p.EventType()) {
		delete(fields, name)
	}
	return json.Marshal(fields)
}
