package analysis

import (
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// ComponentActions is the follow-up of one owner component at a date.
type ComponentActions struct {
	Name      string `json:"name,omitempty"` // the component's name
	Overdue   int    `json:"overdue"`        // overdue at the date
	Slipped   int    `json:"slipped"`        // whose due date moved later than first set
	SlippageS int64  `json:"slippage_s"`     // total of those moves, in seconds
}

// eachActionPoint calls f with each of the operation's action points the
// reader may see, without copying the register into a list first.
func (s Scope) eachActionPoint(f func(ap *views.ActionPoint)) {
	s.set.Actions.Each(s.op, func(ap views.ActionPoint) {
		if s.sees(ap.Record()) {
			f(&ap)
		}
	})
}

// OverduePerComponent counts, per owner component, the action points
// overdue at date at and the due-date slippage.
func (s Scope) OverduePerComponent(at time.Time) map[uuid.UUID]ComponentActions {
	out := map[uuid.UUID]ComponentActions{}
	slippage := map[uuid.UUID]time.Duration{}
	s.eachActionPoint(func(ap *views.ActionPoint) {
		id := ap.Owner.ComponentID
		c := out[id]
		c.Name = s.name(id)
		if ap.OverdueAt(at) {
			c.Overdue++
		}
		if d := ap.Slippage(); d > 0 {
			c.Slipped, slippage[id] = c.Slipped+1, slippage[id]+d
			c.SlippageS = Seconds(slippage[id])
		}
		out[id] = c
	})
	return out
}

// Completion is the completion rate of one mechanism's action points:
// completed or verified over all that were not cancelled.
type Completion struct {
	Name      string  `json:"name,omitempty"` // the mechanism's name
	Total     int     `json:"total"`
	Completed int     `json:"completed"`
	Rate      float64 `json:"rate"` // 0 to 1, three decimals; 0 when Total is 0
}

// CompletionPerMechanism computes the completion rate per mechanism.
func (s Scope) CompletionPerMechanism() map[uuid.UUID]Completion {
	out := map[uuid.UUID]Completion{}
	s.eachActionPoint(func(ap *views.ActionPoint) {
		if ap.State == domain.APCancelled {
			return
		}
		c := out[ap.MechanismID]
		c.Name = s.name(ap.MechanismID)
		c.Total++
		if ap.State == domain.APCompleted || ap.State == domain.APVerified {
			c.Completed++
		}
		c.Rate = rate(c.Completed, c.Total)
		out[ap.MechanismID] = c
	})
	return out
}

// Named is a record listed in the figures: its id and its title.
type Named struct {
	ID    uuid.UUID `json:"id"`
	Title string    `json:"title"`
}

// Stalled lists decisions in force that nobody follows up.
type Stalled struct {
	NoActionPoints []Named `json:"no_action_points"`
	// NoProgress have open action points, but neither they nor the decision
	// moved in the last N days before the date.
	NoProgress []Named `json:"no_progress"`
}

// StalledDecisions finds, at date at, decisions in force with no action
// points, and those with open action points but no progress for days days.
func (s Scope) StalledDecisions(at time.Time, days int) Stalled {
	out := Stalled{NoActionPoints: []Named{}, NoProgress: []Named{}}
	cutoff := at.Add(-time.Duration(days) * 24 * time.Hour)
	for _, dec := range s.set.Decisions.List(s.op, views.DecisionFilter{InForce: true}) {
		if !s.sees(dec.Record()) {
			continue
		}
		switch {
		case len(dec.ActionPoints) == 0:
			out.NoActionPoints = append(out.NoActionPoints, Named{dec.ID, dec.Title})
		case hasOpen(dec.ActionPoints) && dec.LastProgress().Before(cutoff):
			out.NoProgress = append(out.NoProgress, Named{dec.ID, dec.Title})
		}
	}
	return out
}

func hasOpen(aps []views.LinkedAction) bool {
	for _, a := range aps {
		if a.State != domain.APCompleted && a.State != domain.APVerified && a.State != domain.APCancelled {
			return true
		}
	}
	return false
}
