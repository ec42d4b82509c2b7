package projections

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/personal"
	"github.com/movementcoord/ledger/eventstore"
)

// erasureGenerations counts the person erasures in the log up to the
// position it has seen: the views' erasure generation, which names the key
// a snapshot at that position is sealed with. Replays and the live loop
// both feed it, each event counted once (a rebuild from zero goes over
// positions already counted), so it locks.
type erasureGenerations struct {
	mu  sync.Mutex
	pos uint64 // the newest position counted
	n   uint64 // erasures up to pos
}

func (g *erasureGenerations) Name() string { return "snapshot-generation" }
func (g *erasureGenerations) Lock()        {}
func (g *erasureGenerations) Unlock()      {}

func (g *erasureGenerations) Apply(e *Event) error {
	g.note(e.Position, isErasure(e))
	return nil
}

// note counts the event at pos; it reports whether it moved to a new
// generation.
func (g *erasureGenerations) note(pos uint64, erasure bool) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if pos <= g.pos {
		return false
	}
	g.pos = pos
	if erasure {
		g.n++
	}
	return erasure
}

// at is the generation at pos, if pos is the newest position counted.
func (g *erasureGenerations) at(pos uint64) (uint64, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.n, g.pos == pos
}

func (g *erasureGenerations) current() uint64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.n
}

// restart starts counting again from a snapshot's header.
func (g *erasureGenerations) restart(h SnapshotHeader) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.pos, g.n = h.Position, h.Generation
}

// isErasure is the views' test (views.erased): a person's erasure.
func isErasure(e *Event) bool {
	_, ok := e.Payload.(domain.PersonErased)
	return ok && e.Ref.Kind == domain.KindPerson
}

// isErasureRecord is isErasure for a stored event, decoding only those whose
// type may be an erasure.
func isErasureRecord(rec *eventstore.RecordedEvent) bool {
	if !strings.HasPrefix(rec.Type, "person.erased.") {
		return false
	}
	e, err := Decode(rec)
	return err == nil && isErasure(&e)
}

// generationTarget is what a replay feeds besides the views, so the
// generation at the replay's end is known; nil without sealing.
func (r *Runner) generationTarget() []Projection {
	if r.snap == nil || r.snap.dir.seal == nil {
		return nil
	}
	return []Projection{&r.snap.dir.seal.gens}
}

// generationAt is the erasure generation of a snapshot at pos (zero
// without sealing), and whether it is known.
func (s *Snapshots) generationAt(pos uint64) (uint64, bool) {
	if s.seal == nil {
		return 0, true
	}
	return s.seal.gens.at(pos)
}

// restartGenerations counts from the restored snapshot's generation.
func (s *Snapshots) restartGenerations(h SnapshotHeader) {
	if s.seal != nil {
		s.seal.gens.restart(h)
	}
}

// noteGeneration counts the event the live loop just applied. When it is a
// person's erasure, a snapshot is taken at once (not after Every events),
// under the new generation's key; once it is on disk the older generations
// are retired (retire). It runs before noteLive, so that a snapshot due at
// this position knows its generation.
//
// A rebuild running meanwhile may have counted the erasure first (it reads
// ahead of the live loop): the generation, not this event, is what tells.
func (r *Runner) noteGeneration(rec *eventstore.RecordedEvent) {
	if r.snap == nil || r.snap.dir.seal == nil {
		return
	}
	seal := r.snap.dir.seal
	seal.gens.note(rec.Position, isErasureRecord(rec))
	if seal.gens.current() > seal.prompted {
		r.snap.clock.note(rec.Position, rec.RecordedAt)
		r.snapshotNewGeneration()
	}
}

// snapshotNewGeneration retires the generations older than the views' own
// when that was not done yet: after an erasure, taking a snapshot of the
// new generation first (retire runs once it is on disk), and once after a
// start (what an earlier process left). When no snapshot can be taken (a
// view failed), the older generations are retired all the same: a start
// then replays the log, but no erased person stays readable in a snapshot
// for want of a newer one.
func (r *Runner) snapshotNewGeneration() {
	s := r.snap
	if s == nil || s.dir.seal == nil {
		return
	}
	seal := s.dir.seal
	g := seal.gens.current()
	seal.prompted = g
	if g == 0 || !seal.due(g) {
		return
	}
	s.writing.Wait()
	if g <= seal.onDisk.Load() { // a snapshot of generation g is on disk already
		s.writing.Go(func() { s.dir.retire(g) })
		return
	}
	before := s.lastPos
	r.takeSnapshot()
	if s.lastPos == before { // not taken: nothing will retire after it
		s.writing.Go(func() { s.dir.retire(g) })
	}
}

// due reports whether generation g's elders are still to retire.
func (seal *snapshotSeal) due(g uint64) bool {
	seal.retireMu.Lock()
	defer seal.retireMu.Unlock()
	return !seal.swept || g > seal.retired
}

// retireAfterWrite retires the generations older than that of the snapshot
// just written, when that is still to do.
func (s *Snapshots) retireAfterWrite(h SnapshotHeader) {
	if s.seal != nil && h.Generation > 0 && s.seal.due(h.Generation) {
		s.retire(h.Generation)
	}
}

// retire makes every generation older than g unreadable, once a snapshot of
// generation g is on disk (or none can be taken): it removes their files
// (and any in clear), then erases their keys, so that a copy of a file made
// earlier is unreadable too. A key that cannot be erased now is tried again
// at the next retire. The first retire of a process erases every older
// generation's key, from zero: whatever an earlier process left.
func (s *Snapshots) retire(g uint64) {
	seal := s.seal
	seal.retireMu.Lock()
	defer seal.retireMu.Unlock()
	seal.onDisk.Store(max(seal.onDisk.Load(), g))
	for _, pos := range s.positions() {
		if h, err := s.Header(pos); err != nil || h.Generation < g {
			if err := os.Remove(s.path(pos)); err != nil && !os.IsNotExist(err) {
				s.log.Warn("snapshots: cannot remove an older generation", "file", s.path(pos), "err", err)
			}
		}
	}
	if !seal.swept {
		seal.retired = 0
	}
	for ; seal.retired < g; seal.retired++ {
		if _, err := seal.keys.Key(context.Background(), seal.retired); errors.Is(err, personal.ErrErased) {
			continue // a read, where an erasure is a write: later starts sweep cheaply
		}
		if err := seal.keys.Erase(context.Background(), seal.retired); err != nil {
			s.log.Warn("snapshots: cannot erase an older generation's key yet", "generation", seal.retired, "err", err)
			return
		}
	}
	seal.swept = true
	s.log.Info("snapshots: older generations retired", "generation", g)
}
