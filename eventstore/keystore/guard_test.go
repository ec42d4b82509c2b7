package keystore_test

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain/personal"
	"github.com/movementcoord/ledger/eventstore/keystore"
)

func TestGuardTakesTheLogsWordOnErasure(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	inner := open(t, t.TempDir())
	alice, bob := uuid.New(), uuid.New()
	_, err := inner.Ensure(ctx, alice)
	require.NoError(t, err)
	guarded := keystore.Guard(inner, func(p uuid.UUID) bool { return p == alice })

	_, err = guarded.Key(ctx, alice)
	require.ErrorIs(t, err, personal.ErrErased, "the log says erased, though the store still has a key")
	_, err = guarded.Ensure(ctx, alice)
	require.ErrorIs(t, err, personal.ErrErased)
	key, err := guarded.Ensure(ctx, bob)
	require.NoError(t, err)
	got, err := inner.Key(ctx, bob)
	require.NoError(t, err)
	require.Equal(t, key, got, "everyone else passes through")
}
