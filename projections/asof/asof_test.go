package asof_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/projections/asof"
	"github.com/movementcoord/ledger/projections/views"
)

var T = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

func put(t *testing.T, s eventstore.Store, op uuid.UUID, ref domain.Ref, occurred time.Time, p domain.Payload) {
	t.Helper()
	typ, data, err := domain.EncodePayload(p)
	require.NoError(t, err)
	meta, err := json.Marshal(domain.Envelope{OperationID: op, OccurredAt: occurred, Classification: domain.ClassMovement})
	require.NoError(t, err)
	_, err = s.Append(context.Background(), ref.Stream(), eventstore.Any(), eventstore.EventData{ID: uuid.New(), Type: typ, Data: data, Metadata: meta})
	require.NoError(t, err)
}

func TestAsOfRecordedAndOccurredDates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := memory.New()
	op := uuid.New()
	dec := domain.Ref{Kind: domain.KindDecision, ID: uuid.New()}
	ap := domain.Ref{Kind: domain.KindActionPoint, ID: uuid.New()}
	put(t, store, op, dec, T, domain.DecisionProposed{MechanismID: uuid.New(), Title: "t"})
	cut := time.Now().UTC()
	time.Sleep(2 * time.Millisecond)
	put(t, store, op, dec, T.Add(24*time.Hour), domain.DecisionAdopted{})
	put(t, store, op, ap, T.Add(-24*time.Hour), domain.ActionPointRaised{Title: "back-dated", DecisionID: dec.ID})

	stood, err := asof.Recorded(ctx, store, cut)
	require.NoError(t, err)
	ds := stood.Decisions.List(op, views.DecisionFilter{})
	require.Len(t, ds, 1)
	require.Equal(t, domain.DecProposed, ds[0].State, "the adoption was not yet written down")
	require.Empty(t, stood.Actions.List(op, views.ActionFilter{}))
	require.Equal(t, 1, stood.Audit.Len())

	known, err := asof.Occurred(ctx, store, T.Add(12*time.Hour))
	require.NoError(t, err)
	ds = known.Decisions.List(op, views.DecisionFilter{})
	require.Len(t, ds, 1)
	require.Equal(t, domain.DecProposed, ds[0].State, "adopted only the next day")
	require.Len(t, known.Actions.List(op, views.ActionFilter{}), 1, "the back-dated action point had happened by then")

	before, err := asof.Occurred(ctx, store, T.Add(-48*time.Hour))
	require.NoError(t, err)
	require.Empty(t, before.Decisions.List(op, views.DecisionFilter{}))
	require.Zero(t, before.Audit.Len())
}
