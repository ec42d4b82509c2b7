package main

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/movementcoord/ledger/api/server"
)

// envFlags maps flags to the environment variables that stand in for them
// when the flag is not given on the command line.
var envFlags = map[string]string{"addr": "LEDGER_ADDR", "data": "LEDGER_DATA", "store": "LEDGER_STORE",
	"digest-every": "LEDGER_DIGEST_EVERY", "keys": "LEDGER_KEYS", "keys-ca": "LEDGER_KEYS_CA"}

func newServeCommand() *cobra.Command {
	var o server.Options
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the HTTP API",
		Long: `Serves the HTTP API (see /api/openapi.json) with the embedded store in the data
directory, or on KurrentDB when --store is given.

On the first run, when no token exists, it creates an admin token, writes it
to <data>/admin-token (mode 0600) and prints it once.

SIGINT or SIGTERM stops it gracefully: no new connections, in-flight requests
finish (at most 30s), the store is closed cleanly.

Each flag may come from the environment instead; a flag on the command line
wins over its variable:
  --addr          LEDGER_ADDR
  --data          LEDGER_DATA
  --store         LEDGER_STORE
  --key           LEDGER_SIGNING_KEY
  --digest-every  LEDGER_DIGEST_EVERY
  --keys          LEDGER_KEYS
  --keys-ca       LEDGER_KEYS_CA
  (the key service's token: LEDGER_KEYS_TOKEN only)

Personal data (contact names, addresses, named owners, attendees, reporters)
is sealed with a key per person, held outside the log: in <data>/keys.db by
default, or in the key service --keys names (ledger keys serve). Several
servers on one KurrentDB must share one key service.

Digests: the server checks every event's hash chain as it arrives, serves a
signed digest of every stream head (GET /api/v1/integrity/digest), inclusion
proofs and review bundles (reviewers), and records a signed digest in the log
every --digest-every (0 turns that off).`,
		Example: "  ledger serve\n  LEDGER_ADDR=0.0.0.0:8080 ledger serve --data /var/lib/ledger\n" +
			"  ledger serve --store 'esdb://localhost:2113?tls=false'\n" +
			"  LEDGER_KEYS_TOKEN=... ledger serve --store 'esdb://db:2113' --keys https://keys.internal:8089",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			applyEnv(cmd.Flags())
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			o.Out = cmd.OutOrStdout()
			return server.Run(ctx, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Addr, "addr", server.DefaultAddr, "address to listen on (env LEDGER_ADDR)")
	f.StringVar(&o.DataDir, "data", server.DefaultDataDir, "data directory: tokens and the embedded store (env LEDGER_DATA)")
	f.StringVar(&o.KeyPath, "key", os.Getenv("LEDGER_SIGNING_KEY"), "Ed25519 key that signs digests (env LEDGER_SIGNING_KEY; default <data>/ledger-signing.key)")
	f.DurationVar(&o.DigestEvery, "digest-every", server.DefaultDigestEvery, "how often a signed digest is recorded in the log; 0: never (env LEDGER_DIGEST_EVERY)")
	f.StringVar(&o.Store, "store", "", "KurrentDB connection string, e.g. esdb://host:2113?tls=false; empty: embedded store (env LEDGER_STORE)")
	registerKeysFlags(f, &o.Keys)
	return cmd
}

// applyEnv sets each flag not given on the command line from its variable.
func applyEnv(flags *pflag.FlagSet) { applyEnvFrom(flags, envFlags) }

// applyEnvFrom sets each flag of vars (flag name → variable) not given on
// the command line from its variable.
func applyEnvFrom(flags *pflag.FlagSet, vars map[string]string) {
	for name, env := range vars {
		if v, ok := os.LookupEnv(env); ok && !flags.Changed(name) {
			_ = flags.Set(name, v)
		}
	}
}
