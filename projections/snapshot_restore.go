package projections

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"sync"

	"github.com/movementcoord/ledger/eventstore"
)

// Restored says what Restore filled from a snapshot.
type Restored struct {
	Header SnapshotHeader
	// FromSnapshot[i] is true when views[i] holds the snapshot's state at
	// Header.Position; the others (views that are not Snapshotters) are
	// empty and must be replayed from the start of the log.
	FromSnapshot []bool
}

// Restore fills fresh instances from the newest snapshot that pick accepts
// (nil accepts any) and that passes every check: header and body hashes,
// each view's SnapshotVersion, the same set of views, and the store holding
// the event the snapshot ends with. A snapshot that fails is discarded with
// a log line and the next older one is tried. ok is false when none served:
// the caller replays from zero. The error is a failed read of the store.
func (s *Snapshots) Restore(ctx context.Context, store eventstore.Store, fresh func() []Projection,
	pick func(SnapshotHeader) bool) (views []Projection, res Restored, ok bool, err error) {
	for _, pos := range s.positions() {
		h, err := s.Header(pos)
		if errors.Is(err, fs.ErrNotExist) {
			continue // thinned out since it was listed
		}
		if err != nil {
			s.discard(pos, err)
			continue
		}
		if h.Generation < s.currentGeneration() || pick != nil && !pick(h) {
			continue // older than an erasure (being retired), or not asked for
		}
		views = fresh()
		res, err = s.restoreOne(ctx, store, pos, views)
		if errors.Is(err, errBadSnapshot) {
			s.discard(pos, err)
			continue
		}
		if err != nil {
			return nil, Restored{}, false, err
		}
		return views, res, true, nil
	}
	return nil, Restored{}, false, nil
}

func (s *Snapshots) restoreOne(ctx context.Context, store eventstore.Store, pos uint64, views []Projection) (Restored, error) {
	h, bodies, err := s.read(pos)
	if err != nil {
		return Restored{}, fmt.Errorf("%w: %w", errBadSnapshot, err)
	}
	if err := checkViews(h, views); err != nil {
		return Restored{}, err
	}
	if err := checkStoreHolds(ctx, store, h); err != nil {
		return Restored{}, err
	}
	from, err := decodeBodies(views, h, bodies)
	if err != nil {
		return Restored{}, err
	}
	return Restored{Header: h, FromSnapshot: from}, nil
}

// checkViews requires the snapshot to hold exactly the views that are
// Snapshotters, each at the version the code writes.
func checkViews(h SnapshotHeader, views []Projection) error {
	want := map[string]uint32{}
	for _, v := range views {
		if sn, ok := v.(Snapshotter); ok {
			want[v.Name()] = sn.SnapshotVersion()
		}
	}
	for _, e := range h.Views {
		ver, known := want[e.Name]
		switch {
		case !known:
			return fmt.Errorf("%w: unknown view %q", errBadSnapshot, e.Name)
		case ver != e.Version:
			return fmt.Errorf("%w: view %q is at version %d, the code at %d", errBadSnapshot, e.Name, e.Version, ver)
		}
		delete(want, e.Name)
	}
	for name := range want {
		return fmt.Errorf("%w: view %q is missing", errBadSnapshot, name)
	}
	return nil
}

// checkStoreHolds makes sure the snapshot is of this log: the store has
// the event the snapshot ends with, recorded at the same time. A log
// restored from an older backup, or another store, fails it.
func checkStoreHolds(ctx context.Context, store eventstore.Store, h SnapshotHeader) error {
	if h.Position == 0 {
		return fmt.Errorf("%w: position zero", errBadSnapshot)
	}
	for rec, err := range store.ReadAll(ctx, h.Position-1, 1) {
		if err != nil {
			return fmt.Errorf("check the snapshot's last event: %w", err)
		}
		if rec.Position == h.Position && rec.RecordedAt.Equal(h.LastRecordedAt) {
			return nil
		}
	}
	return fmt.Errorf("%w: the store does not hold its last event (position %d, recorded %s)",
		errBadSnapshot, h.Position, h.LastRecordedAt)
}

// decodeBodies checks each view's body against its checksum and reads it into
// the view, the views in parallel.
func decodeBodies(views []Projection, h SnapshotHeader, bodies map[string][]byte) ([]bool, error) {
	sums := map[string][crc32.Size]byte{}
	for _, e := range h.Views {
		sums[e.Name] = e.Sum
	}
	from := make([]bool, len(views))
	errs := make([]error, len(views))
	var wg sync.WaitGroup
	for i, v := range views {
		sn, ok := v.(Snapshotter)
		if !ok {
			continue
		}
		from[i] = true
		wg.Go(func() {
			body := bodies[v.Name()]
			if bodySum(body) != sums[v.Name()] {
				errs[i] = fmt.Errorf("%w: %s: the body's hash differs", errBadSnapshot, v.Name())
				return
			}
			if err := sn.ReadSnapshot(bytes.NewReader(body)); err != nil {
				errs[i] = fmt.Errorf("%w: %s: %w", errBadSnapshot, v.Name(), err)
			}
		})
	}
	wg.Wait()
	return from, errors.Join(errs...)
}
