package recorder

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

// A natural key such as "join-nrcs" means the same thing in every operation
// it is used in: each operation gets its own record, and a retry in either
// finds its own.
func TestNaturalKeyInTwoOperationsMakesTwoRecords(t *testing.T) {
	t.Parallel()
	store := memory.New()
	s := newScene(t, store)
	other := s.run(domain.OpenOperation{Header: hdr(uuid.Nil), Name: "Cyclone 2026", Country: "MOZ",
		CrisisType: "disaster", StartedAt: testNow.Add(-24 * time.Hour), Severity: "high"}).Ref.ID
	join := func(op uuid.UUID) domain.JoinComponent {
		h := hdr(op)
		h.IdempotencyKey = "join-nrcs"
		return domain.JoinComponent{Header: h, Name: "Norwegian RC", Kind: domain.ComponentPNS}
	}
	first, second := s.run(join(s.op)), s.run(join(other))
	require.False(t, second.Duplicate, "the second operation's join is written")
	require.NotEqual(t, first.Ref, second.Ref)
	for op, want := range map[uuid.UUID]Result{s.op: first, other: second} {
		again := s.run(join(op))
		require.True(t, again.Duplicate)
		require.Equal(t, want.Ref, again.Ref, "a retry finds its own operation's record")
		c, err := s.svc.Load(context.Background(), want.Ref)
		require.NoError(t, err)
		require.Equal(t, op, domain.BaseOf(c).OperationID)
	}
}

// Given a key already used on a record, when the same principal sends it
// with a different body, then nothing is written and the answer names the
// record of the first request.
func TestKeyReusedWithAnotherBodyIsRefused(t *testing.T) {
	t.Parallel()
	cases := map[string]func(s *scene, h domain.Header) domain.Command{
		"on a record": func(s *scene, h domain.Header) domain.Command {
			return domain.ReportStaffing{Header: h, ID: s.hns, NationalStaff: 3}
		},
		"creating without an id": func(s *scene, h domain.Header) domain.Command {
			return domain.ProposeDecision{Header: h, MechanismID: s.mech, Title: "Cholera response", Text: "HNS leads"}
		},
	}
	for name, first := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			store := memory.New()
			s := newScene(t, store)
			h := hdr(s.op)
			written := s.run(first(s, h))
			before := count(t, store)
			changed := first(s, h)
			switch c := changed.(type) {
			case domain.ReportStaffing:
				c.NationalStaff = 30
				changed = c
			case domain.ProposeDecision:
				c.Text = "IFRC leads"
				changed = c
			}
			_, err := s.svc.Execute(context.Background(), changed, WriteOptions{})
			require.Error(t, err, "a key reused with another body is not a duplicate")
			require.Equal(t, before, count(t, store))
			require.Contains(t, err.Error(), written.Ref.ID.String(), "the answer names the first request's record")
		})
	}
}

// A key is scoped to its principal: another officer who happens to pick the
// same key for the same record is not answered with the first one's result.
func TestSameKeyByAnotherPrincipalIsWritten(t *testing.T) {
	t.Parallel()
	store := memory.New()
	s := newScene(t, store)
	h := hdr(s.op)
	h.IdempotencyKey = "staffing-week-1"
	s.run(domain.ReportStaffing{Header: h, ID: s.hns, NationalStaff: 3})
	h.Actor.ID = "u-2"
	res := s.run(domain.ReportStaffing{Header: h, ID: s.hns, NationalStaff: 3})
	require.False(t, res.Duplicate)
	require.Equal(t, uint64(3), res.Version)
}

// After a demo-style write whose key names a person, no byte of the log holds
// the key: it is stored as a keyed hash.
func TestIdempotencyKeyIsNotStoredInPlaintext(t *testing.T) {
	t.Parallel()
	ctx, dir := context.Background(), t.TempDir()
	keys, err := keystore.OpenFile(ctx, dir, false)
	require.NoError(t, err)
	t.Cleanup(func() { _ = keys.Close() })
	store := memory.New()
	s := &scene{t: t, store: store, svc: New(store, WithKeys(keys), WithClock(func() time.Time { return testNow }))}
	op := s.run(domain.OpenOperation{Header: hdr(uuid.Nil), Name: "Floods 2026", Country: "NPL",
		CrisisType: "disaster", StartedAt: testNow.Add(-72 * time.Hour), Severity: "high"}).Ref.ID
	h := hdr(op)
	h.IdempotencyKey = "contact-sita-gurung"
	add := domain.AddContact{Header: h, PersonID: uuid.New(), GivenName: "Sita", FamilyName: "Gurung",
		Email: "sita.gurung@example.org", Function: "health delegate"}
	first := s.run(add)
	require.True(t, s.run(add).Duplicate, "the hashed key still finds the first write")

	for ev, err := range store.ReadAll(ctx, 0, 0) {
		require.NoError(t, err)
		for _, b := range [][]byte{ev.Data, ev.Metadata, []byte(ev.Stream), []byte(ev.ID.String())} {
			require.False(t, bytes.Contains(b, []byte(h.IdempotencyKey)), "event %s@%d holds the key", ev.Stream, ev.Version)
			require.False(t, bytes.Contains(b, []byte("sita-gurung")), "event %s@%d holds part of the key", ev.Stream, ev.Version)
		}
	}
	require.NotEqual(t, first.Ref.ID, uuid.NewSHA1(namespace, []byte("record\x00contact\x00"+h.IdempotencyKey)),
		"the record id is not a plain hash of the key, which anyone could recompute")
}

// Identical requests in flight at once: exactly one writes, the others get
// its answer as a duplicate, and the store holds one record.
func TestIdenticalRequestsInFlightWriteOnce(t *testing.T) {
	t.Parallel()
	stores := map[string]func(t *testing.T) eventstore.Store{
		"memory": func(*testing.T) eventstore.Store { return memory.New() },
		"sqlite": func(t *testing.T) eventstore.Store {
			st, err := sqlite.Open(context.Background(), t.TempDir())
			require.NoError(t, err)
			t.Cleanup(func() { _ = st.Close() })
			return st
		},
	}
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			store := open(t)
			s := newScene(t, store)
			before := count(t, store)
			cmd := domain.ProposeDecision{Header: hdr(s.op), MechanismID: s.mech, Title: "Cholera response", Text: "HNS leads"}
			const requests = 8
			results := make([]Result, requests)
			errs := make([]error, requests)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range requests {
				wg.Go(func() {
					<-start
					results[i], errs[i] = s.svc.Execute(context.Background(), cmd, WriteOptions{})
				})
			}
			close(start)
			wg.Wait()
			written := 0
			for i := range requests {
				require.NoError(t, errs[i])
				require.Equal(t, results[0].Ref, results[i].Ref)
				require.Equal(t, results[0].Position, results[i].Position)
				if !results[i].Duplicate {
					written++
				}
			}
			require.Equal(t, 1, written, "exactly one request writes")
			require.Equal(t, before+1, count(t, store), "one record, one event")
		})
	}
}

// Two servers (two services, no shared memory) on one store send the same
// request at once: the append's expected version lets one write, and the
// other's append, carrying the same event ids, is recognised by the store as
// a retry. One record, one event, the same answer on both.
func TestIdenticalRequestsOnTwoServersWriteOnce(t *testing.T) {
	t.Parallel()
	store := memory.New()
	s := newScene(t, store)
	before := count(t, store)
	cmd := domain.ProposeDecision{Header: hdr(s.op), MechanismID: s.mech, Title: "Cholera response", Text: "HNS leads"}
	servers := []*Service{New(store), New(store)}
	results := make([]Result, len(servers))
	errs := make([]error, len(servers))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, svc := range servers {
		wg.Go(func() {
			<-start
			results[i], errs[i] = svc.Execute(context.Background(), cmd, WriteOptions{})
		})
	}
	close(start)
	wg.Wait()
	for i := range servers {
		require.NoError(t, errs[i])
		require.Equal(t, results[0].Ref, results[i].Ref)
		require.Equal(t, results[0].Position, results[i].Position)
	}
	require.Equal(t, before+1, count(t, store))
}

// Servers that share a key store (the key service) hash keys alike, so a
// retry sent to another server still finds the first write; the secret lives
// in the key store, under an id no person has and that cannot be erased.
func TestServersSharingAKeyStoreAgreeOnKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	keys, err := keystore.OpenFile(ctx, t.TempDir(), false)
	require.NoError(t, err)
	t.Cleanup(func() { _ = keys.Close() })
	store := memory.New()
	a, b := New(store, WithKeys(keys)), New(store, WithKeys(keys))
	open := domain.OpenOperation{Header: hdr(uuid.Nil), Name: "Floods 2026", Country: "NPL",
		CrisisType: "disaster", StartedAt: testNow.Add(-72 * time.Hour), Severity: "high"}
	first, err := a.Execute(ctx, open, WriteOptions{})
	require.NoError(t, err)
	again, err := b.Execute(ctx, open, WriteOptions{})
	require.NoError(t, err)
	require.True(t, again.Duplicate)
	require.Equal(t, first.Ref, again.Ref)

	_, err = b.Execute(ctx, domain.ErasePerson{Header: hdr(uuid.Nil), ID: secretID, Reason: "request"}, WriteOptions{})
	require.ErrorIs(t, err, ErrReservedID)
	_, err = keys.Key(ctx, secretID)
	require.NoError(t, err, "the secret is still there")
}
