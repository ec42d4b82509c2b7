package audit

import (
	"cmp"
	"encoding/json"
	"slices"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

// Correction is what a correction changed, as the audit trail shows it: each
// corrected field with its value before and after, and why. Who corrected it
// and when are the record's actor and times, as for every event.
type Correction struct {
	Reason string           `json:"reason"`
	Fields []CorrectedField `json:"fields"`
}

// CorrectedField is one field of the corrected event, before and after.
// Before is absent for corrections recorded before the ledger kept it.
type CorrectedField struct {
	Field  string          `json:"field"`
	Before json.RawMessage `json:"before,omitempty"`
	After  json.RawMessage `json:"after"`
}

// corrections keeps what each correction changed, by entry; corrections are
// rare, so the few bytes they hold are worth not reading the log again.
type corrections map[int32]*Correction

// note keeps entry i's correction, if e is one.
func (cs *corrections) note(i int32, e *projections.Event) {
	c, ok := e.Payload.(domain.CorrectionRecorded)
	if !ok {
		return
	}
	if *cs == nil {
		*cs = corrections{}
	}
	(*cs)[i] = describeCorrection(c)
}

func describeCorrection(c domain.CorrectionRecorded) *Correction {
	var after, before map[string]json.RawMessage
	_ = json.Unmarshal(c.Changes, &after) // the domain checked the object; an unreadable one lists nothing
	_ = json.Unmarshal(c.Before, &before)
	out := &Correction{Reason: c.Reason, Fields: []CorrectedField{}}
	for k, v := range after {
		out.Fields = append(out.Fields, CorrectedField{Field: k, Before: before[k], After: v})
	}
	slices.SortFunc(out.Fields, func(a, b CorrectedField) int { return cmp.Compare(a.Field, b.Field) })
	return out
}
