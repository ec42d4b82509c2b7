package domain

import "github.com/google/uuid"

// RaiseEscalation sends a compliance issue, decision or action point to a
// body on the operation's escalation ladder. When the record was escalated
// before, Follows names that escalation and the new one must go higher.
type RaiseEscalation struct {
	Header
	ID          uuid.UUID `json:"id"`
	SubjectKind Kind      `json:"subject_kind"`
	SubjectID   uuid.UUID `json:"subject_id"`
	Rung        string    `json:"rung"`
	Reason      string    `json:"reason" required:"reason"`
	Follows     uuid.UUID `json:"follows"`
}

func (c RaiseEscalation) Target() Ref { return Ref{KindEscalation, c.ID} }
func (RaiseEscalation) creates()      {}

func (c RaiseEscalation) decide(s *Scope) ([]Payload, error) {
	err := oneOf("subject_kind", c.SubjectKind, KindCompliance, KindDecision, KindActionPoint)
	if err != nil {
		return nil, err
	}
	subject, err := load[Aggregate](s, c.SubjectKind, c.SubjectID, "subject_id")
	if err != nil {
		return nil, err
	}
	s.about(subject) // escalating a confidential issue must not make it Movement-wide
	rung, err := rungOf(s.Op, c.Rung)
	if err != nil {
		return nil, err
	}
	if err := c.checkFollows(s); err != nil {
		return nil, err
	}
	return one(EscalationRaised{SubjectKind: c.SubjectKind, SubjectID: c.SubjectID,
		Rung: rung.Key, BodyName: rung.Name, Reason: c.Reason, Follows: c.Follows})
}

// checkFollows keeps a new escalation of the same record above the last one.
func (c RaiseEscalation) checkFollows(s *Scope) error {
	prev, err := optional[*Escalation](s, KindEscalation, c.Follows, "follows")
	if err != nil || prev == nil {
		return err
	}
	if prev.Subject != (Ref{c.SubjectKind, c.SubjectID}) {
		return ErrInvalid.at("follows", "escalation %s is about another record", prev.Ref())
	}
	if s.Op.RungIndex(c.Rung) <= s.Op.RungIndex(prev.Rung) {
		return ErrRungNotHigher.at("rung", "the last escalation of this record went to %q; a new one must go higher", prev.Rung)
	}
	return nil
}

func rungOf(op *Operation, key string) (Rung, error) {
	i := op.RungIndex(key)
	if i < 0 {
		return Rung{}, ErrRungUnknown.at("rung", "%q is not on the escalation ladder of %q; set the ladder or choose one of its rungs", key, op.Name)
	}
	return op.Ladder[i], nil
}

func pending(s *Scope) (*Escalation, error) {
	e := self[*Escalation](s)
	if e.State == EscResolved {
		return nil, ErrWrongState.withf("escalation %s is resolved", e.Ref())
	}
	return e, nil
}

// EscalateFurther sends the matter to a higher rung than the current one.
type EscalateFurther struct {
	Header
	ID     uuid.UUID `json:"id"`
	Rung   string    `json:"rung"`
	Reason string    `json:"reason" required:"reason"`
}

func (c EscalateFurther) Target() Ref { return Ref{KindEscalation, c.ID} }

func (c EscalateFurther) decide(s *Scope) ([]Payload, error) {
	e, err := pending(s)
	if err != nil {
		return nil, err
	}
	rung, err := rungOf(s.Op, c.Rung)
	if err != nil {
		return nil, err
	}
	if s.Op.RungIndex(c.Rung) <= s.Op.RungIndex(e.Rung) {
		return nil, ErrRungNotHigher.at("rung", "escalation %s is already at %q; it can only go to a higher rung than that", e.Ref(), e.Rung)
	}
	return one(EscalationEscalated{FromRung: e.Rung, Rung: rung.Key, BodyName: rung.Name, Reason: c.Reason})
}
