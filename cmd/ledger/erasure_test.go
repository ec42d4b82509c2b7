package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/server"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/backend"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/scripts/demo"
)

// TestErasureKeepsTheRecordVerifiable: after the demo, the host National
// Society's disaster manager (Sita Gurung, hns-dm@example.org) asks to be
// erased. Her data is nowhere in plaintext, exports show the others but not
// her, and the log still verifies. A lost key store stops the commands that
// need it with a clear error, and the log is untouched.
func TestErasureKeepsTheRecordVerifiable(t *testing.T) {
	dir := t.TempDir()
	out, err := run(t, "demo", "--data", dir)
	require.NoError(t, err)
	op := operationOf(t, out)
	erase(t, dir, demo.PersonID("hns-dm"))

	out, err = run(t, "verify", "--data", dir)
	require.NoError(t, err)
	require.Contains(t, out, "intact")

	contacts := []string{"export", "--data", dir, "--operation", op, "--view", "contacts", "--audience", "movement"}
	out, err = run(t, contacts...)
	require.NoError(t, err)
	require.Contains(t, out, "ifrc-hoo@example.org", "the others stay readable")
	require.Contains(t, out, `"given_name": "[erased]"`, "the export shows her as erased")
	for _, gone := range []string{"hns-dm@example.org", "Sita", "Gurung"} {
		require.NotContains(t, out, gone)
		requireNowhereIn(t, dir, gone)
	}

	require.NoError(t, os.Remove(filepath.Join(dir, keystore.FileName)))
	_, err = run(t, contacts...)
	require.ErrorIs(t, err, keystore.ErrMissing)
	out, err = run(t, "verify", "--data", dir)
	require.NoError(t, err)
	require.Contains(t, out, "intact", "the log is untouched")
}

func operationOf(t *testing.T, demoOut string) string {
	t.Helper()
	fields := strings.Fields(demoOut)
	require.GreaterOrEqual(t, len(fields), 3, demoOut)
	_, err := uuid.Parse(fields[2])
	require.NoError(t, err, demoOut)
	return fields[2]
}

func erase(t *testing.T, dir string, person uuid.UUID) {
	t.Helper()
	ctx := context.Background()
	signer, err := server.EmbeddedSigner(dir, "") // the demo's log is signed: writers hold its key
	require.NoError(t, err)
	cfg := backend.Config{DataDir: dir, Signer: signer}
	store, _, err := backend.Open(ctx, cfg)
	require.NoError(t, err)
	defer store.Close()
	keys, err := backend.OpenKeys(ctx, cfg, store)
	require.NoError(t, err)
	defer keys.Close()
	_, err = recorder.New(store, recorder.WithKeys(keys)).Execute(ctx, domain.ErasePerson{ID: person, Reason: "data_subject_request",
		Header: domain.Header{Actor: domain.Actor{ID: "token:admin", Role: "admin"}, IdempotencyKey: "erase-hns-dm"}}, recorder.WriteOptions{})
	require.NoError(t, err)
}

func requireNowhereIn(t *testing.T, dir, s string) {
	t.Helper()
	require.NoError(t, filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		require.NotContains(t, string(data), s, "found in %s", path)
		return nil
	}))
}
