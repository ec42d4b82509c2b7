// Package backend chooses and opens the event store a command runs on: the
// embedded store in a data directory by default, or KurrentDB when a
// connection string is given. Every command that opens a store goes through
// here, so they all choose the same way.
package backend

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

// Config says where the log and the keys are.
type Config struct {
	DataDir string // the embedded store's directory
	URL     string // a KurrentDB connection string; when set, DataDir holds no events
	// Keys names the key service (`ledger keys serve`) that holds the keys
	// of personal data; empty URL: the key file in DataDir.
	Keys keystore.RemoteConfig
	// Signer signs a checkpoint of the embedded log in every commit (the
	// server, the demo); Recover opens a refused log for `ledger recover`.
	Signer  *integrity.LogSigner
	Recover bool
	// Logger receives the KurrentDB adapter's reports: dropped and resumed
	// subscriptions, replaced clients, events skipped as not the ledger's.
	// Nil: they are discarded.
	Logger *slog.Logger
	// MakeDataDir creates DataDir (0700) when it is missing and the log is
	// KurrentDB: the server keeps its key file and signing key there. The
	// embedded store makes its own; other commands only read.
	MakeDataDir bool
}

// Open opens the store cfg names, and says in words what it opened.
func Open(ctx context.Context, cfg Config) (eventstore.Store, string, error) {
	if cfg.URL != "" {
		if cfg.MakeDataDir {
			if err := ensureDataDir(cfg.DataDir); err != nil {
				return nil, "", err
			}
		}
		var opts []kurrent.Option
		if cfg.Logger != nil {
			opts = append(opts, kurrent.WithLogger(cfg.Logger))
		}
		s, err := kurrent.Open(ctx, cfg.URL, opts...)
		if err != nil {
			return nil, "", fmt.Errorf("open KurrentDB store: %w", err)
		}
		return s, "KurrentDB", nil
	}
	s, err := sqlite.OpenWith(ctx, cfg.DataDir, sqlite.Options{Signer: cfg.Signer, Recover: cfg.Recover})
	if err != nil {
		return nil, "", fmt.Errorf("open embedded store: %w", err)
	}
	return s, "embedded store " + s.Path(), nil
}

// ensureDataDir creates the data directory (0700: it holds tokens and keys)
// when it does not exist yet.
func ensureDataDir(dir string) error {
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	return nil
}
