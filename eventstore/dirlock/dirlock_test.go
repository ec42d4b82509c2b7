package dirlock_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore/dirlock"
)

func TestOneHolderAtATime(t *testing.T) {
	t.Parallel()
	dir := t.TempDir() + "/nested"
	first, err := dirlock.Lock(dir, "x.lock")
	require.NoError(t, err, "the directory is created")
	_, err = dirlock.Lock(dir, "x.lock")
	require.ErrorIs(t, err, dirlock.ErrLocked)
	other, err := dirlock.Lock(dir, "y.lock")
	require.NoError(t, err, "another name is another lock")
	require.NoError(t, other.Close())
	require.NoError(t, first.Close())
	again, err := dirlock.Lock(dir, "x.lock")
	require.NoError(t, err, "closing releases it")
	require.NoError(t, again.Close())
}

func TestPrivateDBNarrowsTheFileAndItsSideFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fresh := filepath.Join(dir, "fresh.db")
	require.NoError(t, dirlock.PrivateDB(fresh))
	old := filepath.Join(dir, "old.db")
	for _, p := range []string{old, old + "-wal", old + "-shm"} {
		require.NoError(t, os.WriteFile(p, []byte("x"), 0o644))
		require.NoError(t, os.Chmod(p, 0o644))
	}
	require.NoError(t, dirlock.PrivateDB(old))
	for _, p := range []string{fresh, old, old + "-wal", old + "-shm"} {
		info, err := os.Stat(p)
		require.NoError(t, err)
		require.Equal(t, os.FileMode(0o600), info.Mode().Perm(), p)
	}
	content, err := os.ReadFile(old)
	require.NoError(t, err)
	require.Equal(t, "x", string(content), "an existing database is kept as it is")
}
