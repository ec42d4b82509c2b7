package domain

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

func TestRecordReminderDelivery(t *testing.T) {
	t.Parallel()
	f := standard(t)
	meeting := Ref{KindMeeting, f.meeting}
	ids := f.given(meeting,
		ReminderSent{Rule: RuleMinutesNotCirculated, Occurrence: 1, PersonID: uuid.New(), Channel: ChannelEmail},
		ReminderSent{Rule: RuleMinutesNotCirculated, Occurrence: 1, ComponentID: f.hns, Channel: ChannelWebhook},
		MeetingMinutesCirculated{})
	mail, hook, minutes := ids[0], ids[1], ids[2]
	evs, err := f.when(RecordReminderDelivery{Header: f.hdr(), Record: meeting, Reminders: []uuid.UUID{mail}, Channel: ChannelEmail})
	require.Equal(t, ReminderDelivered{Reminders: []uuid.UUID{mail}, Channel: ChannelEmail}, thenOne[ReminderDelivered](t, evs, err))

	refused := []struct {
		name      string
		reminders []uuid.UUID
		channel   Channel
		want      *Error
	}{
		{"none named", nil, ChannelEmail, ErrRequired},
		{"named twice", []uuid.UUID{mail, mail}, ChannelEmail, ErrInvalid},
		{"not this record's", []uuid.UUID{uuid.New()}, ChannelEmail, ErrEventNotInStream},
		{"not a reminder", []uuid.UUID{minutes}, ChannelEmail, ErrInvalid},
		{"another channel", []uuid.UUID{hook}, ChannelEmail, ErrInvalid},
		{"no such channel", []uuid.UUID{mail}, "pigeon", ErrInvalid},
	}
	for _, r := range refused {
		evs, err := f.when(RecordReminderDelivery{Header: f.hdr(), Record: meeting, Reminders: r.reminders, Channel: r.channel})
		require.Empty(t, evs, r.name)
		thenRefused(t, evs, err, r.want)
	}
}

// TestReminderDeliveryInAClosedOperation: a message on its way when the
// operation closed was still delivered, and the log says so.
func TestReminderDeliveryInAClosedOperation(t *testing.T) {
	t.Parallel()
	f := standard(t)
	decision := Ref{KindDecision, f.decision}
	ids := f.given(decision, ReminderSent{Rule: RuleDecisionIdle, Occurrence: 1, PersonID: uuid.New(), Channel: ChannelEmail})
	f.given(Ref{KindOperation, f.op}, OperationPhaseChanged{From: PhaseEmergency, To: PhaseClosed})
	evs, err := f.when(RecordReminderDelivery{Header: f.hdr(), Record: decision, Reminders: ids, Channel: ChannelEmail})
	require.Equal(t, ids, thenOne[ReminderDelivered](t, evs, err).Reminders)
}
