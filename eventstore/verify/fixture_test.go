package verify

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

var testNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// ledger is a copy of a demo store: an operation written through the
// application service into a signed embedded store, then closed.
type ledger struct {
	dir    string
	signer *integrity.LogSigner
	events []eventstore.RecordedEvent // as stored, in position order
	aps    [2]string                  // two action point streams whose events interleave
}

// at returns the stored event stream@version.
func (l *ledger) at(stream string, version uint64) eventstore.RecordedEvent {
	for _, ev := range l.events {
		if ev.Stream == stream && ev.Version == version {
			return ev
		}
	}
	panic("no event " + stream)
}

// check opens the store as `ledger verify` does (read only, no key), checks
// it against its own checkpoints and the file beside it, and closes it.
func (l *ledger) check(t *testing.T, v *integrity.LogVerifier) Report {
	t.Helper()
	store, err := sqlite.Open(context.Background(), l.dir)
	require.NoError(t, err)
	defer func() { require.NoError(t, store.Close()) }()
	opts := Options{Verifier: v}
	if b, ok, err := sqlite.ReadCheckpointFile(l.dir); err == nil && ok {
		opts.Checkpoints = []Expect{{Note: b, Source: sqlite.CheckpointFileName}}
	}
	rep, err := Check(context.Background(), store, opts)
	require.NoError(t, err)
	return rep
}

// start opens the store as `ledger serve` does, with the signing key, and
// returns the refusal, if any.
func (l *ledger) start(t *testing.T, signer *integrity.LogSigner) error {
	t.Helper()
	store, err := sqlite.OpenWith(context.Background(), l.dir, sqlite.Options{Signer: signer})
	if err == nil {
		require.NoError(t, store.Close())
	}
	return err
}

// db opens the store's file directly, as someone tampering with it would.
func (l *ledger) db(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(l.dir, "ledger.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return db
}

var (
	demoOnce sync.Once
	demo     *ledger
)

// newLedger is a fresh copy of the demo store, written once per test run.
func newLedger(t *testing.T) *ledger {
	t.Helper()
	demoOnce.Do(func() { demo = writeDemo(t, filepath.Join(os.TempDir(), "verify-demo-"+uuid.NewString())) })
	l := *demo
	l.dir = t.TempDir()
	copyDir(t, demo.dir, l.dir)
	return &l
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	require.NoError(t, err)
	for _, e := range entries {
		if e.IsDir() || e.Name() == "ledger.lock" {
			continue
		}
		copyFile(t, filepath.Join(from, e.Name()), filepath.Join(to, e.Name()))
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	require.NoError(t, err)
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	require.NoError(t, err)
	_, err = io.Copy(out, in)
	require.NoError(t, err)
	require.NoError(t, out.Close())
}

// writeDemo writes an operation with two action points whose progress
// reports interleave, so that streams interleave in the global log.
func writeDemo(t *testing.T, dir string) *ledger {
	ctx := context.Background()
	_, key, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	l := &ledger{dir: dir}
	l.signer, err = integrity.NewLogSigner(key)
	require.NoError(t, err)
	store, err := sqlite.OpenWith(ctx, l.dir, sqlite.Options{Signer: l.signer})
	require.NoError(t, err)
	svc := recorder.New(store, recorder.WithClock(func() time.Time { return testNow }))
	run := func(cmd domain.Command) recorder.Result {
		res, err := svc.Execute(ctx, cmd, recorder.WriteOptions{})
		require.NoError(t, err)
		return res
	}
	hdr := func(op uuid.UUID) domain.Header {
		return domain.Header{Actor: domain.Actor{ID: "u-1", Role: "officer"}, IdempotencyKey: uuid.NewString(), OperationID: op}
	}
	op := run(domain.OpenOperation{Header: hdr(uuid.Nil), Name: "Floods 2026", Country: "SDN",
		CrisisType: "disaster", StartedAt: testNow.Add(-72 * time.Hour), Severity: "high"}).Ref.ID
	hns := run(domain.JoinComponent{Header: hdr(op), ID: recorder.NewID(), Name: "Sudanese RC", Kind: domain.ComponentHNS}).Ref.ID
	for i := range l.aps {
		l.aps[i] = run(domain.RaiseActionPoint{Header: hdr(op), ID: recorder.NewID(), Title: "ORPs",
			Owner: domain.Owner{ComponentID: hns}, DueAt: testNow.Add(24 * time.Hour)}).Stream
	}
	for pct := 10; pct <= 60; pct += 10 {
		for _, s := range l.aps {
			run(domain.ReportProgress{Header: hdr(op), ID: uuid.MustParse(s[len(s)-36:]), Percent: pct, Note: "distributed kits"})
		}
	}
	for ev, err := range store.ReadAll(ctx, 0, 0) {
		require.NoError(t, err)
		l.events = append(l.events, ev)
	}
	require.NoError(t, store.Close())
	return l
}
