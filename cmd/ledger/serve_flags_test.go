package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The shared-store timings are set by flag or by environment, the flag
// winning, like every other serve setting.
func TestServeTakesLeaseAndCheckpointTimingsFromFlagsOrEnvironment(t *testing.T) {
	cases := []struct {
		name                  string
		args                  []string
		env                   map[string]string
		wantTTL, wantInterval time.Duration
	}{
		{"flags", []string{"--lease-ttl", "40s", "--checkpoint-every", "3s"}, nil, 40 * time.Second, 3 * time.Second},
		{"environment", nil, map[string]string{"LEDGER_LEASE_TTL": "7s", "LEDGER_CHECKPOINT_EVERY": "90s"}, 7 * time.Second, 90 * time.Second},
		{"a flag wins over its variable", []string{"--lease-ttl", "20s"}, map[string]string{"LEDGER_LEASE_TTL": "7s"}, 20 * time.Second, 10 * time.Second},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			cmd := newServeCommand()
			require.NoError(t, cmd.ParseFlags(tc.args))
			applyEnv(cmd.Flags())
			ttl, err := cmd.Flags().GetDuration("lease-ttl")
			require.NoError(t, err)
			every, err := cmd.Flags().GetDuration("checkpoint-every")
			require.NoError(t, err)
			require.Equal(t, tc.wantTTL, ttl)
			require.Equal(t, tc.wantInterval, every)
		})
	}
}
