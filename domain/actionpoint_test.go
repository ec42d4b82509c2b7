package domain

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// givenAP folds an action point owned by the HNS through the given events.
func (f *fixture) givenAP(events ...Payload) uuid.UUID {
	id := uuid.New()
	raised := ActionPointRaised{Title: "Deploy ORPs", DecisionID: f.decision, Owner: Owner{ComponentID: f.hns},
		DueAt: testNow.Add(24 * time.Hour)}
	f.given(Ref{KindActionPoint, id}, append([]Payload{raised}, events...)...)
	return id
}

func TestReassignRefusedWhenClosed(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		given []Payload
		want  *Error
	}{
		{"open", nil, nil},
		{"in progress", []Payload{ActionPointProgressReported{Percent: 10}}, nil},
		{"blocked", []Payload{ActionPointBlocked{Reason: "access"}}, nil},
		{"completed", []Payload{ActionPointCompleted{}}, ErrNotReassignable},
		{"verified", []Payload{ActionPointCompleted{}, ActionPointVerified{}}, ErrNotReassignable},
		{"cancelled", []Payload{ActionPointCancelled{Reason: "r"}}, ErrNotReassignable},
		{"reopened after completion", []Payload{ActionPointCompleted{}, ActionPointReopened{Reason: "r"}}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := standard(t)
			id := f.givenAP(tc.given...)
			evs, err := f.when(ReassignActionPoint{Header: f.hdr(), ID: id, Owner: Owner{ComponentID: f.icrc}, Reason: "capacity"})
			if tc.want != nil {
				de := thenRefused(t, evs, err, tc.want)
				require.Contains(t, de.Message, "reopen it before reassigning")
				require.Contains(t, de.Message, ShortRef("AP", id))
				return
			}
			e := thenOne[ActionPointReassigned](t, evs, err)
			require.Equal(t, f.hns, e.FromComponentID)
			require.Equal(t, f.icrc, e.Owner.ComponentID)
		})
	}
}

func TestOwnerMustBeActiveComponent(t *testing.T) {
	t.Parallel()
	f := standard(t)
	unknown := uuid.New()
	cases := []struct {
		name  string
		owner uuid.UUID
		want  *Error
	}{
		{"joined", f.pns, nil},
		{"withdrawn", f.gone, ErrComponentNotActive},
		{"never joined", unknown, ErrNotFound},
	}
	for _, tc := range cases {
		t.Run("raise/"+tc.name, func(t *testing.T) {
			evs, err := f.when(RaiseActionPoint{Header: f.hdr(), ID: uuid.New(), Title: "t", Owner: Owner{ComponentID: tc.owner}})
			if tc.want == nil {
				thenOne[ActionPointRaised](t, evs, err)
				return
			}
			de := thenRefused(t, evs, err, tc.want)
			require.Equal(t, "owner_component_id", de.Field)
		})
		t.Run("reassign/"+tc.name, func(t *testing.T) {
			evs, err := f.when(ReassignActionPoint{Header: f.hdr(), ID: f.givenAP(), Owner: Owner{ComponentID: tc.owner}})
			if tc.want == nil {
				thenOne[ActionPointReassigned](t, evs, err)
				return
			}
			thenRefused(t, evs, err, tc.want)
		})
	}
}

func TestAssignFirstOwner(t *testing.T) {
	t.Parallel()
	f := standard(t)
	id := uuid.New()
	f.given(Ref{KindActionPoint, id}, ActionPointRaised{Title: "t"})
	evs, err := f.when(ReassignActionPoint{Header: f.hdr(), ID: id, Owner: Owner{ComponentID: f.icrc}})
	thenRefused(t, evs, err, ErrWrongState)
	evs, err = f.when(AssignActionPoint{Header: f.hdr(), ID: id, Owner: Owner{ComponentID: f.gone}})
	thenRefused(t, evs, err, ErrComponentNotActive)
	evs, err = f.when(AssignActionPoint{Header: f.hdr(), ID: id, Owner: Owner{ComponentID: f.icrc, PersonID: uuid.New(), Name: "A. Person"}})
	e := thenOne[ActionPointAssigned](t, evs, err)
	require.Equal(t, "A. Person", e.Owner.Name)
}

func TestDueDateChangeNeedsReason(t *testing.T) {
	t.Parallel()
	f := standard(t)
	id := f.givenAP()
	later := testNow.Add(72 * time.Hour)
	evs, err := f.when(ChangeDueDate{Header: f.hdr(), ID: id, DueAt: later})
	de := thenRefused(t, evs, err, ErrReasonRequired)
	require.Equal(t, "reason", de.Field)
	evs, err = f.when(ChangeDueDate{Header: f.hdr(), ID: id, DueAt: later, Reason: "road closed"})
	e := thenOne[ActionPointDueDateChanged](t, evs, err)
	require.True(t, testNow.Add(24*time.Hour).Equal(e.From))
	require.True(t, later.Equal(e.To))
}

func TestRaiseNeedsDecisionInForce(t *testing.T) {
	t.Parallel()
	f := standard(t)
	evs, err := f.when(RaiseActionPoint{Header: f.hdr(), ID: uuid.New(), Title: "t", DecisionID: f.proposed})
	thenRefused(t, evs, err, ErrDecisionNotInForce)
}

func TestActionPointLifecycle(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		given []Payload
		cmd   func(f *fixture, id uuid.UUID) Command
		want  string // event type, or empty when refused
		err   *Error
	}{
		{"progress", nil, func(f *fixture, id uuid.UUID) Command {
			return ReportProgress{Header: f.hdr(), ID: id, Percent: 50, Note: "half"}
		}, "actionpoint.progress_reported.v1", nil},
		{"progress over 100", nil, func(f *fixture, id uuid.UUID) Command {
			return ReportProgress{Header: f.hdr(), ID: id, Percent: 101, Note: "x"}
		}, "", ErrInvalid},
		{"block", nil, func(f *fixture, id uuid.UUID) Command {
			return BlockActionPoint{Header: f.hdr(), ID: id, Reason: "access"}
		}, "actionpoint.blocked.v1", nil},
		{"block twice", []Payload{ActionPointBlocked{Reason: "a"}}, func(f *fixture, id uuid.UUID) Command { return BlockActionPoint{Header: f.hdr(), ID: id, Reason: "b"} }, "", ErrWrongState},
		{"complete blocked", []Payload{ActionPointBlocked{Reason: "a"}}, func(f *fixture, id uuid.UUID) Command { return CompleteActionPoint{Header: f.hdr(), ID: id} }, "actionpoint.completed.v1", nil},
		{"verify open", nil, func(f *fixture, id uuid.UUID) Command { return VerifyActionPoint{Header: f.hdr(), ID: id} }, "", ErrWrongState},
		{"verify completed", []Payload{ActionPointCompleted{}}, func(f *fixture, id uuid.UUID) Command { return VerifyActionPoint{Header: f.hdr(), ID: id} }, "actionpoint.verified.v1", nil},
		{"cancel without reason", nil, func(f *fixture, id uuid.UUID) Command { return CancelActionPoint{Header: f.hdr(), ID: id} }, "", ErrReasonRequired},
		{"cancel in progress", []Payload{ActionPointProgressReported{Percent: 5}}, func(f *fixture, id uuid.UUID) Command {
			return CancelActionPoint{Header: f.hdr(), ID: id, Reason: "moot"}
		}, "actionpoint.cancelled.v1", nil},
		{"cancel verified", []Payload{ActionPointCompleted{}, ActionPointVerified{}}, func(f *fixture, id uuid.UUID) Command {
			return CancelActionPoint{Header: f.hdr(), ID: id, Reason: "moot"}
		}, "", ErrWrongState},
		{"cancel cancelled", []Payload{ActionPointCancelled{Reason: "a"}}, func(f *fixture, id uuid.UUID) Command { return CancelActionPoint{Header: f.hdr(), ID: id, Reason: "b"} }, "", ErrWrongState},
		{"reopen open", nil, func(f *fixture, id uuid.UUID) Command { return ReopenActionPoint{Header: f.hdr(), ID: id, Reason: "r"} }, "", ErrWrongState},
		{"reopen cancelled", []Payload{ActionPointCancelled{Reason: "a"}}, func(f *fixture, id uuid.UUID) Command {
			return ReopenActionPoint{Header: f.hdr(), ID: id, Reason: "needed"}
		}, "actionpoint.reopened.v1", nil},
		{"due date on completed", []Payload{ActionPointCompleted{}}, func(f *fixture, id uuid.UUID) Command {
			return ChangeDueDate{Header: f.hdr(), ID: id, DueAt: testNow, Reason: "r"}
		}, "", ErrWrongState},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := standard(t)
			id := f.givenAP(tc.given...)
			evs, err := f.when(tc.cmd(f, id))
			if tc.err != nil {
				thenRefused(t, evs, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Len(t, evs, 1)
			require.Equal(t, tc.want, evs[0].Payload.EventType())
		})
	}
}

// The one overdue rule: due before the time asked, and not closed by then.
func TestOverdueAt(t *testing.T) {
	t.Parallel()
	due := testNow
	cases := []struct {
		name   string
		due    time.Time
		closed time.Time
		at     time.Time
		want   bool
		days   int
	}{
		{"before due", due, time.Time{}, due.Add(-time.Hour), false, 0},
		{"at due", due, time.Time{}, due, false, 0},
		{"hours after due, open", due, time.Time{}, due.Add(time.Hour), true, 0},
		{"twelve days after due, open", due, time.Time{}, due.Add(12*24*time.Hour + time.Hour), true, 12},
		{"closed before the time asked", due, due.Add(time.Hour), due.Add(48 * time.Hour), false, 0},
		{"closed after the time asked", due, due.Add(72 * time.Hour), due.Add(48 * time.Hour), true, 2},
		{"no due date", time.Time{}, time.Time{}, due, false, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tc.want, OverdueAt(tc.due, tc.closed, tc.at))
			require.Equal(t, tc.days, DaysOverdue(tc.due, tc.closed, tc.at))
		})
	}
}

// Given an action point's events, its state is the state machine's (APStep),
// and final states are never overdue.
func TestLifecycleAndOverdue(t *testing.T) {
	t.Parallel()
	late := testNow.Add(48 * time.Hour) // the fixture's action point is due a day after testNow
	cases := []struct {
		name    string
		given   []Payload
		state   APState
		percent int
		overdue bool
	}{
		{"raised", nil, APOpen, 0, true},
		{"in progress", []Payload{ActionPointProgressReported{Percent: 40, Note: "n"}}, APInProgress, 40, true},
		{"blocked", []Payload{ActionPointProgressReported{Percent: 40, Note: "n"}, ActionPointBlocked{Reason: "r"}}, APBlocked, 40, true},
		{"completed", []Payload{ActionPointCompleted{}}, APCompleted, 100, false},
		{"verified", []Payload{ActionPointCompleted{}, ActionPointVerified{}}, APVerified, 100, false},
		{"cancelled", []Payload{ActionPointCancelled{Reason: "r"}}, APCancelled, 0, false},
		{"reopened", []Payload{ActionPointCancelled{Reason: "r"}, ActionPointReopened{Reason: "r"}}, APOpen, 0, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := standard(t)
			ref := Ref{KindActionPoint, f.givenAP(tc.given...)}
			a, _ := f.Load(ref)
			ap := a.(*ActionPoint)
			require.Equal(t, tc.state, ap.State)
			require.Equal(t, tc.percent, ap.Percent)
			require.Equal(t, tc.overdue, ap.IsOverdue(late))
		})
	}
}

// Given an action point left at its classification, when progress is
// reported without one, then the event keeps the record's own.
func TestProgressKeepsTheRecordsClassification(t *testing.T) {
	t.Parallel()
	for _, class := range []Classification{ClassPublic, ClassRestricted, ClassConfidential} {
		t.Run(string(class), func(t *testing.T) {
			t.Parallel()
			f := standard(t)
			id := uuid.New()
			f.givenClassified(Ref{KindActionPoint, id}, class, ActionPointRaised{Title: "Kits", Owner: Owner{ComponentID: f.hns}})
			evs, err := f.when(ReportProgress{Header: f.hdr(), ID: id, Percent: 10, Note: "started"})
			thenOne[ActionPointProgressReported](t, evs, err)
			require.Equal(t, class, evs[0].Envelope.Classification)
		})
	}
}
