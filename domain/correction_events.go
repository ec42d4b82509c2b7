package domain

import (
	"encoding/json"

	"github.com/google/uuid"
)

// CorrectionRecorded fixes a mistake in an earlier event of the same record.
// Nothing is edited: the record is folded again with the corrected event's
// payload patched by Changes (see refold), views apply the same patch, and
// the audit trail shows Before and Changes side by side.
type CorrectionRecorded struct {
	CorrectsEventID uuid.UUID       `json:"corrects_event_id" doc:"id of the event being corrected; it is in the same stream"`
	CorrectsType    string          `json:"corrects_type" doc:"type of the corrected event, so readers know which fields Changes holds"`
	Reason          string          `json:"reason" doc:"why the correction was needed"`
	Changes         json.RawMessage `json:"changes,omitempty" doc:"the corrected fields with their new values, keyed as in the corrected event; occurred_at is when it really happened"`
	Before          json.RawMessage `json:"before,omitempty" doc:"the same fields with the values they had before this correction"`
}

func (CorrectionRecorded) EventType() string { return "correction.recorded.v1" }

var correctionEvents = []eventSpec{
	spec[CorrectionRecorded](KindAny, "An earlier event of the record was corrected, with a reason."),
}
