package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/eventstore/verify"
)

func newDigestCommand() *cobra.Command {
	var (
		fl  integrityFlags
		out string
	)
	cmd := &cobra.Command{
		Use:   "digest",
		Short: "Verify the store and save its latest signed checkpoint",
		Long: `Verifies the whole log (a log that fails is refused), then writes its latest
signed checkpoint (a C2SP tlog-checkpoint note, signed in the same commit as
the events it covers) to --out. Keep that file somewhere else: checking the
store against it later (ledger verify --checkpoint FILE) detects any rewrite,
truncation or rollback of what it covers, and a reviewer can ask a server for
a consistency proof from it (GET /api/v1/integrity/consistency?from=SIZE).`,
		Example: "  ledger digest --out checkpoint-2026-11-22.txt",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			applyEnv(cmd.Flags())
			relaxGC()
			v, err := fl.verifier("")
			if err != nil {
				return err
			}
			if v == nil {
				return fmt.Errorf("no signing key at %s: the log's checkpoints cannot be checked", fl.keyPath())
			}
			store, err := fl.openExisting(cmd.Context())
			if err != nil {
				return err
			}
			defer store.Close()
			p, _, err := verify.Latest(cmd.Context(), store, v)
			if err != nil {
				return err
			}
			cp, note := p.Checkpoint()
			if err := os.WriteFile(out, note, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "checkpoint: %d events, root %s\nverifier key: %s\nwritten to %s\n", cp.Size, cp.Root, v.Key, out)
			return nil
		},
	}
	fl.register(cmd.Flags())
	cmd.Flags().StringVar(&out, "out", "", "file to write the checkpoint to (required)")
	_ = cmd.MarkFlagRequired("out")
	return cmd
}
