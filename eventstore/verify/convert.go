package verify

import (
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// toIntegrity is what an event hash covers of a stored event.
func toIntegrity(ev eventstore.RecordedEvent) integrity.Event {
	return integrity.Event{Stream: ev.Stream, Version: ev.Version, ID: ev.ID, Type: ev.Type, Data: ev.Data, Metadata: ev.Metadata}
}
