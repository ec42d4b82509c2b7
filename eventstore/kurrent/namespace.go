package kurrent

import (
	"fmt"
	"log/slog"
	"math/bits"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
)

// A namespace is what a ledger owns on a shared node: every stream whose
// name starts with its prefix and whose events carry its marker (see
// envelope.go). The prefix is a name of letters, digits and underscores
// followed by one separator, so that no ledger's prefix starts another's:
// "t1-" never matches "t10-x", and "t1-" cannot be extended into "t1-a-"
// (a name holds no separator). Without a prefix the ledger shares the
// node's top level with other applications and tells its events apart by
// the marker alone.
var prefixPattern = regexp.MustCompile(`^[A-Za-z0-9_]{1,64}[-:./]$`)

// validPrefix checks a stream prefix; empty means none.
func validPrefix(p string) error {
	if p == "" || prefixPattern.MatchString(p) {
		return nil
	}
	return fmt.Errorf("%w: stream prefix %q must be letters, digits or _ followed by one separator (- : . /), such as \"ledger-\"", ErrInvalidConnString, p)
}

// foreign counts the events of $all that are not the ledger's: another
// application's streams, an operator's test write, a projection's emitted
// events, events inside the prefix without our marker. They are skipped,
// never handed to the views; each is counted once (readers overlap: several
// views read the same log), and reported in the log: the first ten,
// then with growing gaps (the 16th, 32nd, 64th...), so that a busy
// neighbour cannot flood it.
type foreign struct {
	logger *slog.Logger
	count  atomic.Uint64

	mu           sync.Mutex
	highest      uint64 // the highest position already counted
	lastStream   string
	lastPosition uint64
}

// ForeignStats says what the ledger has skipped in the shared log.
type ForeignStats struct {
	// Count of events outside the ledger's namespace seen so far.
	Count uint64
	// LastStream and LastPosition name the latest of them.
	LastStream   string
	LastPosition uint64
}

func (f *foreign) note(r *esdb.RecordedEvent, why string) {
	pos := r.Position.Commit
	f.mu.Lock()
	if pos <= f.highest {
		f.mu.Unlock()
		return
	}
	f.highest, f.lastStream, f.lastPosition = pos, r.StreamID, pos
	f.mu.Unlock()
	n := f.count.Add(1)
	if n <= 10 || bits.OnesCount64(n) == 1 {
		f.logger.Warn("kurrent: skipped an event outside the ledger's namespace",
			"stream", r.StreamID, "type", r.EventType, "position", pos, "why", why, "skipped_so_far", n)
	}
}

func (f *foreign) stats() ForeignStats {
	f.mu.Lock()
	defer f.mu.Unlock()
	return ForeignStats{Count: f.count.Load(), LastStream: f.lastStream, LastPosition: f.lastPosition}
}

// Foreign reports the events of the shared log this store skipped as not
// the ledger's, for /readyz and /metrics.
func (s *Store) Foreign() ForeignStats { return s.foreign.stats() }

// ours decides whether an event of $all belongs to the ledger, counting
// those that do not. System streams and events ("$...", links included)
// are the node's own and not counted.
func (s *Store) ours(r *esdb.RecordedEvent) ([]byte, bool) {
	if strings.HasPrefix(r.StreamID, "$") || strings.HasPrefix(r.EventType, "$") {
		s.noteMetadata(r)
		return nil, false
	}
	if s.isSide(r.StreamID) {
		return nil, false
	}
	if !strings.HasPrefix(r.StreamID, s.cfg.prefix) {
		s.foreign.note(r, "outside the stream prefix")
		return nil, false
	}
	meta, ok := s.marked(r)
	if !ok {
		s.foreign.note(r, "no ledger marker in its metadata")
	}
	return meta, ok
}

// foreignInStream refuses an event without the ledger's marker inside one
// of its streams: someone wrote into the ledger's namespace. Skipping it
// would leave a gap the next append's expected version runs into for ever;
// handing it over would give the record an event nobody decided.
func (s *Store) foreignInStream(stream string, r *esdb.RecordedEvent) ([]byte, error) {
	if meta, ok := s.marked(r); ok {
		return meta, nil
	}
	s.foreign.note(r, "no ledger marker, inside a ledger stream")
	return nil, fmt.Errorf("read %s: %w: version %d was not written by this ledger (no marker in its metadata): another writer used the ledger's namespace",
		stream, ErrForeignEvent, r.EventNumber+1)
}
