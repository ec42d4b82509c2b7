package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/movementcoord/ledger/eventstore"
)

// streamReads are ReadStream's two statements, prepared once for the read
// pool. database/sql prepares a statement on each connection the first time
// it runs there and keeps it until that connection closes, so a stream read
// parses no SQL: before, every read prepared its SELECT again, which was a
// fifth of a command's CPU while each command read two or three streams.
type streamReads struct {
	forward, backward *sql.Stmt
}

func prepareStreamReads(ctx context.Context, db *sql.DB) (*streamReads, error) {
	forward, err := db.PrepareContext(ctx,
		"SELECT "+eventColumns+" FROM events WHERE stream_id = ? AND version >= ? ORDER BY version LIMIT ?")
	if err != nil {
		return nil, err
	}
	backward, err := db.PrepareContext(ctx,
		"SELECT "+eventColumns+" FROM events WHERE stream_id = ? AND version <= ? ORDER BY version DESC LIMIT ?")
	if err != nil {
		_ = forward.Close()
		return nil, err
	}
	return &streamReads{forward: forward, backward: backward}, nil
}

// of is the statement and arguments of a read of stream id.
func (r *streamReads) of(id int64, opts eventstore.ReadStreamOptions) (*sql.Stmt, []any) {
	limit := int64(-1)
	if opts.Max > 0 {
		limit = int64(opts.Max)
	}
	if opts.Direction == eventstore.Backward {
		from := int64(opts.From)
		if opts.From == 0 || opts.From > 1<<62 {
			from = 1 << 62
		}
		return r.backward, []any{id, from, limit}
	}
	return r.forward, []any{id, int64(min(opts.From, 1<<62)), limit}
}

func (r *streamReads) close() error {
	if r == nil {
		return nil
	}
	return errors.Join(r.forward.Close(), r.backward.Close())
}
