package projections

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Snapshots is a directory of view snapshots, one file per position
// (<position>.snap). They are a cache of the log, never a source of truth:
// any file that fails a check is discarded and the log replayed instead.
type Snapshots struct {
	dir  string
	log  *slog.Logger
	seal *snapshotSeal // nil: in clear (SealWith, snapshot_seal.go)
}

const snapshotExt = ".snap"

// OpenSnapshots uses dir (made private, 0700, when missing) for snapshots.
func OpenSnapshots(dir string, log *slog.Logger) (*Snapshots, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("snapshots: %w", err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Snapshots{dir: dir, log: log}, nil
}

// Dir is where the snapshots are kept.
func (s *Snapshots) Dir() string { return s.dir }

func (s *Snapshots) path(pos uint64) string {
	return filepath.Join(s.dir, fmt.Sprintf("%020d%s", pos, snapshotExt))
}

// positions lists the snapshots kept, newest first.
func (s *Snapshots) positions() []uint64 {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		s.log.Warn("snapshots: cannot list", "dir", s.dir, "err", err)
		return nil
	}
	var out []uint64
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), snapshotExt)
		if pos, err := strconv.ParseUint(name, 10, 64); ok && err == nil && e.Type().IsRegular() {
			out = append(out, pos)
		}
	}
	slices.Sort(out)
	slices.Reverse(out)
	return out
}

// Header reads the header of the snapshot at pos.
func (s *Snapshots) Header(pos uint64) (SnapshotHeader, error) {
	f, err := os.Open(s.path(pos))
	if err != nil {
		return SnapshotHeader{}, err
	}
	defer f.Close()
	return s.readHeader(bufio.NewReader(f))
}

// read reads the snapshot at pos with every body, each checked against its
// length (its hash is checked as it is decoded, the views in parallel).
func (s *Snapshots) read(pos uint64) (SnapshotHeader, map[string][]byte, error) {
	f, err := os.Open(s.path(pos))
	if err != nil {
		return SnapshotHeader{}, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return SnapshotHeader{}, nil, err
	}
	plain, check, err := s.openSnapshot(f) // decrypts a sealed file
	if err != nil {
		return SnapshotHeader{}, nil, err
	}
	r := bufio.NewReaderSize(plain, 1<<20)
	h, err := readSnapshotHeader(r)
	if err == nil {
		h, err = check(h)
	}
	if err != nil {
		return h, nil, err
	}
	bodies := make(map[string][]byte, len(h.Views))
	left := uint64(st.Size())
	for _, e := range h.Views {
		if e.Length > left {
			return h, nil, fmt.Errorf("%w: %s: truncated body", errBadSnapshot, e.Name)
		}
		b := make([]byte, e.Length)
		if _, err := io.ReadFull(r, b); err != nil {
			return h, nil, fmt.Errorf("%w: %s: truncated body: %w", errBadSnapshot, e.Name, err)
		}
		left -= e.Length
		bodies[e.Name] = b
	}
	if _, err := r.ReadByte(); err != io.EOF {
		return h, nil, fmt.Errorf("%w: bytes after the last body", errBadSnapshot)
	}
	return h, bodies, nil
}

// discard removes a snapshot that failed a check, so no start reads it again.
func (s *Snapshots) discard(pos uint64, why error) {
	s.log.Warn("snapshot discarded; the log is replayed instead", "file", s.path(pos), "err", why)
	if err := os.Remove(s.path(pos)); err != nil {
		s.log.Warn("snapshots: cannot remove", "file", s.path(pos), "err", err)
	}
}
