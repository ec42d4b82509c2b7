package views

import (
	"container/heap"
	"slices"

	"github.com/google/uuid"
)

// firstAfter is a page of a register kept unordered (a map of rows, as the
// decisions and compliance registers are): the limit rows with the lowest
// keys after the cursor, among those keep admits, in key order, and whether
// more follow. It looks at every row once but keeps only limit pointers, so
// a page neither copies nor sorts the register; the caller copies the rows
// it returns.
func firstAfter[T any](rows map[uuid.UUID]*T, key func(*T) Key, after Key, limit int, keep func(*T) bool) ([]*T, bool) {
	h := &keyHeap[T]{key: key}
	more := false
	for _, r := range rows {
		if !after.IsZero() && key(r).Compare(after) <= 0 || !keep(r) {
			continue
		}
		if h.Len() < limit {
			heap.Push(h, r)
			continue
		}
		more = true
		if limit > 0 && key(r).Compare(key(h.rows[0])) < 0 {
			h.rows[0] = r
			heap.Fix(h, 0)
		}
	}
	page := h.rows
	slices.SortFunc(page, func(a, b *T) int { return key(a).Compare(key(b)) })
	return page, more
}

// keyHeap holds the lowest keys seen so far, the highest of them on top.
type keyHeap[T any] struct {
	rows []*T
	key  func(*T) Key
}

func (h *keyHeap[T]) Len() int           { return len(h.rows) }
func (h *keyHeap[T]) Less(i, j int) bool { return h.key(h.rows[i]).Compare(h.key(h.rows[j])) > 0 }
func (h *keyHeap[T]) Swap(i, j int)      { h.rows[i], h.rows[j] = h.rows[j], h.rows[i] }
func (h *keyHeap[T]) Push(x any)         { h.rows = append(h.rows, x.(*T)) }
func (h *keyHeap[T]) Pop() any {
	last := h.rows[len(h.rows)-1]
	h.rows = h.rows[:len(h.rows)-1]
	return last
}
