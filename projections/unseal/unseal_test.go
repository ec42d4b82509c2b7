package unseal_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/personal"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/readmodel"
	"github.com/movementcoord/ledger/projections/unseal"
)

func TestViewsSeePlaintextUntilErasure(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	keys, err := keystore.OpenFile(ctx, t.TempDir(), false)
	require.NoError(t, err)
	defer keys.Close()
	store := memory.New()
	svc := recorder.New(store, recorder.WithKeys(keys))
	op := openOperation(t, svc)
	alice, bob := uuid.New(), uuid.New()
	add(t, svc, op, alice, "Alice", "alice@example.org")
	add(t, svc, op, bob, "Bob", "bob@example.org")

	readable := unseal.New(store, func(p uuid.UUID) ([]byte, error) { return keys.Key(ctx, p) })
	live := readmodel.NewRunner(readable)
	go func() { _ = live.Run(ctx) }()
	res, err := svc.Execute(ctx, domain.ErasePerson{Header: hdr(uuid.Nil, "erase-alice"), ID: alice, Reason: "data_subject_request"}, recorder.WriteOptions{})
	require.NoError(t, err)
	live.NoteHead(res.Position)
	require.NoError(t, live.WaitFor(ctx, res.Position))

	contacts := currentContacts(t, live, op)
	require.Equal(t, map[string]string{personal.Erased: "", "Bob": "bob@example.org"}, contacts, "Alice is dropped, Bob readable")

	rebuilt := readmodel.NewRunner(readable)
	go func() { _ = rebuilt.Run(ctx) }()
	rebuilt.NoteHead(res.Position)
	require.NoError(t, rebuilt.WaitFor(ctx, res.Position))
	require.Equal(t, contacts, currentContacts(t, rebuilt, op), "rebuilt views equal live views")
}

func currentContacts(t *testing.T, r *projections.Runner, op uuid.UUID) map[string]string {
	t.Helper()
	set, err := readmodel.Current(r)
	require.NoError(t, err)
	out := map[string]string{}
	for _, c := range set.Contacts.List(op, false) {
		out[c.GivenName] = c.Email
	}
	return out
}

func hdr(op uuid.UUID, key string) domain.Header {
	return domain.Header{Actor: domain.Actor{ID: "admin-1", Role: "admin"}, IdempotencyKey: key, OperationID: op}
}

func openOperation(t *testing.T, svc *recorder.Service) uuid.UUID {
	t.Helper()
	res, err := svc.Execute(context.Background(), domain.OpenOperation{Header: hdr(uuid.Nil, "op"), Name: "Test response",
		Country: "NPL", CrisisType: "disaster", Severity: "high", StartedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}, recorder.WriteOptions{})
	require.NoError(t, err)
	return res.Ref.ID
}

func add(t *testing.T, svc *recorder.Service, op, person uuid.UUID, name, email string) {
	t.Helper()
	_, err := svc.Execute(context.Background(), domain.AddContact{Header: hdr(op, "contact-"+name), PersonID: person,
		GivenName: name, Email: email}, recorder.WriteOptions{})
	require.NoError(t, err)
}

// TestTheLogIsTheAuthorityOnErasure: a key store that still answers after
// the erasure (another server's cached key, a destruction cut short) opens
// nothing once the erasure event has been read.
func TestTheLogIsTheAuthorityOnErasure(t *testing.T) {
	ctx := context.Background()
	keys, err := keystore.OpenFile(ctx, t.TempDir(), false)
	require.NoError(t, err)
	defer keys.Close()
	store := memory.New()
	svc := recorder.New(store, recorder.WithKeys(keys))
	op := openOperation(t, svc)
	alice := uuid.New()
	add(t, svc, op, alice, "Alice", "alice@example.org")
	staleKey, err := keys.Key(ctx, alice)
	require.NoError(t, err)
	readable := unseal.New(store, func(uuid.UUID) ([]byte, error) { return staleKey, nil })
	require.Contains(t, contactPayloads(t, readable), "alice@example.org")

	_, err = svc.Execute(ctx, domain.ErasePerson{Header: hdr(uuid.Nil, "erase-alice"), ID: alice, Reason: "data_subject_request"}, recorder.WriteOptions{})
	require.NoError(t, err)
	require.Contains(t, contactPayloads(t, readable), "alice@example.org", "the stale key still opens it: the erasure is unread")
	for _, err := range readable.ReadAll(ctx, 0, 0) { // e.g. the views following the log
		require.NoError(t, err)
	}
	got := contactPayloads(t, readable)
	require.NotContains(t, got, "alice@example.org")
	require.Contains(t, got, "[erased]")
}

func contactPayloads(t *testing.T, s *unseal.Store) string {
	t.Helper()
	var out string
	for rec, err := range s.ReadAll(context.Background(), 0, 0) {
		require.NoError(t, err)
		if rec.Type == (domain.ContactAdded{}).EventType() {
			out += string(rec.Data)
		}
	}
	return out
}
