package domain

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

func TestOpenOperation(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	id := uuid.New()
	cmd := OpenOperation{Header: w.hdr(), ID: id, Name: "Floods 2026", Country: "sdn", CrisisType: "disaster",
		StartedAt: testNow.Add(-time.Hour), Severity: "high"}
	evs, err := w.when(cmd)
	e := thenOne[OperationOpened](t, evs, err)
	require.Equal(t, "SDN", e.Country)
	require.Equal(t, PhaseEmergency, e.Phase)
	require.Equal(t, id, evs[0].Envelope.OperationID)

	cmd.Country = "Sudan"
	evs, err = w.when(cmd)
	require.Equal(t, "country", thenRefused(t, evs, err, ErrInvalid).Field)
}

func TestConvenerMustBeAllowedByTheRule(t *testing.T) {
	t.Parallel()
	f := standard(t)
	cases := []struct {
		name      string
		component uuid.UUID
		want      *Error
	}{
		{"HNS", f.hns, nil},
		{"ICRC", f.icrc, nil},
		{"PNS", f.pns, ErrNotConvenerKind},
		{"withdrawn", f.gone, ErrComponentNotActive},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			evs, err := f.when(AssignConvener{Header: f.hdr(), ID: f.op, ComponentID: tc.component})
			if tc.want != nil {
				thenRefused(t, evs, err, tc.want)
				return
			}
			thenOne[OperationConvenerAssigned](t, evs, err)
		})
	}
}

func TestConveningSatisfied(t *testing.T) {
	t.Parallel()
	op := Operation{ConveningAll: []ComponentKind{ComponentHNS}, ConveningAny: []ComponentKind{ComponentICRC, ComponentIFRC}}
	require.False(t, op.ConveningSatisfied([]ComponentKind{ComponentHNS}))
	require.False(t, op.ConveningSatisfied([]ComponentKind{ComponentICRC, ComponentIFRC}))
	require.True(t, op.ConveningSatisfied([]ComponentKind{ComponentHNS, ComponentIFRC}))
}

func TestRolesAndPhases(t *testing.T) {
	t.Parallel()
	f := standard(t)
	evs, err := f.when(AssignLeadRole{Header: f.hdr(), ID: f.op, ComponentID: f.icrc, Area: "restoring family links"})
	f.given(Ref{KindOperation, f.op}, thenOne[OperationLeadRoleAssigned](t, evs, err))
	evs, err = f.when(AssignLeadRole{Header: f.hdr(), ID: f.op, ComponentID: f.pns, Area: "restoring family links"})
	thenRefused(t, evs, err, ErrWrongState)
	evs, err = f.when(EndLeadRole{Header: f.hdr(), ID: f.op, Area: "restoring family links", Reason: "handover"})
	require.Equal(t, f.icrc, thenOne[OperationLeadRoleEnded](t, evs, err).ComponentID)

	evs, err = f.when(ChangePhase{Header: f.hdr(), ID: f.op, Phase: PhaseEmergency, Reason: "r"})
	thenRefused(t, evs, err, ErrWrongState)
	evs, err = f.when(ChangePhase{Header: f.hdr(), ID: f.op, Phase: PhaseRecovery})
	thenRefused(t, evs, err, ErrReasonRequired)
	evs, err = f.when(SetEscalationLadder{Header: f.hdr(), ID: f.op, Rungs: []Rung{{"a", "A"}, {"a", "B"}}})
	thenRefused(t, evs, err, ErrInvalid)
	evs, err = f.when(SetConveningRule{Header: f.hdr(), ID: f.op, AllOf: []ComponentKind{"Red Lion"}, Description: "d"})
	thenRefused(t, evs, err, ErrInvalid)
}

func TestComponentLifecycle(t *testing.T) {
	t.Parallel()
	f := standard(t)
	evs, err := f.when(JoinComponent{Header: f.hdr(), ID: uuid.New(), Name: "X", Kind: "NGO"})
	thenRefused(t, evs, err, ErrInvalid)
	evs, err = f.when(SignAgreement{Header: f.hdr(), ID: f.pns, AgreementRef: "CA-2026-03"})
	f.given(Ref{KindComponent, f.pns}, thenOne[ComponentAgreementSigned](t, evs, err))
	evs, err = f.when(SignAgreement{Header: f.hdr(), ID: f.pns, AgreementRef: "CA-2026-03"})
	thenRefused(t, evs, err, ErrWrongState)
	evs, err = f.when(ReportStaffing{Header: f.hdr(), ID: f.pns, NationalStaff: -1})
	thenRefused(t, evs, err, ErrInvalid)
	evs, err = f.when(WithdrawComponent{Header: f.hdr(), ID: f.gone, Reason: "again"})
	thenRefused(t, evs, err, ErrComponentWithdrawn)
}

func TestMechanismMembership(t *testing.T) {
	t.Parallel()
	f := standard(t)
	evs, err := f.when(AddMember{Header: f.hdr(), ID: f.tech, ComponentID: f.hns})
	thenRefused(t, evs, err, ErrWrongState)
	evs, err = f.when(AddMember{Header: f.hdr(), ID: f.tech, ComponentID: f.gone})
	thenRefused(t, evs, err, ErrComponentNotActive)
	evs, err = f.when(AddMember{Header: f.hdr(), ID: f.tech, ComponentID: f.pns})
	thenOne[MechanismMemberAdded](t, evs, err)
	evs, err = f.when(EstablishMechanism{Header: f.hdr(), ID: uuid.New(), Name: "WASH TWG", Level: LevelTechnical, TermsOfReference: "ToR"})
	require.Equal(t, RuleConsensus, thenOne[MechanismEstablished](t, evs, err).DecisionRule)
	evs, err = f.when(ChangeDecisionRule{Header: f.hdr(), ID: f.tech, DecisionRule: "dice", Reason: "r"})
	thenRefused(t, evs, err, ErrInvalid)
}

func TestProjectsAndContacts(t *testing.T) {
	t.Parallel()
	f := standard(t)
	pid := uuid.New()
	cmd := RegisterProject{Header: f.hdr(), ID: pid, ComponentID: f.gone, Name: "Cash", Sector: "cash", AdminAreaCode: "SD01"}
	evs, err := f.when(cmd)
	thenRefused(t, evs, err, ErrComponentNotActive)
	cmd.ComponentID = f.pns
	evs, err = f.when(cmd)
	f.given(Ref{KindProject, pid}, thenOne[ProjectRegistered](t, evs, err))
	evs, err = f.when(ChangeProjectStatus{Header: f.hdr(), ID: pid, Status: ProjectOngoing})
	f.given(Ref{KindProject, pid}, thenOne[ProjectStatusChanged](t, evs, err))
	evs, err = f.when(ChangeProjectStatus{Header: f.hdr(), ID: pid, Status: ProjectPlanned})
	thenRefused(t, evs, err, ErrWrongState)

	cid := uuid.New()
	evs, err = f.when(AddContact{Header: f.hdr(), ID: cid, GivenName: "Amina"})
	thenRefused(t, evs, err, ErrRequired)
	evs, err = f.when(AddContact{Header: f.hdr(), ID: cid, GivenName: "Amina", FamilyName: "Osman", Email: "a@example.org", ComponentID: f.hns})
	added := thenOne[ContactAdded](t, evs, err)
	require.Equal(t, cid, added.PersonID)
	f.given(Ref{KindContact, cid}, added, ContactRemoved{Reason: "left"})
	evs, err = f.when(UpdateContact{Header: f.hdr(), ID: cid, GivenName: "A"})
	thenRefused(t, evs, err, ErrWrongState)
}

func TestLessons(t *testing.T) {
	t.Parallel()
	f := standard(t)
	id := uuid.New()
	f.given(Ref{KindLesson, id}, LessonRecorded{Source: SourceRTE, Observation: "o", Recommendation: "r"})
	evs, err := f.when(LinkLesson{Header: f.hdr(), ID: id, TargetKind: KindDecision, TargetID: uuid.New()})
	thenRefused(t, evs, err, ErrNotFound)
	evs, err = f.when(LinkLesson{Header: f.hdr(), ID: id, TargetKind: KindDecision, TargetID: f.decision})
	f.given(Ref{KindLesson, id}, thenOne[LessonLinked](t, evs, err))
	evs, err = f.when(LinkLesson{Header: f.hdr(), ID: id, TargetKind: KindDecision, TargetID: f.decision})
	thenRefused(t, evs, err, ErrWrongState)
	evs, err = f.when(RespondToLesson{Header: f.hdr(), ID: id, Response: ResponseAccepted, Note: "will do"})
	f.given(Ref{KindLesson, id}, thenOne[LessonResponded](t, evs, err))
	evs, err = f.when(RespondToLesson{Header: f.hdr(), ID: id, Response: ResponseRejected, Note: "changed mind"})
	thenRefused(t, evs, err, ErrAlreadyResponded)
}
