package views

import (
	"slices"
	"time"

	"github.com/google/uuid"
)

// DecisionFilter narrows the register; zero fields match everything.
type DecisionFilter struct {
	InForce     bool      // only decisions in force
	MechanismID uuid.UUID // only this mechanism's decisions
}

// List returns an operation's decisions, oldest first.
func (v *Decisions) List(op uuid.UUID, f DecisionFilter) []Decision {
	v.RLock()
	defer v.RUnlock()
	out := make([]Decision, 0, len(v.rows[op]))
	for _, d := range v.rows[op] {
		if f.match(d) {
			out = append(out, d.clone())
		}
	}
	sortByCreation(out, func(d *Decision) *Meta { return &d.Meta })
	return out
}

func (f *DecisionFilter) match(d *Decision) bool {
	return !(f.InForce && !d.InForce() || f.MechanismID != uuid.Nil && d.MechanismID != f.MechanismID)
}

// Page is up to limit decisions of op after the key, that match f and that
// sees admits, oldest first; more reports that rows remain after the last
// one. Only the rows of the page are copied.
func (v *Decisions) Page(op uuid.UUID, f DecisionFilter, after Key, limit int, sees Sees) (page []Decision, more bool) {
	v.RLock()
	defer v.RUnlock()
	keep := func(d *Decision) bool { return f.match(d) && sees(d.Record()) }
	rows, more := firstAfter(v.rows[op], decisionKey, after, limit, keep)
	page = make([]Decision, len(rows))
	for i, d := range rows {
		page[i] = d.clone()
	}
	return page, more
}

func decisionKey(d *Decision) Key { return d.OrderKey() }

// Get returns one decision.
func (v *Decisions) Get(id uuid.UUID) (Decision, bool) {
	v.RLock()
	defer v.RUnlock()
	d, ok := v.byID[id]
	if !ok {
		return Decision{}, false
	}
	return d.clone(), true
}

// clone copies the slices the fold appends to, so a caller's copy never
// changes under it.
func (d *Decision) clone() Decision {
	c := *d
	c.ActionPoints = slices.Clone(d.ActionPoints)
	c.EndorsedBy = slices.Clone(d.EndorsedBy)
	return c
}

// LastProgress is the latest occurred time of the decision or any linked
// action point: the date "no progress in N days" is measured from.
func (d *Decision) LastProgress() time.Time {
	last := d.AdoptedAt
	if last.IsZero() {
		last = d.CreatedAt
	}
	for _, a := range d.ActionPoints {
		if a.LastProgressAt.After(last) {
			last = a.LastProgressAt
		}
	}
	return last
}

// sortByCreation orders rows by occurred creation time, then id, so the
// order is stable across rebuilds.
func sortByCreation[T any](rows []T, meta func(*T) *Meta) {
	slices.SortFunc(rows, func(a, b T) int {
		ma, mb := meta(&a), meta(&b)
		if c := ma.CreatedAt.Compare(mb.CreatedAt); c != 0 {
			return c
		}
		return slices.Compare(ma.ID[:], mb.ID[:])
	})
}
