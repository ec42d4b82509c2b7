package domain

import "github.com/google/uuid"

// AcknowledgeEscalation records the body's acknowledgement.
type AcknowledgeEscalation struct {
	Header
	ID   uuid.UUID `json:"id"`
	Note string    `json:"note"`
}

func (c AcknowledgeEscalation) Target() Ref { return Ref{KindEscalation, c.ID} }

func (c AcknowledgeEscalation) decide(s *Scope) ([]Payload, error) {
	e := self[*Escalation](s)
	if e.State != EscRaised {
		return nil, ErrWrongState.withf("escalation %s is %s; only a newly raised escalation is acknowledged", e.Ref(), e.State)
	}
	return one(EscalationAcknowledged{Note: c.Note})
}

// AnswerEscalation records the body's answer.
type AnswerEscalation struct {
	Header
	ID     uuid.UUID `json:"id"`
	Answer string    `json:"answer" required:"true"`
}

func (c AnswerEscalation) Target() Ref { return Ref{KindEscalation, c.ID} }

func (c AnswerEscalation) decide(s *Scope) ([]Payload, error) {
	e, err := pending(s)
	if err != nil {
		return nil, err
	}
	if e.State == EscAnswered {
		return nil, ErrWrongState.withf("escalation %s is already answered; escalate further or resolve it", e.Ref())
	}
	return one(EscalationAnswered{Answer: c.Answer})
}

// ResolveEscalation closes the escalation once the body has answered.
type ResolveEscalation struct {
	Header
	ID   uuid.UUID `json:"id"`
	Note string    `json:"note" required:"true"`
}

func (c ResolveEscalation) Target() Ref { return Ref{KindEscalation, c.ID} }

func (c ResolveEscalation) decide(s *Scope) ([]Payload, error) {
	e, err := pending(s)
	if err != nil {
		return nil, err
	}
	if e.State != EscAnswered {
		return nil, ErrWrongState.withf("escalation %s is %s; record the body's answer before resolving it", e.Ref(), e.State)
	}
	return one(EscalationResolved{Note: c.Note})
}
