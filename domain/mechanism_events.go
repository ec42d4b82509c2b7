package domain

import "github.com/google/uuid"

// MechanismEstablished creates a standing coordination body.
type MechanismEstablished struct {
	Name             string       `json:"name" doc:"name, e.g. 'Movement platform' or 'Health technical working group'"`
	Level            Level        `json:"level" doc:"strategic, operational or technical"`
	TermsOfReference string       `json:"terms_of_reference" doc:"terms of reference text or a link to them"`
	DecisionRule     DecisionRule `json:"decision_rule" doc:"consensus (default) or majority"`
	Quorum           int          `json:"quorum" doc:"member components that must attend for a quorum; 0 means no quorum rule"`
}

// MechanismMemberAdded adds a component to the mechanism.
type MechanismMemberAdded struct {
	ComponentID uuid.UUID `json:"component_id" doc:"component that became a member"`
}

// MechanismMemberRemoved removes a component.
type MechanismMemberRemoved struct {
	ComponentID uuid.UUID `json:"component_id" doc:"component that left the mechanism"`
	Reason      string    `json:"reason" doc:"why it left"`
}

// MechanismTermsUpdated replaces the terms of reference.
type MechanismTermsUpdated struct {
	TermsOfReference string `json:"terms_of_reference" doc:"new terms of reference"`
}

// MechanismDecisionRuleChanged changes how the mechanism decides.
type MechanismDecisionRuleChanged struct {
	DecisionRule DecisionRule `json:"decision_rule" doc:"consensus or majority"`
	Quorum       int          `json:"quorum" doc:"member components needed for a quorum; 0 for none"`
	Reason       string       `json:"reason" doc:"why the rule changed"`
}

// MechanismDissolved ends the mechanism (final).
type MechanismDissolved struct {
	Reason string `json:"reason" doc:"why the mechanism was dissolved"`
}

func (MechanismEstablished) EventType() string { return "mechanism.established.v1" }

func (MechanismMemberAdded) EventType() string { return "mechanism.member_added.v1" }

func (MechanismMemberRemoved) EventType() string { return "mechanism.member_removed.v1" }

func (MechanismTermsUpdated) EventType() string { return "mechanism.terms_updated.v1" }

func (MechanismDecisionRuleChanged) EventType() string { return "mechanism.decision_rule_changed.v1" }

func (MechanismDissolved) EventType() string { return "mechanism.dissolved.v1" }

var mechanismEvents = []eventSpec{
	spec[MechanismEstablished](KindMechanism, "A standing coordination mechanism was established."),
	spec[MechanismMemberAdded](KindMechanism, "A component became a member of the mechanism."),
	spec[MechanismMemberRemoved](KindMechanism, "A component left the mechanism."),
	spec[MechanismTermsUpdated](KindMechanism, "The mechanism's terms of reference changed."),
	spec[MechanismDecisionRuleChanged](KindMechanism, "The mechanism's decision rule or quorum changed."),
	spec[MechanismDissolved](KindMechanism, "The mechanism was dissolved."),
}
