package keyservice_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/keyservice/keyservicetest"
	"github.com/movementcoord/ledger/eventstore/keystore"
)

// BenchmarkKeys compares the key service, over loopback, with the key file
// it wraps (the reference), measured in the same run:
//
//	go test -run '^$' -bench Keys -benchtime 2000x ./api/keyservice
//
// ensure: a new person's first key (a synced write); key: an existing
// person's key, which the file keeps in memory once read, and the service
// client fetches anew unless it is cached.
func BenchmarkKeys(b *testing.B) {
	ctx := context.Background()
	file, err := keystore.OpenFile(ctx, b.TempDir(), false)
	require.NoError(b, err)
	b.Cleanup(func() { _ = file.Close() })
	svc := keyservicetest.Start(b, b.TempDir())
	remote := func(cacheFor time.Duration) keystore.Store {
		r, err := keystore.OpenRemote(ctx, keystore.RemoteConfig{URL: svc.URL, Token: svc.Token, CacheFor: cacheFor})
		require.NoError(b, err)
		b.Cleanup(func() { _ = r.Close() })
		return r
	}
	uncached := remote(time.Nanosecond)
	for _, c := range []struct {
		name  string
		store keystore.Store
	}{{"file", file}, {"service", uncached}} {
		b.Run("ensure/"+c.name, func(b *testing.B) {
			for b.Loop() {
				_, err := c.store.Ensure(ctx, uuid.New())
				require.NoError(b, err)
			}
		})
	}
	person := uuid.New()
	for _, s := range []keystore.Store{file, uncached} {
		_, err = s.Ensure(ctx, person)
		require.NoError(b, err)
	}
	for _, c := range []struct {
		name  string
		store keystore.Store
	}{{"file", file}, {"service", uncached}, {"service-cached", remote(time.Hour)}} {
		b.Run("key/"+c.name, func(b *testing.B) {
			for b.Loop() {
				_, err := c.store.Key(ctx, person)
				require.NoError(b, err)
			}
		})
	}
}
