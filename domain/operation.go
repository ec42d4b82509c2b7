package domain

import (
	"slices"

	"github.com/google/uuid"
)

// Phase of a response.
type Phase string

const (
	PhaseEmergency Phase = "emergency"
	PhaseRecovery  Phase = "recovery"
	PhaseClosed    Phase = "closed"
)

// Operation is one emergency response in one country.
type Operation struct {
	Base
	Name         string                  `json:"name"`
	Country      string                  `json:"country"`
	Phase        Phase                   `json:"phase"`
	Severity     string                  `json:"severity"`
	ConveningAll List[ComponentKind]     `json:"convening_all"`
	ConveningAny List[ComponentKind]     `json:"convening_any"`
	Ladder       List[Rung]              `json:"ladder"`
	Conveners    List[uuid.UUID]         `json:"conveners"`
	LeadRoles    Dict[string, uuid.UUID] `json:"lead_roles"` // area -> component
}

func (o *Operation) apply(p Payload) {
	switch e := p.(type) {
	case OperationOpened:
		o.Name, o.Country, o.Phase, o.Severity = e.Name, e.Country, e.Phase, e.Severity
		o.LeadRoles = map[string]uuid.UUID{}
	case OperationSeverityChanged:
		o.Severity = e.Severity
	case OperationPhaseChanged:
		o.Phase = e.To
	case OperationConveningRuleSet:
		o.ConveningAll, o.ConveningAny = e.AllOf, e.AnyOf
	case OperationEscalationLadderSet:
		o.Ladder = e.Rungs
	case OperationConvenerAssigned:
		o.Conveners = append(o.Conveners, e.ComponentID)
	case OperationConvenerRemoved:
		o.Conveners = slices.DeleteFunc(slices.Clone(o.Conveners), func(id uuid.UUID) bool { return id == e.ComponentID })
	case OperationLeadRoleAssigned:
		o.LeadRoles[e.Area] = e.ComponentID
	case OperationLeadRoleEnded:
		delete(o.LeadRoles, e.Area)
	}
}

// RungIndex returns the position of a rung on the ladder, or -1.
func (o *Operation) RungIndex(key string) int {
	return slices.IndexFunc(o.Ladder, func(r Rung) bool { return r.Key == key })
}

// IsConvener reports whether the component currently convenes.
func (o *Operation) IsConvener(id uuid.UUID) bool { return slices.Contains(o.Conveners, id) }

// ConveningSatisfied reports whether the current conveners' kinds meet the
// operation's rule. It is a query, not an invariant: conveners are assigned
// one at a time, so the rule is only met once all are in place.
func (o *Operation) ConveningSatisfied(kinds []ComponentKind) bool {
	for _, k := range o.ConveningAll {
		if !slices.Contains(kinds, k) {
			return false
		}
	}
	if len(o.ConveningAny) == 0 {
		return true
	}
	return slices.ContainsFunc(kinds, func(k ComponentKind) bool { return slices.Contains(o.ConveningAny, k) })
}

// mayConvene reports whether the rule lets a component of this kind convene.
// Without a rule, any kind may.
func (o *Operation) mayConvene(k ComponentKind) bool {
	if len(o.ConveningAll)+len(o.ConveningAny) == 0 {
		return true
	}
	return slices.Contains(o.ConveningAll, k) || slices.Contains(o.ConveningAny, k)
}
