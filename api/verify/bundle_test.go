package verify

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"slices"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

func exportBundle(t *testing.T, l *ledger) Bundle {
	t.Helper()
	store, err := sqlite.Open(context.Background(), l.dir)
	require.NoError(t, err)
	defer store.Close()
	p, err := NewProver(l.file)
	require.NoError(t, err)
	var op struct {
		OperationID uuid.UUID `json:"operation_id"`
	}
	require.NoError(t, json.Unmarshal(l.events[len(l.events)-2].Metadata, &op))
	b, err := ExportBundle(context.Background(), store, p, op.OperationID)
	require.NoError(t, err)
	return b
}

func TestBundleVerifiesOfflineAndRejectsForgeries(t *testing.T) {
	t.Parallel()
	l, _ := newLedger(t)
	b := exportBundle(t, l)
	require.Len(t, b.Events, len(l.events)-1, "every event but the digest's belongs to the operation")
	require.NoError(t, VerifyBundle(b, l.pub()))
	require.Empty(t, Incomplete(b))
	partial := cloneBundle(b)
	partial.Events = slices.Delete(partial.Events, 3, 4)
	require.NoError(t, VerifyBundle(partial, l.pub()), "each remaining proof holds")
	require.Equal(t, []string{b.Events[3].Stream}, Incomplete(partial))

	_, other, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	cases := []struct {
		name  string
		forge func(b *Bundle)
		key   ed25519.PublicKey
		want  error
	}{
		{"payload edited", func(b *Bundle) { b.Events[3].Data[5] ^= 1 }, l.pub(), integrity.ErrHashMismatch},
		{"digest re-signed by another key", func(b *Bundle) { b.Digest = integrity.Sign(b.Digest, other) }, l.pub(), integrity.ErrWrongKey},
		{"proofs swapped", func(b *Bundle) { b.Events[3].Proof, b.Events[4].Proof = b.Events[4].Proof, b.Events[3].Proof }, l.pub(), integrity.ErrBadProof},
		{"truncated proof", func(b *Bundle) { b.Events[2].Proof.Later = b.Events[2].Proof.Later[1:] }, l.pub(), integrity.ErrBadProof},
		{"forged event re-sealed by the forger", func(b *Bundle) { reseal(t, &b.Events[3]) }, l.pub(), integrity.ErrBadProof},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fb := cloneBundle(b)
			c.forge(&fb)
			err := VerifyBundle(fb, c.key)
			require.ErrorIs(t, err, c.want)
		})
	}
}

// reseal changes an event's payload and seals it again over its real
// predecessor, as a forger holding the format (but no signing key) would.
func reseal(t *testing.T, e *BundleEvent) {
	e.Data = []byte(`{"percent":99,"note":"forged"}`)
	prev, _, err := integrity.ReadSeal(e.Metadata)
	require.NoError(t, err)
	var x integrity.Hasher
	e.Metadata, _, err = x.Seal(integrity.Event{Stream: e.Stream, Version: e.Version, ID: e.ID, Type: e.Type,
		Data: e.Data, Metadata: unsealed(e.Metadata)}, prev)
	require.NoError(t, err)
}

func cloneBundle(b Bundle) Bundle {
	b.Events = slices.Clone(b.Events)
	for i := range b.Events {
		e := &b.Events[i]
		e.Data, e.Metadata = slices.Clone(e.Data), slices.Clone(e.Metadata)
		e.Proof.Later, e.Proof.Path = slices.Clone(e.Proof.Later), slices.Clone(e.Proof.Path)
	}
	return b
}
