package keystore_test

import (
	"context"
	"os"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/tinydisk"
)

// TestAFullDiskRefusesANewKeyAndKeepsTheOld: on a real full disk a new key
// is refused with ErrStorageFull, an existing key still opens, and once
// space is freed keys are made again.
func TestAFullDiskRefusesANewKeyAndKeepsTheOld(t *testing.T) {
	dir := tinydisk.Mount(t, "1m")
	ctx := context.Background()
	ks := open(t, dir)
	known := uuid.New()
	key, err := ks.Ensure(ctx, known)
	require.NoError(t, err)

	filler := tinydisk.Fill(t, dir)
	_, err = ks.Ensure(ctx, uuid.New())
	require.ErrorIs(t, err, eventstore.ErrStorageFull)
	again, err := ks.Key(ctx, known)
	require.NoError(t, err)
	require.Equal(t, key, again, "nothing is lost")

	require.NoError(t, os.Remove(filler))
	_, err = ks.Ensure(ctx, uuid.New())
	require.NoError(t, err, "with space freed keys are made again")
}
