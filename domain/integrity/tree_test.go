package integrity

import (
	"crypto/sha256"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// refRoot is RFC 6962's MTH written as the RFC states it, recursively, with
// SHA-256 and the 0x01 node prefix spelled out: an independent reference for
// the library's tree.
func refRoot(leaves []Hash) Hash {
	switch len(leaves) {
	case 0:
		return sha256.Sum256(nil)
	case 1:
		return leaves[0]
	}
	k := 1
	for k*2 < len(leaves) {
		k *= 2
	}
	l, r := refRoot(leaves[:k]), refRoot(leaves[k:])
	return sha256.Sum256(append(append([]byte{1}, l[:]...), r[:]...))
}

func leavesOf(n int) []Hash {
	out := make([]Hash, n)
	for i := range out {
		out[i] = LeafHash(sha256.Sum256(fmt.Appendf(nil, "event %d", i)))
	}
	return out
}

func TestLeafHashIsRFC6962(t *testing.T) {
	t.Parallel()
	h := Hash{7}
	require.Equal(t, Hash(sha256.Sum256(append([]byte{0}, h[:]...))), LeafHash(h))
}

func TestTreeRootsAndProofsMatchRFC6962(t *testing.T) {
	t.Parallel()
	const n = 40
	leaves := leavesOf(n)
	tree, front := NewTree(), NewFrontier()
	require.Equal(t, refRoot(nil), tree.Root())
	for i, l := range leaves {
		tree.Append(l)
		front.Append(l)
		require.Equal(t, refRoot(leaves[:i+1]), tree.Root(), "size %d", i+1)
		require.Equal(t, tree.Root(), front.Root(), "frontier at %d", i+1)
	}
	for size := uint64(1); size <= n; size++ {
		root, err := tree.RootAt(size)
		require.NoError(t, err)
		require.Equal(t, refRoot(leaves[:size]), root)
		for i := range size {
			path, err := tree.InclusionProof(i, size)
			require.NoError(t, err)
			require.NoError(t, VerifyInclusion(i, size, leaves[i], path, root), "leaf %d of %d", i, size)
		}
		for old := uint64(1); old <= size; old++ {
			path, err := tree.ConsistencyProof(old, size)
			require.NoError(t, err)
			require.NoError(t, VerifyConsistency(old, size, path, refRoot(leaves[:old]), root), "%d..%d", old, size)
		}
	}
}

func TestProofsRejectForgeries(t *testing.T) {
	t.Parallel()
	leaves := leavesOf(13)
	tree := NewTree()
	for _, l := range leaves {
		tree.Append(l)
	}
	root := tree.Root()
	path, err := tree.InclusionProof(5, 13)
	require.NoError(t, err)
	incl := []struct {
		name        string
		leaf        Hash
		index, size uint64
		path        []Hash
		root        Hash
	}{
		{"another leaf", leaves[6], 5, 13, path, root},
		{"wrong index", leaves[5], 4, 13, path, root},
		{"index past size", leaves[5], 13, 13, path, root},
		{"wrong size", leaves[5], 5, 8, path, root},
		{"truncated path", leaves[5], 5, 13, path[:len(path)-1], root},
		{"altered node", leaves[5], 5, 13, append([]Hash{{9}}, path[1:]...), root},
		{"wrong root", leaves[5], 5, 13, path, Hash{1}},
	}
	for _, c := range incl {
		require.ErrorIs(t, VerifyInclusion(c.index, c.size, c.leaf, c.path, c.root), ErrBadProof, c.name)
	}
	old, err := tree.RootAt(7)
	require.NoError(t, err)
	cons, err := tree.ConsistencyProof(7, 13)
	require.NoError(t, err)
	forked := Hash{3}
	require.ErrorIs(t, VerifyConsistency(7, 13, cons, forked, root), ErrInconsistent, "a fork of the old tree")
	require.ErrorIs(t, VerifyConsistency(7, 13, cons, old, forked), ErrInconsistent, "a rewritten new tree")
	require.ErrorIs(t, VerifyConsistency(7, 13, cons[1:], old, root), ErrInconsistent, "a cut proof")
	_, err = tree.ConsistencyProof(9, 7)
	require.ErrorIs(t, err, ErrBadProof, "a rollback has no consistency proof")
}

func TestFrontierSurvivesStorage(t *testing.T) {
	t.Parallel()
	f := NewFrontier()
	for _, l := range leavesOf(21) {
		f.Append(l)
	}
	back, err := LoadFrontier(f.Size(), f.Bytes())
	require.NoError(t, err)
	require.Equal(t, f.Root(), back.Root())
	_, err = LoadFrontier(f.Size()+2, f.Bytes())
	require.Error(t, err, "a frontier whose size does not fit its hashes")
}
