package views

import (
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

// EscalationsName is the checkpoint key of the escalation queue.
const EscalationsName = "escalations"

// Escalation is a row of the escalation queue.
type Escalation struct {
	Meta
	SubjectKind    domain.Kind            `json:"subject_kind"`
	SubjectID      uuid.UUID              `json:"subject_id"`
	Follows        uuid.UUID              `json:"follows_escalation_id,omitzero"`
	Rung           string                 `json:"rung"`
	BodyName       string                 `json:"body_name"`
	Reason         string                 `json:"reason"`
	State          domain.EscalationState `json:"state"`
	AtRungSince    time.Time              `json:"at_rung_since"` // occurred time it reached its current rung
	AcknowledgedAt time.Time              `json:"acknowledged_at,omitzero"`
	AnsweredAt     time.Time              `json:"answered_at,omitzero"`
	ResolvedAt     time.Time              `json:"resolved_at,omitzero"`
	Hops           int                    `json:"hops"` // rungs climbed after it was raised
	Rungs          []string               `json:"rungs"`
	// Category and Component describe the subject, resolved when queried:
	// the compliance category (or the subject kind) and the component concerned.
	Category  string    `json:"category"`
	Component uuid.UUID `json:"component,omitzero"`
}

// Pending reports whether the escalation still waits for a resolution.
func (x *Escalation) Pending() bool { return x.State != domain.EscResolved }

// subject is what the queue needs to know about an escalated record.
type subject struct {
	category  string
	component uuid.UUID
	class     domain.Classification // the strictest of the subject's events
}

// Escalations is the escalation queue.
type Escalations struct {
	sync.RWMutex
	rows     perOp[Escalation]
	byID     map[uuid.UUID]*Escalation
	subjects map[uuid.UUID]subject // compliance issue or action point -> category, component
}

// NewEscalations returns an empty queue.
func NewEscalations() *Escalations {
	return &Escalations{rows: perOp[Escalation]{}, byID: map[uuid.UUID]*Escalation{}, subjects: map[uuid.UUID]subject{}}
}

func (*Escalations) Name() string { return EscalationsName }

// Apply implements projections.Projection.
func (v *Escalations) Apply(e *projections.Event) error {
	switch e.Ref.Kind {
	case domain.KindCompliance, domain.KindActionPoint, domain.KindDecision:
		v.followSubject(e)
	case domain.KindEscalation:
		v.applyEscalation(e)
	}
	return nil
}

func (v *Escalations) followSubject(e *projections.Event) {
	s := v.subjects[e.Ref.ID]
	s.class = domain.Strictest(s.class, e.Env.Classification)
	switch p := e.Payload.(type) {
	case domain.ComplianceReported:
		s = subject{category: string(p.Category), component: p.SubjectComponentID, class: s.class}
	case domain.ActionPointRaised:
		s = subject{category: string(domain.KindActionPoint), component: p.ComponentID, class: s.class}
	case domain.ActionPointAssigned:
		s.component = p.ComponentID
	case domain.ActionPointReassigned:
		s.component = p.ComponentID
	case domain.CorrectionRecorded:
		correct(&s, p, subjectFeeds)
	}
	v.subjects[e.Ref.ID] = s
}

// subjectFeeds are what an escalation shows of its subject that corrected fields feed.
var subjectFeeds = []feed[subject]{
	column(domain.ComplianceReported{}, "category", func(s *subject) *string { return &s.category }),
	column(domain.ComplianceReported{}, "subject_component_id", func(s *subject) *uuid.UUID { return &s.component }),
	column(domain.ActionPointRaised{}, "owner_component_id", func(s *subject) *uuid.UUID { return &s.component }),
}

func (v *Escalations) applyEscalation(e *projections.Event) {
	if p, ok := e.Payload.(domain.EscalationRaised); ok {
		x := &Escalation{Meta: newMeta(e), SubjectKind: p.SubjectKind, SubjectID: p.SubjectID, Follows: p.Follows,
			Rung: p.Rung, BodyName: p.BodyName, Reason: p.Reason, State: domain.EscRaised,
			AtRungSince: e.Env.OccurredAt, Rungs: []string{p.Rung}}
		v.rows.put(x.OperationID, x.ID, x)
		v.byID[x.ID] = x
		return
	}
	if x := v.byID[e.Ref.ID]; x != nil {
		x.touch(e)
		x.apply(e)
	}
}

func (x *Escalation) apply(e *projections.Event) {
	at := e.Env.OccurredAt
	switch p := e.Payload.(type) {
	case domain.EscalationAcknowledged:
		x.State, x.AcknowledgedAt = domain.EscAcknowledged, at
	case domain.EscalationAnswered:
		x.State, x.AnsweredAt = domain.EscAnswered, at
	case domain.EscalationEscalated:
		// a higher body starts afresh: it has neither acknowledged nor answered
		x.Rung, x.BodyName, x.State, x.AtRungSince = p.Rung, p.BodyName, domain.EscRaised, at
		x.Hops, x.Rungs = x.Hops+1, append(x.Rungs, p.Rung)
	case domain.EscalationResolved:
		x.State, x.ResolvedAt = domain.EscResolved, at
	case domain.CorrectionRecorded:
		correct(x, p, escalationFeeds)
	}
}

// escalationFeeds are the columns corrected fields feed; a correction of
// the first body finds the column changed once the escalation has climbed.
var escalationFeeds = []feed[Escalation]{
	column(domain.EscalationRaised{}, "reason", func(x *Escalation) *string { return &x.Reason }),
	column(domain.EscalationRaised{}, "body_name", func(x *Escalation) *string { return &x.BodyName }),
	occurred(domain.EscalationRaised{}, func(x *Escalation) *time.Time { return &x.CreatedAt }),
	occurred(domain.EscalationAcknowledged{}, func(x *Escalation) *time.Time { return &x.AcknowledgedAt }),
	occurred(domain.EscalationAnswered{}, func(x *Escalation) *time.Time { return &x.AnsweredAt }),
	occurred(domain.EscalationResolved{}, func(x *Escalation) *time.Time { return &x.ResolvedAt }),
}
