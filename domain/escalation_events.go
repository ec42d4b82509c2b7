package domain

import "github.com/google/uuid"

// EscalationRaised sends a stuck matter to a body on the operation's ladder.
type EscalationRaised struct {
	SubjectKind Kind      `json:"subject_kind" doc:"kind of record escalated: compliance, decision or actionpoint"`
	SubjectID   uuid.UUID `json:"subject_id" doc:"record escalated"`
	Rung        string    `json:"rung" doc:"key of the ladder rung it goes to"`
	BodyName    string    `json:"body_name" doc:"name of that body when raised"`
	Reason      string    `json:"reason" doc:"why it could not be solved at the level below"`
	Follows     uuid.UUID `json:"follows_escalation_id,omitzero" doc:"earlier escalation of the same record that this one goes above, if any"`
}

// EscalationAcknowledged records the body's acknowledgement.
type EscalationAcknowledged struct {
	Note string `json:"note,omitempty" doc:"acknowledgement note"`
}

// EscalationAnswered records the body's answer.
type EscalationAnswered struct {
	Answer string `json:"answer" doc:"what the body answered or decided"`
}

// EscalationEscalated sends the matter further up the ladder.
type EscalationEscalated struct {
	FromRung string `json:"from_rung" doc:"rung it was at"`
	Rung     string `json:"rung" doc:"higher rung it goes to"`
	BodyName string `json:"body_name" doc:"name of the higher body"`
	Reason   string `json:"reason" doc:"why it goes further"`
}

// EscalationResolved closes the escalation.
type EscalationResolved struct {
	Note string `json:"note" doc:"how it was resolved"`
}

func (EscalationRaised) EventType() string { return "escalation.raised.v1" }

func (EscalationAcknowledged) EventType() string { return "escalation.acknowledged.v1" }

func (EscalationAnswered) EventType() string { return "escalation.answered.v1" }

func (EscalationEscalated) EventType() string { return "escalation.escalated.v1" }

func (EscalationResolved) EventType() string { return "escalation.resolved.v1" }

var escalationEvents = []eventSpec{
	spec[EscalationRaised](KindEscalation, "A matter was escalated to a body on the ladder."),
	spec[EscalationAcknowledged](KindEscalation, "The body acknowledged the escalation."),
	spec[EscalationAnswered](KindEscalation, "The body answered."),
	spec[EscalationEscalated](KindEscalation, "The matter was escalated to a higher rung."),
	spec[EscalationResolved](KindEscalation, "The escalation was resolved."),
}
