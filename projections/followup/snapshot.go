package followup

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"maps"
	"slices"

	"github.com/google/uuid"
)

// SnapshotVersion is the version of the view's snapshot. Bump it whenever
// the state the view keeps, the way Apply folds an event, or the encoding
// of snapshot*.go changes: an older snapshot is then discarded and the view
// replayed instead of read into a view that would fold differently.
const SnapshotVersion uint32 = 4 // 2: the reminders not yet delivered (writeOwed); 3, 4: with when each was recorded, and its channel

// snapshotMagic opens the view's snapshot, so that another view's is
// refused even when its version number happens to match.
const snapshotMagic = "ledger.followup"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// SnapshotVersion implements projections.Snapshotter.
func (*View) SnapshotVersion() uint32 { return SnapshotVersion }

// WriteSnapshot writes the view's state, each map in key order so that the
// same state writes the same bytes. The reminders' keys are not written:
// ReadSnapshot makes them again from the reminders.
//
// It takes no lock: the runner calls it when no Apply runs (see
// projections.Snapshotter), and may hold the write lock while it does.
func (v *View) WriteSnapshot(w io.Writer) error {
	e := &enc{b: make([]byte, 8, 4096+80*v.sentCount())} // the body's length first, filled in below
	e.str(snapshotMagic)
	v.writeRules(e)
	v.writeSent(e)
	v.writePeople(e)
	v.writeFeeds(e)
	v.writeOwed(e)
	binary.LittleEndian.PutUint64(e.b, uint64(len(e.b)-8))
	e.b = binary.LittleEndian.AppendUint32(e.b, crc32.Checksum(e.b[8:], castagnoli))
	if _, err := w.Write(e.b); err != nil {
		return fmt.Errorf("followup snapshot: %w", err)
	}
	return nil
}

// ReadSnapshot fills a fresh view from what WriteSnapshot wrote. An error
// leaves it unusable.
func (v *View) ReadSnapshot(r io.Reader) error {
	body, err := readBody(r)
	if err != nil {
		return fmt.Errorf("followup snapshot: %w", err)
	}
	d := &dec{b: body, words: map[string]string{}}
	if magic := d.str(); d.err == nil && magic != snapshotMagic {
		return fmt.Errorf("followup snapshot: %w: not the follow-up view's (%q)", errCorrupt, magic)
	}
	v.readRules(d)
	v.readSent(d)
	v.readPeople(d)
	v.readFeeds(d)
	v.readOwed(d)
	if err := d.done(); err != nil {
		return fmt.Errorf("followup snapshot: %w", err)
	}
	return nil
}

func (v *View) sentCount() int {
	n := 0
	for _, list := range v.sent {
		n += len(list)
	}
	return n
}

// readBody reads the length, the body and its CRC, and nothing after them.
// The buffer grows as bytes arrive, so a corrupt length allocates no more
// than what is there.
func readBody(r io.Reader) ([]byte, error) {
	var head [8]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return nil, truncated(err)
	}
	n := binary.LittleEndian.Uint64(head[:])
	if n > 1<<40 {
		return nil, fmt.Errorf("%w: a body of %d bytes", errCorrupt, n)
	}
	var buf bytes.Buffer
	if _, err := io.CopyN(&buf, r, int64(n)+4); err != nil {
		return nil, truncated(err)
	}
	body := buf.Bytes()[:n]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(buf.Bytes()[n:]) {
		return nil, fmt.Errorf("%w: checksum mismatch", errCorrupt)
	}
	return body, nil
}

func truncated(err error) error {
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: truncated: %w", errCorrupt, io.ErrUnexpectedEOF)
	}
	return err
}

// sortedKeys are a map's keys in order, for a snapshot that does not
// depend on the order a map is walked in.
func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K { return slices.Sorted(maps.Keys(m)) }

func sortedIDs[V any](m map[uuid.UUID]V) []uuid.UUID {
	return slices.SortedFunc(maps.Keys(m), func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
}
