package sqlite

import (
	"context"
)

// walCheckpointBytes is how many bytes of events may be committed before the
// WAL is copied back into the database file (SQLite's own default is about
// 1000 pages, 4 MiB).
const walCheckpointBytes = 4 << 20

// checkpointer copies the WAL into the database file on its own connection,
// so that the writer's commits never pay for it (SQLite's automatic
// checkpoint would run inside whichever commit crossed the threshold).
type checkpointer struct {
	s       *Store
	wake    chan struct{}
	stopped chan struct{}
}

func startCheckpointer(s *Store) *checkpointer {
	c := &checkpointer{s: s, wake: make(chan struct{}, 1), stopped: make(chan struct{})}
	go c.run()
	return c
}

// poke asks for a checkpoint check without ever blocking the writer.
func (c *checkpointer) poke() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

func (c *checkpointer) stop() {
	close(c.wake)
	<-c.stopped
}

func (c *checkpointer) run() {
	defer close(c.stopped)
	for range c.wake {
		c.checkpoint()
	}
}

// checkpoint runs a passive checkpoint: it copies what it can without
// blocking writers or readers, and is counted when it copied pages (each
// costs a sync of the WAL and one of the database file).
func (c *checkpointer) checkpoint() {
	var busy, logFrames, copied int
	err := c.s.wdb.QueryRowContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &logFrames, &copied)
	if err == nil && copied > 0 {
		c.s.writer.stats.checkpoints.Add(1)
	}
}
