package recorder

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
)

// namespace roots the name-based UUIDs the service derives.
var namespace = uuid.MustParse("6f1c3a52-3f0e-4c59-9a43-1c4b8a0e7d21")

// NewID returns a fresh, time-ordered id (UUIDv7) for a new record.
func NewID() uuid.UUID { return uuid.Must(uuid.NewV7()) }

// eventID is stable for (stream, scoped key hash, index): a blind retry of an
// append whose reply was lost carries the same ids and the store writes
// nothing.
func eventID(stream, key string, i int) uuid.UUID {
	return uuid.NewSHA1(namespace, []byte("event\x00"+stream+"\x00"+key+"\x00"+strconv.Itoa(i)))
}

func encode(ref domain.Ref, key string, events []domain.Event) ([]eventstore.EventData, error) {
	out := make([]eventstore.EventData, len(events))
	for i, ev := range events {
		typ, data, err := domain.EncodePayload(ev.Payload)
		if err != nil {
			return nil, fmt.Errorf("encode %s: %w", ref.Stream(), err)
		}
		meta, err := json.Marshal(ev.Envelope)
		if err != nil {
			return nil, fmt.Errorf("encode envelope %s: %w", ref.Stream(), err)
		}
		out[i] = eventstore.EventData{ID: eventID(ref.Stream(), key, i), Type: typ, Data: data, Metadata: meta}
	}
	return out, nil
}
