package sqlite

import (
	"context"
	"fmt"

	"github.com/movementcoord/ledger/domain/integrity"
)

// adopt builds the tree from every stored event, for a log that was never
// signed (schema 1, or a new log) or for `ledger recover`. A log that was
// signed before must not silently lose its checkpoints: without Recover,
// a file beside it that records a signed log refuses the start.
func (s *Store) adopt(ctx context.Context, l *signedLog, c logCounts, wasSigned, recovering bool) error {
	if b, ok, err := ReadCheckpointFile(s.dir); err != nil {
		return err
	} else if ok && !wasSigned && !recovering {
		fc, _, _ := l.signer.Verifier.Open(b)
		return s.refuse(ErrRollback, "%s records a signed log (%d events) but %s holds no checkpoint and %d events: it was emptied, deleted or replaced",
			CheckpointFileName, fc.Size, FileName, c.count)
	}
	if c.count != c.max {
		return s.refuse(ErrRollback, "the log holds %d events but its positions reach %d: events were deleted from its middle, which no recovery can sign over; restore a backup",
			c.count, c.max)
	}
	front := integrity.NewFrontier()
	rows, err := s.rdb.QueryContext(ctx, "SELECT position, metadata FROM events ORDER BY position")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var pos uint64
		var meta []byte
		if err := rows.Scan(&pos, &meta); err != nil {
			return err
		}
		_, h, err := integrity.ReadSeal(meta)
		if err != nil {
			return fmt.Errorf("adopt the log: position %d: %w", pos, err)
		}
		front.Append(integrity.LeafHash(h))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	l.front = front
	if front.Size() == 0 {
		return nil
	}
	return s.signAdopted(ctx, l, recovering)
}

// signAdopted writes the checkpoint of the adopted tree. On recovery the
// checkpoints past the events (of a log that lost its tail) give way; the
// recovery event records the last of them.
func (s *Store) signAdopted(ctx context.Context, l *signedLog, recovering bool) error {
	note, err := l.signer.Sign(l.front.Size(), l.front.Root())
	if err != nil {
		return err
	}
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if recovering {
		if _, err := tx.ExecContext(ctx, "DELETE FROM checkpoints WHERE size >= ?", l.front.Size()); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE checkpoints SET frontier = NULL"); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO checkpoints (size, note, frontier) VALUES (?, ?, ?)",
		l.front.Size(), note, l.front.Bytes()); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	l.note, l.signed = note, true
	return nil
}
