package main

import (
	"encoding/base64"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/api/app"
	"github.com/movementcoord/ledger/api/verify"
)

func newDigestCommand() *cobra.Command {
	var (
		fl     integrityFlags
		out    string
		record bool
	)
	cmd := &cobra.Command{
		Use:   "digest",
		Short: "Verify the store and write a signed digest of every stream head",
		Long: `Recomputes every hash chain of the store (a store that fails is not signed),
then signs a Merkle root over all stream heads at the last global position with
the Ed25519 key in the data directory (created on first use, mode 0600) and
writes it, with the heads, to --out. Keep that file somewhere else: checking
the store against it later (ledger verify --digest FILE) detects truncation
and rewritten history, which the chains alone cannot.

--record also appends the digest to the log itself (stream ledger-digests,
type ledger.digest.v1), where ledger verify checks the latest one.`,
		Example: "  ledger digest --out digest-2026-11-22.json\n  ledger digest --data /var/lib/ledger --out /mnt/offsite/digest.json --record",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			applyEnv(cmd.Flags())
			relaxGC()
			store, err := fl.openExisting(cmd.Context())
			if err != nil {
				return err
			}
			defer store.Close()
			key, created, err := verify.LoadOrCreateKey(fl.keyPath())
			if err != nil {
				return err
			}
			if created {
				fmt.Fprintf(cmd.ErrOrStderr(), "digest: created signing key %s (mode 0600); back it up\n", fl.keyPath())
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "digest: verifying %s...\n", fl.cfg.DataDir)
			file, _, err := verify.Take(cmd.Context(), store, key, time.Now())
			if err != nil {
				return err
			}
			if err := verify.WriteFile(out, file); err != nil {
				return err
			}
			d := file.Digest
			fmt.Fprintf(cmd.OutOrStdout(), "digest: position %d, %d streams, %d events\nroot: %s\npublic key: %s\nwritten to %s\n",
				d.Position, d.Streams, d.Events, d.Root, base64.StdEncoding.EncodeToString(d.PublicKey), out)
			if !record {
				return nil
			}
			res, err := app.New(store).RecordDigest(cmd.Context(), d)
			if err != nil {
				return fmt.Errorf("record digest: %w", err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "recorded in the log at position %d\n", res.Position)
			return nil
		},
	}
	fl.register(cmd.Flags())
	cmd.Flags().StringVar(&out, "out", "", "file to write the digest to (required)")
	cmd.Flags().BoolVar(&record, "record", false, "also append the digest to the log (stream ledger-digests)")
	_ = cmd.MarkFlagRequired("out")
	return cmd
}
