package keystore

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain/personal"
)

// Guard puts the log's word on erasure before store's: a person for whom
// erased answers true gets personal.ErrErased, whatever store still holds
// (a key cached before another server erased the person, or one whose
// destruction was cut short). erased is typically projections/unseal's
// record of the erasure events it has read.
func Guard(store Store, erased func(uuid.UUID) bool) Store {
	return &guarded{Store: store, erased: erased}
}

type guarded struct {
	Store
	erased func(uuid.UUID) bool
}

func (g *guarded) Key(ctx context.Context, person uuid.UUID) ([]byte, error) {
	if g.erased(person) {
		return nil, fmt.Errorf("person %s: %w", person, personal.ErrErased)
	}
	return g.Store.Key(ctx, person)
}

func (g *guarded) Ensure(ctx context.Context, person uuid.UUID) ([]byte, error) {
	if g.erased(person) {
		return nil, fmt.Errorf("person %s: %w", person, personal.ErrErased)
	}
	return g.Store.Ensure(ctx, person)
}
