package keyservice_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/keyservice/keyservicetest"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/tinydisk"
)

// TestAFullKeyServiceDiskIsStorageFullNotUnreachable: when the key
// service's disk is full, a server asking for a new key hears "storage
// full" at once (so it answers 507, not "unreachable" after retries); old
// keys still open; once space is freed, keys are made again.
func TestAFullKeyServiceDiskIsStorageFullNotUnreachable(t *testing.T) {
	dir := tinydisk.Mount(t, "1m")
	r := openRemote(t, keyservicetest.Start(t, dir))
	ctx := context.Background()
	known := uuid.New()
	key, err := r.Ensure(ctx, known)
	require.NoError(t, err)

	filler := tinydisk.Fill(t, dir)
	start := time.Now()
	_, err = r.Ensure(ctx, uuid.New())
	require.ErrorIs(t, err, eventstore.ErrStorageFull)
	require.Less(t, time.Since(start), time.Second, "a full disk is not retried")
	again, err := r.Key(ctx, known)
	require.NoError(t, err)
	require.Equal(t, key, again)

	require.NoError(t, os.Remove(filler))
	_, err = r.Ensure(ctx, uuid.New())
	require.NoError(t, err)
}
