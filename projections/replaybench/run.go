// Package replaybench measures a full rebuild of every view against a raw
// scan of the same log, in the same run, on a generated embedded store.
package replaybench

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/sqlite"
	"github.com/movementcoord/ledger/eventstore/synthetic"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// Config of a run.
type Config struct {
	Events   int    // events to generate
	Dir      string // an empty directory for the store
	Seed     uint64
	Appender int // concurrent appenders while generating
	// Reuse, when Dir already holds a log, measures that log instead of
	// generating one: a profile or a before/after comparison then does not
	// pay for the generation every run.
	Reuse    bool
	Progress func(phase string)
	// CPUProfile, when set, receives a CPU profile of ProfilePhase (scan or
	// rebuild).
	CPUProfile   io.Writer
	ProfilePhase string
}

// Result is what `ledger bench replay --json` prints.
type Result struct {
	Events            int     `json:"events"`
	GenerateSeconds   float64 `json:"generate_seconds"`
	ScanPerS          float64 `json:"scan_per_s"`
	ScanSeconds       float64 `json:"scan_seconds"`
	RebuildPerS       float64 `json:"rebuild_per_s"`
	RebuildSeconds    float64 `json:"rebuild_seconds"`
	RebuildVsScan     float64 `json:"rebuild_vs_scan"`
	HeapBytesPerEvent float64 `json:"heap_bytes_per_event"`
	// CPU microseconds per event, all goroutines: steadier than the rates
	// when other work shares the machine.
	ScanCPUMicros    float64 `json:"scan_cpu_us_per_event"`
	RebuildCPUMicros float64 `json:"rebuild_cpu_us_per_event"`
	Views            int     `json:"views"`
	GOMAXPROCS       int     `json:"gomaxprocs"`

	scanned int
}

// Run generates the store, scans it, then rebuilds every view from it.
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
	res := Result{GOMAXPROCS: runtime.GOMAXPROCS(0)}
	if !reuse {
		if err := res.generate(ctx, store, cfg); err != nil {
			return res, err
		}
	}
	cfg.Progress("scanning the log")
	if err := profiled(cfg, "scan", func() error { return res.scan(ctx, store) }); err != nil {
		return res, err
	}
	if reuse {
		res.Events = res.scanned
	}
	cfg.Progress("rebuilding every view")
	return res, profiled(cfg, "rebuild", func() error { return res.rebuild(ctx, store) })
}

func (r *Result) generate(ctx context.Context, store *sqlite.Store, cfg Config) error {
	cfg.Progress(fmt.Sprintf("generating %d events", cfg.Events))
	start := time.Now()
	g := synthetic.New(cfg.Seed, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	var err error
	if r.Events, err = synthetic.Fill(ctx, store, g, synthetic.FillOptions{Events: cfg.Events, Workers: max(cfg.Appender, 1)}); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	r.GenerateSeconds = time.Since(start).Seconds()
	return nil
}

// profiled runs one phase, under the CPU profiler when it is the phase cfg
// asks to profile.
func profiled(cfg Config, phase string, run func() error) error {
	if cfg.CPUProfile == nil || cfg.ProfilePhase != phase {
		return run()
	}
	if err := pprof.StartCPUProfile(cfg.CPUProfile); err != nil {
		return err
	}
	defer pprof.StopCPUProfile()
	return run()
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// scan reads every event and decodes nothing: the floor a rebuild stands
// on. It reads the way a rebuild does, lent events when the store lends them
// (see eventstore.Lender), else ReadAll's.
func (r *Result) scan(ctx context.Context, store eventstore.Store) error {
	start, cpu := time.Now(), CPUTime()
	n, err := count(ctx, store)
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	r.ScanSeconds, r.scanned = time.Since(start).Seconds(), n
	r.ScanPerS = float64(n) / r.ScanSeconds
	r.ScanCPUMicros = float64((CPUTime() - cpu).Microseconds()) / float64(max(n, 1))
	return nil
}

func (r *Result) rebuild(ctx context.Context, store eventstore.Store) error {
	runtime.GC()
	before := heapInUse()
	set := readmodel.NewSet()
	start, cpu := time.Now(), CPUTime()
	res, err := projections.Replay(ctx, store, projections.ReplayOptions{}, set.All()...)
	if err != nil {
		return fmt.Errorf("rebuild: %w", err)
	}
	r.RebuildSeconds = time.Since(start).Seconds()
	r.RebuildCPUMicros = float64((CPUTime() - cpu).Microseconds()) / float64(max(res.Events, 1))
	for _, v := range res.Views {
		if v.Err != nil {
			return fmt.Errorf("rebuild: %w", v.Err)
		}
	}
	r.RebuildPerS = float64(res.Events) / r.RebuildSeconds
	r.RebuildVsScan = r.RebuildPerS / r.ScanPerS
	runtime.GC()
	r.HeapBytesPerEvent = float64(heapInUse()-before) / float64(max(res.Events, 1))
	r.Views = len(set.All())
	runtime.KeepAlive(set)
	return nil
}

func count(ctx context.Context, store eventstore.Store) (int, error) {
	n := 0
	if l, ok := store.(eventstore.Lender); ok {
		for _, err := range l.LendAll(ctx, 0, 0) {
			if err != nil {
				return n, err
			}
			n++
		}
		return n, nil
	}
	for _, err := range store.ReadAll(ctx, 0, 0) {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func heapInUse() int64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
