package server

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/api/app"
	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/verify"
	"github.com/movementcoord/ledger/eventstore"
)

// ledgerIntegrity checks every event of the stored log as it arrives, keeping
// each stream's head, so that a digest can be signed at any moment without
// reading the log again. It reads the store itself, not the view with
// personal fields opened: the hashes cover the ciphertext.
type ledgerIntegrity struct {
	store eventstore.Store
	key   ed25519.PrivateKey

	mu      sync.Mutex
	tracker *verify.Tracker
	problem *verify.Problem
}

var _ httpapi.Integrity = (*ledgerIntegrity)(nil)

// startIntegrity follows the log until stop is called.
func startIntegrity(store eventstore.Store, key ed25519.PrivateKey, log *slog.Logger) (li *ledgerIntegrity, stop func()) {
	li = &ledgerIntegrity{store: store, key: key, tracker: verify.NewTracker()}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := li.follow(ctx); err != nil && ctx.Err() == nil {
			log.Error("integrity follower stopped", "err", err)
		}
	}()
	return li, func() { cancel(); <-done }
}

func (li *ledgerIntegrity) follow(ctx context.Context) error {
	for ev, err := range li.store.SubscribeAll(ctx, 0) {
		if err != nil {
			return err
		}
		li.mu.Lock()
		if li.problem == nil {
			li.problem = li.tracker.Add(&ev)
		}
		li.mu.Unlock()
	}
	return nil
}

// Current signs a digest of every head up to the last event checked.
func (li *ledgerIntegrity) Current() (verify.File, error) {
	li.mu.Lock()
	defer li.mu.Unlock()
	switch {
	case li.problem != nil:
		return verify.File{}, fmt.Errorf("%w: %v", httpapi.ErrIntegrityBroken, li.problem)
	case li.tracker.Position() == 0:
		return verify.File{}, httpapi.ErrNoDigestYet
	}
	return li.tracker.Digest(li.key, time.Now()), nil
}

// Prove proves one event against the current digest.
func (li *ledgerIntegrity) Prove(ctx context.Context, stream string, version uint64) (httpapi.ProvenEvent, error) {
	p, err := li.prover()
	if err != nil {
		return httpapi.ProvenEvent{}, err
	}
	ev, proof, err := p.Prove(ctx, li.store, stream, version)
	if err != nil {
		return httpapi.ProvenEvent{}, fmt.Errorf("prove %s@%d: %w", stream, version, err)
	}
	return httpapi.ProvenEvent{ID: ev.ID, Stream: ev.Stream, Version: ev.Version, Position: ev.Position, Type: ev.Type,
		Data: ev.Data, Metadata: ev.Metadata, Proof: proof, Digest: p.Digest()}, nil
}

// Bundle exports an operation's review bundle against the current digest.
func (li *ledgerIntegrity) Bundle(ctx context.Context, op uuid.UUID) (verify.Bundle, error) {
	p, err := li.prover()
	if err != nil {
		return verify.Bundle{}, err
	}
	return verify.ExportBundle(ctx, li.store, p, op)
}

func (li *ledgerIntegrity) prover() (*verify.Prover, error) {
	f, err := li.Current()
	if err != nil {
		return nil, err
	}
	return verify.NewProver(f)
}

// startDigests records a signed digest in the log every interval, unless
// nothing but digests was written since the last one, so the log carries its
// own checkpoints. It signs from the follower's heads: the server hashes each
// event once. every <= 0 turns it off.
func startDigests(li *ledgerIntegrity, svc *app.Service, every time.Duration, log *slog.Logger) (stop func()) {
	if every <= 0 {
		return func() {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(every)
		defer tick.Stop()
		signed := uint64(0) // events covered by the last digest recorded
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				signed = li.recordIfNew(ctx, svc, signed, log)
			}
		}
	}()
	return func() { cancel(); <-done }
}

// recordIfNew records the current digest when it covers more events than the
// last one recorded, and returns how many the last recorded one covers.
func (li *ledgerIntegrity) recordIfNew(ctx context.Context, svc *app.Service, signed uint64, log *slog.Logger) uint64 {
	f, err := li.Current()
	switch {
	case errors.Is(err, httpapi.ErrNoDigestYet):
		return signed
	case err != nil:
		log.Error("periodic digest not recorded", "err", err)
		return signed
	case f.Digest.Events == signed:
		return signed
	}
	if _, err := svc.RecordDigest(ctx, f.Digest); err != nil {
		if ctx.Err() == nil {
			log.Error("periodic digest not recorded", "err", err)
		}
		return signed
	}
	return f.Digest.Events
}
