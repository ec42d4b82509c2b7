package httpbench

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// residentMB is the process's resident memory, from /proc (0 elsewhere).
func residentMB() float64 {
	raw, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(raw))
	if len(fields) < 2 {
		return 0
	}
	pages, _ := strconv.ParseFloat(fields[1], 64)
	return pages * float64(os.Getpagesize()) / (1 << 20)
}

func heapInUseMB() float64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapInuse) / (1 << 20)
}

// peakSampler records the most memory held while a phase runs.
type peakSampler struct {
	stop      chan struct{}
	done      sync.WaitGroup
	rss, heap float64
}

func samplePeaks(every time.Duration) *peakSampler {
	p := &peakSampler{stop: make(chan struct{})}
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			p.rss, p.heap = max(p.rss, residentMB()), max(p.heap, heapInUseMB())
			select {
			case <-p.stop:
				return
			case <-t.C:
			}
		}
	}()
	return p
}

func (p *peakSampler) end() (rss, heap float64) {
	close(p.stop)
	p.done.Wait()
	return p.rss, p.heap
}
