package auth_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

// Two servers on one KurrentDB share one token registry: a token created
// on one works on the other at once, a revocation on one holds on the
// other within a second.
func TestSharedRegistryAcrossServers(t *testing.T) {
	t.Parallel()
	srv := esdbtest.Start(t, esdbtest.Options{})
	open := func() *auth.Store {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s, err := kurrent.Open(ctx, srv.ConnString(), kurrent.WithStreamPrefix("reg-"))
		require.NoError(t, err)
		t.Cleanup(func() { _ = s.Close() })
		reg, err := auth.OpenShared(s.Side())
		require.NoError(t, err)
		return reg
	}
	a, b := open(), open()

	empty, err := b.Empty()
	require.NoError(t, err)
	require.True(t, empty)
	tok, secret, err := a.Create(auth.Spec{Name: "reviewer A", Role: auth.RoleReviewer})
	require.NoError(t, err)
	p, err := b.Authenticate(secret)
	require.NoError(t, err, "created on A, accepted on B at once")
	require.Equal(t, tok.ID, p.ID)
	p, err = a.Authenticate(secret)
	require.NoError(t, err, "and on A itself")
	require.Equal(t, tok.ID, p.ID)

	_, err = b.Revoke(tok.ID)
	require.NoError(t, err)
	revoked := time.Now()
	require.Eventually(t, func() bool {
		_, err := a.Authenticate(secret)
		return err != nil
	}, time.Second, 5*time.Millisecond, "revoked on B, refused on A within a second")
	t.Logf("revocation on B refused on A after %v (bound: %v)", time.Since(revoked).Round(time.Millisecond), auth.SharedFreshness)
	_, err = a.Authenticate(secret)
	require.ErrorIs(t, err, auth.ErrUnauthenticated)

	// Concurrent creations on both servers: none is lost.
	_, _, err = a.Create(auth.Spec{Name: "one", Role: auth.RoleAnalyst})
	require.NoError(t, err)
	_, _, err = b.Create(auth.Spec{Name: "two", Role: auth.RoleAnalyst})
	require.NoError(t, err)
	list, err := a.List()
	require.NoError(t, err)
	names := map[string]bool{}
	for _, tk := range list {
		names[tk.Name] = true
	}
	require.Equal(t, map[string]bool{"reviewer A": true, "one": true, "two": true}, names)
}
