package analysis

import (
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// ComponentActions is the follow-up of one owner component at a date.
type ComponentActions struct {
	Overdue  int           `json:"overdue"`  // overdue at the date
	Slipped  int           `json:"slipped"`  // whose due date moved later than first set
	Slippage time.Duration `json:"slippage"` // total of those moves
}

// OverduePerComponent counts, per owner component, the action points
// overdue at date at and the due-date slippage.
func OverduePerComponent(a *views.Actions, op uuid.UUID, at time.Time) map[uuid.UUID]ComponentActions {
	out := map[uuid.UUID]ComponentActions{}
	for _, ap := range a.List(op, views.ActionFilter{}) {
		c := out[ap.Owner.ComponentID]
		if ap.OverdueAt(at) {
			c.Overdue++
		}
		if s := ap.Slippage(); s > 0 {
			c.Slipped, c.Slippage = c.Slipped+1, c.Slippage+s
		}
		out[ap.Owner.ComponentID] = c
	}
	return out
}

// Completion is the completion rate of one mechanism's action points:
// completed or verified over all that were not cancelled.
type Completion struct {
	Total     int     `json:"total"`
	Completed int     `json:"completed"`
	Rate      float64 `json:"rate"` // 0 when Total is 0
}

// CompletionPerMechanism computes the completion rate per mechanism.
func CompletionPerMechanism(a *views.Actions, op uuid.UUID) map[uuid.UUID]Completion {
	out := map[uuid.UUID]Completion{}
	for _, ap := range a.List(op, views.ActionFilter{}) {
		if ap.State == domain.APCancelled {
			continue
		}
		c := out[ap.MechanismID]
		c.Total++
		if ap.State == domain.APCompleted || ap.State == domain.APVerified {
			c.Completed++
		}
		c.Rate = float64(c.Completed) / float64(c.Total)
		out[ap.MechanismID] = c
	}
	return out
}

// Stalled lists decisions in force that nobody follows up.
type Stalled struct {
	NoActionPoints []uuid.UUID `json:"no_action_points"`
	// NoProgress have open action points, but neither they nor the decision
	// moved in the last N days before the date.
	NoProgress []uuid.UUID `json:"no_progress"`
}

// StalledDecisions finds, at date at, decisions in force with no action
// points, and those with open action points but no progress for days days.
func StalledDecisions(d *views.Decisions, op uuid.UUID, at time.Time, days int) Stalled {
	var s Stalled
	cutoff := at.Add(-time.Duration(days) * 24 * time.Hour)
	for _, dec := range d.List(op, views.DecisionFilter{InForce: true}) {
		switch {
		case len(dec.ActionPoints) == 0:
			s.NoActionPoints = append(s.NoActionPoints, dec.ID)
		case hasOpen(dec.ActionPoints) && dec.LastProgress().Before(cutoff):
			s.NoProgress = append(s.NoProgress, dec.ID)
		}
	}
	return s
}

func hasOpen(aps []views.LinkedAction) bool {
	for _, a := range aps {
		if a.State != domain.APCompleted && a.State != domain.APVerified && a.State != domain.APCancelled {
			return true
		}
	}
	return false
}
