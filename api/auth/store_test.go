package auth_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
)

func TestTokenLifecycle(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, err := auth.OpenStore(dir)
	require.NoError(t, err)
	op := uuid.New()
	tok, secret, err := s.Create(auth.Spec{Name: "MCO", Role: auth.RoleOfficer, Operations: []uuid.UUID{op}})
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(secret, "lgr_"))

	p, err := s.Authenticate(secret)
	require.NoError(t, err)
	require.Equal(t, tok.ID, p.ID)
	require.Equal(t, "token:"+tok.ID, p.Actor().ID)

	_, err = s.Authenticate(secret + "x")
	require.ErrorIs(t, err, auth.ErrUnauthenticated)

	_, err = s.Revoke(tok.ID)
	require.NoError(t, err)
	_, err = s.Authenticate(secret)
	require.ErrorIs(t, err, auth.ErrUnauthenticated)
	list, err := s.List()
	require.NoError(t, err)
	require.Len(t, list, 1, "a revoked token stays listed")
	require.False(t, list[0].Active())

	_, err = s.Revoke("nope")
	require.ErrorIs(t, err, auth.ErrTokenNotFound)
}

func TestTokenFileHoldsOnlyHashes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, err := auth.OpenStore(dir)
	require.NoError(t, err)
	_, secret, err := s.Create(auth.Spec{Name: "r", Role: auth.RoleReviewer})
	require.NoError(t, err)
	path := filepath.Join(dir, auth.FileName)
	info, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NotContains(t, string(raw), secret)
}

// A running server and `ledger token create` are two processes with two
// stores on one file: each sees the other's changes.
func TestAnotherStoreSeesChanges(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	server, err := auth.OpenStore(dir)
	require.NoError(t, err)
	cli, err := auth.OpenStore(dir)
	require.NoError(t, err)
	tok, secret, err := cli.Create(auth.Spec{Name: "a", Role: auth.RoleAnalyst})
	require.NoError(t, err)
	_, err = server.Authenticate(secret)
	require.NoError(t, err)
	_, err = cli.Revoke(tok.ID)
	require.NoError(t, err)
	_, err = server.Authenticate(secret)
	require.ErrorIs(t, err, auth.ErrUnauthenticated)
}

func TestSpecValidation(t *testing.T) {
	t.Parallel()
	s, err := auth.OpenStore(t.TempDir())
	require.NoError(t, err)
	cases := map[string]struct {
		spec auth.Spec
		want error
	}{
		"unknown role":        {auth.Spec{Name: "x", Role: "king"}, auth.ErrUnknownRole},
		"no name":             {auth.Spec{Role: auth.RoleAdmin}, auth.ErrNameRequired},
		"officer without ops": {auth.Spec{Name: "x", Role: auth.RoleOfficer}, auth.ErrOperationsRequired},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, _, err := s.Create(tc.spec)
			require.ErrorIs(t, err, tc.want)
		})
	}
}

func TestEnsureAdminRunsOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, err := auth.OpenStore(dir)
	require.NoError(t, err)
	secret, err := auth.EnsureAdmin(s, dir)
	require.NoError(t, err)
	require.NotEmpty(t, secret)
	raw, err := os.ReadFile(filepath.Join(dir, auth.AdminTokenFile))
	require.NoError(t, err)
	require.Equal(t, secret+"\n", string(raw))
	p, err := s.Authenticate(secret)
	require.NoError(t, err)
	require.Equal(t, auth.RoleAdmin, p.Role)

	again, err := auth.EnsureAdmin(s, dir)
	require.NoError(t, err)
	require.Empty(t, again, "tokens exist: nothing is created")
}

// Get finds one token by id, revoked ones too, without listing them all.
func TestGetFindsATokenByID(t *testing.T) {
	t.Parallel()
	s, err := auth.OpenStore(t.TempDir())
	require.NoError(t, err)
	tok, _, err := s.Create(auth.Spec{Name: "MCO", Role: auth.RoleOfficer, Operations: []uuid.UUID{uuid.New()}})
	require.NoError(t, err)
	got, found, err := s.Get(tok.ID)
	require.NoError(t, err)
	require.True(t, found)
	require.Equal(t, tok.Name, got.Name)
	require.True(t, got.Active())
	_, err = s.Revoke(tok.ID)
	require.NoError(t, err)
	got, found, err = s.Get(tok.ID)
	require.NoError(t, err)
	require.True(t, found)
	require.False(t, got.Active(), "a revoked token is found, and says so")
	_, found, err = s.Get("no-such-id")
	require.NoError(t, err)
	require.False(t, found)
}
