package main

import (
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/api/serving"
	"github.com/movementcoord/ledger/api/witness"
	"github.com/movementcoord/ledger/domain/integrity"
)

func newWitnessCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "witness",
		Short: "Run a witness that cosigns a ledger's checkpoints only while its log stays append-only",
	}
	cmd.AddCommand(newWitnessServeCommand(), newWitnessKeyCommand())
	return cmd
}

type witnessFlags struct {
	dir, name string
}

func (f *witnessFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.dir, "dir", "./witness-data", "the witness's key and the checkpoints it cosigned")
	cmd.Flags().StringVar(&f.name, "name", "", "the witness's name in its cosignatures, e.g. reviewers.example.org/witness (used when the key is created)")
}

func (f *witnessFlags) key(cmd *cobra.Command) (string, error) {
	name := f.name
	if name == "" {
		host, _ := os.Hostname()
		name = "ledger-witness/" + host
	}
	skey, created, err := witness.LoadOrCreateKey(f.dir, name)
	if created {
		fmt.Fprintf(cmd.ErrOrStderr(), "witness: created the key %s/%s (mode 0600); back it up\n", f.dir, witness.KeyFileName)
	}
	return skey, err
}

func newWitnessServeCommand() *cobra.Command {
	var (
		fl      witnessFlags
		addr    string
		logKeys []string
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the C2SP tlog-witness protocol (POST /add-checkpoint) for the given ledgers",
		Long: `Runs a witness, the job of a party independent of the ledger's operator (another
component of the Movement, a reviewer). It knows the ledgers whose public keys
--log-key gives, keeps the latest checkpoint it cosigned for each in --dir,
and cosigns a new one only if a consistency proof shows that it extends that
one: a fork (same size, another root), a rollback or a bad proof is refused,
so a history rewritten and re-signed by whoever holds the ledger's key is
never cosigned. It speaks C2SP tlog-witness, so any witness software can do
the same job. Give the verifier key it prints to reviewers, for
ledger verify --witness-key, and its URL to the ledger (ledger serve --witness).`,
		Example: "  ledger witness serve --addr 127.0.0.1:8090 --log-key <ledger public key, base64>",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			skey, err := fl.key(cmd)
			if err != nil {
				return err
			}
			var logs []*integrity.LogVerifier
			for _, k := range logKeys {
				v, err := logVerifier(k)
				if err != nil {
					return err
				}
				logs = append(logs, v)
			}
			if len(logs) == 0 {
				return fmt.Errorf("give the public key of at least one ledger: --log-key")
			}
			w, err := witness.Open(fl.dir, skey, logs...)
			if err != nil {
				return err
			}
			l, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "witness: serving http://%s%s for %d ledger(s)\nwitness key: %s\n",
				l.Addr(), witness.AddCheckpointPath, len(logs), w.Key)
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			srv := &http.Server{Handler: w.Handler(), ReadHeaderTimeout: 10 * time.Second}
			return serving.Run(ctx, srv, l, serving.TLS{}, nil, 10*time.Second)
		},
	}
	fl.register(cmd)
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8090", "address to listen on")
	cmd.Flags().StringArrayVar(&logKeys, "log-key", nil, "a ledger's public key (base64, as /api/v1/integrity/digest shows it) or note verifier key; may be repeated")
	return cmd
}

func newWitnessKeyCommand() *cobra.Command {
	var fl witnessFlags
	cmd := &cobra.Command{
		Use:   "key",
		Short: "Print the witness's verifier key (creating the key on first use)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			skey, err := fl.key(cmd)
			if err != nil {
				return err
			}
			vkey, err := witness.VerifierKey(skey)
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), vkey)
			return nil
		},
	}
	fl.register(cmd)
	return cmd
}

// logVerifier reads a ledger's key: raw base64 or hex, or a note verifier
// key "<origin>+<hash>+<base64 of 0x01 || key>".
func logVerifier(k string) (*integrity.LogVerifier, error) {
	// A bare base64 public key may itself hold '+' characters, so it is
	// recognised first by its length; anything else must be a note key
	// (name+hash+key).
	if raw, err := base64.StdEncoding.DecodeString(k); err == nil && len(raw) == ed25519.PublicKeySize {
		return integrity.NewLogVerifier(raw)
	}
	if parts := strings.SplitN(k, "+", 3); len(parts) == 3 {
		raw, err := base64.StdEncoding.DecodeString(parts[2])
		if err != nil || len(raw) != 1+ed25519.PublicKeySize {
			return nil, fmt.Errorf("log key %q: not an Ed25519 note verifier key", k)
		}
		v, err := integrity.NewLogVerifier(raw[1:])
		if err == nil && v.Key != k {
			return nil, fmt.Errorf("log key %q: its name or hash does not match the ledger's origin %s", k, v.Origin)
		}
		return v, err
	}
	pub, err := parsePublicKey(k)
	if err != nil {
		return nil, err
	}
	return integrity.NewLogVerifier(pub)
}
