package views

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// Key is a row's place in a register: the occurred time of the event that
// created it, then its id. Keyset cursors carry the key of the last row a
// page held, so the next page starts after that row whatever was inserted
// or back-dated since (an offset would shift by one for each).
type Key struct {
	CreatedAt time.Time
	ID        uuid.UUID
}

// Compare orders keys by time, then id.
func (k Key) Compare(o Key) int {
	if c := k.CreatedAt.Compare(o.CreatedAt); c != 0 {
		return c
	}
	return slices.Compare(k.ID[:], o.ID[:])
}

// IsZero reports whether k is the start of a register.
func (k Key) IsZero() bool { return k.CreatedAt.IsZero() && k.ID == uuid.Nil }

// OrderKey is the row's key in the registers ordered by creation.
func (m Meta) OrderKey() Key { return Key{CreatedAt: m.CreatedAt, ID: m.ID} }

// ordered is rows kept sorted by key as events arrive, so a page is a
// binary search and a walk of the rows it returns. Rows mostly arrive in
// key order (appended at the end); a back-dated or re-keyed row moves the
// tail by one pointer.
type ordered[T any] struct {
	rows []*T
	key  func(*T) Key
}

func (o *ordered[T]) find(k Key) (int, bool) {
	return slices.BinarySearchFunc(o.rows, k, func(r *T, k Key) int { return o.key(r).Compare(k) })
}

func (o *ordered[T]) insert(r *T) {
	k := o.key(r)
	if n := len(o.rows); n == 0 || o.key(o.rows[n-1]).Compare(k) < 0 {
		o.rows = append(o.rows, r)
		return
	}
	i, found := o.find(k)
	if found {
		return
	}
	o.rows = slices.Insert(o.rows, i, r)
}

// remove takes out row r, filed under k. When r's own key has changed
// since (a corrected creation date), the search by k cannot be trusted and
// the row is looked for one by one: corrections of that kind are rare.
func (o *ordered[T]) remove(k Key, r *T) {
	i, found := o.find(k)
	if !found || o.rows[i] != r {
		if i = slices.Index(o.rows, r); i < 0 {
			return
		}
	}
	o.rows = slices.Delete(o.rows, i, i+1)
}

// from is the rows after k, in order.
func (o *ordered[T]) from(after Key) []*T {
	if o == nil {
		return nil
	}
	if after.IsZero() {
		return o.rows
	}
	i, found := o.find(after)
	if found {
		i++
	}
	return o.rows[i:]
}

// index is one ordered list per value of a partition (an operation, an
// operation and owner, an operation and state).
type index[P comparable, T any] map[P]*ordered[T]

func (x index[P, T]) add(p P, r *T, key func(*T) Key) {
	o := x[p]
	if o == nil {
		o = &ordered[T]{key: key}
		x[p] = o
	}
	o.insert(r)
}

func (x index[P, T]) drop(p P, k Key, r *T) {
	if o := x[p]; o != nil {
		o.remove(k, r)
	}
}

// Sees is the reader's policy on a row (domain/visibility's SeesRecord):
// a page keeps only rows it admits, before copying any.
type Sees func(op uuid.UUID, c domain.Classification) bool
