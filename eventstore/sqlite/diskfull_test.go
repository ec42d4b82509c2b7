package sqlite_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/sqlite"
	"github.com/movementcoord/ledger/eventstore/tinydisk"
)

func countEvents(t *testing.T, s eventstore.Store) int {
	t.Helper()
	n := 0
	for _, err := range s.ReadAll(context.Background(), 0, 0) {
		require.NoError(t, err)
		n++
	}
	return n
}

// TestAFullDiskRefusesTheAppendAndLosesNothing: on a real full disk (a
// 2 MiB tmpfs), the append that does not fit is refused with
// ErrStorageFull; every acknowledged event is still there, and once space
// is freed the log takes appends again.
func TestAFullDiskRefusesTheAppendAndLosesNothing(t *testing.T) {
	dir := tinydisk.Mount(t, "2m")
	ctx := context.Background()
	reserve := filepath.Join(dir, "reserve")
	require.NoError(t, os.WriteFile(reserve, make([]byte, 256<<10), 0o600))
	s, err := sqlite.Open(ctx, dir)
	require.NoError(t, err)
	defer func() { _ = s.Close() }()

	payload := fmt.Appendf(nil, `{"text":%q}`, bytes.Repeat([]byte("x"), 2000))
	acknowledged := 0
	var refused error
	for range 5000 {
		_, refused = s.Append(ctx, "actionpoint-"+newID().String(), eventstore.NoStream(),
			eventstore.EventData{ID: newID(), Type: "test.filled.v1", Data: payload})
		if refused != nil {
			break
		}
		acknowledged++
	}
	require.ErrorIs(t, refused, eventstore.ErrStorageFull, "5000 appends of 2 KB cannot fit in 2 MiB")
	require.Positive(t, acknowledged)
	require.Equal(t, acknowledged, countEvents(t, s), "every acknowledged event is kept, the refused one is not")

	require.NoError(t, os.Remove(reserve))
	_, err = s.Append(ctx, "actionpoint-"+newID().String(), eventstore.NoStream(),
		eventstore.EventData{ID: newID(), Type: "test.filled.v1", Data: payload})
	require.NoError(t, err, "with space freed the log writes again")
	require.NoError(t, s.Close())
	reopened, err := sqlite.Open(ctx, dir)
	require.NoError(t, err)
	defer func() { require.NoError(t, reopened.Close()) }()
	require.Equal(t, acknowledged+1, countEvents(t, reopened), "and it is all there after a restart")
}
