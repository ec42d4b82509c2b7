package eventstore

import (
	"errors"
	"fmt"
)

// Errors every backend returns, so callers never see a database's own errors.
var (
	ErrWrongExpectedVersion   = errors.New("wrong expected version")
	ErrStreamNotFound         = errors.New("stream not found")
	ErrInvalidStreamName      = errors.New("invalid stream name")
	ErrInvalidEventType       = errors.New("invalid event type")
	ErrPayloadTooLarge        = errors.New("event payload too large")
	ErrInvalidExpectedVersion = errors.New("invalid expected version")
	ErrNoEvents               = errors.New("no events to append")
	ErrDuplicateEventID       = errors.New("event id already used elsewhere")
	ErrInvalidEventID         = errors.New("invalid event id")
	ErrUnavailable            = errors.New("event store unavailable")
	ErrClosed                 = errors.New("event store closed")
	// ErrInvalidPosition: a global position (ReadAll, SubscribeAll) that is
	// no event's position in this log, such as a client's stale or made-up
	// Last-Event-ID. Retrying does not help.
	ErrInvalidPosition = errors.New("invalid position")
	// ErrHistoryRemoved: events of a stream were hidden or removed by the
	// database's own retention or deletion (KurrentDB stream metadata set
	// by an operator, a soft delete, a scavenge). The stream is not handed
	// over as a shorter history.
	ErrHistoryRemoved = errors.New("events of the stream were removed in the store")
	// ErrStorageFull: the disk holding the store is full. Nothing of the
	// failed write was kept; what was acknowledged before stays.
	ErrStorageFull = errors.New("storage full")
)

// WrongExpectedVersionError says what the stream's version actually was, so a
// caller can reload and retry. It matches ErrWrongExpectedVersion with
// errors.Is.
type WrongExpectedVersionError struct {
	Stream   string
	Expected ExpectedVersion
	Actual   uint64 // 0 when the stream does not exist
}

func (e *WrongExpectedVersionError) Error() string {
	return fmt.Sprintf("append to %s: expected version %s, stream is at version %d",
		e.Stream, e.Expected, e.Actual)
}

// Is lets errors.Is(err, ErrWrongExpectedVersion) match.
func (e *WrongExpectedVersionError) Is(target error) bool {
	return target == ErrWrongExpectedVersion
}
