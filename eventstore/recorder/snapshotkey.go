package recorder

import (
	"context"
	"strconv"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/eventstore/keystore"
)

// SnapshotKeyID is the key store entry whose key seals the view snapshots
// of erasure generation g (how many person erasures the views had applied;
// see projections.SnapshotKeys): a reserved id no person has, beside the
// idempotency secret. A person's erasure moves the views to g+1 and erases
// g's key, so a snapshot that still held the person's data in clear can no
// longer be read, wherever a copy of it went.
func SnapshotKeyID(g uint64) uuid.UUID {
	return uuid.NewSHA1(namespace, []byte("ledger\x00snapshot-key\x00"+strconv.FormatUint(g, 10)))
}

// SnapshotKeys are the snapshot keys of a key store, by erasure generation
// (it implements projections.SnapshotKeys).
type SnapshotKeys struct{ Store keystore.Store }

// Key is generation g's key; personal.ErrErased once it was erased.
func (k SnapshotKeys) Key(ctx context.Context, g uint64) ([]byte, error) {
	return k.Store.Key(ctx, SnapshotKeyID(g))
}

// Ensure is generation g's key, made on first use.
func (k SnapshotKeys) Ensure(ctx context.Context, g uint64) ([]byte, error) {
	return k.Store.Ensure(ctx, SnapshotKeyID(g))
}

// Erase destroys generation g's key for good.
func (k SnapshotKeys) Erase(ctx context.Context, g uint64) error {
	return k.Store.Erase(ctx, SnapshotKeyID(g))
}
