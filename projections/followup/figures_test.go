package followup_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/followup"
	"github.com/movementcoord/ledger/projections/views"
)

func TestFigures(t *testing.T) {
	t.Parallel()
	day := func(d int) time.Time { return time.Date(2026, 3, 1+d, 9, 0, 0, 0, time.UTC) }
	hns, pns := uuid.New(), uuid.New()
	chased, chasedTwice, unchased, open, lateChase := uuid.New(), uuid.New(), uuid.New(), uuid.New(), uuid.New()
	sent := func(ap, comp uuid.UUID, at time.Time) followup.Sent {
		return followup.Sent{ReminderSent: domain.ReminderSent{ComponentID: comp, Rule: domain.RuleOverdue},
			About: domain.Ref{Kind: domain.KindActionPoint, ID: ap}, At: at}
	}
	reminders := []followup.Sent{
		sent(chased, hns, day(2)),
		sent(chasedTwice, pns, day(5)), sent(chasedTwice, pns, day(1)), // the first reminder counts, whatever the order
		sent(open, pns, day(3)),
		sent(lateChase, hns, day(9)), // reminded after it was done: not "only after reminders"
	}
	ap := func(id uuid.UUID, state domain.APState, closed time.Time) views.ActionPoint {
		return views.ActionPoint{Meta: views.Meta{ID: id}, State: state, ClosedAt: closed}
	}
	actions := []views.ActionPoint{
		ap(chased, domain.APCompleted, day(6)),     // 4 days after its reminder
		ap(chasedTwice, domain.APVerified, day(3)), // 2 days after its first
		ap(unchased, domain.APCompleted, day(4)),   // never reminded
		ap(open, domain.APInProgress, time.Time{}), // not done
		ap(lateChase, domain.APCompleted, day(8)),  // done before the reminder
	}
	f := followup.ComputeFigures(reminders, actions)
	require.Equal(t, len(reminders), f.Reminders)
	require.Equal(t, 2, f.CompletedAfterReminder)
	require.Equal(t, 2, f.CompletedUnreminded)
	require.Equal(t, (4*24*time.Hour+2*24*time.Hour)/2, f.MedianToCompletion)
	require.Equal(t, []followup.ComponentCount{{ComponentID: pns, Reminders: 3}, {ComponentID: hns, Reminders: 2}}, f.PerComponent)
}
