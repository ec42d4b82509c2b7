package projections

import (
	"sync"
	"sync/atomic"
	"time"
)

// SnapshotOptions say when a Runner writes snapshots of its views.
type SnapshotOptions struct {
	// Every is how many events the live loop applies between two
	// snapshots; zero means DefaultSnapshotEvery.
	Every int
	// Interval writes a snapshot after this much time once any event was
	// applied since the last one; zero means DefaultSnapshotInterval.
	Interval time.Duration
}

// Defaults: a snapshot of a million events' views takes a fraction of a
// second to encode, so one per 100,000 events costs the live loop a few
// per cent at most, and a restart replays at most that tail.
const (
	DefaultSnapshotEvery    = 100_000
	DefaultSnapshotInterval = 10 * time.Minute
)

// UseSnapshots makes Run restore the views from the newest valid snapshot
// in dir and replay only the log after it, and write snapshots as it goes
// and when it stops. Call it before Run.
func (r *Runner) UseSnapshots(dir *Snapshots, opts SnapshotOptions) {
	if opts.Every <= 0 {
		opts.Every = DefaultSnapshotEvery
	}
	if opts.Interval <= 0 {
		opts.Interval = DefaultSnapshotInterval
	}
	r.snap = &runnerSnapshots{dir: dir, opts: opts, lastAt: time.Now()}
}

// runnerSnapshots is the runner's snapshot state. Everything but the clock
// and the writer belongs to the live loop's goroutine.
type runnerSnapshots struct {
	dir        *Snapshots
	opts       SnapshotOptions
	clock      recordedClock
	lastPos    uint64        // position of the newest snapshot written or restored
	lastAt     time.Time     // when it was written
	lastEncode time.Duration // how long encoding it held the live loop
	since      int           // events applied since
	writing    sync.WaitGroup
	busy       atomic.Bool // a snapshot is being written in the background
	started    StartUp
	written    atomic.Pointer[SnapshotStats]
}

// SnapshotStats describe the last snapshot a Runner wrote.
type SnapshotStats struct {
	Position uint64
	Bytes    int64
	Encode   time.Duration // holding the live loop (not queries)
	Write    time.Duration // in the background
}

// LastSnapshot reports the last snapshot written, if any.
func (r *Runner) LastSnapshot() (SnapshotStats, bool) {
	if r.snap == nil || r.snap.written.Load() == nil {
		return SnapshotStats{}, false
	}
	return *r.snap.written.Load(), true
}

// StartUp says how the last Run caught its views up.
type StartUp struct {
	Restored         bool     `json:"restored"`          // views were read from a snapshot
	SnapshotPosition uint64   `json:"snapshot_position"` // where the snapshot stood
	TailEvents       int      `json:"tail_events"`       // events replayed after it (all, without one)
	ReplayedFromZero []string `json:"replayed_from_zero,omitempty"`
}

// recordedClock follows the recorded times of the events applied, for the
// snapshot header: the time of the event at the newest position, and the
// latest of any. Replays and the live loop both feed it, so it locks.
type recordedClock struct {
	mu      sync.Mutex
	lastPos uint64
	last    time.Time
	until   time.Time
}

func (c *recordedClock) Name() string { return "snapshot-clock" }
func (c *recordedClock) Lock()        {}
func (c *recordedClock) Unlock()      {}

func (c *recordedClock) Apply(e *Event) error {
	c.note(e.Position, e.RecordedAt)
	return nil
}

func (c *recordedClock) note(pos uint64, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if pos > c.lastPos {
		c.lastPos, c.last = pos, at
	}
	if at.After(c.until) {
		c.until = at
	}
}

// header is the snapshot header at pos, if the clock has seen that event.
func (c *recordedClock) header(pos uint64) (SnapshotHeader, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return SnapshotHeader{Position: pos, LastRecordedAt: c.last, RecordedUntil: c.until}, c.lastPos == pos
}

// StartedFrom reports how the last Run caught up (zero before it has).
func (r *Runner) StartedFrom() StartUp {
	if r.snap == nil {
		return StartUp{}
	}
	r.startMu.Lock()
	defer r.startMu.Unlock()
	return r.snap.started
}

// Snapshots is where the runner keeps snapshots; nil when it keeps none.
// As-of queries start from them (asof.RecordedFrom).
func (r *Runner) Snapshots() *Snapshots {
	if r.snap == nil {
		return nil
	}
	return r.snap.dir
}
