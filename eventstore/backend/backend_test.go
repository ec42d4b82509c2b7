package backend_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/backend"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
	"github.com/movementcoord/ledger/eventstore/sqlite"
	"github.com/movementcoord/ledger/eventstore/storetest"
)

func TestOpenChoosesTheEmbeddedStoreByDefault(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fresh")
	s, what, err := backend.Open(context.Background(), backend.Config{DataDir: dir})
	require.NoError(t, err)
	defer s.Close()
	require.IsType(t, &sqlite.Store{}, s)
	require.Contains(t, what, filepath.Join(dir, sqlite.FileName))
}

func TestOpenRefusesAMalformedConnectionString(t *testing.T) {
	_, _, err := backend.Open(context.Background(), backend.Config{DataDir: t.TempDir(), URL: "http://not-a-kurrent-url"})
	require.ErrorIs(t, err, kurrent.ErrInvalidConnString)
}

func TestOpenKeysRefusesToStartAfreshBesideALog(t *testing.T) {
	ctx, dir := context.Background(), t.TempDir()
	cfg := backend.Config{DataDir: dir}
	s, _, err := backend.Open(ctx, cfg)
	require.NoError(t, err)
	defer s.Close()
	ks, err := backend.OpenKeys(ctx, cfg, s)
	require.NoError(t, err, "a new ledger gets a new key store")
	require.NoError(t, ks.Close())

	_, err = s.Append(ctx, "s-1", eventstore.NoStream(), storetest.NewEvents(1, "test.created.v1")...)
	require.NoError(t, err)
	require.NoError(t, os.Remove(filepath.Join(dir, keystore.FileName)))
	_, err = backend.OpenKeys(ctx, cfg, s)
	require.ErrorIs(t, err, keystore.ErrMissing)

	var n int
	for _, err := range s.ReadAll(ctx, 0, 0) {
		require.NoError(t, err)
		n++
	}
	require.Equal(t, 1, n, "the log is untouched")
}

func TestKeysPlaceIsSaidAndASplitIsWarnedOf(t *testing.T) {
	t.Parallel()
	embedded := backend.Config{DataDir: "/d"}
	require.Equal(t, "key file /d/keys.db", backend.KeysWhere(embedded))
	require.Empty(t, backend.SharedKeysWarning(embedded), "one process owns an embedded log")

	kurrentAlone := backend.Config{DataDir: "/d", URL: "esdb://db:2113"}
	require.Contains(t, backend.SharedKeysWarning(kurrentAlone), "ledger keys serve")

	shared := backend.Config{DataDir: "/d", URL: "esdb://db:2113"}
	shared.Keys.URL = "https://keys:8089"
	require.Equal(t, "key service https://keys:8089", backend.KeysWhere(shared))
	require.Empty(t, backend.SharedKeysWarning(shared))
}

// On KurrentDB, `serve --store` makes the data directory (tokens, keys) it
// needs, and the adapter reports to the logger it is given.
func TestOpenKurrentMakesTheDataDirAndLogs(t *testing.T) {
	ctx := context.Background()
	srv := esdbtest.Start(t, esdbtest.Options{})
	dir := filepath.Join(t.TempDir(), "not", "yet")
	var logs strings.Builder
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	s, what, err := backend.Open(ctx, backend.Config{DataDir: dir, URL: srv.ConnString(), Logger: logger, MakeDataDir: true})
	require.NoError(t, err)
	defer s.Close()
	require.Equal(t, "KurrentDB", what)
	info, err := os.Stat(dir)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o700), info.Mode().Perm())

	// An event the ledger did not write is reported through the logger.
	raw, err := kurrent.Open(ctx, srv.ConnString(), kurrent.WithStreamPrefix("other-"))
	require.NoError(t, err)
	defer raw.Close()
	_, err = raw.Append(ctx, "app-1", eventstore.Any(), storetest.NewEvents(1, "other.v1")...)
	require.NoError(t, err)
	for _, err := range s.ReadAll(ctx, 0, 0) {
		require.NoError(t, err)
	}
	require.Contains(t, logs.String(), "outside the ledger's namespace")
}
