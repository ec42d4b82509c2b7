package server

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/backend"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/projections/unseal"
)

// backing is what the server runs on: the log, the key store of the
// personal data sealed in it, and a read view of the log with those fields
// opened. Writes (and `ledger verify`) see the stored ciphertext; the views,
// the raw events and the live feed see plaintext, or "[erased]".
type backing struct {
	store    eventstore.Store
	keys     keystore.Store
	readable eventstore.Store
	where    string
	tokens   *auth.Store // opened once by openTokens (shared.go)
	leases   *jobLeases  // set by startLeases (lease.go)
}

// openBacking opens KurrentDB when a connection string is given, else the
// embedded store in the data directory, choosing as every other command does.
func openBacking(ctx context.Context, o Options) (*backing, error) {
	cfg := backend.Config{DataDir: o.DataDir, URL: o.Store, Keys: o.Keys, Logger: o.Logger, MakeDataDir: true}
	if o.Store == "" {
		signer, err := logSigner(o)
		if err != nil {
			return nil, err
		}
		cfg.Signer = signer
	}
	store, where, err := backend.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	keys, err := backend.OpenKeys(ctx, cfg, store)
	if err != nil {
		return nil, errors.Join(err, store.Close())
	}
	// Background, not the serving context: views still read while the
	// server drains.
	opened := unseal.New(store, func(p uuid.UUID) ([]byte, error) { return keys.Key(context.Background(), p) })
	// Writes too take the log's word on erasure once the views have read
	// it, even if another server's erasure has not reached this key cache.
	guarded := keystore.Guard(keys, opened.Erased)
	if warning := backend.SharedKeysWarning(cfg); warning != "" {
		o.Logger.Warn(warning)
	}
	where += "; keys: " + backend.KeysWhere(cfg)
	return &backing{store: store, keys: guarded, readable: opened, where: where}, nil
}

// Close closes the key store, then the log; acknowledged appends are durable.
func (b *backing) Close() error {
	var errs []error
	if err := b.keys.Close(); err != nil {
		errs = append(errs, fmt.Errorf("close key store: %w", err))
	}
	if err := b.store.Close(); err != nil {
		errs = append(errs, fmt.Errorf("close store: %w", err))
	}
	return errors.Join(errs...)
}
