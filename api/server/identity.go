package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// One signing identity per ledger: on a shared store every server signs
// with the same key (the operator gives each the same --key file). A server
// whose key is not the key of the ledger's latest checkpoint never signs:
// it says so at ERROR and in /readyz, and leaves the signer lease to the
// servers that have the ledger's key.

// checkIdentity compares this server's key with the key of the ledger's
// latest checkpoint (none yet: any key may start the ledger's signing).
func (li *ledgerIntegrity) checkIdentity(ctx context.Context) error {
	origin, err := latestOrigin(ctx, li.store)
	if err != nil {
		return err
	}
	var refused error
	if origin != "" && li.v != nil && origin != li.v.Origin {
		refused = fmt.Errorf("%w: the ledger is signed as %q, this server's key signs as %q; give every server the ledger's key file (--key)",
			ErrSigningKeyDiffers, origin, li.v.Origin)
	}
	li.mu.Lock()
	first := refused != nil && li.refused == nil
	li.refused = refused
	li.mu.Unlock()
	if first {
		li.log.Error("this server will not sign checkpoints", "err", refused)
	}
	return refused
}

// mayContendToSign: this server's key is the ledger's (or the ledger has
// no checkpoint yet). A store error leaves the last finding.
func (li *ledgerIntegrity) mayContendToSign() bool {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := li.checkIdentity(ctx)
	if err != nil && !errors.Is(err, ErrSigningKeyDiffers) {
		return li.signingRefused() == nil
	}
	return err == nil
}

// signingRefused is why this server does not sign, or nil.
func (li *ledgerIntegrity) signingRefused() error {
	li.mu.Lock()
	defer li.mu.Unlock()
	return li.refused
}

// latestOrigin is the origin line of the newest checkpoint in the log's
// digest stream, whoever signed it; "" when there is none.
func latestOrigin(ctx context.Context, store eventstore.Store) (string, error) {
	for ev, err := range store.ReadStream(ctx, integrity.DigestStream, eventstore.ReadStreamOptions{Direction: eventstore.Backward, Max: 1}) {
		if errors.Is(err, eventstore.ErrStreamNotFound) {
			return "", nil
		}
		if err != nil {
			return "", fmt.Errorf("read %s: %w", integrity.DigestStream, err)
		}
		var d integrity.Digest
		if json.Unmarshal(ev.Data, &d) != nil {
			return "", nil // a digest of the old format: no checkpoint to match
		}
		origin, _, _ := strings.Cut(d.Checkpoint, "\n")
		return origin, nil
	}
	return "", nil
}
