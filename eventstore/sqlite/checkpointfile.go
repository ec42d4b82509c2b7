package sqlite

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/movementcoord/ledger/eventstore/atomicfile"
)

// CheckpointFileName is the copy of the last signed checkpoint kept beside
// the log, so that a log rolled back as a whole (an old backup, a deleted or
// emptied ledger.db, lost WAL frames) is caught at start: the log must reach
// the size this file records.
const CheckpointFileName = "ledger.checkpoint"

// publishEvery bounds how often the file is rewritten (three syncs each), so
// that it costs the writer nothing; it lags the log by at most this much.
const publishEvery = 50 * time.Millisecond

// ReadCheckpointFile returns the signed checkpoint kept in dir, or false.
func ReadCheckpointFile(dir string) ([]byte, bool, error) {
	b, err := os.ReadFile(filepath.Join(dir, CheckpointFileName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	return b, err == nil, err
}

// WriteCheckpointFile replaces the file atomically and durably, mode 0600.
func WriteCheckpointFile(dir string, note []byte) error {
	return atomicfile.WriteBytes(filepath.Join(dir, CheckpointFileName), 0o600, note)
}

// publisher copies the newest committed checkpoint to the file beside the
// log, in its own goroutine, at most every publishEvery.
type publisher struct {
	dir  string
	mu   sync.Mutex
	note []byte // newest, not yet written
	wake chan struct{}
	done chan struct{}
	err  error
}

func startPublisher(dir string) *publisher {
	p := &publisher{dir: dir, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go p.run()
	return p
}

func (p *publisher) poke(note []byte) {
	p.mu.Lock()
	p.note = note
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

func (p *publisher) run() {
	defer close(p.done)
	for range p.wake {
		p.flush()
		time.Sleep(publishEvery)
	}
	p.flush()
}

func (p *publisher) flush() {
	p.mu.Lock()
	note := p.note
	p.note = nil
	p.mu.Unlock()
	if note != nil {
		if err := WriteCheckpointFile(p.dir, note); err != nil {
			p.mu.Lock()
			p.err = err
			p.mu.Unlock()
		}
	}
}

// stop writes the last checkpoint and returns the first write error.
func (p *publisher) stop() error {
	close(p.wake)
	<-p.done
	return p.err
}
