package httpbench_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpbench"
)

// A small run measures every phase: each reports requests that succeeded
// (a failing request ends its phase with an error), and the references
// are measured in the same run. Figures are reported, never asserted.
func TestRunMeasuresEveryPhase(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server and drives it")
	}
	r, err := httpbench.Run(context.Background(), httpbench.Config{Dir: t.TempDir(), ActionPoints: 300,
		Clients: 4, Phase: 300 * time.Millisecond, PageSize: 50})
	require.NoError(t, err)
	require.Equal(t, 300, r.ActionPoints)
	for name, phase := range map[string]httpbench.Rate{"healthz": r.Health, "pages": r.Pages, "figures": r.Figures, "writes": r.Writes} {
		require.Positive(t, phase.N, name)
		require.LessOrEqual(t, phase.P50Ms, phase.P99Ms, name)
	}
	require.Positive(t, r.Writers64PerS)
	require.InDelta(t, r.Writes.PerS/r.Writers64PerS, r.WritesVsRaw, 1e-9)
	require.Positive(t, r.StartupSeconds)
	require.Positive(t, r.RSSIdleMB)
}
