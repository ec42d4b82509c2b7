package server

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"log/slog"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/app"
	"github.com/movementcoord/ledger/api/verify"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/memory"
)

// TestPeriodicDigestsRecordWhatIsNew: the server records a signed digest once
// the log grows, and none while only digests were written since.
func TestPeriodicDigestsRecordWhatIsNew(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := memory.New()
	svc := app.New(store)
	_, key, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	log := slog.New(slog.DiscardHandler)
	li, stopChecks := startIntegrity(store, key, log)
	defer stopChecks()
	stopDigests := startDigests(li, svc, 10*time.Millisecond, log)

	_, err = svc.Execute(ctx, domain.OpenOperation{Header: domain.Header{Actor: domain.Actor{ID: "u-1", Role: "officer"},
		IdempotencyKey: uuid.NewString()}, Name: "Floods", Country: "SDN", CrisisType: "disaster",
		StartedAt: time.Now().Add(-time.Hour), Severity: "high"}, app.WriteOptions{})
	require.NoError(t, err)
	require.Eventually(t, func() bool { return len(digestsIn(t, store)) == 1 }, 5*time.Second, 5*time.Millisecond)
	time.Sleep(50 * time.Millisecond) // quiet log: no second digest of the same heads
	stopDigests()

	recorded := digestsIn(t, store)
	require.Len(t, recorded, 1)
	require.Equal(t, uint64(1), recorded[0].Events)
	require.NoError(t, integrity.VerifyDigest(recorded[0], key.Public().(ed25519.PublicKey)))
	rep, err := verify.Check(ctx, store, verify.Options{Key: key.Public().(ed25519.PublicKey),
		Digests: []verify.Expect{{Digest: recorded[0], Source: "periodic"}}})
	require.NoError(t, err)
	require.Nil(t, rep.Problem)
	require.Equal(t, 2, rep.Streams, "the operation and the digest stream")
}

func digestsIn(t *testing.T, store eventstore.Store) []integrity.Digest {
	t.Helper()
	var out []integrity.Digest
	for ev, err := range store.ReadStream(context.Background(), integrity.DigestStream, eventstore.ReadStreamOptions{}) {
		if err != nil {
			require.ErrorIs(t, err, eventstore.ErrStreamNotFound)
			return nil
		}
		var d integrity.Digest
		require.NoError(t, json.Unmarshal(ev.Data, &d))
		out = append(out, d)
	}
	return out
}
