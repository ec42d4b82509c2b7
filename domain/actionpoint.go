package domain

import (
	"time"

	"github.com/google/uuid"
)

// APState is where an action point stands.
type APState string

const (
	APOpen       APState = "open"
	APInProgress APState = "in_progress"
	APBlocked    APState = "blocked"
	APCompleted  APState = "completed"
	APVerified   APState = "verified"
	APCancelled  APState = "cancelled"
)

// Final reports whether work has stopped (it can only be reopened).
func (s APState) Final() bool {
	return s == APCompleted || s == APVerified || s == APCancelled
}

// ActionPoint is a task raised to carry out a decision.
type ActionPoint struct {
	Base
	Title      string    `json:"title"`
	DecisionID uuid.UUID `json:"decision_id"`
	Owner      Owner     `json:"owner"`
	DueAt      time.Time `json:"due_at"`
	State      APState   `json:"state"`
	Percent    int       `json:"percent"`
}

func (a *ActionPoint) apply(p Payload) {
	a.State, a.Percent = APStep(a.State, a.Percent, p)
	switch e := p.(type) {
	case ActionPointRaised:
		a.Title, a.DecisionID, a.Owner, a.DueAt = e.Title, e.DecisionID, e.Owner, e.DueAt
	case ActionPointAssigned:
		a.Owner = e.Owner
	case ActionPointReassigned:
		a.Owner = e.Owner
	case ActionPointDueDateChanged:
		a.DueAt = e.To
	}
}

// Ref is the human-facing reference, e.g. "AP-3F9C1A".
func (a *ActionPoint) Ref() string { return ShortRef("AP", a.ID) }

// IsOverdue reports whether the action point is past its due date at the
// given time and still not done (the rule is OverdueAt's).
func (a *ActionPoint) IsOverdue(at time.Time) bool {
	if a.State.Final() {
		return false
	}
	return OverdueAt(a.DueAt, time.Time{}, at)
}

// HasOwner reports whether an owner component is set.
func (a *ActionPoint) HasOwner() bool { return a.Owner.ComponentID != uuid.Nil }
