package analysis_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/projections/analysis"
)

func TestSummariseUsesNearestRank(t *testing.T) {
	t.Parallel()
	m := time.Minute
	secs := func(d time.Duration) int64 { return int64(d / time.Second) }
	cases := []struct {
		name string
		in   []time.Duration
		want analysis.Durations
	}{
		{"empty", nil, analysis.Durations{}},
		{"one", []time.Duration{5 * m}, analysis.Durations{Count: 1, MedianS: secs(5 * m), P90S: secs(5 * m)}},
		// sorted 1,3,7: median rank ceil(0.5*3)=2 -> 3; p90 rank ceil(0.9*3)=3 -> 7
		{"three unsorted", []time.Duration{7 * m, m, 3 * m}, analysis.Durations{Count: 3, MedianS: secs(3 * m), P90S: secs(7 * m)}},
		// 1..10: median rank ceil(5)=5 -> 5; p90 rank ceil(9)=9 -> 9
		{"ten", []time.Duration{10 * m, 9 * m, 8 * m, 7 * m, 6 * m, 5 * m, 4 * m, 3 * m, 2 * m, m},
			analysis.Durations{Count: 10, MedianS: secs(5 * m), P90S: secs(9 * m)}},
		// 1..11: median rank ceil(5.5)=6 -> 6; p90 rank ceil(9.9)=10 -> 10
		{"eleven", []time.Duration{m, 2 * m, 3 * m, 4 * m, 5 * m, 6 * m, 7 * m, 8 * m, 9 * m, 10 * m, 11 * m},
			analysis.Durations{Count: 11, MedianS: secs(6 * m), P90S: secs(10 * m)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, c.want, analysis.Summarise(c.in))
		})
	}
}

// Durations are whole seconds, rounded: no float noise, no nanoseconds.
func TestSummariseRoundsToWholeSeconds(t *testing.T) {
	t.Parallel()
	got := analysis.Summarise([]time.Duration{1500 * time.Millisecond, 2*time.Hour + 400*time.Millisecond})
	require.Equal(t, analysis.Durations{Count: 2, MedianS: 2, P90S: 7200}, got)
}
