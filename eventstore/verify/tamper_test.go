package verify

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if demo != nil {
		_ = os.RemoveAll(demo.dir)
	}
	os.Exit(code)
}

// want is the first bad event `ledger verify` must report, and how.
type want struct {
	stream   string
	version  uint64
	position uint64
	err      error  // errors.Is on the Problem
	reason   string // a fragment of the Problem's reason
}

// tamperCase edits a closed copy of the demo store. verify is what a check
// with the public key reports; start is the refusal of `ledger serve` (nil:
// it starts, and its follower finds the fault while running).
type tamperCase struct {
	name   string
	tamper func(t *testing.T, l *ledger, db *sql.DB)
	verify func(l *ledger) want
	start  error
}

func (l *ledger) a() string { return l.aps[0] }
func (l *ledger) b() string { return l.aps[1] }

// bad is the event stream@version reported with err.
func (l *ledger) bad(stream string, version uint64, err error, reason string) want {
	return want{stream, version, l.at(stream, version).Position, err, reason}
}

// after is the event that follows stream@version in the log.
func (l *ledger) after(stream string, version uint64) want {
	p := l.at(stream, version).Position
	next := l.events[p] // positions start at 1
	return want{next.Stream, next.Version, next.Position, integrity.ErrRootMismatch, "is missing"}
}

func tamperCases() []tamperCase {
	edited := func(v uint64) func(l *ledger) want {
		return func(l *ledger) want { return l.bad(l.a(), v, integrity.ErrHashMismatch, "event hash") }
	}
	located := func(stream func(l *ledger) string, v uint64) func(l *ledger) want {
		return func(l *ledger) want {
			w := l.bad(stream(l), v, integrity.ErrRootMismatch, "do not give the signed root")
			w.position = l.at(l.a(), 3).Position
			return w
		}
	}
	a := func(l *ledger) string { return l.a() }
	b := func(l *ledger) string { return l.b() }
	return []tamperCase{
		{"one byte of a payload", func(t *testing.T, l *ledger, db *sql.DB) {
			flipByte(t, db, l.at(l.a(), 3).Position, "data", "kits", "z")
		}, edited(3), nil},
		{"one byte of a metadata field", func(t *testing.T, l *ledger, db *sql.DB) {
			flipByte(t, db, l.at(l.a(), 4).Position, "metadata", `"id":"u-1`, "2")
		}, edited(4), nil},
		{"one byte of an event type", func(t *testing.T, l *ledger, db *sql.DB) {
			exec(t, db, "UPDATE events SET type = replace(type, 'v1', 'v2') WHERE position = ?", l.at(l.a(), 5).Position)
		}, edited(5), nil},
		{"an event id", func(t *testing.T, l *ledger, db *sql.DB) {
			exec(t, db, "UPDATE events SET event_id = randomblob(16) WHERE position = ?", l.at(l.a(), 3).Position)
		}, edited(3), nil},
		{"one hash of a seal", func(t *testing.T, l *ledger, db *sql.DB) {
			first := hashOf(l, l.a(), 3)[:1]
			flipByte(t, db, l.at(l.a(), 3).Position, "metadata", `"hash":"`+first, map[bool]string{true: "0", false: "f"}[first == "f"])
		}, edited(3), nil},
		{"a middle event deleted", func(t *testing.T, l *ledger, db *sql.DB) {
			exec(t, db, "DELETE FROM events WHERE position = ?", l.at(l.a(), 3).Position)
		}, func(l *ledger) want { return l.after(l.a(), 3) }, sqlite.ErrRollback},
		{"a stream's last event deleted", func(t *testing.T, l *ledger, db *sql.DB) {
			exec(t, db, "DELETE FROM events WHERE position = ?", l.at(l.a(), 7).Position)
		}, func(l *ledger) want { return l.after(l.a(), 7) }, sqlite.ErrRollback},
		{"a whole one-event stream deleted", func(t *testing.T, l *ledger, db *sql.DB) {
			exec(t, db, "DELETE FROM events WHERE position = 2")
		}, func(l *ledger) want {
			return want{l.events[2].Stream, l.events[2].Version, 3, integrity.ErrRootMismatch, "position 2 is missing"}
		}, sqlite.ErrRollback},
		{"a forged event inserted, the rest of its stream re-sealed", func(t *testing.T, l *ledger, db *sql.DB) {
			l.forgeInsert(t, db, l.a(), 3)
			resealFrom(t, db, l.a(), 4)
		}, func(l *ledger) want {
			return want{l.a(), 3, l.at(l.a(), 3).Position, integrity.ErrRootMismatch, "do not give the signed root"}
		}, sqlite.ErrUnsigned},
		{"a correctly sealed event appended at the end", func(t *testing.T, l *ledger, db *sql.DB) {
			appendForged(t, l, db)
		}, func(l *ledger) want {
			return want{l.a(), 8, uint64(len(l.events) + 1), ErrUnsignedTail, "appended by something else"}
		}, sqlite.ErrUnsigned},
		{"two events of a stream swapped", func(t *testing.T, l *ledger, db *sql.DB) {
			swapRows(t, db, l.at(l.a(), 3).Position, l.at(l.a(), 4).Position)
		}, func(l *ledger) want {
			w := l.bad(l.a(), 4, nil, "version 4 follows version 2")
			w.position = l.at(l.a(), 3).Position
			return w
		}, nil},
		{"two events' contents swapped in place", func(t *testing.T, l *ledger, db *sql.DB) {
			swapContents(t, db, l.at(l.a(), 3).Position, l.at(l.a(), 4).Position)
		}, edited(3), nil},
		{"two streams' events swapped in global order", func(t *testing.T, l *ledger, db *sql.DB) {
			swapRows(t, db, l.at(l.a(), 3).Position, l.at(l.b(), 3).Position)
		}, located(b, 3), nil},
		{"history rewritten with every later hash recomputed", func(t *testing.T, l *ledger, db *sql.DB) {
			l.reseal(t, db, l.a(), 3, []byte(`{"percent":20,"note":"nothing distributed"}`))
		}, located(a, 3), nil},
		{"the last 3 events cut off", func(t *testing.T, l *ledger, db *sql.DB) {
			exec(t, db, "DELETE FROM events WHERE position > ?", len(l.events)-3)
		}, func(l *ledger) want {
			return want{"", 0, uint64(len(l.events) - 2), integrity.ErrRootMismatch, "the log ends after"}
		}, sqlite.ErrRollback},
		{"re-signed with a replaced key", func(t *testing.T, l *ledger, db *sql.DB) {
			l.reseal(t, db, l.a(), 3, []byte(`{"percent":20,"note":"nothing distributed"}`))
			resignAll(t, l, db)
		}, func(*ledger) want { return want{"", 0, 0, integrity.ErrBadSignature, "not signed by the trusted key"} }, sqlite.ErrKeyMismatch},
	}
}

func hashOf(l *ledger, stream string, v uint64) string {
	_, h, err := integrity.ReadSeal(l.at(stream, v).Metadata)
	if err != nil {
		panic(err)
	}
	return h.String()
}

// TestTamperMatrix: every edit of the stored log is reported by `ledger
// verify` with the public key alone, at the first bad position, stream and
// version; `ledger serve` refuses to start on those it can see without
// rehashing the log (its follower finds the others while running).
func TestTamperMatrix(t *testing.T) {
	t.Parallel()
	for _, c := range tamperCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			l := newLedger(t)
			intact := l.check(t, l.signer.Verifier)
			require.Nil(t, intact.Problem, "before tampering")
			require.Equal(t, uint64(len(l.events)), intact.Events)
			require.Equal(t, 2, intact.Checkpoints, "the log's own and the file beside it")

			db := l.db(t)
			c.tamper(t, l, db)
			require.NoError(t, db.Close())
			requireProblem(t, l.check(t, l.signer.Verifier).Problem, c.verify(l))
			requireStart(t, l.start(t, l.signer), c.start)
		})
	}
}

func requireStart(t *testing.T, got, want error) {
	t.Helper()
	if want == nil {
		require.NoError(t, got, "the start-up check reads no event; the follower finds this one")
		return
	}
	require.ErrorIs(t, got, want)
	require.Contains(t, got.Error(), "ledger recover")
	t.Logf("start refused: %v", got)
}

func requireProblem(t *testing.T, got *Problem, w want) {
	t.Helper()
	require.NotNil(t, got, "tampering not detected")
	t.Logf("verify: %v", got)
	require.Equal(t, w.stream, got.Stream, got.Error())
	require.Equal(t, w.version, got.Version, got.Error())
	require.Equal(t, w.position, got.Position, got.Error())
	require.Contains(t, got.Reason, w.reason)
	if w.err != nil {
		require.ErrorIs(t, got, w.err)
	}
}

// TestRollbacksOfTheWholeFile: a damaged WAL, an emptied or deleted
// ledger.db and an old backup restored all leave a log shorter than the
// checkpoint kept beside it.
func TestRollbacksOfTheWholeFile(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		tamper func(t *testing.T, l *ledger) // l.dir is a store with two more events than the demo
		start  error
		ends   func(l *ledger) uint64 // events left in the log
	}{
		{"a damaged WAL", func(t *testing.T, l *ledger) {
			wal := filepath.Join(l.dir, sqlite.FileName+"-wal")
			b, err := os.ReadFile(wal)
			require.NoError(t, err)
			b[32+24+100] ^= 0xff // inside the first frame's page
			require.NoError(t, os.WriteFile(wal, b, 0o600))
			require.NoError(t, os.Remove(filepath.Join(l.dir, sqlite.FileName+"-shm")))
		}, sqlite.ErrDamagedWAL, func(l *ledger) uint64 { return uint64(len(l.events)) }},
		{"ledger.db emptied", func(t *testing.T, l *ledger) {
			dropWAL(t, l.dir)
			require.NoError(t, os.Truncate(filepath.Join(l.dir, sqlite.FileName), 0))
		}, sqlite.ErrRollback, func(*ledger) uint64 { return 0 }},
		{"ledger.db deleted", func(t *testing.T, l *ledger) {
			dropWAL(t, l.dir)
			require.NoError(t, os.Remove(filepath.Join(l.dir, sqlite.FileName)))
		}, sqlite.ErrRollback, func(*ledger) uint64 { return 0 }},
		{"an old backup restored", func(t *testing.T, l *ledger) {
			dropWAL(t, l.dir)
			copyFile(t, filepath.Join(demo.dir, sqlite.FileName), filepath.Join(l.dir, sqlite.FileName))
		}, sqlite.ErrRollback, func(l *ledger) uint64 { return uint64(len(l.events)) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			l := newLedger(t)
			l.dir = grownCopy(t, l)
			c.tamper(t, l)
			requireStart(t, l.start(t, l.signer), c.start)
			p := l.check(t, l.signer.Verifier).Problem
			require.NotNil(t, p, "verify must see the loss")
			t.Logf("verify: %v", p)
			require.ErrorIs(t, p, integrity.ErrRootMismatch)
			require.Contains(t, p.Reason, "the log ends after")
			require.Equal(t, c.ends(l)+1, p.Position, "the first missing position")
		})
	}
}

// grownCopy appends two events to l's store through a signed store, waits
// until the file beside has them, and copies the directory while the store
// is still open, as a crash would leave it: the new commits are in the WAL.
func grownCopy(t *testing.T, l *ledger) string {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.OpenWith(ctx, l.dir, sqlite.Options{Signer: l.signer})
	require.NoError(t, err)
	defer store.Close()
	svc := recorder.New(store, recorder.WithClock(func() time.Time { return testNow }))
	for pct := 70; pct <= 80; pct += 10 {
		_, err := svc.Execute(ctx, domain.ReportProgress{Header: domain.Header{Actor: domain.Actor{ID: "u-1", Role: "officer"},
			IdempotencyKey: uuid.NewString()}, ID: uuid.MustParse(l.a()[len(l.a())-36:]), Percent: pct, Note: "more kits"}, recorder.WriteOptions{})
		require.NoError(t, err)
	}
	want := uint64(len(l.events) + 2)
	require.Eventually(t, func() bool {
		b, ok, err := sqlite.ReadCheckpointFile(l.dir)
		if err != nil || !ok {
			return false
		}
		cp, _, err := l.signer.Verifier.Open(b)
		return err == nil && cp.Size == want
	}, 5*time.Second, 10*time.Millisecond)
	out := t.TempDir()
	copyDir(t, l.dir, out)
	return out
}

func dropWAL(t *testing.T, dir string) {
	t.Helper()
	for _, suffix := range []string{"-wal", "-shm"} {
		err := os.Remove(filepath.Join(dir, sqlite.FileName+suffix))
		if !os.IsNotExist(err) {
			require.NoError(t, err)
		}
	}
}

// resignAll re-signs every checkpoint of the tampered log, and the file
// beside it, with a key of the forger's own, as an operator who replaced
// the signing key would.
func resignAll(t *testing.T, l *ledger, db *sql.DB) {
	t.Helper()
	_, key, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	forger, err := integrity.NewLogSigner(key)
	require.NoError(t, err)
	rows, err := db.Query("SELECT metadata FROM events ORDER BY position")
	require.NoError(t, err)
	front := integrity.NewFrontier()
	var notes [][]byte
	for rows.Next() {
		var meta []byte
		require.NoError(t, rows.Scan(&meta))
		_, h, err := integrity.ReadSeal(meta)
		require.NoError(t, err)
		front.Append(integrity.LeafHash(h))
		note, err := forger.Sign(front.Size(), front.Root())
		require.NoError(t, err)
		notes = append(notes, note)
	}
	require.NoError(t, rows.Close())
	exec(t, db, "DELETE FROM checkpoints")
	for i, note := range notes {
		exec(t, db, "INSERT INTO checkpoints (size, note) VALUES (?, ?)", i+1, note)
	}
	exec(t, db, "UPDATE checkpoints SET frontier = ? WHERE size = ?", front.Bytes(), front.Size())
	require.NoError(t, sqlite.WriteCheckpointFile(l.dir, notes[len(notes)-1]))
}
