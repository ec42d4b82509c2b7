package server

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/sqlite"
	"github.com/movementcoord/ledger/eventstore/verify"
)

// logSigner loads the key that signs the embedded log's checkpoints.
func logSigner(o Options) (*integrity.LogSigner, error) { return EmbeddedSigner(o.DataDir, o.KeyPath) }

// EmbeddedSigner loads the key at keyPath (default <dataDir>/ledger-signing.key)
// that signs the embedded log in dataDir. A key is created only for a data
// directory whose log was never signed; every writer of the log (serve,
// demo) opens it with this signer.
func EmbeddedSigner(dataDir, keyPath string) (*integrity.LogSigner, error) {
	if keyPath == "" {
		keyPath = filepath.Join(dataDir, verify.KeyFileName)
	}
	o := Options{DataDir: dataDir, KeyPath: keyPath}
	if _, err := os.Stat(o.KeyPath); errors.Is(err, fs.ErrNotExist) {
		// The file beside is written by every signed log; without it a
		// new key is still refused at open, by the log's own checkpoints.
		if _, err := os.Stat(filepath.Join(o.DataDir, sqlite.CheckpointFileName)); err == nil {
			return nil, fmt.Errorf("%s: %w (%s is there). Restore the key from its backup; if it is lost for good, `ledger recover --new-key` records the loss as an event and signs on with a new key",
				o.KeyPath, ErrMissingKey, sqlite.CheckpointFileName)
		}
	}
	key, _, err := verify.LoadOrCreateKey(o.KeyPath)
	if err != nil {
		return nil, err
	}
	return integrity.NewLogSigner(key)
}
