package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/eventstore/sqlite"
	"github.com/movementcoord/ledger/scripts/demo"
)

func TestDemoWritesEveryKindOfRecordOnce(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, t.TempDir())
	require.NoError(t, err)
	defer store.Close()
	svc := recorder.New(store)
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

	sum, err := demo.Run(ctx, svc, now, nil)
	require.NoError(t, err)
	t.Logf("demo: %+v", sum)
	require.Equal(t, sum.Commands, sum.Written, "a fresh store records every command")
	require.Equal(t, demo.Commands, sum.Commands, "the progress total is exact")

	types := map[string]int{}
	states := map[domain.APState]int{}
	for ev, err := range store.ReadAll(ctx, 0, 0) {
		require.NoError(t, err)
		types[ev.Type]++
	}
	for _, kind := range []string{"operation.opened.v1", "component.joined.v1", "contact.added.v2", "meeting.minutes_approved.v1",
		"decision.endorsed.v1", "decision.superseded.v1", "decision.amended.v1", "decision.rescinded.v1",
		"actionpoint.verified.v1", "actionpoint.blocked.v1", "actionpoint.cancelled.v1", "actionpoint.due_date_changed.v1",
		"compliance.resolved.v1", "compliance.dismissed.v1", "escalation.escalated.v1", "escalation.resolved.v1",
		"lesson.responded.v1"} {
		require.Positive(t, types[kind], "the demo records %s", kind)
	}
	require.Equal(t, 6, types["component.joined.v1"], "HNS, IFRC, ICRC and three PNS")
	require.Equal(t, 2, types["compliance.reported.v1"])

	aps := actionPoints(t, ctx, svc, store)
	for _, ap := range aps {
		states[ap.State]++
	}
	states["overdue"] = countOverdue(aps, now)
	t.Logf("action points by state: %v", states)
	for _, st := range []domain.APState{domain.APOpen, domain.APInProgress, domain.APBlocked, domain.APCompleted,
		domain.APVerified, domain.APCancelled, "overdue"} {
		require.Positive(t, states[st], "an action point is %s", st)
	}

	// day 42: Rukum kits (due day 30), cash registration (25), market
	// assessment (28) and clinic sites (19) are overdue; Jajarkot kits are
	// due on day 60, and stay due after the response's "now".
	require.Equal(t, 4, states["overdue"])
	require.Zero(t, countOverdue(aps, now.AddDate(0, 0, -43)), "nothing is overdue before the response")
	require.Equal(t, 4, countOverdue(aps, now.AddDate(0, 0, 10)), "ten days later, Jajarkot kits are still not due")

	again, err := demo.Run(ctx, svc, now.Add(time.Hour), nil)
	require.NoError(t, err)
	require.Equal(t, sum.Commands, again.Duplicates, "a second run writes nothing")
	require.Equal(t, sum.OperationID, again.OperationID)
	var n int
	for range store.ReadAll(ctx, sum.LastPosition, 0) {
		n++
	}
	require.Zero(t, n)
}

// actionPoints loads every action point the demo raised.
func actionPoints(t *testing.T, ctx context.Context, svc *recorder.Service, store eventstore.Store) []*domain.ActionPoint {
	t.Helper()
	var out []*domain.ActionPoint
	for ev, err := range store.ReadAll(ctx, 0, 0) {
		require.NoError(t, err)
		if ev.Type != "actionpoint.raised.v1" {
			continue
		}
		ref, err := domain.ParseStream(ev.Stream)
		require.NoError(t, err)
		agg, err := svc.Load(ctx, ref)
		require.NoError(t, err)
		out = append(out, agg.(*domain.ActionPoint))
	}
	return out
}

func countOverdue(aps []*domain.ActionPoint, at time.Time) int {
	n := 0
	for _, ap := range aps {
		if ap.IsOverdue(at) {
			n++
		}
	}
	return n
}
