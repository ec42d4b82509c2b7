package main

import (
	"crypto/ed25519"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/witness"
	"github.com/movementcoord/ledger/domain/integrity"
)

func TestWitnessKeyPrintsAVerifierKeyOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out, err := runIntegrityCmd(t, newWitnessCommand(), "key", "--dir", dir, "--name", "reviewers.example/witness")
	require.NoError(t, err)
	vkey := strings.TrimSpace(out)
	_, err = witness.NewVerifier(vkey)
	require.NoError(t, err, "reviewers pass it to verify --witness-key")
	again, err := runIntegrityCmd(t, newWitnessCommand(), "key", "--dir", dir)
	require.NoError(t, err)
	require.Equal(t, out, again, "the key is created once and kept")
}

func TestWitnessTakesTheLedgerKeyInEitherForm(t *testing.T) {
	t.Parallel()
	pub, _, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	want, err := integrity.NewLogVerifier(pub)
	require.NoError(t, err)
	for _, k := range []string{base64.StdEncoding.EncodeToString(pub), want.Key} {
		v, err := logVerifier(k)
		require.NoError(t, err, k)
		require.Equal(t, want.Origin, v.Origin)
	}
	renamed := "someone.else/log" + want.Key[strings.Index(want.Key, "+"):]
	_, err = logVerifier(renamed)
	require.Error(t, err, "a note key whose name is not the ledger's origin")
}

// A bare base64 key can itself hold '+' (bytes fb ef be encode as "++++"):
// it is still a bare key, not a note key split at its pluses.
func TestWitnessTakesABareKeyWithPluses(t *testing.T) {
	t.Parallel()
	pub := make(ed25519.PublicKey, ed25519.PublicKeySize)
	for i := range pub {
		pub[i] = []byte{0xfb, 0xef, 0xbe}[i%3]
	}
	bare := base64.StdEncoding.EncodeToString(pub)
	require.GreaterOrEqual(t, strings.Count(bare, "+"), 2, bare)
	want, err := integrity.NewLogVerifier(pub)
	require.NoError(t, err)
	v, err := logVerifier(bare)
	require.NoError(t, err, bare)
	require.Equal(t, want.Key, v.Key)
}
