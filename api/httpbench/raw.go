package httpbench

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/backend"
	"github.com/movementcoord/ledger/eventstore/verify"
)

// rawEventBytes is about what an action point's raised event stores (data
// and metadata), so the raw rate appends events of the same size.
const rawEventBytes = 700

// rawWriters is the store's own rate with n concurrent appenders, each to
// its own stream, opened as the server opens it (signed checkpoints): what
// the HTTP write path would reach if it cost nothing.
func rawWriters(ctx context.Context, dir string, n int, phase time.Duration) (float64, error) {
	key, _, err := verify.LoadOrCreateKey(filepath.Join(dir, verify.KeyFileName))
	if err != nil {
		return 0, err
	}
	signer, err := integrity.NewLogSigner(key)
	if err != nil {
		return 0, err
	}
	store, _, err := backend.Open(ctx, backend.Config{DataDir: dir, Signer: signer})
	if err != nil {
		return 0, err
	}
	defer store.Close()
	ctx, cancel := context.WithTimeout(ctx, phase)
	defer cancel()
	var total atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, n)
	start := time.Now()
	for range n {
		wg.Go(func() {
			if err := sealedAppends(ctx, store, &total); err != nil && ctx.Err() == nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	took := time.Since(start)
	close(errs)
	return float64(total.Load()) / took.Seconds(), <-errs
}

// sealedAppends appends one sealed event at a time to a stream of its own,
// as the application service does on a signed log, until ctx ends.
func sealedAppends(ctx context.Context, store eventstore.Store, total *atomic.Int64) error {
	stream := "bench-" + uuid.NewString()
	meta := []byte(`{"actor":{"id":"bench"},"class":"movement"}`)
	data := make([]byte, rawEventBytes-len(meta)-integrity.SealLen)
	var x integrity.Hasher
	prev := integrity.Zero
	for v := uint64(0); ctx.Err() == nil; v++ {
		id := uuid.Must(uuid.NewV7())
		sealed, h, err := x.Seal(integrity.Event{Stream: stream, Version: v + 1, ID: id, Type: "bench.recorded.v1",
			Data: data, Metadata: meta}, prev)
		if err != nil {
			return err
		}
		if _, err := store.Append(ctx, stream, eventstore.Exact(v),
			eventstore.EventData{ID: id, Type: "bench.recorded.v1", Data: data, Metadata: sealed}); err != nil {
			return err
		}
		prev = h
		total.Add(1)
	}
	return nil
}
