// Package memory is an event store held in process memory: nothing survives
// the process. It serves unit tests and benchmarks that must not touch a disk,
// and it passes the same conformance suite as the durable backends.
package memory

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/eventstore"
)

// Store keeps the global log in one slice; a stream is a list of indexes
// into it.
type Store struct {
	mu      sync.RWMutex
	log     []eventstore.RecordedEvent
	streams map[string][]int
	byID    map[uuid.UUID]int
	notify  *eventstore.Notifier
	closed  bool
	now     func() time.Time
}

var _ eventstore.Store = (*Store)(nil)

// New returns an empty store.
func New() *Store {
	return &Store{
		streams: map[string][]int{},
		byID:    map[uuid.UUID]int{},
		notify:  eventstore.NewNotifier(),
		now:     time.Now,
	}
}

// Append implements eventstore.Store.
func (s *Store) Append(ctx context.Context, stream string, expected eventstore.ExpectedVersion, events ...eventstore.EventData) (eventstore.AppendResult, error) {
	if err := eventstore.ValidateAppend(stream, events); err != nil {
		return eventstore.AppendResult{}, err
	}
	if err := ctx.Err(); err != nil {
		return eventstore.AppendResult{}, fmt.Errorf("append to %s: %w", stream, err)
	}
	s.mu.Lock()
	res, err := s.appendLocked(stream, expected, events)
	s.mu.Unlock()
	if err == nil {
		s.notify.Broadcast()
	}
	return res, err
}

func (s *Store) appendLocked(stream string, expected eventstore.ExpectedVersion, events []eventstore.EventData) (eventstore.AppendResult, error) {
	if s.closed {
		return eventstore.AppendResult{}, eventstore.ErrClosed
	}
	if res, done, err := s.replayed(stream, events); done || err != nil {
		return res, err
	}
	current := uint64(len(s.streams[stream]))
	if !expected.Satisfied(current) {
		return eventstore.AppendResult{}, &eventstore.WrongExpectedVersionError{Stream: stream, Expected: expected, Actual: current}
	}
	at := s.now().UTC()
	for _, ev := range events {
		current++
		s.byID[ev.ID] = len(s.log)
		s.streams[stream] = append(s.streams[stream], len(s.log))
		s.log = append(s.log, eventstore.RecordedEvent{
			ID: ev.ID, Stream: stream, Version: current, Position: uint64(len(s.log) + 1),
			Type: ev.Type, Data: clone(ev.Data), Metadata: clone(ev.Metadata), RecordedAt: at,
		})
	}
	return eventstore.AppendResult{Version: current, Position: uint64(len(s.log))}, nil
}

// replayed recognises a retried append: the first event's id is already
// stored. It is a no-op only if every event sits, in order, in this stream.
func (s *Store) replayed(stream string, events []eventstore.EventData) (eventstore.AppendResult, bool, error) {
	first, ok := s.byID[events[0].ID]
	if !ok {
		for _, ev := range events[1:] {
			if _, dup := s.byID[ev.ID]; dup {
				return eventstore.AppendResult{}, false, fmt.Errorf("append to %s: %w: %s", stream, eventstore.ErrDuplicateEventID, ev.ID)
			}
		}
		return eventstore.AppendResult{}, false, nil
	}
	stored := make([]eventstore.RecordedEvent, 0, len(events))
	for _, ev := range events {
		i, ok := s.byID[ev.ID]
		if !ok || s.log[i].Stream != stream || (len(stored) > 0 && s.log[i].Version != stored[len(stored)-1].Version+1) {
			return eventstore.AppendResult{}, false, fmt.Errorf("append to %s: %w: %s", stream, eventstore.ErrDuplicateEventID, s.log[first].ID)
		}
		stored = append(stored, s.log[i])
	}
	last := stored[len(stored)-1]
	return eventstore.AppendResult{Version: last.Version, Position: last.Position}, true, nil
}

// Close implements eventstore.Store.
func (s *Store) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	return nil
}

func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte(nil), b...)
}
