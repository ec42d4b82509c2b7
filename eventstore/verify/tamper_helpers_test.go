package verify

import (
	"bytes"
	"database/sql"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain/integrity"
)

func exec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	_, err := db.Exec(q, args...)
	require.NoError(t, err, q)
}

// flipByte changes one byte of a blob column of the event at pos, at the
// first occurrence of old in it.
func flipByte(t *testing.T, db *sql.DB, pos uint64, column string, old, new string) {
	t.Helper()
	var b []byte
	require.NoError(t, db.QueryRow("SELECT "+column+" FROM events WHERE position = ?", pos).Scan(&b))
	i := bytes.Index(b, []byte(old))
	require.GreaterOrEqual(t, i, 0, "%q not in %s", old, b)
	require.NotEqual(t, b[i+len(old)-1], new[len(new)-1], "the tamper must change a byte")
	b[i+len(old)-1] = new[len(new)-1]
	exec(t, db, "UPDATE events SET "+column+" = ? WHERE position = ?", b, pos)
}

// unsealed is the envelope JSON an event's seal was computed over.
func unsealed(meta []byte) []byte {
	return append(bytes.Clone(meta[:len(meta)-integrity.SealLen]), '}')
}

// reseal recomputes the chain of stream from version from to the head, as a
// forger who knows the format would, after changing from's payload.
func (l *ledger) reseal(t *testing.T, db *sql.DB, stream string, from uint64, newData []byte) {
	t.Helper()
	var x integrity.Hasher
	_, prev, err := integrity.ReadSeal(l.at(stream, from-1).Metadata)
	require.NoError(t, err)
	for _, ev := range l.events {
		if ev.Stream != stream || ev.Version < from {
			continue
		}
		if ev.Version == from {
			ev.Data = newData
		}
		meta, h, err := x.Seal(integrity.Event{Stream: stream, Version: ev.Version, ID: ev.ID, Type: ev.Type,
			Data: ev.Data, Metadata: unsealed(ev.Metadata)}, prev)
		require.NoError(t, err)
		exec(t, db, "UPDATE events SET data = ?, metadata = ? WHERE position = ?", ev.Data, meta, ev.Position)
		prev = h
	}
}

// forgeInsert inserts a well-sealed event at stream@version, chained to the
// real previous event, shifting the later versions of the stream and every
// later position by one so that the log stays gapless.
func (l *ledger) forgeInsert(t *testing.T, db *sql.DB, stream string, version uint64) {
	t.Helper()
	victim := l.at(stream, version)
	_, prev, err := integrity.ReadSeal(l.at(stream, version-1).Metadata)
	require.NoError(t, err)
	id := uuid.New()
	var x integrity.Hasher
	meta, _, err := x.Seal(integrity.Event{Stream: stream, Version: version, ID: id, Type: victim.Type,
		Data: []byte(`{"percent":100,"note":"all done"}`), Metadata: unsealed(victim.Metadata)}, prev)
	require.NoError(t, err)
	exec(t, db, "UPDATE events SET position = -position WHERE position >= ?", victim.Position)
	exec(t, db, "UPDATE events SET position = 1 - position WHERE position < 0")
	exec(t, db, "UPDATE events SET version = -version WHERE version >= ? AND stream_id = (SELECT id FROM streams WHERE name = ?)", version, stream)
	exec(t, db, "UPDATE events SET version = 1 - version WHERE version < 0")
	exec(t, db, `INSERT INTO events(position, stream_id, version, event_id, type, data, metadata, recorded_at)
		VALUES (?, (SELECT id FROM streams WHERE name = ?), ?, ?, ?, ?, ?, ?)`,
		victim.Position, stream, version, id[:], victim.Type, []byte(`{"percent":100,"note":"all done"}`), meta, testNow.UnixNano())
}

// swapRows exchanges the positions of two events.
func swapRows(t *testing.T, db *sql.DB, a, b uint64) {
	t.Helper()
	exec(t, db, "UPDATE events SET position = -1 WHERE position = ?", a)
	exec(t, db, "UPDATE events SET position = ? WHERE position = ?", a, b)
	exec(t, db, "UPDATE events SET position = ? WHERE position = -1", b)
}

// swapContents exchanges what two events say (id, type, payload, metadata)
// and leaves them in place.
func swapContents(t *testing.T, db *sql.DB, a, b uint64) {
	t.Helper()
	const cols = "event_id, type, data, metadata"
	exec(t, db, "CREATE TEMP TABLE swap AS SELECT position, "+cols+" FROM events WHERE position IN (?, ?)", a, b)
	exec(t, db, "UPDATE events SET event_id = randomblob(16) WHERE position IN (?, ?)", a, b)
	exec(t, db, `UPDATE events SET (`+cols+`) = (SELECT `+cols+` FROM swap WHERE swap.position = ? + ? - events.position)
		WHERE position IN (?, ?)`, a, b, a, b)
}

// resealFrom recomputes, from the stored rows, the seals of stream from
// version from to its head, as a forger who knows the format would.
func resealFrom(t *testing.T, db *sql.DB, stream string, from uint64) {
	t.Helper()
	type row struct {
		position, version uint64
		id                []byte
		typ               string
		data, meta        []byte
	}
	rs, err := db.Query(`SELECT position, version, event_id, type, data, metadata FROM events
		WHERE stream_id = (SELECT id FROM streams WHERE name = ?) AND version >= ? ORDER BY version`, stream, from-1)
	require.NoError(t, err)
	var rows []row
	for rs.Next() {
		var r row
		require.NoError(t, rs.Scan(&r.position, &r.version, &r.id, &r.typ, &r.data, &r.meta))
		rows = append(rows, r)
	}
	require.NoError(t, rs.Close())
	_, prev, err := integrity.ReadSeal(rows[0].meta)
	require.NoError(t, err)
	var x integrity.Hasher
	for _, r := range rows[1:] {
		meta, h, err := x.Seal(integrity.Event{Stream: stream, Version: r.version, ID: uuid.UUID(r.id), Type: r.typ,
			Data: r.data, Metadata: unsealed(r.meta)}, prev)
		require.NoError(t, err)
		exec(t, db, "UPDATE events SET metadata = ? WHERE position = ?", meta, r.position)
		prev = h
	}
}

// appendForged appends a correctly sealed a@8 at the end of the log.
func appendForged(t *testing.T, l *ledger, db *sql.DB) {
	t.Helper()
	last := l.at(l.a(), 7)
	_, prev, err := integrity.ReadSeal(last.Metadata)
	require.NoError(t, err)
	id := uuid.New()
	data := []byte(`{"percent":100,"note":"all done"}`)
	var x integrity.Hasher
	meta, _, err := x.Seal(integrity.Event{Stream: l.a(), Version: 8, ID: id, Type: last.Type, Data: data,
		Metadata: unsealed(last.Metadata)}, prev)
	require.NoError(t, err)
	exec(t, db, `INSERT INTO events(position, stream_id, version, event_id, type, data, metadata, recorded_at)
		VALUES (?, (SELECT id FROM streams WHERE name = ?), 8, ?, ?, ?, ?, ?)`,
		len(l.events)+1, l.a(), id[:], last.Type, data, meta, testNow.UnixNano())
}
