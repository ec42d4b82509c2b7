package esdbtest

import (
	"cmp"
	"encoding/json"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
)

// record is one event in the in-memory log. Like KurrentDB for events
// written by a gRPC append, its commit and prepare positions are equal.
type record struct {
	id          uuid.UUID
	stream      string
	revision    uint64
	position    uint64
	eventType   string
	contentType string
	data        []byte
	meta        []byte
	created     int64 // 100 ns ticks since the Unix epoch, as the client reads them
}

// memLog is the server's state. It outlives Stop and Restart so that fault
// tests see the same log before and after an outage.
type memLog struct {
	mu          sync.Mutex
	records     []record
	streams     map[string][]int // stream name -> indexes into records
	next        uint64
	changed     chan struct{} // closed and replaced on every write
	userWrites  int
	systemEvery int
	deleted     map[string]bool // tombstoned streams
}

// firstPosition leaves room below the first record, like the epoch and
// chunk headers at the start of a real log, so positions never start at 0.
const firstPosition = 128

func newMemLog(systemEvery int) *memLog {
	l := &memLog{streams: map[string][]int{}, deleted: map[string]bool{}, next: firstPosition, changed: make(chan struct{}), systemEvery: systemEvery}
	l.writeSystem("$settings", "$settings")
	return l
}

// add appends one record and returns it. Positions grow by a size-like amount
// so that, as on a real server, they have gaps. Callers hold mu.
func (l *memLog) add(stream, eventType, contentType string, id uuid.UUID, data, meta []byte) record {
	rec := record{
		id: id, stream: stream, revision: uint64(len(l.streams[stream])), position: l.next,
		eventType: eventType, contentType: contentType, data: data, meta: meta,
		created: time.Now().UnixNano() / 100,
	}
	l.streams[stream] = append(l.streams[stream], len(l.records))
	l.records = append(l.records, rec)
	l.next += uint64(64 + len(data) + len(meta) + len(eventType))
	return rec
}

// writeSystem adds a $-prefixed system event, as KurrentDB does for stats
// and settings, so that adapters must filter them out. Callers hold mu or
// own the log exclusively.
func (l *memLog) writeSystem(stream, eventType string) {
	l.add(stream, eventType, "application/json", uuid.New(), []byte(`{}`), nil)
}

// notify wakes every waiting subscription. Callers hold mu.
func (l *memLog) notify() {
	close(l.changed)
	l.changed = make(chan struct{})
}

// streamRecords returns a copy of a stream's records.
func (l *memLog) streamRecords(stream string) ([]record, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	idx, ok := l.streams[stream]
	if !ok {
		return nil, false
	}
	out := make([]record, len(idx))
	for i, j := range idx {
		out[i] = l.records[j]
	}
	return out, true
}

// allRecords returns a copy of the whole log in position order.
func (l *memLog) allRecords() []record {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.records)
}

// after returns up to limit records with a position above pos (all records
// when all is true), and a channel closed at the next write.
func (l *memLog) after(pos uint64, all bool, limit int) ([]record, <-chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	i, _ := slices.BinarySearchFunc(l.records, pos, func(r record, p uint64) int {
		switch {
		case r.position < p:
			return -1
		case r.position > p:
			return 1
		}
		return 0
	})
	if !all {
		for i < len(l.records) && l.records[i].position <= pos {
			i++
		}
	}
	end := min(len(l.records), i+limit)
	return slices.Clone(l.records[i:end]), l.changed
}

// lastPosition is the position of the newest record.
func (l *memLog) lastPosition() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.records[len(l.records)-1].position
}

// tombstone deletes a stream for good, as KurrentDB does: a $streamDeleted
// event closes it, and later reads and appends are refused.
func (l *memLog) tombstone(stream string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.add(stream, "$streamDeleted", "application/json", uuid.New(), nil, nil)
	l.deleted[stream] = true
	l.notify()
}

func (l *memLog) isDeleted(stream string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.deleted[stream]
}

// isRecordStart reports whether a record begins at pos.
func (l *memLog) isRecordStart(pos uint64) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	_, found := slices.BinarySearchFunc(l.records, pos, func(r record, p uint64) int {
		return cmp.Compare(r.position, p)
	})
	return found
}

// streamMeta is the part of stream metadata that hides events.
type streamMeta struct {
	TruncateBefore *uint64 `json:"$tb"`
	MaxCount       *int    `json:"$maxCount"`
}

// metaOf reads a stream's newest metadata event ("$metadata" in
// "$$<stream>"), as KurrentDB's index does on every stream read.
func (l *memLog) metaOf(stream string) streamMeta {
	var m streamMeta
	recs, ok := l.streamRecords("$$" + stream)
	if ok {
		_ = json.Unmarshal(recs[len(recs)-1].data, &m)
	}
	return m
}

// visible drops the records that stream metadata hides: revisions before
// $tb, and all but the last $maxCount ($maxAge is not emulated).
func (l *memLog) visible(stream string, recs []record) []record {
	m := l.metaOf(stream)
	if m.TruncateBefore != nil {
		recs = slices.DeleteFunc(recs, func(r record) bool { return r.revision < *m.TruncateBefore })
	}
	if m.MaxCount != nil && len(recs) > *m.MaxCount {
		recs = recs[len(recs)-*m.MaxCount:]
	}
	return recs
}

// softDeleted reports whether $tb lies past the stream's last event, which
// is what a soft delete leaves: reads then answer "not found" while the
// stream's revisions go on from where they were.
func (l *memLog) softDeleted(stream string) bool {
	m := l.metaOf(stream)
	recs, ok := l.streamRecords(stream)
	return m.TruncateBefore != nil && (!ok || *m.TruncateBefore > recs[len(recs)-1].revision)
}

// setMeta writes a stream metadata event, as a client's SetStreamMetadata.
func (l *memLog) setMeta(stream string, data []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.add("$$"+stream, "$metadata", "application/json", uuid.New(), data, nil)
	l.notify()
}
