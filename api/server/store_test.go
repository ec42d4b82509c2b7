package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/server"
	"github.com/movementcoord/ledger/eventstore/kurrent"
)

func TestBadKurrentConnectionStringFailsAtStart(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := server.Run(ctx, server.Options{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Store: "not a connection string"})
	require.ErrorIs(t, err, kurrent.ErrInvalidConnString)
}

func TestSecondServerOnOneDataDirIsRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	first := start(t, dir)
	defer func() { require.NoError(t, first.stop()) }()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.Error(t, server.Run(ctx, server.Options{Addr: "127.0.0.1:0", DataDir: dir}))
}
