package views_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/views"
)

// A reminder recorded on an action point moves its version (an officer's
// If-Match follows the stream) but is not progress: neither the tracker nor
// the decision's "last progress" move, or the idle-decision rule and the
// stalled figures would take chasing for doing.
func TestAReminderIsNotProgress(t *testing.T) {
	t.Parallel()
	op, dec, ap := uuid.New(), uuid.New(), uuid.New()
	raised, reminded := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC)
	ev := func(kind domain.Kind, id uuid.UUID, version uint64, at time.Time, p domain.Payload) *projections.Event {
		return &projections.Event{Ref: domain.Ref{Kind: kind, ID: id}, Version: version, Type: p.EventType(),
			Env: domain.Envelope{OperationID: op, OccurredAt: at, RecordedAt: at}, Payload: p}
	}
	actions, decisions := views.NewActions(), views.NewDecisions()
	for _, e := range []*projections.Event{
		ev(domain.KindDecision, dec, 1, raised, domain.DecisionProposed{Title: "Kits"}),
		ev(domain.KindDecision, dec, 2, raised, domain.DecisionAdopted{}),
		ev(domain.KindActionPoint, ap, 1, raised, domain.ActionPointRaised{DecisionID: dec, Title: "Buy kits", DueAt: raised.Add(48 * time.Hour)}),
		ev(domain.KindActionPoint, ap, 2, reminded, domain.ReminderSent{Rule: domain.RuleOverdue, Occurrence: 1, PersonID: uuid.New(), Channel: domain.ChannelEmail}),
	} {
		require.NoError(t, actions.Apply(e))
		require.NoError(t, decisions.Apply(e))
	}
	a, ok := actions.Get(ap)
	require.True(t, ok)
	require.Equal(t, raised, a.LastProgressAt)
	require.Equal(t, domain.APOpen, a.State)
	require.Equal(t, uint64(2), a.Version, "the version follows the stream")
	d, ok := decisions.Get(dec)
	require.True(t, ok)
	require.Len(t, d.ActionPoints, 1)
	require.Equal(t, raised, d.ActionPoints[0].LastProgressAt)
}
