package domain

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// givenClassified folds events of one classification into a record.
func (w *world) givenClassified(ref Ref, class Classification, payloads ...Payload) {
	a, _ := w.Load(ref)
	for _, p := range payloads {
		Fold(a, Event{ID: uuid.New(), Payload: p, Envelope: Envelope{OperationID: w.op, Classification: class}})
	}
	w.aggs[ref] = a
}

// A record made from or about another is at least as restricted as it,
// whatever the command asks; without a classification an event keeps its
// record's own.
func TestClassificationIsInherited(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		subject Classification
		asked   Classification
		want    Classification
	}{
		{"escalating a confidential issue", ClassConfidential, ClassMovement, ClassConfidential},
		{"escalating a confidential issue, nothing asked", ClassConfidential, "", ClassConfidential},
		{"escalating a restricted issue as confidential", ClassRestricted, ClassConfidential, ClassConfidential},
		{"escalating a restricted issue, nothing asked", ClassRestricted, "", ClassRestricted},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := standard(t)
			issue := uuid.New()
			f.givenClassified(Ref{KindCompliance, issue}, tc.subject,
				ComplianceReported{Category: CatResourceMobilisation, SubjectComponentID: f.pns, Severity: SevHigh})
			h := f.hdr()
			h.Classification = tc.asked
			evs, err := f.when(RaiseEscalation{Header: h, ID: uuid.New(), SubjectKind: KindCompliance, SubjectID: issue,
				Rung: "opc", Reason: "no answer"})
			thenOne[EscalationRaised](t, evs, err)
			require.Equal(t, tc.want, evs[0].Envelope.Classification)
		})
	}
}

func TestDerivedRecordsInheritTheirSourcesClassification(t *testing.T) {
	t.Parallel()
	f := standard(t)
	secret := uuid.New()
	f.givenClassified(Ref{KindDecision, secret}, ClassConfidential,
		DecisionProposed{MechanismID: f.tech, Title: "Withdrawal plan"}, DecisionAdopted{})
	issue := uuid.New()
	f.givenClassified(Ref{KindCompliance, issue}, ClassConfidential,
		ComplianceReported{Category: CatEmblem, SubjectComponentID: f.pns, Severity: SevLow})
	lesson := uuid.New()
	f.givenClassified(Ref{KindLesson, lesson}, ClassMovement, LessonRecorded{Source: SourceJointReview, Observation: "late appeals"})
	escalation := uuid.New()
	f.givenClassified(Ref{KindEscalation, escalation}, ClassConfidential,
		EscalationRaised{SubjectKind: KindCompliance, SubjectID: issue, Rung: "twg"})
	h := func() Header { h := f.hdr(); h.Classification = ClassMovement; return h }

	cases := []struct {
		name string
		cmd  Command
	}{
		{"action point of a confidential decision", RaiseActionPoint{Header: h(), ID: uuid.New(), DecisionID: secret,
			Title: "Brief the teams", Owner: Owner{ComponentID: f.hns}, DueAt: testNow.AddDate(0, 0, 7)}},
		{"lesson linked to a confidential issue", LinkLesson{Header: h(), ID: lesson, TargetKind: KindCompliance, TargetID: issue}},
		{"acknowledgement of a confidential escalation", AcknowledgeEscalation{Header: h(), ID: escalation, Note: "on the agenda"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			evs, err := f.when(tc.cmd)
			require.NoError(t, err)
			require.NotEmpty(t, evs)
			for _, ev := range evs {
				require.Equal(t, ClassConfidential, ev.Envelope.Classification, ev.Payload.EventType())
			}
		})
	}
}
