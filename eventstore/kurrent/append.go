package kurrent

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"

	"github.com/movementcoord/ledger/eventstore"
)

// Append writes events with our expected version and our event ids, so a
// retry of the same append is recognised by the server and written once.
func (s *Store) Append(ctx context.Context, stream string, expected eventstore.ExpectedVersion, events ...eventstore.EventData) (eventstore.AppendResult, error) {
	if err := eventstore.ValidateAppend(stream, events); err != nil {
		return eventstore.AppendResult{}, err
	}
	data := make([]esdb.EventData, len(events))
	for i, ev := range events {
		data[i] = toEventData(ev, s.wrapMetadata(ev, events[0].ID.String()))
	}
	if err := checkAppendSize(stream, data, s.cfg.maxAppendSize, s.cfg.maxAppendEventSize); err != nil {
		return eventstore.AppendResult{}, err
	}
	opts := esdb.AppendToStreamOptions{ExpectedRevision: toExpectedRevision(expected)}
	res, err := call(ctx, s, func(c *esdb.Client) (*esdb.WriteResult, error) {
		return c.AppendToStream(ctx, s.stream(stream), opts, data...)
	}, nil)
	if err != nil {
		return eventstore.AppendResult{}, s.appendError(ctx, stream, expected, err)
	}
	return s.appendResult(ctx, stream, res)
}

// appendResult converts the reply. A server may answer an idempotent retry
// without a position (the client then reports 0); the position of the last
// event is then read back so that a retry returns the first result.
func (s *Store) appendResult(ctx context.Context, stream string, res *esdb.WriteResult) (eventstore.AppendResult, error) {
	out := eventstore.AppendResult{Version: res.NextExpectedVersion + 1, Position: res.CommitPosition}
	if out.Position != 0 {
		return out, nil
	}
	ev, err := s.eventAt(ctx, stream, out.Version)
	if err != nil {
		return eventstore.AppendResult{}, fmt.Errorf("append to %s: find position of version %d: %w", stream, out.Version, err)
	}
	out.Position = ev.Position
	return out, nil
}

// eventAt reads one event of a stream by our version.
func (s *Store) eventAt(ctx context.Context, stream string, version uint64) (eventstore.RecordedEvent, error) {
	for ev, err := range s.ReadStream(ctx, stream, eventstore.ReadStreamOptions{From: version, Max: 1}) {
		return ev, err
	}
	return eventstore.RecordedEvent{}, eventstore.ErrStreamNotFound
}

func (s *Store) appendError(ctx context.Context, stream string, expected eventstore.ExpectedVersion, err error) error {
	var e *esdb.Error
	if !errors.As(err, &e) || e.Code() != esdb.ErrorCodeWrongExpectedVersion {
		return failure(ctx, "append to "+stream, err)
	}
	actual, ok := parseActual(e)
	if !ok {
		actual = s.currentVersion(ctx, stream)
	}
	return &eventstore.WrongExpectedVersionError{Stream: stream, Expected: expected, Actual: actual}
}

// The client keeps the server's current revision only in its message:
// "wrong expected version: expecting '<e>' but got '<revision|no_stream>'".
var gotRevision = regexp.MustCompile(`but got '([^']*)'`)

func parseActual(e *esdb.Error) (uint64, bool) {
	if e.Err() == nil {
		return 0, false
	}
	return actualFromMessage(e.Err().Error())
}

// actualFromMessage reads our version (revision plus one, 0 for no stream)
// from the client's message.
func actualFromMessage(msg string) (uint64, bool) {
	m := gotRevision.FindStringSubmatch(msg)
	if m == nil {
		return 0, false
	}
	if m[1] == "no_stream" {
		return 0, true
	}
	rev, err := strconv.ParseUint(m[1], 10, 64)
	if err != nil {
		return 0, false
	}
	return rev + 1, true
}

// currentVersion reads the stream's last version, the fallback when the
// client's message cannot be parsed; 0 when it cannot be read.
func (s *Store) currentVersion(ctx context.Context, stream string) uint64 {
	for ev, err := range s.ReadStream(ctx, stream, eventstore.ReadStreamOptions{Direction: eventstore.Backward, Max: 1}) {
		if err == nil {
			return ev.Version
		}
	}
	return 0
}
