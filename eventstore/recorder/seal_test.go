package recorder

import (
	"context"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/memory"
)

// requireChained checks every stream of store as the verifier does: each
// event's seal gives its hash, and its prev_hash is its predecessor's hash.
func requireChained(t *testing.T, store eventstore.Store) {
	t.Helper()
	var x integrity.Hasher
	heads := map[string]integrity.Hash{}
	for ev, err := range store.ReadAll(context.Background(), 0, 0) {
		require.NoError(t, err)
		s, err := x.Open(&integrity.Event{Stream: ev.Stream, Version: ev.Version, ID: ev.ID, Type: ev.Type, Data: ev.Data, Metadata: ev.Metadata})
		require.NoError(t, err, "%s@%d", ev.Stream, ev.Version)
		require.Equal(t, heads[ev.Stream], s.Prev, "%s@%d", ev.Stream, ev.Version)
		heads[ev.Stream] = s.Hash
	}
}

func TestEveryAppendIsSealedIntoItsStreamChain(t *testing.T) {
	t.Parallel()
	mem := memory.New()
	s := newScene(t, mem)
	dec := s.run(domain.ProposeDecision{Header: hdr(s.op), ID: NewID(), MechanismID: s.mech, Title: "Cholera", Text: "HNS leads"}).Ref.ID
	s.run(domain.AdoptDecision{Header: hdr(s.op), ID: dec, AgreedBy: []uuid.UUID{s.hns, s.pns}})
	requireChained(t, mem)

	var env domain.Envelope
	for ev, err := range mem.ReadAll(context.Background(), 0, 1) {
		require.NoError(t, err)
		env, err = domain.DecodeEnvelope(ev.Metadata)
		require.NoError(t, err, "a sealed envelope still decodes")
	}
	require.Equal(t, s.op, env.OperationID)
}

// Writers racing on one record each reseal on their retry, onto the head
// that beat them: the chain stays whole.
func TestRetriedAppendsChainOntoTheNewHead(t *testing.T) {
	t.Parallel()
	const writers = 5
	mem := memory.New()
	s := newScene(t, mem)
	ap := s.run(domain.RaiseActionPoint{Header: hdr(s.op), ID: NewID(), Title: "t", Owner: domain.Owner{ComponentID: s.hns}}).Ref
	svc := New(mem, WithAttempts(writers))
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			_, err := svc.Execute(context.Background(), domain.ReportProgress{Header: hdr(s.op), ID: ap.ID, Percent: 10 * (i + 1), Note: "n"}, WriteOptions{})
			require.NoError(t, err)
		})
	}
	wg.Wait()
	requireChained(t, mem)
}

func TestRecordDigestChainsTheDigestStream(t *testing.T) {
	t.Parallel()
	mem := memory.New()
	s := newScene(t, mem)
	for i := range 3 {
		res, err := s.svc.RecordDigest(context.Background(), integrity.Digest{Position: uint64(10 + i), Time: testNow})
		require.NoError(t, err)
		require.Equal(t, uint64(i+1), res.Version)
	}
	again, err := s.svc.RecordDigest(context.Background(), integrity.Digest{Position: 12, Time: testNow})
	require.NoError(t, err)
	require.True(t, again.Duplicate, "the latest digest is recorded once")
	require.Equal(t, uint64(3), again.Version)
	requireChained(t, mem)
}
