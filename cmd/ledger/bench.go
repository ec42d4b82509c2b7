package main

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/eventstore/storebench"
)

func newBenchCommand() *cobra.Command {
	bench := &cobra.Command{
		Use:   "bench",
		Short: "Measure the ledger on this machine",
		Long:  "Benchmarks that report ratios against a reference measured in the same run.",
	}
	bench.AddCommand(newBenchStoreCommand(), newBenchReplayCommand(), newBenchHTTPCommand(), newBenchRestartCommand())
	return bench
}

func newBenchStoreCommand() *cobra.Command {
	var (
		asJSON bool
		dir    string
		cfg    storebench.Config
	)
	cmd := &cobra.Command{
		Use:   "store",
		Short: "Measure durable appends, group commit and scans of the embedded store",
		Long: `Measures, on a temporary directory of the disk under test: the raw rate of
1 KiB write+fdatasync (the physical reference), single-writer durable appends,
16 and 128 concurrent writers, 100-event batches, syncs per commit group, and a
full scan of the global log. Progress goes to stderr; the figures to stdout.`,
		Example: "  ledger bench store\n  ledger bench store --json --phase 5s",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			tmp, err := os.MkdirTemp(dir, "ledger-bench-")
			if err != nil {
				return fmt.Errorf("temporary directory: %w", err)
			}
			defer os.RemoveAll(tmp)
			cfg.Progress = func(phase string) { fmt.Fprintf(cmd.ErrOrStderr(), "bench store: %s...\n", phase) }
			res, err := storebench.Run(cmd.Context(), tmp, cfg)
			if err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(cmd.OutOrStdout()).Encode(res)
			}
			return res.WriteTable(cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.BoolVar(&asJSON, "json", false, "print one JSON object instead of a table")
	f.StringVar(&dir, "dir", "", "where to create the temporary store (default: the system temp dir)")
	f.DurationVar(&cfg.Phase, "phase", 2*time.Second, "how long each measured phase runs")
	f.IntVar(&cfg.EventBytes, "event-bytes", 1024, "data plus metadata of each event")
	f.Int64Var(&cfg.ScanEvents, "scan-events", 200_000, "events in the log before the scan")
	return cmd
}
