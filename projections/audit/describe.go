package audit

import (
	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

// describe keeps the component and level a timeline filters on: the
// component a record concerns (its own, its owner's, its subject's) and the
// level of the mechanism it belongs to.
func (t *Trail) describe(s *stream, e *projections.Event) {
	switch p := e.Payload.(type) {
	case domain.ComponentJoined:
		s.component = e.Ref.ID
	case domain.ProjectRegistered:
		s.component = p.ComponentID
	case domain.ContactAdded:
		s.component = p.ComponentID
	case domain.ActionPointRaised:
		s.component, s.level = p.ComponentID, t.levelOf(domain.KindDecision, p.DecisionID)
		if s.level == "" {
			s.level = t.levelOf(domain.KindMeeting, p.MeetingID)
		}
	case domain.ActionPointAssigned:
		s.component = p.ComponentID
	case domain.ActionPointReassigned:
		s.component = p.ComponentID
	case domain.ComplianceReported:
		s.component = p.SubjectComponentID
	case domain.EscalationRaised:
		if subject, ok := t.lookup(domain.Ref{Kind: p.SubjectKind, ID: p.SubjectID}); ok {
			s.component, s.subject = subject.component, subject
		}
	case domain.MechanismEstablished:
		s.level = p.Level
		t.levels[e.Ref.ID] = p.Level
	case domain.MeetingScheduled:
		s.level = t.levels[p.MechanismID]
	case domain.DecisionProposed:
		s.level = t.levels[p.MechanismID]
	case domain.CorrectionRecorded:
		s.component = correctedComponent(s.component, p)
	}
}

// levelOf is the level of a decision's or meeting's mechanism, if known.
func (t *Trail) levelOf(kind domain.Kind, id uuid.UUID) domain.Level {
	if s, ok := t.lookup(domain.Ref{Kind: kind, ID: id}); ok {
		return s.level
	}
	return ""
}
