package main

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/api/keyservice"
)

// keysEnv are the key service's variables; it shares none with serve, so
// one machine can run both.
var keysEnv = map[string]string{"addr": "LEDGER_KEYS_ADDR", "data": "LEDGER_KEYS_DATA",
	"tls-cert": "LEDGER_KEYS_TLS_CERT", "tls-key": "LEDGER_KEYS_TLS_KEY"}

func newKeysCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "keys",
		Short: "Run the key service that several ledger servers share",
		Long: `Personal data in events is sealed with a key per person, held outside the log,
so that erasing a person destroys one key and leaves the log, and its hash
chain, untouched. With the embedded store the keys are in <data>/keys.db. With
several servers on one KurrentDB, each must reach the same keys: run one key
service, and give every server --keys URL and LEDGER_KEYS_TOKEN.`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newKeysServeCommand())
	return cmd
}

func newKeysServeCommand() *cobra.Command {
	var o keyservice.Options
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the key store in a directory to ledger servers",
		Long: `Serves the per-person keys in <data>/keys.db over HTTPS to the ledger servers
that hold its token. Servers ask it for keys (and cache them for a minute),
and ask it to destroy a key when a person is erased.

The first start needs --init: it creates the key store and a token in
<data>/keys.token (mode 0600); give that token to every ledger server as
LEDGER_KEYS_TOKEN. Without --init, a directory with no key store is refused, so
a service pointed at the wrong directory never hands out new keys for people
who already have some. To move a single server's keys here, stop it and copy
its <data>/keys.db into this directory.

Keys must not cross a network in clear: on any address but loopback, give
--tls-cert and --tls-key. Back the directory up apart from the log's backups:
a backup holding both the keys and the log would undo an erasure.

  --addr      LEDGER_KEYS_ADDR
  --data      LEDGER_KEYS_DATA
  --tls-cert  LEDGER_KEYS_TLS_CERT
  --tls-key   LEDGER_KEYS_TLS_KEY
  (token: LEDGER_KEYS_TOKEN, else <data>/keys.token)`,
		Example: "  ledger keys serve --init\n" +
			"  ledger keys serve --data /var/lib/ledger-keys --addr 0.0.0.0:8089 --tls-cert keys.crt --tls-key keys.key",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			applyEnvFrom(cmd.Flags(), keysEnv)
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			o.Out = cmd.OutOrStdout()
			o.Token = os.Getenv(keysTokenEnv)
			return keyservice.Run(ctx, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Addr, "addr", keyservice.DefaultAddr, "address to listen on (env LEDGER_KEYS_ADDR)")
	f.StringVar(&o.DataDir, "data", keyservice.DefaultDataDir, "directory of the key store and its token (env LEDGER_KEYS_DATA)")
	f.BoolVar(&o.Init, "init", false, "create a new, empty key store and token if the directory has none")
	f.StringVar(&o.TLSCert, "tls-cert", "", "PEM certificate to serve HTTPS with (env LEDGER_KEYS_TLS_CERT)")
	f.StringVar(&o.TLSKey, "tls-key", "", "PEM private key of --tls-cert (env LEDGER_KEYS_TLS_KEY)")
	return cmd
}
