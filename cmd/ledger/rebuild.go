package main

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/eventstore/sqlite"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// rebuildReport is what `ledger rebuild --json` prints.
type rebuildReport struct {
	Events    int                 `json:"events"`
	Position  uint64              `json:"position"`
	Seconds   float64             `json:"seconds"`
	PerSecond float64             `json:"per_s"`
	Views     []rebuildViewReport `json:"views"`
}

type rebuildViewReport struct {
	Name     string `json:"name"`
	Position uint64 `json:"position"`
	Error    string `json:"error,omitempty"`
}

func newRebuildCommand() *cobra.Command {
	var (
		dataDir string
		asJSON  bool
	)
	cmd := &cobra.Command{
		Use:   "rebuild",
		Short: "Replay the whole log into every view and report the rate",
		Long: `Replays the embedded store's whole log, from position zero, into fresh instances
of every view (registers, audit trail, timelines), as a running server does when
it starts or when a view is rebuilt, and reports how many events per second that
took. A view that fails on an event is reported with the event's position and
the error; the command then exits non-zero. Progress goes to stderr.

The data directory is locked by a running server: stop it first.`,
		Example: "  ledger rebuild\n  ledger rebuild --data /var/lib/ledger --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			store, err := sqlite.Open(cmd.Context(), dataDir)
			if err != nil {
				return fmt.Errorf("open the store in %s: %w", dataDir, err)
			}
			defer store.Close()
			bar := progressbar.NewOptions64(-1, progressbar.OptionSetWriter(cmd.ErrOrStderr()),
				progressbar.OptionSetDescription("rebuilding views"), progressbar.OptionShowCount(),
				progressbar.OptionShowIts(), progressbar.OptionSetItsString("events"),
				progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
			set := readmodel.NewSet()
			start := time.Now()
			res, err := projections.Replay(cmd.Context(), store, projections.ReplayOptions{
				OnBatch: func(_ uint64, events int) { _ = bar.Set(events) },
			}, set.All()...)
			_ = bar.Finish()
			if err != nil {
				return err
			}
			return reportRebuild(cmd, res, time.Since(start), asJSON)
		},
	}
	f := cmd.Flags()
	f.StringVar(&dataDir, "data", defaultDataDir(), "data directory of the embedded store (env LEDGER_DATA)")
	f.BoolVar(&asJSON, "json", false, "print one JSON object instead of text")
	return cmd
}

func reportRebuild(cmd *cobra.Command, res projections.ReplayResult, took time.Duration, asJSON bool) error {
	rep := rebuildReport{Events: res.Events, Position: res.Position, Seconds: took.Seconds(),
		PerSecond: float64(res.Events) / max(took.Seconds(), 1e-9)}
	failed := 0
	for _, v := range res.Views {
		vr := rebuildViewReport{Name: v.Name, Position: v.Position}
		if v.Err != nil {
			vr.Error, failed = v.Err.Error(), failed+1
		}
		rep.Views = append(rep.Views, vr)
	}
	out := cmd.OutOrStdout()
	if asJSON {
		if err := json.NewEncoder(out).Encode(rep); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(out, "rebuilt %d views from %d events in %.2fs: %.0f events/s\n", len(rep.Views), rep.Events, rep.Seconds, rep.PerSecond)
		for _, v := range rep.Views {
			if v.Error != "" {
				fmt.Fprintf(out, "  %-12s FAILED at position %d: %s\n", v.Name, v.Position, v.Error)
			}
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d views failed", failed, len(rep.Views))
	}
	return nil
}

// defaultDataDir is LEDGER_DATA when set, else ./ledger-data.
func defaultDataDir() string {
	if v := os.Getenv("LEDGER_DATA"); v != "" {
		return v
	}
	return "./ledger-data"
}
