package analysis_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
)

// The histogram's durations are the ones the summary counts: one per
// resolved escalation, raise to resolution; a pending one is not measured.
func TestEscalationResolutionTimes(t *testing.T) {
	t.Parallel()
	s := newScenario(t)
	issue := s.create(domain.KindCompliance, T, domain.ComplianceReported{Category: domain.CatEmblem, Severity: domain.SevLow})
	cases := []struct{ raised, resolved float64 }{{0, 2}, {1, 2}, {0, 10}}
	var want []time.Duration
	for _, c := range cases {
		id := s.create(domain.KindEscalation, day(c.raised), domain.EscalationRaised{SubjectKind: domain.KindCompliance, SubjectID: issue, Rung: "twg", BodyName: "TWG"})
		s.on(domain.KindEscalation, id, day(c.resolved), domain.EscalationResolved{Note: "ok"})
		want = append(want, day(c.resolved).Sub(day(c.raised)))
	}
	s.create(domain.KindEscalation, day(0), domain.EscalationRaised{SubjectKind: domain.KindCompliance, SubjectID: issue, Rung: "twg", BodyName: "TWG"})

	got := s.figures(everyone).EscalationResolutionTimes()
	require.ElementsMatch(t, want, got)
	require.Equal(t, len(got), s.figures(everyone).EscalationToResolution().All.Count)
}
