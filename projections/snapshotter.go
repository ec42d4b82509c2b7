package projections

import "io"

// Snapshotter is a view whose state can be written out and read back, so a
// restart (or an as-of query) starts from the nearest snapshot and replays
// only the tail of the log instead of all of it.
//
// A snapshot is never trusted: the runner discards it, and replays from
// zero, when its hash or the view's SnapshotVersion differs from the code's.
type Snapshotter interface {
	Projection
	// SnapshotVersion names the shape of the written state and the meaning
	// of Apply. Bump it whenever either changes, so that an older snapshot
	// is discarded rather than read into a view that would fold differently.
	SnapshotVersion() uint32
	// WriteSnapshot writes the whole state. The runner calls it between two
	// events, when no Apply runs; queries may run concurrently (read only).
	WriteSnapshot(w io.Writer) error
	// ReadSnapshot fills a fresh, empty instance from what WriteSnapshot
	// wrote. An error leaves the instance unusable: the caller discards it.
	ReadSnapshot(r io.Reader) error
}
