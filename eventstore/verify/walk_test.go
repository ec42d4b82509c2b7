package verify

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

// A store of many batches: a fault in the middle stops the parallel walk at
// exactly that event, and a cancelled walk ends with the context's error.
func TestWalkAcrossBatchesStopsAtTheFault(t *testing.T) {
	t.Parallel()
	const n = 5000
	dir := filepath.Join(t.TempDir(), "store")
	buildBenchStore(t, dir, n)
	open := func() *sqlite.Store {
		store, err := sqlite.Open(context.Background(), dir)
		require.NoError(t, err)
		return store
	}
	store := open()
	rep, err := Check(context.Background(), store, Options{})
	require.NoError(t, err)
	require.Nil(t, rep.Problem)
	require.Equal(t, uint64(n), rep.Events)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Check(ctx, store, Options{})
	require.ErrorIs(t, err, context.Canceled)
	require.NoError(t, store.Close())

	db, err := sql.Open("sqlite", filepath.Join(dir, "ledger.db"))
	require.NoError(t, err)
	_, err = db.Exec("UPDATE events SET data = replace(data, 'kits', 'kitz') WHERE position = 2999")
	require.NoError(t, err)
	require.NoError(t, db.Close())

	store = open()
	defer store.Close()
	rep, err = Check(context.Background(), store, Options{})
	require.NoError(t, err)
	require.NotNil(t, rep.Problem)
	require.Equal(t, uint64(2999), rep.Problem.Position)
	require.ErrorIs(t, rep.Problem, integrity.ErrHashMismatch)
	require.Equal(t, uint64(2998), rep.Events, "events before the fault were checked")
}
