package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/server"
	"github.com/movementcoord/ledger/eventstore/backend"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/scripts/demo"
)

// demoEnv are the demo's own variables, besides LEDGER_DATA and LEDGER_STORE.
var demoEnv = map[string]string{"server": "LEDGER_SERVER", "token": "LEDGER_TOKEN"}

// demoOptions are the flags of `ledger demo`.
type demoOptions struct {
	store  backend.Config
	server string // base URL of a running server; empty: write to the store
	token  string // admin token for --server
}

func newDemoCommand() *cobra.Command {
	var o demoOptions
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Fill a ledger or a running server with a realistic earthquake response",
		Long: `Writes a six-week earthquake response through the same write path as the API:
the host National Society, the IFRC, the ICRC and three partner National
Societies; mechanisms at three levels; meetings with minutes; decisions that
are endorsed, amended, superseded and rescinded; action points in every state
(some overdue); a compliance issue escalated twice and resolved, one dismissed;
lessons. Demo contacts use addresses at example.org.

Running it again on the same data writes nothing: every command carries a fixed
idempotency key. Stop the server first when using the embedded store (one
process per data directory).

With --server, the demo fills a running server over its HTTP API instead, and
opens no data directory or store. It needs an admin token (--token, else
LEDGER_TOKEN, else the first-run <data>/admin-token if readable): the admin
token opens and steers the operation (operation.*), and, since an admin may
not send the other commands, the demo creates an officer token named
"ledger demo" for the operation (POST /api/v1/tokens) and sends the rest with
it. Each run creates one such token; revoke it with 'ledger token revoke' or
DELETE /api/v1/tokens/{id} when done. Events are recorded with that token as
their actor. Idempotency keys are scoped to the token that sent them, so a
second --server run, with its new officer token, stops at the operation
(already recorded) rather than record the demo twice.

  --data    LEDGER_DATA
  --store   LEDGER_STORE
  --keys    LEDGER_KEYS
  --server  LEDGER_SERVER
  --token   LEDGER_TOKEN`,
		Example: "  ledger demo\n  ledger demo --data /tmp/demo && ledger serve --data /tmp/demo\n" +
			"  ledger demo --server http://127.0.0.1:8080 --token \"$(cat ledger-data/admin-token)\"",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			applyEnv(cmd.Flags())
			applyEnvFrom(cmd.Flags(), demoEnv)
			if o.server != "" {
				return demoOverHTTP(cmd, o)
			}
			return demoInStore(cmd, o.store)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.store.DataDir, "data", server.DefaultDataDir, "data directory of the embedded store (env LEDGER_DATA)")
	f.StringVar(&o.store.URL, "store", "", "KurrentDB connection string instead of the embedded store (env LEDGER_STORE)")
	f.StringVar(&o.server, "server", "", "base URL of a running server to fill over HTTP, e.g. http://127.0.0.1:8080 (env LEDGER_SERVER)")
	f.StringVar(&o.token, "token", "", "admin token for --server; default: <data>/admin-token (env LEDGER_TOKEN)")
	registerKeysFlags(f, &o.store.Keys)
	cmd.MarkFlagsMutuallyExclusive("server", "store")
	cmd.MarkFlagsMutuallyExclusive("server", "keys")
	return cmd
}

// demoInStore writes through the application service on the store itself.
func demoInStore(cmd *cobra.Command, cfg backend.Config) error {
	if cfg.URL == "" { // the embedded log is signed from its first commit
		signer, err := server.EmbeddedSigner(cfg.DataDir, os.Getenv("LEDGER_SIGNING_KEY"))
		if err != nil {
			return err
		}
		cfg.Signer = signer
	}
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
	return runDemo(cmd, recorder.New(store, recorder.WithKeys(keys)), what)
}

// demoOverHTTP writes to a running server; no data directory is opened,
// only its admin-token file read when no token is given.
func demoOverHTTP(cmd *cobra.Command, o demoOptions) error {
	base, err := serverURL(o.server)
	if err != nil {
		return err
	}
	token, err := adminTokenFor(o)
	if err != nil {
		return err
	}
	return runDemo(cmd, demo.NewClient(base, token), base)
}

func runDemo(cmd *cobra.Command, led demo.Ledger, where string) error {
	bar := newProgress(cmd.ErrOrStderr(), demo.Commands, "demo")
	sum, err := demo.Run(contextOf(cmd), led, time.Now(), func(int) { _ = bar.Add(1) })
	_ = bar.Finish()
	if errors.Is(err, demo.ErrRecordedByAnotherClient) {
		_, err = fmt.Fprintf(cmd.OutOrStdout(), "demo in %s: 0 written: %v\n", where, err)
		return err
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(cmd.OutOrStdout(), "demo operation %s in %s: %d commands, %d written, %d already there\n",
		sum.OperationID, where, sum.Commands, sum.Written, sum.Duplicates)
	return err
}

// contextOf is the command's context; cobra leaves it nil when the command is
// run without ExecuteContext.
func contextOf(cmd *cobra.Command) context.Context {
	if ctx := cmd.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}

// serverURL checks --server early, so a typo fails before the first command.
func serverURL(raw string) (string, error) {
	const want = "want a base URL such as http://127.0.0.1:8080"
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("--server %q: %s: %w", raw, want, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("--server %q: %s", raw, want)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// adminTokenFor is --token, else the first-run admin token of --data.
func adminTokenFor(o demoOptions) (string, error) {
	if t := strings.TrimSpace(o.token); t != "" {
		return t, nil
	}
	path := filepath.Join(o.store.DataDir, auth.AdminTokenFile)
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("--server needs an admin token: give --token or LEDGER_TOKEN (reading %s: %w)", path, err)
	}
	if t := strings.TrimSpace(string(raw)); t != "" {
		return t, nil
	}
	return "", errors.New("--server needs an admin token: " + path + " is empty; give --token or LEDGER_TOKEN")
}
