package domain

import (
	"time"

	"github.com/google/uuid"
)

// RaiseActionPoint raises an action point. The owner, when given, must be a
// component that has joined and not withdrawn.
type RaiseActionPoint struct {
	Header
	ID          uuid.UUID `json:"id"`
	DecisionID  uuid.UUID `json:"decision_id"`
	MeetingID   uuid.UUID `json:"meeting_id"`
	Title       string    `json:"title" required:"true"`
	Description string    `json:"description"`
	Owner
	DueAt time.Time `json:"due_at"`
}

func (c RaiseActionPoint) Target() Ref { return Ref{KindActionPoint, c.ID} }
func (RaiseActionPoint) creates()      {}

func (c RaiseActionPoint) decide(s *Scope) ([]Payload, error) {
	if err := c.checkSource(s); err != nil {
		return nil, err
	}
	if c.Owner.ComponentID != uuid.Nil {
		if _, err := s.activeComponent(c.Owner.ComponentID, "owner_component_id"); err != nil {
			return nil, err
		}
	}
	return one(ActionPointRaised{DecisionID: c.DecisionID, MeetingID: c.MeetingID, Title: c.Title,
		Description: c.Description, Owner: c.Owner, DueAt: c.DueAt.UTC()})
}

// checkSource checks the decision (in force) and meeting it comes from.
func (c RaiseActionPoint) checkSource(s *Scope) error {
	d, err := optional[*Decision](s, KindDecision, c.DecisionID, "decision_id")
	if err != nil {
		return err
	}
	if d != nil && !d.InForce() {
		return ErrDecisionNotInForce.at("decision_id", "decision %s is %s; action points carry out decisions in force", d.Ref(), d.State)
	}
	if d != nil {
		s.about(d)
	}
	_, err = optional[*Meeting](s, KindMeeting, c.MeetingID, "meeting_id")
	return err
}

// AssignActionPoint gives an unowned action point its first owner.
type AssignActionPoint struct {
	Header
	ID uuid.UUID `json:"id"`
	Owner
}

func (c AssignActionPoint) Target() Ref { return Ref{KindActionPoint, c.ID} }

func (c AssignActionPoint) decide(s *Scope) ([]Payload, error) {
	a := self[*ActionPoint](s)
	if a.HasOwner() {
		return nil, ErrWrongState.withf("action point %s already has an owner; reassign it instead", a.Ref())
	}
	if a.State.Final() {
		return nil, ErrNotReassignable.withf("action point %s is %s; reopen it before assigning", a.Ref(), a.State)
	}
	if _, err := s.activeComponent(c.Owner.ComponentID, "owner_component_id"); err != nil {
		return nil, err
	}
	return one(ActionPointAssigned{Owner: c.Owner})
}

// ReassignActionPoint moves an action point to another owner. Completed,
// verified or cancelled action points cannot be reassigned.
type ReassignActionPoint struct {
	Header
	ID uuid.UUID `json:"id"`
	Owner
	Reason string `json:"reason"`
}

func (c ReassignActionPoint) Target() Ref { return Ref{KindActionPoint, c.ID} }

func (c ReassignActionPoint) decide(s *Scope) ([]Payload, error) {
	a := self[*ActionPoint](s)
	if a.State.Final() {
		return nil, ErrNotReassignable.withf("action point %s is %s; reopen it before reassigning", a.Ref(), a.State)
	}
	if !a.HasOwner() {
		return nil, ErrWrongState.withf("action point %s has no owner yet; assign it instead", a.Ref())
	}
	if c.Owner == a.Owner {
		return nil, ErrWrongState.at("owner_component_id", "action point %s already has this owner", a.Ref())
	}
	if _, err := s.activeComponent(c.Owner.ComponentID, "owner_component_id"); err != nil {
		return nil, err
	}
	return one(ActionPointReassigned{FromComponentID: a.Owner.ComponentID, Owner: c.Owner, Reason: c.Reason})
}

// ChangeDueDate moves the due date; a reason is always required.
type ChangeDueDate struct {
	Header
	ID     uuid.UUID `json:"id"`
	DueAt  time.Time `json:"due_at" required:"true"`
	Reason string    `json:"reason" required:"reason"`
}

func (c ChangeDueDate) Target() Ref { return Ref{KindActionPoint, c.ID} }

func (c ChangeDueDate) decide(s *Scope) ([]Payload, error) {
	a := self[*ActionPoint](s)
	if a.State.Final() {
		return nil, ErrWrongState.withf("action point %s is %s; reopen it before changing its due date", a.Ref(), a.State)
	}
	if c.DueAt.Equal(a.DueAt) {
		return nil, ErrWrongState.at("due_at", "action point %s is already due then", a.Ref())
	}
	return one(ActionPointDueDateChanged{From: a.DueAt, To: c.DueAt.UTC(), Reason: c.Reason})
}
