package domain

import (
	"time"

	"github.com/google/uuid"
)

// OperationOpened starts an emergency response in one country.
type OperationOpened struct {
	Name        string    `json:"name" doc:"name of the response, e.g. 'Floods 2026'"`
	Country     string    `json:"country" doc:"ISO 3166-1 alpha-3 code of the country"`
	CrisisType  string    `json:"crisis_type" doc:"kind of crisis: conflict, disaster, migration or another agreed term"`
	Glide       string    `json:"glide,omitempty" doc:"GLIDE number, when one exists"`
	ExternalID  string    `json:"external_id,omitempty" doc:"another system's event id, when one exists"`
	StartedAt   time.Time `json:"started_at" doc:"when the response started"`
	Phase       Phase     `json:"phase" doc:"phase at opening: emergency or recovery"`
	Severity    string    `json:"severity" doc:"severity at opening, on the scale the operation uses"`
	Description string    `json:"description,omitempty" doc:"short description of the crisis"`
}

// OperationSeverityChanged records severity over time.
type OperationSeverityChanged struct {
	Severity string `json:"severity" doc:"new severity"`
	Reason   string `json:"reason" doc:"why the severity changed"`
}

// OperationPhaseChanged moves the response between emergency, recovery, closed.
type OperationPhaseChanged struct {
	From   Phase  `json:"from" doc:"phase before the change"`
	To     Phase  `json:"to" doc:"phase after the change; closed is final"`
	Reason string `json:"reason" doc:"why the phase changed"`
}

// OperationConveningRuleSet sets who may convene Movement coordination.
type OperationConveningRuleSet struct {
	AllOf       []ComponentKind `json:"all_of" doc:"component kinds that must all be among the conveners (e.g. HNS)"`
	AnyOf       []ComponentKind `json:"any_of" doc:"component kinds of which at least one must convene (e.g. ICRC, IFRC)"`
	Description string          `json:"description" doc:"the agreement the rule comes from, e.g. 'Seville Agreement 2.0'"`
}

// OperationEscalationLadderSet sets the ordered bodies escalations climb.
type OperationEscalationLadderSet struct {
	Rungs []Rung `json:"rungs" doc:"bodies from lowest to highest"`
}

// Rung is one body on the escalation ladder.
type Rung struct {
	Key  string `json:"key" doc:"stable key of the rung, e.g. 'ops_committee'"`
	Name string `json:"name" doc:"name of the body"`
}

// OperationConvenerAssigned makes a component a convener.
type OperationConvenerAssigned struct {
	ComponentID uuid.UUID `json:"component_id" doc:"component that now convenes Movement coordination"`
}

// OperationConvenerRemoved ends a component's convening role.
type OperationConvenerRemoved struct {
	ComponentID uuid.UUID `json:"component_id" doc:"component that no longer convenes"`
	Reason      string    `json:"reason" doc:"why the role ended"`
}

// OperationLeadRoleAssigned gives a component the lead for an area of work.
type OperationLeadRoleAssigned struct {
	ComponentID uuid.UUID `json:"component_id" doc:"component that leads the area"`
	Area        string    `json:"area" doc:"area of work, e.g. 'health', 'restoring family links'"`
}

// OperationLeadRoleEnded ends a lead role.
type OperationLeadRoleEnded struct {
	ComponentID uuid.UUID `json:"component_id" doc:"component whose lead ended"`
	Area        string    `json:"area" doc:"area of work"`
	Reason      string    `json:"reason" doc:"why the lead ended"`
}

func (OperationOpened) EventType() string              { return "operation.opened.v1" }
func (OperationSeverityChanged) EventType() string     { return "operation.severity_changed.v1" }
func (OperationPhaseChanged) EventType() string        { return "operation.phase_changed.v1" }
func (OperationConveningRuleSet) EventType() string    { return "operation.convening_rule_set.v1" }
func (OperationEscalationLadderSet) EventType() string { return "operation.escalation_ladder_set.v1" }
func (OperationConvenerAssigned) EventType() string    { return "operation.convener_assigned.v1" }
func (OperationConvenerRemoved) EventType() string     { return "operation.convener_removed.v1" }
func (OperationLeadRoleAssigned) EventType() string    { return "operation.lead_role_assigned.v1" }
func (OperationLeadRoleEnded) EventType() string       { return "operation.lead_role_ended.v1" }

var operationEvents = []eventSpec{
	spec[OperationOpened](KindOperation, "An emergency response in one country was opened."),
	spec[OperationSeverityChanged](KindOperation, "The severity of the crisis was reassessed."),
	spec[OperationPhaseChanged](KindOperation, "The response moved to another phase."),
	spec[OperationConveningRuleSet](KindOperation, "The rule for who convenes Movement coordination was set."),
	spec[OperationEscalationLadderSet](KindOperation, "The ladder of bodies for escalations was set."),
	spec[OperationConvenerAssigned](KindOperation, "A component became a convener."),
	spec[OperationConvenerRemoved](KindOperation, "A component stopped convening."),
	spec[OperationLeadRoleAssigned](KindOperation, "A component took the lead for an area of work."),
	spec[OperationLeadRoleEnded](KindOperation, "A component's lead for an area of work ended."),
}
