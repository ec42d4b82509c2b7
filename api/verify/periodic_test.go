package verify

import (
	"context"
	"crypto/ed25519"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/app"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/memory"
)

func TestRunDigestsRecordsSignedDigestsAsTheLogGrows(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	store := memory.New()
	svc := app.New(store)
	_, key, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	var mu sync.Mutex
	var recorded []integrity.Digest
	record := func(ctx context.Context, d integrity.Digest) error {
		mu.Lock()
		recorded = append(recorded, d)
		mu.Unlock()
		_, err := svc.RecordDigest(ctx, d)
		return err
	}
	done := make(chan error, 1)
	go func() { done <- RunDigests(ctx, store, key, 10*time.Millisecond, record) }()

	_, err = svc.Execute(ctx, domain.OpenOperation{Header: domain.Header{Actor: domain.Actor{ID: "u-1", Role: "officer"},
		IdempotencyKey: uuid.NewString()}, Name: "Floods", Country: "SDN", CrisisType: "disaster",
		StartedAt: time.Now().Add(-time.Hour), Severity: "high"})
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(recorded) == 1
	}, 5*time.Second, 5*time.Millisecond)
	time.Sleep(50 * time.Millisecond) // quiet log: no second digest of the same heads
	cancel()
	require.NoError(t, <-done)

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, recorded, 1)
	require.Equal(t, uint64(1), recorded[0].Events)
	require.NoError(t, integrity.VerifyDigest(recorded[0], key.Public().(ed25519.PublicKey)))
	rep, err := Check(context.Background(), store, Options{Key: key.Public().(ed25519.PublicKey),
		Digests: []Expect{{Digest: recorded[0], Source: "periodic"}}})
	require.NoError(t, err)
	require.Nil(t, rep.Problem)
	require.Equal(t, 2, rep.Streams, "the operation and the digest stream")
}
