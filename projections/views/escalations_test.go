package views_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

func TestEscalationQueue(t *testing.T) {
	t.Parallel()
	v := views.NewEscalations()
	f := newFold(t, v)
	subj := uuid.New()
	issue, _ := f.new(domain.KindCompliance, T, domain.ComplianceReported{Category: domain.CatEmblem, SubjectComponentID: subj})
	x, _ := f.new(domain.KindEscalation, day(1), domain.EscalationRaised{SubjectKind: domain.KindCompliance, SubjectID: issue, Rung: "twg", BodyName: "TWG"})
	f.on(domain.KindEscalation, x, day(2), domain.ClassMovement, domain.EscalationAcknowledged{})
	f.on(domain.KindEscalation, x, day(4), domain.ClassMovement, domain.EscalationEscalated{FromRung: "twg", Rung: "opscom", BodyName: "Ops"})
	y, _ := f.new(domain.KindEscalation, day(3), domain.EscalationRaised{SubjectKind: domain.KindDecision, SubjectID: uuid.New(), Rung: "twg", BodyName: "TWG"})
	done, _ := f.new(domain.KindEscalation, day(1), domain.EscalationRaised{SubjectKind: domain.KindCompliance, SubjectID: issue, Rung: "twg"})
	f.on(domain.KindEscalation, done, day(2), domain.ClassMovement, domain.EscalationResolved{Note: "n"})

	byBody := v.PendingByBody(f.op)
	require.Len(t, byBody["opscom"], 1)
	got := byBody["opscom"][0]
	require.Equal(t, x, got.ID)
	require.Equal(t, domain.EscRaised, got.State, "a higher body starts afresh")
	require.Equal(t, 1, got.Hops)
	require.Equal(t, []string{"twg", "opscom"}, got.Rungs)
	require.Equal(t, 3*24*time.Hour, got.AgeAt(day(7)), "waiting at opscom since day 4")
	require.Equal(t, "emblem", got.Category)
	require.Equal(t, subj, got.Component)
	require.Len(t, byBody["twg"], 1)
	require.Equal(t, y, byBody["twg"][0].ID)
	require.Equal(t, "decision", byBody["twg"][0].Category, "a decision has no category: its kind stands in")
	require.Len(t, v.List(f.op, false), 3)
}

// An escalation recorded before classification was inherited (as Movement)
// is shown as restricted as the confidential issue it is about.
func TestEscalationIsAsRestrictedAsItsSubject(t *testing.T) {
	t.Parallel()
	v := views.NewEscalations()
	f := newFold(t, v)
	issue := uuid.New()
	f.on(domain.KindCompliance, issue, T, domain.ClassConfidential, domain.ComplianceReported{Category: domain.CatFraud, SubjectComponentID: uuid.New()})
	x := uuid.New()
	f.on(domain.KindEscalation, x, day(1), domain.ClassMovement, domain.EscalationRaised{SubjectKind: domain.KindCompliance, SubjectID: issue, Rung: "twg"})
	got, ok := v.Get(x)
	require.True(t, ok)
	require.Equal(t, domain.ClassConfidential, got.Classification)
	_, class := v.List(f.op, false)[0].Record()
	require.Equal(t, domain.ClassConfidential, class)
}
