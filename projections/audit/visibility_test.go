package audit_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/visibility"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/audit"
)

// addClassified applies an event of one classification.
func (l *log) addClassified(ref domain.Ref, op uuid.UUID, class domain.Classification, p domain.Payload) {
	l.t.Helper()
	l.pos++
	e := projections.Event{Position: l.pos, ID: uuid.New(), Version: l.pos, Type: p.EventType(), RecordedAt: T, Ref: ref, Payload: p,
		Env: domain.Envelope{OperationID: op, OccurredAt: T, Actor: domain.Actor{ID: "ana", Role: "officer"}, Classification: class}}
	require.NoError(l.t, l.trail.Apply(&e))
}

// The reader's policy filters before paging: every page is full, the total
// counts only what the reader may see, and an escalation of a confidential
// issue is hidden with it even when it was recorded as Movement.
func TestTimelineFiltersForTheReaderBeforePaging(t *testing.T) {
	t.Parallel()
	l := &log{t: t, trail: audit.New()}
	op := uuid.New()
	issue := domain.Ref{Kind: domain.KindCompliance, ID: uuid.New()}
	l.addClassified(issue, op, domain.ClassConfidential, domain.ComplianceReported{Category: domain.CatFraud})
	esc := domain.Ref{Kind: domain.KindEscalation, ID: uuid.New()}
	l.addClassified(esc, op, domain.ClassMovement, domain.EscalationRaised{SubjectKind: domain.KindCompliance, SubjectID: issue.ID, Rung: "opc"})
	open := 0
	for range 5 {
		l.addClassified(domain.Ref{Kind: domain.KindDecision, ID: uuid.New()}, op, domain.ClassMovement, domain.DecisionProposed{Title: "t"})
		open++
		l.addClassified(issue, op, domain.ClassConfidential, domain.ComplianceTriaged{Note: "n"})
	}
	analyst := visibility.ForRole(visibility.RoleAnalyst, "token:a", nil)
	reviewer := visibility.ForRole(visibility.RoleReviewer, "token:r", nil)

	first := l.trail.Timeline(op, audit.TimelineFilter{Sees: analyst.SeesRecord, Limit: 2})
	require.Equal(t, open, first.Total)
	require.Len(t, first.Records, 2)
	var seen []audit.Record
	for offset := 0; offset < first.Total; offset += 2 {
		page := l.trail.Timeline(op, audit.TimelineFilter{Sees: analyst.SeesRecord, Offset: offset, Limit: 2})
		require.Len(t, page.Records, min(2, open-offset))
		seen = append(seen, page.Records...)
	}
	for _, r := range seen {
		require.Equal(t, domain.KindDecision, r.Record.Kind)
	}
	require.Equal(t, l.trail.Len(), l.trail.Timeline(op, audit.TimelineFilter{Sees: reviewer.SeesRecord, Limit: 100}).Total)

	res := l.trail.Window(T.Add(-1), T.Add(1), false, audit.Page{Sees: analyst.SeesRecord, Limit: 3})
	require.Len(t, res.Records, 3, "a page of the audit window is full of what the reader may see")
	require.Empty(t, l.trail.Entity(esc, audit.Page{Sees: analyst.SeesRecord}).Records)
}

// An escalation is as restricted as its subject is now: a subject that
// becomes confidential after it was escalated takes its escalation along.
func TestAnEscalationFollowsItsSubjectsClassification(t *testing.T) {
	t.Parallel()
	l := &log{t: t, trail: audit.New()}
	op := uuid.New()
	issue := domain.Ref{Kind: domain.KindCompliance, ID: uuid.New()}
	l.addClassified(issue, op, domain.ClassRestricted, domain.ComplianceReported{Category: domain.CatEmblem})
	esc := domain.Ref{Kind: domain.KindEscalation, ID: uuid.New()}
	l.addClassified(esc, op, domain.ClassRestricted, domain.EscalationRaised{SubjectKind: domain.KindCompliance, SubjectID: issue.ID, Rung: "opc"})
	analyst := visibility.ForRole(visibility.RoleAnalyst, "token:a", nil)
	require.Len(t, l.trail.Entity(esc, audit.Page{Sees: analyst.SeesRecord}).Records, 1)
	l.addClassified(issue, op, domain.ClassConfidential, domain.ComplianceTriaged{Note: "a fraud case after all"})
	require.Equal(t, domain.ClassConfidential, l.trail.Class(esc))
	require.Empty(t, l.trail.Entity(esc, audit.Page{Sees: analyst.SeesRecord}).Records)
}
