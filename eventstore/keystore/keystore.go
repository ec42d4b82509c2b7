// Package keystore keeps the per-person keys that seal personal data in
// events (see domain/personal). Keys live outside the event log, so that
// erasing a person is deleting one key while the log stays untouched.
//
// Two key stores implement the port, and both pass keystoretest:
//
//   - File, the embedded key store, for one server: a file beside the log.
//   - Remote, the client of the key service (`ledger keys serve`), for
//     several servers on one KurrentDB: each reaches the one key service.
//
// The embedded key store is one SQLite file beside the log, <data>/keys.db,
// with a rollback journal rather than a WAL, so an erased key is not left in
// a write-ahead log, and secure_delete on, so pages SQLite frees are zeroed.
// TestErasureDestroysTheKeyForGood checks that no file in the directory
// holds an erased key's bytes.
package keystore

import (
	"context"

	"github.com/google/uuid"
)

// FileName is the key store's file inside the data directory.
const FileName = "keys.db"

// Store is the key store port.
type Store interface {
	// Key returns the person's key: ErrNoKey if none was ever made,
	// personal.ErrErased if it was destroyed.
	Key(ctx context.Context, person uuid.UUID) ([]byte, error)
	// Ensure returns the person's key, making one if there is none; an
	// erased person gets personal.ErrErased, never a new key.
	Ensure(ctx context.Context, person uuid.UUID) ([]byte, error)
	// Erase destroys the person's key for good. Erasing twice is no error.
	Erase(ctx context.Context, person uuid.UUID) error
	Close() error
}
