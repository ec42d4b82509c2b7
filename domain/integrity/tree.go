package integrity

import (
	"crypto/sha256"
	"fmt"

	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
)

// hasher is RFC 6962's SHA-256 tree hasher: leaf = SHA-256(0x00 || data),
// node = SHA-256(0x01 || left || right). Proofs are checked with it.
var (
	hasher  = rfc6962.DefaultHasher
	factory = &compact.RangeFactory{Hash: hasher.HashChildren}
)

// LeafHash is the Merkle leaf of an event whose (chained) event hash is h:
// SHA-256(0x00 || h), RFC 6962's leaf hash, computed on the stack. The event
// hash already commits to every stored byte of the event (see the package
// doc), so the leaf does too.
func LeafHash(h Hash) Hash {
	var b [1 + len(Hash{})]byte // b[0] = 0x00, RFC 6962's leaf prefix
	copy(b[1:], h[:])
	return sha256.Sum256(b[:])
}

// slabHasher is RFC 6962's node hash (the same bytes as hasher.HashChildren)
// writing its results into large shared slabs: a tree of a million leaves
// keeps two million node hashes, and one allocation each cost verification
// a fifth of its time.
type slabHasher struct{ slab []byte }

const slabHashes = 4096

func (s *slabHasher) children(l, r []byte) []byte {
	var b [1 + 2*len(Hash{})]byte
	b[0] = 0x01 // RFC 6962's node prefix
	copy(b[1:], l)
	copy(b[1+len(Hash{}):], r)
	sum := sha256.Sum256(b[:])
	return s.keep(sum)
}

// keep copies h into the slab.
func (s *slabHasher) keep(h Hash) []byte {
	if len(s.slab) < len(Hash{}) {
		s.slab = make([]byte, slabHashes*len(Hash{}))
	}
	out := s.slab[:len(Hash{}):len(Hash{})]
	s.slab = s.slab[len(Hash{}):]
	copy(out, h[:])
	return out
}

// EmptyRoot is the root of a tree with no leaves: SHA-256 of nothing.
func EmptyRoot() Hash { return Hash(hasher.EmptyRoot()) }

// Tree is the whole Merkle tree of the log, kept in memory so that any root,
// inclusion proof or consistency proof up to its size costs a few lookups.
// It holds every perfect subtree's hash (about 2 x 32 bytes per leaf).
type Tree struct {
	rng    *compact.Range
	levels [][]Hash // levels[l][i] is the perfect subtree at level l, index i
	slab   slabHasher
}

// NewTree is an empty tree.
func NewTree() *Tree {
	t := &Tree{}
	t.rng = (&compact.RangeFactory{Hash: t.slab.children}).NewEmptyRange(0)
	return t
}

// Append adds the next leaf.
func (t *Tree) Append(leaf Hash) {
	// The range may keep the leaf's slice as a subtree root, so it gets its
	// own place in the slab. Append fails only for disjoint ranges, which
	// cannot happen here.
	_ = t.rng.Append(t.slab.keep(leaf), t.keep)
}

func (t *Tree) keep(id compact.NodeID, h []byte) {
	for uint(len(t.levels)) <= id.Level {
		t.levels = append(t.levels, nil)
	}
	t.levels[id.Level] = append(t.levels[id.Level], Hash(h))
}

// Size is the number of leaves.
func (t *Tree) Size() uint64 { return t.rng.End() }

// Root is the root of the whole tree.
func (t *Tree) Root() Hash {
	r, err := t.RootAt(t.Size())
	if err != nil {
		panic(err) // RootAt(Size) cannot fail
	}
	return r
}

// RootAt is the root the tree had when it held size leaves.
func (t *Tree) RootAt(size uint64) (Hash, error) {
	if size > t.Size() {
		return Hash{}, fmt.Errorf("root at %d of a tree of %d: %w", size, t.Size(), ErrBadProof)
	}
	if size == 0 {
		return EmptyRoot(), nil
	}
	ids := compact.RangeNodes(0, size, nil)
	r, err := factory.NewRange(0, size, t.hashes(ids))
	if err != nil {
		return Hash{}, err
	}
	root, err := r.GetRootHash(nil)
	return Hash(root), err
}

// InclusionProof proves leaf index in the tree of size leaves.
func (t *Tree) InclusionProof(index, size uint64) ([]Hash, error) {
	if size > t.Size() {
		return nil, fmt.Errorf("inclusion in %d of a tree of %d: %w", size, t.Size(), ErrBadProof)
	}
	n, err := proof.Inclusion(index, size)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadProof, err)
	}
	return t.rehash(n)
}

// ConsistencyProof proves that the tree of size2 leaves extends the tree of
// size1 leaves.
func (t *Tree) ConsistencyProof(size1, size2 uint64) ([]Hash, error) {
	if size2 > t.Size() || size1 > size2 {
		return nil, fmt.Errorf("consistency %d..%d of a tree of %d: %w", size1, size2, t.Size(), ErrBadProof)
	}
	n, err := proof.Consistency(size1, size2)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadProof, err)
	}
	return t.rehash(n)
}

func (t *Tree) rehash(n proof.Nodes) ([]Hash, error) {
	h, err := n.Rehash(t.hashes(n.IDs), hasher.HashChildren)
	if err != nil {
		return nil, err
	}
	return toHashes(h), nil
}

func (t *Tree) hashes(ids []compact.NodeID) [][]byte {
	out := make([][]byte, len(ids))
	for i, id := range ids {
		h := t.levels[id.Level][id.Index]
		out[i] = h[:]
	}
	return out
}

// VerifyInclusion checks that leaf is at index in the tree of size leaves
// whose root is root.
func VerifyInclusion(index, size uint64, leaf Hash, path []Hash, root Hash) error {
	if err := proof.VerifyInclusion(hasher, index, size, leaf[:], toBytes(path), root[:]); err != nil {
		return fmt.Errorf("%w: %v", ErrBadProof, err)
	}
	return nil
}

// VerifyConsistency checks that the tree (size2, root2) extends (size1, root1).
func VerifyConsistency(size1, size2 uint64, path []Hash, root1, root2 Hash) error {
	if err := proof.VerifyConsistency(hasher, size1, size2, toBytes(path), root1[:], root2[:]); err != nil {
		return fmt.Errorf("%w: %v", ErrInconsistent, err)
	}
	return nil
}

func toBytes(hs []Hash) [][]byte {
	out := make([][]byte, len(hs))
	for i := range hs {
		out[i] = hs[i][:]
	}
	return out
}

func toHashes(bs [][]byte) []Hash {
	out := make([]Hash, len(bs))
	for i, b := range bs {
		out[i] = Hash(b)
	}
	return out
}
