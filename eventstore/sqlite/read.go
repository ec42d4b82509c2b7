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

// ReadAll implements eventstore.Store.
func (s *Store) ReadAll(ctx context.Context, after uint64, max int) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		limit := int64(-1)
		if max > 0 {
			limit = int64(max)
		}
		s.query(ctx, "read all", "SELECT "+eventColumns+" FROM events WHERE position > ? ORDER BY position LIMIT ?",
			[]any{int64(min(after, 1<<62)), limit}, yield)
	}
}

// SubscribeAll implements eventstore.Store.
func (s *Store) SubscribeAll(ctx context.Context, after uint64) iter.Seq2[eventstore.RecordedEvent, error] {
	return eventstore.Subscribe(ctx, after, s.ReadAll, s.notify)
}

// query streams rows to yield one event at a time, so a long read never
// holds more than one event in memory.
func (s *Store) query(ctx context.Context, what, q string, args []any, yield func(eventstore.RecordedEvent, error) bool) {
	rows, err := s.rdb.QueryContext(ctx, q, args...)
	if err != nil {
		yield(eventstore.RecordedEvent{}, fmt.Errorf("%s: %w", what, classifyWriteError(err)))
		return
	}
	defer rows.Close()
	types := typeNames{}
	for rows.Next() {
		ev, err := s.scan(rows, types)
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

// typeNames interns event type strings within one read: a log has few
// distinct types and many events.
type typeNames map[string]string

func (t typeNames) intern(b []byte) string {
	if s, ok := t[string(b)]; ok {
		return s
	}
	s := string(b)
	t[s] = s
	return s
}

func (s *Store) scan(rows *sql.Rows, types typeNames) (eventstore.RecordedEvent, error) {
	var (
		ev                 eventstore.RecordedEvent
		pos, streamID, ver int64
		id, typ            sql.RawBytes
		recorded           int64
	)
	if err := rows.Scan(&pos, &streamID, &ver, &id, &typ, &ev.Data, &ev.Metadata, &recorded); err != nil {
		return ev, err
	}
	eid, err := uuid.FromBytes(id)
	if err != nil {
		return ev, fmt.Errorf("event at position %d: bad id: %w", pos, err)
	}
	ev.ID, ev.Type, ev.Stream = eid, types.intern(typ), s.streams.name(streamID)
	ev.Position, ev.Version = uint64(pos), uint64(ver)
	ev.RecordedAt = time.Unix(0, recorded).UTC()
	return ev, nil
}
