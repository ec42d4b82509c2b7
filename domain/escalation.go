package domain

// EscalationState is where an escalation stands.
type EscalationState string

const (
	EscRaised       EscalationState = "raised"
	EscAcknowledged EscalationState = "acknowledged"
	EscAnswered     EscalationState = "answered"
	EscResolved     EscalationState = "resolved"
)

// Escalation is one matter climbing the ladder.
type Escalation struct {
	Base
	Subject Ref             `json:"subject"`
	Rung    string          `json:"rung"`
	State   EscalationState `json:"state"`
}

func (e *Escalation) apply(p Payload) {
	switch ev := p.(type) {
	case EscalationRaised:
		e.Subject, e.Rung, e.State = Ref{ev.SubjectKind, ev.SubjectID}, ev.Rung, EscRaised
	case EscalationAcknowledged:
		e.State = EscAcknowledged
	case EscalationAnswered:
		e.State = EscAnswered
	case EscalationEscalated:
		e.Rung, e.State = ev.Rung, EscRaised
	case EscalationResolved:
		e.State = EscResolved
	}
}

// Ref is the human-facing reference, e.g. "ESC-3F9C1A".
func (e *Escalation) Ref() string { return ShortRef("ESC", e.ID) }
