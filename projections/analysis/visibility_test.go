package analysis_test

import (
	"encoding/json"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/visibility"
)

// An analyst's figures are computed from the records an analyst may see:
// a confidential issue and its escalation (recorded as Movement, as before
// classification was inherited) leave no count, time, subject or category.
func TestFiguresLeaveOutWhatTheReaderMayNotSee(t *testing.T) {
	t.Parallel()
	s := newScenario(t)
	subject := uuid.New()
	s.on(domain.KindComponent, subject, T, domain.ComponentJoined{Name: "Partner RC", Kind: domain.ComponentPNS})
	issue := uuid.New()
	s.classified(domain.KindCompliance, issue, T, domain.ClassConfidential,
		domain.ComplianceReported{Category: domain.CatResourceMobilisation, SubjectComponentID: subject, Severity: domain.SevHigh})
	s.classified(domain.KindCompliance, issue, day(1), domain.ClassConfidential, domain.ComplianceTriaged{Severity: domain.SevHigh, Note: "seen"})
	esc := s.create(domain.KindEscalation, day(2), domain.EscalationRaised{SubjectKind: domain.KindCompliance, SubjectID: issue,
		Rung: "platform", BodyName: "Movement platform", Reason: "appeal still running"})
	s.on(domain.KindEscalation, esc, day(5), domain.EscalationResolved{Note: "stopped"})

	analyst := s.figures(visibility.ForRole(visibility.RoleAnalyst, "token:a", nil)).Figures(day(10), 14)
	require.Zero(t, analyst.ReportToTriage.All.Count)
	require.Zero(t, analyst.EscalationToResolution.All.Count)
	require.Empty(t, analyst.ReportToTriage.ByComponent)
	require.Empty(t, analyst.EscalationToResolution.ByCategory)
	require.Empty(t, analyst.RepeatIssues)
	raw, err := json.Marshal(analyst)
	require.NoError(t, err)
	for _, trace := range []string{subject.String(), string(domain.CatResourceMobilisation), "platform", "Movement platform"} {
		require.NotContains(t, string(raw), trace)
	}

	reviewer := s.figures(everyone).Figures(day(10), 14)
	require.Equal(t, 1, reviewer.ReportToTriage.All.Count)
	require.Equal(t, 1, reviewer.EscalationToResolution.All.Count)
	require.Equal(t, "Partner RC", reviewer.RepeatIssues[subject].Name, "groups keyed by id carry the name")
	require.Equal(t, "Partner RC", reviewer.ReportToTriage.ByComponent[subject.String()].Name)
	require.Equal(t, "Movement platform", reviewer.EscalationToResolution.ByBody["platform"].Name)
	require.Equal(t, secs(hours(72)), reviewer.EscalationToResolution.All.MedianS)
}
