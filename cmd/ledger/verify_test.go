package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/server"
	"github.com/movementcoord/ledger/api/witness"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/eventstore/sqlite"
	"github.com/movementcoord/ledger/eventstore/verify"
)

// runIntegrityCmd executes a command and returns its stdout and error.
func runIntegrityCmd(t *testing.T, cmd *cobra.Command, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.Background())
	return out.String(), err
}

// integrityStore writes an operation with one action point of five events.
func integrityStore(t *testing.T) (dir string, op uuid.UUID, ap string) {
	t.Helper()
	ctx := context.Background()
	dir = t.TempDir()
	key, _, err := verify.LoadOrCreateKey(filepath.Join(dir, verify.KeyFileName))
	require.NoError(t, err)
	signer, err := integrity.NewLogSigner(key)
	require.NoError(t, err)
	store, err := sqlite.OpenWith(ctx, dir, sqlite.Options{Signer: signer})
	require.NoError(t, err)
	defer func() { require.NoError(t, store.Close()) }()
	svc := recorder.New(store)
	hdr := func() domain.Header {
		return domain.Header{Actor: domain.Actor{ID: "u-1", Role: "officer"}, IdempotencyKey: uuid.NewString(), OperationID: op}
	}
	res, err := svc.Execute(ctx, domain.OpenOperation{Header: hdr(), Name: "Floods", Country: "SDN",
		CrisisType: "disaster", StartedAt: time.Now().Add(-time.Hour), Severity: "high"}, recorder.WriteOptions{})
	require.NoError(t, err)
	op = res.Ref.ID
	hns, err := svc.Execute(ctx, domain.JoinComponent{Header: hdr(), ID: recorder.NewID(), Name: "SRCS", Kind: domain.ComponentHNS}, recorder.WriteOptions{})
	require.NoError(t, err)
	id := recorder.NewID()
	res, err = svc.Execute(ctx, domain.RaiseActionPoint{Header: hdr(), ID: id, Title: "ORPs",
		Owner: domain.Owner{ComponentID: hns.Ref.ID}, DueAt: time.Now().Add(time.Hour)}, recorder.WriteOptions{})
	require.NoError(t, err)
	for pct := 20; pct <= 80; pct += 20 {
		_, err = svc.Execute(ctx, domain.ReportProgress{Header: hdr(), ID: id, Percent: pct, Note: "kits"}, recorder.WriteOptions{})
		require.NoError(t, err)
	}
	return dir, op, res.Stream
}

func TestVerifyDigestAndBundleCommands(t *testing.T) {
	t.Parallel()
	dir, op, ap := integrityStore(t)
	checkpoint := filepath.Join(t.TempDir(), "checkpoint.txt")
	bundle := filepath.Join(t.TempDir(), "bundle.json")

	out, err := runIntegrityCmd(t, newVerifyCommand(), "--data", dir)
	require.NoError(t, err)
	require.Contains(t, out, "intact: 3 streams, 7 events")
	require.Contains(t, out, "2 checkpoint(s) checked", "the log's latest and the copy beside it")

	out, err = runIntegrityCmd(t, newDigestCommand(), "--data", dir, "--out", checkpoint)
	require.NoError(t, err, out)
	require.Contains(t, out, "checkpoint: 7 events")
	saved, err := os.ReadFile(checkpoint)
	require.NoError(t, err)
	require.Contains(t, string(saved), "\n7\n", "a C2SP checkpoint: origin, size, root, then the signature")

	out, err = runIntegrityCmd(t, newExportCommand(), "--data", dir, "--bundle", bundle, "--operation", op.String())
	require.NoError(t, err, out)
	require.Contains(t, out, "bundle: 7 events")
	out, err = runIntegrityCmd(t, newVerifyCommand(), "--data", dir, "--bundle", bundle)
	require.NoError(t, err, out)
	require.Contains(t, out, "intact: 7 events of operation")

	out, err = runIntegrityCmd(t, newVerifyCommand(), "--data", dir, "--checkpoint", checkpoint)
	require.NoError(t, err, out)
	require.Contains(t, out, "3 checkpoint(s) checked")

	db, err := sql.Open("sqlite", filepath.Join(dir, "ledger.db"))
	require.NoError(t, err)
	_, err = db.Exec(`UPDATE events SET data = replace(data, 'kits', 'kitz')
		WHERE version = 4 AND stream_id = (SELECT id FROM streams WHERE name = ?)`, ap)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	out, err = runIntegrityCmd(t, newVerifyCommand(), "--data", dir, "--checkpoint", checkpoint)
	require.ErrorIs(t, err, errTampered)
	require.Contains(t, out, "NOT INTACT")
	require.Contains(t, out, "stream:   "+ap)
	require.Contains(t, out, "version:  4\n  position: 6\n")
	require.Contains(t, out, "event hash does not match")

	out, err = runIntegrityCmd(t, newVerifyCommand(), "--data", dir, "--bundle", bundle)
	require.NoError(t, err, "the bundle is a copy: tampering with the store after export does not touch it")
	require.Contains(t, out, "intact")
}

// TestRecoverRecordsTheLoss: a log cut short is refused at start; recover
// records the refusal as an event and signs the log as it is; a checkpoint
// saved before the loss no longer matches.
func TestRecoverRecordsTheLoss(t *testing.T) {
	t.Parallel()
	dir, _, _ := integrityStore(t)
	checkpoint := filepath.Join(t.TempDir(), "checkpoint.txt")
	_, err := runIntegrityCmd(t, newDigestCommand(), "--data", dir, "--out", checkpoint)
	require.NoError(t, err)
	db, err := sql.Open("sqlite", filepath.Join(dir, "ledger.db"))
	require.NoError(t, err)
	_, err = db.Exec("DELETE FROM events WHERE position = 7")
	require.NoError(t, err)
	require.NoError(t, db.Close())

	_, err = runIntegrityCmd(t, newRecoverCommand(), "--data", dir)
	require.ErrorContains(t, err, "--reason")
	out, err := runIntegrityCmd(t, newRecoverCommand(), "--data", dir, "--reason", "disk failure; restored what was left")
	require.NoError(t, err, out)
	require.Contains(t, out, "the log is shorter than the last checkpoint")
	require.Contains(t, out, "recorded at position 7 (ledger-recovery)")

	out, err = runIntegrityCmd(t, newVerifyCommand(), "--data", dir)
	require.NoError(t, err, out)
	require.Contains(t, out, "intact: 4 streams, 7 events")
	out, err = runIntegrityCmd(t, newVerifyCommand(), "--data", dir, "--checkpoint", checkpoint)
	require.ErrorIs(t, err, errTampered, "the loss stays visible to whoever kept a checkpoint")
	require.Contains(t, out, "do not give the signed root of 7 events")
	out, err = runIntegrityCmd(t, newRecoverCommand(), "--data", dir, "--reason", "again")
	require.NoError(t, err)
	require.Contains(t, out, "nothing to recover")
}

// TestVerifyAcceptsOnlyWitnessedCheckpoints: with --witness-key, verify
// requires the checkpoint kept beside the log to carry that witness's
// cosignature, and checks the log against it.
func TestVerifyAcceptsOnlyWitnessedCheckpoints(t *testing.T) {
	t.Parallel()
	dir, _, _ := integrityStore(t)
	checkpoint := filepath.Join(t.TempDir(), "checkpoint.txt")
	_, err := runIntegrityCmd(t, newDigestCommand(), "--data", dir, "--out", checkpoint)
	require.NoError(t, err)
	signed, err := os.ReadFile(checkpoint)
	require.NoError(t, err)
	key, err := verify.LoadKey(filepath.Join(dir, verify.KeyFileName))
	require.NoError(t, err)
	lv, err := integrity.NewLogVerifier(key.Public().(ed25519.PublicKey))
	require.NoError(t, err)
	witnessKey := func(name string) (*witness.Witness, string) {
		skey, _, err := witness.LoadOrCreateKey(t.TempDir(), name)
		require.NoError(t, err)
		w, err := witness.Open(t.TempDir(), skey, lv)
		require.NoError(t, err)
		return w, w.Key
	}
	w, trusted := witnessKey("reviewers.example/witness")
	_, other := witnessKey("someone.else/witness")

	_, err = runIntegrityCmd(t, newVerifyCommand(), "--data", dir, "--witness-key", trusted)
	require.ErrorContains(t, err, "no checkpoint cosigned by the witnesses")
	cosig, err := w.AddCheckpoint(0, nil, signed)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, server.WitnessedFileName), append(signed, cosig...), 0o600))

	out, err := runIntegrityCmd(t, newVerifyCommand(), "--data", dir, "--witness-key", trusted)
	require.NoError(t, err, out)
	require.Contains(t, out, "3 checkpoint(s) checked", "the log's, the one beside it and the cosigned one")
	_, err = runIntegrityCmd(t, newVerifyCommand(), "--data", dir, "--witness-key", other)
	require.ErrorIs(t, err, verify.ErrNotWitnessed, "a checkpoint the required witness did not cosign is refused")
}

func TestEverySubcommandIsRegisteredOnce(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, c := range newRootCommand().Commands() {
		require.False(t, seen[c.Name()], "%s registered twice", c.Name())
		seen[c.Name()] = true
	}
	for _, name := range []string{"verify", "digest", "recover", "witness"} {
		require.True(t, seen[name], name)
	}
}
