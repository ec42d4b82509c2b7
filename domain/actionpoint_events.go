package domain

import (
	"time"

	"github.com/google/uuid"
)

// Owner is who carries out an action point: a component and optionally a
// named person (personal: OwnerName sits next to OwnerPersonID).
type Owner struct {
	ComponentID uuid.UUID `json:"owner_component_id" doc:"component that owns the action point"`
	PersonID    uuid.UUID `json:"owner_person_id,omitzero" doc:"pseudonymous id of the named owner, if any"`
	Name        string    `json:"owner_name,omitempty" doc:"named owner" personal:"true"`
}

// ActionPointRaised records a new action point.
type ActionPointRaised struct {
	DecisionID  uuid.UUID `json:"decision_id,omitzero" doc:"decision it carries out, if any"`
	MeetingID   uuid.UUID `json:"meeting_id,omitzero" doc:"meeting it came from, if any"`
	Title       string    `json:"title" doc:"what is to be done"`
	Description string    `json:"description,omitempty" doc:"details"`
	Owner
	DueAt time.Time `json:"due_at,omitzero" doc:"when it is due; overdue is derived from it at query time"`
}

// ActionPointAssigned gives an unowned action point its first owner.
type ActionPointAssigned struct {
	Owner
}

// ActionPointReassigned moves an action point to another owner.
type ActionPointReassigned struct {
	FromComponentID uuid.UUID `json:"from_component_id" doc:"previous owner component"`
	Owner
	Reason string `json:"reason,omitempty" doc:"why it was reassigned"`
}

// ActionPointDueDateChanged moves the due date; it always has a reason.
type ActionPointDueDateChanged struct {
	From   time.Time `json:"from,omitzero" doc:"previous due date (absent if there was none)"`
	To     time.Time `json:"to" doc:"new due date"`
	Reason string    `json:"reason" doc:"why the due date changed"`
}

// ActionPointProgressReported records progress.
type ActionPointProgressReported struct {
	Percent int    `json:"percent" doc:"estimated completion, 0 to 100"`
	Note    string `json:"note" doc:"what was done"`
}

// ActionPointBlocked records that work cannot go on.
type ActionPointBlocked struct {
	Reason string `json:"reason" doc:"what blocks it"`
}

// ActionPointCompleted records the owner's report of completion.
type ActionPointCompleted struct {
	Note string `json:"note,omitempty" doc:"how it was completed"`
}

// ActionPointVerified records that completion was checked.
type ActionPointVerified struct {
	Note string `json:"note,omitempty" doc:"how completion was verified"`
}

// ActionPointCancelled records that it will not be done.
type ActionPointCancelled struct {
	Reason string `json:"reason" doc:"why it was cancelled"`
}

// ActionPointReopened puts a completed, verified or cancelled action point back to open.
type ActionPointReopened struct {
	Reason string `json:"reason" doc:"why it was reopened"`
}

func (ActionPointRaised) EventType() string           { return "actionpoint.raised.v1" }
func (ActionPointAssigned) EventType() string         { return "actionpoint.assigned.v1" }
func (ActionPointReassigned) EventType() string       { return "actionpoint.reassigned.v1" }
func (ActionPointDueDateChanged) EventType() string   { return "actionpoint.due_date_changed.v1" }
func (ActionPointProgressReported) EventType() string { return "actionpoint.progress_reported.v1" }
func (ActionPointBlocked) EventType() string          { return "actionpoint.blocked.v1" }
func (ActionPointCompleted) EventType() string        { return "actionpoint.completed.v1" }
func (ActionPointVerified) EventType() string         { return "actionpoint.verified.v1" }
func (ActionPointCancelled) EventType() string        { return "actionpoint.cancelled.v1" }
func (ActionPointReopened) EventType() string         { return "actionpoint.reopened.v1" }

var actionPointEvents = []eventSpec{
	spec[ActionPointRaised](KindActionPoint, "An action point was raised to carry out a decision or from a meeting."),
	spec[ActionPointAssigned](KindActionPoint, "An unowned action point got its first owner."),
	spec[ActionPointReassigned](KindActionPoint, "The action point moved to another owner."),
	spec[ActionPointDueDateChanged](KindActionPoint, "The due date changed, with a reason."),
	spec[ActionPointProgressReported](KindActionPoint, "Progress was reported."),
	spec[ActionPointBlocked](KindActionPoint, "Work on the action point is blocked."),
	spec[ActionPointCompleted](KindActionPoint, "The owner reported the action point completed."),
	spec[ActionPointVerified](KindActionPoint, "Completion was verified."),
	spec[ActionPointCancelled](KindActionPoint, "The action point was cancelled, with a reason."),
	spec[ActionPointReopened](KindActionPoint, "A completed, verified or cancelled action point was reopened."),
}
