// Package analysis computes the figures lessons-learned analysts ask for,
// from the registers at query time (so "at a date" is a parameter, never a
// stored value). Pass views from readmodel.Current for today's figures, or
// from asof for a past date.
package analysis

import (
	"slices"
	"time"
)

// Durations summarises a set of durations. Percentiles use the nearest-rank
// method: the p-th percentile of n sorted values is the value at rank
// ceil(p/100 * n) (1-based), so it is always one of the observed values; the
// median is the 50th percentile (the lower middle value when n is even).
// In JSON the durations are seconds: median_s and p90_s.
type Durations struct {
	Count  int
	Median time.Duration
	P90    time.Duration
}

// Summarise returns the count, median and 90th percentile of ds.
func Summarise(ds []time.Duration) Durations {
	if len(ds) == 0 {
		return Durations{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return Durations{Count: len(s), Median: nearestRank(s, 50), P90: nearestRank(s, 90)}
}

// nearestRank returns the p-th percentile of sorted values.
func nearestRank(sorted []time.Duration, p int) time.Duration {
	rank := (p*len(sorted) + 99) / 100 // ceil(p*n/100) in integers
	return sorted[max(rank, 1)-1]
}

// Breakdown is a duration summary overall and by group.
type Breakdown struct {
	All         Durations            `json:"all"`
	ByCategory  map[string]Durations `json:"by_category"`
	ByBody      map[string]Durations `json:"by_body,omitempty"`
	ByComponent map[string]Durations `json:"by_component"` // keyed by component id
}

// sample is one measured duration with the groups it counts in.
type sample struct {
	d                    time.Duration
	category, body, comp string
}

func breakdown(samples []sample) Breakdown {
	all := make([]time.Duration, 0, len(samples))
	cat, body, comp := map[string][]time.Duration{}, map[string][]time.Duration{}, map[string][]time.Duration{}
	for _, s := range samples {
		all = append(all, s.d)
		cat[s.category] = append(cat[s.category], s.d)
		comp[s.comp] = append(comp[s.comp], s.d)
		if s.body != "" {
			body[s.body] = append(body[s.body], s.d)
		}
	}
	b := Breakdown{All: Summarise(all), ByCategory: summariseAll(cat), ByComponent: summariseAll(comp)}
	if len(body) > 0 {
		b.ByBody = summariseAll(body)
	}
	return b
}

func summariseAll(groups map[string][]time.Duration) map[string]Durations {
	out := make(map[string]Durations, len(groups))
	for k, ds := range groups {
		out[k] = Summarise(ds)
	}
	return out
}
