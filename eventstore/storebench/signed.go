package storebench

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

// Signed compares, in the same run, sealed appends through a store without
// a signing key (the group commit as it was) and through one that signs a
// checkpoint in every commit. Each pair is measured twice, alternating, so
// that a change of load on a shared machine hits both sides.
type Signed struct {
	UnsignedSinglePerS float64 `json:"unsigned_single_per_s"`
	SignedSinglePerS   float64 `json:"signed_single_per_s"`
	Unsigned16PerS     float64 `json:"unsigned_writers16_per_s"`
	Signed16PerS       float64 `json:"signed_writers16_per_s"`
	// Mean latency of one append at 16 writers, in milliseconds.
	Unsigned16LatencyMs float64 `json:"unsigned_writers16_latency_ms"`
	Signed16LatencyMs   float64 `json:"signed_writers16_latency_ms"`
}

type sealedRate struct {
	perS, latencyMs float64
}

func runSigned(ctx context.Context, dir string, cfg Config) (Signed, error) {
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return Signed{}, err
	}
	signer, err := integrity.NewLogSigner(key)
	if err != nil {
		return Signed{}, err
	}
	var s Signed
	for round := range 2 {
		for _, signed := range []bool{false, true} {
			o := sqlite.Options{}
			if signed {
				o.Signer = signer
			}
			sub := filepath.Join(dir, fmt.Sprintf("signed-%v-%d", signed, round))
			if err := os.MkdirAll(sub, 0o700); err != nil {
				return s, err
			}
			one, sixteen, err := sealedPhases(ctx, sub, o, cfg)
			if err != nil {
				return s, err
			}
			if signed {
				s.SignedSinglePerS += one.perS / 2
				s.Signed16PerS += sixteen.perS / 2
				s.Signed16LatencyMs += sixteen.latencyMs / 2
			} else {
				s.UnsignedSinglePerS += one.perS / 2
				s.Unsigned16PerS += sixteen.perS / 2
				s.Unsigned16LatencyMs += sixteen.latencyMs / 2
			}
		}
	}
	return s, nil
}

func sealedPhases(ctx context.Context, dir string, o sqlite.Options, cfg Config) (one, sixteen sealedRate, err error) {
	store, err := sqlite.OpenWith(ctx, dir, o)
	if err != nil {
		return one, sixteen, err
	}
	defer store.Close()
	if one, err = sealedWriters(ctx, store, 1, cfg); err != nil {
		return one, sixteen, err
	}
	sixteen, err = sealedWriters(ctx, store, 16, cfg)
	return one, sixteen, err
}

// sealedWriters runs n goroutines appending one sealed event at a time to
// their own streams, as the application service does.
func sealedWriters(ctx context.Context, store *sqlite.Store, n int, cfg Config) (sealedRate, error) {
	ctx, cancel := context.WithTimeout(ctx, cfg.Phase)
	defer cancel()
	var total, waited atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	start := time.Now()
	meta := []byte(`{"actor":{"id":"bench"},"class":"movement"}`)
	data := make([]byte, max(cfg.EventBytes-len(meta)-integrity.SealLen, 1))
	for range n {
		wg.Go(func() {
			stream := "bench-" + uuid.NewString()
			var x integrity.Hasher
			prev := integrity.Zero
			for v := uint64(0); ctx.Err() == nil; v++ {
				id := uuid.Must(uuid.NewV7())
				sealed, h, err := x.Seal(integrity.Event{Stream: stream, Version: v + 1, ID: id, Type: "bench.recorded.v1",
					Data: data, Metadata: meta}, prev)
				if err == nil {
					t0 := time.Now()
					_, err = store.Append(ctx, stream, eventstore.Exact(v),
						eventstore.EventData{ID: id, Type: "bench.recorded.v1", Data: data, Metadata: sealed})
					waited.Add(int64(time.Since(t0)))
				}
				if err != nil {
					if ctx.Err() == nil {
						once.Do(func() { firstErr = err })
					}
					return
				}
				prev = h
				total.Add(1)
			}
		})
	}
	wg.Wait()
	r := sealedRate{perS: perSecond(total.Load(), time.Since(start))}
	if total.Load() > 0 {
		r.latencyMs = float64(waited.Load()) / float64(total.Load()) / 1e6
	}
	return r, firstErr
}
