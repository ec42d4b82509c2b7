package httpbench

import (
	"context"
	"slices"
	"sync"
	"time"
)

// drive runs clients goroutines for one phase, each calling do in a loop,
// and returns the rate and latency of the calls that succeeded; the first
// error ends the phase and is returned.
func drive(ctx context.Context, clients int, phase time.Duration, do func(ctx context.Context, client int) error) (Rate, error) {
	ctx, cancel := context.WithTimeout(ctx, phase)
	defer cancel()
	lat := make([][]time.Duration, clients)
	var once sync.Once
	var firstErr error
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				t := time.Now()
				if err := do(ctx, c); err != nil {
					if ctx.Err() == nil {
						once.Do(func() { firstErr = err; cancel() })
					}
					return
				}
				lat[c] = append(lat[c], time.Since(t))
			}
		}()
	}
	wg.Wait()
	return rateOf(slices.Concat(lat...), time.Since(start)), firstErr
}

func rateOf(lat []time.Duration, took time.Duration) Rate {
	if len(lat) == 0 {
		return Rate{}
	}
	slices.Sort(lat)
	ms := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))]) / float64(time.Millisecond) }
	return Rate{PerS: float64(len(lat)) / took.Seconds(), P50Ms: ms(0.50), P99Ms: ms(0.99), N: len(lat)}
}
