package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/projections/restartbench"
)

func newBenchRestartCommand() *cobra.Command {
	var (
		asJSON bool
		dir    string
		store  string
		cfg    restartbench.Config
	)
	cmd := &cobra.Command{
		Use:   "restart",
		Short: "Measure how soon the views are ready after a start, with and without a snapshot",
		Long: `Generates an embedded store of --events events in a temporary directory (or
reuses --store), then measures in the same run how long every view takes from
start to ready (what /readyz reports): with no snapshot, replaying the whole log
(cold_ready_seconds); from the snapshot written when that run stopped, with
nothing after it (warm_ready_seconds); and from that snapshot after --tail more
events were appended (tail_ready_seconds). It reports the snapshot's size and
the time to encode (which holds the live loop, not queries) and write it, and
the views that are not in snapshots and so replay the whole log on every start.
Progress goes to stderr; the figures to stdout.`,
		Example: "  ledger bench restart\n  ledger bench restart --events 1000000 --json\n" +
			"  ledger bench restart --store /tmp/restart1m --events 1000000 --json",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if store != "" {
				cfg.Dir, cfg.Reuse = store, true
			} else {
				tmp, err := os.MkdirTemp(dir, "ledger-restart-")
				if err != nil {
					return fmt.Errorf("temporary directory: %w", err)
				}
				defer os.RemoveAll(tmp)
				cfg.Dir = tmp
			}
			cfg.Progress = func(phase string) { fmt.Fprintf(cmd.ErrOrStderr(), "bench restart: %s...\n", phase) }
			res, err := restartbench.Run(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(cmd.OutOrStdout()).Encode(res)
			}
			return writeRestartTable(cmd.OutOrStdout(), res)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&asJSON, "json", false, "print one JSON object instead of a table")
	f.StringVar(&dir, "dir", "", "where to create the temporary store (default: the system temp dir)")
	f.StringVar(&store, "store", "", "measure the log in this directory, generating it there first if it holds none (kept; each run appends --tail events)")
	f.IntVar(&cfg.Events, "events", 100_000, "events to generate")
	f.IntVar(&cfg.Tail, "tail", 10_000, "events appended after the snapshot")
	f.BoolVar(&cfg.Sealed, "sealed", false, "seal the snapshots as `ledger serve` does (keys in a key store file made for the run)")
	f.Uint64Var(&cfg.Seed, "seed", 1, "seed of the generated log")
	f.IntVar(&cfg.Appender, "appenders", 32, "concurrent appenders while generating (their commits are grouped)")
	return cmd
}

func writeRestartTable(w io.Writer, r restartbench.Result) error {
	_, err := fmt.Fprintf(w, `events                     %d
ready, no snapshot         %.2f s (cpu %.2f s)
snapshot                   %d bytes (%.0f per event), encode %.2f s, write %.2f s
ready, from the snapshot   %.2f s (cpu %.2f s, %.3fx the cold start)
ready, snapshot + %d events %.2f s
replayed from zero         %v
`, r.Events, r.ColdReadySeconds, r.ColdCPUSeconds, r.SnapshotBytes, r.SnapshotBytesPerEvent, r.SnapshotEncodeSeconds,
		r.SnapshotWriteSeconds, r.WarmReadySeconds, r.WarmCPUSeconds, r.WarmVsCold, r.TailEvents, r.TailReadySeconds, r.ReplayedFromZero)
	return err
}
