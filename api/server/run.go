package server

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"net"
	"net/http"
	"path/filepath"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/openapi"
	"github.com/movementcoord/ledger/api/serving"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/eventstore/verify"
	"github.com/movementcoord/ledger/projections"
)

// Run serves until ctx ends, then stops accepting connections, lets
// in-flight requests finish (bounded by ShutdownTimeout), ends live feeds and
// closes the store, so every acknowledged write is on disk.
func Run(ctx context.Context, o Options) (err error) {
	o = o.withDefaults()
	b, err := openBacking(ctx, o)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, b.Close()) }()
	key, err := signingKey(o)
	if err != nil {
		return err
	}
	runner, stopViews, err := startViews(b.readable, b.keys, o)
	if err != nil {
		return err
	}
	defer stopViews()
	checks, stopChecks := startIntegrity(b.store, key, o.Logger)
	defer stopChecks()
	leases, err := startLeases(b, o, checks)
	if err != nil {
		return err
	}
	defer leases.Close()
	access, err := b.openAccess(o.DataDir)
	if err != nil {
		return err
	}
	defer access.Close()
	api, svc, err := build(o, b, runner, checks, access)
	if err != nil {
		return err
	}
	defer startWitnessing(checks, o)()
	stopFollowUp, err := startFollowUp(o, svc, runner, api, leases.held(remindersLease))
	if err != nil {
		return err
	}
	defer stopFollowUp()
	api.Register(checkpointMetrics(checks))
	defer startCheckpointing(checks, svc, o, leases.held(signerLease))()
	l, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", o.Addr, err)
	}
	handler, err := withPages(o, b, api, svc, runner, access)
	if err != nil {
		return err
	}
	fmt.Fprintf(o.Out, "ledger: serving http://%s (store: %s)\n", l.Addr(), b.where)
	fmt.Fprintf(o.Out, "ledger: open http://%s/ in a browser and sign in with a token\n", l.Addr())
	return serve(ctx, o, l, api, handler)
}

// signingKey loads the key that signs digests, creating it on first run.
func signingKey(o Options) (ed25519.PrivateKey, error) {
	key, created, err := verify.LoadOrCreateKey(o.KeyPath)
	if err != nil {
		return nil, err
	}
	if created {
		fmt.Fprintf(o.Out, "ledger: created the digest signing key %s (mode 0600); back it up, and give reviewers its public key\n", o.KeyPath)
	}
	return key, nil
}

// build wires the service, the tokens and the API around the open backing.
func build(o Options, b *backing, runner *projections.Runner, checks httpapi.Integrity, access httpapi.AccessLog) (*httpapi.Server, *recorder.Service, error) {
	tokens, err := b.openTokens(o.DataDir)
	if err != nil {
		return nil, nil, err
	}
	if err := firstRun(o, tokens); err != nil {
		return nil, nil, err
	}
	doc, err := openapi.JSON()
	if err != nil {
		return nil, nil, err
	}
	metrics := httpapi.NewMetrics()
	registerSharedMetrics(metrics, b)
	svc := recorder.New(metrics.InstrumentStore(b.store), recorder.WithKeys(b.keys))
	return httpapi.New(httpapi.Config{Service: svc, Store: b.readable, Tokens: tokens, Metrics: metrics,
		Logger: o.Logger, OpenAPI: doc, Views: runnerViews{runner}, Runner: runner, Integrity: checks, Access: access, SharedStore: b.sharedStatus()}), svc, nil
}

// firstRun prints the admin token once, when it was just created.
func firstRun(o Options, tokens *auth.Store) error {
	secret, err := auth.EnsureAdmin(tokens, o.DataDir)
	if err != nil || secret == "" {
		return err
	}
	fmt.Fprintf(o.Out, "ledger: first run: created an admin token (also in %s, mode 0600):\n\n    %s\n\n"+
		"It is shown only this once. Create others with `ledger token create`.\n",
		filepath.Join(o.DataDir, auth.AdminTokenFile), secret)
	return nil
}

func serve(ctx context.Context, o Options, l net.Listener, api *httpapi.Server, handler http.Handler) error {
	// No write timeout: the live feed is a response that lasts. No read
	// timeout either, for the same reason: GuardBodies bounds each body.
	srv := &http.Server{Handler: serving.GuardBodies(handler, o.BodyTimeout), ReadHeaderTimeout: o.HeaderTimeout, IdleTimeout: o.IdleTimeout}
	srv.RegisterOnShutdown(api.Closing)
	if err := serving.Run(ctx, srv, l, serving.TLS{}, o.Ready, o.ShutdownTimeout); err != nil {
		return err
	}
	fmt.Fprintln(o.Out, "ledger: stopped")
	return nil
}
