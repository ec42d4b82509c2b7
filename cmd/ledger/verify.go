package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/api/verify"
	"github.com/movementcoord/ledger/eventstore"
)

// errTampered makes the command exit non-zero once the problem is printed.
var errTampered = errors.New("verification failed")

func newVerifyCommand() *cobra.Command {
	var (
		fl         integrityFlags
		digestFile string
		publicKey  string
		bundle     string
		asJSON     bool
	)
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Recompute every hash chain and check the digests",
		Long: `Reads the whole log of the store (the embedded one in --data, or KurrentDB
with --store), recomputes the hash chain of every stream and checks the latest
digest recorded in the log; with --digest FILE it also checks the store
against a digest saved earlier (ledger digest), which detects truncation and
history rewritten with recomputed hashes. A running server holds the lock of
the embedded store: stop it first.

Digests must be signed by the trusted key: --public-key, else the public half
of the signing key file; without either, a digest is checked against the key
it carries, which proves nothing about who signed it (a warning says so).

Progress goes to stderr. Prints "intact" with counts, or the first bad event
(stream, version, global position, what is wrong) and exits non-zero.
With --bundle FILE it verifies an accountability-review bundle offline,
without any store.`,
		Example: "  ledger verify\n  ledger verify --data /var/lib/ledger --digest /mnt/offsite/digest.json\n" +
			"  ledger verify --bundle review.json --public-key <base64>",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			applyEnv(cmd.Flags())
			key, err := fl.trustedKey(publicKey)
			if err != nil {
				return err
			}
			if bundle != "" {
				return verifyBundleFile(cmd.OutOrStdout(), cmd.ErrOrStderr(), bundle, key)
			}
			relaxGC()
			store, err := fl.openExisting(cmd.Context())
			if err != nil {
				return err
			}
			defer store.Close()
			opts, err := verifyOptions(cmd, store, digestFile, key)
			if err != nil {
				return err
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
	f.StringVar(&digestFile, "digest", "", "also check against this digest file (written by ledger digest)")
	f.StringVar(&publicKey, "public-key", "", "trusted Ed25519 public key, base64 or hex")
	f.StringVar(&bundle, "bundle", "", "verify this review bundle offline instead of a store")
	f.BoolVar(&asJSON, "json", false, "print the report as JSON")
	return cmd
}

// verifyOptions gathers the digests to check and the progress printer.
func verifyOptions(cmd *cobra.Command, store eventstore.Store, digestFile string, key []byte) (verify.Options, error) {
	stderr := cmd.ErrOrStderr()
	opts := verify.Options{Key: key, Progress: func(events, pos uint64) {
		fmt.Fprintf(stderr, "verify: %d events checked (position %d)\n", events, pos)
	}}
	if d, ok, err := verify.LatestLogDigest(cmd.Context(), store); err != nil {
		return opts, err
	} else if ok {
		opts.Digests = append(opts.Digests, verify.Expect{Digest: d, Source: "latest digest in the log"})
	}
	if digestFile != "" {
		var f verify.File
		if err := verify.ReadFile(digestFile, &f); err != nil {
			return opts, err
		}
		opts.Digests = append(opts.Digests, verify.Expect{Digest: f.Digest, Heads: f.Heads, Source: "digest " + digestFile})
	}
	switch {
	case len(opts.Digests) == 0:
		fmt.Fprintln(stderr, "verify: no digest to check (none recorded in the log, no --digest): chains only")
	case key == nil:
		fmt.Fprintln(stderr, "verify: warning: no trusted public key (--public-key or key file); digests are checked against the key they carry")
	default:
		fmt.Fprintf(stderr, "verify: trusted key %s\n", base64.StdEncoding.EncodeToString(key))
	}
	return opts, nil
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
		fmt.Fprintf(w, "intact: %d streams, %d events up to position %d, %d digest(s) checked; %.1fs, %.0f events/s\n",
			rep.Streams, rep.Events, rep.Position, rep.Digests, rep.Elapsed.Seconds(), rep.EventsPerSecond())
		if rep.Untrusted && rep.Digests > 0 {
			fmt.Fprintln(w, "note: digests were checked against the keys they carry, not a trusted key")
		}
	}
	if rep.Problem != nil {
		return errTampered
	}
	return nil
}
