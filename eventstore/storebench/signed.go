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
	stores := [2]*sqlite.Store{}
	for i, o := range []sqlite.Options{{}, {Signer: signer}} {
		sub := filepath.Join(dir, fmt.Sprintf("sealed-%d", i))
		if err := os.MkdirAll(sub, 0o700); err != nil {
			return Signed{}, err
		}
		if stores[i], err = sqlite.OpenWith(ctx, sub, o); err != nil {
			return Signed{}, err
		}
		defer stores[i].Close()
	}
	// Many short rounds, alternating, so that a change of load on a shared
	// disk falls on both sides alike.
	short := cfg
	short.Phase = cfg.Phase / signedRounds
	var sums [2][3]float64 // per side: single/s, 16 writers/s, latency ms
	for range signedRounds {
		for i, st := range stores {
			one, err := sealedWriters(ctx, st, 1, short)
			if err != nil {
				return Signed{}, err
			}
			sixteen, err := sealedWriters(ctx, st, 16, short)
			if err != nil {
				return Signed{}, err
			}
			sums[i][0] += one.perS / signedRounds
			sums[i][1] += sixteen.perS / signedRounds
			sums[i][2] += sixteen.latencyMs / signedRounds
		}
	}
	return Signed{UnsignedSinglePerS: sums[0][0], SignedSinglePerS: sums[1][0],
		Unsigned16PerS: sums[0][1], Signed16PerS: sums[1][1],
		Unsigned16LatencyMs: sums[0][2], Signed16LatencyMs: sums[1][2]}, nil
}

// signedRounds is how many alternating rounds share each side's phase.
const signedRounds = 8

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
