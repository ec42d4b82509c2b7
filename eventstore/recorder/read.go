package recorder

import (
	"context"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
)

// ReadRecord folds a record for a reader from a read store: the views'
// store (projections/unseal), which opens personal fields, so a record's
// state shows plaintext, or what an erased person's fields read as, and
// never the ciphertext the log holds. Writes never use it: Execute folds
// the log itself. A record that does not exist comes back with Version 0.
func ReadRecord(ctx context.Context, store eventstore.Store, ref domain.Ref) (domain.Aggregate, error) {
	rec, err := loadFrom(ctx, store, ref, "")
	if rec.agg == nil {
		return nil, err
	}
	return rec.agg, err
}
