package kurrent

import (
	"context"
	"errors"
	"io"
	"iter"
	"math"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"

	"github.com/movementcoord/ledger/eventstore"
)

// ReadStream yields a stream's events; versions are revisions plus one.
func (s *Store) ReadStream(ctx context.Context, stream string, opts eventstore.ReadStreamOptions) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		if err := eventstore.ValidateStreamName(stream); err != nil {
			yield(eventstore.RecordedEvent{}, err)
			return
		}
		ro, count := readStreamOptions(opts)
		open := func(c *esdb.Client) (*esdb.ReadStream, error) {
			return c.ReadStream(ctx, s.stream(stream), ro, count)
		}
		first := opts.Direction == eventstore.Forward && opts.From <= 1
		var refused error
		err := s.readEvents(ctx, "read "+stream, open, func(e *esdb.ResolvedEvent) bool {
			r := e.OriginalEvent()
			if first {
				if refused = checkHistory(stream, r); refused != nil {
					return false
				}
				first = false
			}
			meta, foreign := s.foreignInStream(stream, r)
			if refused = foreign; refused != nil {
				return false
			}
			return yield(s.fromRecorded(r, meta), nil)
		})
		switch {
		case refused != nil:
			err = refused
		case errors.Is(err, eventstore.ErrStreamNotFound):
			err = s.deletedOrMissing(ctx, stream, err)
		}
		if err != nil && !errors.Is(err, errStopped) {
			yield(eventstore.RecordedEvent{}, err)
		}
	}
}

// readStreamOptions maps our From (a version, 0 for the natural start) to a
// KurrentDB revision (version minus one).
func readStreamOptions(opts eventstore.ReadStreamOptions) (esdb.ReadStreamOptions, uint64) {
	ro := esdb.ReadStreamOptions{Direction: esdb.Forwards, From: esdb.Start{}}
	if opts.Direction == eventstore.Backward {
		ro.Direction, ro.From = esdb.Backwards, esdb.End{}
	}
	if opts.From > 0 {
		ro.From = esdb.Revision(opts.From - 1)
	}
	count := uint64(math.MaxInt64)
	if opts.Max > 0 {
		count = uint64(opts.Max)
	}
	return ro, count
}

// readEvents opens a read and hands each event to fn until fn returns
// false (errStopped), the read ends (nil), or ctx ends. Reads have no
// deadline of their own: ctx bounds them, and the read is closed on every
// way out so its gRPC call is cancelled.
func (s *Store) readEvents(ctx context.Context, op string, open func(*esdb.Client) (*esdb.ReadStream, error), fn func(*esdb.ResolvedEvent) bool) error {
	rs, c, err := callOn(ctx, s, open, func(rs *esdb.ReadStream) { rs.Close() })
	if err != nil {
		return failure(ctx, op, err)
	}
	defer rs.Close()
	done := make(chan struct{})
	defer close(done)
	events := pump(done, c, rs.Recv)
	for {
		select {
		case r := <-events:
			switch {
			case errors.Is(r.err, io.EOF):
				return nil
			case r.err != nil:
				return failure(ctx, op, r.err)
			case !fn(r.v):
				return errStopped
			}
		case <-ctx.Done():
			return mapError(op, ctx.Err())
		case <-c.dead:
			if s.clients.isClosed() {
				return mapError(op, eventstore.ErrClosed)
			}
			return mapError(op, errClientRetired)
		}
	}
}
