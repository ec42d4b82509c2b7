package recorder

import (
	"fmt"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// seal chains events onto a stream whose head is at version with hash head.
// The service knows the version every event will take (it appends with an
// exact expected version), so the chain is computed before the append and
// works the same on every store; a conflict reloads and seals again.
func seal(stream string, version uint64, head integrity.Hash, events []eventstore.EventData) error {
	var x integrity.Hasher
	for i := range events {
		e := &events[i]
		version++
		meta, h, err := x.Seal(integrity.Event{Stream: stream, Version: version, ID: e.ID,
			Type: e.Type, Data: e.Data, Metadata: e.Metadata}, head)
		if err != nil {
			return fmt.Errorf("seal %s: %w", stream, err)
		}
		e.Metadata, head = meta, h
	}
	return nil
}

// headHash is the stored hash of an event, the prev_hash of the next one. An
// unsealed event (written before sealing existed) chains as the zero hash;
// the verifier reports it, so writing on must not be blocked by it.
func headHash(ev eventstore.RecordedEvent) integrity.Hash {
	_, h, err := integrity.ReadSeal(ev.Metadata)
	if err != nil {
		return integrity.Zero
	}
	return h
}
