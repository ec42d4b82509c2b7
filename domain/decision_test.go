package domain

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

func TestDecisionOwnerMechanismMustExist(t *testing.T) {
	t.Parallel()
	f := standard(t)
	dissolved := f.mechanism("Old TWG", LevelTechnical, RuleConsensus)
	f.given(Ref{KindMechanism, dissolved}, MechanismDissolved{Reason: "merged"})
	cases := []struct {
		name      string
		mechanism uuid.UUID
		want      *Error
	}{
		{"standing", f.tech, nil},
		{"unknown", uuid.New(), ErrNotFound},
		{"dissolved", dissolved, ErrMechanismInactive},
		{"missing", uuid.Nil, ErrRequired},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			evs, err := f.when(ProposeDecision{Header: f.hdr(), ID: uuid.New(), MechanismID: tc.mechanism, Title: "t", Text: "x"})
			if tc.want == nil {
				thenOne[DecisionProposed](t, evs, err)
				return
			}
			de := thenRefused(t, evs, err, tc.want)
			require.Equal(t, "mechanism_id", de.Field)
		})
	}
}

func TestProposeMeetingMustBeOfTheMechanism(t *testing.T) {
	t.Parallel()
	f := standard(t)
	evs, err := f.when(ProposeDecision{Header: f.hdr(), ID: uuid.New(), MechanismID: f.ops, MeetingID: f.meeting, Title: "t", Text: "x"})
	thenRefused(t, evs, err, ErrInvalid)
}

func TestAdoptAppliesTheDecisionRule(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		mechanism  func(f *fixture) uuid.UUID
		agreed     func(f *fixture) []uuid.UUID
		objections func(f *fixture) []Objection
		want       *Error
	}{
		{"consensus, no objection", func(f *fixture) uuid.UUID { return f.tech },
			func(f *fixture) []uuid.UUID { return []uuid.UUID{f.hns, f.icrc} }, nil, nil},
		{"consensus, one objection", func(f *fixture) uuid.UUID { return f.tech },
			func(f *fixture) []uuid.UUID { return []uuid.UUID{f.hns} },
			func(f *fixture) []Objection { return []Objection{{f.pns, "visibility"}} }, ErrConsensusBroken},
		{"majority, outvoted objection", func(f *fixture) uuid.UUID { return f.ops },
			func(f *fixture) []uuid.UUID { return []uuid.UUID{f.hns, f.icrc} },
			func(f *fixture) []Objection { return []Objection{{f.pns, "cost"}} }, nil},
		{"majority, tie", func(f *fixture) uuid.UUID { return f.ops },
			func(f *fixture) []uuid.UUID { return []uuid.UUID{f.hns} },
			func(f *fixture) []Objection { return []Objection{{f.pns, "cost"}} }, ErrConsensusBroken},
		{"nobody agreed", func(f *fixture) uuid.UUID { return f.tech },
			func(f *fixture) []uuid.UUID { return nil }, nil, ErrRequired},
		{"withdrawn component agreed", func(f *fixture) uuid.UUID { return f.tech },
			func(f *fixture) []uuid.UUID { return []uuid.UUID{f.gone} }, nil, ErrComponentNotActive},
		{"agreed and objected", func(f *fixture) uuid.UUID { return f.ops },
			func(f *fixture) []uuid.UUID { return []uuid.UUID{f.hns, f.icrc} },
			func(f *fixture) []Objection { return []Objection{{f.hns, "?"}} }, ErrInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := standard(t)
			id := uuid.New()
			f.given(Ref{KindDecision, id}, DecisionProposed{MechanismID: tc.mechanism(f), Title: "t"})
			var objections []Objection
			if tc.objections != nil {
				objections = tc.objections(f)
			}
			evs, err := f.when(AdoptDecision{Header: f.hdr(), ID: id, AgreedBy: tc.agreed(f), Objections: objections})
			if tc.want != nil {
				thenRefused(t, evs, err, tc.want)
				return
			}
			e := thenOne[DecisionAdopted](t, evs, err)
			require.Equal(t, ProcedureMeeting, e.Procedure)
			require.Len(t, e.Objections, len(objections))
		})
	}
}

func TestAdoptOnlyProposed(t *testing.T) {
	t.Parallel()
	f := standard(t)
	evs, err := f.when(AdoptDecision{Header: f.hdr(), ID: f.decision, AgreedBy: []uuid.UUID{f.hns}})
	thenRefused(t, evs, err, ErrWrongState)
}

func TestEndorsementComesFromHigherLevel(t *testing.T) {
	t.Parallel()
	f := standard(t)
	cases := []struct {
		name string
		by   uuid.UUID
		want *Error
	}{
		{"same level", f.tech, ErrEndorserNotHigher},
		{"operational", f.ops, nil},
		{"strategic", f.strategic, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			evs, err := f.when(EndorseDecision{Header: f.hdr(), ID: f.decision, ByMechanismID: tc.by})
			if tc.want != nil {
				thenRefused(t, evs, err, tc.want)
				return
			}
			thenOne[DecisionEndorsed](t, evs, err)
		})
	}
	evs, err := f.when(EndorseDecision{Header: f.hdr(), ID: f.proposed, ByMechanismID: f.strategic})
	thenRefused(t, evs, err, ErrDecisionNotInForce)
}

func TestSupersedeAmendRescind(t *testing.T) {
	t.Parallel()
	f := standard(t)
	other := uuid.New()
	f.given(Ref{KindDecision, other}, DecisionProposed{MechanismID: f.tech, Title: "New"}, DecisionAdopted{})

	evs, err := f.when(SupersedeDecision{Header: f.hdr(), ID: f.decision, ByDecisionID: f.decision, Reason: "r"})
	thenRefused(t, evs, err, ErrSelfReference)
	evs, err = f.when(SupersedeDecision{Header: f.hdr(), ID: f.decision, ByDecisionID: f.proposed, Reason: "r"})
	thenRefused(t, evs, err, ErrDecisionNotInForce)
	evs, err = f.when(SupersedeDecision{Header: f.hdr(), ID: f.decision, ByDecisionID: other})
	thenRefused(t, evs, err, ErrReasonRequired)
	evs, err = f.when(SupersedeDecision{Header: f.hdr(), ID: f.decision, ByDecisionID: other, Reason: "replaced"})
	require.Equal(t, other, thenOne[DecisionSuperseded](t, evs, err).ByDecisionID)

	evs, err = f.when(AmendDecision{Header: f.hdr(), ID: f.decision, Text: "new text"})
	thenRefused(t, evs, err, ErrReasonRequired)
	evs, err = f.when(AmendDecision{Header: f.hdr(), ID: f.decision, Text: "new text", Reason: "scope"})
	thenOne[DecisionAmended](t, evs, err)

	f.given(Ref{KindDecision, f.decision}, DecisionRescinded{Reason: "r"})
	evs, err = f.when(AmendDecision{Header: f.hdr(), ID: f.decision, Text: "x", Reason: "y"})
	thenRefused(t, evs, err, ErrDecisionNotInForce)
}
