package replaybench

import (
	"syscall"
	"time"
)

// CPUTime is the CPU time this process has used (user and system). On a
// machine shared with other work, CPU per event is the steadier figure
// beside the wall-clock rates.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
