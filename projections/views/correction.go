package views

import (
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// changes are the corrected fields of a correction, keyed as in the
// corrected event's JSON. A field the view does not know is left alone.
type changes map[string]json.RawMessage

func parseChanges(c domain.CorrectionRecorded) changes {
	var m changes
	if len(c.Changes) > 0 {
		// The domain checked the object when deciding; an unreadable one
		// cannot change anything, and the audit trail still shows it.
		_ = json.Unmarshal(c.Changes, &m)
	}
	return m
}

func (c changes) str(key string, dst *string) bool {
	raw, ok := c[key]
	return ok && json.Unmarshal(raw, dst) == nil
}

// strAs sets a string-typed enum such as domain.Severity.
func strAs[T ~string](c changes, key string, dst *T) bool {
	var s string
	if !c.str(key, &s) {
		return false
	}
	*dst = T(s)
	return true
}

func (c changes) time(key string, dst *time.Time) bool {
	raw, ok := c[key]
	return ok && json.Unmarshal(raw, dst) == nil
}

func (c changes) id(key string, dst *uuid.UUID) bool {
	raw, ok := c[key]
	return ok && json.Unmarshal(raw, dst) == nil
}
