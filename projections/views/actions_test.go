package views_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

func TestActionTrackerStatesDueDatesAndFilters(t *testing.T) {
	t.Parallel()
	v := views.NewActions()
	f := newFold(t, v)
	a, b := uuid.New(), uuid.New()
	ap, first := f.new(domain.KindActionPoint, T, domain.ActionPointRaised{Title: "x", Owner: domain.Owner{ComponentID: a}, DueAt: day(10)})
	f.on(domain.KindActionPoint, ap, day(1), domain.ClassMovement, domain.ActionPointReassigned{FromComponentID: a, Owner: domain.Owner{ComponentID: b}})
	f.on(domain.KindActionPoint, ap, day(2), domain.ClassMovement, domain.ActionPointDueDateChanged{From: day(10), To: day(13), Reason: "r"})
	f.on(domain.KindActionPoint, ap, day(3), domain.ClassMovement, domain.ActionPointBlocked{Reason: "fuel"})
	got, _ := v.Get(ap)
	require.Equal(t, domain.APBlocked, got.State)
	require.Equal(t, "fuel", got.BlockedReason)
	require.Equal(t, b, got.Owner.ComponentID)
	require.Equal(t, 3*24*time.Hour, got.Slippage())
	// correcting the raised due date does not undo the later change
	f.on(domain.KindActionPoint, ap, day(4), domain.ClassMovement, domain.CorrectionRecorded{CorrectsEventID: first,
		CorrectsType: "actionpoint.raised.v1", Reason: "typo", Changes: json.RawMessage(`{"due_at":"2026-03-11T08:00:00Z","title":"y"}`),
		Before: json.RawMessage(`{"due_at":"2026-03-12T08:00:00Z","title":"x"}`)})
	got, _ = v.Get(ap)
	require.Equal(t, day(13), got.DueAt)
	require.Equal(t, day(9), got.OriginalDueAt)
	require.Equal(t, "y", got.Title)

	require.True(t, got.OverdueAt(day(14)))
	require.False(t, got.OverdueAt(day(13)), "due at that instant is not yet overdue")
	f.on(domain.KindActionPoint, ap, day(5), domain.ClassMovement, domain.ActionPointProgressReported{Percent: 50, Note: "n"})
	f.on(domain.KindActionPoint, ap, day(15), domain.ClassMovement, domain.ActionPointCompleted{})
	f.on(domain.KindActionPoint, ap, day(16), domain.ClassMovement, domain.ActionPointVerified{})
	got, _ = v.Get(ap)
	require.Equal(t, domain.APVerified, got.State)
	require.Equal(t, day(15), got.ClosedAt, "closed when completed, not when verified")
	require.Equal(t, 100, got.Percent)
	require.Empty(t, got.BlockedReason)
	require.True(t, got.OverdueAt(day(14)), "it was still open on day 14")
	require.False(t, got.OverdueAt(day(16)))
	f.on(domain.KindActionPoint, ap, day(16), domain.ClassMovement, domain.ActionPointReopened{Reason: "r"})
	require.Zero(t, must(v.Get(ap)).ClosedAt)
	got, _ = v.Get(ap)
	require.Equal(t, domain.APOpen, got.State)
	require.True(t, got.OverdueAt(day(17)), "reopened after its due date")

	require.Len(t, v.List(f.op, views.ActionFilter{OwnerComponent: b, OpenOnly: true}), 1)
	require.Empty(t, v.List(f.op, views.ActionFilter{OwnerComponent: a}))
	require.Len(t, v.List(f.op, views.ActionFilter{States: []domain.APState{domain.APOpen, domain.APBlocked}}), 1)
	require.Empty(t, v.List(uuid.New(), views.ActionFilter{}), "another operation sees nothing")
}

func must[T any](v T, ok bool) T {
	if !ok {
		panic("not found")
	}
	return v
}
