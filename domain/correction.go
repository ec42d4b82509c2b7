package domain

import (
	"encoding/json"
	"strings"

	"github.com/google/uuid"
)

// CorrectionRecorded fixes a mistake in an earlier event of the same record.
// Nothing is edited: views apply Changes over the corrected event's payload,
// and the audit trail shows both.
type CorrectionRecorded struct {
	CorrectsEventID uuid.UUID       `json:"corrects_event_id" doc:"id of the event being corrected; it is in the same stream"`
	CorrectsType    string          `json:"corrects_type" doc:"type of the corrected event, so readers know which fields Changes holds"`
	Reason          string          `json:"reason" doc:"why the correction was needed"`
	Changes         json.RawMessage `json:"changes,omitempty" doc:"payload fields with their corrected values, keyed as in the corrected event"`
}

func (CorrectionRecorded) EventType() string { return "correction.recorded.v1" }

var correctionEvents = []eventSpec{
	spec[CorrectionRecorded](KindAny, "An earlier event of the record was corrected, with a reason."),
}

// CorrectEvent records a correction on any record. It is allowed in a closed
// operation: the record must stay correctable after the response ends.
// Corrections do not change the aggregate's own state; views apply them.
type CorrectEvent struct {
	Header
	Record  Ref             `json:"record"`
	EventID uuid.UUID       `json:"event_id"`
	Reason  string          `json:"reason"`
	Changes json.RawMessage `json:"changes"` // a JSON object, or empty when only a note is needed
}

func (c CorrectEvent) Target() Ref      { return c.Record }
func (CorrectEvent) allowedWhenClosed() {}

func (c CorrectEvent) decide(s *Scope) ([]Payload, error) {
	b := s.Self.base()
	typ, ok := b.events[c.EventID]
	if !ok {
		return nil, ErrEventNotInStream.at("event_id", "event %s is not part of %s %s", c.EventID, c.Record.Kind, c.Record.ID)
	}
	if err := reason("reason", c.Reason); err != nil {
		return nil, err
	}
	if len(c.Changes) > 0 && !isJSONObject(c.Changes) {
		return nil, ErrInvalid.at("changes", "changes must be a JSON object of corrected fields")
	}
	return one(CorrectionRecorded{CorrectsEventID: c.EventID, CorrectsType: typ, Reason: c.Reason, Changes: c.Changes})
}

func isJSONObject(b json.RawMessage) bool {
	var m map[string]json.RawMessage
	return strings.HasPrefix(strings.TrimSpace(string(b)), "{") && json.Unmarshal(b, &m) == nil
}
