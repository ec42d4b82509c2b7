package verify

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"time"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// Recorder appends a digest to the log; app.Service.RecordDigest is one. It
// is injected so that this package never writes to the store itself.
type Recorder func(ctx context.Context, d integrity.Digest) error

// RunDigests follows the log from the start, checking every event, and every
// interval signs a digest of the heads and records it, unless nothing but
// digests was appended since the last one. It returns nil when ctx ends, the
// *Problem (wrapped) when the log fails a check, or the error of the store
// or of record.
func RunDigests(ctx context.Context, store eventstore.Store, key ed25519.PrivateKey, every time.Duration, record Recorder) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	events := make(chan eventstore.RecordedEvent, batchSize)
	errc := make(chan error, 1)
	go follow(ctx, store, events, errc)
	t := NewTracker()
	tick := time.NewTicker(every)
	defer tick.Stop()
	signed := uint64(0) // events covered by the last digest recorded
	for {
		select {
		case ev := <-events:
			if p := t.Add(&ev); p != nil {
				return fmt.Errorf("periodic digests stopped: %w", p)
			}
		case <-tick.C:
			f := t.Digest(key, time.Now())
			if f.Digest.Events == signed {
				continue
			}
			if err := record(ctx, f.Digest); err != nil {
				return fmt.Errorf("periodic digests: %w", err)
			}
			signed = f.Digest.Events
		case err := <-errc:
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("periodic digests: %w", err)
		case <-ctx.Done():
			return nil
		}
	}
}

// follow feeds the log, caught up and then live, into events.
func follow(ctx context.Context, store eventstore.Store, events chan<- eventstore.RecordedEvent, errc chan<- error) {
	for ev, err := range store.SubscribeAll(ctx, 0) {
		if err != nil {
			errc <- err
			return
		}
		select {
		case events <- ev:
		case <-ctx.Done():
			errc <- ctx.Err()
			return
		}
	}
	errc <- fmt.Errorf("the log subscription ended")
}
