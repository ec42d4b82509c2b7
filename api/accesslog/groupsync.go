package accesslog

import (
	"fmt"
	"sync"
)

// syncs counts the lines of a File written and known to be on disk. Lines
// are numbered in the order they were written; a sync that starts after
// line n was written puts lines 1..n on disk.
type syncs struct {
	written, synced uint64
	syncing         bool
	done            *sync.Cond // a sync ended
	failedThrough   uint64     // the lines the last failed sync was to cover
	failed          error
}

// syncThrough returns once line n is on disk, either under a sync another
// Record started after writing its own line, or under one it starts itself
// for every line written so far. l.mu is held, and released while syncing.
func (l *File) syncThrough(n uint64) error {
	for l.synced < n {
		if n <= l.failedThrough {
			return fmt.Errorf("sync access log: %w", l.failed)
		}
		if l.syncing {
			l.done.Wait()
			continue
		}
		l.syncing = true
		through := l.written
		l.mu.Unlock()
		err := l.sync()
		l.mu.Lock()
		l.syncing = false
		if err != nil {
			l.failedThrough, l.failed = through, err
		} else {
			l.synced = max(l.synced, through)
		}
		l.done.Broadcast()
	}
	return nil
}
