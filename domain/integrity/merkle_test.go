package integrity

import (
	"crypto/sha256"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// refRoot is RFC 6962's MTH written as the RFC states it, recursively.
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
	return nodeHash(refRoot(leaves[:k]), refRoot(leaves[k:]))
}

func leavesOf(n int) []Hash {
	out := make([]Hash, n)
	for i := range out {
		out[i] = LeafHash(Head{Stream: fmt.Sprintf("s-%03d", i), Version: uint64(i + 1)})
	}
	return out
}

func TestTreeMatchesRFC6962AndEveryPathVerifies(t *testing.T) {
	t.Parallel()
	for n := 0; n <= 70; n++ {
		leaves := leavesOf(n)
		tree := NewTree(leaves)
		require.Equal(t, refRoot(leaves), tree.Root(), "n=%d", n)
		for i := range uint64(n) {
			path, err := tree.Path(i)
			require.NoError(t, err)
			require.True(t, VerifyPath(leaves[i], i, uint64(n), path, tree.Root()), "n=%d i=%d", n, i)
		}
	}
}

func TestVerifyPathRejectsForgeries(t *testing.T) {
	t.Parallel()
	leaves := leavesOf(13)
	tree := NewTree(leaves)
	root := tree.Root()
	path, err := tree.Path(5)
	require.NoError(t, err)
	cases := []struct {
		name  string
		leaf  Hash
		index uint64
		size  uint64
		path  []Hash
		root  Hash
	}{
		{"another leaf", leaves[6], 5, 13, path, root},
		{"wrong index", leaves[5], 4, 13, path, root},
		{"index past size", leaves[5], 13, 13, path, root},
		{"wrong size", leaves[5], 5, 8, path, root}, // size is signed in the digest; a path fits only its shape
		{"truncated path", leaves[5], 5, 13, path[:len(path)-1], root},
		{"extended path", leaves[5], 5, 13, append(append([]Hash{}, path...), root), root},
		{"altered node", leaves[5], 5, 13, append([]Hash{{9}}, path[1:]...), root},
		{"wrong root", leaves[5], 5, 13, path, Hash{1}},
	}
	for _, c := range cases {
		require.False(t, VerifyPath(c.leaf, c.index, c.size, c.path, c.root), c.name)
	}
	require.True(t, VerifyPath(leaves[5], 5, 13, path, root))
}
