package recorder_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/personal"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

func TestPersonalFieldsAreWrittenSealed(t *testing.T) {
	t.Parallel()
	ctx, dir := context.Background(), t.TempDir()
	store, err := sqlite.Open(ctx, dir)
	require.NoError(t, err)
	keys, err := keystore.OpenFile(ctx, dir, false)
	require.NoError(t, err)
	svc := recorder.New(store, recorder.WithKeys(keys))
	op := openOperation(t, svc)
	person := uuid.New()
	cmd := domain.AddContact{Header: header(op, "contact-1"), PersonID: person, GivenName: "Amira",
		FamilyName: "Haddad", Email: "amira.haddad@example.org", Phone: "+41 22 555 0199"}
	_, err = svc.Execute(ctx, cmd, recorder.WriteOptions{})
	require.NoError(t, err)
	require.Equal(t, "amira.haddad@example.org", cmd.Email, "the caller's command is not changed")
	require.NoError(t, store.Close())
	require.NoError(t, keys.Close())

	for _, secret := range []string{"Amira", "Haddad", "amira.haddad", "555 0199"} {
		requireNowhere(t, dir, secret)
	}
}

func TestErasureDestroysTheKeyAndIsRecorded(t *testing.T) {
	t.Parallel()
	ctx, dir := context.Background(), t.TempDir()
	keys, err := keystore.OpenFile(ctx, dir, false)
	require.NoError(t, err)
	defer keys.Close()
	store := memory.New()
	svc := recorder.New(store, recorder.WithKeys(keys))
	op := openOperation(t, svc)
	person := uuid.New()
	_, err = svc.Execute(ctx, domain.AddContact{Header: header(op, "c"), PersonID: person, GivenName: "Amira", Email: "amira@example.org"}, recorder.WriteOptions{})
	require.NoError(t, err)
	_, err = keys.Key(ctx, person)
	require.NoError(t, err)

	erase := domain.ErasePerson{Header: header(uuid.Nil, "erase"), ID: person, Reason: "data_subject_request"}
	res, err := svc.Execute(ctx, erase, recorder.WriteOptions{})
	require.NoError(t, err)
	require.Equal(t, domain.Ref{Kind: domain.KindPerson, ID: person}, res.Ref)
	_, err = keys.Key(ctx, person)
	require.ErrorIs(t, err, personal.ErrErased)

	again, err := svc.Execute(ctx, erase, recorder.WriteOptions{})
	require.NoError(t, err, "a retried erasure is a duplicate, not an error")
	require.True(t, again.Duplicate)

	_, err = svc.Execute(ctx, domain.AddContact{Header: header(op, "c2"), PersonID: person, GivenName: "Amira", Email: "amira@example.org"}, recorder.WriteOptions{})
	require.ErrorIs(t, err, personal.ErrErased, "no new personal data about an erased person")
}

// Given a ledger with one contact, when an erasure names a person about
// whom nothing was recorded, then it is refused (404 over HTTP) and nothing
// is written; the recorded person can still be erased.
func TestErasureOfAPersonNeverRecordedIsRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	keys, err := keystore.OpenFile(ctx, t.TempDir(), false)
	require.NoError(t, err)
	defer keys.Close()
	store := memory.New()
	svc := recorder.New(store, recorder.WithKeys(keys))
	op := openOperation(t, svc)
	recorded := uuid.New()
	_, err = svc.Execute(ctx, domain.AddContact{Header: header(op, "c"), PersonID: recorded, GivenName: "Amira", Email: "amira@example.org"}, recorder.WriteOptions{})
	require.NoError(t, err)

	stranger := uuid.New()
	_, err = svc.Execute(ctx, domain.ErasePerson{Header: header(uuid.Nil, "e1"), ID: stranger, Reason: "data_subject_request"}, recorder.WriteOptions{})
	require.ErrorIs(t, err, recorder.ErrUnknownPerson)
	for _, err := range store.ReadStream(ctx, domain.Ref{Kind: domain.KindPerson, ID: stranger}.Stream(), eventstore.ReadStreamOptions{}) {
		require.ErrorIs(t, err, eventstore.ErrStreamNotFound, "nothing is recorded")
	}
	_, err = svc.Execute(ctx, domain.ErasePerson{Header: header(uuid.Nil, "e2"), ID: recorded, Reason: "data_subject_request"}, recorder.WriteOptions{})
	require.NoError(t, err)
}

func TestErasureWithoutAKeyStoreIsRefused(t *testing.T) {
	t.Parallel()
	svc := recorder.New(memory.New())
	_, err := svc.Execute(context.Background(), domain.ErasePerson{Header: header(uuid.Nil, "e"), ID: uuid.New(), Reason: "data_subject_request"}, recorder.WriteOptions{})
	require.ErrorIs(t, err, recorder.ErrNoKeyStore)
}

func header(op uuid.UUID, key string) domain.Header {
	return domain.Header{Actor: domain.Actor{ID: "admin-1", Role: "admin"}, IdempotencyKey: key, OperationID: op}
}

func openOperation(t *testing.T, svc *recorder.Service) uuid.UUID {
	t.Helper()
	h := header(uuid.Nil, "op")
	res, err := svc.Execute(context.Background(), domain.OpenOperation{Header: h, Name: "Test response", Country: "NPL", CrisisType: "disaster", Severity: "high", StartedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}, recorder.WriteOptions{})
	require.NoError(t, err)
	return res.Ref.ID
}

// requireNowhere fails if any file in dir holds s.
func requireNowhere(t *testing.T, dir, s string) {
	t.Helper()
	require.NoError(t, filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		require.False(t, bytes.Contains(data, []byte(s)), "%q found in %s", s, path)
		return nil
	}))
}
