package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/api/app"
	"github.com/movementcoord/ledger/api/demo"
	"github.com/movementcoord/ledger/api/server"
	"github.com/movementcoord/ledger/eventstore/backend"
)

func newDemoCommand() *cobra.Command {
	var cfg backend.Config
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Fill a ledger with a realistic earthquake response",
		Long: `Writes a six-week earthquake response through the same write path as the API:
the host National Society, the IFRC, the ICRC and three partner National
Societies; mechanisms at three levels; meetings with minutes; decisions that
are endorsed, amended, superseded and rescinded; action points in every state
(some overdue); a compliance issue escalated twice and resolved, one dismissed;
lessons. Demo contacts use addresses at example.org.

Running it again on the same data writes nothing: every command carries a fixed
idempotency key. Stop the server first when using the embedded store (one
process per data directory).

  --data   LEDGER_DATA
  --store  LEDGER_STORE`,
		Example: "  ledger demo\n  ledger demo --data /tmp/demo && ledger serve --data /tmp/demo",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			applyEnv(cmd.Flags())
			store, what, err := backend.Open(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			defer store.Close()
			keys, err := backend.OpenKeys(cmd.Context(), cfg, store)
			if err != nil {
				return err
			}
			defer keys.Close()
			bar := newProgress(cmd.ErrOrStderr(), demo.Commands, "demo")
			sum, err := demo.Run(cmd.Context(), app.New(store, app.WithKeys(keys)), time.Now(), func(int) { _ = bar.Add(1) })
			_ = bar.Finish()
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "demo operation %s in %s: %d commands, %d written, %d already there\n",
				sum.OperationID, what, sum.Commands, sum.Written, sum.Duplicates)
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.DataDir, "data", server.DefaultDataDir, "data directory of the embedded store (env LEDGER_DATA)")
	f.StringVar(&cfg.URL, "store", "", "KurrentDB connection string instead of the embedded store (env LEDGER_STORE)")
	return cmd
}
