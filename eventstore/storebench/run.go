package storebench

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

// Config sets how long each phase runs and how large events are.
type Config struct {
	Phase      time.Duration // per measured phase; default 2 s
	EventBytes int           // data plus metadata of each event; default 1 KiB
	ScanEvents int64         // events in the log before the scan; default 200,000
	Progress   func(phase string)
}

func (c *Config) defaults() {
	if c.Phase <= 0 {
		c.Phase = 2 * time.Second
	}
	if c.EventBytes <= 0 {
		c.EventBytes = 1024
	}
	if c.ScanEvents <= 0 {
		c.ScanEvents = 200_000
	}
	if c.Progress == nil {
		c.Progress = func(string) {}
	}
}

// Run measures every figure on a fresh store in dir (which should be empty
// and on the disk to be measured).
func Run(ctx context.Context, dir string, cfg Config) (Result, error) {
	cfg.defaults()
	r := Result{EventBytes: cfg.EventBytes, PhaseSeconds: cfg.Phase.Seconds()}
	var err error
	cfg.Progress("fsync reference")
	if r.FsyncPerS, err = measureFsync(ctx, dir, cfg.Phase); err != nil {
		return r, fmt.Errorf("fsync reference: %w", err)
	}
	store, err := sqlite.Open(ctx, dir)
	if err != nil {
		return r, err
	}
	defer store.Close()
	b := bench{store: store, cfg: cfg}
	steps := []struct {
		name string
		run  func(context.Context) error
	}{
		{"single writer", func(ctx context.Context) (err error) { r.SinglePerS, err = b.writers(ctx, 1, 1); return }},
		{"16 writers", func(ctx context.Context) (err error) { r.Writers16PerS, err = b.writers(ctx, 16, 1); return }},
		{"128 writers", func(ctx context.Context) (err error) {
			before := store.Stats()
			r.Writers128PerS, err = b.writers(ctx, 128, 1)
			r.SyncsPerGroup, r.EventsPerGroup = groupFigures(before, store.Stats())
			return
		}},
		{"100-event batches", func(ctx context.Context) (err error) { r.Batch100PerS, err = b.writers(ctx, 1, 100); return }},
		{"fill for scan", func(ctx context.Context) error { return b.fill(ctx, cfg.ScanEvents) }},
		{"scan", func(ctx context.Context) (err error) { r.ScanPerS, r.ScanEvents, err = b.scan(ctx); return }},
	}
	for _, s := range steps {
		cfg.Progress(s.name)
		if err := s.run(ctx); err != nil {
			return r, fmt.Errorf("%s: %w", s.name, err)
		}
	}
	total := store.Stats()
	r.Groups, r.Checkpoints = total.Groups, total.Checkpoints
	cfg.Progress("sealed appends, unsigned and signed")
	if r.Signed, err = runSigned(ctx, dir, cfg); err != nil {
		return r, fmt.Errorf("signed: %w", err)
	}
	return r, nil
}

// groupFigures: with WAL and synchronous=FULL SQLite syncs the WAL once per
// commit (the writer commits once per group) and a checkpoint that copies
// pages syncs the WAL and the database file. The README shows this count
// checked against strace.
func groupFigures(before, after sqlite.Stats) (syncsPerGroup, eventsPerGroup float64) {
	groups := after.Groups - before.Groups
	if groups == 0 {
		return 0, 0
	}
	syncs := groups + 2*(after.Checkpoints-before.Checkpoints)
	return float64(syncs) / float64(groups), float64(after.Events-before.Events) / float64(groups)
}

type bench struct {
	store *sqlite.Store
	cfg   Config
}

// writers runs n goroutines, each appending batch-sized appends to its own
// stream for one phase, and returns events per second.
func (b bench) writers(ctx context.Context, n, batch int) (float64, error) {
	ctx, cancel := context.WithTimeout(ctx, b.cfg.Phase)
	defer cancel()
	var total atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	start := time.Now()
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stream := "bench-" + uuid.NewString()
			for v := uint64(0); ctx.Err() == nil; v += uint64(batch) {
				if _, err := b.store.Append(ctx, stream, eventstore.Exact(v), b.events(batch)...); err != nil {
					if ctx.Err() == nil {
						once.Do(func() { firstErr = err })
					}
					return
				}
				total.Add(int64(batch))
			}
		}()
	}
	wg.Wait()
	return perSecond(total.Load(), time.Since(start)), firstErr
}

func (b bench) events(n int) []eventstore.EventData {
	out := make([]eventstore.EventData, n)
	meta := make([]byte, 200)
	data := make([]byte, b.cfg.EventBytes-len(meta))
	for i := range out {
		out[i] = eventstore.EventData{ID: uuid.Must(uuid.NewV7()), Type: "bench.recorded.v1", Data: data, Metadata: meta}
	}
	return out
}

// fill tops the log up to n events with concurrent batches, quickly.
func (b bench) fill(ctx context.Context, n int64) error {
	var have int64
	for range b.store.ReadAll(ctx, 0, 0) {
		have++
	}
	stream := "fill-" + uuid.NewString()
	for v := uint64(0); have < n; v += 500 {
		if _, err := b.store.Append(ctx, stream, eventstore.Exact(v), b.events(500)...); err != nil {
			return err
		}
		have += 500
	}
	return nil
}

func (b bench) scan(ctx context.Context) (float64, int64, error) {
	var n int64
	start := time.Now()
	for _, err := range b.store.ReadAll(ctx, 0, 0) {
		if err != nil {
			return 0, n, err
		}
		n++
	}
	return perSecond(n, time.Since(start)), n, nil
}
