package projections

import (
	"errors"
	"fmt"
	"math/bits"
	"os"
	"sync"
)

// keepRecent is how many of the newest snapshots are always kept. Of the
// older ones, one per doubling of age (in positions behind the newest) is
// kept, the oldest of each, so that as-of queries far back still find a
// snapshot near their date while the directory holds a few dozen at most.
const keepRecent = 4

// encodeViews encodes the state of every Snapshotter among views, in
// parallel. Nothing may apply events to them meanwhile; queries may run.
func encodeViews(views []Projection) ([]snapshotBody, error) {
	bodies := make([]snapshotBody, len(views))
	errs := make([]error, len(views))
	var wg sync.WaitGroup
	for i, v := range views {
		sn, ok := v.(Snapshotter)
		if !ok {
			continue
		}
		wg.Go(func() {
			b := newBlocks()
			if err := sn.WriteSnapshot(b); err != nil {
				errs[i] = fmt.Errorf("snapshot %s: %w", v.Name(), err)
				return
			}
			bodies[i] = newSnapshotBody(v.Name(), sn.SnapshotVersion(), b)
		})
	}
	wg.Wait()
	out := bodies[:0]
	for i, b := range bodies {
		if _, ok := views[i].(Snapshotter); ok {
			out = append(out, b)
		}
	}
	return out, errors.Join(errs...)
}

// Write encodes views and writes them as the snapshot at h.Position, then
// thins the older snapshots. Nothing may apply events to views meanwhile.
func (s *Snapshots) Write(h SnapshotHeader, views []Projection) (bytes int64, err error) {
	bodies, err := encodeViews(views)
	if err != nil {
		return 0, err
	}
	return s.writeBodies(h, bodies)
}

func (s *Snapshots) writeBodies(h SnapshotHeader, bodies []snapshotBody) (int64, error) {
	if h.Position == 0 {
		return 0, fmt.Errorf("snapshot: nothing to write at position zero")
	}
	if err := writeSnapshotFile(s.path(h.Position), h, bodies, s.sealerFor(h)); err != nil {
		return 0, fmt.Errorf("snapshot: %w", err)
	}
	s.thin()
	s.retireAfterWrite(h)
	st, err := os.Stat(s.path(h.Position))
	if err != nil {
		return 0, fmt.Errorf("snapshot: %w", err)
	}
	return st.Size(), nil
}

// thin removes the snapshots not worth keeping (see keepRecent).
func (s *Snapshots) thin() {
	all := s.positions()
	if len(all) <= keepRecent {
		return
	}
	newest, older := all[0], all[keepRecent:]
	kept := map[int]bool{}
	for i := len(older) - 1; i >= 0; i-- { // oldest first
		pos := older[i]
		age := bits.Len64(newest - pos)
		if !kept[age] {
			kept[age] = true
			continue
		}
		if err := os.Remove(s.path(pos)); err != nil {
			s.log.Warn("snapshots: cannot remove", "file", s.path(pos), "err", err)
		}
	}
}
