package projections

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sync"
)

// keepRecent is how many of the newest snapshots are always kept; older
// ones are thinned so that each kept one is at most half the position of
// the next newer, which leaves a few far apart for as-of queries.
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
			var b bytes.Buffer
			if err := sn.WriteSnapshot(&b); err != nil {
				errs[i] = fmt.Errorf("snapshot %s: %w", v.Name(), err)
				return
			}
			bodies[i] = newSnapshotBody(v.Name(), sn.SnapshotVersion(), b.Bytes())
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
	if err := writeSnapshotFile(s.path(h.Position), h, bodies); err != nil {
		return 0, fmt.Errorf("snapshot: %w", err)
	}
	s.thin()
	st, err := os.Stat(s.path(h.Position))
	if err != nil {
		return 0, fmt.Errorf("snapshot: %w", err)
	}
	return st.Size(), nil
}

// thin removes the snapshots not worth keeping: all but the newest
// keepRecent, and of the older ones each whose position is more than half
// the last one kept.
func (s *Snapshots) thin() {
	kept := uint64(0)
	for i, pos := range s.positions() {
		if i < keepRecent || pos <= kept/2 {
			kept = pos
			continue
		}
		if err := os.Remove(s.path(pos)); err != nil {
			s.log.Warn("snapshots: cannot remove", "file", s.path(pos), "err", err)
		}
	}
}
