package audit

import (
	"cmp"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// TimelineFilter narrows an operation's timeline; zero fields match all.
type TimelineFilter struct {
	Kinds     []domain.Kind // kinds of record
	Component uuid.UUID     // the component the record concerns
	Level     domain.Level  // level of the mechanism the record belongs to
	From, To  time.Time     // occurred time in [From, To)
	// Sees is the reader's visibility policy: a record's operation and
	// classification in, whether its events are shown. Nil shows all. It
	// filters before paging, so pages are full and Total counts what the
	// reader may see.
	Sees   Sees
	Offset int
	Limit  int // zero means DefaultLimit
}

// Sees says whether a reader may see a record of operation op whose
// classification is c (visibility.Reader.SeesRecord).
type Sees func(op uuid.UUID, c domain.Classification) bool

// Timeline is one page of an operation's timeline and the number of events
// that matched in all.
type Timeline struct {
	Records []Record `json:"records"`
	Total   int      `json:"total"`
}

// Timeline returns what happened in an operation in occurred-time order
// (ties in log order), filtered and paged.
func (t *Trail) Timeline(op uuid.UUID, f TimelineFilter) Timeline {
	t.RLock()
	defer t.RUnlock()
	var hits []int32
	var events []int32
	if c := t.ops[op]; c != nil {
		events = t.entries.collect(c.last, c.n, byOp)
	}
	for _, i := range events {
		if t.matches(t.entries.at(i), &f) {
			hits = append(hits, i)
		}
	}
	slices.SortStableFunc(hits, func(a, b int32) int {
		return cmp.Compare(t.entries.at(a).occurred, t.entries.at(b).occurred)
	})
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	out := Timeline{Total: len(hits)}
	for k := f.Offset; k < len(hits) && k < f.Offset+limit; k++ {
		out.Records = append(out.Records, t.record(hits[k]))
	}
	return out
}

func (t *Trail) matches(en *entry, f *TimelineFilter) bool {
	s := t.streams[en.stream]
	switch {
	case len(f.Kinds) > 0 && !slices.Contains(f.Kinds, s.ref.Kind),
		f.Component != uuid.Nil && s.component != f.Component,
		f.Level != "" && s.level != f.Level,
		!f.From.IsZero() && en.occurred < f.From.UnixNano(),
		!f.To.IsZero() && en.occurred >= f.To.UnixNano():
		return false
	}
	return f.Sees == nil || f.Sees(s.operation, s.recordClass())
}
