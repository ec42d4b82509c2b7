package projections

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestParseUTCAgreesWithTimeParse(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"2026-03-01T10:00:00Z", "2026-03-01T10:00:00.5Z", "2026-03-01T10:00:00.123456789Z",
		"2024-02-29T23:59:59.000000001Z", "0001-01-01T00:00:00Z",
	} {
		want, err := time.Parse(time.RFC3339Nano, s)
		require.NoError(t, err)
		got, ok := parseUTC([]byte(s))
		require.True(t, ok, s)
		require.Equal(t, want, got, s)
	}
}

func TestParseUTCLeavesTheRestToTimeParse(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"2026-03-01T10:00:00+02:00", "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-03-01T24:00:00Z",
		"2026-03-01T10:00:60Z", "2026-03-01T10:00:00.Z", "2026-03-01T10:00:00.1234567890Z", "2026-03-01 10:00:00Z",
		"2026-03-01T10:00:0xZ", "",
	} {
		_, ok := parseUTC([]byte(s))
		require.False(t, ok, s)
	}
}
