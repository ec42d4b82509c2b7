package views

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// List returns an operation's escalations, oldest first; pendingOnly drops
// the resolved ones. Category and Component are filled from the subject.
func (v *Escalations) List(op uuid.UUID, pendingOnly bool) []Escalation {
	v.RLock()
	defer v.RUnlock()
	var out []Escalation
	for _, x := range v.rows[op] {
		if pendingOnly && !x.Pending() {
			continue
		}
		out = append(out, v.resolved(x))
	}
	sortByCreation(out, func(x *Escalation) *Meta { return &x.Meta })
	return out
}

// PendingByBody groups the pending escalations by the rung they wait at,
// longest waiting first.
func (v *Escalations) PendingByBody(op uuid.UUID) map[string][]Escalation {
	out := map[string][]Escalation{}
	for _, x := range v.List(op, true) {
		out[x.Rung] = append(out[x.Rung], x)
	}
	for _, xs := range out {
		slices.SortStableFunc(xs, func(a, b Escalation) int { return a.AtRungSince.Compare(b.AtRungSince) })
	}
	return out
}

// Get returns one escalation.
func (v *Escalations) Get(id uuid.UUID) (Escalation, bool) {
	v.RLock()
	defer v.RUnlock()
	x, ok := v.byID[id]
	if !ok {
		return Escalation{}, false
	}
	return v.resolved(x), true
}

func (v *Escalations) resolved(x *Escalation) Escalation {
	c := *x
	c.Rungs = slices.Clone(x.Rungs)
	s, ok := v.subjects[x.SubjectID]
	c.Category, c.Component = s.category, s.component
	// an escalation shows its subject's category and component, so it is
	// as restricted as the subject, whatever it was recorded as
	c.Classification = domain.Strictest(c.Classification, s.class)
	if !ok || c.Category == "" {
		c.Category = string(x.SubjectKind)
	}
	return c
}

// AgeAt is how long the escalation had waited at its current rung at d.
func (x *Escalation) AgeAt(d time.Time) time.Duration { return max(d.Sub(x.AtRungSince), 0) }
