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

// visibility is what a principal may see of one event.
type visibility int

const (
	visible visibility = iota
	hiddenOperation
	hiddenClass
)

// viewFor builds the principal's view of an event: whether it may see it,
// and with personal fields removed for roles that must not see them.
func viewFor(p auth.Principal, ev eventstore.RecordedEvent) (EventView, visibility, error) {
	env, err := domain.DecodeEnvelope(ev.Metadata)
	if err != nil {
		return EventView{}, visible, fmt.Errorf("%s@%d: %w", ev.Stream, ev.Version, err)
	}
	if !p.MayRead(env.OperationID) {
		return EventView{}, hiddenOperation, nil
	}
	if !released(p, env.Classification) {
		return EventView{}, hiddenClass, nil
	}
	data := json.RawMessage(ev.Data)
	if ev.Type == reportType && !p.SeesReporter(env.Actor.ID) {
		if data, err = redactReporter(ev.Data); err != nil {
			return EventView{}, visible, fmt.Errorf("%s@%d: %w", ev.Stream, ev.Version, err)
		}
	}
	if !p.SeesPersonalData() {
		if data, err = redactEvent(ev.Type, data); err != nil {
			return EventView{}, visible, fmt.Errorf("%s@%d: %w", ev.Stream, ev.Version, err)
		}
	}
	return EventView{ID: ev.ID, Stream: ev.Stream, Version: ev.Version, Position: ev.Position, Type: ev.Type,
		RecordedAt: ev.RecordedAt, Envelope: env, Data: data}, visible, nil
}
