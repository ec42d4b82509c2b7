// Package accesslog records who read confidential records, what and when, in
// an append-only file that reviewers query. The event log records what was
// decided; this records who looked at the confidential part of it.
//
// It is a JSON-lines file in the data directory, <data>/access-log.jsonl
// (mode 0600): a line is on disk before Record returns, and concurrent
// Records share one sync (a group commit). On KurrentDB it is a stream of the
// shared store instead (Shared), one log for every server of the ledger.
package accesslog

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// FileName is the access log inside the data directory.
const FileName = "access-log.jsonl"

// Entry is one request that released confidential records.
type Entry struct {
	At        time.Time `json:"at"`
	Principal string    `json:"principal"` // the token's actor id, e.g. token:3f9c1a...
	Role      string    `json:"role"`
	Method    string    `json:"method"`
	Path      string    `json:"path"` // with its query: what was read
	Records   int64     `json:"confidential_records"`
	Status    int       `json:"status"`
}

// Filter selects entries; zero fields select everything.
type Filter struct {
	From, To  time.Time
	Principal string
}

func (f Filter) match(e Entry) bool {
	return (f.From.IsZero() || !e.At.Before(f.From)) && (f.To.IsZero() || e.At.Before(f.To)) &&
		(f.Principal == "" || f.Principal == e.Principal)
}

// File is the access log.
type File struct {
	mu   sync.Mutex // the file's end, and the counters below
	path string
	f    *os.File
	sync func() error // f.Sync; a test counts the syncs
	syncs
}

// Open opens (creating) the access log in dir.
func Open(dir string) (*File, error) {
	path := filepath.Join(dir, FileName)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open access log: %w", err)
	}
	l := &File{path: path, f: f, sync: f.Sync}
	l.syncs.done = sync.NewCond(&l.mu)
	return l, nil
}

// Record appends one entry and returns once it is on disk, so a read is
// never served without its trace. Every confidential read of every client
// writes a line: one sync each would queue the readers behind the disk, so
// a sync covers every line written before it started (group commit).
func (l *File) Record(e Entry) error {
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := l.f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("write access log: %w", err)
	}
	l.written++
	return l.syncThrough(l.written)
}

// Query returns the entries that match f, oldest first, at most limit.
func (l *File) Query(f Filter, limit int) ([]Entry, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r, err := os.Open(l.path)
	if err != nil {
		return nil, fmt.Errorf("read access log: %w", err)
	}
	defer r.Close()
	var out []Entry
	sc := bufio.NewScanner(r)
	for sc.Scan() && (limit <= 0 || len(out) < limit) {
		var e Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("access log %s: a line is not an entry: %w", l.path, err)
		}
		if f.match(e) {
			out = append(out, e)
		}
	}
	return out, sc.Err()
}

// Close closes the file.
func (l *File) Close() error { return l.f.Close() }
