package followup

import (
	"cmp"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// Figures say whether reminders help: how long work took to be done once
// chased, how much was done only after a reminder, and who is chased.
type Figures struct {
	Reminders int `json:"reminders"`
	// CompletedAfterReminder: action points completed (or verified) after
	// their first reminder; CompletedUnreminded: without any.
	CompletedAfterReminder int `json:"completed_after_reminder"`
	CompletedUnreminded    int `json:"completed_unreminded"`
	// MedianToCompletion is the median time from an action point's first
	// reminder to its completion, over CompletedAfterReminder.
	MedianToCompletion time.Duration    `json:"median_to_completion"`
	PerComponent       []ComponentCount `json:"per_component"` // most reminded first
}

// ComponentCount is how many reminders went to a component's people (or to
// the component, through the webhook).
type ComponentCount struct {
	ComponentID uuid.UUID `json:"component_id"`
	Reminders   int       `json:"reminders"`
}

// ComputeFigures reads the reminders sent and the action points, both
// already filtered for whoever will see the figures.
func ComputeFigures(sent []Sent, actions []views.ActionPoint) Figures {
	f := Figures{Reminders: len(sent)}
	first := map[uuid.UUID]time.Time{}
	per := map[uuid.UUID]int{}
	for _, s := range sent {
		per[s.ComponentID]++
		if s.About.Kind != domain.KindActionPoint {
			continue
		}
		if t, ok := first[s.About.ID]; !ok || s.At.Before(t) {
			first[s.About.ID] = s.At
		}
	}
	var waits []time.Duration
	for _, a := range actions {
		if a.State != domain.APCompleted && a.State != domain.APVerified {
			continue
		}
		if t, ok := first[a.ID]; ok && t.Before(a.ClosedAt) {
			f.CompletedAfterReminder++
			waits = append(waits, a.ClosedAt.Sub(t))
		} else {
			f.CompletedUnreminded++
		}
	}
	f.MedianToCompletion = median(waits)
	for c, n := range per {
		f.PerComponent = append(f.PerComponent, ComponentCount{c, n})
	}
	slices.SortFunc(f.PerComponent, func(a, b ComponentCount) int {
		return cmp.Or(b.Reminders-a.Reminders, slices.Compare(a.ComponentID[:], b.ComponentID[:]))
	})
	return f
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	if n := len(ds); n%2 == 0 {
		return (ds[n/2-1] + ds[n/2]) / 2
	}
	return ds[len(ds)/2]
}
