package keyservice

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/movementcoord/ledger/api/serving"
	"github.com/movementcoord/ledger/eventstore/dirlock"
	"github.com/movementcoord/ledger/eventstore/keystore"
)

// Defaults of `ledger keys serve`.
const (
	DefaultAddr    = "127.0.0.1:8089"
	DefaultDataDir = "./ledger-keys"
	TokenFile      = "keys.token"
	lockName       = "keys.lock"
)

// Options configure Run.
type Options struct {
	DataDir string // holds keys.db, keys.token and the lock
	Addr    string
	// Init allows starting a new, empty key store. Without it a directory
	// with no keys.db is refused: a key service pointed at the wrong
	// directory must not hand out new keys for people who already have some.
	Init            bool
	Token           string // default: the token in <data>/keys.token
	TLSCert, TLSKey string // PEM files; required unless Addr is loopback
	Out             io.Writer
	Logger          *slog.Logger
	Ready           func(addr string) // called once listening; for tests
	ShutdownTimeout time.Duration
}

// Run serves the key store in o.DataDir until ctx ends.
func Run(ctx context.Context, o Options) error {
	o = o.withDefaults()
	if err := checkTransport(o); err != nil {
		return err
	}
	lock, err := dirlock.Lock(o.DataDir, lockName)
	if err != nil {
		return fmt.Errorf("key service directory %s: %w", o.DataDir, err)
	}
	defer lock.Close()
	store, err := keystore.OpenFile(ctx, o.DataDir, !o.Init)
	if err != nil {
		if errors.Is(err, keystore.ErrMissing) {
			err = fmt.Errorf("%w\n(for a new ledger, start a new, empty key store with --init)", err)
		}
		return err
	}
	defer store.Close()
	token, err := serviceToken(o)
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", o.Addr, err)
	}
	scheme := "http"
	if o.TLSCert != "" {
		scheme = "https"
	}
	fmt.Fprintf(o.Out, "ledger keys: serving %s://%s (keys: %s)\n", scheme, l.Addr(), filepath.Join(o.DataDir, keystore.FileName))
	return serve(ctx, o, l, Handler(store, token, o.Logger))
}

func (o Options) withDefaults() Options {
	o.Addr, o.DataDir = cmp.Or(o.Addr, DefaultAddr), cmp.Or(o.DataDir, DefaultDataDir)
	o.Out = cmp.Or[io.Writer](o.Out, io.Discard)
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if o.ShutdownTimeout <= 0 {
		o.ShutdownTimeout = 10 * time.Second
	}
	return o
}

// checkTransport refuses to send keys over a network in clear.
func checkTransport(o Options) error {
	if (o.TLSCert == "") != (o.TLSKey == "") {
		return errors.New("give both --tls-cert and --tls-key, or neither")
	}
	host, _, err := net.SplitHostPort(o.Addr)
	if err != nil {
		return fmt.Errorf("address %q: %w", o.Addr, err)
	}
	ip := net.ParseIP(host)
	loopback := host == "localhost" || (ip != nil && ip.IsLoopback())
	if o.TLSCert == "" && !loopback {
		return fmt.Errorf("%w: %s is reachable from the network, so keys would cross it in clear; give --tls-cert and --tls-key", keystore.ErrInsecure, o.Addr)
	}
	return nil
}

// serviceToken is o.Token, or the one in <data>/keys.token, made with the
// key store itself (--init) so that it exists exactly when the store does.
func serviceToken(o Options) (string, error) {
	if o.Token != "" {
		return o.Token, nil
	}
	path := filepath.Join(o.DataDir, TokenFile)
	data, err := os.ReadFile(path)
	if err == nil {
		if t := strings.TrimSpace(string(data)); t != "" {
			return t, nil
		}
		return "", fmt.Errorf("key service token %s is empty", path)
	}
	if !errors.Is(err, os.ErrNotExist) || !o.Init {
		return "", fmt.Errorf("key service token: %w (set LEDGER_KEYS_TOKEN, or start with --init to make one)", err)
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return "", err
	}
	token := base64.RawURLEncoding.EncodeToString(secret)
	if err := os.WriteFile(path, []byte(token+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("key service token: %w", err)
	}
	fmt.Fprintf(o.Out, "ledger keys: created the token %s (mode 0600); give it to every ledger server as LEDGER_KEYS_TOKEN\n", path)
	return token, nil
}

func serve(ctx context.Context, o Options, l net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: serving.GuardBodies(h, serving.DefaultBodyTimeout), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	tls := serving.TLS{CertFile: o.TLSCert, KeyFile: o.TLSKey}
	if err := serving.Run(ctx, srv, l, tls, o.Ready, o.ShutdownTimeout); err != nil {
		return err
	}
	fmt.Fprintln(o.Out, "ledger keys: stopped")
	return nil
}
