package views

import (
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

// ActionsName is the checkpoint key of the action tracker.
const ActionsName = "actions"

// ActionPoint is a row of the action tracker.
type ActionPoint struct {
	Meta
	DecisionID     uuid.UUID      `json:"decision_id,omitzero"`
	MeetingID      uuid.UUID      `json:"meeting_id,omitzero"`
	MechanismID    uuid.UUID      `json:"mechanism_id,omitzero"` // through its decision or meeting
	Title          string         `json:"title"`
	Owner          domain.Owner   `json:"owner"`
	State          domain.APState `json:"state"`
	Percent        int            `json:"percent"`
	DueAt          time.Time      `json:"due_at,omitzero"`
	OriginalDueAt  time.Time      `json:"original_due_at,omitzero"`
	DueChanges     int            `json:"due_changes"`
	BlockedReason  string         `json:"blocked_reason,omitempty"`
	ClosedAt       time.Time      `json:"closed_at,omitzero"` // completed, verified or cancelled; zero when open
	LastProgressAt time.Time      `json:"last_progress_at"`
}

// Actions is the action tracker. It also follows decisions and meetings to
// know which mechanism each action point belongs to.
type Actions struct {
	sync.RWMutex
	rows      perOp[ActionPoint]
	byID      map[uuid.UUID]*ActionPoint
	mechanism map[uuid.UUID]uuid.UUID // decision or meeting -> mechanism
}

// NewActions returns an empty tracker.
func NewActions() *Actions {
	return &Actions{rows: perOp[ActionPoint]{}, byID: map[uuid.UUID]*ActionPoint{}, mechanism: map[uuid.UUID]uuid.UUID{}}
}

func (*Actions) Name() string { return ActionsName }

// Apply implements projections.Projection.
func (v *Actions) Apply(e *projections.Event) error {
	if person, ok := erased(e); ok {
		v.erase(person)
		return nil
	}
	switch p := e.Payload.(type) {
	case domain.DecisionProposed:
		v.mechanism[e.Ref.ID] = p.MechanismID
	case domain.MeetingScheduled:
		v.mechanism[e.Ref.ID] = p.MechanismID
	case domain.ActionPointRaised:
		v.raise(e, p)
	default:
		if e.Ref.Kind == domain.KindActionPoint {
			if a := v.byID[e.Ref.ID]; a != nil {
				a.touch(e)
				a.apply(e)
			}
		}
	}
	return nil
}

func (v *Actions) raise(e *projections.Event, p domain.ActionPointRaised) {
	a := &ActionPoint{
		Meta: newMeta(e), DecisionID: p.DecisionID, MeetingID: p.MeetingID, Title: p.Title,
		Owner: p.Owner, State: domain.APOpen, DueAt: p.DueAt, OriginalDueAt: p.DueAt, LastProgressAt: e.Env.OccurredAt,
	}
	a.MechanismID = v.mechanism[p.DecisionID]
	if a.MechanismID == uuid.Nil {
		a.MechanismID = v.mechanism[p.MeetingID]
	}
	v.rows.put(a.OperationID, a.ID, a)
	v.byID[a.ID] = a
}

func (a *ActionPoint) apply(e *projections.Event) {
	switch p := e.Payload.(type) {
	case domain.ActionPointAssigned:
		a.Owner = p.Owner
	case domain.ActionPointReassigned:
		a.Owner = p.Owner
	case domain.ActionPointDueDateChanged:
		a.DueAt, a.DueChanges = p.To, a.DueChanges+1
		if a.OriginalDueAt.IsZero() {
			a.OriginalDueAt = p.To // the first due date ever set is the base of slippage
		}
	case domain.ActionPointBlocked:
		a.BlockedReason = p.Reason
	case domain.CorrectionRecorded:
		a.correct(p)
		return
	}
	wasClosed := actionClosed(a.State)
	a.State, a.Percent = actionState(a.State, a.Percent, e.Payload)
	a.LastProgressAt = e.Env.OccurredAt
	switch closed := actionClosed(a.State); {
	case closed && !wasClosed: // closed by its first completion or cancellation, not by a later verification
		a.ClosedAt = e.Env.OccurredAt
	case !closed:
		a.ClosedAt = time.Time{}
	}
	if a.State != domain.APBlocked {
		a.BlockedReason = ""
	}
}

func (a *ActionPoint) correct(c domain.CorrectionRecorded) {
	if c.CorrectsType != (domain.ActionPointRaised{}).EventType() {
		return
	}
	ch := parseChanges(c)
	ch.str("title", &a.Title)
	if ch.time("due_at", &a.OriginalDueAt) && a.DueChanges == 0 {
		a.DueAt = a.OriginalDueAt // a later due-date change still wins
	}
	ch.id("owner_component_id", &a.Owner.ComponentID)
}

// OverdueAt reports whether the action point was overdue at date d: it had
// a due date before d and was not closed by d. Derived, never stored.
func (a *ActionPoint) OverdueAt(d time.Time) bool {
	if a.DueAt.IsZero() || !a.DueAt.Before(d) {
		return false
	}
	return a.ClosedAt.IsZero() || a.ClosedAt.After(d)
}

// Slippage is how far the due date moved from the first one set.
func (a *ActionPoint) Slippage() time.Duration {
	if a.OriginalDueAt.IsZero() || a.DueAt.IsZero() {
		return 0
	}
	return a.DueAt.Sub(a.OriginalDueAt)
}
