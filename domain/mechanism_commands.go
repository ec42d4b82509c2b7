package domain

import "github.com/google/uuid"

// EstablishMechanism creates a coordination body.
type EstablishMechanism struct {
	Header
	ID               uuid.UUID    `json:"id"`
	Name             string       `json:"name" required:"true"`
	Level            Level        `json:"level"`
	TermsOfReference string       `json:"terms_of_reference" required:"true"`
	DecisionRule     DecisionRule `json:"decision_rule"` // defaults to consensus
	Quorum           int          `json:"quorum"`
}

func (c EstablishMechanism) Target() Ref { return Ref{KindMechanism, c.ID} }
func (EstablishMechanism) creates()      {}

func (c EstablishMechanism) decide(s *Scope) ([]Payload, error) {
	if c.DecisionRule == "" {
		c.DecisionRule = RuleConsensus
	}
	err := firstErr(checkEnum("level", c.Level),
		ruleValid(c.DecisionRule, c.Quorum))
	if err != nil {
		return nil, err
	}
	return one(MechanismEstablished{Name: c.Name, Level: c.Level, TermsOfReference: c.TermsOfReference,
		DecisionRule: c.DecisionRule, Quorum: c.Quorum})
}

func ruleValid(r DecisionRule, quorum int) error {
	if quorum < 0 {
		return ErrInvalid.at("quorum", "quorum cannot be negative")
	}
	return checkEnum("decision_rule", r)
}

func standing(s *Scope) (*Mechanism, error) {
	m := self[*Mechanism](s)
	if m.Dissolved {
		return nil, ErrMechanismInactive.withf("mechanism %q is dissolved", m.Name)
	}
	return m, nil
}

// AddMember adds an active component to the mechanism.
type AddMember struct {
	Header
	ID          uuid.UUID `json:"id"`
	ComponentID uuid.UUID `json:"component_id"`
}

func (c AddMember) Target() Ref { return Ref{KindMechanism, c.ID} }

func (c AddMember) decide(s *Scope) ([]Payload, error) {
	m, err := standing(s)
	if err != nil {
		return nil, err
	}
	comp, err := s.activeComponent(c.ComponentID, "component_id")
	if err != nil {
		return nil, err
	}
	if m.IsMember(c.ComponentID) {
		return nil, ErrWrongState.at("component_id", "%s is already a member of %q", comp.Name, m.Name)
	}
	return one(MechanismMemberAdded{ComponentID: c.ComponentID})
}

// RemoveMember removes a member component.
type RemoveMember struct {
	Header
	ID          uuid.UUID `json:"id"`
	ComponentID uuid.UUID `json:"component_id"`
	Reason      string    `json:"reason" required:"reason"`
}

func (c RemoveMember) Target() Ref { return Ref{KindMechanism, c.ID} }

func (c RemoveMember) decide(s *Scope) ([]Payload, error) {
	m, err := standing(s)
	if err != nil {
		return nil, err
	}
	if !m.IsMember(c.ComponentID) {
		return nil, ErrWrongState.at("component_id", "component %s is not a member of %q", c.ComponentID, m.Name)
	}
	return one(MechanismMemberRemoved{ComponentID: c.ComponentID, Reason: c.Reason})
}

// UpdateTerms replaces the terms of reference.
type UpdateTerms struct {
	Header
	ID               uuid.UUID `json:"id"`
	TermsOfReference string    `json:"terms_of_reference" required:"true"`
}

func (c UpdateTerms) Target() Ref { return Ref{KindMechanism, c.ID} }

func (c UpdateTerms) decide(s *Scope) ([]Payload, error) {
	if _, err := standing(s); err != nil {
		return nil, err
	}
	return one(MechanismTermsUpdated{TermsOfReference: c.TermsOfReference})
}

// ChangeDecisionRule changes the rule and quorum.
type ChangeDecisionRule struct {
	Header
	ID           uuid.UUID    `json:"id"`
	DecisionRule DecisionRule `json:"decision_rule"`
	Quorum       int          `json:"quorum"`
	Reason       string       `json:"reason" required:"reason"`
}

func (c ChangeDecisionRule) Target() Ref { return Ref{KindMechanism, c.ID} }

func (c ChangeDecisionRule) decide(s *Scope) ([]Payload, error) {
	if _, err := standing(s); err != nil {
		return nil, err
	}
	if err := ruleValid(c.DecisionRule, c.Quorum); err != nil {
		return nil, err
	}
	return one(MechanismDecisionRuleChanged{DecisionRule: c.DecisionRule, Quorum: c.Quorum, Reason: c.Reason})
}

// DissolveMechanism ends the mechanism.
type DissolveMechanism struct {
	Header
	ID     uuid.UUID `json:"id"`
	Reason string    `json:"reason" required:"reason"`
}

func (c DissolveMechanism) Target() Ref { return Ref{KindMechanism, c.ID} }

func (c DissolveMechanism) decide(s *Scope) ([]Payload, error) {
	if _, err := standing(s); err != nil {
		return nil, err
	}
	return one(MechanismDissolved{Reason: c.Reason})
}
