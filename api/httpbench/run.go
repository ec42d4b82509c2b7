package httpbench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"time"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/server"
)

// Run seeds the store in cfg.Dir, serves it, measures every phase, stops
// the server and measures the raw group-commit rate of the same store.
func Run(ctx context.Context, cfg Config) (Result, error) {
	cfg.defaults()
	r := Result{ActionPoints: cfg.ActionPoints, Clients: cfg.Clients, PageSize: cfg.PageSize, PhaseSeconds: cfg.Phase.Seconds()}
	cfg.Progress(fmt.Sprintf("raising %d action points through the service", cfg.ActionPoints))
	s, err := seed(ctx, cfg.Dir, cfg.ActionPoints, cfg.Clients)
	if err != nil {
		return r, fmt.Errorf("seed: %w", err)
	}
	r.SeedPerS = s.perS
	if err := serveAndMeasure(ctx, cfg, s, &r); err != nil {
		return r, err
	}
	cfg.Progress("writers64 on the same store")
	if r.Writers64PerS, err = rawWriters(ctx, cfg.Dir, 64, cfg.Phase); err != nil {
		return r, fmt.Errorf("writers64: %w", err)
	}
	r.WritesVsRaw = ratio(r.Writes.PerS, r.Writers64PerS)
	r.PageP99VsHealth = ratio(r.Pages.P99Ms, r.Health.P99Ms)
	return r, nil
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// serveAndMeasure starts the server, times its start-up to /readyz 200,
// runs the phases and stops it (its store is closed when this returns).
func serveAndMeasure(ctx context.Context, cfg Config, s seeded, r *Result) (err error) {
	ctx, stop := context.WithCancel(ctx)
	addrs, stopped := make(chan string, 1), make(chan error, 1)
	start := time.Now()
	go func() {
		// No view snapshots: the first start after seeding would write one
		// while the phases run, and the phases would measure that instead
		// of the HTTP path (`ledger bench restart` measures snapshots).
		stopped <- server.Run(ctx, server.Options{Addr: "127.0.0.1:0", DataDir: cfg.Dir, Out: io.Discard,
			Snapshots: server.SnapshotsOff,
			Logger:    slog.New(slog.NewTextHandler(io.Discard, nil)), Ready: func(a string) { addrs <- a }})
	}()
	var addr string
	select {
	case addr = <-addrs:
	case err := <-stopped:
		stop()
		return fmt.Errorf("the server did not start: %w", err)
	}
	defer func() {
		stop()
		err = errors.Join(err, <-stopped)
	}()
	c := newClient(addr, cfg.Clients)
	if err := profiled(cfg, "startup", func() error { return c.waitReady(ctx) }); err != nil {
		return err
	}
	r.StartupSeconds = time.Since(start).Seconds()
	r.StartupEvents = uint64(cfg.ActionPoints) + 2
	return measure(ctx, cfg, c, s, r)
}

func measure(ctx context.Context, cfg Config, c *client, s seeded, r *Result) error {
	admin, err := os.ReadFile(filepath.Join(cfg.Dir, auth.AdminTokenFile))
	if err != nil {
		return err
	}
	officer, err := c.officerToken(ctx, strings.TrimSpace(string(admin)), s.op)
	if err != nil {
		return err
	}
	p := phases{cfg: cfg, c: c, s: s, token: officer, lastWrite: &atomic.Uint64{}}
	cfg.Progress("healthz (the reference)")
	if err := profiled(cfg, "healthz", func() (err error) { r.Health, err = drive(ctx, cfg.Clients, cfg.Phase, p.health); return }); err != nil {
		return fmt.Errorf("healthz: %w", err)
	}
	runtime.GC()
	r.RSSIdleMB, r.HeapIdleMB = residentMB(), heapInUseMB()
	cfg.Progress(fmt.Sprintf("pages of %d", cfg.PageSize))
	peaks := samplePeaks(200 * time.Millisecond)
	err = profiled(cfg, "pages", func() (err error) { r.Pages, err = drive(ctx, cfg.Clients, cfg.Phase, p.newPager().page); return })
	r.RSSPeakMB, r.HeapPeakMB = peaks.end()
	if err != nil {
		return fmt.Errorf("pages: %w", err)
	}
	cfg.Progress("writes over HTTP")
	if err := profiled(cfg, "writes", func() (err error) { r.Writes, err = drive(ctx, cfg.Clients, cfg.Phase, p.write); return }); err != nil {
		return fmt.Errorf("writes: %w", err)
	}
	cfg.Progress("figures") // last: a request that outlives the phase still computes
	if err := p.caughtUp(ctx); err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	if err := profiled(cfg, "figures", func() (err error) { r.Figures, err = drive(ctx, cfg.Clients, cfg.Phase, p.figures); return }); err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	return nil
}

// profiled runs one phase, under the CPU profiler when it is the phase
// cfg asks to profile.
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

// phases are the requests each client sends.
type phases struct {
	cfg       Config
	c         *client
	s         seeded
	token     string
	lastWrite *atomic.Uint64 // the highest position a write answered
}

func (p phases) health(ctx context.Context, _ int) error {
	return p.c.do(ctx, http.MethodGet, "/healthz", "", nil, nil)
}

func (p phases) figures(ctx context.Context, _ int) error {
	return p.c.do(ctx, http.MethodGet, fmt.Sprintf("/api/v1/operations/%s/figures", p.s.op), p.token, nil, nil)
}

func (p phases) write(ctx context.Context, client int) error {
	cmd := raiseCommand(p.s, client)
	var written struct {
		Position uint64 `json:"position"`
	}
	err := p.c.do(ctx, http.MethodPost, "/api/v1/commands/actionpoint.raise", p.token, map[string]any{
		"operation_id": p.s.op, "title": cmd.Title, "owner_component_id": p.s.owner, "due_at": cmd.DueAt}, &written)
	for last := p.lastWrite.Load(); err == nil && written.Position > last; last = p.lastWrite.Load() {
		if p.lastWrite.CompareAndSwap(last, written.Position) {
			break
		}
	}
	return err
}

// caughtUp waits until the views applied the last write of the writes
// phase: the figures are cached per position of the views, and the phase
// measures serving them, not the views catching up with a burst of writes
// (every event they apply meanwhile is a new position to compute).
func (p phases) caughtUp(ctx context.Context) error {
	path := fmt.Sprintf("/api/v1/operations/%s/figures?at_least=%d", p.s.op, p.lastWrite.Load())
	return p.c.do(ctx, http.MethodGet, path, p.token, nil, nil)
}

// pager has each client walk the register page by page, from the start
// again after the last page, so pages deep in the register count too.
type pager struct {
	phases
	cursors []string
	bodies  []bytes.Buffer // each client's, kept: the whole page is read, into memory grown once
}

func (p phases) newPager() *pager {
	return &pager{phases: p, cursors: make([]string, p.cfg.Clients), bodies: make([]bytes.Buffer, p.cfg.Clients)}
}

func (p *pager) page(ctx context.Context, client int) error {
	path := fmt.Sprintf("/api/v1/operations/%s/action-points?limit=%d", p.s.op, p.cfg.PageSize)
	if cur := p.cursors[client]; cur != "" {
		path += "&cursor=" + cur
	}
	body := &p.bodies[client]
	body.Reset()
	if err := p.c.do(ctx, http.MethodGet, path, p.token, nil, body); err != nil {
		return err
	}
	p.cursors[client] = nextCursor(body.Bytes())
	return nil
}

// nextCursor finds next_cursor in a page without decoding the rows: the
// clients share the server's CPU, so they should spend little of it.
func nextCursor(page []byte) string {
	const field = `"next_cursor":"`
	i := bytes.LastIndex(page, []byte(field))
	if i < 0 {
		return ""
	}
	rest := page[i+len(field):]
	return string(rest[:bytes.IndexByte(rest, '"')])
}
