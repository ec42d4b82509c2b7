package views

import (
	"iter"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// Key is a row's place in a register: its rank in a register that files
// some rows first (compliance issues, most severe first), then the occurred
// time of the event that created it, then its id. Keyset cursors carry the
// key of the last row a page held, so the next page starts after that row
// whatever was inserted or back-dated since (an offset would shift by one
// for each).
type Key struct {
	Rank      uint8 // 0 in the registers ordered by creation alone
	CreatedAt time.Time
	ID        uuid.UUID
}

// Compare orders keys by rank, time, then id.
func (k Key) Compare(o Key) int {
	if k.Rank != o.Rank {
		return int(k.Rank) - int(o.Rank)
	}
	if c := k.CreatedAt.Compare(o.CreatedAt); c != 0 {
		return c
	}
	return slices.Compare(k.ID[:], o.ID[:])
}

// IsZero reports whether k is the start of a register.
func (k Key) IsZero() bool { return k.Rank == 0 && k.CreatedAt.IsZero() && k.ID == uuid.Nil }

// OrderKey is the row's key in the registers ordered by creation.
func (m Meta) OrderKey() Key { return Key{CreatedAt: m.CreatedAt, ID: m.ID} }

// ordered is rows kept sorted by key as events arrive, in blocks of at
// most blockMax rows (a sorted list of sorted blocks), so a page is two
// binary searches and a walk of the rows it returns, and a back-dated row
// moves at most a block's tail, not the register's: a replay of 100,000
// action points raised out of order stays linear.
type ordered[T any] struct {
	blocks [][]*T
	key    func(*T) Key
}

const blockMax = 512

// block is the index of the block that holds, or would hold, key k.
func (o *ordered[T]) block(k Key) int {
	i, _ := slices.BinarySearchFunc(o.blocks, k, func(b []*T, k Key) int { return o.key(b[len(b)-1]).Compare(k) })
	return min(i, len(o.blocks)-1)
}

func (o *ordered[T]) find(b int, k Key) (int, bool) {
	return slices.BinarySearchFunc(o.blocks[b], k, func(r *T, k Key) int { return o.key(r).Compare(k) })
}

func (o *ordered[T]) insert(r *T) {
	if len(o.blocks) == 0 {
		o.blocks = [][]*T{{r}}
		return
	}
	k := o.key(r)
	if last := o.blocks[len(o.blocks)-1]; k.Compare(o.key(last[len(last)-1])) > 0 {
		o.append(r, last) // rows filed in order (a replay, a snapshot read back)
		return
	}
	b := o.block(k)
	i, found := o.find(b, k)
	if found {
		return
	}
	o.blocks[b] = slices.Insert(o.blocks[b], i, r)
	if full := o.blocks[b]; len(full) > blockMax {
		half := slices.Clone(full[blockMax/2:])
		o.blocks[b] = slices.Clip(full[:blockMax/2])
		o.blocks = slices.Insert(o.blocks, b+1, half)
	}
}

// append files r after every row: into the last block while it has room,
// else into a new one, so rows filed in order fill their blocks instead of
// leaving every block half full after a split.
func (o *ordered[T]) append(r *T, last []*T) {
	if len(last) < blockMax {
		o.blocks[len(o.blocks)-1] = append(last, r)
		return
	}
	o.blocks = append(o.blocks, []*T{r})
}

// remove takes out row r, filed under k. When r's own key has changed
// since (a corrected creation date), the search by k cannot be trusted and
// the row is looked for one by one: corrections of that kind are rare.
func (o *ordered[T]) remove(k Key, r *T) {
	if len(o.blocks) == 0 {
		return
	}
	b := o.block(k)
	i, found := o.find(b, k)
	if !found || o.blocks[b][i] != r {
		if b, i = o.locate(r); b < 0 {
			return
		}
	}
	o.blocks[b] = slices.Delete(o.blocks[b], i, i+1)
	if len(o.blocks[b]) == 0 {
		o.blocks = slices.Delete(o.blocks, b, b+1)
	}
}

func (o *ordered[T]) locate(r *T) (block, i int) {
	for b, rows := range o.blocks {
		if i := slices.Index(rows, r); i >= 0 {
			return b, i
		}
	}
	return -1, -1
}

// after is the rows after k (all of them for the zero key), in order.
func (o *ordered[T]) after(k Key) iter.Seq[*T] {
	return func(yield func(*T) bool) {
		if o == nil || len(o.blocks) == 0 {
			return
		}
		b, i := 0, 0
		if !k.IsZero() {
			b = o.block(k)
			var found bool
			if i, found = o.find(b, k); found {
				i++
			}
		}
		for ; b < len(o.blocks); b, i = b+1, 0 {
			for _, r := range o.blocks[b][i:] {
				if !yield(r) {
					return
				}
			}
		}
	}
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
