package integrity

import (
	"fmt"

	"github.com/transparency-dev/merkle/compact"
)

// Frontier is the compact form of the tree: the roots of its perfect subtrees
// from left to right, at most one per bit of the size. It is all a writer
// needs to extend the tree and compute the next root, and it is small enough
// to store beside every checkpoint.
type Frontier struct {
	rng *compact.Range
}

// NewFrontier is the frontier of an empty tree.
func NewFrontier() *Frontier { return &Frontier{rng: factory.NewEmptyRange(0)} }

// LoadFrontier rebuilds a frontier of size leaves from its stored hashes
// (Hashes, concatenated).
func LoadFrontier(size uint64, stored []byte) (*Frontier, error) {
	if len(stored)%len(Hash{}) != 0 {
		return nil, fmt.Errorf("frontier of %d: %d bytes is not a whole number of hashes", size, len(stored))
	}
	hs := make([][]byte, 0, len(stored)/32)
	for i := 0; i < len(stored); i += 32 {
		hs = append(hs, stored[i:i+32])
	}
	r, err := factory.NewRange(0, size, hs)
	if err != nil {
		return nil, fmt.Errorf("frontier of %d: %w", size, err)
	}
	return &Frontier{rng: r}, nil
}

// Append adds the next leaf.
func (f *Frontier) Append(leaf Hash) { _ = f.rng.Append(append([]byte(nil), leaf[:]...), nil) }

// Size is the number of leaves.
func (f *Frontier) Size() uint64 { return f.rng.End() }

// Root is the tree's root.
func (f *Frontier) Root() Hash {
	if f.Size() == 0 {
		return EmptyRoot()
	}
	r, _ := f.rng.GetRootHash(nil)
	return Hash(r)
}

// Bytes is the stored form: the subtree roots concatenated.
func (f *Frontier) Bytes() []byte {
	out := make([]byte, 0, 32*len(f.rng.Hashes()))
	for _, h := range f.rng.Hashes() {
		out = append(out, h...)
	}
	return out
}

// Clone is an independent copy, so a writer can extend a copy inside a
// transaction and keep it only if the commit succeeds.
func (f *Frontier) Clone() *Frontier {
	c, _ := LoadFrontier(f.Size(), f.Bytes())
	return c
}
