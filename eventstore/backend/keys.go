package backend

import (
	"context"
	"fmt"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/keystore"
)

// OpenKeys opens the key store of the personal data in store. It lives in the
// data directory, beside the embedded log (or, with KurrentDB, on this
// server; see the README for that limit). A log that already holds events
// but whose key store is missing is refused: starting a new, empty key store
// would leave every person's existing data sealed for ever.
func OpenKeys(ctx context.Context, cfg Config, store eventstore.Store) (keystore.Store, error) {
	hasEvents := false
	for _, err := range store.ReadAll(ctx, 0, 1) {
		if err != nil {
			return nil, fmt.Errorf("open key store: %w", err)
		}
		hasEvents = true
	}
	return keystore.OpenFile(ctx, cfg.DataDir, hasEvents)
}
