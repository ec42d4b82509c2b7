package backend_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore/backend"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/sqlite"
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
