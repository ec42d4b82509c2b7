// Package eventstore defines the port through which the ledger reads and
// appends immutable events, and hosts its backends (sub-packages) and the
// conformance suite every backend must pass (storetest).
//
// Only this package tree knows a database. Everything above it sees streams of
// RecordedEvent values and our own error values.
package eventstore

import (
	"context"
	"iter"
	"time"

	"github.com/google/uuid"
)

// Limits every backend enforces before anything is written.
const (
	MaxStreamNameLen = 256
	MaxEventTypeLen  = 128
	// MaxAppendBytes bounds the data plus metadata of all events in one
	// append; KurrentDB refuses larger appends by default.
	MaxAppendBytes = 1 << 20
)

// EventData is an event as the caller proposes it. The ID is chosen by the
// caller so that a retried append of the same events is recognised and not
// written twice.
type EventData struct {
	ID       uuid.UUID
	Type     string
	Data     []byte
	Metadata []byte
}

// RecordedEvent is an event as the store holds it. Version is the event's
// place in its stream (the first event is version 1). Position is its place in
// the global log: strictly increasing in commit order; the embedded backend
// numbers it 1, 2, 3 with no gaps, other backends may leave gaps.
type RecordedEvent struct {
	ID         uuid.UUID
	Stream     string
	Version    uint64
	Position   uint64
	Type       string
	Data       []byte
	Metadata   []byte
	RecordedAt time.Time
}

// AppendResult tells where the last event of an append landed.
type AppendResult struct {
	// Version is the stream's version after the append.
	Version uint64
	// Position is the global position of the last appended event.
	Position uint64
}

// Direction of a stream read.
type Direction int

const (
	Forward Direction = iota
	Backward
)

// ReadStreamOptions bound a stream read. From is the first version to return
// (inclusive); zero means the stream's start when reading forward and its end
// when reading backward. Max of zero means no limit.
type ReadStreamOptions struct {
	Direction Direction
	From      uint64
	Max       int
}

// Store is the event store port. All methods are safe for concurrent use.
//
// Reads and subscriptions are iterators so that a caller can walk a million
// events without holding them in memory. An iterator yields at most one error,
// as its last element.
type Store interface {
	// Append writes events to the end of stream if the stream's current
	// version satisfies expected. Either every event is written or none is.
	// Appending events whose IDs are already the stream's events at the place
	// they were first written returns the first result and writes nothing.
	Append(ctx context.Context, stream string, expected ExpectedVersion, events ...EventData) (AppendResult, error)

	// ReadStream yields a stream's events. A stream that does not exist
	// yields ErrStreamNotFound.
	ReadStream(ctx context.Context, stream string, opts ReadStreamOptions) iter.Seq2[RecordedEvent, error]

	// ReadAll yields events of every stream in global order, starting after
	// position after (zero reads from the start), at most max of them (zero
	// means no limit).
	ReadAll(ctx context.Context, after uint64, max int) iter.Seq2[RecordedEvent, error]

	// SubscribeAll yields every event after position after, first those
	// already stored, then new ones as they are committed, in order and
	// without gaps, until ctx ends (the iterator then yields ctx.Err()) or the
	// caller stops ranging.
	SubscribeAll(ctx context.Context, after uint64) iter.Seq2[RecordedEvent, error]

	// Close releases the backend's resources. Appends that were acknowledged
	// before Close stay durable.
	Close() error
}
