package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
)

// run executes the ledger command line in process and returns its stdout.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	root := newRootCommand()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(args)
	err := root.Execute()
	return out.String(), err
}

func TestSchemaJSONListsEveryEventType(t *testing.T) {
	out, err := run(t, "schema", "--json")
	require.NoError(t, err)
	var docs []struct {
		Type      string            `json:"type"`
		Version   int               `json:"version"`
		Aggregate string            `json:"aggregate"`
		Fields    []json.RawMessage `json:"fields"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &docs))
	var types []string
	for _, d := range docs {
		require.NotEmpty(t, d.Aggregate, d.Type)
		require.Positive(t, d.Version, d.Type)
		types = append(types, d.Type)
	}
	require.ElementsMatch(t, domain.EventTypes(), types)
}

func TestBenchStoreJSONHasEveryFigure(t *testing.T) {
	if testing.Short() {
		t.Skip("writes to disk for a few seconds")
	}
	out, err := run(t, "bench", "store", "--json", "--phase", "150ms", "--scan-events", "2000", "--dir", t.TempDir())
	require.NoError(t, err)
	var res map[string]float64
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	for _, key := range []string{"fsync_per_s", "single_per_s", "writers16_per_s", "writers128_per_s",
		"batch100_per_s", "syncs_per_group", "scan_per_s",
		"unsigned_writers16_per_s", "signed_writers16_per_s", "unsigned_writers16_latency_ms", "signed_writers16_latency_ms"} {
		require.Positive(t, res[key], key)
	}
	require.GreaterOrEqual(t, res["scan_events"], 2000.0)
}

func TestEverySubcommandHasHelp(t *testing.T) {
	for _, c := range newRootCommand().Commands() {
		require.NotEmpty(t, c.Short, c.Name())
		_, err := run(t, c.Name(), "--help")
		require.NoError(t, err, c.Name())
	}
}

func TestUnknownFlagIsAnError(t *testing.T) {
	_, err := run(t, "bench", "store", "--no-such-flag")
	require.ErrorContains(t, err, "unknown flag")
}
