package analysis_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/projections/analysis"
)

func TestFiguresEncodeDurationsInSeconds(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(analysis.Durations{Count: 2, Median: 90 * time.Second, P90: 2 * time.Hour})
	require.NoError(t, err)
	require.JSONEq(t, `{"count":2,"median_s":90,"p90_s":7200}`, string(b))
	b, err = json.Marshal(analysis.ComponentActions{Overdue: 1, Slipped: 1, Slippage: 36 * time.Hour})
	require.NoError(t, err)
	require.JSONEq(t, `{"overdue":1,"slipped":1,"slippage_s":129600}`, string(b))
}
