package esdbtest

import (
	"github.com/google/uuid"
)

// expectation is an append's expected stream revision, in KurrentDB's terms:
// revision is the revision of the stream's last event, -1 for no stream.
type expectation struct {
	any, streamExists bool
	revision          int64
}

// proposed is one event of an append as the client sent it.
type proposed struct {
	id          uuid.UUID
	eventType   string
	contentType string
	data, meta  []byte
}

// outcome is what an append decided.
type outcome struct {
	written    bool // false for a wrong expected version
	idempotent bool
	first      record
	last       record
	current    int64 // the stream's revision on a wrong expected version
}

// appendEvents applies KurrentDB's rules: an exact expectation that matches
// writes; events already present right after the expected revision (or, for
// any, anywhere in the stream) make the append an idempotent no-op; anything
// else is a wrong expected version.
func (l *memLog) appendEvents(stream string, exp expectation, events []proposed) outcome {
	l.mu.Lock()
	defer l.mu.Unlock()
	current := int64(len(l.streams[stream])) - 1
	if from, ok := l.retryStart(stream, exp, current, events); ok {
		return l.idempotentOutcome(stream, from, len(events))
	}
	if !exp.allows(current) {
		return outcome{current: current}
	}
	return l.write(stream, events)
}

func (e expectation) allows(current int64) bool {
	switch {
	case e.any:
		return true
	case e.streamExists:
		return current >= 0
	}
	return e.revision == current
}

// retryStart finds where a retried append's events already are.
func (l *memLog) retryStart(stream string, exp expectation, current int64, events []proposed) (int, bool) {
	idx := l.streams[stream]
	from := int(exp.revision + 1)
	if exp.any || exp.streamExists {
		from = l.indexOf(idx, events[0].id)
	}
	if from < 0 || int64(from) > current || from+len(events) > len(idx) {
		return 0, false
	}
	for i, ev := range events {
		if l.records[idx[from+i]].id != ev.id {
			return 0, false
		}
	}
	return from, true
}

func (l *memLog) indexOf(idx []int, id uuid.UUID) int {
	for i, j := range idx {
		if l.records[j].id == id {
			return i
		}
	}
	return -1
}

func (l *memLog) idempotentOutcome(stream string, from, n int) outcome {
	idx := l.streams[stream]
	return outcome{written: true, idempotent: true, first: l.records[idx[from]], last: l.records[idx[from+n-1]]}
}

func (l *memLog) write(stream string, events []proposed) outcome {
	var out outcome
	for i, ev := range events {
		rec := l.add(stream, ev.eventType, ev.contentType, ev.id, ev.data, ev.meta)
		if i == 0 {
			out.first = rec
		}
		out.last = rec
	}
	out.written = true
	l.userWrites++
	if l.systemEvery > 0 && l.userWrites%l.systemEvery == 0 {
		l.writeSystem("$stats-127.0.0.1:2113", "$statsCollected")
	}
	l.notify()
	return out
}
