// Package keystoretest is the conformance suite of the key store port: every
// key store (the embedded file, the client of the shared key service) runs
// it, so they all keep keys and erase them the same way.
package keystoretest

import (
	"context"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain/personal"
	"github.com/movementcoord/ledger/eventstore/keystore"
)

// Open opens the key store kept in dir. Opening the same dir again, after
// the first is closed, must give the same keys. The suite closes what it
// opens.
type Open func(t *testing.T, dir string) keystore.Store

// Run runs every case against the key store open gives.
func Run(t *testing.T, open Open) {
	cases := []struct {
		name string
		run  func(*testing.T, Open)
	}{
		{"KeysAreMadeOnceAndKept", keysAreMadeOnceAndKept},
		{"EveryPersonHasTheirOwnKey", everyPersonHasTheirOwnKey},
		{"ErasureIsForGood", erasureIsForGood},
		{"ErasingSomeoneWhoNeverHadAKey", erasingSomeoneWhoNeverHadAKey},
		{"ConcurrentEnsuresAgree", concurrentEnsuresAgree},
		{"CancelledContextIsRefused", cancelledContextIsRefused},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.run(t, open)
		})
	}
}

func keysAreMadeOnceAndKept(t *testing.T, open Open) {
	ctx, dir := context.Background(), t.TempDir()
	ks := open(t, dir)
	alice := uuid.New()
	_, err := ks.Key(ctx, alice)
	require.ErrorIs(t, err, keystore.ErrNoKey, "no key before one is made")

	k1, err := ks.Ensure(ctx, alice)
	require.NoError(t, err)
	require.Len(t, k1, personal.KeySize)
	k2, err := ks.Ensure(ctx, alice)
	require.NoError(t, err)
	require.Equal(t, k1, k2, "Ensure makes a key once")
	require.NoError(t, ks.Close())

	k3, err := open(t, dir).Key(ctx, alice)
	require.NoError(t, err)
	require.Equal(t, k1, k3, "keys survive reopening")
}

func everyPersonHasTheirOwnKey(t *testing.T, open Open) {
	ctx := context.Background()
	ks := open(t, t.TempDir())
	seen := map[string]bool{}
	for range 20 {
		k, err := ks.Ensure(ctx, uuid.New())
		require.NoError(t, err)
		require.False(t, seen[string(k)], "two people were given the same key")
		seen[string(k)] = true
	}
}

func erasureIsForGood(t *testing.T, open Open) {
	ctx, dir := context.Background(), t.TempDir()
	ks := open(t, dir)
	alice, bob := uuid.New(), uuid.New()
	_, err := ks.Ensure(ctx, alice)
	require.NoError(t, err)
	bobKey, err := ks.Ensure(ctx, bob)
	require.NoError(t, err)

	require.NoError(t, ks.Erase(ctx, alice))
	require.NoError(t, ks.Erase(ctx, alice), "erasing twice is no error")
	_, err = ks.Key(ctx, alice)
	require.ErrorIs(t, err, personal.ErrErased)
	_, err = ks.Ensure(ctx, alice)
	require.ErrorIs(t, err, personal.ErrErased, "an erased person never gets a new key")
	got, err := ks.Key(ctx, bob)
	require.NoError(t, err)
	require.Equal(t, bobKey, got, "others keep theirs")
	require.NoError(t, ks.Close())

	again := open(t, dir)
	_, err = again.Key(ctx, alice)
	require.ErrorIs(t, err, personal.ErrErased, "erasure survives reopening")
	_, err = again.Ensure(ctx, alice)
	require.ErrorIs(t, err, personal.ErrErased)
}

func erasingSomeoneWhoNeverHadAKey(t *testing.T, open Open) {
	ctx := context.Background()
	ks := open(t, t.TempDir())
	ghost := uuid.New()
	require.NoError(t, ks.Erase(ctx, ghost))
	_, err := ks.Ensure(ctx, ghost)
	require.ErrorIs(t, err, personal.ErrErased, "an erasure that came first still holds")
}

// concurrentEnsuresAgree: requests racing to make the first key of one
// person (two servers recording the same new contact) all get one key, or
// data sealed under the losers' keys could never be opened.
func concurrentEnsuresAgree(t *testing.T, open Open) {
	ctx := context.Background()
	ks := open(t, t.TempDir())
	person := uuid.New()
	const racers = 16
	keys := make([][]byte, racers)
	errs := make([]error, racers)
	var wg sync.WaitGroup
	for i := range racers {
		wg.Go(func() { keys[i], errs[i] = ks.Ensure(ctx, person) })
	}
	wg.Wait()
	for i := range racers {
		require.NoError(t, errs[i])
		require.Equal(t, keys[0], keys[i], "racer %d got another key", i)
	}
	stored, err := ks.Key(ctx, person)
	require.NoError(t, err)
	require.Equal(t, keys[0], stored)
}

func cancelledContextIsRefused(t *testing.T, open Open) {
	ks := open(t, t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ks.Ensure(ctx, uuid.New())
	require.ErrorIs(t, err, context.Canceled)
}
