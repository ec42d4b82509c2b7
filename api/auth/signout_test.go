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

var signedOutAt = time.Date(2026, 12, 2, 9, 30, 0, 123456789, time.UTC)

// listed is the token with id as store lists it (a fresh read).
func listed(t *testing.T, store *auth.Store, id string) auth.Token {
	t.Helper()
	list, err := store.List()
	require.NoError(t, err)
	for _, tk := range list {
		if tk.ID == id {
			return tk
		}
	}
	require.Failf(t, "token not listed", "%s", id)
	return auth.Token{}
}

// A sign-out is kept by the registry and seen by every store on it: two
// stores on one token file (a server and a restarted one), or two servers on
// one shared registry. An earlier time never moves it back.
func TestASignOutIsSharedAndKept(t *testing.T) {
	t.Parallel()
	cases := map[string]func(t *testing.T) (a, b *auth.Store){
		"token file": func(t *testing.T) (a, b *auth.Store) {
			dir := t.TempDir()
			a, err := auth.OpenStore(dir)
			require.NoError(t, err)
			b, err = auth.OpenStore(dir)
			require.NoError(t, err)
			return a, b
		},
		"shared registry": func(t *testing.T) (a, b *auth.Store) {
			srv := esdbtest.Start(t, esdbtest.Options{})
			open := func() *auth.Store {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				s, err := kurrent.Open(ctx, srv.ConnString(), kurrent.WithStreamPrefix("so-"))
				require.NoError(t, err)
				t.Cleanup(func() { _ = s.Close() })
				reg, err := auth.OpenShared(s.Side())
				require.NoError(t, err)
				return reg
			}
			return open(), open()
		},
	}
	for name, stores := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			// Given a token made on A
			a, b := stores(t)
			tok, secret, err := a.Create(auth.Spec{Name: "MCO", Role: auth.RoleReviewer})
			require.NoError(t, err)
			require.True(t, listed(t, b, tok.ID).SignedOutAt.IsZero(), "never signed out")

			// When its holder signs out on B
			_, err = b.SignOut(tok.ID, signedOutAt)
			require.NoError(t, err)

			// Then A knows when, to the nanosecond; the token still works
			require.True(t, signedOutAt.Equal(listed(t, a, tok.ID).SignedOutAt))
			_, err = a.Authenticate(secret)
			require.NoError(t, err, "signing out is not revoking")

			// And an earlier sign-out, on A, does not move it back
			_, err = a.SignOut(tok.ID, signedOutAt.Add(-time.Hour))
			require.NoError(t, err)
			require.True(t, signedOutAt.Equal(listed(t, b, tok.ID).SignedOutAt))
			_, err = a.SignOut("no-such-id", signedOutAt)
			require.ErrorIs(t, err, auth.ErrTokenNotFound)
		})
	}
}
