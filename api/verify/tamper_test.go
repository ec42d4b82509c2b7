package verify

import (
	"database/sql"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain/integrity"
)

// want is the first bad event a check must report, and how.
type want struct {
	stream   string
	version  uint64
	position uint64
	err      error  // errors.Is on the Problem, when the kind of fault is fixed
	reason   string // a fragment of the Problem's reason
}

// tamperCase modifies a closed store's file. chainsOnly is what a check of
// the chains alone finds (nil: nothing, the store looks intact); withDigest
// is what a check against the digest file saved before the tamper finds.
type tamperCase struct {
	name       string
	tamper     func(t *testing.T, l *ledger, db *sql.DB, a string)
	chainsOnly func(l *ledger, a, b string) *want
	withDigest func(l *ledger, a, b string) *want
}

func tamperCases() []tamperCase {
	payload := func(l *ledger, a, _ string) *want {
		return &want{a, 3, l.at(a, 3).Position, integrity.ErrHashMismatch, "event hash"}
	}
	metadata := func(l *ledger, a, _ string) *want {
		return &want{a, 4, l.at(a, 4).Position, integrity.ErrHashMismatch, "event hash"}
	}
	typ := func(l *ledger, a, _ string) *want {
		return &want{a, 5, l.at(a, 5).Position, integrity.ErrHashMismatch, "event hash"}
	}
	deleted := func(l *ledger, a, _ string) *want {
		return &want{a, 4, l.at(a, 4).Position, nil, "version 4 follows version 2 of the stream: version 3 is missing"}
	}
	forged := func(l *ledger, a, _ string) *want {
		// The forged event itself chains well; the real one after it does not.
		return &want{a, 4, l.at(a, 3).Position + 1, integrity.ErrHashMismatch, "event hash"}
	}
	swapped := func(l *ledger, a, _ string) *want {
		return &want{a, 4, l.at(a, 3).Position, nil, "version 4 follows version 2 of the stream"}
	}
	swappedContent := func(l *ledger, a, _ string) *want {
		return &want{a, 3, l.at(a, 3).Position, integrity.ErrHashMismatch, "event hash"}
	}
	digestEdited := func(l *ledger, _, _ string) *want {
		return &want{integrity.DigestStream, 1, l.at(integrity.DigestStream, 1).Position, integrity.ErrHashMismatch, "event hash"}
	}
	return []tamperCase{
		{"one byte of a payload", func(t *testing.T, l *ledger, db *sql.DB, a string) {
			flipByte(t, db, l.at(a, 3).Position, "data", "kits", "z")
		}, payload, payload},
		{"one byte of a metadata field", func(t *testing.T, l *ledger, db *sql.DB, a string) {
			flipByte(t, db, l.at(a, 4).Position, "metadata", `"id":"u-1`, "2")
		}, metadata, metadata},
		{"one byte of an event type", func(t *testing.T, l *ledger, db *sql.DB, a string) {
			exec(t, db, "UPDATE events SET type = replace(type, 'v1', 'v2') WHERE position = ?", l.at(a, 5).Position)
		}, typ, typ},
		{"one hash of a seal", func(t *testing.T, l *ledger, db *sql.DB, a string) {
			first := hashOf(l, a, 3)[:1]
			flipByte(t, db, l.at(a, 3).Position, "metadata", `"hash":"`+first, map[bool]string{true: "0", false: "f"}[first == "f"])
		}, payload, payload},
		{"an event deleted", func(t *testing.T, l *ledger, db *sql.DB, a string) {
			exec(t, db, "DELETE FROM events WHERE position = ?", l.at(a, 3).Position)
		}, deleted, deleted},
		{"a forged event inserted with its own hash recomputed", func(t *testing.T, l *ledger, db *sql.DB, a string) {
			l.forgeInsert(t, db, a, 3)
		}, forged, forged},
		{"two events of a stream swapped in the log", func(t *testing.T, l *ledger, db *sql.DB, a string) {
			swapRows(t, db, l.at(a, 3).Position, l.at(a, 4).Position)
		}, swapped, swapped},
		{"two events' contents swapped in place", func(t *testing.T, l *ledger, db *sql.DB, a string) {
			swapContents(t, db, l.at(a, 3).Position, l.at(a, 4).Position)
		}, swappedContent, swappedContent},
		{"the recorded digest edited", func(t *testing.T, l *ledger, db *sql.DB, _ string) {
			exec(t, db, "UPDATE events SET data = replace(data, '\"events\":', '\"events\" :') WHERE position = ?",
				l.at(integrity.DigestStream, 1).Position)
		}, digestEdited, digestEdited},
		{"the last 3 events dropped", func(t *testing.T, l *ledger, db *sql.DB, _ string) {
			exec(t, db, "DELETE FROM events WHERE position > ?", l.events[len(l.events)-4].Position)
		}, nil, func(l *ledger, a, b string) *want {
			// Dropped: a@7, b@7 and the recorded digest. The first missing
			// position follows the last left; the stream named is the first
			// by name whose head the digest has further on.
			return &want{min(a, b), 7, l.events[len(l.events)-4].Position + 1, ErrDigestMismatch, "truncated"}
		}},
		{"history rewritten with every later hash recomputed", func(t *testing.T, l *ledger, db *sql.DB, a string) {
			l.reseal(t, db, a, 3, []byte(`{"percent":20,"note":"nothing distributed"}`))
		}, nil, func(l *ledger, a, _ string) *want {
			return &want{a, 7, l.at(a, 7).Position, ErrDigestMismatch, "rewritten"}
		}},
	}
}

func hashOf(l *ledger, stream string, v uint64) string {
	_, h, err := integrity.ReadSeal(l.at(stream, v).Metadata)
	if err != nil {
		panic(err)
	}
	return h.String()
}

func TestTamperingIsDetectedAtTheFirstBadEvent(t *testing.T) {
	t.Parallel()
	for _, c := range tamperCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			l, aps := newLedger(t)
			a, b := aps[0], aps[1]
			intact := l.check(t, Options{Key: l.pub()})
			require.Nil(t, intact.Problem, "before tampering")
			require.Equal(t, uint64(len(l.events)), intact.Events)

			db := l.db(t)
			c.tamper(t, l, db, a)
			require.NoError(t, db.Close())
			rep := l.check(t, Options{Key: l.pub()})
			var chainsOnly *want // nil: the chains alone see nothing wrong
			if c.chainsOnly != nil {
				chainsOnly = c.chainsOnly(l, a, b)
			}
			requireProblem(t, rep.Problem, chainsOnly)

			saved := Expect{Digest: l.file.Digest, Heads: l.file.Heads, Source: "digest file"}
			rep = l.check(t, Options{Key: l.pub(), Digests: []Expect{saved}})
			requireProblem(t, rep.Problem, c.withDigest(l, a, b))
		})
	}
}

func requireProblem(t *testing.T, got *Problem, w *want) {
	t.Helper()
	if w == nil {
		require.Nil(t, got, "the store should look intact")
		return
	}
	require.NotNil(t, got, "tampering not detected")
	t.Logf("detected: %v", got)
	require.Equal(t, w.stream, got.Stream, got.Error())
	require.Equal(t, w.version, got.Version, got.Error())
	require.Equal(t, w.position, got.Position, got.Error())
	require.Contains(t, got.Reason, w.reason)
	if w.err != nil {
		require.ErrorIs(t, got, w.err)
	}
}
