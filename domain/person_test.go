package domain

import (
	"strings"
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

	evs, err := w.when(ErasePerson{Header: h, ID: person, Reason: "data_subject_request", RequestRef: "DPR-2026-014"})
	ev := thenOne[PersonErased](t, evs, err)
	require.Equal(t, "DPR-2026-014", ev.RequestRef)
	require.Equal(t, uuid.Nil, evs[0].Envelope.OperationID, "the event belongs to no operation")

	cases := []struct {
		name string
		cmd  ErasePerson
		want *Error
	}{
		{"no person", ErasePerson{Header: h, Reason: "data_subject_request"}, ErrRequired},
		{"no reason", ErasePerson{Header: h, ID: person}, ErrRequired},
		// the erasure's own record must not keep the person identifiable
		{"a reason in prose", ErasePerson{Header: h, ID: person, Reason: "Sita Gurung asked us by phone"}, ErrInvalid},
		{"a name as reference", ErasePerson{Header: h, ID: person, Reason: "data_subject_request", RequestRef: "Sita Gurung"}, ErrInvalid},
		{"an email as reference", ErasePerson{Header: h, ID: person, Reason: "consent_withdrawn", RequestRef: "sita.gurung1@nrcs.org"}, ErrInvalid},
		{"a word without a number", ErasePerson{Header: h, ID: person, Reason: "objection", RequestRef: "SitaGurung"}, ErrInvalid},
		{"a long note", ErasePerson{Header: h, ID: person, Reason: "objection", RequestRef: "DPR-" + strings.Repeat("1", 40)}, ErrTooLong},
	}
	for _, c := range cases {
		evs, err := w.when(c.cmd)
		thenRefused(t, evs, err, c.want)
	}

	w.given(Ref{KindPerson, person}, PersonErased{Reason: "request"})
	evs, err = w.when(ErasePerson{Header: h, ID: person, Reason: "data_subject_request"})
	thenRefused(t, evs, err, ErrAlreadyExists)
}

func TestErasureIsAllowedInAClosedOperation(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.given(Ref{KindOperation, w.op}, OperationOpened{Name: "Closed response"}, OperationPhaseChanged{From: PhaseEmergency, To: PhaseClosed})
	_, err := w.when(ErasePerson{Header: w.hdr(), ID: uuid.New(), Reason: "no_longer_needed"})
	require.NoError(t, err, "erasure never depends on an operation's phase")
}
