package views_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

func TestComplianceRegister(t *testing.T) {
	t.Parallel()
	v := views.NewCompliance()
	f := newFold(t, v)
	subj := uuid.New()
	id, first := f.new(domain.KindCompliance, T, domain.ComplianceReported{Category: domain.CatFraud, SubjectComponentID: subj,
		Severity: domain.SevLow, ExternalCaseRef: "C-1"})
	low, _ := f.new(domain.KindCompliance, day(1), domain.ComplianceReported{Category: domain.CatEmblem, SubjectComponentID: subj, Severity: domain.SevLow})
	f.on(domain.KindCompliance, id, day(1), domain.ClassConfidential, domain.ComplianceTriaged{Severity: domain.SevHigh, Note: "n"})
	f.on(domain.KindCompliance, id, day(2), domain.ClassMovement, domain.CorrectionRecorded{CorrectsEventID: first,
		CorrectsType: "compliance.reported.v1", Reason: "r", Changes: json.RawMessage(`{"severity":"critical","rule_reference":"Art. 6"}`),
		Before: json.RawMessage(`{"severity":"low","rule_reference":null}`)})
	m := uuid.New()
	f.on(domain.KindCompliance, id, day(3), domain.ClassMovement, domain.ComplianceMeasureProposed{MeasureID: m, Description: "d", OwnerComponentID: subj})
	f.on(domain.KindCompliance, id, day(4), domain.ClassMovement, domain.ComplianceMeasureAgreed{MeasureID: m, AgreedBy: []uuid.UUID{subj}})
	f.on(domain.KindCompliance, id, day(5), domain.ClassMovement, domain.ComplianceReferred{Body: "IFRC", CaseReference: "INV-1"})

	open := v.List(f.op, views.IssueFilter{OpenOnly: true})
	require.Len(t, open, 2)
	require.Equal(t, id, open[0].ID, "most severe first")
	got := open[0]
	require.Equal(t, domain.SevHigh, got.Severity, "a correction of the report does not override the triage")
	require.Equal(t, "Art. 6", got.RuleReference)
	require.Equal(t, domain.ClassConfidential, got.Classification)
	require.Equal(t, []views.Measure{{ID: m, Description: "d", OwnerComponentID: subj, State: "agreed", AgreedBy: []uuid.UUID{subj}}}, got.Measures)
	require.Equal(t, []views.Referral{{Body: "IFRC", CaseReference: "INV-1"}}, got.Referrals)
	require.Equal(t, 9*24*time.Hour, got.AgeAt(day(9)))

	f.on(domain.KindCompliance, low, day(6), domain.ClassMovement, domain.ComplianceDismissed{Note: "n"})
	f.on(domain.KindCompliance, id, day(7), domain.ClassMovement, domain.ComplianceResolved{ResolutionNote: "n"})
	require.Empty(t, v.List(f.op, views.IssueFilter{OpenOnly: true}))
	closed, _ := v.Get(id)
	require.Equal(t, 7*24*time.Hour, closed.AgeAt(day(30)), "age stops when closed")
	f.on(domain.KindCompliance, id, day(8), domain.ClassMovement, domain.ComplianceReopened{Reason: "again"})
	reopened := v.OpenBySeverity(f.op)[domain.SevHigh]
	require.Len(t, reopened, 1)
	require.Equal(t, domain.IssueTriaged, reopened[0].State)
	require.Equal(t, 1, reopened[0].Reopened)
}
