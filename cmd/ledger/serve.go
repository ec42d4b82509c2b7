package main

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/movementcoord/ledger/api/server"
	"github.com/movementcoord/ledger/projections"
)

// envFlags maps flags to the environment variables that stand in for them
// when the flag is not given on the command line.
var envFlags = map[string]string{"addr": "LEDGER_ADDR", "data": "LEDGER_DATA", "store": "LEDGER_STORE",
	"digest-every": "LEDGER_DIGEST_EVERY", "keys": "LEDGER_KEYS", "keys-ca": "LEDGER_KEYS_CA",
	"witness": "LEDGER_WITNESSES", "witness-every": "LEDGER_WITNESS_EVERY",
	"smtp": "LEDGER_SMTP", "smtp-from": "LEDGER_SMTP_FROM", "snapshots": "LEDGER_SNAPSHOTS",
	"lease-ttl": "LEDGER_LEASE_TTL", "checkpoint-every": "LEDGER_CHECKPOINT_EVERY"}

func newServeCommand() *cobra.Command {
	var o server.Options
	var open bool
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the HTTP API",
		Long: `Serves the HTTP API (see /api/openapi.json) with the embedded store in the data
directory, or on KurrentDB when --store is given.

On the first run, when no token exists, it creates an admin token, writes it
to <data>/admin-token (mode 0600) and prints it once.

On KurrentDB (--store) several servers serve one ledger: the tokens (ledger
token --store) and the access log live in the shared store, the ledger keeps
to its namespace (streamPrefix=name- in the connection string) and skips and
counts what other writers put on the node (/readyz, /metrics). A missing data
directory is created (0700). See the README, "KurrentDB".

SIGINT or SIGTERM stops it gracefully: no new connections, in-flight requests
finish (at most 30s), the store is closed cleanly.

Each flag may come from the environment instead; a flag on the command line
wins over its variable:
  --addr          LEDGER_ADDR
  --data          LEDGER_DATA
  --store         LEDGER_STORE
  --key           LEDGER_SIGNING_KEY
  --witness       LEDGER_WITNESSES (comma-separated)
  --witness-every LEDGER_WITNESS_EVERY
  --keys          LEDGER_KEYS
  --keys-ca       LEDGER_KEYS_CA
  (the key service's token: LEDGER_KEYS_TOKEN only)

Personal data (contact names, addresses, named owners, attendees, reporters)
is sealed with a key per person, held outside the log: in <data>/keys.db by
default, or in the key service --keys names (ledger keys serve). Several
servers on one KurrentDB must share one key service.

Integrity: the embedded store signs a checkpoint of the Merkle log over every
event in each commit. At start the server refuses a log shorter than its last
checkpoint, with events it did not sign, a damaged WAL or a missing signing
key (see ledger recover). While running it recomputes every event's hash,
vouches only for checkpoints that its recomputation reproduces and that extend
the previous one, and on a fault refuses writes (503 integrity.broken), fails
/readyz and sets ledger_integrity_broken in /metrics, while reads go on. It
serves the checkpoint, inclusion and consistency proofs and review bundles
(/api/v1/integrity/...), and pushes each new checkpoint to the --witness URLs
(ledger witness serve) every --witness-every, keeping their cosignatures in
<data>/ledger.witnessed.`,
		Example: "  ledger serve --open\n  ledger serve\n  LEDGER_ADDR=0.0.0.0:8080 ledger serve --data /var/lib/ledger\n" +
			"  ledger serve --store 'esdb://localhost:2113?tls=false'\n" +
			"  LEDGER_KEYS_TOKEN=... ledger serve --store 'esdb://db:2113' --keys https://keys.internal:8089",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			applyEnv(cmd.Flags())
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			o.Out = cmd.OutOrStdout()
			if open {
				o.Ready = func(addr string) { openBrowser(o.Out, "http://"+addr+"/") }
			}
			return server.Run(ctx, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Addr, "addr", server.DefaultAddr, "address to listen on (env LEDGER_ADDR)")
	f.BoolVar(&open, "open", false, "open the web pages in the default browser ($BROWSER, else the desktop's opener) once listening")
	f.StringVar(&o.DataDir, "data", server.DefaultDataDir, "data directory: tokens and the embedded store (env LEDGER_DATA)")
	f.StringVar(&o.KeyPath, "key", os.Getenv("LEDGER_SIGNING_KEY"), "Ed25519 key that signs checkpoints (env LEDGER_SIGNING_KEY; default <data>/ledger-signing.key)")
	f.DurationVar(&o.DigestEvery, "digest-every", server.DefaultDigestEvery, "no longer used: a checkpoint is signed in every commit")
	_ = f.MarkDeprecated("digest-every", "a checkpoint is now signed in every commit")
	f.StringSliceVar(&o.Witnesses, "witness", nil, "base URL of a witness to push checkpoints to; may be repeated (env LEDGER_WITNESSES, comma-separated)")
	f.DurationVar(&o.WitnessEvery, "witness-every", server.DefaultWitnessEvery, "how often the newest checkpoint goes to the witnesses (env LEDGER_WITNESS_EVERY)")
	f.StringVar(&o.Store, "store", "", "KurrentDB connection string, e.g. esdb://host:2113?tls=false; empty: embedded store (env LEDGER_STORE)")
	f.StringVar(&o.SMTP, "smtp", "", "SMTP relay for the daily follow-up digests: smtp://host:587 (STARTTLS) or smtps://host:465; credentials from LEDGER_SMTP_USERNAME and LEDGER_SMTP_PASSWORD (env LEDGER_SMTP)")
	f.StringVar(&o.SMTPFrom, "smtp-from", "ledger@localhost", "From address of the follow-up digests (env LEDGER_SMTP_FROM)")
	f.DurationVar(&o.DigestAt, "digest-at", server.DefaultDigestAt, "time of day (UTC, as a duration after midnight) the follow-up digests go out")
	f.StringVar(&o.Snapshots, "snapshots", "", "directory of view snapshots, so a restart replays only the log after the newest; 'off' for none (default: <data>/snapshots, with --store too) (env LEDGER_SNAPSHOTS)")
	f.IntVar(&o.SnapshotEvery, "snapshot-every", projections.DefaultSnapshotEvery, "events between two view snapshots (one is also written at shutdown)")
	f.DurationVar(&o.FollowUpEvery, "followup-every", server.DefaultFollowUpEvery, "how often the follow-up scheduler records the reminders due; 0: no scheduler")
	f.DurationVar(&o.LeaseTTL, "lease-ttl", server.DefaultLeaseTTL, "with --store: how long a job lease (signing checkpoints, sending reminders) lasts without renewal; a dead holder is replaced within about 1.2 × this")
	f.DurationVar(&o.CheckpointEvery, "checkpoint-every", server.DefaultCheckpointEvery, "with --store: how often the lease holder signs a checkpoint into the log (the embedded store signs every commit)")
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
