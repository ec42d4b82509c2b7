package sqlite

import (
	"context"
	"fmt"
	"iter"
	"time"

	sqlite3 "modernc.org/sqlite/lib"

	"github.com/movementcoord/ledger/eventstore"
)

// scanChunk is how many rows a scan reads before it names their streams
// under one lock, checks its context and hands them on.
const scanChunk = 256

// scanAll is ReadAll: it reads the global log through a raw connection (see
// rawConn), a chunk of rows at a time, and hands over events of their own.
func (s *Store) scanAll(ctx context.Context, after uint64, max int) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		s.scanWith(ctx, after, max, &arena{}, func(ev *eventstore.RecordedEvent, err error) bool {
			if err != nil {
				return yield(eventstore.RecordedEvent{}, err)
			}
			return yield(*ev, nil)
		})
	}
}

var _ eventstore.Lender = (*Store)(nil)

// LendAll implements eventstore.Lender: the scan of ReadAll, whose payloads
// are copied into one buffer reused from chunk to chunk rather than into
// fresh memory, so a full read allocates nothing per event.
func (s *Store) LendAll(ctx context.Context, after uint64, max int) iter.Seq2[*eventstore.RecordedEvent, error] {
	return func(yield func(*eventstore.RecordedEvent, error) bool) {
		s.scanWith(ctx, after, max, &arena{reuse: true}, yield)
	}
}

func (s *Store) scanWith(ctx context.Context, after uint64, max int, buf *arena, yield func(*eventstore.RecordedEvent, error) bool) {
	c, err := s.scans.get(ctx, s.path)
	if err != nil {
		yield(nil, fmt.Errorf("read all: %w", err))
		return
	}
	sc := scan{c: c, max: max, types: map[string]string{}, buf: buf}
	err = sc.run(ctx, s.streams, min(after, 1<<62), yield)
	s.scans.put(c)
	if err != nil {
		yield(nil, fmt.Errorf("read all: %w", err))
	}
}

// scan is one read of the log on a raw connection.
type scan struct {
	c     *rawConn
	max   int // rows to read at most, zero for all
	read  int
	types map[string]string // one string per event type, not one per row
	buf   *arena
	chunk [scanChunk]eventstore.RecordedEvent
	ids   [scanChunk]int64
}

// run steps the statement from after to the end, yielding every row; it
// returns a failed read (or the end of ctx), not an early stop by yield.
func (sc *scan) run(ctx context.Context, streams *streamIndex, after uint64, yield func(*eventstore.RecordedEvent, error) bool) error {
	st, tls := sc.c.readAll, sc.c.tls
	defer sqlite3.Xsqlite3_reset(tls, st) // ends the read transaction
	if rc := sqlite3.Xsqlite3_bind_int64(tls, st, 1, int64(after)); rc != sqlite3.SQLITE_OK {
		return classifyScanError(sc.c.fail("bind", rc))
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		sc.buf.next()
		n, err := sc.fill()
		streams.nameAll(sc.ids[:n], sc.chunk[:n])
		for i := range n {
			if !yield(&sc.chunk[i], nil) {
				return nil
			}
		}
		clear(sc.chunk[:n])
		if err != nil || n < scanChunk {
			return err
		}
	}
}

// fill reads up to a chunk of rows; fewer means the log (or max) ended.
func (sc *scan) fill() (int, error) {
	st, tls := sc.c.readAll, sc.c.tls
	for i := range scanChunk {
		if sc.max > 0 && sc.read == sc.max {
			return i, nil
		}
		switch rc := sqlite3.Xsqlite3_step(tls, st); rc {
		case sqlite3.SQLITE_ROW:
		case sqlite3.SQLITE_DONE:
			return i, nil
		default:
			return i, classifyScanError(sc.c.fail("step", rc))
		}
		if err := sc.row(&sc.chunk[i], &sc.ids[i]); err != nil {
			return i, err
		}
		sc.read++
	}
	return scanChunk, nil
}

// row reads the current row of eventColumns into ev, all but the stream's
// name, whose id goes to streamID. The payloads are copied out of SQLite's
// memory, which the next step reuses.
func (sc *scan) row(ev *eventstore.RecordedEvent, streamID *int64) error {
	st, tls := sc.c.readAll, sc.c.tls
	ev.Position = uint64(sqlite3.Xsqlite3_column_int64(tls, st, 0))
	*streamID = sqlite3.Xsqlite3_column_int64(tls, st, 1)
	ev.Version = uint64(sqlite3.Xsqlite3_column_int64(tls, st, 2))
	id := bytesAt(sqlite3.Xsqlite3_column_blob(tls, st, 3), sqlite3.Xsqlite3_column_bytes(tls, st, 3))
	if len(id) != len(ev.ID) {
		return fmt.Errorf("event at position %d: bad id: %d bytes", ev.Position, len(id))
	}
	copy(ev.ID[:], id)
	ev.Type = sc.typeName(bytesAt(sqlite3.Xsqlite3_column_text(tls, st, 4), sqlite3.Xsqlite3_column_bytes(tls, st, 4)))
	ev.Data = sc.buf.copy(bytesAt(sqlite3.Xsqlite3_column_blob(tls, st, 5), sqlite3.Xsqlite3_column_bytes(tls, st, 5)))
	if ev.Data == nil {
		ev.Data = []byte{} // a stored empty payload is not a missing one
	}
	ev.Metadata = sc.buf.copy(bytesAt(sqlite3.Xsqlite3_column_blob(tls, st, 6), sqlite3.Xsqlite3_column_bytes(tls, st, 6)))
	ev.RecordedAt = time.Unix(0, sqlite3.Xsqlite3_column_int64(tls, st, 7)).UTC()
	return nil
}

func (sc *scan) typeName(b []byte) string {
	if t, ok := sc.types[string(b)]; ok { // the lookup does not allocate
		return t
	}
	t := string(b)
	sc.types[t] = t
	return t
}

// nameAll sets the stream name of each event from its id, under one lock.
func (x *streamIndex) nameAll(ids []int64, evs []eventstore.RecordedEvent) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	for i, id := range ids {
		evs[i].Stream = x.names[id]
	}
}

// classifyScanError is classifyWriteError for the raw connection's codes.
func classifyScanError(err *rawError) error {
	switch err.code & 0xff {
	case sqlite3.SQLITE_FULL:
		return fmt.Errorf("%w: %v", eventstore.ErrStorageFull, err)
	case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN:
		return fmt.Errorf("%w: %v", eventstore.ErrUnavailable, err)
	}
	return err
}

// arenaChunk is the block payloads are copied into: one allocation for a
// hundred events or so instead of two per event. A payload larger than an
// eighth of it gets its own.
const arenaChunk = 64 << 10

// arena hands out copies of byte slices carved from shared blocks. Each
// copy is capped at its length, so appending to one never writes over the
// next; a block lives as long as any copy in it. With reuse, each chunk of
// a scan copies into the same first block again (see LendAll).
type arena struct {
	block []byte
	reuse bool
}

// next starts a chunk: a lending scan's earlier copies are done with.
func (a *arena) next() {
	if a.reuse {
		a.block = a.block[:0]
	}
}

func (a *arena) copy(b []byte) []byte {
	if b == nil {
		return nil
	}
	if len(b) > arenaChunk/8 {
		return append([]byte(nil), b...)
	}
	if cap(a.block)-len(a.block) < len(b) {
		a.grow()
	}
	n := len(a.block)
	a.block = append(a.block, b...)
	return a.block[n:len(a.block):len(a.block)]
}

// grow starts a new block: a lending scan's grows until one holds a chunk.
func (a *arena) grow() {
	size := arenaChunk
	if a.reuse && cap(a.block) > 0 {
		size = 2 * cap(a.block)
	}
	a.block = make([]byte, 0, size)
}
