package restartbench

import (
	"context"
	"fmt"
	"os"

	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections"
)

// sealWithFreshKeys seals snaps with the snapshot keys of a new key store
// file in dir, as the server seals its snapshots with its key store's.
func sealWithFreshKeys(ctx context.Context, snaps *projections.Snapshots, dir string) (*keystore.File, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	keys, err := keystore.OpenFile(ctx, dir, false)
	if err != nil {
		return nil, fmt.Errorf("snapshot keys: %w", err)
	}
	snaps.SealWith(recorder.SnapshotKeys{Store: keys})
	return keys, nil
}
