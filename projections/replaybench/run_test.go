package replaybench_test

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/projections/replaybench"
)

// TestRunMeasuresASmallStore runs the whole benchmark on a small store;
// LEDGER_REPLAY_EVENTS sets a bigger size for a manual measurement.
func TestRunMeasuresASmallStore(t *testing.T) {
	t.Parallel()
	n := 5_000
	if s := os.Getenv("LEDGER_REPLAY_EVENTS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	res, err := replaybench.Run(context.Background(), replaybench.Config{Events: n, Dir: t.TempDir(), Appender: 32,
		Progress: func(p string) { t.Log(p) }})
	require.NoError(t, err)
	require.GreaterOrEqual(t, res.Events, n)
	require.Positive(t, res.ScanPerS)
	require.Positive(t, res.RebuildPerS)
	require.Positive(t, res.HeapBytesPerEvent)
	t.Logf("%+v", res)
}
