package domain

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

func TestErasePerson(t *testing.T) {
	t.Parallel()
	person := uuid.New()
	w := newWorld(t)
	h := w.hdr()
	h.OperationID = uuid.Nil // erasure spans operations

	evs, err := w.when(ErasePerson{Header: h, ID: person, Reason: "data subject's request", RequestRef: "DPR-2026-014"})
	ev := thenOne[PersonErased](t, evs, err)
	require.Equal(t, "DPR-2026-014", ev.RequestRef)
	require.Equal(t, uuid.Nil, evs[0].Envelope.OperationID, "the event belongs to no operation")

	cases := []struct {
		name string
		cmd  ErasePerson
		want *Error
	}{
		{"no person", ErasePerson{Header: h, Reason: "request"}, ErrRequired},
		{"no reason", ErasePerson{Header: h, ID: person}, ErrRequired},
	}
	for _, c := range cases {
		evs, err := w.when(c.cmd)
		thenRefused(t, evs, err, c.want)
	}

	w.given(Ref{KindPerson, person}, PersonErased{Reason: "request"})
	evs, err = w.when(ErasePerson{Header: h, ID: person, Reason: "again"})
	thenRefused(t, evs, err, ErrAlreadyExists)
}

func TestErasureIsAllowedInAClosedOperation(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.given(Ref{KindOperation, w.op}, OperationOpened{Name: "Closed response"}, OperationPhaseChanged{From: PhaseEmergency, To: PhaseClosed})
	_, err := w.when(ErasePerson{Header: w.hdr(), ID: uuid.New(), Reason: "request"})
	require.NoError(t, err, "erasure never depends on an operation's phase")
}
