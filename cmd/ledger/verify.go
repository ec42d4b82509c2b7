package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/api/server"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/sqlite"
	"github.com/movementcoord/ledger/eventstore/verify"
)

func newVerifyCommand() *cobra.Command {
	var (
		fl          integrityFlags
		checkpoints []string
		publicKey   string
		witnessKeys []string
		bundle      string
		asJSON      bool
	)
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Recompute every event hash and the Merkle log, and check the signed checkpoints",
		Long: `Reads the whole log of the store (the embedded one in --data, or KurrentDB
with --store), recomputes every event's hash, every stream's chain and the
RFC 6962 Merkle tree over all events in global order, and checks the tree
against the log's latest signed checkpoint, the checkpoint kept beside it
(ledger.checkpoint) and every --checkpoint FILE kept elsewhere (a signed note
saved by ledger digest, a reviewer or a witness). Any event altered, removed,
inserted, reordered, or appended behind the ledger's back is reported with
the first bad position, stream and version. A running server holds the lock
of the embedded store: stop it first.

Checkpoints must verify with the trusted key: --public-key, else the public
half of the signing key file. With --witness-key (a note verifier key, may be
repeated) a --bundle's checkpoint must also carry each witness's cosignature.
Progress goes to stderr. Prints "intact" with counts, or the first bad event
and exits non-zero. With --bundle FILE it verifies a review bundle offline.`,
		Example: "  ledger verify\n  ledger verify --data /var/lib/ledger --checkpoint /mnt/offsite/checkpoint.txt\n" +
			"  ledger verify --bundle review.json --public-key <base64>",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			applyEnv(cmd.Flags())
			v, err := fl.verifier(publicKey)
			if err != nil {
				return err
			}
			ws, err := parseWitnessKeys(witnessKeys)
			if err != nil {
				return err
			}
			if bundle != "" {
				if v == nil {
					return fmt.Errorf("a bundle is checked against the ledger's public key: give --public-key")
				}
				return verifyBundleFile(cmd.OutOrStdout(), bundle, v, ws)
			}
			relaxGC()
			store, err := fl.openExisting(cmd.Context())
			if err != nil {
				return err
			}
			defer store.Close()
			opts := verify.Options{Verifier: v, Progress: func(events, pos uint64) {
				fmt.Fprintf(cmd.ErrOrStderr(), "verify: %d events checked (position %d)\n", events, pos)
			}}
			if opts.Checkpoints, err = readCheckpoints(fl.cfg.DataDir, checkpoints); err != nil {
				return err
			}
			if len(ws) > 0 {
				w, err := witnessedCheckpoint(fl.cfg.DataDir, v, ws)
				if err != nil {
					return err
				}
				opts.Checkpoints = append(opts.Checkpoints, w)
				fmt.Fprintf(cmd.ErrOrStderr(), "verify: the checkpoint cosigned by %d witness(es) is checked too\n", len(ws))
			}
			if v == nil {
				fmt.Fprintln(cmd.ErrOrStderr(), "verify: warning: no trusted public key (--public-key or key file): chains only, no checkpoint checked")
			}
			rep, err := verify.Check(cmd.Context(), store, opts)
			if err != nil {
				return err
			}
			return printVerifyReport(cmd.OutOrStdout(), rep, asJSON)
		},
	}
	fl.register(cmd.Flags())
	f := cmd.Flags()
	f.StringArrayVar(&checkpoints, "checkpoint", nil, "also check against this signed checkpoint file (may be repeated)")
	f.StringVar(&publicKey, "public-key", "", "trusted Ed25519 public key, base64 or hex")
	f.StringArrayVar(&witnessKeys, "witness-key", nil, "note verifier key of a witness whose cosignature is required (may be repeated)")
	f.StringVar(&bundle, "bundle", "", "verify this review bundle offline instead of a store")
	f.BoolVar(&asJSON, "json", false, "print the report as JSON")
	return cmd
}

// readCheckpoints reads the checkpoint files given and the one kept beside
// the embedded store.
func readCheckpoints(dataDir string, files []string) ([]verify.Expect, error) {
	var out []verify.Expect
	b, ok, err := sqlite.ReadCheckpointFile(dataDir)
	if err != nil {
		return nil, err // unreadable is not absent: a checkpoint must not be skipped unseen
	}
	if ok {
		out = append(out, verify.Expect{Note: b, Source: filepath.Join(dataDir, sqlite.CheckpointFileName)})
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, verify.Expect{Note: b, Source: "checkpoint " + f})
	}
	return out, nil
}

// witnessedCheckpoint is the newest checkpoint the server got cosigned,
// refused unless every witness given cosigned it.
func witnessedCheckpoint(dataDir string, v *integrity.LogVerifier, ws witnessKeys) (verify.Expect, error) {
	path := filepath.Join(dataDir, server.WitnessedFileName)
	b, err := os.ReadFile(path)
	if err != nil {
		return verify.Expect{}, fmt.Errorf("no checkpoint cosigned by the witnesses: %w", err)
	}
	if v == nil {
		return verify.Expect{}, fmt.Errorf("cosigned checkpoints are checked against the ledger's public key: give --public-key")
	}
	if _, err := verify.OpenCosigned(b, v, ws...); err != nil {
		return verify.Expect{}, fmt.Errorf("%s: %w", path, err)
	}
	return verify.Expect{Note: b, Source: path + " (cosigned)"}, nil
}

func printVerifyReport(w io.Writer, rep verify.Report, asJSON bool) error {
	if asJSON {
		if err := json.NewEncoder(w).Encode(rep); err != nil {
			return err
		}
	} else if p := rep.Problem; p != nil {
		fmt.Fprintf(w, "NOT INTACT: first bad event\n  stream:   %s\n  version:  %d\n  position: %d\n  problem:  %s\n",
			p.Stream, p.Version, p.Position, p.Reason)
	} else {
		fmt.Fprintf(w, "intact: %d streams, %d events up to position %d, root %s, %d checkpoint(s) checked; %.1fs, %.0f events/s\n",
			rep.Streams, rep.Events, rep.Position, rep.Root, rep.Checkpoints, rep.Elapsed.Seconds(), rep.EventsPerSecond())
		if rep.Unsigned {
			fmt.Fprintln(w, "note: the log holds no signed checkpoint yet (written before checkpoints existed); `ledger serve` signs it at its next start")
		}
	}
	if rep.Problem != nil {
		return errTampered
	}
	return nil
}
