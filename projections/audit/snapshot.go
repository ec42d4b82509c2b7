package audit

import (
	"fmt"
	"io"
)

// SnapshotVersion is the version of the trail's snapshot. Bump it whenever
// the state the trail keeps, the way Apply folds an event, or the encoding
// of snapshot_*.go changes: an older snapshot is then discarded and the
// trail replayed instead of read into a trail that would fold differently.
const SnapshotVersion uint32 = 1

// snapshotMagic opens the trail's snapshot, so that another view's is
// refused even when its version number happens to match.
const snapshotMagic = "ledger.audit"

// SnapshotVersion implements projections.Snapshotter.
func (*Trail) SnapshotVersion() uint32 { return SnapshotVersion }

// WriteSnapshot writes the trail's state: the interned tables, the records
// and the entries in chunks. What Apply derives from them (indexes by id, the
// chains through a record's and an operation's entries, corrected-by links)
// is not written: ReadSnapshot rebuilds it in one pass.
//
// It takes no lock: the runner calls it when no Apply runs (see
// projections.Snapshotter), and may hold the write lock while it does.
func (t *Trail) WriteSnapshot(w io.Writer) error {
	sw := &sectionWriter{w: w}
	ix := t.snapshotIndex()
	steps := []func(*sectionWriter, *snapshotIndex) error{
		t.writeHeader, t.writeTables, t.writeStreams, t.writeEntries, t.writeCorrections,
	}
	for _, step := range steps {
		if err := step(sw, ix); err != nil {
			return fmt.Errorf("audit snapshot: %w", err)
		}
	}
	return nil
}

// ReadSnapshot fills a fresh trail from what WriteSnapshot wrote. An error
// leaves it unusable.
func (t *Trail) ReadSnapshot(r io.Reader) error {
	sr := &sectionReader{r: r}
	rd := &snapshotReader{}
	steps := []func(*sectionReader, *snapshotReader) error{
		t.readHeader, t.readTables, t.readStreams, t.readEntries, t.readCorrections,
	}
	for _, step := range steps {
		if err := step(sr, rd); err != nil {
			return fmt.Errorf("audit snapshot: %w", err)
		}
	}
	t.rebuildIndexes()
	return nil
}
