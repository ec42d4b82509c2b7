// Package storebench measures the embedded store on the disk it runs on:
// durable appends alone, under 16 and 128 concurrent writers, in batches, and
// a full scan, each set against the raw rate of write+fdatasync on the same
// disk measured in the same run.
package storebench

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// Result holds the figures; rates are events per second unless named
// otherwise.
type Result struct {
	FsyncPerS      float64 `json:"fsync_per_s"`
	SinglePerS     float64 `json:"single_per_s"`
	Writers16PerS  float64 `json:"writers16_per_s"`
	Writers128PerS float64 `json:"writers128_per_s"`
	Batch100PerS   float64 `json:"batch100_per_s"`
	SyncsPerGroup  float64 `json:"syncs_per_group"`
	EventsPerGroup float64 `json:"events_per_group"`
	ScanPerS       float64 `json:"scan_per_s"`
	ScanEvents     int64   `json:"scan_events"`
	EventBytes     int     `json:"event_bytes"`
	PhaseSeconds   float64 `json:"phase_seconds"`
	// Totals over the whole run, to compare with a syscall count
	// (strace -f -c -e trace=fsync,fdatasync).
	Groups      int64 `json:"groups"`
	Checkpoints int64 `json:"checkpoints"`
	// Signed is the cost of the checkpoint signed in every commit (its
	// figures are inlined in the JSON).
	Signed
}

// WriteTable prints the figures with the ratios the targets are set in.
func (r Result) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	rows := []struct {
		name  string
		value float64
		ratio string
	}{
		{"fsync_per_s (1 KiB write+fdatasync)", r.FsyncPerS, "reference"},
		{"single_per_s", r.SinglePerS, fmt.Sprintf("%.2f x fsync", r.SinglePerS/r.FsyncPerS)},
		{"writers16_per_s", r.Writers16PerS, fmt.Sprintf("%.2f x single", r.Writers16PerS/r.SinglePerS)},
		{"writers128_per_s", r.Writers128PerS, fmt.Sprintf("%.2f x single", r.Writers128PerS/r.SinglePerS)},
		{"batch100_per_s", r.Batch100PerS, fmt.Sprintf("%.2f x single", r.Batch100PerS/r.SinglePerS)},
		{"syncs_per_group", r.SyncsPerGroup, fmt.Sprintf("%.1f events/group", r.EventsPerGroup)},
		{"scan_per_s", r.ScanPerS, fmt.Sprintf("%d events scanned", r.ScanEvents)},
		{"unsigned_single_per_s (sealed)", r.Signed.UnsignedSinglePerS, "reference"},
		{"signed_single_per_s", r.Signed.SignedSinglePerS, fmt.Sprintf("%.2f x unsigned", r.Signed.SignedSinglePerS/r.Signed.UnsignedSinglePerS)},
		{"unsigned_writers16_per_s (sealed)", r.Signed.Unsigned16PerS, "reference"},
		{"signed_writers16_per_s", r.Signed.Signed16PerS, fmt.Sprintf("%.2f x unsigned", r.Signed.Signed16PerS/r.Signed.Unsigned16PerS)},
		{"unsigned_writers16_latency_ms", r.Signed.Unsigned16LatencyMs, "reference"},
		{"signed_writers16_latency_ms", r.Signed.Signed16LatencyMs, fmt.Sprintf("%.2f x unsigned", r.Signed.Signed16LatencyMs/r.Signed.Unsigned16LatencyMs)},
	}
	fmt.Fprintln(tw, "measure\tvalue\tratio\t")
	for _, row := range rows {
		fmt.Fprintf(tw, "%s\t%.1f\t%s\t\n", row.name, row.value, row.ratio)
	}
	return tw.Flush()
}

func perSecond(n int64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}
