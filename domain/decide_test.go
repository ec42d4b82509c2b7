package domain

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

func TestHeaderRules(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		edit  func(*Header)
		want  *Error
		field string
	}{
		{"missing idempotency key", func(h *Header) { h.IdempotencyKey = "" }, ErrIdempotencyKeyAbsent, "idempotency_key"},
		{"missing actor", func(h *Header) { h.Actor.ID = "" }, ErrRequired, "actor.id"},
		{"missing role", func(h *Header) { h.Actor.Role = "" }, ErrRequired, "actor.role"},
		{"future beyond skew", func(h *Header) { h.OccurredAt = testNow.Add(6 * time.Minute) }, ErrFutureOccurrence, "occurred_at"},
		{"bad classification", func(h *Header) { h.Classification = "secret" }, ErrInvalid, "classification"},
		{"missing operation on creation", func(h *Header) { h.OperationID = uuid.Nil }, ErrRequired, "operation_id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := standard(t)
			h := f.hdr()
			tc.edit(&h)
			evs, err := f.when(RecordLesson{Header: h, ID: uuid.New(), Source: SourceOther, Observation: "x"})
			de := thenRefused(t, evs, err, tc.want)
			require.Equal(t, tc.field, de.Field)
		})
	}
}

func TestOccurredTime(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		occurred time.Time
		want     time.Time
	}{
		{"defaults to now", time.Time{}, testNow},
		{"back-dated is kept", testNow.Add(-48 * time.Hour), testNow.Add(-48 * time.Hour)},
		{"within clock skew is kept", testNow.Add(4 * time.Minute), testNow.Add(4 * time.Minute)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := standard(t)
			h := f.hdr()
			h.OccurredAt = tc.occurred
			evs, err := f.when(RecordLesson{Header: h, ID: uuid.New(), Source: SourceOther, Observation: "x"})
			thenOne[LessonRecorded](t, evs, err)
			env := evs[0].Envelope
			require.True(t, tc.want.Equal(env.OccurredAt))
			require.True(t, testNow.Equal(env.RecordedAt))
			require.Equal(t, f.op, env.OperationID)
			require.Equal(t, h.IdempotencyKey, env.IdempotencyKey)
			require.Equal(t, ClassMovement, env.Classification)
		})
	}
}

func TestClosedOperationAcceptsOnlyLessonsAndCorrections(t *testing.T) {
	t.Parallel()
	f := standard(t)
	lesson := uuid.New()
	f.given(Ref{KindLesson, lesson}, LessonRecorded{Source: SourceOther, Observation: "o", Recommendation: "r"})
	apRef := Ref{KindActionPoint, uuid.New()}
	apIDs := f.given(apRef, ActionPointRaised{Title: "t"})
	f.given(Ref{KindOperation, f.op}, OperationPhaseChanged{From: PhaseEmergency, To: PhaseClosed})
	refused := []Command{
		RaiseActionPoint{Header: f.hdr(), ID: uuid.New(), Title: "late"},
		ProposeDecision{Header: f.hdr(), ID: uuid.New(), MechanismID: f.tech, Title: "t", Text: "x"},
		ChangeSeverity{Header: f.hdr(), ID: f.op, Severity: "low", Reason: "r"},
		ChangePhase{Header: f.hdr(), ID: f.op, Phase: PhaseRecovery, Reason: "r"},
		JoinComponent{Header: f.hdr(), ID: uuid.New(), Name: "X", Kind: ComponentPNS},
	}
	for _, cmd := range refused {
		evs, err := f.when(cmd)
		thenRefused(t, evs, err, ErrOperationClosed)
	}
	evs, err := f.when(RecordLesson{Header: f.hdr(), ID: uuid.New(), Source: SourceJointReview, Observation: "o"})
	thenOne[LessonRecorded](t, evs, err)
	evs, err = f.when(RespondToLesson{Header: f.hdr(), ID: lesson, Response: ResponsePartly, Note: "n"})
	thenOne[LessonResponded](t, evs, err)
	evs, err = f.when(CorrectEvent{Header: f.hdr(), Record: apRef, EventID: apIDs[0], Reason: "typo", Changes: []byte(`{"title":"T"}`)})
	thenOne[CorrectionRecorded](t, evs, err)
}

func TestExistence(t *testing.T) {
	t.Parallel()
	f := standard(t)
	evs, err := f.when(TriageIssue{Header: f.hdr(), ID: uuid.New(), Severity: SevLow, Note: "n"})
	thenRefused(t, evs, err, ErrNotFound)
	evs, err = f.when(JoinComponent{Header: f.hdr(), ID: f.hns, Name: "again", Kind: ComponentHNS})
	thenRefused(t, evs, err, ErrAlreadyExists)
}

func TestRecordOfAnotherOperationIsRefused(t *testing.T) {
	t.Parallel()
	f := standard(t)
	h := f.hdr()
	h.OperationID = uuid.New()
	evs, err := f.when(ReportStaffing{Header: h, ID: f.hns, NationalStaff: 3})
	thenRefused(t, evs, err, ErrWrongOperation)
}

func TestComplianceDefaultsToConfidential(t *testing.T) {
	t.Parallel()
	f := standard(t)
	evs, err := f.when(ReportIssue{Header: f.hdr(), ID: uuid.New(), Category: CatEmblem, RuleReference: "emblem rules",
		SubjectComponentID: f.pns, Severity: SevMedium, Summary: "logo on a vehicle"})
	thenOne[ComplianceReported](t, evs, err)
	require.Equal(t, ClassConfidential, evs[0].Envelope.Classification)
}

func TestComplianceIsNeverPublic(t *testing.T) {
	t.Parallel()
	f := standard(t)
	h := f.hdr()
	h.Classification = ClassPublic
	evs, err := f.when(ReportIssue{Header: h, ID: uuid.New(), Category: CatEmblem, RuleReference: "emblem rules",
		SubjectComponentID: f.pns, Severity: SevMedium, Summary: "logo on a vehicle"})
	require.Equal(t, "classification", thenRefused(t, evs, err, ErrInvalid).Field)
}
