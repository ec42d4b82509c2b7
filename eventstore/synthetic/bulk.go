package synthetic

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
)

// ActionPoints is n action points raised in the existing operation op and
// owned by its component owner, one record each, created within three days
// after start in no particular order (as back-dated records arrive): the
// large register `ledger bench http` pages through.
func (g *Gen) ActionPoints(op, owner uuid.UUID, start time.Time, n int) []Record {
	o := &opState{g: g, id: op, clock: start, actors: []string{"bench-mco"}, components: []uuid.UUID{owner}}
	out := make([]Record, 0, n)
	for i := range n {
		r := o.newRec(domain.KindActionPoint)
		r.add(domain.ActionPointRaised{Title: fmt.Sprintf("Distribute kits, lot %d", i),
			Owner: domain.Owner{ComponentID: owner}, DueAt: start.AddDate(0, 0, g.rng.IntN(60))})
		out = append(out, r.out)
	}
	return out
}

// Append appends each record as a new stream from workers goroutines (the
// store groups their commits).
func Append(ctx context.Context, store eventstore.Store, recs []Record, workers int) error {
	return appendAll(ctx, store, recs, max(workers, 1))
}
