package sqlite

import (
	"context"
	"fmt"

	"github.com/movementcoord/ledger/domain/integrity"
)

// Options of OpenWith.
type Options struct {
	// Signer signs a checkpoint in every commit. Without it the store reads,
	// and appends only to a log that was never signed.
	Signer *integrity.LogSigner
	// Recover skips the start-up checks and rebuilds the tree from the
	// events, for `ledger recover`, which records the loss and signs anew.
	Recover bool
}

// logCounts is what the start-up check reads of the events table. MAX is
// one index look-up; count(*) walks the smallest index, which is what finds
// an event deleted from the middle (part of the 282-433 ms the whole check
// took on 1M events).
type logCounts struct{ count, max uint64 }

// openSignedLog checks, before the writer starts, that the log is the one
// the ledger last signed: its newest checkpoint verifies with the key, it
// covers exactly the events stored (none missing, none added behind the
// ledger's back), and the checkpoint kept beside the log is no newer and
// agrees with it. It costs a few reads, not a scan: the full recomputation
// of every hash is for `ledger verify` and the server's follower.
func openSignedLog(ctx context.Context, s *Store, o Options) (*signedLog, error) {
	h, found, err := readHead(ctx, s.rdb)
	if err != nil {
		return nil, err
	}
	l := &signedLog{signer: o.Signer, signed: found}
	if o.Signer == nil {
		return l, nil
	}
	c, err := countEvents(ctx, s)
	if err != nil {
		return nil, err
	}
	if o.Recover || !found {
		return l, s.adopt(ctx, l, c, found, o.Recover)
	}
	cp, _, err := o.Signer.Verifier.Open(h.note)
	if err != nil {
		return nil, s.refuse(ErrKeyMismatch, "the checkpoint of %d events does not verify with the public key %s (%v): the signing key was replaced or the checkpoint forged",
			h.size, o.Signer.Verifier.Key, err)
	}
	front, err := integrity.LoadFrontier(h.size, h.frontier)
	if err != nil || front.Root() != cp.Root {
		return nil, s.refuse(ErrNotLedger, "the stored tree frontier does not give the signed root of checkpoint %d", h.size)
	}
	if err := checkCounts(s, c, h.size); err != nil {
		return nil, err
	}
	if err := s.checkBeside(ctx, o.Signer.Verifier, cp); err != nil {
		return nil, err
	}
	l.front, l.note = front, h.note
	return l, nil
}

func countEvents(ctx context.Context, s *Store) (logCounts, error) {
	var c logCounts
	err := s.rdb.QueryRowContext(ctx, "SELECT count(*), COALESCE(MAX(position), 0) FROM events").Scan(&c.count, &c.max)
	return c, err
}

func checkCounts(s *Store, c logCounts, size uint64) error {
	switch {
	case c.max > size:
		return s.refuse(ErrUnsigned, "the log holds events up to position %d, the last checkpoint the ledger signed covers %d: events %d to %d were appended by something other than the ledger",
			c.max, size, size+1, c.max)
	case c.count < size || c.max < size:
		return s.refuse(ErrRollback, "the log holds %d events (last position %d), the last checkpoint the ledger signed covers %d: events were removed or lost",
			c.count, c.max, size)
	}
	return nil
}

// checkBeside compares the log with the checkpoint kept in the file beside
// it, which survives a rollback of ledger.db (backup restored, file emptied
// or deleted, WAL frames lost).
func (s *Store) checkBeside(ctx context.Context, v *integrity.LogVerifier, head integrity.Checkpoint) error {
	b, ok, err := ReadCheckpointFile(s.dir)
	if err != nil || !ok {
		return err
	}
	fc, _, err := v.Open(b)
	if err != nil {
		return s.refuse(ErrFork, "%s does not verify with the signing key: %v", CheckpointFileName, err)
	}
	if fc.Size > head.Size {
		return s.refuse(ErrRollback, "%s records a signed log of %d events, the log reaches only %d (an old backup, a truncated, emptied or deleted %s, or lost WAL frames)",
			CheckpointFileName, fc.Size, head.Size, FileName)
	}
	note, found, err := s.CheckpointAt(ctx, fc.Size)
	if err != nil {
		return err
	}
	if !found {
		return s.refuse(ErrFork, "%s records size %d, for which the log has no checkpoint", CheckpointFileName, fc.Size)
	}
	if cp, _, err := v.Open(note); err != nil || cp.Root != fc.Root {
		return s.refuse(ErrFork, "%s records root %s at size %d, the log's checkpoint there differs (history rewritten and re-signed)",
			CheckpointFileName, fc.Root, fc.Size)
	}
	return nil
}

// refuse is a start-up refusal with the way out.
func (s *Store) refuse(kind error, format string, args ...any) error {
	return fmt.Errorf("%s: %w: %s. Nothing was changed. If the loss is accepted, `ledger recover` records it as an event and signs the log as it is (see the README, Integrity)",
		s.path, kind, fmt.Sprintf(format, args...))
}
