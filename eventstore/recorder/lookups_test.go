package recorder

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

// passThrough wraps a store the way the server's metrics do: reads pass
// through, and Unwrap lets the service reach the store's version count.
type passThrough struct{ eventstore.Store }

func (p passThrough) Unwrap() eventstore.Store { return p.Store }

// lookupStores are the ways a service reaches a store: one that keeps no
// version count (the service reads the stream's tail), the embedded store
// (its count), and the embedded store behind a pass-through wrapper.
func lookupStores(t *testing.T) map[string]eventstore.Store {
	open := func() *sqlite.Store {
		store, err := sqlite.Open(context.Background(), t.TempDir())
		require.NoError(t, err)
		t.Cleanup(func() { _ = store.Close() })
		return store
	}
	return map[string]eventstore.Store{
		"memory":          memory.New(),
		"sqlite":          open(),
		"sqlite, wrapped": passThrough{open()},
	}
}

// A service keeps the records the domain's rules read between commands; a
// change another server (another service on the same store) makes to them
// must still be seen by the next command.
func TestLookupsSeeChangesMadeByAnotherServer(t *testing.T) {
	t.Parallel()
	for name, store := range lookupStores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := newScene(t, store) // s.svc has read the operation and components
			other := New(store, WithClock(func() time.Time { return testNow }))
			raise := func(owner domain.Owner) error {
				_, err := s.svc.Execute(ctx, domain.RaiseActionPoint{Header: hdr(s.op), ID: NewID(), Title: "t", Owner: owner}, WriteOptions{})
				return err
			}
			require.NoError(t, raise(domain.Owner{ComponentID: s.pns}))
			require.NoError(t, raise(domain.Owner{ComponentID: s.pns})) // from what it kept

			_, err := other.Execute(ctx, domain.WithdrawComponent{Header: hdr(s.op), ID: s.pns, Reason: "left"}, WriteOptions{})
			require.NoError(t, err)
			require.ErrorIs(t, raise(domain.Owner{ComponentID: s.pns}), domain.ErrComponentNotActive)
			require.NoError(t, raise(domain.Owner{ComponentID: s.hns}))

			_, err = other.Execute(ctx, domain.ChangePhase{Header: hdr(s.op), ID: s.op, Phase: domain.PhaseClosed, Reason: "over"}, WriteOptions{})
			require.NoError(t, err)
			require.ErrorIs(t, raise(domain.Owner{ComponentID: s.hns}), domain.ErrOperationClosed)
		})
	}
}

// A record looked up before it exists is found once it is created.
func TestLookupsFindARecordCreatedLater(t *testing.T) {
	t.Parallel()
	for name, store := range lookupStores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := newScene(t, store)
			id := NewID()
			raise := domain.RaiseActionPoint{Header: hdr(s.op), ID: NewID(), Title: "t", Owner: domain.Owner{ComponentID: id}}
			_, err := s.svc.Execute(ctx, raise, WriteOptions{})
			require.ErrorIs(t, err, domain.ErrNotFound)

			s.run(domain.JoinComponent{Header: hdr(s.op), ID: id, Name: "IFRC", Kind: domain.ComponentIFRC})
			raise.Header = hdr(s.op)
			_, err = s.svc.Execute(ctx, raise, WriteOptions{})
			require.NoError(t, err)
		})
	}
}
