package projections

import (
	"time"
)

// noteLive counts an event the live loop applied and takes a snapshot when
// one is due. It runs between two events, on the live loop's goroutine.
func (r *Runner) noteLive(pos uint64, recordedAt time.Time) {
	s := r.snap
	if s == nil {
		return
	}
	s.clock.note(pos, recordedAt)
	s.since++
	r.snapshotIfDue()
}

// stallBound keeps snapshots from holding the live loop (and so writers
// waiting to read their own write) more than a twentieth of the time: after
// an encode that took d, the next waits at least stallBound*d.
const stallBound = 20

// snapshotIfDue takes a snapshot once Every events or Interval passed since
// the last one. While the previous one is still being written it waits for
// a later event rather than stall the live loop.
func (r *Runner) snapshotIfDue() {
	s := r.snap
	if s == nil || s.since == 0 || s.busy.Load() {
		return
	}
	if s.since < s.opts.Every && time.Since(s.lastAt) < s.opts.Interval {
		return
	}
	if time.Since(s.lastAt) < stallBound*s.lastEncode {
		return // encoding holds the live loop: keep that under 1/stallBound of its time
	}
	r.takeSnapshot()
}

// snapshotOnStop writes a last snapshot of what was applied since the
// previous one, and waits until every snapshot is on disk.
func (r *Runner) snapshotOnStop() {
	s := r.snap
	if s == nil {
		return
	}
	s.writing.Wait()
	if s.since > 0 {
		r.takeSnapshot()
	}
	s.writing.Wait()
}

// takeSnapshot encodes every view at the position they all stand at, then
// writes the file in the background. Encoding holds the live loop (and a
// rebuild's swap) but not queries: views are only read.
func (r *Runner) takeSnapshot() {
	s := r.snap
	for _, sl := range r.slots {
		sl.applyMu.Lock()
	}
	pos, healthy := r.commonPosition()
	h, known := s.clock.header(pos)
	g, gKnown := s.dir.generationAt(pos)
	h.Generation, known = g, known && gKnown
	var bodies []snapshotBody
	var err error
	start := time.Now()
	if healthy && known && pos > s.lastPos {
		views := make([]Projection, len(r.slots))
		for i, sl := range r.slots {
			views[i] = sl.view()
		}
		bodies, err = encodeViews(views)
	}
	for _, sl := range r.slots {
		sl.applyMu.Unlock()
	}
	encoded := time.Since(start)
	s.lastAt, s.since, s.lastEncode = time.Now(), 0, encoded // a failed attempt waits for the next turn too
	switch {
	case !healthy || !known || pos <= s.lastPos:
		s.dir.log.Debug("snapshot skipped: the views do not all stand at one healthy position", "position", pos)
		return
	case err != nil:
		s.dir.log.Warn("snapshot not taken", "position", pos, "err", err)
		return
	case len(bodies) == 0:
		return // no view is a Snapshotter
	}
	s.lastPos = pos
	s.busy.Store(true)
	s.writing.Go(func() {
		defer s.busy.Store(false)
		start := time.Now()
		size, err := s.dir.writeBodies(h, bodies)
		if err != nil {
			s.dir.log.Warn("snapshot not written", "position", pos, "err", err)
			return
		}
		st := SnapshotStats{Position: pos, Bytes: size, Encode: encoded, Write: time.Since(start)}
		s.written.Store(&st)
		s.dir.log.Info("snapshot written", "position", pos, "bytes", size,
			"encode_ms", encoded.Milliseconds(), "write_ms", st.Write.Milliseconds())
	})
}

// commonPosition is the position every view stands at, when they all stand
// at one, none failed and none is being rebuilt.
func (r *Runner) commonPosition() (uint64, bool) {
	var pos uint64
	for i, s := range r.slots {
		p, err := s.prog.get()
		if err != nil || s.rebuilding.Load() || (i > 0 && p != pos) {
			return 0, false
		}
		pos = p
	}
	return pos, len(r.slots) > 0
}
