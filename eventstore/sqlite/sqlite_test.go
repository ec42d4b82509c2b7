package sqlite_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/sqlite"
	"github.com/movementcoord/ledger/eventstore/storetest"
)

func openTemp(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, s.Close()) })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) eventstore.Store { return openTemp(t) },
		storetest.Options{GaplessPositions: true, StrictEventIDs: true})
}

func newID() uuid.UUID { return uuid.Must(uuid.NewV7()) }

func runtimeProcs() int { return runtime.GOMAXPROCS(0) }
