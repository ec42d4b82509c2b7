package integrity

import (
	"crypto/ed25519"
	"crypto/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func newSigner(t *testing.T) *LogSigner {
	t.Helper()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	s, err := NewLogSigner(key)
	require.NoError(t, err)
	return s
}

func TestCheckpointIsASignedC2SPNote(t *testing.T) {
	t.Parallel()
	s := newSigner(t)
	root := Hash{1, 2, 3}
	signed, err := s.Sign(42, root)
	require.NoError(t, err)
	lines := strings.Split(string(signed), "\n")
	require.Equal(t, s.Verifier.Origin, lines[0])
	require.Equal(t, "42", lines[1])
	require.Equal(t, "AQIDAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", lines[2], "base64 of the root")
	require.Equal(t, "", lines[3], "a blank line before the signatures")
	require.True(t, strings.HasPrefix(lines[4], "— "+s.Verifier.Origin+" "))
	cp, _, err := s.Verifier.Open(signed)
	require.NoError(t, err)
	require.Equal(t, Checkpoint{Origin: s.Verifier.Origin, Size: 42, Root: root}, cp)
}

func TestCheckpointForgeriesAreRefused(t *testing.T) {
	t.Parallel()
	s, other := newSigner(t), newSigner(t)
	signed, err := s.Sign(42, Hash{1})
	require.NoError(t, err)
	byOther, err := other.Sign(42, Hash{1})
	require.NoError(t, err)
	cases := map[string][]byte{
		"size changed":          []byte(strings.Replace(string(signed), "\n42\n", "\n43\n", 1)),
		"signed by another key": byOther,
		"signature cut":         signed[:len(signed)-10],
		"no signature":          []byte(Checkpoint{Origin: s.Verifier.Origin, Size: 42, Root: Hash{1}}.Text()),
	}
	for name, b := range cases {
		_, _, err := s.Verifier.Open(b)
		require.ErrorIs(t, err, ErrBadSignature, name)
	}
}
