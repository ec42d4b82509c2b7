package integrity

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
)

// Head is a stream's last event at a digest's position.
type Head struct {
	Stream  string `json:"stream"`
	Version uint64 `json:"version"`
	Hash    Hash   `json:"hash"`
}

// LeafHash is the Merkle leaf of a stream head.
func LeafHash(h Head) Hash {
	b := make([]byte, 0, 1+8+len(h.Stream)+8+32)
	b = append(b, tagLeaf)
	b = binary.BigEndian.AppendUint64(b, uint64(len(h.Stream)))
	b = append(b, h.Stream...)
	b = binary.BigEndian.AppendUint64(b, h.Version)
	b = append(b, h.Hash[:]...)
	return sha256.Sum256(b)
}

func nodeHash(l, r Hash) Hash {
	var b [65]byte
	b[0] = tagNode
	copy(b[1:], l[:])
	copy(b[33:], r[:])
	return sha256.Sum256(b[:])
}

// Tree is an RFC 6962 Merkle tree kept level by level. Pairing nodes bottom
// up and carrying an odd last node up unhashed gives exactly RFC 6962's
// left-complete tree, and makes every audit path a walk up the levels.
type Tree struct {
	levels [][]Hash // levels[0] are the leaves; the last level holds the root
}

// NewTree builds the tree over leaves, which must already be in order.
func NewTree(leaves []Hash) *Tree {
	t := &Tree{levels: [][]Hash{leaves}}
	for cur := leaves; len(cur) > 1; {
		next := make([]Hash, 0, (len(cur)+1)/2)
		for i := 0; i+1 < len(cur); i += 2 {
			next = append(next, nodeHash(cur[i], cur[i+1]))
		}
		if len(cur)%2 == 1 {
			next = append(next, cur[len(cur)-1])
		}
		t.levels = append(t.levels, next)
		cur = next
	}
	return t
}

// Size is the number of leaves.
func (t *Tree) Size() uint64 { return uint64(len(t.levels[0])) }

// Root is the tree head; an empty tree's root is SHA-256 of nothing (RFC 6962).
func (t *Tree) Root() Hash {
	if len(t.levels[0]) == 0 {
		return sha256.Sum256(nil)
	}
	return t.levels[len(t.levels)-1][0]
}

// Path is the audit path of leaf i, from the leaf's sibling up.
func (t *Tree) Path(i uint64) ([]Hash, error) {
	if i >= t.Size() {
		return nil, fmt.Errorf("leaf %d of a tree of %d: %w", i, t.Size(), ErrBadProof)
	}
	var path []Hash
	for _, lvl := range t.levels[:len(t.levels)-1] {
		if sib := i ^ 1; sib < uint64(len(lvl)) {
			path = append(path, lvl[sib])
		}
		i >>= 1
	}
	return path, nil
}

// VerifyPath checks an audit path with the algorithm of RFC 9162, 2.1.3.2.
func VerifyPath(leaf Hash, index, size uint64, path []Hash, root Hash) bool {
	if index >= size {
		return false
	}
	fn, sn, r := index, size-1, leaf
	for _, p := range path {
		if sn == 0 {
			return false
		}
		if fn&1 == 1 || fn == sn {
			r = nodeHash(p, r)
			for fn&1 == 0 && fn != 0 {
				fn >>= 1
				sn >>= 1
			}
		} else {
			r = nodeHash(r, p)
		}
		fn >>= 1
		sn >>= 1
	}
	return sn == 0 && r == root
}

// HeadsTree builds the tree of heads, which must be sorted by stream.
func HeadsTree(heads []Head) *Tree {
	leaves := make([]Hash, len(heads))
	for i, h := range heads {
		leaves[i] = LeafHash(h)
	}
	return NewTree(leaves)
}
