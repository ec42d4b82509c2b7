package verify

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/movementcoord/ledger/domain/integrity"
)

// History is what a store that keeps a signed checkpoint per commit offers
// (the embedded store): it lets a mismatch be located to one commit.
type History interface {
	LatestCheckpoint(ctx context.Context) ([]byte, bool, error)
	CheckpointSizes(ctx context.Context) ([]uint64, error)
	CheckpointAt(ctx context.Context, size uint64) ([]byte, bool, error)
}

func u(n uint64) string { return strconv.FormatUint(n, 10) }

// Match checks the events folded so far against a verified checkpoint. The
// log must reach the checkpoint's size and give its root there; otherwise
// the Problem names the first event that differs as closely as the signed
// history allows.
func (t *Tracker) Match(ctx context.Context, cp integrity.Checkpoint, source string, h History, v *integrity.LogVerifier) *Problem {
	if cp.Size > t.tree.Size() {
		return &Problem{Position: t.c.last + 1, Err: integrity.ErrRootMismatch,
			Reason: fmt.Sprintf("%s: the log ends after %d events but the checkpoint covers %d (events removed from the end, or the log truncated)", source, t.tree.Size(), cp.Size)}
	}
	root, err := t.tree.RootAt(cp.Size)
	if err == nil && root == cp.Root {
		return nil
	}
	lo, hi := t.locate(ctx, cp, h, v)
	r := t.refs[lo]
	return &Problem{Stream: r.stream(), Version: r.version, Position: r.position, Err: integrity.ErrRootMismatch,
		Reason: fmt.Sprintf("%s: the events do not give the signed root of %d events; the first difference is among events %d to %d, from this one (events reordered, inserted, removed, or altered and re-sealed)",
			source, cp.Size, lo+1, hi)}
}

// locate narrows the first differing leaf to (lo, hi] with a binary search
// over the per-commit checkpoints that verify: the roots agree up to the
// first bad leaf and differ from there on.
func (t *Tracker) locate(ctx context.Context, cp integrity.Checkpoint, h History, v *integrity.LogVerifier) (uint64, uint64) {
	if h == nil || v == nil {
		return 0, cp.Size
	}
	sizes, err := h.CheckpointSizes(ctx)
	if err != nil {
		return 0, cp.Size
	}
	// Sizes below the checkpoint's: at its own size the roots are known to
	// differ, and the history may hold another checkpoint there (a fork).
	sizes = sizes[:sort.Search(len(sizes), func(i int) bool { return sizes[i] >= cp.Size })]
	differs := func(i int) bool {
		note, ok, err := h.CheckpointAt(ctx, sizes[i])
		if err != nil || !ok {
			return true
		}
		c, _, err := v.Open(note)
		if err != nil {
			return true
		}
		root, err := t.tree.RootAt(c.Size)
		return err != nil || root != c.Root
	}
	j := sort.Search(len(sizes), differs)
	lo := uint64(0)
	if j > 0 {
		lo = sizes[j-1]
	}
	hi := cp.Size
	if j < len(sizes) {
		hi = sizes[j]
	}
	return lo, hi
}
