package views_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

var T = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

func day(n int) time.Time { return T.Add(time.Duration(n) * 24 * time.Hour) }

// fold applies hand-written events to one view.
type fold struct {
	t    *testing.T
	view projections.Projection
	op   uuid.UUID
	pos  uint64
	last uuid.UUID // id of the last event applied
}

func newFold(t *testing.T, v projections.Projection) *fold {
	return &fold{t: t, view: v, op: uuid.New()}
}

func (f *fold) on(kind domain.Kind, id uuid.UUID, when time.Time, class domain.Classification, p domain.Payload) uuid.UUID {
	f.t.Helper()
	f.pos++
	f.last = uuid.New()
	e := projections.Event{Position: f.pos, ID: f.last, Version: f.pos, Type: p.EventType(), RecordedAt: when,
		Ref: domain.Ref{Kind: kind, ID: id}, Payload: p,
		Env: domain.Envelope{OperationID: f.op, OccurredAt: when, RecordedAt: when, Classification: class}}
	require.NoError(f.t, f.view.Apply(&e))
	return f.last
}

func (f *fold) new(kind domain.Kind, when time.Time, p domain.Payload) (id, event uuid.UUID) {
	id = uuid.New()
	return id, f.on(kind, id, when, domain.ClassMovement, p)
}
