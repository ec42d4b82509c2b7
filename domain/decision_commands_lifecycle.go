package domain

import "github.com/google/uuid"

func inForce(s *Scope) (*Decision, error) {
	d := self[*Decision](s)
	if !d.InForce() {
		return nil, ErrDecisionNotInForce.withf("decision %s is %s, not in force", d.Ref(), d.State)
	}
	return d, nil
}

// EndorseDecision records endorsement by a higher-level mechanism.
type EndorseDecision struct {
	Header
	ID            uuid.UUID `json:"id"`
	ByMechanismID uuid.UUID `json:"by_mechanism_id"`
	Note          string    `json:"note"`
}

func (c EndorseDecision) Target() Ref { return Ref{KindDecision, c.ID} }

func (c EndorseDecision) decide(s *Scope) ([]Payload, error) {
	d, err := inForce(s)
	if err != nil {
		return nil, err
	}
	own, err := load[*Mechanism](s, KindMechanism, d.MechanismID, "mechanism_id")
	if err != nil {
		return nil, err
	}
	by, err := s.activeMechanism(c.ByMechanismID, "by_mechanism_id")
	if err != nil {
		return nil, err
	}
	if by.Level.rank() <= own.Level.rank() {
		return nil, ErrEndorserNotHigher.at("by_mechanism_id", "%q is %s level, not above %q (%s); endorsement comes from a higher level", by.Name, by.Level, own.Name, own.Level)
	}
	return one(DecisionEndorsed{ByMechanismID: c.ByMechanismID, Note: c.Note})
}

// AmendDecision changes the text of a decision in force.
type AmendDecision struct {
	Header
	ID        uuid.UUID `json:"id"`
	Text      string    `json:"text" required:"true"`
	Rationale string    `json:"rationale"`
	Reason    string    `json:"reason" required:"reason"`
}

func (c AmendDecision) Target() Ref { return Ref{KindDecision, c.ID} }

func (c AmendDecision) decide(s *Scope) ([]Payload, error) {
	if _, err := inForce(s); err != nil {
		return nil, err
	}
	return one(DecisionAmended{Text: c.Text, Rationale: c.Rationale, Reason: c.Reason})
}

// SupersedeDecision replaces this decision by another one in force.
type SupersedeDecision struct {
	Header
	ID           uuid.UUID `json:"id"`
	ByDecisionID uuid.UUID `json:"by_decision_id"`
	Reason       string    `json:"reason" required:"reason"`
}

func (c SupersedeDecision) Target() Ref { return Ref{KindDecision, c.ID} }

func (c SupersedeDecision) decide(s *Scope) ([]Payload, error) {
	d, err := inForce(s)
	if err != nil {
		return nil, err
	}
	if c.ByDecisionID == d.ID {
		return nil, ErrSelfReference.at("by_decision_id", "a decision cannot supersede itself")
	}
	by, err := load[*Decision](s, KindDecision, c.ByDecisionID, "by_decision_id")
	if err != nil {
		return nil, err
	}
	if !by.InForce() {
		return nil, ErrDecisionNotInForce.at("by_decision_id", "decision %s is %s; adopt it before it supersedes %s", by.Ref(), by.State, d.Ref())
	}
	return one(DecisionSuperseded{ByDecisionID: c.ByDecisionID, Reason: c.Reason})
}

// RescindDecision withdraws a decision in force.
type RescindDecision struct {
	Header
	ID     uuid.UUID `json:"id"`
	Reason string    `json:"reason" required:"reason"`
}

func (c RescindDecision) Target() Ref { return Ref{KindDecision, c.ID} }

func (c RescindDecision) decide(s *Scope) ([]Payload, error) {
	if _, err := inForce(s); err != nil {
		return nil, err
	}
	return one(DecisionRescinded{Reason: c.Reason})
}
