package recorder

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/memory"
)

// The web's session key lives in the key store under its own reserved id:
// servers sharing the key store, and a server reopening it after a restart,
// sign sessions alike; it is not the idempotency secret, and no erasure
// destroys it.
func TestTheSessionKeyIsSharedKeptAndReserved(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	keys, err := keystore.OpenFile(ctx, dir, false)
	require.NoError(t, err)
	store := memory.New()
	a, b := New(store, WithKeys(keys)), New(store, WithKeys(keys))

	// Given the key as server A reads it
	key, err := a.SessionKey(ctx)
	require.NoError(t, err)
	require.Len(t, key, 32)

	// Then server B reads the same, and so does a server after a restart
	onB, err := b.SessionKey(ctx)
	require.NoError(t, err)
	require.Equal(t, key, onB)
	require.NoError(t, keys.Close())
	reopened, err := keystore.OpenFile(ctx, dir, false)
	require.NoError(t, err)
	t.Cleanup(func() { _ = reopened.Close() })
	restarted := New(store, WithKeys(reopened))
	afterRestart, err := restarted.SessionKey(ctx)
	require.NoError(t, err)
	require.Equal(t, key, afterRestart)

	// And it is neither the idempotency secret nor the no-key-store key
	secret, err := restarted.secret(ctx)
	require.NoError(t, err)
	require.NotEqual(t, secret, key)
	unkeyed, err := New(store).SessionKey(ctx)
	require.NoError(t, err)
	require.NotEqual(t, key, unkeyed)

	// When someone asks to erase it as if it were a person, it is refused
	_, err = restarted.Execute(ctx, domain.ErasePerson{Header: hdr(uuid.Nil), ID: sessionKeyID, Reason: "request"}, WriteOptions{})
	require.ErrorIs(t, err, ErrReservedID)
	kept, err := reopened.Key(ctx, sessionKeyID)
	require.NoError(t, err)
	require.Equal(t, key, kept, "the key is still there")
}

// Without a key store the key is random, one per process: never a fixed
// key anyone could read in the source and forge sessions with.
func TestWithoutAKeyStoreTheSessionKeyIsRandomPerProcess(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	one, err := New(memory.New()).SessionKey(ctx)
	require.NoError(t, err)
	two, err := New(memory.New()).SessionKey(ctx)
	require.NoError(t, err)
	require.Len(t, one, 32)
	require.Equal(t, one, two, "one key for the process")
	require.NotEqual(t, make([]byte, 32), one)
	require.NotEqual(t, unsealedSecret[:], one, "not the fixed idempotency secret")
}
