package recorder

import (
	"context"
	"errors"
	"fmt"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
)

// ReadRecord folds a record for a reader from a read store: the views'
// store (projections/unseal), which opens personal fields, so a record's
// state shows plaintext, or what an erased person's fields read as, and
// never the ciphertext the log holds. Writes never use it: Execute folds
// the log itself. A record that does not exist comes back with Version 0.
func ReadRecord(ctx context.Context, store eventstore.Store, ref domain.Ref) (domain.Aggregate, error) {
	agg := domain.New(ref)
	if agg == nil {
		return nil, fmt.Errorf("read %s: unknown kind %q", ref.Stream(), ref.Kind)
	}
	for ev, err := range store.ReadStream(ctx, ref.Stream(), eventstore.ReadStreamOptions{}) {
		if errors.Is(err, eventstore.ErrStreamNotFound) {
			return agg, nil
		}
		if err != nil {
			return agg, fmt.Errorf("read %s: %w", ref.Stream(), err)
		}
		e, err := decode(ev)
		if err != nil {
			return agg, err
		}
		domain.Fold(agg, e)
	}
	return agg, nil
}
