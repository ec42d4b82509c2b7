package verify

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/app"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

var testNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// ledger is an embedded store filled through the application service, with
// a digest saved to a file and recorded in the log, then closed.
type ledger struct {
	dir    string
	key    ed25519.PrivateKey
	file   File                       // digest taken after the last domain event
	events []eventstore.RecordedEvent // as stored, in position order
}

func (l *ledger) pub() ed25519.PublicKey { return l.key.Public().(ed25519.PublicKey) }

// at returns the stored event stream@version.
func (l *ledger) at(stream string, version uint64) eventstore.RecordedEvent {
	for _, ev := range l.events {
		if ev.Stream == stream && ev.Version == version {
			return ev
		}
	}
	panic("no event " + stream)
}

// check opens the store, checks it with opts and closes it again, so that
// the file can be tampered with between two checks.
func (l *ledger) check(t *testing.T, opts Options) Report {
	t.Helper()
	store, err := sqlite.Open(context.Background(), l.dir)
	require.NoError(t, err)
	defer func() { require.NoError(t, store.Close()) }()
	rep, err := Check(context.Background(), store, opts)
	require.NoError(t, err)
	return rep
}

// db opens the store's file directly, as someone tampering with it would.
func (l *ledger) db(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(l.dir, "ledger.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// newLedger writes an operation with two action points whose progress
// reports interleave, so that streams interleave in the global log.
func newLedger(t *testing.T) (*ledger, [2]string) {
	t.Helper()
	ctx := context.Background()
	l := &ledger{dir: t.TempDir()}
	store, err := sqlite.Open(ctx, l.dir)
	require.NoError(t, err)
	svc := app.New(store, app.WithClock(func() time.Time { return testNow }))
	run := func(cmd domain.Command) app.Result {
		res, err := svc.Execute(ctx, cmd, app.WriteOptions{})
		require.NoError(t, err)
		return res
	}
	hdr := func(op uuid.UUID) domain.Header {
		return domain.Header{Actor: domain.Actor{ID: "u-1", Role: "officer"}, IdempotencyKey: uuid.NewString(), OperationID: op}
	}
	op := run(domain.OpenOperation{Header: hdr(uuid.Nil), Name: "Floods 2026", Country: "SDN",
		CrisisType: "disaster", StartedAt: testNow.Add(-72 * time.Hour), Severity: "high"}).Ref.ID
	hns := run(domain.JoinComponent{Header: hdr(op), ID: app.NewID(), Name: "Sudanese RC", Kind: domain.ComponentHNS}).Ref.ID
	var aps [2]uuid.UUID
	var streams [2]string
	for i := range aps {
		aps[i] = app.NewID()
		streams[i] = run(domain.RaiseActionPoint{Header: hdr(op), ID: aps[i], Title: "ORPs",
			Owner: domain.Owner{ComponentID: hns}, DueAt: testNow.Add(24 * time.Hour)}).Stream
	}
	for pct := 10; pct <= 60; pct += 10 {
		for _, id := range aps {
			run(domain.ReportProgress{Header: hdr(op), ID: id, Percent: pct, Note: "distributed kits"})
		}
	}
	_, l.key, err = ed25519.GenerateKey(nil)
	require.NoError(t, err)
	l.file, _, err = Take(ctx, store, l.key, testNow)
	require.NoError(t, err)
	_, err = svc.RecordDigest(ctx, l.file.Digest)
	require.NoError(t, err)
	for ev, err := range store.ReadAll(ctx, 0, 0) {
		require.NoError(t, err)
		l.events = append(l.events, ev)
	}
	require.NoError(t, store.Close())
	return l, streams
}
