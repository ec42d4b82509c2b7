// Package restartbench measures how long the views of `ledger serve` take
// to be ready (what /readyz reports) after a start on a log of many events:
// replaying the whole log without a snapshot, reading the newest snapshot
// with nothing after it, and reading it then replaying a tail of events
// written since. All three run in the same process on the same log.
package restartbench

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/sqlite"
	"github.com/movementcoord/ledger/eventstore/synthetic"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/readmodel"
	"github.com/movementcoord/ledger/projections/replaybench"
)

// Config of a run.
type Config struct {
	Events   int    // events to generate
	Tail     int    // events appended after the snapshot (at least this many)
	Dir      string // the store's directory; snapshots go in Dir/snapshots
	Seed     uint64
	Appender int  // concurrent appenders while generating
	Reuse    bool // measure the log already in Dir (each run appends a tail to it)
	// Sealed seals the snapshots as `ledger serve` does, with keys from a
	// key store file in Dir/snapshot-keys (made afresh on each run).
	Sealed   bool
	Progress func(phase string)
}

// Result is what `ledger bench restart --json` prints.
type Result struct {
	Events          int     `json:"events"`
	GenerateSeconds float64 `json:"generate_seconds"`
	// ColdReadySeconds: start to ready with no snapshot, the whole log replayed.
	ColdReadySeconds float64 `json:"cold_ready_seconds"`
	ColdCPUSeconds   float64 `json:"cold_cpu_seconds"`
	// The snapshot written when that runner stopped.
	SnapshotBytes         int64   `json:"snapshot_bytes"`
	SnapshotBytesPerEvent float64 `json:"snapshot_bytes_per_event"`
	SnapshotEncodeSeconds float64 `json:"snapshot_encode_seconds"` // holds the live loop, not queries
	SnapshotWriteSeconds  float64 `json:"snapshot_write_seconds"`  // in the background
	// WarmReadySeconds: start to ready from the snapshot, nothing after it.
	WarmReadySeconds float64 `json:"warm_ready_seconds"`
	WarmCPUSeconds   float64 `json:"warm_cpu_seconds"`
	WarmVsCold       float64 `json:"warm_vs_cold"`
	// TailReadySeconds: start to ready from the snapshot plus TailEvents.
	TailEvents       int     `json:"tail_events"`
	TailReadySeconds float64 `json:"tail_ready_seconds"`
	// ReplayedFromZero names the views that are not Snapshotters: they
	// replay the whole log on every start.
	ReplayedFromZero []string `json:"replayed_from_zero,omitempty"`
	Views            int      `json:"views"`
	Sealed           bool     `json:"sealed"`
	GOMAXPROCS       int      `json:"gomaxprocs"`
}

// Run generates (or reuses) the store and measures the three starts.
func Run(ctx context.Context, cfg Config) (Result, error) {
	if cfg.Progress == nil {
		cfg.Progress = func(string) {}
	}
	reuse := cfg.Reuse && exists(filepath.Join(cfg.Dir, sqlite.FileName))
	store, err := sqlite.Open(ctx, cfg.Dir)
	if err != nil {
		return Result{}, fmt.Errorf("open store: %w", err)
	}
	defer store.Close()
	res := Result{GOMAXPROCS: runtime.GOMAXPROCS(0), Views: len(readmodel.Factories())}
	if !reuse {
		start := time.Now()
		cfg.Progress(fmt.Sprintf("generating %d events", cfg.Events))
		if _, err := fill(ctx, store, cfg.Seed, cfg.Events, cfg.Appender); err != nil {
			return res, err
		}
		res.GenerateSeconds = time.Since(start).Seconds()
	}
	snapDir := filepath.Join(cfg.Dir, "snapshots")
	if err := os.RemoveAll(snapDir); err != nil {
		return res, err
	}
	snaps, err := projections.OpenSnapshots(snapDir, nil)
	if err != nil {
		return res, err
	}
	if cfg.Sealed {
		keys, err := sealWithFreshKeys(ctx, snaps, filepath.Join(cfg.Dir, "snapshot-keys"))
		if err != nil {
			return res, err
		}
		defer keys.Close()
	}
	res.Sealed = snaps.Sealed()
	return res, res.measure(ctx, store, snaps, cfg)
}

func (r *Result) measure(ctx context.Context, store *sqlite.Store, snaps *projections.Snapshots, cfg Config) error {
	cfg.Progress("cold start: replaying the whole log")
	cold, err := start(ctx, store, snaps)
	if err != nil {
		return err
	}
	r.Events, r.ColdReadySeconds, r.ColdCPUSeconds = cold.started.TailEvents, cold.ready.Seconds(), cold.cpu.Seconds()
	st, ok := cold.snapshot()
	if !ok {
		return fmt.Errorf("no snapshot was written at shutdown")
	}
	r.SnapshotBytes, r.SnapshotEncodeSeconds, r.SnapshotWriteSeconds = st.Bytes, st.Encode.Seconds(), st.Write.Seconds()
	r.SnapshotBytesPerEvent = float64(st.Bytes) / float64(max(r.Events, 1))

	cfg.Progress("warm start: from the snapshot")
	warm, err := start(ctx, store, snaps)
	if err != nil {
		return err
	}
	warm.snapshot()
	r.WarmReadySeconds, r.WarmCPUSeconds = warm.ready.Seconds(), warm.cpu.Seconds()
	r.WarmVsCold = r.WarmReadySeconds / r.ColdReadySeconds
	r.ReplayedFromZero = warm.started.ReplayedFromZero
	if !warm.started.Restored {
		return fmt.Errorf("the warm start did not restore the snapshot")
	}

	cfg.Progress(fmt.Sprintf("appending a tail of %d events", cfg.Tail))
	if _, err := fill(ctx, store, cfg.Seed+uint64(time.Now().UnixNano()), cfg.Tail, cfg.Appender); err != nil { // new records on every run, also on a reused log
		return err
	}
	cfg.Progress("warm start: from the snapshot plus the tail")
	tail, err := start(ctx, store, snaps)
	if err != nil {
		return err
	}
	tail.snapshot()
	r.TailEvents, r.TailReadySeconds = tail.started.TailEvents, tail.ready.Seconds()
	return nil
}

// started is one start of the views, stopped once ready.
type started struct {
	runner  *projections.Runner
	ready   time.Duration
	cpu     time.Duration
	started projections.StartUp
	stop    func()
}

// start runs the views until they are ready, as /readyz would see them.
func start(ctx context.Context, store eventstore.Store, snaps *projections.Snapshots) (*started, error) {
	runtime.GC()
	ctx, cancel := context.WithCancel(ctx)
	t0, cpu0 := time.Now(), replaybench.CPUTime()
	r := readmodel.NewRunner(store)
	r.UseSnapshots(snaps, projections.SnapshotOptions{Every: math.MaxInt, Interval: time.Duration(math.MaxInt64)})
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	for !r.Ready() {
		select {
		case err := <-done:
			cancel()
			return nil, fmt.Errorf("the views stopped before they were ready: %v", err)
		case <-time.After(time.Millisecond):
		}
	}
	s := &started{runner: r, ready: time.Since(t0), cpu: replaybench.CPUTime() - cpu0, started: r.StartedFrom()}
	s.stop = func() { cancel(); <-done }
	return s, nil
}

// snapshot stops the views, which writes a snapshot of what they applied
// since the last one, and reports it.
func (s *started) snapshot() (projections.SnapshotStats, bool) {
	s.stop()
	return s.runner.LastSnapshot()
}

func fill(ctx context.Context, store eventstore.Store, seed uint64, events, appenders int) (int, error) {
	g := synthetic.New(seed, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	n, err := synthetic.Fill(ctx, store, g, synthetic.FillOptions{Events: events, Workers: max(appenders, 1)})
	if err != nil {
		return n, fmt.Errorf("generate: %w", err)
	}
	return n, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
