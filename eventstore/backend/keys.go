package backend

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/keystore"
)

// OpenKeys opens the key store of the personal data in store: the key
// service when cfg.Keys names one, which every server on one KurrentDB must
// share; else the key file in the data directory, beside the embedded log
// (or, with KurrentDB and one server, on that server). A log that already
// holds events but whose key file is missing is refused: starting a new,
// empty key file would leave every person's existing data sealed for ever.
// (The key service guards the same way: it refuses a missing key store
// unless started with --init.)
func OpenKeys(ctx context.Context, cfg Config, store eventstore.Store) (keystore.Store, error) {
	if cfg.Keys.URL != "" {
		ks, err := keystore.OpenRemote(ctx, cfg.Keys)
		if err != nil {
			return nil, fmt.Errorf("open key service: %w", err)
		}
		return ks, nil
	}
	hasEvents := false
	for _, err := range store.ReadAll(ctx, 0, 1) {
		if err != nil {
			return nil, fmt.Errorf("open key store: %w", err)
		}
		hasEvents = true
	}
	return keystore.OpenFile(ctx, cfg.DataDir, hasEvents)
}

// KeysWhere says in words where OpenKeys finds the keys.
func KeysWhere(cfg Config) string {
	if cfg.Keys.URL != "" {
		return "key service " + cfg.Keys.URL
	}
	return "key file " + filepath.Join(cfg.DataDir, keystore.FileName)
}

// SharedKeysWarning is printed when servers on KurrentDB might each make
// their own keys: empty when the keys are shared or the log is embedded.
func SharedKeysWarning(cfg Config) string {
	if cfg.URL == "" || cfg.Keys.URL != "" {
		return ""
	}
	return "the keys of personal data are in " + filepath.Join(cfg.DataDir, keystore.FileName) +
		" on this machine only. That is right for one server; with several servers on one KurrentDB, run " +
		"`ledger keys serve` and give every server --keys (see the README, \"Personal data\")"
}
