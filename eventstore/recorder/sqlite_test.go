package recorder

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

// TestThroughEmbeddedStore runs a decision's life through the SQLite store,
// closes it, reopens the file and checks idempotency still holds.
func TestThroughEmbeddedStore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	store, err := sqlite.Open(ctx, dir)
	require.NoError(t, err)
	s := newScene(t, store)

	dec := s.run(domain.ProposeDecision{Header: hdr(s.op), ID: NewID(), MechanismID: s.mech, Title: "Cholera", Text: "HNS leads"}).Ref.ID
	s.run(domain.AdoptDecision{Header: hdr(s.op), ID: dec, AgreedBy: []uuid.UUID{s.hns, s.pns}})
	raise := domain.RaiseActionPoint{Header: hdr(s.op), ID: NewID(), DecisionID: dec, Title: "ORPs",
		Owner: domain.Owner{ComponentID: s.pns}, DueAt: testNow.Add(24 * time.Hour)}
	first := s.run(raise)
	require.Equal(t, uint64(7), first.Position)
	require.NoError(t, store.Close())

	store, err = sqlite.Open(ctx, dir)
	require.NoError(t, err)
	t.Cleanup(func() { _ = store.Close() })
	svc := New(store, WithClock(func() time.Time { return testNow }))
	again, err := svc.Execute(ctx, raise, WriteOptions{})
	require.NoError(t, err)
	require.True(t, again.Duplicate)
	require.Equal(t, first.Position, again.Position)
	require.Equal(t, 7, count(t, store))

	_, err = svc.Execute(ctx, domain.CompleteActionPoint{Header: hdr(s.op), ID: raise.ID}, WriteOptions{})
	require.NoError(t, err)
	_, err = svc.Execute(ctx, domain.ReassignActionPoint{Header: hdr(s.op), ID: raise.ID, Owner: domain.Owner{ComponentID: s.hns}}, WriteOptions{})
	require.ErrorIs(t, err, domain.ErrNotReassignable)

	ap, err := svc.Load(ctx, domain.Ref{Kind: domain.KindActionPoint, ID: raise.ID})
	require.NoError(t, err)
	require.False(t, ap.(*domain.ActionPoint).IsOverdue(testNow.Add(48*time.Hour)))
}
