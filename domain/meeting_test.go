package domain

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

func TestApprovedMinutesChangeOnlyByCorrection(t *testing.T) {
	t.Parallel()
	f := standard(t)
	ids := f.given(Ref{KindMeeting, f.meeting}, MeetingMinutesCirculated{Minutes: "draft", Draft: 1}, MeetingMinutesApproved{Draft: 1})

	evs, err := f.when(CirculateMinutes{Header: f.hdr(), ID: f.meeting, Minutes: "quiet edit"})
	de := thenRefused(t, evs, err, ErrMinutesFrozen)
	require.Contains(t, de.Message, "correction")

	evs, err = f.when(CorrectMinutes{Header: f.hdr(), ID: f.meeting, Minutes: "fixed"})
	thenRefused(t, evs, err, ErrReasonRequired)

	evs, err = f.when(CorrectMinutes{Header: f.hdr(), ID: f.meeting, Minutes: "fixed", Reason: "wrong date", CorrectsEventID: uuid.New()})
	thenRefused(t, evs, err, ErrEventNotInStream)

	evs, err = f.when(CorrectMinutes{Header: f.hdr(), ID: f.meeting, Minutes: "fixed", Reason: "wrong date", CorrectsEventID: ids[0]})
	e := thenOne[MeetingMinutesCorrected](t, evs, err)
	require.Equal(t, ids[0], e.CorrectsEventID)
}

func TestCorrectionOnlyForApprovedMinutes(t *testing.T) {
	t.Parallel()
	f := standard(t)
	f.given(Ref{KindMeeting, f.meeting}, MeetingMinutesCirculated{Minutes: "draft", Draft: 1})
	evs, err := f.when(CorrectMinutes{Header: f.hdr(), ID: f.meeting, Minutes: "fixed", Reason: "r"})
	thenRefused(t, evs, err, ErrCorrectionOfMinutes)
	evs, err = f.when(CirculateMinutes{Header: f.hdr(), ID: f.meeting, Minutes: "draft 2"})
	require.Equal(t, 2, thenOne[MeetingMinutesCirculated](t, evs, err).Draft)
}

func TestMeetingLifecycle(t *testing.T) {
	t.Parallel()
	f := standard(t)
	id := uuid.New()
	evs, err := f.when(ScheduleMeeting{Header: f.hdr(), ID: id, MechanismID: uuid.New(), Title: "t", ScheduledFor: testNow})
	thenRefused(t, evs, err, ErrNotFound)
	evs, err = f.when(ScheduleMeeting{Header: f.hdr(), ID: id, MechanismID: f.tech, Title: "t", ScheduledFor: testNow})
	f.given(Ref{KindMeeting, id}, thenOne[MeetingScheduled](t, evs, err))

	evs, err = f.when(ApproveMinutes{Header: f.hdr(), ID: id})
	thenRefused(t, evs, err, ErrWrongState)
	evs, err = f.when(CirculateMinutes{Header: f.hdr(), ID: id, Minutes: "m"})
	thenRefused(t, evs, err, ErrWrongState)
}

func TestQuorumIsComputedFromMembersPresent(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		attendees func(f *fixture) []Attendee
		want      bool
	}{
		{"both members", func(f *fixture) []Attendee {
			return []Attendee{{uuid.New(), "A", f.hns}, {uuid.New(), "B", f.icrc}}
		}, true},
		{"one member twice", func(f *fixture) []Attendee {
			return []Attendee{{uuid.New(), "A", f.hns}, {uuid.New(), "B", f.hns}}
		}, false},
		{"one member and a non-member", func(f *fixture) []Attendee {
			return []Attendee{{uuid.New(), "A", f.hns}, {uuid.New(), "C", f.pns}}
		}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := standard(t)
			id := uuid.New()
			f.given(Ref{KindMeeting, id}, MeetingScheduled{MechanismID: f.tech, Title: "TWG 2"})
			evs, err := f.when(HoldMeeting{Header: f.hdr(), ID: id, Attendees: tc.attendees(f)})
			require.Equal(t, tc.want, thenOne[MeetingHeld](t, evs, err).QuorumMet)
		})
	}
}
