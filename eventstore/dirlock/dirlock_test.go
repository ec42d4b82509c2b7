package dirlock_test

import (
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
