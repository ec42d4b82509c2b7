package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

// `ledger token --store` manages the registry every server on the
// KurrentDB reads, not a tokens.json no server of that ledger looks at.
func TestTokenCommandsUseTheSharedRegistry(t *testing.T) {
	db := esdbtest.Start(t, esdbtest.Options{})
	dir := t.TempDir()
	secret, err := run(t, "token", "create", "--store", db.ConnString(), "--data", dir, "--role", "reviewer", "--name", "R. Reviewer")
	require.NoError(t, err)
	secret = strings.TrimSpace(secret)
	require.NoFileExists(t, filepath.Join(dir, auth.FileName))

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	es, err := kurrent.Open(ctx, db.ConnString())
	require.NoError(t, err)
	defer es.Close()
	reg, err := auth.OpenShared(es.Side())
	require.NoError(t, err)
	p, err := reg.Authenticate(secret)
	require.NoError(t, err, "a server on that KurrentDB accepts it")

	_, err = run(t, "token", "revoke", "--store", db.ConnString(), p.ID)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		_, err := reg.Authenticate(secret)
		return err != nil
	}, time.Second, 20*time.Millisecond)
	out, err := run(t, "token", "list", "--store", db.ConnString())
	require.NoError(t, err)
	require.Contains(t, out, "R. Reviewer")
	_, err = os.Stat(filepath.Join(dir, auth.FileName))
	require.ErrorIs(t, err, os.ErrNotExist)
}
