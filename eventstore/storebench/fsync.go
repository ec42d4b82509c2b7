package storebench

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// measureFsync is the physical reference: how many 1 KiB appends to a file,
// each followed by fdatasync, the disk completes per second.
func measureFsync(ctx context.Context, dir string, d time.Duration) (float64, error) {
	f, err := os.OpenFile(filepath.Join(dir, "fsync-probe"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return 0, err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	buf := make([]byte, 1024)
	var n int64
	start := time.Now()
	for time.Since(start) < d && ctx.Err() == nil {
		if _, err := f.Write(buf); err != nil {
			return 0, err
		}
		if err := syscall.Fdatasync(int(f.Fd())); err != nil {
			return 0, err
		}
		n++
	}
	return perSecond(n, time.Since(start)), ctx.Err()
}
