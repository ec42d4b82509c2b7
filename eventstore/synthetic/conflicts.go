package synthetic

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// conflict appends a due-date change made offline that met the change
// theirs (the record's last event), and an officer keeping the newer value.
func (r *rec) conflict(theirs uuid.UUID, changed domain.ActionPointDueDateChanged) {
	proposed := fmt.Sprintf(`{"id":%q,"due_at":%q,"reason":"rains"}`, r.ref.ID, changed.From.Add(21*24*time.Hour).Format(time.RFC3339))
	theirsJSON, _ := json.Marshal(changed)
	id := r.add(domain.ConflictRecorded{Command: "actionpoint.change_due_date", Field: domain.FieldDueDate, SeenVersion: uint64(len(r.out.Events) - 1),
		Proposed: json.RawMessage(proposed), TheirsEventID: theirs, TheirsType: changed.EventType(), Theirs: theirsJSON,
		TheirsBy: domain.Actor{ID: "token:gen", Role: "officer"}, TheirsAt: r.at})
	r.add(domain.ConflictResolved{ConflictEventID: id, Kept: domain.KeepTheirs, Reason: "the convoy date is confirmed"})
}
