package httpbench

import (
	"fmt"
	"io"
	"time"
)

// Config sets the size of the run.
type Config struct {
	Dir          string        // temporary directory of the store (created empty by the caller)
	ActionPoints int           // action points raised in one operation before the clients start
	Clients      int           // concurrent clients of every phase
	Phase        time.Duration // how long each measured phase runs
	PageSize     int           // ?limit= of the register pages
	// CPUProfile, when set, receives a CPU profile of ProfilePhase (pages,
	// writes, figures, or startup: the server start to /readyz 200).
	CPUProfile   io.Writer
	ProfilePhase string
	Progress     func(phase string)
}

func (c *Config) defaults() {
	c.ActionPoints = cmpOr(c.ActionPoints, 100_000)
	c.Clients = cmpOr(c.Clients, 64)
	c.PageSize = cmpOr(c.PageSize, 50)
	if c.Phase <= 0 {
		c.Phase = 5 * time.Second
	}
	if c.Progress == nil {
		c.Progress = func(string) {}
	}
}

func cmpOr(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

// Rate is one phase: requests per second and latency percentiles.
type Rate struct {
	PerS  float64 `json:"per_s"`
	P50Ms float64 `json:"p50_ms"`
	P99Ms float64 `json:"p99_ms"`
	N     int     `json:"n"`
}

// Result holds every figure of one run.
type Result struct {
	ActionPoints    int     `json:"action_points"`
	Clients         int     `json:"clients"`
	PageSize        int     `json:"page_size"`
	PhaseSeconds    float64 `json:"phase_seconds"`
	SeedPerS        float64 `json:"seed_per_s"`         // generated action points appended to the store
	StartupSeconds  float64 `json:"startup_seconds"`    // server start to /readyz 200 over the seeded log
	StartupEvents   uint64  `json:"startup_events"`     // events in the log at start-up
	Health          Rate    `json:"healthz"`            // reference for reads: /healthz under the same load
	Pages           Rate    `json:"pages"`              // register pages, following next_cursor
	Figures         Rate    `json:"figures"`            // /figures of the same operation
	Writes          Rate    `json:"writes"`             // actionpoint.raise over HTTP
	Writers64PerS   float64 `json:"writers64_per_s"`    // raw group-commit rate of the same store
	WritesVsRaw     float64 `json:"writes_vs_raw"`      // Writes.PerS / Writers64PerS
	PageP99VsHealth float64 `json:"page_p99_vs_health"` // Pages.P99Ms / Health.P99Ms
	RSSIdleMB       float64 `json:"rss_idle_mb"`        // process resident memory before the page phase
	RSSPeakMB       float64 `json:"rss_peak_mb"`        // the most it held during the page phase
	HeapIdleMB      float64 `json:"heap_idle_mb"`       // live heap after a GC, before the page phase
	HeapPeakMB      float64 `json:"heap_peak_mb"`       // the most heap in use during the page phase
}

// WriteTable prints the figures for a person.
func (r Result) WriteTable(w io.Writer) error {
	line := func(name string, x Rate) string {
		return fmt.Sprintf("%-22s %9.0f /s   p50 %7.2f ms   p99 %7.2f ms\n", name, x.PerS, x.P50Ms, x.P99Ms)
	}
	_, err := fmt.Fprintf(w, "action points          %d in one operation, %d clients, %.0f s phases\n"+
		"seed (store appends)   %.0f /s\nstart-up to /readyz    %.2f s (%d events)\n%s%s%s%s"+
		"writers64 (raw store)  %.0f /s\nwrites / writers64     %.2f\npage p99 / healthz p99 %.2f\n"+
		"memory idle -> load    rss %.0f -> %.0f MB, heap %.0f -> %.0f MB\n",
		r.ActionPoints, r.Clients, r.PhaseSeconds, r.SeedPerS, r.StartupSeconds, r.StartupEvents,
		line("healthz (reference)", r.Health), line(fmt.Sprintf("page of %d", r.PageSize), r.Pages),
		line("figures", r.Figures), line("writes (HTTP)", r.Writes),
		r.Writers64PerS, r.WritesVsRaw, r.PageP99VsHealth, r.RSSIdleMB, r.RSSPeakMB, r.HeapIdleMB, r.HeapPeakMB)
	return err
}
