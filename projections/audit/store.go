package audit

import (
	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// chunkBits sizes the chunks entries live in: appending never copies old
// entries and the slack of a growing slice stays one chunk.
const chunkBits = 12

// entry is one event in compact form; strings are indexes into tables.
type entry struct {
	position uint64
	eventID  uuid.UUID
	recorded int64 // unix nanoseconds
	occurred int64
	corrects int32 // index of the corrected entry, -1 for none
	// prevInStream and prevInOp chain the entries of a record and of an
	// operation backwards (-1 ends a chain): an index without a growing
	// slice per record, so applying an event appends nothing but the entry.
	prevInStream int32
	prevInOp     int32
	stream       int32
	actor        int32
	version      uint32
	typ          uint16
	class        uint8
}

// entries is an append-only list of entries in position order.
type entries struct {
	chunks [][]entry
	n      int
}

func (es *entries) add(e entry) int32 {
	if es.n>>chunkBits == len(es.chunks) {
		es.chunks = append(es.chunks, make([]entry, 0, 1<<chunkBits))
	}
	c := &es.chunks[es.n>>chunkBits]
	*c = append(*c, e)
	es.n++
	return int32(es.n - 1)
}

func (es *entries) at(i int32) *entry { return &es.chunks[i>>chunkBits][i&(1<<chunkBits-1)] }

// stream is what the trail knows of one record: its operation, and the
// component and level a timeline filters on. Its stream name is not kept:
// a record shown makes it from ref, rather than every record holding one.
type stream struct {
	ref       domain.Ref
	operation uuid.UUID
	component uuid.UUID
	level     domain.Level
	// class is the strictest of the record's events' classifications; the
	// policy sees the record as restricted as that and as its subject (an
	// escalation's), whatever the subject becomes later (see recordClass).
	class   domain.Classification
	subject *stream // the record an escalation is about, nil otherwise
	last    int32   // its latest entry
	n       int     // its number of entries
	op      *chain  // its operation's entries, shared by its streams
}

// table interns strings so that each distinct value is held once.
type table[T comparable] struct {
	ids    map[T]int32
	values []T
}

func newTable[T comparable]() table[T] { return table[T]{ids: map[T]int32{}} }

func (t *table[T]) id(v T) int32 {
	if len(t.values) <= 8 { // a few values (classifications): comparing beats hashing
		for i, x := range t.values {
			if x == v {
				return int32(i)
			}
		}
	} else if id, ok := t.ids[v]; ok {
		return id
	}
	id := int32(len(t.values))
	t.ids[v] = id
	t.values = append(t.values, v)
	return id
}

// chain is the head of a backward chain of entries.
type chain struct {
	last int32
	n    int
}

// collect walks a chain from last back to its start and returns the
// indexes in log order.
func (es *entries) collect(last int32, n int, prev func(*entry) int32) []int32 {
	out := make([]int32, n)
	for k, i := n-1, last; k >= 0 && i >= 0; k, i = k-1, prev(es.at(i)) {
		out[k] = i
	}
	return out
}

func byStream(en *entry) int32 { return en.prevInStream }
func byOp(en *entry) int32     { return en.prevInOp }

// recordClass is the record's classification for the visibility policy:
// the strictest of its events' and of its subject's, as they stand now.
func (s *stream) recordClass() domain.Classification {
	if s.subject == nil {
		return s.class
	}
	return domain.Strictest(s.class, s.subject.class)
}
