package verify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// LatestLogDigest returns the last digest recorded in the log itself, or
// false when none was recorded. Its event's own chain is checked by the walk.
func LatestLogDigest(ctx context.Context, store eventstore.Store) (integrity.Digest, bool, error) {
	var d integrity.Digest
	found := false
	opts := eventstore.ReadStreamOptions{Direction: eventstore.Backward, Max: 1}
	for ev, err := range store.ReadStream(ctx, integrity.DigestStream, opts) {
		if errors.Is(err, eventstore.ErrStreamNotFound) {
			return d, false, nil
		}
		if err != nil {
			return d, false, fmt.Errorf("read %s: %w", integrity.DigestStream, err)
		}
		if err := json.Unmarshal(ev.Data, &d); err != nil {
			return d, false, fmt.Errorf("%s@%d: decode digest: %w", ev.Stream, ev.Version, err)
		}
		found = true
	}
	return d, found, nil
}
