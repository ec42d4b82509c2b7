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
	// Overdue and DaysOverdue are derived when the row is read, at the
	// reader's time (ActionFilter.At), never stored: see At.
	Overdue     bool `json:"overdue"`
	DaysOverdue int  `json:"days_overdue"`
}

// Actions is the action tracker. It also follows decisions and meetings to
// know which mechanism each action point belongs to.
type Actions struct {
	sync.RWMutex
	filed     actionIndexes
	byID      map[uuid.UUID]*ActionPoint
	mechanism map[uuid.UUID]uuid.UUID // decision or meeting -> mechanism
}

// NewActions returns an empty tracker.
func NewActions() *Actions {
	return &Actions{filed: newActionIndexes(), byID: map[uuid.UUID]*ActionPoint{}, mechanism: map[uuid.UUID]uuid.UUID{}}
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
				was := a.filing()
				a.touch(e)
				a.apply(e)
				if _, corrected := e.Payload.(domain.CorrectionRecorded); corrected {
					a.MechanismID = v.mechanismOf(a.DecisionID, a.MeetingID) // follows a corrected decision or meeting
				}
				v.filed.refile(a, was)
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
	a.MechanismID = v.mechanismOf(p.DecisionID, p.MeetingID)
	v.filed.add(a)
	v.byID[a.ID] = a
}

// mechanismOf is the mechanism an action point belongs to: its decision's,
// or else its meeting's.
func (v *Actions) mechanismOf(decision, meeting uuid.UUID) uuid.UUID {
	if m := v.mechanism[decision]; m != uuid.Nil {
		return m
	}
	return v.mechanism[meeting]
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
		correct(a, p, actionFeeds)
		return
	case domain.ReminderSent:
		return // being reminded is not progress: the version moved, nothing else did
	}
	wasClosed := a.State.Final()
	a.State, a.Percent = domain.APStep(a.State, a.Percent, e.Payload)
	a.LastProgressAt = e.Env.OccurredAt
	switch closed := a.State.Final(); {
	case closed && !wasClosed: // closed by its first completion or cancellation, not by a later verification
		a.ClosedAt = e.Env.OccurredAt
	case !closed:
		a.ClosedAt = time.Time{}
	}
	if a.State != domain.APBlocked {
		a.BlockedReason = ""
	}
}

// actionFeeds are the columns of the tracker that corrected fields feed.
var actionFeeds = []feed[ActionPoint]{
	column(domain.ActionPointRaised{}, "title", func(a *ActionPoint) *string { return &a.Title }),
	column(domain.ActionPointRaised{}, "due_at", func(a *ActionPoint) *time.Time { return &a.DueAt }),
	column(domain.ActionPointRaised{}, "due_at", func(a *ActionPoint) *time.Time { return &a.OriginalDueAt }),
	column(domain.ActionPointRaised{}, "owner_component_id", func(a *ActionPoint) *uuid.UUID { return &a.Owner.ComponentID }),
	column(domain.ActionPointRaised{}, "decision_id", func(a *ActionPoint) *uuid.UUID { return &a.DecisionID }),
	column(domain.ActionPointRaised{}, "meeting_id", func(a *ActionPoint) *uuid.UUID { return &a.MeetingID }),
	occurred(domain.ActionPointRaised{}, func(a *ActionPoint) *time.Time { return &a.CreatedAt }),
	column(domain.ActionPointAssigned{}, "owner_component_id", func(a *ActionPoint) *uuid.UUID { return &a.Owner.ComponentID }),
	column(domain.ActionPointReassigned{}, "owner_component_id", func(a *ActionPoint) *uuid.UUID { return &a.Owner.ComponentID }),
	column(domain.ActionPointDueDateChanged{}, "to", func(a *ActionPoint) *time.Time { return &a.DueAt }),
	column(domain.ActionPointDueDateChanged{}, "to", func(a *ActionPoint) *time.Time { return &a.OriginalDueAt }),
	column(domain.ActionPointProgressReported{}, "percent", func(a *ActionPoint) *int { return &a.Percent }),
	column(domain.ActionPointBlocked{}, "reason", func(a *ActionPoint) *string { return &a.BlockedReason }),
	occurred(domain.ActionPointCompleted{}, func(a *ActionPoint) *time.Time { return &a.ClosedAt }),
	occurred(domain.ActionPointCancelled{}, func(a *ActionPoint) *time.Time { return &a.ClosedAt }),
}

// OverdueAt reports whether the action point was overdue at date d (the
// domain's rule: a due date before d, not closed by d).
func (a *ActionPoint) OverdueAt(d time.Time) bool { return domain.OverdueAt(a.DueAt, a.ClosedAt, d) }

// At returns the row as a reader at time t sees it: overdue and days overdue
// are derived then, from the dates the row keeps.
func (a ActionPoint) At(t time.Time) ActionPoint {
	a.Overdue, a.DaysOverdue = domain.OverdueAt(a.DueAt, a.ClosedAt, t), domain.DaysOverdue(a.DueAt, a.ClosedAt, t)
	return a
}

// Slippage is how far the due date moved from the first one set.
func (a *ActionPoint) Slippage() time.Duration {
	if a.OriginalDueAt.IsZero() || a.DueAt.IsZero() {
		return 0
	}
	return a.DueAt.Sub(a.OriginalDueAt)
}
