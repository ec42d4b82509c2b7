package audit

import (
	"cmp"
	"encoding/json"
	"slices"

	"github.com/google/uuid"

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

// componentKeys are the fields that say which component a record concerns.
var componentKeys = []string{"component_id", "owner_component_id", "subject_component_id"}

// correctedComponent is the component a record concerns after a correction:
// the corrected one, while the record still concerns the one the corrected
// event named (a later reassignment wins, as in the registers).
func correctedComponent(current uuid.UUID, c domain.CorrectionRecorded) uuid.UUID {
	var after, before map[string]json.RawMessage
	_ = json.Unmarshal(c.Changes, &after)
	_ = json.Unmarshal(c.Before, &before)
	for _, k := range componentKeys {
		var now, was uuid.UUID
		if json.Unmarshal(after[k], &now) != nil || now == uuid.Nil {
			continue
		}
		if raw, known := before[k]; known && (json.Unmarshal(raw, &was) != nil || was != current) {
			continue
		}
		return now
	}
	return current
}
