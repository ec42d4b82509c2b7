package sqlite

import (
	"context"
	"database/sql"
	"errors"
)

// statements are prepared once on the write connection and reused by every
// group.
type statements struct {
	insertEvent, insertStream, streamVersion, eventByID, deleteFrom, deleteStream *sql.Stmt
	insertCheckpoint, dropFrontier                                                *sql.Stmt
}

func prepare(ctx context.Context, conn *sql.Conn) (*statements, error) {
	st := &statements{}
	var err error
	p := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var s *sql.Stmt
		s, err = conn.PrepareContext(ctx, q)
		return s
	}
	st.insertEvent = p(`INSERT INTO events (position, stream_id, version, event_id, type, data, metadata, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	st.insertStream = p("INSERT INTO streams (name) VALUES (?)")
	st.streamVersion = p("SELECT COALESCE(MAX(version), 0) FROM events WHERE stream_id = ?")
	st.eventByID = p("SELECT stream_id, version, position FROM events WHERE event_id = ?")
	st.deleteFrom = p("DELETE FROM events WHERE position >= ?")
	st.deleteStream = p("DELETE FROM streams WHERE id = ?")
	st.insertCheckpoint = p("INSERT INTO checkpoints (size, note, frontier) VALUES (?, ?, ?)")
	st.dropFrontier = p("UPDATE checkpoints SET frontier = NULL WHERE size = ?")
	if err != nil {
		st.close()
		return nil, err
	}
	return st, nil
}

func (st *statements) close() {
	for _, s := range []*sql.Stmt{st.insertEvent, st.insertStream, st.streamVersion, st.eventByID, st.deleteFrom, st.deleteStream,
		st.insertCheckpoint, st.dropFrontier} {
		if s != nil {
			_ = s.Close()
		}
	}
}

var errNoRow = sql.ErrNoRows

func isNoRow(err error) bool { return errors.Is(err, errNoRow) }
