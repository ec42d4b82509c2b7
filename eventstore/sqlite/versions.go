package sqlite

import (
	"context"
	"fmt"

	"github.com/movementcoord/ledger/eventstore"
)

var _ eventstore.StreamVersioner = (*Store)(nil)

// StreamVersion implements eventstore.StreamVersioner from the stream index:
// the writer notes every commit's versions there before it acknowledges the
// commit, so only a stream not written since Open costs a read, once.
func (s *Store) StreamVersion(ctx context.Context, stream string) (uint64, error) {
	id, ok := s.streams.id(stream)
	if !ok {
		return 0, nil
	}
	if v, ok := s.streams.version(id); ok {
		return v, nil
	}
	var v uint64
	err := s.rdb.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM events WHERE stream_id = ?", id).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("version of %s: %w", stream, classifyWriteError(err))
	}
	s.streams.noteVersion(id, v)
	return v, nil
}
