package verify

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"time"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// File is a digest as saved for later checks: the signed digest and the heads
// it was computed from, which name the stream that differs when a later
// check fails. The heads are authenticated by recomputing the root.
type File struct {
	Digest integrity.Digest `json:"digest"`
	Heads  []integrity.Head `json:"heads"`
}

// Take checks every chain of store and signs a digest of its heads at the
// last position. A store that fails the check is not signed: the error
// wraps the *Problem.
func Take(ctx context.Context, store eventstore.Store, key ed25519.PrivateKey, now time.Time) (File, Report, error) {
	start := time.Now()
	c := newChains()
	var p *Problem
	err := walk(ctx, store, func(ev *eventstore.RecordedEvent, s integrity.Sealed, openErr error) bool {
		p = c.add(ev, s, openErr)
		return p == nil
	})
	rep := Report{Streams: len(c.heads), Events: c.events, Position: c.last, Elapsed: time.Since(start), Problem: p}
	if err != nil {
		return File{}, rep, fmt.Errorf("digest: read the log: %w", err)
	}
	if p != nil {
		return File{}, rep, fmt.Errorf("digest: refusing to sign a store that fails verification: %w", p)
	}
	return c.sign(key, now), rep, nil
}

// sign is the digest of the heads the walk has reached.
func (c *chains) sign(key ed25519.PrivateKey, now time.Time) File {
	heads := c.snapshot()
	d := integrity.Digest{Position: c.last, Streams: uint64(len(heads)), Root: integrity.HeadsTree(heads).Root(), Time: now.UTC()}
	for _, h := range heads {
		d.Events += h.Version
	}
	return File{Digest: integrity.Sign(d, key), Heads: heads}
}
