package memory

import (
	"context"
	"fmt"
	"iter"

	"github.com/movementcoord/ledger/eventstore"
)

// ReadStream implements eventstore.Store.
func (s *Store) ReadStream(ctx context.Context, stream string, opts eventstore.ReadStreamOptions) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		s.mu.RLock()
		idx, ok := s.streams[stream]
		idx = idx[:len(idx):len(idx)]
		s.mu.RUnlock()
		if !ok {
			yield(eventstore.RecordedEvent{}, fmt.Errorf("read %s: %w", stream, eventstore.ErrStreamNotFound))
			return
		}
		for n, v := 0, startVersion(opts, len(idx)); v >= 1 && v <= len(idx); n++ {
			if opts.Max > 0 && n >= opts.Max {
				return
			}
			if err := ctx.Err(); err != nil {
				yield(eventstore.RecordedEvent{}, err)
				return
			}
			if !yield(s.at(idx[v-1]), nil) {
				return
			}
			v += step(opts.Direction)
		}
	}
}

func startVersion(opts eventstore.ReadStreamOptions, length int) int {
	if opts.From == 0 {
		if opts.Direction == eventstore.Backward {
			return length
		}
		return 1
	}
	if opts.From > uint64(length) {
		if opts.Direction == eventstore.Backward {
			return length
		}
		return length + 1
	}
	return int(opts.From)
}

func step(d eventstore.Direction) int {
	if d == eventstore.Backward {
		return -1
	}
	return 1
}

func (s *Store) at(i int) eventstore.RecordedEvent {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.log[i]
}

// ReadAll implements eventstore.Store.
func (s *Store) ReadAll(ctx context.Context, after uint64, max int) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		s.mu.RLock()
		end := uint64(len(s.log))
		s.mu.RUnlock()
		for p, n := after+1, 0; p <= end && (max <= 0 || n < max); p, n = p+1, n+1 {
			if err := ctx.Err(); err != nil {
				yield(eventstore.RecordedEvent{}, err)
				return
			}
			if !yield(s.at(int(p-1)), nil) {
				return
			}
		}
	}
}

// SubscribeAll implements eventstore.Store.
func (s *Store) SubscribeAll(ctx context.Context, after uint64) iter.Seq2[eventstore.RecordedEvent, error] {
	return eventstore.Subscribe(ctx, after, s.ReadAll, s.notify)
}
