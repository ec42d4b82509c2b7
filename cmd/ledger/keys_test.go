package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/keyservice/keyservicetest"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

// TestCommandsShareTheKeyService: demo and export on KurrentDB, each with
// its own data directory, seal and open personal data through one key
// service, configured from the environment; neither keeps a key file.
func TestCommandsShareTheKeyService(t *testing.T) {
	db := esdbtest.Start(t, esdbtest.Options{})
	keys := keyservicetest.Start(t, t.TempDir())
	t.Setenv("LEDGER_STORE", db.ConnString())
	t.Setenv("LEDGER_KEYS", keys.URL)
	t.Setenv("LEDGER_KEYS_TOKEN", keys.Token)

	writer, reader := t.TempDir(), t.TempDir()
	out, err := run(t, "demo", "--data", writer)
	require.NoError(t, err)
	op := operationOf(t, out)
	out, err = run(t, "export", "--data", reader, "--operation", op, "--view", "contacts", "--audience", "movement")
	require.NoError(t, err)
	require.Contains(t, out, "hns-dm@example.org", "the reader opens what the writer sealed")
	for _, dir := range []string{writer, reader} {
		require.NoFileExists(t, filepath.Join(dir, keystore.FileName))
	}

	t.Setenv("LEDGER_KEYS_TOKEN", "wrong")
	_, err = run(t, "export", "--data", reader, "--operation", op, "--view", "contacts", "--audience", "movement")
	require.ErrorIs(t, err, keystore.ErrUnauthorized)
}
