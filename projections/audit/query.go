package audit

import (
	"sort"
	"time"

	"github.com/movementcoord/ledger/domain"
)

// Page bounds a listing: entries after position After, at most Limit of
// them (zero means DefaultLimit). Next in the result continues the listing.
type Page struct {
	After uint64
	Limit int
	Sees  Sees // the reader's policy, applied before paging; nil shows all
}

// DefaultLimit is the page size when a caller gives none.
const DefaultLimit = 100

// Result is one page of records and the cursor of the next, zero at the end.
type Result struct {
	Records []Record `json:"records"`
	Next    uint64   `json:"next,omitempty"`
}

// Entity returns every event of one record, with corrections linked.
func (t *Trail) Entity(ref domain.Ref, p Page) Result {
	t.RLock()
	defer t.RUnlock()
	s, ok := t.lookup(ref)
	if !ok {
		return Result{}
	}
	return t.page(t.entries.collect(s.last, s.n, byStream), p, nil)
}

// Actor returns the events recorded by one person (actor id), in whatever
// role or for whatever component they acted. It scans the trail: a few
// milliseconds for a million events, and no index to keep per event.
func (t *Trail) Actor(actorID string, p Page) Result {
	t.RLock()
	defer t.RUnlock()
	ids := map[int32]bool{}
	for i, a := range t.actors.values {
		if a.ID == actorID {
			ids[int32(i)] = true
		}
	}
	if len(ids) == 0 {
		return Result{}
	}
	return t.page(nil, p, func(en *entry) bool { return ids[en.actor] })
}

// Window returns the events whose recorded time (or occurred time, when
// byOccurred) lies in [from, to).
func (t *Trail) Window(from, to time.Time, byOccurred bool, p Page) Result {
	t.RLock()
	defer t.RUnlock()
	lo, hi := from.UnixNano(), to.UnixNano()
	keep := func(en *entry) bool {
		at := en.recorded
		if byOccurred {
			at = en.occurred
		}
		return at >= lo && at < hi
	}
	return t.page(nil, p, keep)
}

// page walks idx (every entry when nil) in order from p.After.
func (t *Trail) page(idx []int32, p Page, keep func(*entry) bool) Result {
	limit := p.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	n := int32(t.entries.n)
	if idx != nil {
		n = int32(len(idx))
	}
	pos := func(k int32) uint64 {
		if idx != nil {
			return t.entries.at(idx[k]).position
		}
		return t.entries.at(k).position
	}
	// entries are in position order: skip to the cursor by bisection
	start := int32(sort.Search(int(n), func(k int) bool { return pos(int32(k)) > p.After }))
	var res Result
	for k := start; k < n; k++ {
		i := k
		if idx != nil {
			i = idx[k]
		}
		en := t.entries.at(i)
		if keep != nil && !keep(en) || !t.seen(en, p.Sees) {
			continue
		}
		if len(res.Records) == limit {
			res.Next = res.Records[limit-1].Position
			break
		}
		res.Records = append(res.Records, t.record(i))
	}
	return res
}

// seen applies a reader's policy to an entry, by its record.
func (t *Trail) seen(en *entry, sees Sees) bool {
	if sees == nil {
		return true
	}
	s := t.streams[en.stream]
	return sees(s.operation, s.recordClass())
}

// Len is the number of events in the trail.
func (t *Trail) Len() int {
	t.RLock()
	defer t.RUnlock()
	return t.entries.n
}

// Class is the classification the trail holds for a record (the strictest
// of its events' and of its subject's), empty when it has not seen it.
func (t *Trail) Class(ref domain.Ref) domain.Classification {
	t.RLock()
	defer t.RUnlock()
	if s, ok := t.lookup(ref); ok {
		return s.recordClass()
	}
	return ""
}
