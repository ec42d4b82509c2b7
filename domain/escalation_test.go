package domain

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

func (f *fixture) givenEscalation(rung string, events ...Payload) uuid.UUID {
	id := uuid.New()
	f.given(Ref{KindEscalation, id}, append([]Payload{
		EscalationRaised{SubjectKind: KindDecision, SubjectID: f.decision, Rung: rung}}, events...)...)
	return id
}

func TestEscalationGoesToAHigherRung(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		from string
		to   string
		want *Error
	}{
		{"higher", "twg", "opc", nil},
		{"skip a rung", "twg", "platform", nil},
		{"same", "opc", "opc", ErrRungNotHigher},
		{"lower", "platform", "twg", ErrRungNotHigher},
		{"not on ladder", "twg", "un_security_council", ErrRungUnknown},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := standard(t)
			id := f.givenEscalation(tc.from)
			evs, err := f.when(EscalateFurther{Header: f.hdr(), ID: id, Rung: tc.to, Reason: "no answer in 2 weeks"})
			if tc.want != nil {
				de := thenRefused(t, evs, err, tc.want)
				require.Equal(t, "rung", de.Field)
				return
			}
			e := thenOne[EscalationEscalated](t, evs, err)
			require.Equal(t, tc.from, e.FromRung)
			require.Equal(t, tc.to, e.Rung)
		})
	}
}

func TestRaiseEscalation(t *testing.T) {
	t.Parallel()
	f := standard(t)
	cmd := RaiseEscalation{Header: f.hdr(), ID: uuid.New(), SubjectKind: KindDecision, SubjectID: uuid.New(), Rung: "opc", Reason: "stuck"}
	evs, err := f.when(cmd)
	thenRefused(t, evs, err, ErrNotFound)
	cmd.SubjectID = f.decision
	cmd.Rung = "nowhere"
	evs, err = f.when(cmd)
	thenRefused(t, evs, err, ErrRungUnknown)
	cmd.Rung = "opc"
	evs, err = f.when(cmd)
	require.Equal(t, "Operations committee", thenOne[EscalationRaised](t, evs, err).BodyName)
}

func TestEscalationSteps(t *testing.T) {
	t.Parallel()
	f := standard(t)
	id := f.givenEscalation("twg")
	evs, err := f.when(ResolveEscalation{Header: f.hdr(), ID: id, Note: "n"})
	thenRefused(t, evs, err, ErrWrongState)
	evs, err = f.when(AcknowledgeEscalation{Header: f.hdr(), ID: id})
	f.given(Ref{KindEscalation, id}, thenOne[EscalationAcknowledged](t, evs, err))
	evs, err = f.when(AcknowledgeEscalation{Header: f.hdr(), ID: id})
	thenRefused(t, evs, err, ErrWrongState)
	evs, err = f.when(AnswerEscalation{Header: f.hdr(), ID: id, Answer: "HNS leads distribution"})
	f.given(Ref{KindEscalation, id}, thenOne[EscalationAnswered](t, evs, err))
	evs, err = f.when(ResolveEscalation{Header: f.hdr(), ID: id, Note: "accepted by all"})
	f.given(Ref{KindEscalation, id}, thenOne[EscalationResolved](t, evs, err))
	evs, err = f.when(EscalateFurther{Header: f.hdr(), ID: id, Rung: "platform", Reason: "r"})
	thenRefused(t, evs, err, ErrWrongState)
}

func TestNewEscalationOfSameRecordGoesHigher(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		rung string
		want *Error
	}{
		{"higher than last", "platform", nil},
		{"same as last", "opc", ErrRungNotHigher},
		{"lower than last", "twg", ErrRungNotHigher},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := standard(t)
			prev := f.givenEscalation("opc", EscalationAnswered{Answer: "a"}, EscalationResolved{Note: "n"})
			evs, err := f.when(RaiseEscalation{Header: f.hdr(), ID: uuid.New(), SubjectKind: KindDecision,
				SubjectID: f.decision, Rung: tc.rung, Reason: "stuck again", Follows: prev})
			if tc.want != nil {
				thenRefused(t, evs, err, tc.want)
				return
			}
			require.Equal(t, prev, thenOne[EscalationRaised](t, evs, err).Follows)
		})
	}
	f := standard(t)
	prev := f.givenEscalation("twg")
	evs, err := f.when(RaiseEscalation{Header: f.hdr(), ID: uuid.New(), SubjectKind: KindDecision,
		SubjectID: f.proposed, Rung: "platform", Reason: "r", Follows: prev})
	thenRefused(t, evs, err, ErrInvalid)
}
