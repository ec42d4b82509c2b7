package sqlite_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

// StreamVersion answers the committed version of a stream: zero before it
// exists, each acknowledged append at once, and after a reopen the version
// the file holds (the index starts empty and reads it).
func TestStreamVersionFollowsCommits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	store, err := sqlite.Open(ctx, dir)
	require.NoError(t, err)
	version := func(s *sqlite.Store, stream string) uint64 {
		t.Helper()
		v, err := s.StreamVersion(ctx, stream)
		require.NoError(t, err)
		return v
	}
	appendTo := func(s *sqlite.Store, stream string, n int) {
		t.Helper()
		evs := make([]eventstore.EventData, n)
		for i := range evs {
			evs[i] = eventstore.EventData{ID: newID(), Type: "t", Data: []byte(`{}`)}
		}
		_, err := s.Append(ctx, stream, eventstore.Any(), evs...)
		require.NoError(t, err)
	}

	require.Equal(t, uint64(0), version(store, "a"))
	appendTo(store, "a", 2)
	appendTo(store, "b", 1)
	require.Equal(t, uint64(2), version(store, "a"))
	appendTo(store, "a", 1)
	require.Equal(t, uint64(3), version(store, "a"))
	require.NoError(t, store.Close())

	store, err = sqlite.Open(ctx, dir)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, store.Close()) })
	require.Equal(t, uint64(3), version(store, "a"))
	require.Equal(t, uint64(1), version(store, "b"))
	appendTo(store, "a", 2)
	require.Equal(t, uint64(5), version(store, "a"))
	require.Equal(t, uint64(0), version(store, "c"))
}
