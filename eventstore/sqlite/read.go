package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/eventstore"
)

const eventColumns = "position, stream_id, version, event_id, type, data, metadata, recorded_at"

// ReadStream implements eventstore.Store.
func (s *Store) ReadStream(ctx context.Context, stream string, opts eventstore.ReadStreamOptions) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		id, ok := s.streams.id(stream)
		if !ok {
			yield(eventstore.RecordedEvent{}, fmt.Errorf("read %s: %w", stream, eventstore.ErrStreamNotFound))
			return
		}
		st, args := s.reads.of(id, opts)
		s.query(ctx, "read "+stream, st, args, yield)
	}
}

// ReadAll implements eventstore.Store. It reads through a raw connection
// (scan.go) rather than the driver: see rawConn.
func (s *Store) ReadAll(ctx context.Context, after uint64, max int) iter.Seq2[eventstore.RecordedEvent, error] {
	return s.scanAll(ctx, after, max)
}

// SubscribeAll implements eventstore.Store.
func (s *Store) SubscribeAll(ctx context.Context, after uint64) iter.Seq2[eventstore.RecordedEvent, error] {
	return eventstore.Subscribe(ctx, after, s.ReadAll, s.notify)
}

// query streams rows to yield one event at a time, so a long read never
// holds more than one event in memory.
func (s *Store) query(ctx context.Context, what string, st *sql.Stmt, args []any, yield func(eventstore.RecordedEvent, error) bool) {
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		yield(eventstore.RecordedEvent{}, fmt.Errorf("%s: %w", what, classifyWriteError(err)))
		return
	}
	defer rows.Close()
	for rows.Next() {
		ev, err := s.scanRow(rows)
		if err != nil {
			yield(eventstore.RecordedEvent{}, fmt.Errorf("%s: %w", what, err))
			return
		}
		if !yield(ev, nil) {
			return
		}
	}
	if err := rows.Err(); err != nil {
		yield(eventstore.RecordedEvent{}, fmt.Errorf("%s: %w", what, classifyWriteError(err)))
	}
}

// scanRow reads one row of eventColumns. Scanning into a []byte copies the
// payloads once, which a short read of a record's stream hardly notices;
// the id is read in place.
func (s *Store) scanRow(rows *sql.Rows) (eventstore.RecordedEvent, error) {
	var pos, streamID, ver, recorded int64
	var rawID sql.RawBytes
	var typ string
	var data, meta []byte
	if err := rows.Scan(&pos, &streamID, &ver, &rawID, &typ, &data, &meta, &recorded); err != nil {
		return eventstore.RecordedEvent{}, err
	}
	id, err := uuid.FromBytes(rawID)
	if err != nil {
		return eventstore.RecordedEvent{}, fmt.Errorf("event at position %d: bad id: %w", pos, err)
	}
	return eventstore.RecordedEvent{
		ID: id, Stream: s.streams.name(streamID), Version: uint64(ver), Position: uint64(pos),
		Type: typ, Data: nonNilData(data), Metadata: meta, RecordedAt: time.Unix(0, recorded).UTC(),
	}, nil
}

// nonNilData keeps a stored empty payload distinct from a missing one.
func nonNilData(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}
