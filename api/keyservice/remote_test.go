package keyservice_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/keyservice/keyservicetest"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/keystore/keystoretest"
)

func openRemote(t *testing.T, svc *keyservicetest.Service) *keystore.Remote {
	t.Helper()
	r, err := keystore.OpenRemote(context.Background(), keystore.RemoteConfig{URL: svc.URL, Token: svc.Token})
	require.NoError(t, err)
	t.Cleanup(func() { _ = r.Close() })
	return r
}

// TestRemoteConformance runs the key store suite through the client and a
// real service. Opening a directory again restarts its service, so keys
// and erasures must survive the service's restart, not just the client's.
func TestRemoteConformance(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	running := map[string]*keyservicetest.Service{}
	keystoretest.Run(t, func(t *testing.T, dir string) keystore.Store {
		mu.Lock()
		defer mu.Unlock()
		if old, ok := running[dir]; ok {
			old.Stop()
		}
		svc := keyservicetest.Start(t, dir)
		running[dir] = svc
		return openRemote(t, svc)
	})
}
