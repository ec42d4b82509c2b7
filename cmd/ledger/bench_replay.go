package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/projections/replaybench"
)

func newBenchReplayCommand() *cobra.Command {
	var (
		asJSON  bool
		dir     string
		store   string
		profile string
		cfg     replaybench.Config
	)
	cmd := &cobra.Command{
		Use:   "replay",
		Short: "Measure a full rebuild of every view against a raw scan of the log",
		Long: `Generates a realistic embedded store of --events events (many operations, every
event kind) in a temporary directory, then measures in the same run: a raw scan
of the global log that decodes nothing (scan_per_s), and a full rebuild of every
view from it (rebuild_per_s, rebuild_seconds), and the live heap the rebuilt
views hold per event (heap_bytes_per_event, after a GC). Progress goes to
stderr; the figures to stdout.`,
		Example: "  ledger bench replay\n  ledger bench replay --events 1000000 --json\n" +
			"  ledger bench replay --store /tmp/replay1m --events 1000000 --cpuprofile rebuild.pprof --profile-phase rebuild",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if store != "" {
				cfg.Dir, cfg.Reuse = store, true
			} else {
				tmp, err := os.MkdirTemp(dir, "ledger-replay-")
				if err != nil {
					return fmt.Errorf("temporary directory: %w", err)
				}
				defer os.RemoveAll(tmp)
				cfg.Dir = tmp
			}
			if profile != "" {
				f, err := os.Create(profile)
				if err != nil {
					return err
				}
				defer f.Close()
				cfg.CPUProfile = f
			}
			cfg.Progress = func(phase string) { fmt.Fprintf(cmd.ErrOrStderr(), "bench replay: %s...\n", phase) }
			res, err := replaybench.Run(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(cmd.OutOrStdout()).Encode(res)
			}
			return writeReplayTable(cmd.OutOrStdout(), res)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&asJSON, "json", false, "print one JSON object instead of a table")
	f.StringVar(&dir, "dir", "", "where to create the temporary store (default: the system temp dir)")
	f.StringVar(&store, "store", "", "measure the log in this directory, generating it there first if it holds none (kept afterwards)")
	f.StringVar(&profile, "cpuprofile", "", "write a CPU profile of one phase (--profile-phase) to this file")
	f.StringVar(&cfg.ProfilePhase, "profile-phase", "rebuild", "the phase --cpuprofile covers: scan or rebuild")
	f.IntVar(&cfg.Events, "events", 100_000, "events to generate")
	f.Uint64Var(&cfg.Seed, "seed", 1, "seed of the generated log")
	f.IntVar(&cfg.Appender, "appenders", 32, "concurrent appenders while generating (their commits are grouped)")
	return cmd
}

func writeReplayTable(w io.Writer, r replaybench.Result) error {
	_, err := fmt.Fprintf(w, `events                 %d
generate               %.1f s
raw scan               %.0f events/s (%.2f s)
rebuild of %d views    %.0f events/s (%.2f s)
rebuild / scan         %.2f
heap held per event    %.0f bytes
cpu per event          scan %.2f us, rebuild %.2f us
`, r.Events, r.GenerateSeconds, r.ScanPerS, r.ScanSeconds, r.Views, r.RebuildPerS, r.RebuildSeconds, r.RebuildVsScan,
		r.HeapBytesPerEvent, r.ScanCPUMicros, r.RebuildCPUMicros)
	return err
}
