package httpapi

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
)

// EventView is a stored event as the API shows it: the store's coordinates,
// the envelope, and the payload as stored (not upcast).
type EventView struct {
	ID         uuid.UUID       `json:"id"`
	Stream     string          `json:"stream"`
	Version    uint64          `json:"version"`
	Position   uint64          `json:"position"`
	Type       string          `json:"type"`
	RecordedAt time.Time       `json:"recorded_at"`
	Envelope   domain.Envelope `json:"envelope"`
	Data       json.RawMessage `json:"data"`
}

// viewFor is the principal's view of a stored event, by the visibility
// policy (domain/visibility): whether it may see the event's record, whose
// classification is the strictest of the event's own and recordClass (what
// is known of the record's other events and of what it is about), and the
// payload without the fields it may not see. The caller counts what it sends.
func viewFor(p auth.Principal, ev eventstore.RecordedEvent, recordClass domain.Classification) (EventView, bool, error) {
	env, err := domain.DecodeEnvelope(ev.Metadata)
	if err != nil {
		return EventView{}, false, fmt.Errorf("%s@%d: %w", ev.Stream, ev.Version, err)
	}
	reader := p.Reader()
	if !reader.SeesRecord(env.OperationID, domain.Strictest(env.Classification, recordClass)) {
		return EventView{}, false, nil
	}
	data, err := reader.Event(ev.Type, env.Actor.ID, ev.Data)
	if err != nil {
		return EventView{}, false, fmt.Errorf("%s@%d: %w", ev.Stream, ev.Version, err)
	}
	return EventView{ID: ev.ID, Stream: ev.Stream, Version: ev.Version, Position: ev.Position, Type: ev.Type,
		RecordedAt: ev.RecordedAt, Envelope: env, Data: data}, true, nil
}
