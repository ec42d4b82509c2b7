package domain

import (
	"time"

	"github.com/google/uuid"
)

// Scope is what a command's decide method sees: its record, the operation,
// the clock reading and a way to load the other records its rules need.
type Scope struct {
	Self     Aggregate
	Op       *Operation
	Look     Lookup
	Now      time.Time
	Occurred time.Time
	Header   Header
	ID       uuid.UUID
	// inherited is the strictest classification of the records the command
	// is about (see about): its events are at least that restricted.
	inherited Classification
}

// about notes that the command's record is made from or about a: whatever
// the command asks, its events are at least as restricted as a.
func (s *Scope) about(a Aggregate) {
	s.inherited = Strictest(s.inherited, a.base().Classification)
}

// load fetches a referenced record and checks it exists in the same operation.
func load[T Aggregate](s *Scope, kind Kind, id uuid.UUID, field string) (T, error) {
	var zero T
	if id == uuid.Nil {
		return zero, ErrRequired.at(field, "say which %s this refers to", kind)
	}
	a, err := s.Look.Load(Ref{Kind: kind, ID: id})
	if err != nil {
		return zero, err
	}
	b := a.base()
	if !b.Exists() {
		return zero, ErrNotFound.at(field, "%s %s does not exist", kind, id)
	}
	if s.Op != nil && kind != KindOperation && b.OperationID != s.Op.ID {
		return zero, ErrWrongOperation.at(field, "%s %s belongs to another operation", kind, id)
	}
	return a.(T), nil
}

func (s *Scope) operation(id uuid.UUID) (*Operation, error) {
	return load[*Operation](s, KindOperation, id, "operation_id")
}

// activeComponent loads a component that has joined and not withdrawn.
func (s *Scope) activeComponent(id uuid.UUID, field string) (*Component, error) {
	c, err := load[*Component](s, KindComponent, id, field)
	if err != nil {
		return nil, err
	}
	if c.Withdrawn {
		return nil, ErrComponentNotActive.at(field, "%s has withdrawn from the operation; choose a component that is still taking part", c.Name)
	}
	return c, nil
}

// activeComponents checks every id in a list.
func (s *Scope) activeComponents(ids []uuid.UUID, field string) error {
	for _, id := range ids {
		if _, err := s.activeComponent(id, field); err != nil {
			return err
		}
	}
	return nil
}

// activeMechanism loads a mechanism that exists and is not dissolved.
func (s *Scope) activeMechanism(id uuid.UUID, field string) (*Mechanism, error) {
	m, err := load[*Mechanism](s, KindMechanism, id, field)
	if err != nil {
		return nil, err
	}
	if m.Dissolved {
		return nil, ErrMechanismInactive.at(field, "mechanism %q is dissolved; choose a standing mechanism", m.Name)
	}
	return m, nil
}

// optional loads a record only when an id was given.
func optional[T Aggregate](s *Scope, kind Kind, id uuid.UUID, field string) (T, error) {
	var zero T
	if id == uuid.Nil {
		return zero, nil
	}
	return load[T](s, kind, id, field)
}

// self returns the command's record as its concrete type; Decide guarantees
// the kind matches the command's target.
func self[T Aggregate](s *Scope) T { return s.Self.(T) }
