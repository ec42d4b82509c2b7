package main

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/api/httpbench"
)

func newBenchHTTPCommand() *cobra.Command {
	var (
		asJSON  bool
		dir     string
		profile string
		cfg     httpbench.Config
	)
	cmd := &cobra.Command{
		Use:   "http",
		Short: "Measure the HTTP API: register pages, figures and commands under concurrent clients",
		Long: `Raises --action-points action points in one operation of a temporary embedded
store (through the service, in process), starts a server on it (timing start-up
to /readyz 200), then drives it with --clients concurrent in-process clients,
one phase each: /healthz (the reference for reads), register pages of
--page-size following next_cursor, /figures, and actionpoint.raise commands.
It stops the server and measures the raw group-commit rate of the same store
with 64 writers (writers64), the reference for writes. Memory is the
process's (server and clients) before and during the page phase. Progress
goes to stderr; the figures to stdout.`,
		Example: "  ledger bench http\n  ledger bench http --json --action-points 100000 --cpuprofile writes.pprof --profile-phase writes",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			tmp, err := os.MkdirTemp(dir, "ledger-http-")
			if err != nil {
				return fmt.Errorf("temporary directory: %w", err)
			}
			defer os.RemoveAll(tmp)
			if profile != "" {
				f, err := os.Create(profile)
				if err != nil {
					return err
				}
				defer f.Close()
				cfg.CPUProfile = f
			}
			cfg.Dir = tmp
			cfg.Progress = func(phase string) { fmt.Fprintf(cmd.ErrOrStderr(), "bench http: %s...\n", phase) }
			res, err := httpbench.Run(contextOf(cmd), cfg)
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
	f.StringVar(&profile, "cpuprofile", "", "write a CPU profile of one phase (--profile-phase) to this file")
	f.StringVar(&cfg.ProfilePhase, "profile-phase", "writes", "the phase --cpuprofile covers: startup (to /readyz 200), healthz, pages, writes or figures")
	f.IntVar(&cfg.ActionPoints, "action-points", 100_000, "action points in the operation before the clients start")
	f.IntVar(&cfg.Clients, "clients", 64, "concurrent clients")
	f.IntVar(&cfg.PageSize, "page-size", 50, "?limit= of the register pages")
	f.DurationVar(&cfg.Phase, "phase", 5*time.Second, "how long each measured phase runs")
	return cmd
}
