package views

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// ActionFilter narrows the tracker; zero fields match everything.
type ActionFilter struct {
	OpenOnly       bool             // not completed, verified or cancelled
	States         []domain.APState // any of these states
	OwnerComponent uuid.UUID
	DecisionID     uuid.UUID
	MechanismID    uuid.UUID
	OverdueAt      time.Time // only action points overdue at this date
	// At is the reader's time: rows come back with overdue and days_overdue
	// as they stand then (the request's clock, or the as-of date).
	At time.Time
}

func (f *ActionFilter) match(a *ActionPoint) bool {
	switch {
	case f.OpenOnly && a.State.Final(),
		len(f.States) > 0 && !slices.Contains(f.States, a.State),
		f.OwnerComponent != uuid.Nil && a.Owner.ComponentID != f.OwnerComponent,
		f.DecisionID != uuid.Nil && a.DecisionID != f.DecisionID,
		f.MechanismID != uuid.Nil && a.MechanismID != f.MechanismID,
		!f.OverdueAt.IsZero() && !a.OverdueAt(f.OverdueAt):
		return false
	}
	return true
}

// List returns an operation's action points that match f, oldest first.
func (v *Actions) List(op uuid.UUID, f ActionFilter) []ActionPoint {
	v.RLock()
	defer v.RUnlock()
	var out []ActionPoint
	for a := range v.filed.narrowest(op, &f).after(Key{}) {
		if f.match(a) {
			out = append(out, a.At(f.At))
		}
	}
	return out
}

// maxPrealloc bounds the rows a page makes room for before it knows how
// many it will hold.
const maxPrealloc = 128

// Page is up to limit action points of op after the key, that match f and
// that sees admits (the reader's policy on a row's operation and
// classification), oldest first; more reports that rows remain after the
// last one. Only the rows of the page are copied.
func (v *Actions) Page(op uuid.UUID, f ActionFilter, after Key, limit int, sees Sees) (page []ActionPoint, more bool) {
	v.RLock()
	defer v.RUnlock()
	page = make([]ActionPoint, 0, min(limit, maxPrealloc))
	for a := range v.filed.narrowest(op, &f).after(after) {
		if len(page) == limit {
			return page, true
		}
		if f.match(a) && sees(a.Record()) {
			page = append(page, a.At(f.At))
		}
	}
	return page, false
}

// Each calls f with every action point of op in order, a copy at a time,
// without building a list: figures walk the whole register.
func (v *Actions) Each(op uuid.UUID, f func(ActionPoint)) {
	v.RLock()
	defer v.RUnlock()
	for a := range v.filed.byOp[op].after(Key{}) {
		f(*a)
	}
}

// ByOwner groups the matching action points by owner component.
func (v *Actions) ByOwner(op uuid.UUID, f ActionFilter) map[uuid.UUID][]ActionPoint {
	out := map[uuid.UUID][]ActionPoint{}
	for _, a := range v.List(op, f) {
		out[a.Owner.ComponentID] = append(out[a.Owner.ComponentID], a)
	}
	return out
}

// Get returns one action point; At derives what depends on the reader's time.
func (v *Actions) Get(id uuid.UUID) (ActionPoint, bool) {
	v.RLock()
	defer v.RUnlock()
	a, ok := v.byID[id]
	if !ok {
		return ActionPoint{}, false
	}
	return *a, true
}
