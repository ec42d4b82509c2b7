package verify

import (
	"context"
	"fmt"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// Latest verifies the whole log and returns its latest signed checkpoint
// with a prover for it. A log that fails is refused: the error wraps the
// *Problem.
func Latest(ctx context.Context, store eventstore.Store, v *integrity.LogVerifier) (*Prover, Report, error) {
	hist, ok := store.(History)
	if !ok {
		hist = StreamHistory(store, v.Origin)
	}
	rep, t, err := check(ctx, store, Options{Verifier: v})
	if err != nil {
		return nil, rep, err
	}
	if rep.Problem != nil {
		return nil, rep, fmt.Errorf("%w: %w", ErrBroken, rep.Problem)
	}
	signed, found, err := hist.LatestCheckpoint(ctx)
	if err != nil || !found {
		return nil, rep, fmt.Errorf("no signed checkpoint in the log: %w", err)
	}
	cp, _, err := v.Open(signed)
	if err != nil {
		return nil, rep, err
	}
	p, err := NewProver(t, cp, signed)
	return p, rep, err
}
