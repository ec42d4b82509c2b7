package followup_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/followup"
)

// TestADeliveryTakesRemindersOutOfWhatIsOwed: each reminder recorded is
// owed until a delivery names its event; a repeated delivery (at least
// once) or one of another record's event changes nothing.
func TestADeliveryTakesRemindersOutOfWhatIsOwed(t *testing.T) {
	t.Parallel()
	op := uuid.New()
	ap := domain.Ref{Kind: domain.KindActionPoint, ID: uuid.New()}
	v := followup.NewView()
	apply := func(p domain.Payload) uuid.UUID {
		e := projections.Event{ID: uuid.New(), Type: p.EventType(), Ref: ap, Payload: p,
			Env: domain.Envelope{OperationID: op, OccurredAt: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}}
		require.NoError(t, v.Apply(&e))
		return e.ID
	}
	mail := apply(domain.ReminderSent{Rule: domain.RuleOverdue, Occurrence: 1, PersonID: uuid.New(), Channel: domain.ChannelEmail})
	hook := apply(domain.ReminderSent{Rule: domain.RuleOverdue, Occurrence: 1, ComponentID: uuid.New(), Channel: domain.ChannelWebhook})
	require.Equal(t, 2, v.OwedIn(op))

	steps := []struct {
		delivered []uuid.UUID
		owed      int
	}{
		{[]uuid.UUID{mail}, 1},
		{[]uuid.UUID{mail}, 1},       // delivered again: already out
		{[]uuid.UUID{uuid.New()}, 1}, // not a reminder of the view's
		{[]uuid.UUID{hook}, 0},
	}
	for i, s := range steps {
		apply(domain.ReminderDelivered{Reminders: s.delivered, Channel: domain.ChannelEmail})
		require.Equal(t, s.owed, v.OwedIn(op), "step %d", i)
	}
}
