package domain

import "github.com/google/uuid"

// AssignConvener makes an active component a convener, if the operation's
// convening rule allows its kind.
type AssignConvener struct {
	Header
	ID          uuid.UUID `json:"id"`
	ComponentID uuid.UUID `json:"component_id"`
}

func (c AssignConvener) Target() Ref { return Ref{KindOperation, c.ID} }

func (c AssignConvener) decide(s *Scope) ([]Payload, error) {
	comp, err := s.activeComponent(c.ComponentID, "component_id")
	if err != nil {
		return nil, err
	}
	if s.Op.IsConvener(c.ComponentID) {
		return nil, ErrWrongState.at("component_id", "%s already convenes", comp.Name)
	}
	if !s.Op.mayConvene(comp.Kind) {
		return nil, ErrNotConvenerKind.at("component_id", "the convening rule of %q does not let a %s convene; change the rule first", s.Op.Name, comp.Kind)
	}
	return one(OperationConvenerAssigned{ComponentID: c.ComponentID})
}

// RemoveConvener ends a convening role.
type RemoveConvener struct {
	Header
	ID          uuid.UUID `json:"id"`
	ComponentID uuid.UUID `json:"component_id"`
	Reason      string    `json:"reason" required:"reason"`
}

func (c RemoveConvener) Target() Ref { return Ref{KindOperation, c.ID} }

func (c RemoveConvener) decide(s *Scope) ([]Payload, error) {
	if !s.Op.IsConvener(c.ComponentID) {
		return nil, ErrWrongState.at("component_id", "component %s is not a convener", c.ComponentID)
	}
	return one(OperationConvenerRemoved{ComponentID: c.ComponentID, Reason: c.Reason})
}

// AssignLeadRole gives an active component the lead for an area of work.
type AssignLeadRole struct {
	Header
	ID          uuid.UUID `json:"id"`
	ComponentID uuid.UUID `json:"component_id"`
	Area        string    `json:"area" required:"true"`
}

func (c AssignLeadRole) Target() Ref { return Ref{KindOperation, c.ID} }

func (c AssignLeadRole) decide(s *Scope) ([]Payload, error) {
	if _, err := s.activeComponent(c.ComponentID, "component_id"); err != nil {
		return nil, err
	}
	if cur, ok := s.Op.LeadRoles[c.Area]; ok {
		return nil, ErrWrongState.at("area", "area %q is already led by component %s; end that lead first", c.Area, cur)
	}
	return one(OperationLeadRoleAssigned{ComponentID: c.ComponentID, Area: c.Area})
}

// EndLeadRole ends the lead for an area.
type EndLeadRole struct {
	Header
	ID     uuid.UUID `json:"id"`
	Area   string    `json:"area"`
	Reason string    `json:"reason" required:"reason"`
}

func (c EndLeadRole) Target() Ref { return Ref{KindOperation, c.ID} }

func (c EndLeadRole) decide(s *Scope) ([]Payload, error) {
	cur, ok := s.Op.LeadRoles[c.Area]
	if !ok {
		return nil, ErrWrongState.at("area", "nobody leads area %q", c.Area)
	}
	return one(OperationLeadRoleEnded{ComponentID: cur, Area: c.Area, Reason: c.Reason})
}
