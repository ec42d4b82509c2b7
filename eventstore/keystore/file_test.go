package keystore_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/keystore/keystoretest"
)

func open(t *testing.T, dir string) *keystore.File {
	t.Helper()
	ks, err := keystore.OpenFile(context.Background(), dir, false)
	require.NoError(t, err)
	t.Cleanup(func() { _ = ks.Close() })
	return ks
}

func TestFileConformance(t *testing.T) {
	t.Parallel()
	keystoretest.Run(t, func(t *testing.T, dir string) keystore.Store { return open(t, dir) })
}

func TestKeyFileIsPrivate(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	_, err := open(t, dir).Ensure(context.Background(), uuid.New())
	require.NoError(t, err)
	info, err := os.Stat(filepath.Join(dir, keystore.FileName))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm())
}

// TestErasureDestroysTheKeyForGood: what erasure means for the key file
// itself (the suite checks what Key and Ensure answer): the erased key's
// bytes are in no file of the directory, while the others' stay.
func TestErasureDestroysTheKeyForGood(t *testing.T) {
	t.Parallel()
	ctx, dir := context.Background(), t.TempDir()
	ks := open(t, dir)
	alice, bob := uuid.New(), uuid.New()
	for range 50 {
		_, err := ks.Ensure(ctx, uuid.New())
		require.NoError(t, err)
	}
	aliceKey, err := ks.Ensure(ctx, alice)
	require.NoError(t, err)
	bobKey, err := ks.Ensure(ctx, bob)
	require.NoError(t, err)
	for range 50 { // a realistic page: the erased key sits among others
		_, err := ks.Ensure(ctx, uuid.New())
		require.NoError(t, err)
	}
	require.NoError(t, ks.Erase(ctx, alice))
	require.NoError(t, ks.Close())

	files, err := os.ReadDir(dir)
	require.NoError(t, err)
	bobSomewhere := false
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, f.Name()))
		require.NoError(t, err)
		require.False(t, bytes.Contains(data, aliceKey), "the erased key is gone from %s", f.Name())
		bobSomewhere = bobSomewhere || bytes.Contains(data, bobKey)
	}
	require.True(t, bobSomewhere, "the search would find a key that is there")
}

func TestMissingOrCorruptKeyStoreFailsClearly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, err := keystore.OpenFile(ctx, t.TempDir(), true)
	require.ErrorIs(t, err, keystore.ErrMissing)
	require.Contains(t, err.Error(), keystore.FileName)

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, keystore.FileName), bytes.Repeat([]byte("not a database "), 512), 0o600))
	_, err = keystore.OpenFile(ctx, dir, true)
	require.ErrorIs(t, err, keystore.ErrCorrupt)
}
