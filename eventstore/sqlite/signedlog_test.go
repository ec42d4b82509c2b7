package sqlite_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

func newSigner(t *testing.T) *integrity.LogSigner {
	t.Helper()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	s, err := integrity.NewLogSigner(key)
	require.NoError(t, err)
	return s
}

// sealedEvents are n events of stream, chained after prev as the
// application service seals them.
func sealedEvents(t *testing.T, stream string, from uint64, prev integrity.Hash, n int) ([]eventstore.EventData, integrity.Hash) {
	t.Helper()
	var x integrity.Hasher
	out := make([]eventstore.EventData, n)
	for i := range out {
		ev := integrity.Event{Stream: stream, Version: from + uint64(i), ID: newID(), Type: "test.noted.v1",
			Data: fmt.Appendf(nil, `{"n":%d}`, i), Metadata: []byte(`{"actor":"t"}`)}
		meta, h, err := x.Seal(ev, prev)
		require.NoError(t, err)
		out[i], prev = eventstore.EventData{ID: ev.ID, Type: ev.Type, Data: ev.Data, Metadata: meta}, h
	}
	return out, prev
}

// signedStore writes three streams of sealed events through a signed store
// and closes it; it returns the directory.
func signedStore(t *testing.T, signer *integrity.LogSigner) string {
	t.Helper()
	dir := t.TempDir()
	s, err := sqlite.OpenWith(context.Background(), dir, sqlite.Options{Signer: signer})
	require.NoError(t, err)
	for i := range 3 {
		evs, _ := sealedEvents(t, fmt.Sprintf("s-%d", i), 1, integrity.Zero, i+1)
		_, err := s.Append(context.Background(), fmt.Sprintf("s-%d", i), eventstore.NoStream(), evs...)
		require.NoError(t, err)
	}
	require.NoError(t, s.Close())
	return dir
}

func rawExec(t *testing.T, dir, q string, args ...any) {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dir, sqlite.FileName))
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec(q, args...)
	require.NoError(t, err)
}

func TestSignedLogWritesACheckpointInEveryCommit(t *testing.T) {
	signer := newSigner(t)
	dir := signedStore(t, signer)
	db, err := sql.Open("sqlite", filepath.Join(dir, sqlite.FileName))
	require.NoError(t, err)
	defer db.Close()
	var sizes []uint64
	rows, err := db.Query("SELECT size, note FROM checkpoints ORDER BY size")
	require.NoError(t, err)
	for rows.Next() {
		var size uint64
		var note []byte
		require.NoError(t, rows.Scan(&size, &note))
		cp, _, err := signer.Verifier.Open(note)
		require.NoError(t, err)
		require.Equal(t, size, cp.Size)
		sizes = append(sizes, size)
	}
	require.Equal(t, []uint64{1, 3, 6}, sizes, "one checkpoint per commit, covering every event so far")
	file, ok, err := sqlite.ReadCheckpointFile(dir)
	require.NoError(t, err)
	require.True(t, ok)
	cp, _, err := signer.Verifier.Open(file)
	require.NoError(t, err)
	require.Equal(t, uint64(6), cp.Size, "the file beside holds the last checkpoint")
	info, err := os.Stat(filepath.Join(dir, sqlite.CheckpointFileName))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm())
}

func TestSignedLogRefusesToStartOnALogItDidNotSign(t *testing.T) {
	signer := newSigner(t)
	forged, _ := sealedEvents(t, "s-0", 2, integrity.Zero, 1)
	cases := []struct {
		name   string
		tamper func(t *testing.T, dir string)
		signer *integrity.LogSigner
		want   error
	}{
		{"event appended behind the ledger's back", func(t *testing.T, dir string) {
			rawExec(t, dir, "INSERT INTO events (position, stream_id, version, event_id, type, data, metadata, recorded_at) SELECT 7, stream_id, 2, ?, 'test.noted.v1', ?, ?, 0 FROM events WHERE position = 1",
				forged[0].ID[:], forged[0].Data, forged[0].Metadata)
		}, signer, sqlite.ErrUnsigned},
		{"last event deleted", func(t *testing.T, dir string) { rawExec(t, dir, "DELETE FROM events WHERE position = 6") }, signer, sqlite.ErrRollback},
		{"middle event deleted", func(t *testing.T, dir string) { rawExec(t, dir, "DELETE FROM events WHERE position = 3") }, signer, sqlite.ErrRollback},
		{"last commit and its checkpoint removed (as an old backup or a lost WAL would)", func(t *testing.T, dir string) {
			rawExec(t, dir, "DELETE FROM events WHERE position > 3")
			rawExec(t, dir, "DELETE FROM checkpoints WHERE size > 3")
			rawExec(t, dir, "UPDATE checkpoints SET frontier = ? WHERE size = 3", frontierOf(t, dir, 3))
		}, signer, sqlite.ErrRollback},
		{"ledger.db deleted", func(t *testing.T, dir string) {
			require.NoError(t, os.Remove(filepath.Join(dir, sqlite.FileName)))
		}, signer, sqlite.ErrRollback},
		{"ledger.db emptied", func(t *testing.T, dir string) {
			require.NoError(t, os.Truncate(filepath.Join(dir, sqlite.FileName), 0))
		}, signer, sqlite.ErrRollback},
		{"another signing key", func(*testing.T, string) {}, newSigner(t), sqlite.ErrKeyMismatch},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := signedStore(t, signer)
			c.tamper(t, dir)
			_, err := sqlite.OpenWith(context.Background(), dir, sqlite.Options{Signer: c.signer})
			require.ErrorIs(t, err, c.want)
			require.Contains(t, err.Error(), "ledger recover")
		})
	}
}

func TestSignedLogRefusesAppendsWithoutItsKey(t *testing.T) {
	dir := signedStore(t, newSigner(t))
	s, err := sqlite.Open(context.Background(), dir)
	require.NoError(t, err, "a reader needs no key")
	defer s.Close()
	evs, _ := sealedEvents(t, "s-9", 1, integrity.Zero, 1)
	_, err = s.Append(context.Background(), "s-9", eventstore.NoStream(), evs...)
	require.ErrorIs(t, err, sqlite.ErrSignedLog)
}

func TestSignedLogTakesOnlySealedEvents(t *testing.T) {
	s, err := sqlite.OpenWith(context.Background(), t.TempDir(), sqlite.Options{Signer: newSigner(t)})
	require.NoError(t, err)
	defer s.Close()
	_, err = s.Append(context.Background(), "s-1", eventstore.NoStream(),
		eventstore.EventData{ID: newID(), Type: "t.v1", Data: []byte("{}"), Metadata: []byte(`{"a":1}`)})
	require.ErrorIs(t, err, integrity.ErrUnsealed)
}

func TestSignedLogRecoverSignsTheLogAsItIs(t *testing.T) {
	signer := newSigner(t)
	dir := signedStore(t, signer)
	rawExec(t, dir, "DELETE FROM events WHERE position = 6")
	s, err := sqlite.OpenWith(context.Background(), dir, sqlite.Options{Signer: signer, Recover: true})
	require.NoError(t, err)
	require.NoError(t, s.Close())
	s, err = sqlite.OpenWith(context.Background(), dir, sqlite.Options{Signer: signer})
	require.NoError(t, err, "after recovery the log starts")
	require.NoError(t, s.Close())
}

// frontierOf recomputes, as anyone can from the stored seals, the tree
// frontier of the first n events.
func frontierOf(t *testing.T, dir string, n int) []byte {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dir, sqlite.FileName))
	require.NoError(t, err)
	defer db.Close()
	rows, err := db.Query("SELECT metadata FROM events WHERE position <= ? ORDER BY position", n)
	require.NoError(t, err)
	defer rows.Close()
	f := integrity.NewFrontier()
	for rows.Next() {
		var meta []byte
		require.NoError(t, rows.Scan(&meta))
		_, h, err := integrity.ReadSeal(meta)
		require.NoError(t, err)
		f.Append(integrity.LeafHash(h))
	}
	return f.Bytes()
}

// TestSignedLogCheckpointsGroupsWithFailedRequests: appends racing on one
// stream land in shared groups where some fail their expected version; the
// checkpoint signed ahead is used only when every request landed, and the
// last checkpoint covers exactly the events stored.
func TestSignedLogCheckpointsGroupsWithFailedRequests(t *testing.T) {
	signer := newSigner(t)
	dir := t.TempDir()
	s, err := sqlite.OpenWith(context.Background(), dir, sqlite.Options{Signer: signer})
	require.NoError(t, err)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			stream := fmt.Sprintf("s-%d", w%3) // three streams, racing writers
			for range 20 {
				head, prev, version := lastOf(t, s, stream)
				evs, _ := sealedEvents(t, stream, version+1, prev, 1)
				_, _ = s.Append(context.Background(), stream, head, evs...)
			}
		})
	}
	wg.Wait()
	note, ok, err := s.LatestCheckpoint(context.Background())
	require.NoError(t, err)
	require.True(t, ok)
	require.NoError(t, s.Close())
	cp, _, err := signer.Verifier.Open(note)
	require.NoError(t, err)
	var n int
	db, err := sql.Open("sqlite", filepath.Join(dir, sqlite.FileName))
	require.NoError(t, err)
	require.NoError(t, db.QueryRow("SELECT count(*) FROM events").Scan(&n))
	require.NoError(t, db.Close())
	require.Equal(t, uint64(n), cp.Size)
	f, err := integrity.LoadFrontier(uint64(n), frontierOf(t, dir, n))
	require.NoError(t, err)
	require.Equal(t, f.Root(), cp.Root, "the signed root is the root of the events stored")
	s, err = sqlite.OpenWith(context.Background(), dir, sqlite.Options{Signer: signer})
	require.NoError(t, err, "and the log starts again")
	require.NoError(t, s.Close())
}

// lastOf is the expected version, head hash and version of stream.
func lastOf(t *testing.T, s *sqlite.Store, stream string) (eventstore.ExpectedVersion, integrity.Hash, uint64) {
	for ev, err := range s.ReadStream(context.Background(), stream, eventstore.ReadStreamOptions{Direction: eventstore.Backward, Max: 1}) {
		if err != nil {
			return eventstore.NoStream(), integrity.Zero, 0
		}
		_, h, err := integrity.ReadSeal(ev.Metadata)
		require.NoError(t, err)
		return eventstore.Exact(ev.Version), h, ev.Version
	}
	return eventstore.NoStream(), integrity.Zero, 0
}
