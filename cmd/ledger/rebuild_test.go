package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/sqlite"
	"github.com/movementcoord/ledger/eventstore/synthetic"
	"github.com/movementcoord/ledger/projections/readmodel"
	"github.com/movementcoord/ledger/projections/replaybench"
)

func TestRebuildReplaysTheStoreIntoEveryView(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, dir)
	require.NoError(t, err)
	n, err := synthetic.Fill(ctx, store, synthetic.New(5, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), synthetic.FillOptions{Events: 2000, Workers: 8})
	require.NoError(t, err)
	require.NoError(t, store.Close())

	cmd := newRebuildCommand()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&bytes.Buffer{})
	cmd.SetArgs([]string{"--data", dir, "--json"})
	require.NoError(t, cmd.ExecuteContext(ctx))
	var rep rebuildReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	require.Equal(t, n, rep.Events)
	require.Equal(t, uint64(n), rep.Position)
	require.Positive(t, rep.PerSecond)
	require.Len(t, rep.Views, len(readmodel.Factories()))
	for _, v := range rep.Views {
		require.Empty(t, v.Error, v.Name)
		require.Equal(t, uint64(n), v.Position, v.Name)
	}
}

func TestBenchReplayPrintsTheFigures(t *testing.T) {
	cmd := newBenchReplayCommand()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&bytes.Buffer{})
	cmd.SetArgs([]string{"--events", "3000", "--json", "--dir", t.TempDir()})
	require.NoError(t, cmd.ExecuteContext(context.Background()))
	var res replaybench.Result
	require.NoError(t, json.Unmarshal(out.Bytes(), &res))
	require.GreaterOrEqual(t, res.Events, 3000)
	require.Positive(t, res.ScanPerS)
	require.Positive(t, res.RebuildPerS)
	require.Positive(t, res.RebuildSeconds)
	require.Positive(t, res.HeapBytesPerEvent)
	var raw map[string]any
	require.NoError(t, json.Unmarshal(out.Bytes(), &raw))
	for _, k := range []string{"events", "scan_per_s", "rebuild_per_s", "rebuild_seconds", "heap_bytes_per_event"} {
		require.Contains(t, raw, k)
	}
}

func TestRebuildReportsAViewThatFails(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, dir)
	require.NoError(t, err)
	_, err = synthetic.Fill(ctx, store, synthetic.New(6, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), synthetic.FillOptions{Events: 300})
	require.NoError(t, err)
	_, err = store.Append(ctx, "lesson-0193f0a0-0000-7000-8000-000000000009", eventstore.NoStream(),
		eventstore.EventData{ID: uuid.New(), Type: "lesson.invented.v9", Data: []byte(`{}`), Metadata: []byte(`{}`)})
	require.NoError(t, err)
	require.NoError(t, store.Close())

	cmd := newRebuildCommand()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&bytes.Buffer{})
	cmd.SetArgs([]string{"--data", dir})
	err = cmd.ExecuteContext(ctx)
	views := len(readmodel.Factories())
	require.ErrorContains(t, err, fmt.Sprintf("%d of %d views failed", views, views))
	require.Contains(t, out.String(), "FAILED at position")
	require.Contains(t, out.String(), "lesson.invented.v9")
}
