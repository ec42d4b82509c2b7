// Package analysis computes the figures lessons-learned analysts ask for,
// from the registers at query time (so "at a date" is a parameter, never a
// stored value). Pass views from readmodel.Current for today's figures, or
// from asof for a past date. Figures are computed for a reader, from the
// records it may see and nothing else (see Scope).
package analysis

import (
	"math"
	"slices"
	"time"
)

// Durations summarises a set of durations in whole seconds. Percentiles use
// the nearest-rank method: the p-th percentile of n sorted values is the
// value at rank ceil(p/100 * n) (1-based), so it is always one of the
// observed values; the median is the 50th percentile (the lower middle
// value when n is even). Name is the group's name where the group is keyed
// by an id (a component) or a key (a ladder rung).
type Durations struct {
	Name    string `json:"name,omitempty"`
	Count   int    `json:"count"`
	MedianS int64  `json:"median_s"`
	P90S    int64  `json:"p90_s"`
}

// Summarise returns the count, median and 90th percentile of ds.
func Summarise(ds []time.Duration) Durations {
	if len(ds) == 0 {
		return Durations{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return Durations{Count: len(s), MedianS: Seconds(nearestRank(s, 50)), P90S: Seconds(nearestRank(s, 90))}
}

// Seconds is a duration in whole seconds, rounded: figures are read by
// people, and a nanosecond or a float's last digits tell them nothing.
func Seconds(d time.Duration) int64 { return int64(math.Round(d.Seconds())) }

// nearestRank returns the p-th percentile of sorted values.
func nearestRank(sorted []time.Duration, p int) time.Duration {
	rank := (p*len(sorted) + 99) / 100 // ceil(p*n/100) in integers
	return sorted[max(rank, 1)-1]
}

// Breakdown is a duration summary overall and by group.
type Breakdown struct {
	All         Durations            `json:"all"`
	ByCategory  map[string]Durations `json:"by_category"`
	ByBody      map[string]Durations `json:"by_body,omitempty"` // keyed by rung, named by the body
	ByComponent map[string]Durations `json:"by_component"`      // keyed by component id, named by the component
}

// sample is one measured duration with the groups it counts in.
type sample struct {
	d                    time.Duration
	category, body, comp string
	bodyName, compName   string
}

func breakdown(samples []sample) Breakdown {
	all := make([]time.Duration, 0, len(samples))
	cat, body, comp := map[string][]time.Duration{}, map[string][]time.Duration{}, map[string][]time.Duration{}
	names := map[string]string{}
	for _, s := range samples {
		all = append(all, s.d)
		cat[s.category] = append(cat[s.category], s.d)
		comp[s.comp] = append(comp[s.comp], s.d)
		names["comp:"+s.comp] = s.compName
		if s.body != "" {
			body[s.body] = append(body[s.body], s.d)
			names["body:"+s.body] = s.bodyName
		}
	}
	b := Breakdown{All: Summarise(all), ByCategory: summariseAll(cat, nil, ""), ByComponent: summariseAll(comp, names, "comp:")}
	if len(body) > 0 {
		b.ByBody = summariseAll(body, names, "body:")
	}
	return b
}

func summariseAll(groups map[string][]time.Duration, names map[string]string, prefix string) map[string]Durations {
	out := make(map[string]Durations, len(groups))
	for k, ds := range groups {
		d := Summarise(ds)
		d.Name = names[prefix+k]
		out[k] = d
	}
	return out
}
