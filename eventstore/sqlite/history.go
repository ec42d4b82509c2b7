package sqlite

import (
	"context"
	"fmt"
)

// LatestCheckpoint returns the newest signed checkpoint in the log.
func (s *Store) LatestCheckpoint(ctx context.Context) ([]byte, bool, error) {
	h, ok, err := readHead(ctx, s.rdb)
	if err != nil {
		return nil, false, fmt.Errorf("read checkpoints: %w", err)
	}
	return h.note, ok, nil
}

// CheckpointSizes lists the tree size of every stored checkpoint, ascending.
func (s *Store) CheckpointSizes(ctx context.Context) ([]uint64, error) {
	rows, err := s.rdb.QueryContext(ctx, "SELECT size FROM checkpoints ORDER BY size")
	if err != nil {
		return nil, fmt.Errorf("read checkpoints: %w", err)
	}
	defer rows.Close()
	var out []uint64
	for rows.Next() {
		var n uint64
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// CheckpointAt returns the checkpoint signed at tree size size, if any.
func (s *Store) CheckpointAt(ctx context.Context, size uint64) ([]byte, bool, error) {
	var note []byte
	err := s.rdb.QueryRowContext(ctx, "SELECT note FROM checkpoints WHERE size = ?", size).Scan(&note)
	if isNoRow(err) {
		return nil, false, nil
	}
	return note, err == nil, err
}
