package sqlite

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
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
		q, args := streamQuery(id, opts)
		s.query(ctx, "read "+stream, q, args, yield)
	}
}

func streamQuery(id int64, opts eventstore.ReadStreamOptions) (string, []any) {
	limit := int64(-1)
	if opts.Max > 0 {
		limit = int64(opts.Max)
	}
	if opts.Direction == eventstore.Backward {
		from := int64(opts.From)
		if opts.From == 0 || opts.From > 1<<62 {
			from = 1 << 62
		}
		return "SELECT " + eventColumns + " FROM events WHERE stream_id = ? AND version <= ? ORDER BY version DESC LIMIT ?",
			[]any{id, from, limit}
	}
	return "SELECT " + eventColumns + " FROM events WHERE stream_id = ? AND version >= ? ORDER BY version LIMIT ?",
		[]any{id, int64(min(opts.From, 1<<62)), limit}
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
// holds more than one event in memory. It reads through the driver's own rows
// rather than database/sql's, which would copy every payload a second time.
func (s *Store) query(ctx context.Context, what, q string, args []any, yield func(eventstore.RecordedEvent, error) bool) {
	conn, err := s.rdb.Conn(ctx)
	if err != nil {
		yield(eventstore.RecordedEvent{}, fmt.Errorf("%s: %w", what, classifyWriteError(err)))
		return
	}
	defer conn.Close()
	stopped := false
	err = conn.Raw(func(dc any) error {
		rows, err := dc.(driver.QueryerContext).QueryContext(ctx, q, namedValues(args))
		if err != nil {
			return err
		}
		defer rows.Close()
		row := make([]driver.Value, 8)
		for {
			if err := rows.Next(row); err != nil {
				if errors.Is(err, io.EOF) {
					return nil
				}
				return err
			}
			ev, err := s.decodeRow(row)
			if err != nil {
				return err
			}
			if !yield(ev, nil) {
				stopped = true
				return nil
			}
		}
	})
	if err != nil && !stopped {
		yield(eventstore.RecordedEvent{}, fmt.Errorf("%s: %w", what, classifyWriteError(err)))
	}
}

func namedValues(args []any) []driver.NamedValue {
	out := make([]driver.NamedValue, len(args))
	for i, a := range args {
		out[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	return out
}

// decodeRow turns one row of eventColumns into an event. The driver hands
// over fresh byte slices, so they are kept without copying.
func (s *Store) decodeRow(row []driver.Value) (eventstore.RecordedEvent, error) {
	pos, _ := row[0].(int64)
	streamID, _ := row[1].(int64)
	ver, _ := row[2].(int64)
	rawID, _ := row[3].([]byte)
	id, err := uuid.FromBytes(rawID)
	if err != nil {
		return eventstore.RecordedEvent{}, fmt.Errorf("event at position %d: bad id: %w", pos, err)
	}
	typ, _ := row[4].(string)
	data, _ := row[5].([]byte)
	meta, _ := row[6].([]byte)
	recorded, _ := row[7].(int64)
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
